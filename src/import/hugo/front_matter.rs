//! Front matter edited line by line, YAML or TOML alike, so that whatever the import does not
//! touch (unknown keys, comments, order, quoting) stays byte for byte. It knows the top-level
//! keys and where their values are written; that is all the renames and rewrites need.

use std::ops::Range;

use crate::content::front_matter::MatterFormat;

use super::config::yaml_scalar;

#[derive(Debug, Clone)]
pub struct Matter {
    format: MatterFormat,
    /// Each line with its line ending.
    lines: Vec<String>,
    entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
struct Entry {
    key: String,
    /// The TOML table the key is in (`""` at the top); always `""` in YAML.
    table: String,
    line: usize,
    /// One past the last line of the entry's value.
    end: usize,
    /// Byte range of the key on its line.
    key_range: Range<usize>,
    /// Where the value starts on the key's line (after `:` or `=`).
    value_start: usize,
}

impl Matter {
    pub fn parse(text: &str, format: MatterFormat) -> Matter {
        let lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
        let mut entries: Vec<Entry> = Vec::new();
        let mut table = String::new();
        for (index, line) in lines.iter().enumerate() {
            let found = match format {
                MatterFormat::Yaml => yaml_key(line),
                MatterFormat::Toml => {
                    let trimmed = line.trim();
                    if trimmed.starts_with('[') {
                        table = trimmed
                            .trim_start_matches('[')
                            .trim_end_matches(']')
                            .trim()
                            .to_string();
                        if let Some(last) = entries.last_mut()
                            && last.end > index
                        {
                            last.end = index;
                        }
                        continue;
                    }
                    toml_key(line)
                }
            };
            if let Some((key_range, value_start)) = found {
                if let Some(last) = entries.last_mut()
                    && last.end > index
                {
                    last.end = index;
                }
                entries.push(Entry {
                    key: unquote(&line[key_range.clone()]),
                    table: table.clone(),
                    line: index,
                    end: lines.len(),
                    key_range,
                    value_start,
                });
            }
        }
        Matter {
            format,
            lines,
            entries,
        }
    }

    pub fn text(&self) -> String {
        self.lines.concat()
    }

    fn top(&self, key: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.table.is_empty() && e.key == key)
    }

    /// Whether the top level sets `key`.
    pub fn has(&self, key: &str) -> bool {
        self.top(key).is_some()
    }

    /// The value of a top-level key written on its line (`title: "A"` → `A`); `None` when
    /// it is not set there (absent, empty, or a block that starts on the next lines).
    pub fn scalar(&self, key: &str) -> Option<String> {
        let entry = self.top(key)?;
        let value = strip_comment(&self.lines[entry.line][entry.value_start..]).trim();
        if value.is_empty() || value.starts_with(['|', '>']) {
            return None;
        }
        Some(unquote(value))
    }

    /// Whether a top-level key holds a value at all (a block scalar or list counts).
    pub fn has_value(&self, key: &str) -> bool {
        let Some(entry) = self.top(key) else {
            return false;
        };
        let first = strip_comment(&self.lines[entry.line][entry.value_start..]).trim();
        let value = if first.starts_with(['|', '>']) {
            (entry.line + 1..entry.end).any(|i| !self.lines[i].trim().is_empty())
        } else {
            !first.is_empty() && first != "\"\"" && first != "''"
        };
        value || self.items(key).iter().any(|i| !i.is_empty())
    }

    /// The items of a top-level list (or the one value): `aliases: [/a/, "/b/"]`.
    pub fn items(&self, key: &str) -> Vec<String> {
        let Some(entry) = self.top(key) else {
            return Vec::new();
        };
        self.item_ranges(entry)
            .into_iter()
            .map(|(line, range)| unquote_item(&self.lines[line][range]))
            .collect()
    }

    fn item_ranges(&self, entry: &Entry) -> Vec<(usize, Range<usize>)> {
        let mut ranges = Vec::new();
        for line in entry.line..entry.end {
            let from = if line == entry.line {
                entry.value_start
            } else {
                0
            };
            for range in item_ranges(&self.lines[line], from) {
                ranges.push((line, range));
            }
        }
        ranges
    }

