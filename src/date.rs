//! Calendar dates and intervals, for review dates (`reviewed: 2026-05-01`, `review_every:
//! 6 months`) and the dates handbok prints. Hand-rolled rather than a date crate: handbok needs
//! only proleptic Gregorian days (no times, no time zones), which is a pair of well-known
//! conversions (Howard Hinnant's `days_from_civil` and `civil_from_days`) and month
//! arithmetic, all tested below.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A day of the Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// What a valid date looks like, for messages.
pub const DATE_HELP: &str = "a date written year-month-day, such as `2026-05-01`";

impl Date {
    /// The date, when the day exists (`2026-02-30` does not).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// `2026-05-01`, strictly: four-digit year, two-digit month and day. What is wrong comes
    /// back in words.
    pub fn parse(text: &str) -> Result<Date, String> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let digits =
            |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
        if parts.len() != 3 || !digits(parts[0], 4) || !digits(parts[1], 2) || !digits(parts[2], 2)
        {
            return Err(format!("`{text}` is not a date"));
        }
        // Four and two ASCII digits always parse.
        let year: i32 = parts[0].parse().unwrap_or_default();
        let month: u8 = parts[1].parse().unwrap_or_default();
        let day: u8 = parts[2].parse().unwrap_or_default();
        if !(1..=12).contains(&month) {
            return Err(format!(
                "`{text}` has no month {month} (months are 01 to 12)"
            ));
        }
        Date::new(year, month, day).ok_or_else(|| {
            format!(
                "`{text}`: {} {year} has {} days",
                MONTHS[usize::from(month) - 1],
                days_in_month(year, month)
            )
        })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year.rem_euclid(400);
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_index + 2) / 5 + 1;
        let month = if month_index < 10 {
            month_index + 3
        } else {
            month_index - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date {
            year: year as i32,
            month: month as u8,
            day: day as u8,
        }
    }

    /// The UTC date of a moment.
    pub fn of(time: SystemTime) -> Date {
        let seconds = match time.duration_since(UNIX_EPOCH) {
            Ok(after) => after.as_secs() as i64,
            Err(before) => -(before.duration().as_secs() as i64) - 1,
        };
        Date::from_days(seconds.div_euclid(86_400))
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> Date {
        Date::of(SystemTime::now())
    }

    /// The same day `months` later; a day the target month lacks becomes its last day
    /// (31 January + 1 month = 28 or 29 February).
    pub fn add_months(self, months: u32) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(months);
        let year = index.div_euclid(12) as i32;
        let month = (index.rem_euclid(12) + 1) as u8;
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days(self.days() + days)
    }

    /// How long after `self` the later date `to` is, in whole months and the days left over;
    /// `None` when `to` is not later.
    pub fn until(self, to: Date) -> Option<Elapsed> {
        if to <= self {
            return None;
        }
        let mut months = (i64::from(to.year) - i64::from(self.year)) * 12 + i64::from(to.month)
            - i64::from(self.month);
        if self.add_months(months.max(0) as u32) > to {
            months -= 1;
        }
        let months = months.max(0) as u32;
        Some(Elapsed {
            months,
            days: to.days() - self.add_months(months).days(),
            total_days: to.days() - self.days(),
        })
    }

    /// The date written out with a language's pattern and month names: `{day}`, `{month}`
    /// and `{year}` in `pattern` (`{day}. {month} {year}` gives "1. mai 2026").
    pub fn written(self, pattern: &str, month_names: &[&str]) -> String {
        let month = month_names
            .get(usize::from(self.month) - 1)
            .copied()
            .unwrap_or(MONTHS[usize::from(self.month) - 1]);
        pattern
            .replace("{day}", &self.day.to_string())
            .replace("{month}", month)
            .replace("{year}", &self.year.to_string())
    }
}

/// The date an interval later: `2026-05-01 + 6 months`.
impl std::ops::Add<Interval> for Date {
    type Output = Date;

