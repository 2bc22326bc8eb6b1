//! The Markdown source before it is parsed: its lines (and which are fenced code, where no
//! directive is read), and the map from offsets of the source with its includes expanded
//! back to offsets of the page's body.

use std::ops::Range;

/// One line of the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Line<'s> {
    /// Byte offset of its first character.
    pub start: usize,
    /// Its text without the line break.
    pub text: &'s str,
    /// It is inside fenced code, or one of the fences.
    pub in_code: bool,
}

/// The lines of a source. A fence is recognised at any indentation (a fence in a list item is
/// indented), which errs on the side of leaving lines alone.
pub(super) fn lines(source: &str) -> impl Iterator<Item = Line<'_>> {
    let mut open_fence: Option<(char, usize)> = None;
    let mut start = 0;
    source.split_inclusive('\n').map(move |raw| {
        let line_start = start;
        start += raw.len();
        let text = raw.strip_suffix('\n').unwrap_or(raw);
        let text = text.strip_suffix('\r').unwrap_or(text);
        let trimmed = text.trim_start();
        let in_code = match open_fence {
            Some((mark, length)) => {
                if closes(trimmed, mark, length) {
                    open_fence = None;
                }
                true
            }
            None => {
                open_fence = opening_fence(trimmed);
                open_fence.is_some()
            }
        };
        Line {
            start: line_start,
            text,
            in_code,
        }
    })
}

/// The mark and length of a code fence opening with this (trimmed) line.
fn opening_fence(line: &str) -> Option<(char, usize)> {
    let mark = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let length = line.len() - line.trim_start_matches(mark).len();
    let info = &line[length..];
    (length >= 3 && !(mark == '`' && info.contains('`'))).then_some((mark, length))
}

fn closes(line: &str, mark: char, length: usize) -> bool {
    let rest = line.trim_start_matches(mark);
    line.len() - rest.len() >= length && rest.trim().is_empty()
}

/// The text of a line with at most three spaces of indentation removed, or `None` when it is
/// indented more (code, or content of a list item).
pub(super) fn unindented(text: &str) -> Option<&str> {
    let rest = text.trim_start_matches(' ');
    (text.len() - rest.len() <= 3).then_some(rest)
}

/// Where the pieces of the expanded source came from: copied from the body, or brought in by
/// an include, whose every offset stands for the include's line.
#[derive(Debug, Default)]
pub(super) struct SourceMap {
    /// In source order, by where they start in the expanded source.
    pieces: Vec<Piece>,
}

#[derive(Debug)]
struct Piece {
    expanded: Range<usize>,
    /// Offset in the body: of the copied text's start, or of the include's line.
    body: usize,
    copied: bool,
}

impl SourceMap {
    pub(super) fn is_identity(&self) -> bool {
        self.pieces.is_empty()
    }

    pub(super) fn copied(&mut self, expanded: Range<usize>, body: usize) {
        self.push(expanded, body, true);
    }

    pub(super) fn included(&mut self, expanded: Range<usize>, directive: usize) {
        self.push(expanded, directive, false);
    }

    fn push(&mut self, expanded: Range<usize>, body: usize, copied: bool) {
        if !expanded.is_empty() {
            self.pieces.push(Piece {
                expanded,
                body,
                copied,
            });
        }
    }

    /// The body offset of an offset of the expanded source.
    pub(super) fn to_body(&self, offset: usize) -> usize {
        let index = self
            .pieces
            .partition_point(|piece| piece.expanded.start <= offset);
        match index.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some(piece) if piece.copied => piece.body + (offset - piece.expanded.start),
            Some(piece) => piece.body,
            None => offset,
        }
    }

    /// The expanded offset of a body offset in copied text (a heading of the body).
    pub(super) fn to_expanded(&self, offset: usize) -> usize {
        self.pieces
            .iter()
            .filter(|piece| piece.copied && piece.body <= offset)
            .find(|piece| offset - piece.body < piece.expanded.len())
            .map_or(offset, |piece| piece.expanded.start + (offset - piece.body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_know_fenced_code() {
        let source = "a\n```rust\n::: x\n```\r\n~~~~\n~~~\n~~~~\nb";
        let got: Vec<(usize, &str, bool)> = lines(source)
            .map(|l| (l.start, l.text, l.in_code))
            .collect();
        assert_eq!(
            got,
            [
                (0, "a", false),
                (2, "```rust", true),
                (10, "::: x", true),
                (16, "```", true),
                (21, "~~~~", true),
                (26, "~~~", true),
                (30, "~~~~", true),
                (35, "b", false)
            ]
        );
        assert!(!lines("``` a`b\n:::\n").nth(1).unwrap().in_code);
    }

    #[test]
    fn indentation_of_three_spaces_at_most() {
        assert_eq!(unindented("   ::: x"), Some("::: x"));
        assert_eq!(unindented("    ::: x"), None);
    }

    #[test]
    fn offsets_map_back_to_the_body() {
        // Body "ab\n{{#include x}}\ncd" with the include's 5 bytes in place of its 15.
        let mut map = SourceMap::default();
        map.copied(0..3, 0);
        map.included(3..8, 3);
        map.copied(8..11, 18);
        assert_eq!(
            [0, 2, 3, 7, 8, 10].map(|o| map.to_body(o)),
            [0, 2, 3, 3, 18, 20]
        );
        assert_eq!(map.to_expanded(19), 9);
        assert_eq!(map.to_expanded(1), 1);
    }
}
