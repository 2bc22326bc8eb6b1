//! Mermaid diagrams drawn at build time: each kind as an inline SVG with its name and source,
//! ids of their own on a page, and a diagram that does not parse as an error at its fence in
//! `build`, `check` and `serve`.

use std::collections::HashSet;

use serde_json::Value;

use crate::serve::{Server, eventually};
use crate::support::{Page, Site};

pub const FLOWCHART: &str = "```mermaid\nflowchart TD\n    alert([Alert fires]) --> triage{Customer impact?}\n    triage -->|Yes| page[Page the on-call engineer]\n    triage -->|No| ticket[Open a ticket]\n    subgraph response [Response]\n        page --> mitigate[Roll back or fail over]\n    end\n```\n";
pub const SEQUENCE: &str = "```mermaid\nsequenceDiagram\n    accTitle: Deploy with rollback\n    participant CI\n    participant K8s as Cluster\n    CI->>K8s: Apply manifests\n    loop Until healthy\n        K8s-->>CI: Rollout status\n    end\n    alt Failed\n        CI->>K8s: Roll back\n    end\n    Note over CI,K8s: Signed images only\n```\n";
pub const STATE: &str = "```mermaid\n---\ntitle: Hendelsens livsløp\n---\nstateDiagram-v2\n    [*] --> Oppdaget\n    state Aktiv {\n        [*] --> Feilsøking\n        Feilsøking --> Utbedring: årsak funnet\n    }\n    Oppdaget --> Aktiv\n    Aktiv --> Løst\n    Løst --> [*]\n```\n";

fn site() -> Site {
    Site::new()
        .file("content/en/_index.md", "---\ntitle: Handbook\n---\n")
        .file("content/nb/_index.md", "---\ntitle: Håndbok\n---\n")
        .file(
            "content/en/incidents.md",
            &format!(
                "---\ntitle: Incidents\n---\n\nHow an incident goes.\n\n{FLOWCHART}\nThe deploy:\n\n{SEQUENCE}\n"
            ),
        )
        .file(
            "content/nb/hendelser.md",
            &format!("---\ntitle: Hendelser\n---\n\n{STATE}\n{STATE}"),
        )
        .file("content/en/plain.md", "---\ntitle: Plain\n---\n\nNo diagram.\n")
}

#[test]
fn each_kind_is_an_inline_svg_named_and_with_its_source_and_no_script() {
    let site = site();
    site.build(&[]);
    let page = site.html("en/incidents/index.html");
    assert_eq!(page.count("figure.diagram > svg[role=img]"), 2);
    assert_eq!(
        page.attrs("figure.diagram > svg", "aria-label"),
        [
            "alert([Alert fires]) --> triage{Customer impact?}",
            "Deploy with rollback"
        ]
    );
    let svg = page.all("figure.diagram > svg")[0].html();
    for label in [
        "Alert fires",
        "Customer impact?",
        "Response",
        "Roll back or fail over",
    ] {
        assert!(svg.contains(label), "{label} in {svg}");
    }
    assert!(
        page.all("figure.diagram > svg")[1]
            .html()
            .contains("Rollout status")
    );
    let summaries = |page: &Page| -> Vec<String> {
        page.all("figure.diagram > details.diagram-source > summary")
            .iter()
            .map(|s| s.text().collect())
            .collect()
    };
    assert_eq!(summaries(&page), ["Diagram source", "Diagram source"]);
    assert!(
        page.text("figure.diagram details.diagram-source code.language-mermaid")
            .starts_with("flowchart TD\n    alert([Alert fires]) --> triage")
    );
    let norwegian = site.html("nb/hendelser/index.html");
    assert_eq!(norwegian.count("figure.diagram > svg[role=img]"), 2);
    assert_eq!(
        norwegian.attr("figure.diagram > svg", "aria-label"),
        "Hendelsens livsløp"
    );
    assert!(
        norwegian.all("figure.diagram > svg")[0]
            .html()
            .contains("Feilsøking")
    );
    assert_eq!(
        summaries(&norwegian),
        ["Kilden til diagrammet", "Kilden til diagrammet"]
    );
    // No script comes with a diagram: the page has the scripts of a page without one.
    let scripts = |page: &Page| page.attrs("script", "src");
    assert_eq!(scripts(&page), scripts(&site.html("en/plain/index.html")));
    assert_eq!(page.count("figure.diagram script"), 0);
    assert!(!site.read("en/incidents/index.html").contains("mermaid.js"));
}

#[test]
fn two_diagrams_on_a_page_have_ids_of_their_own() {
    let site = site();
    site.build(&[]);
    for path in ["en/incidents/index.html", "nb/hendelser/index.html"] {
        let page = site.html(path);
        let ids = page.attrs("[id]", "id");
        let unique: HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{path}: {ids:?}");
        let in_diagrams = page.attrs("figure.diagram [id]", "id");
        assert!(in_diagrams.iter().any(|id| id.starts_with("diagram-1-")));
        assert!(in_diagrams.iter().any(|id| id.starts_with("diagram-2-")));
        // Markers point at their own diagram's ids.
        let html = site.read(path);
        assert!(html.contains("url(#diagram-2-"), "{path}");
    }
}

const BROKEN: &str =
    "---\ntitle: Broken\n---\n\nIntro.\n\n```mermaid\nflowchart TD\n    A[Start --> B\n```\n";

#[test]
fn a_diagram_that_does_not_parse_is_an_error_at_its_fence_in_build_and_check() {
    let site = site().file("content/en/broken.md", BROKEN);
    let run = site.build_fails(1);
    assert!(
        run.stderr.contains(
            "content/en/broken.md:7:1: error: mermaid diagram does not parse (its line 2): "
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("missing closing ']'"),
        "the renderer's message"
    );
    assert!(!site.public().exists(), "nothing is written");

    let check = site.run(&["check", "--format", "json"]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    let report: Value = serde_json::from_str(&check.stdout).unwrap();
    let findings: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "diagram")
        .collect();
    assert_eq!(findings.len(), 1, "{report:#}");
    assert_eq!(findings[0]["file"], "content/en/broken.md");
    assert_eq!(findings[0]["line"], 7);
    assert_eq!(findings[0]["severity"], "error");
    assert!(
        findings[0]["message"]
            .as_str()
            .unwrap()
            .contains("(its line 2)")
    );
}

#[test]
fn in_serve_a_broken_diagram_keeps_the_last_good_page_under_the_overlay() {
    let site = site();
    let server = Server::start(&site);
    let good = server.get("/en/incidents/");
    assert!(good.body.contains("<figure class=\"diagram\">"));
    site.write(
        "content/en/incidents.md",
        "---\ntitle: Incidents\n---\n\nEdited text.\n\n```mermaid\nflowchart TD\n    A[Start --> B\n```\n",
    );
    eventually("the overlay appears", || {
        server
            .get("/en/incidents/")
            .body
            .contains("handbok-error-overlay")
    });
    let page = server.get("/en/incidents/").body;
    assert!(page.contains("content/en/incidents.md:7:1"), "{page}");
    assert!(page.contains("does not parse"));
    assert!(
        page.contains("Alert fires") && !page.contains("Edited text."),
        "the last good version stays on screen"
    );
    site.write(
        "content/en/incidents.md",
        &format!("---\ntitle: Incidents\n---\n\nEdited text.\n\n{STATE}"),
    );
    eventually("the fixed page replaces it", || {
        let body = server.get("/en/incidents/").body;
        body.contains("Edited text.")
            && body.contains("Feilsøking")
            && !body.contains("handbok-error-overlay")
    });
}