    fn add(self, interval: Interval) -> Date {
        match interval.unit {
            Unit::Day => self.add_days(i64::from(interval.count)),
            Unit::Week => self.add_days(7 * i64::from(interval.count)),
            Unit::Month => self.add_months(interval.count),
            Unit::Year => self.add_months(12 * interval.count),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// How long one date is after another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Elapsed {
    /// Whole months.
    pub months: u32,
    /// Days after the whole months.
    pub days: i64,
    pub total_days: i64,
}

impl fmt::Display for Elapsed {
    /// The largest units that say it: "1 year and 2 months", "3 months", "12 days".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (years, months) = (self.months / 12, self.months % 12);
        match (years, months) {
            (0, 0) => write!(f, "{}", count(self.days as u32, "day")),
            (0, months) => write!(f, "{}", count(months, "month")),
            (years, 0) => write!(f, "{}", count(years, "year")),
            (years, months) => write!(f, "{} and {}", count(years, "year"), count(months, "month")),
        }
    }
}

fn count(n: u32, unit: &str) -> String {
    match n {
        1 => format!("1 {unit}"),
        n => format!("{n} {unit}s"),
    }
}

/// A length of time in whole calendar units: `90 days`, `2 weeks`, `6 months`, `1 year`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    count: u32,
    unit: Unit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// What a valid interval looks like, for messages.
pub const INTERVAL_HELP: &str =
    "a number and a unit (days, weeks, months or years), such as `6 months` or `1 year`";

/// Unit names read, in English and Norwegian (bokmål and nynorsk), singular and plural.
const UNIT_NAMES: &[(&str, Unit)] = &[
    ("day", Unit::Day),
    ("days", Unit::Day),
    ("dag", Unit::Day),
    ("dager", Unit::Day),
    ("dagar", Unit::Day),
    ("week", Unit::Week),
    ("weeks", Unit::Week),
    ("uke", Unit::Week),
    ("uker", Unit::Week),
    ("veke", Unit::Week),
    ("veker", Unit::Week),
    ("month", Unit::Month),
    ("months", Unit::Month),
    ("måned", Unit::Month),
    ("måneder", Unit::Month),
    ("månad", Unit::Month),
    ("månader", Unit::Month),
    ("year", Unit::Year),
    ("years", Unit::Year),
    ("år", Unit::Year),
];

impl Interval {
    /// `6 months`, `1 year`, `90 days`, `2 weeks` (Norwegian units too: `6 måneder`, `1 år`).
    pub fn parse(text: &str) -> Result<Interval, String> {
        let text = text.trim();
        let not = || format!("`{text}` is not an interval");
        let mut words = text.split_whitespace();
        let (Some(number), Some(unit), None) = (words.next(), words.next(), words.next()) else {
            return Err(not());
        };
        let count: u32 = number.parse().map_err(|_| not())?;
        let unit = unit.to_lowercase();
        let unit = UNIT_NAMES
            .iter()
            .find(|(name, _)| *name == unit)
            .map(|(_, unit)| *unit)
            .ok_or_else(|| format!("`{text}`: `{unit}` is not a unit of time"))?;
        // Ten years is the longest sensible review cycle; a larger number is a typo.
        let days = match unit {
            Unit::Day => count,
            Unit::Week => count.saturating_mul(7),
            Unit::Month => count.saturating_mul(30),
            Unit::Year => count.saturating_mul(365),
        };
        if count == 0 {
            return Err(format!("`{text}` is no time at all"));
        }
        if days > 3660 {
            return Err(format!("`{text}` is longer than ten years"));
        }
        Ok(Interval { count, unit })
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Year => "year",
        };
        f.write_str(&count(self.count, unit))
    }
}