    /// Renames a top-level key in place, keeping its value as written.
    pub fn rename(&mut self, key: &str, new: &str) -> bool {
        let Some(entry) = self.top(key).cloned() else {
            return false;
        };
        self.lines[entry.line].replace_range(entry.key_range, new);
        let shift = new.len() as isize - (entry.key.len() as isize);
        let entry = self
            .entries
            .iter_mut()
            .find(|e| e.line == entry.line)
            .expect("the entry just read");
        entry.key = new.to_string();
        entry.key_range = entry.key_range.start..entry.key_range.start + new.len();
        entry.value_start = (entry.value_start as isize + shift) as usize;
        true
    }

    /// Replaces the items of a top-level key where `change` gives a new text; returns how
    /// many changed. Quotes stay as written.
    pub fn map_items(&mut self, key: &str, change: impl FnMut(&str) -> Option<String>) -> usize {
        let Some(entry) = self.top(key).cloned() else {
            return 0;
        };
        let ranges = self.item_ranges(&entry);
        self.replace_items(ranges, change)
    }

    /// Like [`Matter::map_items`] for every key named one of `keys`, at any depth (image
    /// paths sit in tables: `banner.image.src`, `[[images]]`, `cover: {image: …}`).
    pub fn map_items_anywhere(
        &mut self,
        keys: &[&str],
        mut change: impl FnMut(usize, &str) -> Option<String>,
    ) -> usize {
        let mut ranges = Vec::new();
        for (index, line) in self.lines.iter().enumerate() {
            let Some((key, value_start)) = any_key(line, self.format) else {
                continue;
            };
            if !keys.contains(&key.as_str()) {
                continue;
            }
            ranges.extend(
                item_ranges(line, value_start)
                    .into_iter()
                    .map(|r| (index, r)),
            );
            // A YAML list below the key: `images:` then `  - a.png` lines.
            if line[value_start..].trim().is_empty() && self.format == MatterFormat::Yaml {
                let indent = line.len() - line.trim_start().len();
                for (next, text) in self.lines.iter().enumerate().skip(index + 1) {
                    let item = text.trim_start();
                    let deeper = text.len() - item.len() > indent
                        || (text.len() - item.len() == indent && item.starts_with("- "));
                    if !deeper || !item.starts_with("- ") {
                        break;
                    }
                    ranges.extend(item_ranges(text, 0).into_iter().map(|r| (next, r)));
                }
            }
        }
        let mut count = 0;
        for (line, range) in ranges.into_iter().rev() {
            let written = self.lines[line][range.clone()].to_string();
            if let Some(new) = change(line, &unquote_item(&written))
                && new != unquote_item(&written)
            {
                self.lines[line].replace_range(range, &new);
                count += 1;
            }
        }
        count
    }

    fn replace_items(
        &mut self,
        ranges: Vec<(usize, Range<usize>)>,
        mut change: impl FnMut(&str) -> Option<String>,
    ) -> usize {
        let mut count = 0;
        for (line, range) in ranges.into_iter().rev() {
            let written = unquote_item(&self.lines[line][range.clone()]);
            if let Some(new) = change(&written)
                && new != written
            {
                self.lines[line].replace_range(range, &new);
                count += 1;
            }
        }
        count
    }

    /// Adds a top-level key with a text or `true`/`false` value: at the end of YAML, before
    /// the first table of TOML (where it is still top level).
    pub fn insert(&mut self, key: &str, value: &str) {
        let newline = if self.lines.first().is_some_and(|l| l.ends_with("\r\n")) {
            "\r\n"
        } else {
            "\n"
        };
        let is_bool = value == "true" || value == "false";
        let line = match self.format {
            MatterFormat::Yaml if is_bool => format!("{key}: {value}{newline}"),
            MatterFormat::Yaml => format!("{key}: {}{newline}", yaml_scalar(value)),
            MatterFormat::Toml if is_bool => format!("{key} = {value}{newline}"),
            MatterFormat::Toml => format!("{key} = {}{newline}", toml_string(value)),
        };
        let at = match self.format {
            MatterFormat::Toml => self
                .lines
                .iter()
                .position(|l| l.trim_start().starts_with('['))
                .unwrap_or(self.lines.len()),
            MatterFormat::Yaml => self.lines.len(),
        };
        if at > 0 && !self.lines[at - 1].ends_with('\n') {
            self.lines[at - 1].push_str(newline);
        }
        self.lines.insert(at, line);
        *self = Matter::parse(&self.text(), self.format);
    }

