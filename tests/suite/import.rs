//! `import hugo`: small Hugo sites written here, imported through the library API, and the
//! result inspected file by file and built with the real binary.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use handbok::diagnostic::Failure;
use handbok::import::{ImportOptions, ImportReport, import_hugo};

use crate::support::run_in;

/// A Hugo site in a temp folder, and a place beside it for the import.
struct HugoSite {
    _dir: tempfile::TempDir,
    source: PathBuf,
}

impl HugoSite {
    fn new(files: &[(&str, &str)]) -> HugoSite {
        let dir = tempfile::tempdir().expect("temp dir");
        let source = dir.path().join("hugo");
        for (path, text) in files {
            let target = source.join(path);
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::write(target, text).unwrap();
        }
        HugoSite { _dir: dir, source }
    }

    fn out(&self, name: &str) -> PathBuf {
        self.source.parent().unwrap().join(name)
    }

    fn import(&self, out: &str) -> Result<ImportReport, Failure> {
        import_hugo(&ImportOptions {
            source: self.source.clone(),
            out: self.out(out),
        })
    }

    fn imported(&self, out: &str) -> (ImportReport, Imported) {
        let report = self
            .import(out)
            .unwrap_or_else(|failure| panic!("import failed: {failure}"));
        (report, Imported(self.out(out)))
    }
}

struct Imported(PathBuf);

impl Imported {
    fn read(&self, path: &str) -> String {
        let file = self.0.join(path);
        fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
    }

    fn exists(&self, path: &str) -> bool {
        self.0.join(path).is_file()
    }

    /// `handbok build` on the imported site, which must succeed.
    fn build(&self) -> String {
        let run = run_in(&self.0, &["build"]);
        assert_eq!(run.code, 0, "build failed:\n{}\n{}", run.stdout, run.stderr);
        run.stderr
    }

    fn html(&self, path: &str) -> String {
        self.read(&format!("public/{path}"))
    }
}

/// Every file below a folder with its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(root).unwrap().to_path_buf(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

const NB_EN_CONFIG: &str = r#"baseURL = "https://docs.example.no/handbok/"
title = "Driftshåndboka"
defaultContentLanguage = "no"

[params]
supportEmail = "drift@example.no"

[languages.no]
languageName = "Norsk"
languageCode = "nb-NO"
weight = 1

[languages.en]
languageName = "English"
title = "Operations handbook"
weight = 2
"#;

const DRIFT: &str = r#"---
title: Drift
description: Slik drifter vi
translationKey: operations
# Old URLs people still have.
aliases:
  - /gammel-drift/
weight: 2
date: 2024-01-01
---

{{% notice warning "Viktig" %}}
Ikke slett **produksjon**.
{{% /notice %}}

{{< figure src="/handbok/images/api.svg" alt="API" caption="Slik ser API-et ut" >}}

{{< tabs >}}
{{% tab name="Linux" %}}
```sh
systemctl restart app
```
{{% /tab %}}
{{% tab name="Windows" %}}
Restart-Service app
{{% /tab %}}
{{< /tabs >}}

{{% expand "Detaljer" %}}
Mer tekst.
{{% /expand %}}

{{< highlight go "linenos=table" >}}
fmt.Println("hei")
{{< /highlight >}}

{{< mermaid >}}
graph LR; A --> B
{{< /mermaid >}}

Kontakt {{< siteparam "supportEmail" >}}. {{% button href="/docs/vedlegg-flytdiagram/" %}}Se vedlegg{{% /button %}}

{{< youtube w7Ft2ymGmfc >}}

{{< note >}}Egen kortkode.{{< /note >}}

{{% include "snippets/felles.md" %}}
"#;

