//! The W3C Nu HTML checker (`vnu-jar`, pinned in tests/node) over every page type the theme
//! and the renderer write, in both languages. Skips with a message without Java or the jar,
//! except under `CI=true`, where it must run (.ci/run installs both).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::Site;

/// Every page type and Markdown feature, in English and Norwegian: front pages, a section
/// with a listing, a page with a banner, alerts, a table, code (with a title), footnotes,
/// task lists, a captioned figure, details and tabs, diagrams of each kind, an alias (redirect page), a fallback
/// page, the print pages (every page of a language on one), and the 404 page. No raw HTML: every byte is the theme's or the
/// renderer's, so every error is ours.
fn feature_site() -> Site {
    let png = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/seeds/static/illustrations/illustration-03.png"),
    )
    .expect("seed illustration");
    let mut site = Site::new().bytes("static/banner.png", &png);
    for (lang, words) in [("en", FEATURES_EN), ("nb", FEATURES_NB)] {
        site = site
            .file(
                &format!("content/{lang}/_index.md"),
                &format!("---\ntitle: {lang} front\ningress: The front page.\n---\n\nWelcome.\n"),
            )
            .file(
                &format!("content/{lang}/guides/_index.md"),
                "---\ntitle: Guides\ningress: How we work.\n---\n\nAll guides.\n",
            )
            .file(&format!("content/{lang}/guides/features.md"), words)
            .file(
                &format!("content/{lang}/guides/plain.md"),
                "---\ntitle: Plain\nnavigation_link:\n  subtitle: A short one\n---\n\nText.\n",
            );
    }
    // English only: Norwegian readers get its fallback page.
    site.file(
        "content/en/guides/english-only.md",
        "---\ntitle: English only\n---\n\nNot translated yet.\n",
    )
}

const FEATURES_EN: &str = "---
title: Every feature
ingress: A page with all of it.
aliases: [/old-features/]
banner:
  image:
    src: /banner.png
    alt: An illustration
---

## Alerts

> [!NOTE]
> A note.

> [!WARNING]
> A warning with `code`.

## Table

| service | owner |
| --- | :---: |
| web | platform |

## Code

```rust
fn main() { println!(\"hi\"); }
```

```
plain text
```

## Lists

- [x] done
- [ ] open

1. first
2. second

Text with a footnote[^1], ~~struck~~, **bold** and a [link](plain.md#top).

![A picture](/banner.png)

![A captioned picture](/banner.png \"The caption\")

::: details Why it matters
Because **readers** need it.
:::

::: tabs
== Linux
```sh
systemctl restart web
```
== Windows
Restart the service.
:::

```yaml title=\"deploy.yaml\"
replicas: 3
```

## Diagrams

```mermaid
flowchart TD
    alert([Alert fires]) --> triage{Customer impact?}
    triage -->|Yes| page[Page on-call]
    subgraph response [Response]
        page --> fix[Roll back]
    end
```

```mermaid
sequenceDiagram
    accTitle: Deploy
    CI->>Cluster: Apply
    alt Failed
        CI->>Cluster: Roll back
    end
    Note over CI,Cluster: Signed images only
```

[^1]: The footnote.
";

const FEATURES_NB: &str = "---
title: Alt som finnes
ingress: En side med alt.
translation_key: features
banner:
  image:
    src: /banner.png
    alt: En illustrasjon
---

## Varsler

> [!TIP]
> Et tips.

> [!CAUTION]
> Forsiktig.

| tjeneste | eier |
| --- | --- |
| web | plattform |

```sh
systemctl status nginx
```

- [x] ferdig

```mermaid
stateDiagram-v2
    [*] --> Oppdaget
    state Aktiv {
        [*] --> Feilsøking
    }
    Oppdaget --> Aktiv
    Aktiv --> [*]
```

Fotnote[^a].

[^a]: Fotnoten.
";

fn vnu_jar() -> Option<PathBuf> {
    let jar = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/node/node_modules/vnu-jar/build/dist/vnu.jar");
    let java = Command::new("java").arg("-version").output().is_ok();
    if jar.is_file() && java {
        return Some(jar);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "CI=true but Java or {} is missing; .ci/run installs them",
            jar.display()
        );
    }
    eprintln!(
        "SKIPPED: the Nu HTML checker needs Java and vnu-jar (apt-get install default-jre-headless; cd tests/node && npm ci)"
    );
    None
}

/// The checker's errors for every HTML file below `dir`, as `file: message` lines.
fn nu_errors(jar: &Path, dir: &Path) -> Vec<String> {
    let run = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--format", "json", "--skip-non-html"])
        .arg(dir)
        .output()
        .expect("run java");
    // The checker writes its JSON report to stderr.
    let report: serde_json::Value = serde_json::from_slice(&run.stderr).unwrap_or_else(|error| {
        panic!(
            "the Nu checker's report is not JSON ({error}):\n{}",
            String::from_utf8_lossy(&run.stderr)
        )
    });
    report["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .map(|m| {
            format!(
                "{} line {}: {}",
                m["url"].as_str().unwrap_or("?"),
                m["lastLine"],
                m["message"].as_str().unwrap_or("?")
            )
        })
        .collect()
}

#[test]
fn every_page_type_is_valid_html_by_the_nu_checker() {
    let Some(jar) = vnu_jar() else { return };
    let features = feature_site();
    features.build(&[]);
    // The page types are really there, so the check below covers them.
    for file in [
        "index.html",
        "404.html",
        "en/index.html",
        "nb/index.html",
        "en/guides/index.html",
        "en/guides/features/index.html",
        "nb/guides/features/index.html",
        "old-features/index.html",
        "nb/guides/english-only/index.html",
        "en/print/index.html",
        "nb/print/index.html",
    ] {
        assert!(
            features.public().join(file).is_file(),
            "{file} was not built"
        );
    }
    let page = features.html("en/guides/features/index.html");
    for selector in [
        "figure figcaption",
        "[role=tablist]",
        "details summary",
        "table",
        ".callout",
    ] {
        assert!(page.count(selector) > 0, "the page has no {selector}");
    }
    // The print page holds the same features, each page's ids prefixed.
    let print = features.html("en/print/index.html");
    for selector in [
        "[role=tablist]",
        "details summary",
        "#guides-features--alerts",
    ] {
        assert!(
            print.count(selector) > 0,
            "the print page has no {selector}"
        );
    }
    let print = features.html("nb/print/index.html");
    assert!(print.count("#guides-english-only .fallback-notice") > 0);
    let handbook = Site::handbook();
    handbook.build(&[]);
    let mut errors = nu_errors(&jar, &features.public());
    errors.extend(nu_errors(&jar, &handbook.public()));
    assert!(
        errors.is_empty(),
        "{} errors from the Nu HTML checker:\n{}",
        errors.len(),
        errors.join("\n")
    );
}