    /// Hugo's `_build: {render: never}` (or `build:`, or `render: false`): a page that is
    /// not published but whose content other pages use.
    pub fn never_rendered(&self) -> bool {
        self.entries.iter().any(|entry| {
            let in_build_table = matches!(entry.table.as_str(), "_build" | "build");
            let build_key =
                entry.table.is_empty() && (entry.key == "_build" || entry.key == "build");
            if !(build_key || in_build_table && entry.key == "render") {
                return false;
            }
            let from = if in_build_table {
                entry.key_range.start
            } else {
                entry.value_start
            };
            let mut text = self.lines[entry.line][from..].to_string();
            for line in entry.line + 1..entry.end {
                text.push_str(&self.lines[line]);
            }
            renders_never(&text)
        })
    }

    /// 1-based line within the front matter of a top-level key.
    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.top(key).map(|e| e.line + 1)
    }

    pub fn format(&self) -> MatterFormat {
        self.format
    }

    /// The key set on (or continued on) a 0-based line, and whether it is top level.
    pub fn key_at(&self, line: usize) -> Option<(&str, bool)> {
        self.entries
            .iter()
            .find(|e| e.line <= line && line < e.end)
            .map(|e| (e.key.as_str(), e.table.is_empty()))
    }

    /// Turns the lines of an entry into comments: what handbok cannot read stays visible
    /// in the file. `which`: the entries of `key` at the top level to comment out, by order.
    pub fn comment_out(&mut self, key: &str, which: impl Fn(usize, usize) -> bool) -> usize {
        let entries: Vec<Entry> = self
            .entries
            .iter()
            .filter(|e| e.table.is_empty() && e.key == key)
            .cloned()
            .collect();
        let count = entries.len();
        let mut done = 0;
        for (index, entry) in entries.iter().enumerate() {
            if !which(index, count) {
                continue;
            }
            for line in entry.line..entry.end {
                let text = self.lines[line].trim_start();
                if !text.is_empty() && !text.starts_with('#') {
                    self.lines[line].insert_str(0, "# ");
                }
            }
            done += 1;
        }
        *self = Matter::parse(&self.text(), self.format);
        done
    }

    /// Takes the items of a top-level list out where `remove` says so: a `- item` line is
    /// commented out, an item of `[a, b]` is cut with its comma, a lone value becomes `[]`.
    pub fn remove_items(&mut self, key: &str, mut remove: impl FnMut(&str) -> bool) -> usize {
        let Some(entry) = self.top(key).cloned() else {
            return 0;
        };
        let mut count = 0;
        for (line, range) in self.item_ranges(&entry).into_iter().rev() {
            if !remove(&unquote_item(&self.lines[line][range.clone()])) {
                continue;
            }
            count += 1;
            let text = &self.lines[line];
            let quoted =
                range.start > 0 && matches!(text.as_bytes()[range.start - 1], b'"' | b'\'');
            let (start, end) = if quoted {
                (range.start - 1, range.end + 1)
            } else {
                (range.start, range.end)
            };
            let before = text[..start].trim();
            if before == "-" {
                self.lines[line].insert_str(0, "# ");
            } else if before.ends_with(':') || before.ends_with('=') {
                self.lines[line].replace_range(start..end, "[]");
            } else {
                let after = &text[end..];
                let comma = after.trim_start();
                let cut = if let Some(rest) = comma.strip_prefix(',') {
                    start..text.len() - rest.trim_start().len()
                } else {
                    let kept = text[..start].trim_end();
                    match kept.strip_suffix(',') {
                        Some(without) => without.len()..end,
                        None => start..end,
                    }
                };
                self.lines[line].replace_range(cut, "");
            }
        }
        *self = Matter::parse(&self.text(), self.format);
        count
    }

    /// Replaces the value of a one-line top-level key (`title: ""` → `title: Drift`).
    pub fn set(&mut self, key: &str, value: &str) -> bool {
        let Some(entry) = self.top(key).cloned() else {
            return false;
        };
        let line = &self.lines[entry.line];
        let ending = &line[line.trim_end_matches(['\r', '\n']).len()..];
        let written = match self.format {
            MatterFormat::Yaml => format!(" {}", yaml_scalar(value)),
            MatterFormat::Toml => format!(" {}", toml_string(value)),
        };
        let new = format!("{}{written}{ending}", &line[..entry.value_start]);
        self.lines[entry.line] = new;
        *self = Matter::parse(&self.text(), self.format);
        true
    }
}

