//! A word-level diff of two texts, as `git diff --word-diff` shows one: what the source of a
//! translation lost and gained since the translation last changed, with a few words of
//! context around each change.
//!
//! The words are compared by a longest common subsequence after their common start and end
//! are set aside. Its table is bounded: a larger middle is compared line by line instead, and
//! a longer result is cut, so one rewritten page cannot make the report slow or huge.

/// Words of unchanged text kept on each side of a change.
const CONTEXT: usize = 8;
/// The largest LCS table (cells) compared; 2 bytes a cell.
const MAX_CELLS: usize = 4_000_000;
/// Words shown at most (changed and context); the rest is cut.
const MAX_WORDS: usize = 1_500;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    pub segments: Vec<Segment>,
    /// Whether the diff was longer than shown.
    pub truncated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Same(String),
    Deleted(String),
    Inserted(String),
    /// Unchanged text left out.
    Elided,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        !self
            .segments
            .iter()
            .any(|s| matches!(s, Segment::Deleted(_) | Segment::Inserted(_)))
    }
}

/// A word and the whitespace after it.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    word: &'a str,
    space: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Deleted,
    Inserted,
}

/// The word diff from `old` to `new`.
pub fn words(old: &str, new: &str) -> Diff {
    let (a, b) = (tokens(old), tokens(new));
    let prefix = a
        .iter()
        .zip(&b)
        .take_while(|(x, y)| x.word == y.word)
        .count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x.word == y.word)
        .count();
    let (middle_a, middle_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let middle = diff_words(middle_a, middle_b);
    let ops: Vec<Op> = std::iter::repeat_n(Op::Same, prefix)
        .chain(middle)
        .chain(std::iter::repeat_n(Op::Same, suffix))
        .collect();
    segments(&ops, &a, &b)
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let after = &rest[word_end..];
        let space_end = after
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(after.len());
        tokens.push(Token {
            word: &rest[..word_end],
            space: &after[..space_end],
        });
        rest = &after[space_end..];
    }
    tokens
}

/// Lines first (cheap: most edits change a few lines of a page), then word by word within
/// each block of changed lines; a table too big at either step counts as all replaced.
fn diff_words(a: &[Token], b: &[Token]) -> Vec<Op> {
    let (lines_a, lines_b) = (lines(a), lines(b));
    let text = |tokens: &[Token], lines: &[(usize, usize)]| -> Vec<String> {
        lines
            .iter()
            .map(|&(start, end)| words_of(&tokens[start..end]).join(" "))
            .collect()
    };
    let Some(line_ops) = lcs(&text(a, &lines_a), &text(b, &lines_b)) else {
        return replaced(a, b);
    };
    let mut ops = Vec::with_capacity(a.len() + b.len());
    // The changed block being collected: its start in `a` and in `b` (token indexes).
    let (mut i, mut j) = (0, 0);
    let (mut block_a, mut block_b) = (0, 0);
    for op in line_ops.into_iter().chain([Op::Same]) {
        if op == Op::Same {
            let (end_a, end_b) = (lines_end(&lines_a, i), lines_end(&lines_b, j));
            let (start_a, start_b) = (lines_end(&lines_a, block_a), lines_end(&lines_b, block_b));
            if (start_a, start_b) != (end_a, end_b) {
                let (old, new) = (&a[start_a..end_a], &b[start_b..end_b]);
                ops.extend(
                    lcs(&words_of(old), &words_of(new)).unwrap_or_else(|| replaced(old, new)),
                );
            }
            if i < lines_a.len() {
                let (start, end) = lines_a[i];
                ops.extend(std::iter::repeat_n(Op::Same, end - start));
            }
            (i, j) = (i + 1, j + 1);
            (block_a, block_b) = (i, j);
        } else if op == Op::Deleted {
            i += 1;
        } else {
            j += 1;
        }
    }
    ops
}

/// Where the first `count` lines end (a token index).
fn lines_end(lines: &[(usize, usize)], count: usize) -> usize {
    lines[..count.min(lines.len())].last().map_or(0, |l| l.1)
}

fn words_of<'a>(tokens: &[Token<'a>]) -> Vec<&'a str> {
    tokens.iter().map(|t| t.word).collect()
}