fn nb_en_site() -> HugoSite {
    HugoSite::new(&[
        ("hugo.toml", NB_EN_CONFIG),
        (
            "layouts/shortcodes/note.html",
            "<aside>{{ .Inner }}</aside>\n",
        ),
        (
            "content/_index.md",
            "---\ntitle: Forside\n---\n\nSe [drift](docs/drift/) og [figuren]({{< relref \"docs/vedlegg-flytdiagram.md#figur\" >}}).\n",
        ),
        (
            "content/_index.en.md",
            "---\ntitle: Home\n---\n\nSee [operations](/handbok/en/docs/drift/).\n\n![Logo](/images/logo.png)\n",
        ),
        (
            "content/docs/_index.md",
            "+++\ntitle = 'Dokumentasjon'\n# A comment stays.\ndescription = \"Alt om drift\"\nweight = 1\n+++\n\n{{% children %}}\n\nSe også [vedlegg](vedlegg-flytdiagram/).\n",
        ),
        ("content/docs/drift.md", DRIFT),
        (
            "content/docs/drift.en.md",
            "---\ntitle: Operations\ntranslationKey: operations\naliases: [/old-ops/]\n---\n\nSee [the Norwegian diagram](/docs/vedlegg-flytdiagram/).\n",
        ),
        (
            "content/docs/vedlegg-flytdiagram.md",
            "---\ntitle: Vedlegg\n---\n\n## Figur\n\n![Flyt](../flyt-ws.png)\n\n<img src=\"../flyt-ws.png\" alt=\"Flyt\">\n\n[Mangler](../finnes-ikke/)\n",
        ),
        ("content/docs/flyt-ws.png", "PNG"),
        (
            "content/guide/index.md",
            "---\ntitle: Veiledning\n---\n\n![Diagram](diagram.png)\n",
        ),
        (
            "content/guide/index.en.md",
            "---\ntitle: Guide\n---\n\n![Diagram](diagram.png)\n",
        ),
        ("content/guide/diagram.png", "PNG"),
        (
            "content/snippets/felles.md",
            "---\ntitle: Felles\n_build:\n  render: never\n---\n\nFelles tekst.\n",
        ),
        (
            "static/images/api.svg",
            "<svg xmlns='http://www.w3.org/2000/svg'/>",
        ),
        ("assets/images/logo.png", "PNG"),
        ("assets/css/unused.css", "body {}"),
    ])
}

