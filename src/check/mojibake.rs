//! Encoding damage: UTF-8 text that was read as Windows-1252, Latin-1 or Mac Roman and saved
//! again, so `på` became `pÃ¥` or `p√•`. Each such run, encoded back in the wrong encoding,
//! gives valid UTF-8 again: that is both the test and the repair.

use encoding_rs::{Encoding, MACINTOSH, WINDOWS_1252};

/// One damaged run in a line: byte range within the line, and what it most likely was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    pub start: usize,
    pub end: usize,
    pub damaged: String,
    pub repaired: String,
    pub encoding: &'static str,
}

/// Windows-1252 is a superset of the printable Latin-1 range, so it covers both.
const ENCODINGS: [(&Encoding, &str); 2] = [
    (WINDOWS_1252, "Windows-1252/Latin-1"),
    (MACINTOSH, "Mac Roman"),
];

pub fn find(line: &str) -> Vec<Damage> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut matched = None;
        if !chars[i].1.is_ascii() {
            // A UTF-8 sequence is 2 to 4 bytes, each byte one character once misread.
            'lengths: for length in 2..=4 {
                if i + length > chars.len() {
                    break;
                }
                let start = chars[i].0;
                let end = chars.get(i + length).map_or(line.len(), |c| c.0);
                let run = &line[start..end];
                for (encoding, name) in ENCODINGS {
                    let (bytes, _, unmappable) = encoding.encode(run);
                    if unmappable || bytes.len() != length {
                        continue;
                    }
                    if let Ok(text) = std::str::from_utf8(&bytes)
                        && text.chars().count() == 1
                        && text.chars().all(|c| !c.is_ascii() && !c.is_control())
                    {
                        matched = Some((
                            length,
                            Damage {
                                start,
                                end,
                                damaged: run.to_string(),
                                repaired: text.to_string(),
                                encoding: name,
                            },
                        ));
                        break 'lengths;
                    }
                }
            }
        }
        match matched {
            Some((length, damage)) => {
                found.push(damage);
                i += length;
            }
            None => i += 1,
        }
    }
    found
}

/// The line with every damaged run repaired.
pub fn repair(line: &str, damages: &[Damage]) -> String {
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    for damage in damages {
        out.push_str(&line[at..damage.start]);
        out.push_str(&damage.repaired);
        at = damage.end;
    }
    out.push_str(&line[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(line: &str) -> String {
        repair(line, &find(line))
    }

    #[test]
    fn finds_and_repairs_the_usual_damage() {
        assert_eq!(repaired("mobilskjerm p√• kneet"), "mobilskjerm på kneet");
        assert_eq!(
            repaired("OvervÃ¥king og feilsÃ¸king"),
            "Overvåking og feilsøking"
        );
        assert_eq!(repaired("BÃ¦rum"), "Bærum");
        assert_eq!(repaired("itâ€™s"), "it’s");
        assert_eq!(repaired("â€œquotedâ€\u{9d}"), "“quoted”");
        assert_eq!(find("p√• kneet")[0].encoding, "Mac Roman");
    }

    #[test]
    fn correct_norwegian_and_symbols_are_left_alone() {
        for line in [
            "Overvåking, sikkerhetskopiering og gjenoppretting på tvers av miljøer",
            "ÆØÅ æøå é ü ß — “sitat” – €100 ½ © ™ …",
            "Blåbærsyltetøy",
            "Ærlig talt, Ørsta og Åland",
            "naïve café déjà vu",
        ] {
            assert!(find(line).is_empty(), "{line}: {:?}", find(line));
        }
    }
}
