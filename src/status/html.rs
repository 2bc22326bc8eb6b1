//! The status as one self-contained HTML page a team can publish beside the site: the
//! theme's colours and fonts inline, no script, real tables with captions and header scopes,
//! every status in words (the colour only repeats it), and each title marked with its
//! language.

use crate::html::escape_attribute;
use std::fmt::Write as _;

use super::diff::{Diff, Segment};
use super::reviews::Reviews;
use super::{SetKind, State, Status, TranslationSet, Version, date};

const STYLE: &str = r#"
:root { --hb-font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; --hb-font-mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; --hb-text: #1f2328; --hb-muted: #545d68; --hb-background: #ffffff; --hb-surface: #f4f6f8; --hb-border: #d0d7de; --hb-accent: #0b5cad; --hb-focus: #b35900; --ok: #dff3e4; --behind: #fff1c2; --missing: #fde2e1; --fallback: #e3edfb; --del: #fde2e1; --ins: #dff3e4; color-scheme: light dark; }
@media (prefers-color-scheme: dark) { :root { --hb-text: #e6edf3; --hb-muted: #9da7b3; --hb-background: #0f1419; --hb-surface: #1a2129; --hb-border: #30363d; --hb-accent: #6cb6ff; --hb-focus: #ffb86b; --ok: #17351f; --behind: #3a3012; --missing: #43201f; --fallback: #1b2c44; --del: #43201f; --ins: #17351f; } }
html { font-family: var(--hb-font); line-height: 1.6; color: var(--hb-text); background: var(--hb-background); }
body { margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
a { color: var(--hb-accent); text-underline-offset: 0.15em; }
:focus-visible { outline: 3px solid var(--hb-focus); outline-offset: 2px; }
h1 { font-size: clamp(1.8rem, 4vw, 2.4rem); line-height: 1.2; margin: 0.2rem 0 0.4rem; }
.lead, .note { color: var(--hb-muted); }
.scroll { overflow-x: auto; margin: 1rem 0 2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding: 0 0 0.4rem; }
th, td { border: 1px solid var(--hb-border); padding: 0.4rem 0.7rem; text-align: left; vertical-align: top; }
thead th { background: var(--hb-surface); }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.up-to-date { background: var(--ok); } .outdated, .overdue { background: var(--behind); } .missing { background: var(--missing); } .fallback { background: var(--fallback); }
.detail { display: block; font-size: 0.85rem; color: var(--hb-muted); }
code, pre { font-family: var(--hb-font-mono); font-size: 0.92em; }
pre.diff { background: var(--hb-surface); border: 1px solid var(--hb-border); border-radius: 0.4rem; padding: 0.8rem 1rem; white-space: pre-wrap; overflow-wrap: anywhere; }
del { background: var(--del); } ins { background: var(--ins); }
.elided { color: var(--hb-muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
section.page { border-top: 1px solid var(--hb-border); padding-top: 0.5rem; }
"#;

pub fn render(status: &Status) -> String {
    let mut out = String::new();
    let default_lang = &status.default_language;
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Translation status · {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>Translation status</h1>\n<p class=\"lead\"><span lang=\"{default_lang}\">{}</span>: {} pages and sections in {} languages.</p>\n<p class=\"note\">{}</p>\n",
        escape_attribute(&status.title),
        escape_attribute(&status.title),
        status.sets.len(),
        status.languages.len(),
        escape_attribute(status.clock_note())
    );
    summary(&mut out, status);
    pages(&mut out, status);
    details(&mut out, status);
    if let Some(reviews) = status.reviews.as_ref().filter(|r| r.shown()) {
        review_queue(&mut out, reviews);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn summary(out: &mut String, status: &Status) {
    let missing = if status.fallback {
        "Fallback shown"
    } else {
        "Missing"
    };
    let _ = write!(
        out,
        "<div class=\"scroll\" role=\"region\" aria-labelledby=\"summary-caption\" tabindex=\"0\">\n<table>\n<caption id=\"summary-caption\">Summary per language</caption>\n<thead><tr><th scope=\"col\">Language</th><th scope=\"col\">Pages</th><th scope=\"col\">Up to date</th><th scope=\"col\">Outdated</th><th scope=\"col\">{missing}</th><th scope=\"col\">Words to translate</th></tr></thead>\n<tbody>\n"
    );
    for ((code, name), total) in status.languages.iter().zip(status.totals()) {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><span lang=\"{code}\">{}</span> ({code})</th><td class=\"number\">{}</td><td class=\"number\">{}</td><td class=\"number\">{}</td><td class=\"number\">{}</td><td class=\"number\">{}</td></tr>",
            escape_attribute(name),
            total.pages,
            total.up_to_date,
            total.outdated,
            total.missing + total.fallback,
            total.words_to_translate
        );
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

fn pages(out: &mut String, status: &Status) {
    out.push_str("<h2>Pages</h2>\n<div class=\"scroll\" role=\"region\" aria-labelledby=\"pages-caption\" tabindex=\"0\">\n<table>\n<caption id=\"pages-caption\">Every page and section, and its status in each language</caption>\n<thead><tr><th scope=\"col\">Page</th>");
    for (code, name) in &status.languages {
        let _ = write!(
            out,
            "<th scope=\"col\"><span lang=\"{code}\">{}</span> ({code})</th>",
            escape_attribute(name)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (index, set) in status.sets.iter().enumerate() {
        let lang = set.named_by().map_or("", |v| v.lang.as_str());
        let kind = match set.kind {
            SetKind::Page => "",
            SetKind::Section => " (section)",
        };
        let _ = write!(
            out,
            "<tr><th scope=\"row\"><span lang=\"{lang}\">{}</span><span class=\"detail\"><code>{}</code>{kind}</span></th>",
            escape_attribute(set.title()),
            escape_attribute(&set.path.display().to_string())
        );
        for version in &set.versions {
            cell(out, set, version, index);
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

fn cell(out: &mut String, set: &TranslationSet, version: &Version, index: usize) {
    let is_source = set.source.as_deref() == Some(version.lang.as_str());
    let _ = write!(out, "<td class=\"{}\">", version.state.name());
    match &version.state {
        State::UpToDate if is_source => out.push_str("✓ Up to date (source)"),
        State::UpToDate => out.push_str("✓ Up to date"),
        State::Outdated(outdated) => {
            let _ = write!(
                out,
                "<a href=\"#{}\">⚠ Outdated</a>",
                anchor(&version.lang, index)
            );
            if let Some(since) = outdated.since {
                let _ = write!(out, "<span class=\"detail\">since {}", date(Some(since)));
                if let Some(commits) = outdated.commits {
                    let _ = write!(out, ", {commits} commit{}", plural(commits));
                }
                out.push_str("</span>");
            }
        }
        State::Missing => out.push_str("✗ Missing"),
        State::Fallback => out.push_str("↪ Fallback shown"),
    }
    out.push_str("</td>");
}

/// Each outdated translation with the source's diff since the translation last changed.
fn details(out: &mut String, status: &Status) {
    let outdated = status
        .sets
        .iter()
        .flat_map(|s| &s.versions)
        .any(|v| matches!(v.state, State::Outdated(_)));
    if !outdated {
        return;
    }
    out.push_str("<h2>Outdated translations</h2>\n<p class=\"note\">What changed in each source since its translation last changed: deleted words are struck through, inserted words underlined.</p>\n");
    for (index, set) in status.sets.iter().enumerate() {
        let Some(source) = set.source_version() else {
            continue;
        };
        for version in &set.versions {
            let State::Outdated(outdated) = &version.state else {
                continue;
            };
            let _ = write!(
                out,
                "<section class=\"page\" id=\"{}\">\n<h3><span lang=\"{}\">{}</span> <code>{}</code></h3>\n<p>The source <code>{}</code> changed",
                anchor(&version.lang, index),
                version.lang,
                escape_attribute(version.title.as_deref().unwrap_or_default()),
                escape_attribute(&version.file.display().to_string()),
                escape_attribute(&source.file.display().to_string())
            );
            if let Some(since) = outdated.since {
                let _ = write!(out, " since {}", date(Some(since)));
            }
            if let Some(commits) = outdated.commits {
                let _ = write!(out, " in {commits} commit{}", plural(commits));
            }
            if outdated.uncommitted {
                out.push_str(", with edits not committed yet");
            }
            let _ = writeln!(out, "; {} words to read.</p>", set.source_words());
            if let Some(diff) = outdated.diff.as_ref().filter(|d| !d.is_empty()) {
                diff_html(out, diff, &source.lang);
            }
            out.push_str("</section>\n");
        }
    }
}

fn diff_html(out: &mut String, diff: &Diff, lang: &str) {
    let _ = write!(out, "<pre class=\"diff\" lang=\"{lang}\">");
    for segment in &diff.segments {
        match segment {
            Segment::Same(text) => out.push_str(&escape_attribute(text)),
            Segment::Deleted(text) => {
                let _ = write!(
                    out,
                    "<del><span class=\"visually-hidden\">[deleted: </span>{}<span class=\"visually-hidden\">]</span></del>",
                    escape_attribute(text)
                );
            }
            Segment::Inserted(text) => {
                let _ = write!(
                    out,
                    "<ins><span class=\"visually-hidden\">[inserted: </span>{}<span class=\"visually-hidden\">]</span></ins>",
                    escape_attribute(text)
                );
            }
            Segment::Elided => out.push_str("<span class=\"elided\">… </span>"),
        }
    }
    if diff.truncated {
        out.push_str("\n<span class=\"elided\">… (cut: the diff is longer)</span>");
    }
    out.push_str("</pre>\n");
}

/// The review queue: one table per owner, most overdue first.
fn review_queue(out: &mut String, reviews: &Reviews) {
    let _ = writeln!(
        out,
        "<h2>Reviews due</h2>\n<p class=\"note\">{}</p>",
        escape_attribute(&reviews.note())
    );
    for (index, queue) in reviews.owners.iter().enumerate() {
        let _ = write!(
            out,
            "<div class=\"scroll\" role=\"region\" aria-labelledby=\"review-caption-{index}\" tabindex=\"0\">\n<table>\n<caption id=\"review-caption-{index}\">{}: {} page{}</caption>\n<thead><tr><th scope=\"col\">Page</th><th scope=\"col\">Status</th><th scope=\"col\">Last reviewed</th><th scope=\"col\">Due</th><th scope=\"col\">Every</th></tr></thead>\n<tbody>\n",
            escape_attribute(queue.name()),
            queue.pages.len(),
            plural(queue.pages.len())
        );
        for page in &queue.pages {
            let (reviewed, due) = page.dates();
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\"><span lang=\"{}\">{}</span><span class=\"detail\"><code>{}</code></span></th><td class=\"{}\">{}</td><td>{reviewed}</td><td>{due}</td><td>{}{}</td></tr>",
                page.lang,
                escape_attribute(&page.title),
                escape_attribute(&page.file.display().to_string()),
                page.status(),
                escape_attribute(&page.label()),
                page.every,
                if page.site_default {
                    " (site default)"
                } else {
                    ""
                }
            );
        }
        out.push_str("</tbody>\n</table>\n</div>\n");
    }
}

fn anchor(lang: &str, index: usize) -> String {
    format!("outdated-{lang}-{index}")
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}
