//! Includes: a line `{{#include path/to/file.md}}` (mdBook's syntax, the path relative to the
//! page's file) stands for that file's content, its front matter left out. Done on the source
//! before parsing, so an included file's Markdown joins the page's; what goes wrong is
//! reported at the include's line of the page.

use std::borrow::Cow;

use super::source::{self, Line, SourceMap};
use super::{LinkResolver, Problem, ProblemKind};

/// How deep includes may nest (a page's include is the first level).
const MAX_DEPTH: usize = 10;

/// How large a page may grow by its includes. Ten files that each include the next twice
/// are already a thousand copies; past this, something is included far too often.
const MAX_EXPANDED_BYTES: usize = 32 << 20;

/// The body with its includes expanded, and where each part of it came from.
pub(super) struct Expanded<'b> {
    pub text: Cow<'b, str>,
    pub map: SourceMap,
}

pub(super) fn expand<'b>(
    body: &'b str,
    resolver: &dyn LinkResolver,
    problems: &mut Vec<Problem>,
) -> Expanded<'b> {
    let mut map = SourceMap::default();
    if memchr::memmem::find(body.as_bytes(), b"{{#include").is_none() {
        return Expanded {
            text: Cow::Borrowed(body),
            map,
        };
    }
    let mut text = String::with_capacity(body.len() * 2);
    let mut copied = 0;
    for line in source::lines(body) {
        let Some(path) = directive(&line) else {
            continue;
        };
        let mut included = String::new();
        let mut errors = Vec::new();
        let mut chain = vec![path.to_string()];
        let read = match too_large(text.len(), path) {
            Some(error) => {
                errors.push(error);
                false
            }
            None => include_file(resolver, &mut chain, &mut included, &mut errors),
        };
        problems.extend(errors.into_iter().map(|message| Problem {
            offset: line.start,
            kind: ProblemKind::Include,
            message,
        }));
        if read {
            let start = text.len();
            text.push_str(&body[copied..line.start]);
            map.copied(start..text.len(), copied);
            let start = text.len();
            text.push_str(&included);
            map.included(start..text.len(), line.start);
            copied = line.start + line.text.len();
        }
    }
    let start = text.len();
    text.push_str(&body[copied..]);
    map.copied(start..text.len(), copied);
    Expanded {
        text: Cow::Owned(text),
        map,
    }
}

/// The paths a body's include lines name, as written (relative to the body's file), for
/// the dev server to know which pages show a file that changed.
pub fn include_paths(body: &str) -> Vec<&str> {
    if memchr::memmem::find(body.as_bytes(), b"{{#include").is_none() {
        return Vec::new();
    }
    source::lines(body)
        .filter_map(|line| directive(&line))
        .collect()
}

/// The path of an include line outside fenced code.
fn directive<'s>(line: &Line<'s>) -> Option<&'s str> {
    if line.in_code {
        return None;
    }
    let rest = source::unindented(line.text)?
        .trim_end()
        .strip_prefix("{{#include")?
        .strip_suffix("}}")?;
    let path = rest.trim();
    (rest.starts_with(char::is_whitespace) && !path.is_empty()).then_some(path)
}

/// Appends the content of the last file of `chain` (the files being included, the page's
/// include first) with its own includes expanded. Whether it could be read; `errors` get
/// what went wrong, also further down.
fn include_file(
    resolver: &dyn LinkResolver,
    chain: &mut Vec<String>,
    out: &mut String,
    errors: &mut Vec<String>,
) -> bool {
    let path = chain.last().cloned().unwrap_or_default();
    let content = match resolver.include(&path) {
        Ok(content) => content,
        Err(error) if chain.len() == 1 => {
            errors.push(error);
            return false;
        }
        Err(error) => {
            errors.push(format!("{error} (included through {})", chain.join(" → ")));
            return false;
        }
    };
    let content = without_front_matter(&content);
    let start = out.len();
    let mut copied = 0;
    for line in source::lines(content) {
        let Some(nested) = directive(&line) else {
            continue;
        };
        let nested = relative_to(&path, nested);
        if let Some(error) = refusal(chain, &nested).or_else(|| too_large(out.len(), &nested)) {
            errors.push(error);
            continue;
        }
        out.push_str(&content[copied..line.start]);
        chain.push(nested);
        let read = include_file(resolver, chain, out, errors);
        chain.pop();
        copied = if read {
            line.start + line.text.len()
        } else {
            line.start
        };
    }
    out.push_str(&content[copied..]);
    // The include's own line break ends the file's last line.
    if out.len() > start && out.ends_with('\n') {
        out.pop();
        if out.len() > start && out.ends_with('\r') {
            out.pop();
        }
    }
    true
}

