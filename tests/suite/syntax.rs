//! The Markdown syntax beyond CommonMark and GitHub's that `handbok import hugo` writes:
//! `:::` containers (details, tabs), `{{#include}}`, figure captions and code titles, built
//! into real pages and read back as HTML.

use std::collections::HashSet;
use std::path::Path;

use serde_json::json;

use crate::browser::{Browser, axe_source};
use crate::serve::Server;
use crate::support::Site;

const CONTAINERS: &str = "---
title: Containers
---

Before.
::: details Why <this>?
The body is *Markdown*.

- a list
:::

::: details
No title of its own.
:::

:::: tabs
== Linux
```sh
ls -la
```
::: details Inside a tab
Nested.
:::
== Windows
`dir`
::::

```md
::: details in code
```
";

fn site_with(path: &str, text: &str) -> Site {
    Site::new()
        .file(
            "content/en/_index.md",
            "---\ntitle: Home\n---\n\nWelcome.\n",
        )
        .file(path, text)
}

#[test]
fn details_hold_markdown_under_their_summary() {
    let site = site_with("content/en/containers.md", CONTAINERS);
    site.build(&[]);
    let page = site.html("en/containers/index.html");
    let details = page.all(".content details.details");
    assert_eq!(details.len(), 3, "two of the page's and one in a tab");
    let summaries: Vec<String> = page
        .all(".content details.details > summary")
        .iter()
        .map(|s| s.text().collect())
        .collect();
    assert_eq!(summaries, ["Why <this>?", "Details", "Inside a tab"]);
    assert_eq!(page.text(".content details.details em"), "Markdown");
    assert_eq!(page.all(".content details.details li").len(), 1);
    assert_eq!(
        page.text(".content pre code.language-md"),
        "::: details in code",
        "markers in fenced code stay as written"
    );
}

#[test]
fn tabs_follow_the_aria_tabs_pattern_with_ids_unique_in_the_page() {
    let site = site_with("content/en/containers.md", CONTAINERS);
    site.build(&[]);
    let page = site.html("en/containers/index.html");
    let list = page.all(".tabs > [role=tablist]");
    assert_eq!(list.len(), 1);
    assert!(
        list[0].value().attr("hidden").is_some(),
        "the tab list waits for the script; without it every panel shows under its label"
    );
    let tabs = page.all(".tabs [role=tablist] > button[role=tab]");
    let panels = page.all(".tabs > [role=tabpanel]");
    assert_eq!((tabs.len(), panels.len()), (2, 2));
    for (index, (tab, panel)) in tabs.iter().zip(&panels).enumerate() {
        let (tab, panel) = (tab.value(), panel.value());
        assert_eq!(tab.attr("aria-controls"), panel.attr("id"));
        assert_eq!(panel.attr("aria-labelledby"), tab.attr("id"));
        assert_eq!(panel.attr("tabindex"), Some("0"));
        let selected = if index == 0 { "true" } else { "false" };
        assert_eq!(tab.attr("aria-selected"), Some(selected));
    }
    let labels: Vec<String> = page
        .all(".tabs-panel > .tabs-label")
        .iter()
        .map(|l| l.text().collect())
        .collect();
    assert_eq!(labels, ["Linux", "Windows"]);
    assert_eq!(
        page.all("[role=tabpanel] pre.hl code.language-sh").len(),
        1,
        "a panel's code is highlighted"
    );
    let ids = page.attrs("[id]", "id");
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len(), "{ids:?}");
}

#[test]
fn unknown_and_unclosed_containers_warn_at_their_line_and_stay_as_written() {
    let site = site_with(
        "content/en/odd.md",
        "---\ntitle: Odd\n---\n\n::: warning Careful\nText.\n:::\n\n::: details Never closed\nMore.\n",
    );
    let run = site.build(&[]);
    assert!(
        run.stderr
            .contains("content/en/odd.md:5:1: warning: `::: warning` is not a container"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/en/odd.md:9:1: warning: `::: details` is never closed"),
        "{}",
        run.stderr
    );
    let page = site.html("en/odd/index.html");
    assert!(page.text(".content").contains("::: warning Careful"));
    assert!(page.all("details").is_empty());
}

#[test]
fn a_lone_titled_image_is_a_figure_with_its_caption() {
    let png = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/seeds/static/illustrations/illustration-03.png"),
    )
    .expect("seed illustration");
    let site = site_with(
        "content/en/figures.md",
        "---\ntitle: Figures\n---\n\n![The flow](/flow.png \"How a deploy flows\")\n\nInline ![icon](/flow.png \"Tooltip\") in text.\n",
    )
    .bytes("static/flow.png", &png);
    site.build(&[]);
    let page = site.html("en/figures/index.html");
    assert_eq!(page.all(".content figure").len(), 1);
    assert_eq!(page.attr(".content figure > img", "alt"), "The flow");
    assert_eq!(
        page.text(".content figure > figcaption"),
        "How a deploy flows"
    );
    assert_eq!(page.attr(".content p > img", "title"), "Tooltip");
}

