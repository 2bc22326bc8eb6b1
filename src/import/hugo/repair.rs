//! Front matter that Hugo accepts but handbok refuses, made acceptable: a key given twice
//! (Hugo keeps the last one) and keys handbok reads written in another shape (a theme's
//! `banner: image.png`; `aliases:` with nothing is only a warning since issue #14). Checked with handbok's own parser; what
//! it refuses is commented out, so it stays visible in the file, and is reported.

use crate::content::front_matter::{self, MatterFormat};

use super::front_matter::Matter;

/// One thing commented out: the 1-based line within the front matter and why.
pub type Repair = (usize, String);

/// Makes `matter` readable by handbok; returns what was commented out.
pub fn repair(matter: &mut Matter) -> Vec<Repair> {
    let mut repairs = Vec::new();
    // Each round fixes the one error handbok's parser reports; a few rounds are plenty.
    for _ in 0..16 {
        let Some((line, message)) = first_error(matter) else {
            break;
        };
        let Some((key, top)) = matter.key_at(line).map(|(k, top)| (k.to_string(), top)) else {
            break;
        };
        if !top {
            break;
        }
        let twice = message.contains("given twice");
        let changed = if twice {
            // All but the last, which is the one Hugo reads.
            matter.comment_out(&key, |index, count| index + 1 < count)
        } else {
            matter.comment_out(&key, |_, _| true)
        };
        if changed == 0 {
            break;
        }
        let why = if twice {
            format!(
                "`{key}` is given more than once; the earlier ones were commented out (Hugo reads the last)"
            )
        } else {
            format!("`{key}` is not what handbok reads there ({message}); commented out")
        };
        repairs.push((line + 1, why));
    }
    repairs
}

/// The 0-based line within the front matter of the first error handbok's parser finds.
fn first_error(matter: &Matter) -> Option<(usize, String)> {
    let fence = match matter.format() {
        MatterFormat::Yaml => "---",
        MatterFormat::Toml => "+++",
    };
    let mut text = matter.text();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let page = format!("{fence}\n{text}{fence}\n");
    let split = front_matter::split(&page).ok()?;
    let error = front_matter::parse(&split).err()?;
    // The front matter starts on the file's second line.
    let message = error
        .message
        .trim_start_matches("front matter is not valid: ")
        .to_string();
    Some((error.line.checked_sub(2)?, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_handbok_refuses_is_commented_out() {
        let mut matter = Matter::parse(
            "title: A\nbackground: x.png\naliases:\nbanner: /img/b.png\nbackground: y.png\nweight: 2\n",
            MatterFormat::Yaml,
        );
        let repairs = repair(&mut matter);
        assert_eq!(
            matter.text(),
            // `aliases:` with nothing is no longer refused (issue #14: a warning, no aliases).
            "title: A\n# background: x.png\naliases:\n# banner: /img/b.png\nbackground: y.png\nweight: 2\n"
        );
        assert_eq!(repairs.len(), 2, "{repairs:?}");
        assert!(
            repairs
                .iter()
                .any(|(_, why)| why.contains("`background` is given more than once"))
        );
        assert!(!repairs.iter().any(|(_, why)| why.contains("`aliases`")));
    }

    #[test]
    fn readable_front_matter_is_left_alone() {
        let text = "title: A\ndate: 2024-01-01\ntags: [a]\n";
        let mut matter = Matter::parse(text, MatterFormat::Yaml);
        assert!(repair(&mut matter).is_empty());
        assert_eq!(matter.text(), text);
        let mut toml = Matter::parse("title = 'A'\nweight = 'heavy'\n", MatterFormat::Toml);
        assert_eq!(repair(&mut toml).len(), 1);
        assert_eq!(toml.text(), "title = 'A'\n# weight = 'heavy'\n");
    }
}