/// Whether `render: never` / `render = "never"` / `render: false` is written in `text`.
fn renders_never(text: &str) -> bool {
    let Some(at) = text.find("render") else {
        return false;
    };
    let value = text[at + "render".len()..]
        .trim_start_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace())
        .trim_start_matches([':', '='])
        .trim_start()
        .trim_start_matches(['"', '\'']);
    value.starts_with("never") || value.starts_with("false")
}

/// A top-level YAML key on this line: the key's range and where its value starts.
fn yaml_key(line: &str) -> Option<(Range<usize>, usize)> {
    let first = line.chars().next()?;
    if first.is_whitespace() || first == '#' || first == '-' {
        return None;
    }
    let key_end = key_end(line, ':')?;
    let after = &line[key_end + 1..];
    if !(after.is_empty() || after.starts_with([' ', '\t', '\r', '\n'])) {
        return None;
    }
    // `title : A` (as Learn's pages write it): the key without the space.
    Some((0..line[..key_end].trim_end().len(), key_end + 1))
}

/// A TOML `key = value` on this line.
fn toml_key(line: &str) -> Option<(Range<usize>, usize)> {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    if rest.is_empty() || rest.starts_with('#') {
        return None;
    }
    let end = indent + key_end(rest, '=')?;
    let key_text_end = indent + line[indent..end].trim_end().len();
    Some((indent..key_text_end, end + 1))
}

/// Any key on this line (nested or not, a YAML list item's too): its name and where its
/// value starts.
fn any_key(line: &str, format: MatterFormat) -> Option<(String, usize)> {
    let indent = line.len() - line.trim_start().len();
    let mut start = indent;
    if line[start..].starts_with("- ") {
        start += 2;
    }
    let rest = &line[start..];
    if rest.starts_with('#') || rest.is_empty() {
        return None;
    }
    let separator = match format {
        MatterFormat::Yaml => ':',
        MatterFormat::Toml => '=',
    };
    let end = start + key_end(rest, separator)?;
    let after = &line[end + 1..];
    if format == MatterFormat::Yaml
        && !(after.is_empty() || after.starts_with([' ', '\t', '\r', '\n']))
    {
        return None;
    }
    Some((unquote(line[start..end].trim()), end + 1))
}

/// Where the separator after a key is: the key is a bare word or a quoted string.
fn key_end(text: &str, separator: char) -> Option<usize> {
    let first = text.chars().next()?;
    if first == '"' || first == '\'' {
        let close = text[1..].find(first)? + 1;
        let after = close + 1 + text[close + 1..].len() - text[close + 1..].trim_start().len();
        return text[after..].starts_with(separator).then_some(after);
    }
    let at = text.find(separator)?;
    let key = text[..at].trim_end();
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || "_-.".contains(c));
    plain.then_some(at)
}