#[test]
fn a_code_block_shows_its_title_and_mermaid_stays_code() {
    let site = site_with(
        "content/en/code.md",
        "---\ntitle: Code\n---\n\n```rust title=\"src/main.rs\"\nfn main() {}\n```\n\n```mermaid\ngraph TD; A-->B\n```\n",
    );
    site.build(&[]);
    let page = site.html("en/code/index.html");
    assert_eq!(
        page.text(".content figure.code > figcaption"),
        "src/main.rs"
    );
    assert!(
        !page
            .all(".content figure.code > pre.hl > code.language-rust span")
            .is_empty(),
        "the language is still highlighted"
    );
    assert_eq!(
        page.text(".content pre > code.language-mermaid"),
        "graph TD; A-->B"
    );
}

const PAGE_WITH_INCLUDES: &str = "---
title: Guide
---

Intro.

{{#include parts/setup.md}}

```
{{#include parts/setup.md}}
```
";

#[test]
fn an_include_line_is_the_file_without_its_front_matter() {
    let site = site_with("content/en/guide.md", PAGE_WITH_INCLUDES)
        .file(
            "content/en/parts/setup.md",
            "---\ntitle: Setup\n---\n\n## Setup\n\n{{#include ../../../includes/steps.md}}\n",
        )
        // Outside content/, so not a page of its own (where `handbok import hugo` puts them).
        .file("includes/steps.md", "1. Install.\n2. Run.\n");
    site.build(&[]);
    let page = site.html("en/guide/index.html");
    assert_eq!(page.text(".content h2#setup"), "Setup");
    assert_eq!(
        page.all(".content ol > li").len(),
        2,
        "nested, relative to its file"
    );
    assert!(!page.text(".content").contains("title: Setup"));
    assert_eq!(
        page.text(".content pre > code"),
        "{{#include parts/setup.md}}",
        "an include in fenced code stays as text"
    );
}

#[test]
fn a_missing_or_self_including_file_is_an_error_at_the_include() {
    let site = site_with(
        "content/en/guide.md",
        "---\ntitle: Guide\n---\n\n{{#include parts/gone.md}}\n\n{{#include parts/loop.md}}\n",
    )
    .file(
        "content/en/parts/loop.md",
        "---\ntitle: Loop\n---\n\nAgain:\n\n{{#include loop.md}}\n",
    );
    let run = site.build_fails(1);
    assert!(
        run.stderr.contains("content/en/guide.md:5:1: error:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/en/guide.md:7:1: error: `parts/loop.md` includes itself"),
        "{}",
        run.stderr
    );
}

/// The tab set by mouse and keyboard, and the page free of axe-core violations.
#[test]
fn tabs_work_by_click_and_arrow_keys() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = site_with("content/en/containers.md", CONTAINERS);
    let server = Server::start(&site);
    browser.open(&format!("{}en/containers/", server.url));
    let state = "return [...document.querySelectorAll('[role=tab]')].map(t => t.getAttribute('aria-selected') + ':' + document.getElementById(t.getAttribute('aria-controls')).hidden)";
    assert_eq!(browser.run(state), json!(["true:false", "false:true"]));
    assert_eq!(
        browser.run("return document.querySelector('[role=tablist]').hidden"),
        json!(false)
    );
    assert_eq!(
        browser.run("return getComputedStyle(document.querySelector('.tabs-label')).display"),
        json!("none"),
        "with the tab list shown, the panels' labels are not needed"
    );
    browser.run("document.querySelector('[role=tab]').focus(); return null");
    browser.press("\u{E014}"); // ArrowRight
    assert_eq!(browser.run(state), json!(["false:true", "true:false"]));
    assert_eq!(
        browser.run("return document.activeElement.textContent"),
        json!("Windows")
    );
    browser.press("\u{E014}"); // ArrowRight wraps to the first
    assert_eq!(browser.run(state), json!(["true:false", "false:true"]));
    browser.press("\u{E010}"); // End
    assert_eq!(browser.run(state), json!(["false:true", "true:false"]));
    browser.press("\u{E011}"); // Home
    assert_eq!(browser.run(state), json!(["true:false", "false:true"]));
    browser.run("document.querySelectorAll('[role=tab]')[1].click(); return null");
    assert_eq!(browser.run(state), json!(["false:true", "true:false"]));
    // On paper every panel shows under its label: the print rules, applied to the screen.
    let printed = browser.run(
        "const rules = [...document.styleSheets].flatMap(s => [...s.cssRules]).filter(r => r.media && r.media.mediaText === 'print').flatMap(r => [...r.cssRules].map(c => c.cssText)); const style = document.createElement('style'); style.textContent = rules.join('\\n'); document.head.appendChild(style); const shown = e => getComputedStyle(e).display !== 'none'; const result = [shown(document.querySelector('[role=tablist]')), ...[...document.querySelectorAll('.tabs-panel, .tabs-label')].map(shown)]; style.remove(); return result;",
    );
    assert_eq!(printed, json!([false, true, true, true, true]));
    if let Some(axe) = axe_source() {
        browser.run(&axe);
        let violations = browser.run_async(
            "const done = arguments[arguments.length - 1]; axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v => v.id + ': ' + v.help)));",
        );
        assert_eq!(violations, json!([]));
    }
    assert!(browser.console_errors().is_empty());
}
