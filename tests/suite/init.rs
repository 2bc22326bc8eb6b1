//! `handbok init`: a new site that builds at once.

use crate::support::Site;

#[test]
fn init_creates_a_bilingual_site_that_builds() {
    let site = Site::new();
    let run = site.run(&["init", "new-handbook"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let new = site.root.join("new-handbook");
    for file in ["site.yaml", "content/en/_index.md", "content/nb/_index.md"] {
        assert!(new.join(file).is_file(), "{file}");
    }
    let build = site.run(&["build", "--root", "new-handbook"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build.stderr.is_empty(),
        "a new site builds without warnings: {}",
        build.stderr
    );
    let page = std::fs::read_to_string(new.join("public/en/getting-started/index.html")).unwrap();
    assert!(
        page.contains("href=\"/nb/kom-i-gang/\""),
        "the sample pages are a translated pair"
    );
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let site = Site::new().file("taken/notes.txt", "mine");
    let run = site.run(&["init", "taken"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not empty"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(site.root.join("taken/notes.txt")).unwrap(),
        "mine"
    );
    assert!(!site.root.join("taken/site.yaml").exists());
}