/// Byte ranges of the items written on a line from `from` on: the text inside quotes, or a
/// bare word; list markers, brackets, commas and comments are not items.
fn item_ranges(line: &str, from: usize) -> Vec<Range<usize>> {
    let bytes = line.as_bytes();
    let mut ranges = Vec::new();
    let mut i = from;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b' ' | b'\t' | b'\r' | b'\n' | b',' | b'[' | b']' => i += 1,
            b'-' if bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) => i += 1,
            b'#' => break,
            b'"' | b'\'' => {
                let mut end = i + 1;
                while end < bytes.len() && bytes[end] != c {
                    if bytes[end] == b'\\' && c == b'"' {
                        end += 1;
                    }
                    end += 1;
                }
                if end >= bytes.len() {
                    break;
                }
                ranges.push(i + 1..end);
                i = end + 1;
            }
            b'{' | b'|' | b'>' => break,
            _ => {
                let end = line[i..]
                    .find([',', ']', '\r', '\n'])
                    .map_or(line.len(), |e| i + e);
                let word = line[i..end].trim_end();
                let word = word.split(" #").next().unwrap_or(word);
                ranges.push(i..i + word.len());
                i = end;
            }
        }
    }
    ranges
}

fn strip_comment(value: &str) -> &str {
    let mut quote = None;
    let mut previous_space = true;
    for (i, c) in value.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && previous_space => return &value[..i],
            None => {}
        }
        previous_space = c.is_whitespace();
    }
    value
}

fn unquote(value: &str) -> String {
    let value = value.trim();
    if value.len() >= 2
        && ((value.starts_with('"') && value.ends_with('"'))
            || (value.starts_with('\'') && value.ends_with('\'')))
    {
        return value[1..value.len() - 1]
            .replace("\\\"", "\"")
            .replace("''", "'");
    }
    value.to_string()
}

/// An item's text as read (the ranges already leave the quotes out).
fn unquote_item(item: &str) -> String {
    item.replace("\\\"", "\"")
}

