//! The theme's search script run in Node against a built index: what a reader's query finds.
//! Node comes with .ci/run's npm; without it (and without `CI=true`) these tests skip.

use std::process::Command;

use crate::support::Site;

/// Runs `static/theme/search.js` on the index in `site`'s output for each query, in `lang`,
/// and returns the URLs of the results, best first.
fn search(site: &Site, lang: &str, queries: &[&str]) -> Option<Vec<Vec<String>>> {
    let script = format!(
        r#"
const fs = require("fs");
const path = require("path");
const core = require({core:?});
const root = path.join({public:?}, "search", {lang:?});
const read = (file) => JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));
const meta = read("meta.json");
const results = {queries:?}.map((query) => {{
  const words = core.queryWords(query, meta);
  const chunks = words.map((word) =>
    Object.assign({{}}, ...core.chunksOf(word, meta).map((name) => read("t/" + name + ".json"))));
  return core.rank(meta, words, chunks).ranked.map(([doc]) => {{
    const at = core.fragmentOf(doc, meta);
    return read(at.file)[at.item].u;
  }});
}});
console.log(JSON.stringify(results));
"#,
        core = concat!(env!("CARGO_MANIFEST_DIR"), "/static/theme/search.js"),
        public = site.public(),
        lang = lang,
        queries = queries,
    );
    let output = match Command::new("node").arg("-e").arg(&script).output() {
        Ok(output) => output,
        Err(_) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but node is missing; .ci/run needs Node.js for npm")
        }
        Err(_) => {
            eprintln!("SKIPPED: the search script test needs node");
            return None;
        }
    };
    assert!(
        output.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).expect("node printed JSON"))
}

fn site() -> Site {
    let site = Site::new()
        .file(
            "content/nb/drift.md",
            "---\ntitle: Drift\n---\n\n## Overvåking og varsler\n\nVi varsler når noe feiler.\n",
        )
        .file(
            "content/nb/kopi.md",
            "---\ntitle: Sikkerhetskopiering\n---\n\nVi tar sikkerhetskopi hver natt og overvåker jobben.\n",
        )
        .file(
            "content/nb/plan.md",
            "---\ntitle: Driftsplan\n---\n\nPlanen for året.\n",
        )
        .file(
            "content/en/backup.md",
            "---\ntitle: Backup\n---\n\nRestore drills and monitoring of policies.\n",
        )
        .file(
            "content/en/rest.md",
            "---\ntitle: Rest\n---\n\nTake a rest and go back home.\n",
        );
    site.build(&[]);
    site
}

#[test]
fn norwegian_forms_match_and_common_words_do_not_hide_results() {
    let site = site();
    let Some(found) = search(
        &site,
        "nb",
        &[
            "overvåking og varsler",
            "overvaking",
            "OVERVÅKING",
            "sikkerhetskopi",
            "og",
            "drift",
        ],
    ) else {
        return;
    };
    // A heading with a stop word in it is found by the whole heading.
    assert_eq!(found[0], ["/nb/drift/"], "overvåking og varsler");
    // Without diacritics, in capitals: the page that says it and the one with another form.
    for (query, urls) in ["overvaking", "OVERVÅKING"].iter().zip(&found[1..3]) {
        let mut urls = urls.clone();
        urls.sort();
        assert_eq!(urls, ["/nb/drift/", "/nb/kopi/"], "{query}");
    }
    // Still being typed: the longer word.
    assert_eq!(found[3], ["/nb/kopi/"], "sikkerhetskopi");
    // Only stop words: nothing, and no error.
    assert!(found[4].is_empty(), "og: {:?}", found[4]);
    // A compound is not a form of its first part, only what the word may still become.
    assert_eq!(
        found[5],
        ["/nb/drift/", "/nb/plan/"],
        "drift before driftsplan"
    );
}

#[test]
fn english_forms_match_but_other_words_sharing_letters_do_not() {
    let site = site();
    let Some(found) = search(
        &site,
        "en",
        &["backup", "restore", "monitored", "policy", "rest"],
    ) else {
        return;
    };
    assert_eq!(found[0], ["/en/backup/"], "backup is not back");
    assert_eq!(found[1], ["/en/backup/"], "restore is not rest");
    assert_eq!(found[2], ["/en/backup/"], "monitored is monitoring");
    assert_eq!(found[3], ["/en/backup/"], "policy is policies");
    // `rest` is typed so far: the page about rest first, then the one with `restore`.
    assert_eq!(found[4][0], "/en/rest/", "rest: {:?}", found[4]);
}
