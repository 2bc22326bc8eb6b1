//! The small part of Go's regular expressions that Learn's `attachments pattern=".*\.pdf$"`
//! uses: literals, `.`, escapes (`\.`, `\d`, `\w`, `\s`), classes (`[a-z]`, `[^x]`), groups
//! with `|`, `*` `+` `?` `{m,n}`, anchors and `(?i)`. Matching follows every path at once (a
//! set of positions), so no pattern can make it slow. A pattern outside this part is `None`.

#[derive(Debug, Clone)]
pub struct Pattern {
    alternatives: Vec<Vec<Node>>,
    ignore_case: bool,
}

#[derive(Debug, Clone)]
enum Node {
    Char(char),
    Any,
    Class {
        ranges: Vec<(char, char)>,
        negated: bool,
    },
    Start,
    End,
    Group(Vec<Vec<Node>>),
    Repeat {
        node: Box<Node>,
        min: usize,
        max: Option<usize>,
    },
}

impl Pattern {
    pub fn parse(pattern: &str) -> Option<Pattern> {
        let (ignore_case, rest) = match pattern.strip_prefix("(?i)") {
            Some(rest) => (true, rest),
            None => (false, pattern),
        };
        let chars: Vec<char> = if ignore_case {
            rest.to_lowercase().chars().collect()
        } else {
            rest.chars().collect()
        };
        let mut at = 0;
        let alternatives = parse_alternatives(&chars, &mut at)?;
        (at == chars.len()).then_some(Pattern {
            alternatives,
            ignore_case,
        })
    }

    /// Whether the pattern matches anywhere in `text` (as Go's `FindString` finds it).
    pub fn is_match(&self, text: &str) -> bool {
        let chars: Vec<char> = if self.ignore_case {
            text.to_lowercase().chars().collect()
        } else {
            text.chars().collect()
        };
        (0..=chars.len())
            .any(|start| !alternatives_ends(&self.alternatives, &chars, start).is_empty())
    }
}

fn parse_alternatives(chars: &[char], at: &mut usize) -> Option<Vec<Vec<Node>>> {
    let mut alternatives = vec![Vec::new()];
    while *at < chars.len() {
        let c = chars[*at];
        match c {
            ')' => break,
            '|' => {
                *at += 1;
                alternatives.push(Vec::new());
                continue;
            }
            '*' | '+' | '?' | '{' => {
                let (min, max) = quantifier(chars, at)?;
                let sequence = alternatives.last_mut()?;
                let node = sequence.pop()?;
                sequence.push(Node::Repeat {
                    node: Box::new(node),
                    min,
                    max,
                });
                // A lazy `*?` matches the same texts.
                if chars.get(*at) == Some(&'?') {
                    *at += 1;
                }
                continue;
            }
            _ => {}
        }
        let node = atom(chars, at)?;
        alternatives.last_mut()?.push(node);
    }
    Some(alternatives)
}

fn quantifier(chars: &[char], at: &mut usize) -> Option<(usize, Option<usize>)> {
    let c = chars[*at];
    *at += 1;
    match c {
        '*' => Some((0, None)),
        '+' => Some((1, None)),
        '?' => Some((0, Some(1))),
        _ => {
            let close = chars[*at..].iter().position(|&c| c == '}')? + *at;
            let inside: String = chars[*at..close].iter().collect();
            *at = close + 1;
            let (min, max) = match inside.split_once(',') {
                Some((min, "")) => (min.trim().parse().ok()?, None),
                Some((min, max)) => (min.trim().parse().ok()?, Some(max.trim().parse().ok()?)),
                None => {
                    let n = inside.trim().parse().ok()?;
                    (n, Some(n))
                }
            };
            Some((min, max))
        }
    }
}

fn atom(chars: &[char], at: &mut usize) -> Option<Node> {
    let c = chars[*at];
    *at += 1;
    Some(match c {
        '.' => Node::Any,
        '^' => Node::Start,
        '$' => Node::End,
        '(' => {
            if chars[*at..].starts_with(&['?', ':']) {
                *at += 2;
            }
            let alternatives = parse_alternatives(chars, at)?;
            if chars.get(*at) != Some(&')') {
                return None;
            }
            *at += 1;
            Node::Group(alternatives)
        }
        '[' => class(chars, at)?,
        '\\' => {
            let escaped = *chars.get(*at)?;
            *at += 1;
            escape(escaped)
        }
        c => Node::Char(c),
    })
}

fn escape(c: char) -> Node {
    let class = |ranges: &[(char, char)], negated| Node::Class {
        ranges: ranges.to_vec(),
        negated,
    };
    const DIGIT: &[(char, char)] = &[('0', '9')];
    const WORD: &[(char, char)] = &[('0', '9'), ('a', 'z'), ('A', 'Z'), ('_', '_')];
    const SPACE: &[(char, char)] = &[(' ', ' '), ('\t', '\r')];
    match c {
        'd' => class(DIGIT, false),
        'D' => class(DIGIT, true),
        'w' => class(WORD, false),
        'W' => class(WORD, true),
        's' => class(SPACE, false),
        'S' => class(SPACE, true),
        'n' => Node::Char('\n'),
        't' => Node::Char('\t'),
        c => Node::Char(c),
    }
}

