use super::*;

pub(super) struct Fake;
impl LinkResolver for Fake {
    fn link(&self, destination: &str) -> Resolved {
        match destination {
            "other.md" => Resolved::Href("/en/other/".into()),
            "gone.md" => Resolved::Missing("content/en/gone.md".into()),
            _ => Resolved::Keep,
        }
    }
    fn image(&self, destination: &str) -> Resolved {
        match destination {
            "here.png" => Resolved::Href("/en/here.png".into()),
            _ => Resolved::Missing(destination.into()),
        }
    }
}

#[test]
fn headings_get_readable_unique_ids_and_toc() {
    let r = render(
        "## Overvåking og varsler\n\n### Detaljer\n\n## Overvåking og varsler\n\n## \n\n## !!\n",
        None,
        &Fake,
    );
    assert!(
        r.html
            .contains("<h2 id=\"overvåking-og-varsler\">Overvåking og varsler</h2>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<h2 id=\"overvåking-og-varsler-1\">"));
    assert_eq!(
        r.anchors,
        [
            "overvåking-og-varsler",
            "detaljer",
            "overvåking-og-varsler-1",
            "section",
            "section-1"
        ]
    );
    assert_eq!(r.toc.len(), 3);
    assert_eq!(r.toc[0].children[0].id, "detaljer");
    assert_eq!(r.toc[2].title, "!!");
}

#[test]
fn explicit_ids_are_kept_and_title_heading_skipped() {
    let body = "# Title\n\nText\n\n## Custom {#my-id}\n";
    let r = render(body, Some(0..8), &Fake);
    assert!(!r.html.contains("<h1"), "{}", r.html);
    assert!(
        r.html.contains("<h2 id=\"my-id\">Custom</h2>"),
        "{}",
        r.html
    );
}

#[test]
fn body_h1_is_a_section_and_theme_ids_stay_free() {
    let r = render("# Intro\n\n## Main\n\n### Site nav\n", None, &Fake);
    assert!(
        !r.html.contains("<h1"),
        "the title is the page's one h1: {}",
        r.html
    );
    assert!(r.html.contains("<h2 id=\"intro\">Intro</h2>"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"main-1\">Main</h2>"), "{}", r.html);
    assert!(r.html.contains("<h3 id=\"site-nav-1\">"), "{}", r.html);
    assert_eq!(r.toc[0].id, "intro");
}

#[test]
fn raw_html_links_resolve_but_not_in_comments() {
    let r = render(
        "<p><a href=\"other.md\">a</a></p>\n\n<!--\n<img src=\"nope.png\">\n-->\n\nText <!-- <a href=\"gone.md\">x</a> --> and <img src=\"nope.png\" alt=\"No\">\n",
        None,
        &Fake,
    );
    assert!(
        r.html.contains("<a href=\"/en/other/\">a</a>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<img src=\"nope.png\">\n-->"), "{}", r.html);
    let problems: Vec<ProblemKind> = r.problems.iter().map(|p| p.kind).collect();
    assert_eq!(
        problems,
        [ProblemKind::MissingImage],
        "only the image outside comments"
    );
    assert!(r.links.iter().any(|l| l.is_image && l.has_alt));
}

#[test]
fn raw_html_ids_are_anchors_beside_the_headings() {
    let body = "<a id=\"top\"></a>\n\n# A\n\n### B `c`\n\n## <span id=\"old\"></span>A\n\n<!-- <b id=\"gone\"> -->\n";
    let r = render(body, None, &Fake);
    assert_eq!(r.anchors, ["a", "b-c", "a-1", "top", "old"]);
}

#[test]
fn links_and_images_are_rewritten_or_reported() {
    let r = render(
        "[a](other.md) [b](gone.md) [c](https://x.org)\n\n![pic](here.png)\n![no](nope.png)\n",
        None,
        &Fake,
    );
    assert!(r.html.contains("href=\"/en/other/\""));
    assert!(r.html.contains("href=\"https://x.org\""));
    assert!(r.html.contains("src=\"/en/here.png\""));
    assert_eq!(r.problems.len(), 2);
    assert_eq!(r.problems[0].kind, ProblemKind::BrokenLink);
    assert_eq!(r.problems[1].kind, ProblemKind::MissingImage);
    assert_eq!(r.problems[1].offset, 64);
}

#[test]
fn facts_for_the_checker() {
    let r = render(
        "# T\n\n## A\n\n#### C\n\n[x](other.md) ![](here.png) ![Alt](here.png)\n\n<a id=\"raw-id\"></a>\n",
        Some(0..4),
        &Fake,
    );
    assert_eq!(r.headings.iter().map(|h| h.0).collect::<Vec<_>>(), [2, 4]);
    assert_eq!(r.links.len(), 3);
    assert_eq!(r.links[0].href, "/en/other/");
    assert!(!r.links[1].has_alt && r.links[2].has_alt);
    assert!(r.anchors.contains(&"raw-id".to_string()), "{:?}", r.anchors);
}