#[test]
fn a_bilingual_hugo_site_becomes_a_handbok_site_that_builds() {
    let site = nb_en_site();
    let before = snapshot(&site.source);
    let (report, out) = site.imported("handbok");
    assert_eq!(
        snapshot(&site.source),
        before,
        "the Hugo site is not touched"
    );

    // Languages: Hugo's `no` is Bokmål here, so it is `nb`; the default at the root.
    let site_yaml = out.read("site.yaml");
    assert!(site_yaml.contains("title: Driftshåndboka\n"), "{site_yaml}");
    assert!(
        site_yaml.contains("base_url: https://docs.example.no/handbok/\n"),
        "{site_yaml}"
    );
    assert!(site_yaml.contains("default_language: nb\n"), "{site_yaml}");
    assert!(
        site_yaml.contains("  - code: nb\n    name: Norsk\n    title: Driftshåndboka\n  - code: en\n    name: English\n    title: Operations handbook\n"),
        "{site_yaml}"
    );
    for file in [
        "content/nb/_index.md",
        "content/en/_index.md",
        "content/nb/docs/drift.md",
        "content/en/docs/drift.md",
        "content/nb/guide/index.md",
        "content/en/guide/index.md",
        // A resource shared by the languages is copied beside each language's page.
        "content/nb/guide/diagram.png",
        "content/en/guide/diagram.png",
        "content/nb/docs/flyt-ws.png",
        "static/images/api.svg",
        // Only the files of assets/ that pages use.
        "static/images/logo.png",
    ] {
        assert!(out.exists(file), "{file} is missing");
    }
    assert!(!out.exists("static/css/unused.css"));

    // Front matter: mapped keys, everything else byte for byte.
    let drift = out.read("content/nb/docs/drift.md");
    assert!(
        drift.starts_with("---\ntitle: Drift\ningress: Slik drifter vi\ntranslation_key: operations\n# Old URLs people still have.\naliases:\n  - /gammel-drift/\nweight: 2\ndate: 2024-01-01\n---\n"),
        "{drift}"
    );
    let docs = out.read("content/nb/docs/_index.md");
    assert!(
        docs.starts_with("+++\ntitle = 'Dokumentasjon'\n# A comment stays.\ningress = \"Alt om drift\"\nweight = 1\n+++\n"),
        "{docs}"
    );
    // English is below /en/ in Hugo, so its root alias is the language's own.
    assert!(
        out.read("content/en/docs/drift.md")
            .contains("aliases: [old-ops/]")
    );
    assert!(
        out.read("content/nb/snippets/felles.md")
            .contains("_build:\n  render: never\nheadless: true\n")
    );

    // Shortcodes, in exactly handbok's syntax.
    for expected in [
        "> [!WARNING]\n> **Viktig**\n>\n> Ikke slett **produksjon**.\n",
        "\n![API](/images/api.svg \"Slik ser API-et ut\")\n",
        "::: tabs\n\n== Linux\n\n```sh\nsystemctl restart app\n```\n\n== Windows\n\nRestart-Service app\n\n:::\n",
        "::: details Detaljer\n\nMer tekst.\n\n:::\n",
        "```go\nfmt.Println(\"hei\")\n```\n",
        "```mermaid\ngraph LR; A --> B\n```\n",
        "Kontakt drift@example.no. [Se vedlegg](vedlegg-flytdiagram.md)",
        "{{< youtube w7Ft2ymGmfc >}}",
        "{{< note >}}Egen kortkode.{{< /note >}}",
        "\n{{#include ../snippets/felles.md}}\n",
    ] {
        assert!(
            drift.contains(expected),
            "expected {expected:?} in:\n{drift}"
        );
    }
    assert!(!docs.contains("children"), "{docs}");

    // Paths: Hugo's meaning (relative to the page's URL) becomes handbok's (the file's).
    let vedlegg = out.read("content/nb/docs/vedlegg-flytdiagram.md");
    assert!(vedlegg.contains("![Flyt](flyt-ws.png)"), "{vedlegg}");
    assert!(
        vedlegg.contains("<img src=\"flyt-ws.png\" alt=\"Flyt\">"),
        "{vedlegg}"
    );
    assert!(
        vedlegg.contains("[Mangler](../finnes-ikke/)"),
        "left as written: {vedlegg}"
    );
    let home = out.read("content/nb/_index.md");
    assert!(
        home.contains("Se [drift](docs/drift.md) og [figuren](docs/vedlegg-flytdiagram.md#figur)."),
        "{home}"
    );
    assert!(docs.contains("[vedlegg](vedlegg-flytdiagram.md)"), "{docs}");
    assert!(
        out.read("content/en/_index.md")
            .contains("[operations](docs/drift.md)")
    );
    assert!(
        out.read("content/en/docs/drift.md")
            .contains("[the Norwegian diagram](../../nb/docs/vedlegg-flytdiagram.md)")
    );
    assert!(
        out.read("content/en/guide/index.md")
            .contains("![Diagram](diagram.png)")
    );

    // The report.
    let pages: Vec<(&str, usize)> = report
        .languages
        .iter()
        .map(|l| (l.code.as_str(), l.pages))
        .collect();
    assert_eq!(pages, [("nb", 6), ("en", 3)]);
    assert_eq!(report.languages[0].hugo_code.as_deref(), Some("no"));
    assert_eq!(report.translation_pairs, 3, "home, drift (by key), guide");
    for kind in [
        "notice",
        "figure",
        "tabs",
        "expand",
        "highlight",
        "mermaid",
        "siteparam",
        "button",
        "include",
        "children",
        "relref",
    ] {
        assert_eq!(
            report.shortcodes.get(kind),
            Some(&1),
            "{kind}: {:?}",
            report.shortcodes
        );
    }
    assert_eq!(report.front_matter.get("description → ingress"), Some(&2));
    assert_eq!(report.links_rewritten, 5, "{report}");
    assert_eq!(report.images_rewritten, 3, "{report}");
    let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(
        problems[0]
            .starts_with("content/docs/drift.md:43: shortcode `{{< youtube w7Ft2ymGmfc >}}`"),
        "{problems:#?}"
    );
    assert!(
        problems[1].starts_with("content/docs/drift.md:45: shortcode `{{< note >}}`"),
        "{problems:#?}"
    );
    assert!(
        problems[2].starts_with("content/docs/vedlegg-flytdiagram.md:11: `../finnes-ikke/`"),
        "{problems:#?}"
    );
    let text = report.to_string();
    assert!(
        text.contains("pages: nb 6 (Hugo's `no`), en 3 (9 in all)"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(json["problems"][0]["line"], 43);
    assert_eq!(json["shortcodes"]["tabs"], 1);

    // And handbok builds it, every link and image found.
    let warnings = out.build();
    assert!(!warnings.contains("error"), "{warnings}");
    let html = out.html("nb/docs/drift/index.html");
    assert!(html.contains("src=\"/handbok/images/api.svg\""), "{html}");
    assert!(html.contains("callout-warning"), "{html}");
    assert!(
        html.contains("href=\"/handbok/nb/docs/vedlegg-flytdiagram/\""),
        "{html}"
    );
    let html = out.html("en/docs/drift/index.html");
    assert!(
        html.contains("href=\"/handbok/nb/docs/vedlegg-flytdiagram/\""),
        "{html}"
    );
    assert!(
        out.html("nb/docs/vedlegg-flytdiagram/index.html")
            .contains("src=\"/handbok/nb/docs/flyt-ws.png\"")
    );
    assert!(
        out.html("en/index.html")
            .contains("src=\"/handbok/images/logo.png\"")
    );
}

#[test]
fn importing_twice_writes_the_same_bytes() {
    let site = nb_en_site();
    let (first, one) = site.imported("one");
    let (second, two) = site.imported("two");
    assert_eq!(snapshot(&one.0), snapshot(&two.0));
    assert_eq!(
        ImportReport {
            out: String::new(),
            ..first
        },
        ImportReport {
            out: String::new(),
            ..second
        }
    );
}

const LEARN_CONFIG: &str = r#"baseURL = "/"
languageCode = "en-US"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
title = "Learn"

[params]
editURL = "https://example.org/edit/"

[Languages]
[Languages.en]
title = "Documentation"
weight = 1
languageName = "English"

[Languages.fr]
title = "Documentation en français"
weight = 2
languageName = "Français"
"#;

#[test]
fn a_learn_site_with_suffixes_attachments_and_escaped_shortcodes() {
    let site = HugoSite::new(&[
        ("config.toml", LEARN_CONFIG),
        (
            "content/_index.en.md",
            "---\ntitle: Home\n---\n\n{{% notice tip %}}Read [more]({{%relref \"basics/_index.md\"%}}) {{% /notice %}}\n\nEdit at {{% siteparam \"editURL\" %}}.\n",
        ),
        (
            "content/_index.fr.md",
            "---\ntitle: Accueil\n---\n\n![Magic](/en/basics/images/magic.gif?classes=shadow)\n",
        ),
        (
            "content/basics/_index.en.md",
            "+++\ntitle = \"Basics\"\nhidden = true\n+++\n\nText.\n",
        ),
        (
            "content/basics/_index.fr.md",
            "---\ntitle : Bases\ndescription : \"Les bases\"\n---\n\n{{%expand%}}Caché{{% /expand%}}\n\n![Magic](/en/basics/images/magic.gif)\n",
        ),
        ("content/basics/images/magic.gif", "GIF"),
        (
            "content/shortcodes/attachments.en.md",
            "---\ntitle: Attachments\n---\n\n{{% attachments title=\"Files\" pattern=\".*\\.(pdf)$\" /%}}\n\n    {{%/* attachments */%}}\n\nEnd.\n",
        ),
        ("content/shortcodes/attachments.en.files/a.pdf", "PDF"),
        ("content/shortcodes/attachments.en.files/b.png", "PNG"),
        ("content/shortcodes/untitled.en.md", "No title here.\n"),
    ]);
    let (report, out) = site.imported("out");
    let pages: Vec<(&str, usize)> = report
        .languages
        .iter()
        .map(|l| (l.code.as_str(), l.pages))
        .collect();
    assert_eq!(pages, [("en", 4), ("fr", 2)]);

    let home = out.read("content/en/_index.md");
    assert!(
        home.contains(
            "> [!TIP]\n> Read [more](basics/_index.md)\n\nEdit at https://example.org/edit/.\n"
        ),
        "{home}"
    );
    // The French page used the English copy of a shared image; it has its own now.
    assert!(
        out.read("content/fr/_index.md")
            .contains("![Magic](basics/images/magic.gif?classes=shadow)")
    );
    assert!(out.exists("content/fr/basics/images/magic.gif"));
    let basics_fr = out.read("content/fr/basics/_index.md");
    assert!(
        basics_fr.starts_with("---\ntitle : Bases\ningress : \"Les bases\"\n---\n"),
        "{basics_fr}"
    );
    assert!(
        basics_fr.contains("::: details Expand me...\n\nCaché\n\n:::\n"),
        "{basics_fr}"
    );
    assert!(
        basics_fr.contains("![Magic](images/magic.gif)"),
        "{basics_fr}"
    );
    assert!(
        out.read("content/en/basics/_index.md")
            .contains("hidden = true\n")
    );

    // Learn's `page.en.files/` is the English page's `page.files/`.
    let attachments = out.read("content/en/shortcodes/attachments.md");
    assert!(
        attachments.contains("**Files**\n\n- [a.pdf](attachments.files/a.pdf)\n\n<!-- -->\n\n    {{% attachments %}}\n\nEnd.\n"),
        "{attachments}"
    );
    assert!(out.exists("content/en/shortcodes/attachments.files/b.png"));
    assert!(!out.exists("content/fr/shortcodes/attachments.files/a.pdf"));
    // handbok needs a title; Hugo would show none.
    assert!(
        out.read("content/en/shortcodes/untitled.md")
            .starts_with("---\ntitle: Untitled\n---\nNo title here.\n")
    );
    assert!(report.problems.is_empty(), "{report}");

    out.build();
    let html = out.html("fr/index.html");
    assert!(
        html.contains("src=\"/fr/basics/images/magic.gif?classes=shadow\""),
        "{html}"
    );
    assert!(out.html("en/index.html").contains("href=\"/en/basics/\""));
}

#[test]
fn per_language_content_folders_and_a_config_folder() {
    let site = HugoSite::new(&[
        (
            "config/_default/hugo.yaml",
            "title: Gulldoks\nbaseURL: https://example.org\ndefaultContentLanguage: no\ncontentDir: content/no\n",
        ),
        (
            "config/_default/languages.yaml",
            "no:\n  languageName: Norsk\n  weight: 1\n  contentDir: content/no\nen:\n  languageName: English\n  weight: 2\n  contentDir: content/en\n",
        ),
        (
            "content/no/_index.md",
            "---\ntitle: Hjem\n---\n\nLes [dokumentasjonen](/docs/).\n",
        ),
        (
            "content/no/docs/_index.md",
            "---\ntitle: Dokumentasjon\n---\n",
        ),
        (
            "content/en/_index.md",
            "---\ntitle: Home\n---\n\nRead [the docs](/en/docs/).\n",
        ),
        ("content/en/docs/_index.md", "---\ntitle: Docs\n---\n"),
    ]);
    let (report, out) = site.imported("out");
    let pages: Vec<(&str, usize)> = report
        .languages
        .iter()
        .map(|l| (l.code.as_str(), l.pages))
        .collect();
    assert_eq!(pages, [("nb", 2), ("en", 2)]);
    assert_eq!(report.translation_pairs, 2);
    assert!(
        out.read("content/nb/_index.md")
            .contains("[dokumentasjonen](docs/_index.md)")
    );
    assert!(
        out.read("content/en/_index.md")
            .contains("[the docs](docs/_index.md)")
    );
    assert!(
        out.read("site.yaml")
            .contains("base_url: https://example.org/\n")
    );
    out.build();
}

#[test]
fn refuses_what_is_not_a_hugo_site_and_an_output_that_is_in_use() {
    let site = nb_en_site();
    let not_hugo = HugoSite::new(&[("content/a.md", "# A\n")]);
    match not_hugo.import("out") {
        Err(Failure::Usage(message)) => {
            assert!(message.contains("is not a Hugo site"), "{message}");
            assert!(message.contains("help:"), "{message}");
        }
        other => panic!("expected a usage failure, got {other:?}"),
    }
    assert!(!not_hugo.out("out").exists());

    fs::create_dir_all(site.out("busy")).unwrap();
    fs::write(site.out("busy").join("keep.txt"), "mine").unwrap();
    match site.import("busy") {
        Err(Failure::Usage(message)) => assert!(message.contains("is not empty"), "{message}"),
        other => panic!("expected a usage failure, got {other:?}"),
    }
    assert_eq!(
        fs::read_to_string(site.out("busy").join("keep.txt")).unwrap(),
        "mine"
    );

    let before = snapshot(&site.source);
    let inside = import_hugo(&ImportOptions {
        source: site.source.clone(),
        out: site.source.join("public/handbok"),
    });
    match inside {
        Err(Failure::Usage(message)) => {
            assert!(message.contains("inside the Hugo site"), "{message}")
        }
        other => panic!("expected a usage failure, got {other:?}"),
    }
    assert_eq!(
        snapshot(&site.source),
        before,
        "nothing written inside the site"
    );

    // An empty folder is fine, and no staging folder is left beside it.
    fs::create_dir_all(site.out("empty")).unwrap();
    site.import("empty")
        .expect("an empty output folder is used");
    let leftovers: Vec<String> = fs::read_dir(site.source.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("handbok-import"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_command_line_imports_reports_as_json_and_refuses_with_exit_2() {
    let site = nb_en_site();
    let above = site.source.parent().unwrap();
    let run = run_in(
        above,
        &["import", "hugo", "hugo", "--out", "cli", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout));
    assert!(report.is_object(), "{report}");
    assert!(above.join("cli/site.yaml").is_file());
    assert_eq!(run_in(&above.join("cli"), &["build"]).code, 0);

    // Without --out, the site goes beside the current folder's others, named after SOURCE.
    let human = run_in(above, &["import", "hugo", "hugo"]);
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert!(above.join("hugo-handbok/site.yaml").is_file());
    assert!(
        human.stdout.contains("imported the Hugo site"),
        "{}",
        human.stdout
    );

    // The same folder again is in use now: refused, nothing changed, exit 2.
    let again = run_in(above, &["import", "hugo", "hugo"]);
    assert_eq!(again.code, 2, "{}\n{}", again.stdout, again.stderr);
    assert!(!again.stderr.is_empty());
}