/// Why `next` may not be included from the files of `chain`, if it may not.
fn refusal(chain: &[String], next: &str) -> Option<String> {
    let through = || {
        let mut files: Vec<&str> = chain.iter().map(String::as_str).collect();
        files.push(next);
        files.join(" → ")
    };
    if chain.iter().any(|file| file == next) {
        return Some(format!("`{next}` includes itself: {}", through()));
    }
    (chain.len() >= MAX_DEPTH).then(|| {
        format!(
            "includes nest deeper than {MAX_DEPTH} files, so `{next}` is left out: {}",
            through()
        )
    })
}

/// Why `next` is left out when the page has already grown to `length` bytes, if it is.
fn too_large(length: usize, next: &str) -> Option<String> {
    (length > MAX_EXPANDED_BYTES).then(|| {
        format!(
            "the page's includes make it larger than {} MiB, so `{next}` is left out: is a file included many times over?",
            MAX_EXPANDED_BYTES >> 20
        )
    })
}

/// `path` as written in the file at `including`, made relative to the page like `including`.
fn relative_to(including: &str, path: &str) -> String {
    if path.starts_with('/') {
        return path.to_string();
    }
    let mut segments: Vec<&str> = including.split('/').collect();
    segments.pop();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." if segments.last().is_some_and(|s| *s != "..") => {
                segments.pop();
            }
            segment => segments.push(segment),
        }
    }
    segments.join("/")
}

