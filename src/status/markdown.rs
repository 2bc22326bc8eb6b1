//! The status as GitHub-flavoured Markdown, to post as a pull request comment: one summary
//! table (a row per language), then each language's pages to translate in a `<details>`.

use crate::html::escape_text;
use std::fmt::Write as _;

use super::diff::plain;
use super::reviews::Reviews;
use super::{State, Status, TranslationSet, Version, date};

pub fn render(status: &Status) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## Translation status: {}\n", cell(&status.title));
    let _ = writeln!(out, "{}\n", status.clock_note());
    let fallback = if status.fallback {
        "Fallback shown"
    } else {
        "Missing"
    };
    let _ = writeln!(
        out,
        "| Language | Pages | Up to date | Outdated | {fallback} | Words to translate |"
    );
    let _ = writeln!(out, "|---|--:|--:|--:|--:|--:|");
    let totals = status.totals();
    for ((code, name), total) in status.languages.iter().zip(&totals) {
        let _ = writeln!(
            out,
            "| {} (`{code}`) | {} | {} | {} | {} | {} |",
            cell(name),
            total.pages,
            total.up_to_date,
            total.outdated,
            total.missing + total.fallback,
            total.words_to_translate
        );
    }
    for (index, ((code, name), total)) in status.languages.iter().zip(&totals).enumerate() {
        let to_translate = total.outdated + total.missing + total.fallback;
        if to_translate == 0 {
            continue;
        }
        let _ = writeln!(
            out,
            "\n<details><summary>{} (<code>{code}</code>): {to_translate} page{} to translate, {} words</summary>\n",
            escape_text(name),
            plural(to_translate),
            total.words_to_translate
        );
        for set in &status.sets {
            let version = &set.versions[index];
            if version.state.to_translate() {
                item(&mut out, set, version);
            }
        }
        out.push_str("\n</details>\n");
    }
    if let Some(reviews) = status.reviews.as_ref().filter(|r| r.shown()) {
        review_queue(&mut out, reviews);
    }
    out
}

/// The review queue: a table per owner.
fn review_queue(out: &mut String, reviews: &Reviews) {
    let count = reviews.count();
    let _ = writeln!(
        out,
        "\n## Reviews due: {count} page{}\n\n{}",
        plural(count),
        reviews.note()
    );
    for queue in &reviews.owners {
        let _ = writeln!(
            out,
            "\n### {} ({})\n\n| Page | File | Status | Last reviewed | Due | Every |\n|---|---|---|---|---|---|",
            cell(queue.name()),
            queue.pages.len()
        );
        for page in &queue.pages {
            let (reviewed, due) = page.dates();
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {reviewed} | {due} | {}{} |",
                cell(&page.title),
                show(&page.file),
                page.label(),
                page.every,
                if page.site_default {
                    " (site default)"
                } else {
                    ""
                }
            );
        }
    }
}

/// One page to translate: its status, where it is, and for an outdated one the source's diff.
fn item(out: &mut String, set: &TranslationSet, version: &Version) {
    let source = set.source_version();
    let source_file = source.map_or(String::new(), |s| show(&s.file));
    let _ = write!(
        out,
        "- **{}** `{}` ({})",
        version.state.label(),
        show(&version.file),
        cell(version.title.as_deref().unwrap_or(set.title()))
    );
    match &version.state {
        State::Outdated(outdated) => {
            let _ = write!(out, ": `{source_file}` changed");
            if let Some(since) = outdated.since {
                let _ = write!(out, " since {}", date(Some(since)));
            }
            if let Some(commits) = outdated.commits {
                let _ = write!(
                    out,
                    ", {commits} commit{}",
                    if commits == 1 { "" } else { "s" }
                );
            }
            if outdated.uncommitted {
                out.push_str(", edits not committed yet");
            }
            out.push('\n');
            if let Some(diff) = outdated.diff.as_ref().filter(|d| !d.is_empty()) {
                let text = plain(diff);
                // A fence longer than any run of backticks in the text.
                let fence = "`".repeat(longest_backtick_run(&text).max(2) + 1);
                let _ = writeln!(out, "\n  {fence}text");
                for line in text.lines() {
                    let _ = writeln!(out, "  {line}");
                }
                let _ = writeln!(out, "  {fence}");
            }
        }
        _ => {
            let words = set.source_words();
            let _ = writeln!(
                out,
                ": translate `{source_file}` ({words} word{})",
                plural(words)
            );
        }
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

fn show(file: &std::path::Path) -> String {
    file.display().to_string().replace('\\', "/")
}

/// Text for a table cell: no pipes or line breaks to break the table.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}