fn replaced(a: &[Token], b: &[Token]) -> Vec<Op> {
    std::iter::repeat_n(Op::Deleted, a.len())
        .chain(std::iter::repeat_n(Op::Inserted, b.len()))
        .collect()
}

/// The tokens cut into lines, as token ranges (a line ends at a token whose whitespace
/// holds a newline).
fn lines(tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, token) in tokens.iter().enumerate() {
        if token.space.contains('\n') || i + 1 == tokens.len() {
            lines.push((start, i + 1));
            start = i + 1;
        }
    }
    lines
}

/// The edit script of a longest common subsequence; `None` when the table would be too big.
fn lcs<T: PartialEq>(a: &[T], b: &[T]) -> Option<Vec<Op>> {
    let (n, m) = (a.len(), b.len());
    if n.saturating_mul(m) > MAX_CELLS {
        return None;
    }
    // table[i][j]: the length of the LCS of a[i..] and b[j..]. Bounded cells bound it by
    // √MAX_CELLS, well within u16.
    let width = m + 1;
    let mut table = vec![0u16; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i * width + j] = if a[i] == b[j] {
                table[(i + 1) * width + j + 1] + 1
            } else {
                table[(i + 1) * width + j].max(table[i * width + j + 1])
            };
        }
    }
    let mut ops = Vec::with_capacity(n + m);
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push(Op::Same);
            (i, j) = (i + 1, j + 1);
        } else if j == m || (i < n && table[(i + 1) * width + j] >= table[i * width + j + 1]) {
            ops.push(Op::Deleted);
            i += 1;
        } else {
            ops.push(Op::Inserted);
            j += 1;
        }
    }
    Some(ops)
}

/// Runs of equal ops as segments: unchanged text shortened to its context, deleted words
/// from the old text, the rest from the new.
fn segments(ops: &[Op], a: &[Token], b: &[Token]) -> Diff {
    let mut runs: Vec<(Op, Vec<Token>)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    for &op in ops {
        let token = match op {
            Op::Same => {
                (i, j) = (i + 1, j + 1);
                b[j - 1]
            }
            Op::Deleted => {
                i += 1;
                a[i - 1]
            }
            Op::Inserted => {
                j += 1;
                b[j - 1]
            }
        };
        match runs.last_mut() {
            Some((last, tokens)) if *last == op => tokens.push(token),
            _ => runs.push((op, vec![token])),
        }
    }
    let mut diff = Diff {
        segments: Vec::new(),
        truncated: false,
    };
    let mut shown = 0;
    let count = runs.len();
    for (index, (op, tokens)) in runs.iter().enumerate() {
        if shown >= MAX_WORDS {
            diff.truncated = true;
            break;
        }
        let room = MAX_WORDS - shown;
        let tokens = &tokens[..tokens.len().min(room)];
        diff.truncated |= tokens.len() < runs[index].1.len();
        shown += tokens.len();
        match op {
            Op::Same => context(&mut diff.segments, tokens, index == 0, index + 1 == count),
            Op::Deleted | Op::Inserted => {
                let text = joined(tokens);
                let trimmed = text.trim_end();
                let space = &text[trimmed.len()..];
                diff.segments.push(match op {
                    Op::Deleted => Segment::Deleted(trimmed.to_string()),
                    _ => Segment::Inserted(trimmed.to_string()),
                });
                // What separates the change from the next word, outside its marks; after
                // a deletion only when no insertion takes its place.
                let replaced =
                    *op == Op::Deleted && runs.get(index + 1).is_some_and(|r| r.0 == Op::Inserted);
                if !space.is_empty() && !replaced {
                    diff.segments.push(Segment::Same(space.to_string()));
                }
            }
        }
    }
    if diff.is_empty() {
        diff.segments.clear();
    }
    diff
}

/// Unchanged words around changes: the last few before the first change, the first few
/// after the last one, a few on each side between.
fn context(segments: &mut Vec<Segment>, tokens: &[Token], first: bool, last: bool) {
    let keep_before = if last { 0 } else { CONTEXT };
    let keep_after = if first { 0 } else { CONTEXT };
    if tokens.len() <= keep_before + keep_after {
        segments.push(Segment::Same(joined(tokens)));
        return;
    }
    if keep_after > 0 {
        segments.push(Segment::Same(joined(&tokens[..keep_after])));
    }
    segments.push(Segment::Elided);
    if keep_before > 0 {
        segments.push(Segment::Same(joined(&tokens[tokens.len() - keep_before..])));
    }
}

