//! A deterministic bilingual handbook of any size, for benchmarks (`cargo bench`,
//! `bench/compare.sh`, the `gen-corpus` example): about ten sections split into chapters of
//! 25 pages; pages of 1-4 KB with headings, lists, a code block, a table, links to other
//! pages and a banner; Norwegian with æøå. Optionally the same content in Hugo's layout, with
//! templates doing the work of handbok's default theme, so both can be timed on equal terms.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const SECTIONS: usize = 10;
const CHAPTER: usize = 25;

const EN_WORDS: &[&str] = &[
    "service", "deploy", "monitor", "alert", "incident", "backup", "restore", "cluster", "latency",
    "capacity", "runbook", "on-call", "rollback", "pipeline", "metrics", "logging", "tracing",
    "database", "network", "secure",
];
const NB_WORDS: &[&str] = &[
    "tjeneste",
    "utrulling",
    "overvåking",
    "varsel",
    "hendelse",
    "sikkerhetskopi",
    "gjenoppretting",
    "klynge",
    "forsinkelse",
    "kapasitet",
    "driftshåndbok",
    "vakt",
    "tilbakerulling",
    "løype",
    "måling",
    "logging",
    "sporing",
    "database",
    "nettverk",
    "sårbarhet",
];

struct Random(u64);

impl Random {
    fn next(&mut self) -> usize {
        // xorshift64*: deterministic, no dependency.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize
    }