/// A file's text without the front matter it may open with (YAML between `---` lines, or
/// TOML between `+++` lines).
fn without_front_matter(text: &str) -> &str {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for fence in ["---", "+++"] {
        let mut lines = text.split_inclusive('\n');
        let Some(first) = lines.next().filter(|line| line.trim_end() == fence) else {
            continue;
        };
        let mut end = first.len();
        for line in lines {
            end += line.len();
            if line.trim_end() == fence {
                return &text[end..];
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::super::Resolved;
    use super::*;

    /// Files by path relative to the page.
    struct Files(&'static [(&'static str, &'static str)]);

    impl LinkResolver for Files {
        fn link(&self, _: &str) -> Resolved {
            Resolved::Keep
        }
        fn image(&self, _: &str) -> Resolved {
            Resolved::Keep
        }
        fn include(&self, path: &str) -> Result<String, String> {
            self.0
                .iter()
                .find(|(name, _)| *name == path)
                .map(|(_, text)| text.to_string())
                .ok_or_else(|| format!("no file {path}"))
        }
    }

    fn expanded(
        body: &str,
        files: &'static [(&'static str, &'static str)],
    ) -> (String, Vec<Problem>, SourceMap) {
        let mut problems = Vec::new();
        let expanded = expand(body, &Files(files), &mut problems);
        (expanded.text.into_owned(), problems, expanded.map)
    }

    #[test]
    fn an_include_line_is_the_file_without_its_front_matter() {
        let files = &[
            (
                "parts/a.md",
                "---\ntitle: A\n---\nFrom *a*\n{{#include ../b.md}}\n",
            ),
            ("b.md", "+++\ntitle = 'B'\n+++\nFrom b\n"),
        ];
        let (text, problems, map) = expanded(
            "Top\n{{#include parts/a.md}}\nEnd {{#include b.md}}\n",
            files,
        );
        assert_eq!(text, "Top\nFrom *a*\nFrom b\nEnd {{#include b.md}}\n");
        assert!(problems.is_empty(), "{problems:?}");
        // "From b" came through the include on line 2 (offset 4); "End" is body text.
        assert_eq!(map.to_body(14), 4);
        assert_eq!(map.to_body(21), 29);
    }

    #[test]
    fn includes_in_code_stay_as_text() {
        let body = "```\n{{#include a.md}}\n```\n\n    {{#include a.md}}\n";
        let (text, problems, map) = expanded(body, &[("a.md", "A")]);
        assert_eq!(text, body);
        assert!(problems.is_empty() && map.to_body(10) == 10);
    }

    #[test]
    fn missing_files_and_cycles_are_reported_at_the_include() {
        let files = &[
            ("a.md", "A1\n{{#include b.md}}\nA2\n"),
            ("b.md", "B\n{{#include a.md}}\n{{#include gone.md}}\n"),
        ];
        let (text, problems, _) = expanded("x\n{{#include a.md}}\n{{#include nope.md}}\n", files);
        assert_eq!(
            text,
            "x\nA1\nB\n{{#include a.md}}\n{{#include gone.md}}\nA2\n{{#include nope.md}}\n"
        );
        let found: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| (p.offset, p.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (2, "`a.md` includes itself: a.md → b.md → a.md"),
                (
                    2,
                    "no file gone.md (included through a.md → b.md → gone.md)"
                ),
                (20, "no file nope.md")
            ]
        );
        assert!(problems.iter().all(|p| p.kind == ProblemKind::Include));
    }

    #[test]
    fn includes_nest_ten_deep() {
        let files: &'static [(&str, &str)] = &[("loop/a.md", "a\n{{#include ./deeper/a.md}}\n")];
        struct Deep(&'static [(&'static str, &'static str)]);
        impl LinkResolver for Deep {
            fn link(&self, _: &str) -> Resolved {
                Resolved::Keep
            }
            fn image(&self, _: &str) -> Resolved {
                Resolved::Keep
            }
            fn include(&self, _: &str) -> Result<String, String> {
                Ok(self.0[0].1.to_string())
            }
        }
        let mut problems = Vec::new();
        let text = expand("{{#include loop/a.md}}\n", &Deep(files), &mut problems).text;
        assert_eq!(text.matches("a\n").count(), 10, "{text}");
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .message
                .starts_with("includes nest deeper than 10")
        );
    }

    #[test]
    fn paths_are_relative_to_the_including_file() {
        assert_eq!(relative_to("a/b/c.md", "d.md"), "a/b/d.md");
        assert_eq!(relative_to("a/b/c.md", "../../../d.md"), "../d.md");
        assert_eq!(relative_to("c.md", "./x/./d.md"), "x/d.md");
    }
    #[test]
    fn includes_that_multiply_stop_at_a_size_and_say_so() {
        // f0 includes f1 eight times, f1 includes f2 eight times, ...: 8^9 copies of f9.
        let mut files: Vec<(&'static str, &'static str)> = (0..9)
            .map(|n| {
                let name: &'static str = Box::leak(format!("f{n}.md").into_boxed_str());
                let line = format!("{{{{#include f{}.md}}}}\n", n + 1);
                let text: &'static str = Box::leak(line.repeat(8).into_boxed_str());
                (name, text)
            })
            .collect();
        files.push(("f9.md", Box::leak("x".repeat(1000).into_boxed_str())));
        let files: &'static [(&'static str, &'static str)] = Box::leak(files.into_boxed_slice());
        let (text, problems, _) = expanded("{{#include f0.md}}\n", files);
        assert!(
            text.len() < MAX_EXPANDED_BYTES + (1 << 20),
            "{}",
            text.len()
        );
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("larger than 32 MiB") && p.offset == 0),
            "{:?}",
            problems.first()
        );
    }
}