/// Any scalar as the text it was written as: `review_every: 6` reaches the check that says
/// what is missing (a unit) rather than a type error, and TOML's unquoted dates
/// (`reviewed = 2026-05-01`, which the toml crate hands over as a one-entry map) are text too.
pub fn scalar_text<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    struct ScalarText;
    impl<'de> serde::de::Visitor<'de> for ScalarText {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a date or an interval")
        }
        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Self::Value, E> {
            Ok(Some(value.to_string()))
        }
        fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Self::Value, E> {
            Ok(Some(value.to_string()))
        }
        fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Self::Value, E> {
            Ok(Some(value.to_string()))
        }
        fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Self::Value, E> {
            Ok(Some(value.to_string()))
        }
        fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<Self::Value, E> {
            Ok(Some(value.to_string()))
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            // toml's datetime: `{"$__toml_private_datetime": "2026-05-01"}`.
            let mut text = None;
            while let Some((key, value)) = map.next_entry::<String, String>()? {
                if key.contains("datetime") {
                    text = Some(value);
                }
            }
            text.map(Some)
                .ok_or_else(|| serde::de::Error::custom("expected a date or an interval"))
        }
    }
    deserializer.deserialize_any(ScalarText)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn dates_parse_strictly_and_say_what_is_wrong() {
        assert_eq!(date("2026-05-01"), Date::new(2026, 5, 1).unwrap());
        assert_eq!(date(" 2024-02-29 ").to_string(), "2024-02-29");
        assert_eq!(
            Date::parse("2026-02-29").unwrap_err(),
            "`2026-02-29`: February 2026 has 28 days"
        );
        assert_eq!(
            Date::parse("2026-13-01").unwrap_err(),
            "`2026-13-01` has no month 13 (months are 01 to 12)"
        );
        for bad in [
            "",
            "2026",
            "2026-5-1",
            "01.05.2026",
            "2026/05/01",
            "26-05-01",
            "2026-05-01T10:00",
            "yesterday",
            "2026-00-10",
            "2026-04-31",
            "2026-04-00",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
        assert!(Date::parse("2000-02-29").is_ok(), "2000 is a leap year");
        assert!(Date::parse("1900-02-29").is_err(), "1900 is not");
    }

    #[test]
    fn days_and_dates_convert_both_ways() {
        assert_eq!(date("1970-01-01").days(), 0);
        assert_eq!(date("2000-03-01").days(), 11_017);
        assert_eq!(date("1969-12-31").days(), -1);
        for days in [-800_000, -1, 0, 59, 60, 11_016, 20_000, 2_932_896] {
            assert_eq!(Date::from_days(days).days(), days);
        }
        let mut day = date("1999-12-25");
        for _ in 0..1500 {
            let next = day.add_days(1);
            assert!(
                next > day && next.days() == day.days() + 1,
                "{day} → {next}"
            );
            day = next;
        }
        assert_eq!(
            Date::of(UNIX_EPOCH + std::time::Duration::from_secs(1_795_996_800)),
            date("2026-11-30")
        );
    }

    #[test]
    fn months_are_added_with_the_day_kept_or_clamped() {
        assert_eq!(date("2026-01-31").add_months(1), date("2026-02-28"));
        assert_eq!(date("2024-01-31").add_months(1), date("2024-02-29"));
        assert_eq!(date("2026-03-31").add_months(1), date("2026-04-30"));
        assert_eq!(date("2026-08-31").add_months(6), date("2027-02-28"));
        assert_eq!(date("2025-11-15").add_months(3), date("2026-02-15"));
        // A leap day a year on is the last day of February.
        assert_eq!(date("2024-02-29").add_months(12), date("2025-02-28"));
        assert_eq!(date("2024-02-29").add_months(48), date("2028-02-29"));
        let every = |text: &str| Interval::parse(text).unwrap();
        assert_eq!(date("2026-05-01") + every("1 year"), date("2027-05-01"));
        assert_eq!(date("2026-12-25") + every("2 weeks"), date("2027-01-08"));
        assert_eq!(date("2024-02-01") + every("90 days"), date("2024-05-01"));
    }

    #[test]
    fn elapsed_time_is_whole_months_and_days_in_words() {
        let said = |from: &str, to: &str| date(from).until(date(to)).unwrap().to_string();
        assert_eq!(said("2026-05-01", "2026-08-04"), "3 months");
        assert_eq!(said("2026-05-01", "2026-05-02"), "1 day");
        assert_eq!(said("2026-05-01", "2026-05-31"), "30 days");
        assert_eq!(said("2026-01-31", "2026-02-28"), "1 month");
        assert_eq!(said("2025-03-01", "2026-05-20"), "1 year and 2 months");
        assert_eq!(said("2024-02-29", "2026-03-01"), "2 years");
        assert_eq!(date("2026-05-01").until(date("2026-05-01")), None);
        assert_eq!(date("2026-05-01").until(date("2026-04-01")), None);
        let elapsed = date("2026-05-01").until(date("2026-08-04")).unwrap();
        assert_eq!(
            (elapsed.months, elapsed.days, elapsed.total_days),
            (3, 3, 95)
        );
    }

    #[test]
    fn intervals_parse_in_english_and_norwegian() {
        let said = |text: &str| Interval::parse(text).map(|i| i.to_string());
        assert_eq!(said("6 months").unwrap(), "6 months");
        assert_eq!(said("1 Year").unwrap(), "1 year");
        assert_eq!(said(" 90  days ").unwrap(), "90 days");
        assert_eq!(said("2 weeks").unwrap(), "2 weeks");
        assert_eq!(said("6 måneder").unwrap(), "6 months");
        assert_eq!(said("1 år").unwrap(), "1 year");
        assert_eq!(said("3 veker").unwrap(), "3 weeks");
        assert_eq!(
            said("6 moons").unwrap_err(),
            "`6 moons`: `moons` is not a unit of time"
        );
        assert_eq!(said("0 days").unwrap_err(), "`0 days` is no time at all");
        assert!(said("11 years").unwrap_err().contains("ten years"));
        for bad in [
            "",
            "6",
            "months",
            "six months",
            "-1 month",
            "1.5 years",
            "6 months ago",
        ] {
            assert!(Interval::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_are_written_the_way_a_language_writes_them() {
        let nb = [
            "januar",
            "februar",
            "mars",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "desember",
        ];
        assert_eq!(
            date("2026-05-01").written("{day}. {month} {year}", &nb),
            "1. mai 2026"
        );
        assert_eq!(
            date("2026-05-01").written("{day} {month} {year}", &MONTHS),
            "1 May 2026"
        );
        assert_eq!(
            date("2026-12-24").written("{month} {day}, {year}", &[]),
            "December 24, 2026"
        );
    }
}