fn toml_string(value: &str) -> String {
    let mut quoted = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Matter {
        Matter::parse(text, MatterFormat::Yaml)
    }

    fn toml(text: &str) -> Matter {
        Matter::parse(text, MatterFormat::Toml)
    }

    #[test]
    fn renames_keep_values_comments_and_order() {
        let mut m = yaml(
            "title: A # the title\ndescription: >\n  Long text\n  on lines\n# note\ntranslationKey: \"k\"\n",
        );
        assert!(m.rename("description", "ingress"));
        assert!(m.rename("translationKey", "translation_key"));
        assert_eq!(
            m.text(),
            "title: A # the title\ningress: >\n  Long text\n  on lines\n# note\ntranslation_key: \"k\"\n"
        );
        assert_eq!(m.scalar("title").as_deref(), Some("A"));
        assert_eq!(m.scalar("translation_key").as_deref(), Some("k"));
        assert!(m.has_value("ingress"));
        let mut t = toml("title = 'A'\ndescription = \"D\"\n[params]\ndescription = 'nested'\n");
        assert!(t.rename("description", "ingress"));
        assert_eq!(
            t.text(),
            "title = 'A'\ningress = \"D\"\n[params]\ndescription = 'nested'\n"
        );
    }

    #[test]
    fn list_items_in_every_form() {
        for text in [
            "aliases: [/a/, \"/b/\"]\n",
            "aliases:\n  - /a/\n  - \"/b/\"\n",
            "aliases:\n- /a/\n- '/b/' # old\n",
        ] {
            assert_eq!(yaml(text).items("aliases"), ["/a/", "/b/"], "{text}");
        }
        assert_eq!(yaml("aliases: /old/\n").items("aliases"), ["/old/"]);
        assert_eq!(
            toml("aliases = [\n  \"/a/\",\n  '/b/',\n]\n").items("aliases"),
            ["/a/", "/b/"]
        );
        let mut m = yaml("aliases:\n  - /a/\n  - \"/b/\"\ntitle: T\n");
        let changed = m.map_items("aliases", |a| Some(a.trim_start_matches('/').to_string()));
        assert_eq!(changed, 2);
        assert_eq!(m.text(), "aliases:\n  - a/\n  - \"b/\"\ntitle: T\n");
    }

    #[test]
    fn inserted_keys_stay_at_the_top_level() {
        let mut m = yaml("title: A\nbanner:\n  image: x.png");
        m.insert("headless", "true");
        assert_eq!(
            m.text(),
            "title: A\nbanner:\n  image: x.png\nheadless: true\n"
        );
        let mut t = toml("title = 'A'\n[params]\nx = 1\n");
        t.insert("title", "It's \"new\"");
        assert_eq!(
            t.text(),
            "title = 'A'\ntitle = \"It's \\\"new\\\"\"\n[params]\nx = 1\n"
        );
        let mut y = yaml("weight: 1\n");
        y.insert("title", "Ops: drift");
        assert_eq!(y.scalar("title").as_deref(), Some("Ops: drift"));
    }

    #[test]
    fn never_rendered_pages_in_yaml_and_toml() {
        assert!(yaml("_build:\n  render: never\n  list: never\n").never_rendered());
        assert!(yaml("_build: {render: false}\n").never_rendered());
        assert!(yaml("build:\n  render: \"never\"\n").never_rendered());
        assert!(!yaml("_build:\n  list: never\n").never_rendered());
        assert!(toml("title = 'x'\n[_build]\nrender = 'never'\n").never_rendered());
        assert!(toml("_build = { render = \"never\" }\n").never_rendered());
        assert!(!toml("[cascade]\nrender = 'never'\n").never_rendered());
    }

    #[test]
    fn image_paths_at_any_depth() {
        let mut m = yaml(
            "banner:\n  image:\n    src: a.png\nimages:\n  - b.png\n  - c.png\nfeatured_image: \"d.png\"\ntitle: e.png\n",
        );
        let changed = m.map_items_anywhere(&["src", "images", "featured_image"], |_, p| {
            Some(format!("x/{p}"))
        });
        assert_eq!(changed, 4);
        assert_eq!(
            m.text(),
            "banner:\n  image:\n    src: x/a.png\nimages:\n  - x/b.png\n  - x/c.png\nfeatured_image: \"x/d.png\"\ntitle: e.png\n"
        );
        let mut t = toml("images = ['a.png']\n[banner.image]\nsrc = \"b.png\"\n");
        t.map_items_anywhere(&["src", "images"], |_, p| Some(format!("/{p}")));
        assert_eq!(
            t.text(),
            "images = ['/a.png']\n[banner.image]\nsrc = \"/b.png\"\n"
        );
    }

    #[test]
    fn entries_are_commented_out_and_set() {
        let mut m = yaml("bg: a\naliases:\ntitle: \"\"\nbg: b\n");
        assert_eq!(m.key_at(2), Some(("title", true)));
        assert_eq!(m.comment_out("bg", |i, n| i + 1 < n), 1);
        assert_eq!(m.comment_out("aliases", |_, _| true), 1);
        assert!(m.set("title", "Drift: oversikt"));
        assert_eq!(
            m.text(),
            "# bg: a\n# aliases:\ntitle: \"Drift: oversikt\"\nbg: b\n"
        );
        let mut t = toml("title = ''\n");
        t.set("title", "T");
        assert_eq!(t.text(), "title = \"T\"\n");
    }

    #[test]
    fn list_items_are_taken_out_in_every_form() {
        let gone = |item: &str| item == "/" || item == "/x/";
        for (text, expected) in [
            ("aliases: [/, /a/, \"/x/\"]\n", "aliases: [/a/]\n"),
            ("aliases: [\"/a/\", /]\n", "aliases: [\"/a/\"]\n"),
            ("aliases:\n  - /\n  - /a/\n", "aliases:\n#   - /\n  - /a/\n"),
            ("aliases: /\n", "aliases: []\n"),
        ] {
            let mut m = yaml(text);
            assert!(m.remove_items("aliases", gone) > 0, "{text}");
            assert_eq!(m.text(), expected, "{text}");
        }
        let mut t = toml("aliases = ['/x/', '/b/']\n");
        t.remove_items("aliases", gone);
        assert_eq!(t.text(), "aliases = ['/b/']\n");
    }

    #[test]
    fn empty_and_block_values() {
        let m = yaml("title: \"\"\nlinkTitle:\ningress: |\n  Text\n");
        assert!(!m.has_value("title"));
        assert!(!m.has_value("linkTitle"));
        assert!(m.has_value("ingress"));
        assert_eq!(m.scalar("ingress"), None);
        assert!(m.has("title"));
        assert!(!m.has("missing"));
    }
}