fn joined(tokens: &[Token]) -> String {
    tokens
        .iter()
        .flat_map(|t| [t.word, t.space])
        .collect::<String>()
}

/// The diff as `git diff --word-diff` writes it: `[-old-]{+new+}`, `…` for text left out.
pub fn plain(diff: &Diff) -> String {
    let mut text = String::new();
    for segment in &diff.segments {
        match segment {
            Segment::Same(same) => text.push_str(same),
            Segment::Deleted(old) => {
                text.push_str("[-");
                text.push_str(old);
                text.push_str("-]");
            }
            Segment::Inserted(new) => {
                text.push_str("{+");
                text.push_str(new);
                text.push_str("+}");
            }
            Segment::Elided => text.push_str("… "),
        }
    }
    if diff.truncated {
        text.push_str("\n… (cut: the diff is longer)");
    }
    text.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_changed_in_place() {
        let diff = words(
            "Restart the old server first.\n",
            "Restart the new server first.\n",
        );
        assert_eq!(plain(&diff), "Restart the [-old-]{+new+} server first.");
    }

    #[test]
    fn deletions_and_insertions_keep_their_spacing() {
        assert_eq!(plain(&words("a b c", "a c")), "a [-b-] c");
        assert_eq!(plain(&words("a c", "a b c")), "a {+b+} c");
        assert_eq!(plain(&words("", "all new")), "{+all new+}");
        assert!(words("same text", "same   text").is_empty());
    }

    #[test]
    fn long_unchanged_text_is_elided_to_context() {
        let filler: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        let old = format!("{} old {}", filler.join(" "), filler.join(" "));
        let new = format!("{} new {}", filler.join(" "), filler.join(" "));
        let text = plain(&words(&old, &new));
        assert_eq!(
            text,
            "… w92 w93 w94 w95 w96 w97 w98 w99 [-old-]{+new+} w0 w1 w2 w3 w4 w5 w6 w7 …"
        );
    }

    #[test]
    fn large_rewrites_stay_bounded() {
        let old: String = (0..3000).map(|i| format!("a{i}\n")).collect();
        let new: String = (0..3000).map(|i| format!("b{i}\n")).collect();
        let diff = words(&old, &new);
        assert!(diff.truncated);
        let shown: usize = diff
            .segments
            .iter()
            .map(|s| match s {
                Segment::Same(t) | Segment::Deleted(t) | Segment::Inserted(t) => {
                    t.split_whitespace().count()
                }
                Segment::Elided => 0,
            })
            .sum();
        assert!(shown <= MAX_WORDS, "{shown}");
    }

    #[test]
    fn edit_scripts_rebuild_both_texts_whatever_the_edits() {
        // A small linear congruential generator: varied edits without a dependency.
        let mut seed = 15u64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize % n
        };
        let vocabulary = ["disk", "log", "alert", "queue", "\n", "\n\n", "cache"];
        for _ in 0..200 {
            let old: Vec<&str> = (0..next(60)).map(|_| vocabulary[next(7)]).collect();
            let mut new = old.clone();
            for _ in 0..next(6) {
                let at = next(new.len() + 1);
                match next(3) {
                    0 if at < new.len() => {
                        new.remove(at);
                    }
                    _ => new.insert(at, vocabulary[next(7)]),
                }
            }
            let (old, new) = (old.join(" "), new.join(" "));
            let (a, b) = (tokens(&old), tokens(&new));
            let ops = diff_words(&a, &b);
            let kept_a = ops.iter().filter(|o| **o != Op::Inserted).count();
            let kept_b = ops.iter().filter(|o| **o != Op::Deleted).count();
            assert_eq!((kept_a, kept_b), (a.len(), b.len()), "{old:?} → {new:?}");
            let (mut i, mut j) = (0, 0);
            for op in ops {
                match op {
                    Op::Same => {
                        assert_eq!(a[i].word, b[j].word, "{old:?} → {new:?}");
                        (i, j) = (i + 1, j + 1);
                    }
                    Op::Deleted => i += 1,
                    Op::Inserted => j += 1,
                }
            }
            words(&old, &new);
        }
    }
}