    fn words(&mut self, list: &[&str], count: usize) -> String {
        (0..count)
            .map(|_| list[self.next() % list.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Writes a site of `pages` pages per language (plus section and front pages) to `out`,
/// replacing what was there.
pub fn write_corpus(out: &Path, pages: usize) {
    if out.exists() {
        fs::remove_dir_all(out).expect("clear --out");
    }
    write(
        &out.join("site.yaml"),
        "title: Benchmark Handbook\nbase_url: https://example.org/\nlanguages:\n  - code: en\n    name: English\n  - code: nb\n    name: Norsk bokmål\n    title: Målehåndboka\n",
    );
    write(&out.join("static/banner.png"), "png");
    for (lang, words) in [("en", EN_WORDS), ("nb", NB_WORDS)] {
        let mut random = Random(0x9E37_79B9_7F4A_7C15);
        write(
            &out.join(format!("content/{lang}/_index.md")),
            &format!(
                "---\ntitle: {}\n---\n\nFront page.\n",
                if lang == "en" { "Handbook" } else { "Håndbok" }
            ),
        );
        for index in 0..pages {
            let section = index % SECTIONS;
            let chapter = index / SECTIONS / CHAPTER;
            let dir = format!("content/{lang}/section-{section:02}/chapter-{chapter:03}");
            if (index / SECTIONS).is_multiple_of(CHAPTER) {
                write(
                    &out.join(&dir).join("_index.md"),
                    &format!(
                        "---\ntitle: Chapter {chapter} of section {section}\nweight: {chapter}\n---\n"
                    ),
                );
                if chapter == 0 {
                    write(
                        &out.join(format!("content/{lang}/section-{section:02}/_index.md")),
                        &format!(
                            "---\ntitle: Section {section} {}\nweight: {section}\n---\n",
                            random.words(words, 2)
                        ),
                    );
                }
            }
            let page = page_text(&mut random, words, index, pages);
            write(&out.join(&dir).join(format!("page-{index:05}.md")), &page);
        }
    }
}

/// The same content for Hugo: `content/<lang>/` as Hugo's per-language content folders,
/// and layouts that do what handbok's default theme does.
pub fn write_hugo_site(corpus: &Path, hugo: &Path) {
    if hugo.exists() {
        fs::remove_dir_all(hugo).expect("clear --hugo");
    }
    for entry in walk(&corpus.join("content")) {
        let relative = entry.strip_prefix(corpus).expect("inside the corpus");
        let text = fs::read_to_string(&entry).expect("read corpus page");
        write(&hugo.join(relative), &text);
    }
    write(&hugo.join("static/banner.png"), "png");
    write(&hugo.join("hugo.yaml"), HUGO_CONFIG);
    for (name, text) in HUGO_LAYOUTS {
        write(&hugo.join("layouts").join(name), text);
    }
}

/// One realistic diagram of each kind ops pages hold most, for the benchmarks.
pub const DIAGRAMS: [(&str, &str); 3] = [
    (
        "flowchart",
        "flowchart TD\n    alert([Alert fires]) --> triage{Customer impact?}\n    triage -->|Yes| sev{Severity}\n    triage -->|No| ticket[Open a ticket for the owning team]\n    sev -->|SEV1| page[Page incident commander]\n    sev -->|SEV2| oncall[Page on-call engineer]\n    subgraph response [Response]\n        page --> bridge[Open the incident bridge]\n        oncall --> bridge\n        bridge --> mitigate[Mitigate: roll back or fail over]\n        mitigate --> fixed{Resolved?}\n        fixed -->|No| escalate[Escalate to the next tier]\n        escalate --> mitigate\n    end\n    fixed -->|Yes| review[Post-incident review within 5 days]\n    ticket --> done([Done])\n    review --> done\n",
    ),
    (
        "sequence",
        "sequenceDiagram\n    autonumber\n    actor Eng as Engineer\n    participant CI\n    participant Reg as Registry\n    participant K8s as Cluster\n    Eng->>CI: Push tag v2.4.0\n    CI->>CI: Build and run tests\n    CI->>Reg: Push image\n    Note over CI,Reg: Image is signed before push\n    CI->>K8s: Apply manifests\n    loop Every 10 s until healthy\n        K8s-->>CI: Rollout status\n    end\n    alt Rollout healthy\n        CI-->>Eng: Deploy succeeded\n    else Rollout failed\n        CI->>K8s: kubectl rollout undo\n        CI-->>Eng: Deploy failed, rolled back\n    end\n",
    ),
    (
        "state",
        "stateDiagram-v2\n    [*] --> Oppdaget\n    Oppdaget --> Vurdert: vakthavende bekrefter\n    state Aktiv {\n        [*] --> Feilsøking\n        Feilsøking --> Utbedring: årsak funnet\n        Utbedring --> Overvåking: rettelse ute\n        Overvåking --> Feilsøking: feilen kom tilbake\n    }\n    Vurdert --> Aktiv: alvorlighet satt\n    Aktiv --> Løst: kundene merker ikke lenger feilen\n    Løst --> Gjennomgått: gjennomgang holdt\n    Gjennomgått --> [*]\n",
    ),
];

/// Appends a diagram to every page of a corpus, each kind in turn, each source distinct
/// (its page's number in a comment), so that none is drawn from another's cache.
pub fn add_diagrams(out: &Path) -> usize {
    let mut pages: Vec<PathBuf> = walk(&out.join("content"))
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "_index.md"))
        .collect();
    pages.sort();
    for (index, page) in pages.iter().enumerate() {
        let (_, source) = DIAGRAMS[index % DIAGRAMS.len()];
        let mut text = fs::read_to_string(page).expect("read page");
        let source = source.replacen("\n", &format!("\n    %% page {index}\n"), 1);
        write!(text, "\n```mermaid\n{source}```\n").expect("write to a string");
        write(page, &text);
    }
    pages.len()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("read folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

// Code blocks get classes and a stylesheet, as in handbok (Hugo inlines styles by default).
const HUGO_CONFIG: &str = "baseURL: https://example.org/
title: Benchmark Handbook
defaultContentLanguage: en
defaultContentLanguageInSubdir: true
disableKinds: [taxonomy, term, RSS]
markup:
  highlight:
    noClasses: false
  goldmark:
    renderer:
      unsafe: true
  tableOfContents:
    startLevel: 2
    endLevel: 3
languages:
  en:
    languageName: English
    contentDir: content/en
    weight: 1
  nb:
    languageName: Norsk bokmål
    title: Målehåndboka
    contentDir: content/nb
    weight: 2
";

// As an experienced Hugo theme author would write them: the navigation is rendered once per
// section (`partialCached`, as handbok shares each section's navigation) from `.Pages`, which
// Hugo caches, and the current page is marked in it with `replace`. `.Sections` walks the
// whole subtree on each call: called for every page it made the build quadratic (5x the CPU
// time at 10,000 pages with Hugo 0.168).
const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "_default/baseof.html",
        r#"<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head>
<meta charset="utf-8">
<title>{{ .Title }} · {{ .Site.Title }}</title>
{{ with .Params.ingress }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
{{ range .Translations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}
<meta property="og:title" content="{{ .Title }}">
{{ with .Params.banner.image.src }}<meta property="og:image" content="{{ . | absURL }}">{{ end }}
<link rel="stylesheet" href="{{ "theme/handbok.css" | relURL }}">
</head>
<body>
<header>
  <a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
  <nav><ul>{{ range .Translations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul></nav>
</header>
<nav class="site-nav">{{ $nav := partialCached "nav.html" .CurrentSection .CurrentSection.RelPermalink }}
{{ replace $nav (printf "href=%q>" .RelPermalink) (printf "href=%q aria-current=\"page\">" .RelPermalink) | safeHTML }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#,
    ),
    (
        "partials/nav.html",
        r#"{{ $section := . }}<ul>
{{ range .Site.Home.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
  {{ if or (eq . $section) ($section.IsDescendant .) }}<ul>
    {{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
      {{ if or (eq . $section) ($section.IsDescendant .) }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}{{ with .Params.navigation_link.subtitle }}<span>{{ . }}</span>{{ end }}</a></li>{{ end }}</ul>{{ end }}
    </li>{{ end }}
  </ul>{{ end }}
</li>{{ end }}
</ul>
"#,
    ),
    (
        "_default/single.html",
        r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ with .Params.ingress }}<p class="ingress">{{ . }}</p>{{ end }}
{{ with .Params.banner.image }}<img class="banner" src="{{ .src | relURL }}" alt="{{ .alt }}">{{ end }}
<nav class="toc">{{ .TableOfContents }}</nav>
<div class="content">{{ .Content }}</div>
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</article>{{ end }}
"#,
    ),
    (
        "_default/list.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul class="cards">{{ range .Pages }}<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>{{ with .Params.navigation_link.subtitle }}<p>{{ . }}</p>{{ end }}{{ with .Params.ingress }}<p>{{ . }}</p>{{ end }}</li>{{ end }}</ul>{{ end }}
"#,
    ),
    (
        "index.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul class="cards">{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"#,
    ),
];

fn page_text(random: &mut Random, words: &[&str], index: usize, pages: usize) -> String {
    let mut text = String::with_capacity(4096);
    let title = random.words(words, 3);
    let _ = write!(
        text,
        "---\ntitle: \"{index}: {title}\"\ningress: {}\nnavigation_link:\n  subtitle: {}\nbanner:\n  image:\n    src: /banner.png\n    alt: {}\nweight: {}\n---\n\n",
        random.words(words, 14),
        random.words(words, 4),
        random.words(words, 5),
        index / SECTIONS % CHAPTER
    );
    let sections = 2 + random.next() % 4;
    for s in 0..sections {
        let length = 40 + random.next() % 60;
        let _ = write!(
            text,
            "## {} {s}\n\n{}.\n\n",
            random.words(words, 3),
            random.words(words, length)
        );
        let _ = write!(text, "### {}\n\n", random.words(words, 2));
        for _ in 0..3 {
            let _ = writeln!(text, "- {}", random.words(words, 8));
        }
        text.push('\n');
        if s == 0 {
            let other = random.next() % pages;
            let section = other % SECTIONS;
            let chapter = other / SECTIONS / CHAPTER;
            let _ = write!(
                text,
                "See [a related page](../../section-{section:02}/chapter-{chapter:03}/page-{other:05}.md).\n\n"
            );
            text.push_str("```sh\nkubectl rollout status deployment/web --timeout=60s\n```\n\n");
            text.push_str("| what | value |\n|---|---|\n| replicas | 3 |\n| timeout | 60 s |\n\n");
        }
    }
    text
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
    fs::write(path, text).expect("write file");
}