fn class(chars: &[char], at: &mut usize) -> Option<Node> {
    let negated = chars.get(*at) == Some(&'^');
    if negated {
        *at += 1;
    }
    let mut ranges = Vec::new();
    let mut first = true;
    loop {
        let c = *chars.get(*at)?;
        *at += 1;
        if c == ']' && !first {
            break;
        }
        first = false;
        let low = if c == '\\' {
            let escaped = *chars.get(*at)?;
            *at += 1;
            match escape(escaped) {
                Node::Class { ranges: inner, .. } => {
                    ranges.extend(inner);
                    continue;
                }
                Node::Char(c) => c,
                _ => escaped,
            }
        } else {
            c
        };
        if chars.get(*at) == Some(&'-') && chars.get(*at + 1).is_some_and(|&n| n != ']') {
            let high = chars[*at + 1];
            *at += 2;
            ranges.push((low, high));
        } else {
            ranges.push((low, low));
        }
    }
    Some(Node::Class { ranges, negated })
}

/// Every position where one of the alternatives, started at `start`, can end.
fn alternatives_ends(alternatives: &[Vec<Node>], text: &[char], start: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    for sequence in alternatives {
        let mut positions = vec![start];
        for node in sequence {
            let mut next = Vec::new();
            for &p in &positions {
                for end in node_ends(node, text, p) {
                    if !next.contains(&end) {
                        next.push(end);
                    }
                }
            }
            positions = next;
            if positions.is_empty() {
                break;
            }
        }
        for p in positions {
            if !ends.contains(&p) {
                ends.push(p);
            }
        }
    }
    ends
}

fn node_ends(node: &Node, text: &[char], at: usize) -> Vec<usize> {
    let one = |matches: bool| if matches { vec![at + 1] } else { Vec::new() };
    match node {
        Node::Char(c) => one(text.get(at) == Some(c)),
        Node::Any => one(text.get(at).is_some_and(|&c| c != '\n')),
        Node::Class { ranges, negated } => one(text
            .get(at)
            .is_some_and(|&c| ranges.iter().any(|&(low, high)| low <= c && c <= high) != *negated)),
        Node::Start => {
            if at == 0 {
                vec![at]
            } else {
                Vec::new()
            }
        }
        Node::End => {
            if at == text.len() {
                vec![at]
            } else {
                Vec::new()
            }
        }
        Node::Group(alternatives) => alternatives_ends(alternatives, text, at),
        Node::Repeat { node, min, max } => {
            let mut ends = Vec::new();
            let mut current = vec![at];
            let mut seen = vec![at];
            if *min == 0 {
                ends.push(at);
            }
            let mut count = 0;
            while !current.is_empty() && max.is_none_or(|m| count < m) {
                count += 1;
                let mut next = Vec::new();
                for &p in &current {
                    for end in node_ends(node, text, p) {
                        // Past the minimum, a position seen before adds nothing new.
                        if count >= *min && seen.contains(&end) {
                            continue;
                        }
                        seen.push(end);
                        next.push(end);
                    }
                }
                if count >= *min {
                    for &p in &next {
                        if !ends.contains(&p) {
                            ends.push(p);
                        }
                    }
                }
                current = next;
                if count > text.len() + *min {
                    break;
                }
            }
            ends
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        Pattern::parse(pattern).expect(pattern).is_match(text)
    }

    #[test]
    fn patterns_learn_sites_use() {
        assert!(matches(r".*\.(pdf|mp4)$", "Carroll.pdf"));
        assert!(matches(r".*\.(pdf|mp4)$", "movie.mp4"));
        assert!(!matches(r".*\.(pdf|mp4)$", "hugo.png"));
        assert!(!matches(r".*\.(pdf|mp4)$", "a.pdf.txt"));
        assert!(matches(r".*\.jpg$", "x.jpg"));
        assert!(matches(".*", ""));
        assert!(matches(r"(?i)\.PNG$", "hugo.png"));
        assert!(matches(r"^[a-c]\d{2,3}_\w+$", "b123_x"));
        assert!(!matches(r"^[a-c]\d{2,3}_\w+$", "d123_x"));
        assert!(matches(r"[^.]+\.txt", "small_file.txt"));
        assert!(
            matches("file", "my_file.txt"),
            "found anywhere, as Go's FindString"
        );
    }

    #[test]
    fn what_it_cannot_read_is_none() {
        assert!(Pattern::parse("(unclosed").is_none());
        assert!(Pattern::parse("*x").is_none());
        assert!(Pattern::parse("[abc").is_none());
    }

    #[test]
    fn nested_repeats_stay_fast() {
        let text = "a".repeat(200) + "b";
        assert!(!matches("^(a*)*c$", &text));
        assert!(matches("(a|aa)+b", &text));
    }
}