#[test]
fn fenced_code_is_highlighted_and_unknown_languages_escaped() {
    let r = render(
        "```yaml\nreplicas: 3\n```\n\n```nosuch\n<b>&\n```\n\n    indented <i>\n",
        None,
        &Fake,
    );
    assert!(
        r.html
            .contains("<pre class=\"hl\"><code class=\"language-yaml\"><span class=\"hl-"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<code class=\"language-nosuch\">&lt;b&gt;&amp;\n</code>"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<pre><code>indented &lt;i&gt;\n</code></pre>"),
        "{}",
        r.html
    );
}

#[test]
fn github_alerts_become_labelled_callouts() {
    let r = render(
        "> [!WARNING]\n> Back up first.\n\n> plain quote\n",
        None,
        &Fake,
    );
    assert!(
        r.html.contains(
            "<div class=\"callout callout-warning\" role=\"note\" aria-label=\"Warning\">"
        ),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<p class=\"callout-label\">Warning</p>\n<p>Back up first.</p>\n</div>"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<blockquote>\n<p>plain quote</p>\n</blockquote>"),
        "{}",
        r.html
    );
}

#[test]
fn hugo_shortcodes_are_reported_not_hidden() {
    let r = render(
        "Intro\n\n{{< figure src=\"a.png\" >}}\n\n`{{< in code >}}`\n\n```\n{{< fenced >}}\n```\n",
        None,
        &Fake,
    );
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert_eq!(r.problems[0].kind, ProblemKind::Shortcode);
    assert_eq!(r.problems[0].offset, 7);
    assert!(
        r.problems[0]
            .message
            .contains("{{< figure src=\"a.png\" >}}"),
        "{}",
        r.problems[0].message
    );
}

#[test]
fn hostile_markdown_does_not_panic() {
    let inputs = [
        "",
        "#",
        "# ",
        "[",
        "![",
        "[a](",
        "[a](<>)",
        "![](/)",
        "[x](../../../../etc/passwd.md)",
        "| a |\n|",
        "[^x]",
        "\u{0}",
        "<script>",
        "```\n",
        "# \u{feff}",
        "[a](%ZZ.md)",
        "[a](%C3.md)",
        ":::",
        "::: details",
        "::: tabs\n== x",
        "::::: tabs\n:::\n==  \n::",
        "{{#include}}",
        "{{#include x.md}}",
        "```a title=\"",
        "![a](b \"t\")",
        "![a ![b](c \"t\")](d \"u\")",
    ];
    for input in inputs {
        let _ = render(input, None, &Fake);
        let _ = render(input, Some(0..input.len()), &Fake);
    }
}

#[test]
fn tables_footnotes_tasks_and_strikethrough() {
    let r = render(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ note[^1]\n\n[^1]: foot\n",
        None,
        &Fake,
    );
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("checkbox"));
    assert!(r.html.contains("<del>old</del>"));
    assert!(r.html.contains("footnote"));
}

/// A page with two files to include.
struct WithFiles;
impl LinkResolver for WithFiles {
    fn link(&self, destination: &str) -> Resolved {
        Fake.link(destination)
    }
    fn image(&self, destination: &str) -> Resolved {
        Fake.image(destination)
    }
    fn include(&self, path: &str) -> Result<String, String> {
        match path {
            "parts/setup.md" => {
                Ok("---\ntitle: Setup\n---\n## Setup\n\nSee [gone](gone.md).\n".into())
            }
            _ => Err(format!(
                "cannot include `{path}`: there is no file content/en/{path}"
            )),
        }
    }
}

#[test]
fn included_files_join_the_page_and_their_problems_stand_at_the_include() {
    let body = "# Title\n\nIntro\n\n{{#include parts/setup.md}}\n\n{{#include nope.md}}\n\n[after](gone.md)\n";
    let r = render(body, Some(0..8), &WithFiles);
    assert!(r.html.contains("<h2 id=\"setup\">Setup</h2>"), "{}", r.html);
    assert!(r.html.contains("<p>{{#include nope.md}}</p>"), "{}", r.html);
    let found: Vec<(usize, ProblemKind)> = r.problems.iter().map(|p| (p.offset, p.kind)).collect();
    let (setup, nope, after) = (16, 45, 67);
    assert_eq!(&body[setup..setup + 3], "{{#");
    assert_eq!(&body[nope..nope + 3], "{{#");
    assert_eq!(&body[after..after + 6], "[after");
    assert_eq!(
        found,
        [
            (setup, ProblemKind::BrokenLink),
            (nope, ProblemKind::Include),
            (after, ProblemKind::BrokenLink)
        ]
    );
    assert_eq!(r.headings, [(2, setup)]);
    assert_eq!(
        r.links.iter().map(|l| l.offset).collect::<Vec<_>>(),
        [setup, after]
    );
    assert!(r.problems[1].message.contains("no file content/en/nope.md"));
}

#[test]
fn without_a_resolver_for_includes_the_line_stays_and_is_reported() {
    let r = render("{{#include a.md}}\n", None, &Fake);
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].message, "includes are not available here");
}

#[test]
fn the_new_syntax_through_the_whole_pipeline() {
    let body = "::: details More\n![Diagram](here.png \"The flow\")\n:::\n\n```sh title=\"setup.sh\"\necho hi\n```\n";
    let r = render(body, None, &Fake);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert!(
        r.html.contains("<summary>More</summary>\n<figure>\n<img src=\"/en/here.png\" alt=\"Diagram\" />\n<figcaption>The flow</figcaption>\n</figure>\n</details>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<figure class=\"code\"><figcaption>setup.sh</figcaption>\n<pre class=\"hl\"><code class=\"language-sh\">"), "{}", r.html);
    assert!(r.links[0].has_alt);
    assert_eq!(r.text, "Diagram\n", "alt text is searched, as before");
}

/// A body's events as the parser gives them, for testing one pass.
pub(super) fn events(body: &str) -> impl Iterator<Item = Spanned<'_>> {
    pulldown_cmark::Parser::new_ext(body, options()).into_offset_iter()
}

/// What pulldown-cmark writes for the events a pass gives back.
pub(super) fn to_html<'a>(events: impl Iterator<Item = Spanned<'a>>) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.map(|(event, _)| event));
    html
}

/// The body's HTML after one pass that rewrites events in place.
pub(super) fn through(body: &str, mut pass: impl FnMut(&mut Event<'_>, &Range<usize>)) -> String {
    to_html(events(body).map(|(mut event, range)| {
        pass(&mut event, &range);
        (event, range)
    }))
}
