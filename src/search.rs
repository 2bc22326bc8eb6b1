//! The search index, written at build time per language and read by the theme's script in
//! small pieces: a query downloads only the chunk of terms each of its words falls in (all
//! terms in one chunk on a small site, a chunk per first letters on a large one) and the few
//! page fragments it shows, so it works on any static host, offline, and stays small.
//!
//! Words are lowercased, stemmed (Snowball: Norwegian for `nb`/`nn`/`no`, English
//! otherwise) and folded (`å` → `a`, `ø` → `o`, `æ` → `ae`), so `overvaking` finds
//! `Overvåkingen`. The browser folds the query the same way but does not stem it: a term
//! matches a query word when either is a prefix of the other, which is what a stem is.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::markdown::TextSection;
use crate::output::{FileContents, OutputFile};

/// Name of the chunk of all terms, before any split (no term holds `_`).
const ROOT_CHUNK: &str = "_";
/// Page text kept for snippets, in characters.
const FRAGMENT_TEXT: usize = 6000;
/// Fragments per file (`d/<n>.json` holds pages 4n to 4n+3, neighbours by URL): a quarter
/// of the files a fragment each would take (files are what a build's file system and a
/// deploy's uploads pay for), for three neighbours' text more per result shown.
const FRAGMENTS_PER_FILE: u32 = 4;

/// An index term's number in its language's [`Vocabulary`]: postings are kept by number,
/// so adding a page hashes no strings.
type TermId = u32;

/// One page as search sees it.
#[derive(Debug, Clone)]
pub struct SearchDoc {
    pub lang: String,
    pub url: String,
    pub title: String,
    /// The section it is listed in, shown with each result.
    pub section: String,
    pub text: String,
    pub sections: Vec<TextSection>,
}

impl SearchDoc {
    /// Puts a text (the ingress) before the body, as the page shows it.
    pub fn with_lead(mut self, lead: &str) -> SearchDoc {
        let lead = lead.trim();
        if !lead.is_empty() {
            let shift = lead.len() + 1;
            self.text = format!("{lead}\n{}", self.text);
            self.sections.iter_mut().for_each(|s| s.start += shift);
        }
        self
    }
}

/// Lowercase with diacritics folded away; the script's `fold` does exactly the same.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'å' | 'ä' | 'á' | 'à' | 'â' | 'ã' => out.push('a'),
            'ø' | 'ö' | 'ó' | 'ò' | 'ô' | 'õ' => out.push('o'),
            'æ' => out.push_str("ae"),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'í' | 'ì' | 'î' | 'ï' => out.push('i'),
            'ú' | 'ù' | 'û' | 'ü' => out.push('u'),
            'ç' => out.push('c'),
            'ñ' => out.push('n'),
            'ß' => out.push_str("ss"),
            c => out.push(c),
        }
    }
    out
}

/// The words of a text: runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

pub struct Analyzer {
    stemmer: Stemmer,
    stop_words: &'static [&'static str],
    /// The endings a word may have beyond its stem (a JavaScript regular expression, matched
    /// whole): the script does not stem, so this is how it tells `backup` from `back`.
    suffixes: &'static str,
}

impl Analyzer {
    pub fn for_language(lang: &str) -> Analyzer {
        match lang {
            "nb" | "nn" | "no" => Analyzer {
                stemmer: Stemmer::create(Algorithm::Norwegian),
                stop_words: NORWEGIAN_STOP_WORDS,
                suffixes: NORWEGIAN_SUFFIXES,
            },
            _ => Analyzer {
                stemmer: Stemmer::create(Algorithm::English),
                stop_words: ENGLISH_STOP_WORDS,
                suffixes: ENGLISH_SUFFIXES,
            },
        }
    }

    /// The index term of a word, or `None` for words too short or too common to search.
    pub fn term(&self, word: &str) -> Option<String> {
        let lower = word.to_lowercase();
        if lower.chars().count() < 2 || self.stop_words.contains(&lower.as_str()) {
            return None;
        }
        Some(fold(&self.stemmer.stem(&lower)))
    }
}

const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on",
    "or", "that", "the", "this", "to", "with",
];
const NORWEGIAN_STOP_WORDS: &[&str] = &[
    "at", "av", "de", "den", "der", "det", "en", "er", "et", "for", "fra", "i", "med", "og", "om",
    "på", "som", "til",
];

// Inflections and common derivations, any number in a row: what Snowball strips, and the
// endings by which forms of one word differ when the stemmer leaves them apart (`overvåke`
// → `overvåk`, but `overvåking` stays whole).
const NORWEGIAN_SUFFIXES: &str = "(?:a|e|s|t|de|te|en|er|et|es|ar|as|ne|re|st|ene|ere|ert|est|ing|ning|else|het|lig|ig|isk|ende|ande|erte)*";
// A doubled consonant (`running` → `run`), then endings; `y` for the `i` stems end in.
const ENGLISH_SUFFIXES: &str = "[bdfgklmnprtz]?(?:s|e|d|y|es|ed|er|ly|al|ic|ing|ies|ied|ion|ive|ism|ist|ity|ful|ant|ent|ate|ize|ise|ous|est|ance|ence|ency|able|ably|ible|less|ment|ness|ated|ation|ities|ively|ously|ization|isation)*";

/// A chunk larger than this (in bytes) is split by one more letter of its terms, so a query
/// downloads little even on large sites.
const CHUNK_TARGET: usize = 24 * 1024;

#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    docs: usize,
    /// Fragments per `d/<n>.json`: page `p` is item `p % fragments` of file `p / fragments`.
    fragments: u32,
    /// Every chunk file (`t/<name>.json`; `_` is the chunk of all terms on a small site).
    chunks: Vec<&'a str>,
    /// Prefixes whose chunk is split by the next letter: `ser` → `serv`, `serb`, … The
    /// split prefix's own chunk, if any, holds just the term that is the prefix itself.
    split: Vec<&'a str>,
    /// Words the index leaves out (folded), which the script drops from a query too.
    stop: Vec<String>,
    /// See [`Analyzer`]'s `suffixes`.
    suffixes: &'a str,
}

#[derive(Serialize)]
struct Fragment<'a> {
    /// title, URL, section
    t: &'a str,
    u: &'a str,
    s: &'a str,
    /// headings: id, title, where its part starts in `x` (in UTF-16 units, as the script counts)
    h: Vec<(&'a str, &'a str, usize)>,
    /// the page's text, for snippets
    x: &'a str,
}

/// The search index of a site, filled from the rendering threads as pages are rendered: a
/// file of fragments is written as soon as its pages are in, and only terms are kept, so
/// memory stays small.
/// Page numbers are fixed up front (pages of a language sorted by URL), so the output does
/// not depend on the order pages are rendered in.
pub struct IndexBuilder {
    languages: BTreeMap<String, LanguageIndex>,
}

struct LanguageIndex {
    analyzer: Analyzer,
    /// Source (`en/ops.md`; `en/guides/_index.md` for a section) → page number.
    numbers: FxHashMap<PathBuf, u32>,
    vocabulary: RwLock<Vocabulary>,
    /// By term number: (page, score), in no particular order until `finish`.
    postings: Mutex<Vec<Vec<(u32, u32)>>>,
    /// Fragment files still waiting for some of their pages, by file number.
    fragments: Mutex<FxHashMap<u32, FragmentFile>>,
}

/// Every word seen so far and the terms they stem to: a handbook's vocabulary is small next
/// to its text.
#[derive(Default)]
struct Vocabulary {
    /// Word as written → its term (`None`: a word the index leaves out).
    words: FxHashMap<String, Option<TermId>>,
    /// Term → its number.
    numbers: FxHashMap<String, TermId>,
    /// Term number → term.
    terms: Vec<String>,
}

impl Vocabulary {
    fn number(&mut self, term: String) -> TermId {
        if let Some(&id) = self.numbers.get(&term) {
            return id;
        }
        let id = self.terms.len() as TermId;
        self.terms.push(term.clone());
        self.numbers.insert(term, id);
        id
    }
}

/// The fragments (JSON) of one `d/<n>.json`, by page number within it.
struct FragmentFile {
    parts: Vec<Option<String>>,
    missing: usize,
}

impl LanguageIndex {
    /// Words as written → their terms' scores: from the language's cache, stemming only words
    /// no page had before (stemming was most of the index's cost).
    fn term_scores(&self, word_scores: &FxHashMap<&str, u32>) -> FxHashMap<TermId, u32> {
        let mut scores: FxHashMap<TermId, u32> = FxHashMap::default();
        let mut add_score = |term: TermId, score: u32| {
            let entry = scores.entry(term).or_insert(0);
            *entry = (*entry + score).min(999);
        };
        let mut unseen = Vec::new();
        if let Ok(known) = self.vocabulary.read() {
            for (&word, &score) in word_scores {
                match known.words.get(word) {
                    Some(Some(term)) => add_score(*term, score),
                    Some(None) => {}
                    None => unseen.push((word, score)),
                }
            }
        }
        if !unseen.is_empty() {
            let found: Vec<Option<String>> = unseen
                .iter()
                .map(|&(word, _)| self.analyzer.term(word))
                .collect();
            if let Ok(mut known) = self.vocabulary.write() {
                for ((word, score), term) in unseen.into_iter().zip(found) {
                    let term = term.map(|term| known.number(term));
                    if let Some(term) = term {
                        add_score(term, score);
                    }
                    known.words.insert(word.to_string(), term);
                }
            }
        }
        scores
    }

    /// Puts a page's fragment in its file; returns the file when that was its last page.
    fn fragment(&self, lang: &str, number: u32, json: String) -> Option<OutputFile> {
        let file = number / FRAGMENTS_PER_FILE;
        let mut waiting = self.fragments.lock().ok()?;
        let entry = waiting.entry(file).or_insert_with(|| {
            let first = file * FRAGMENTS_PER_FILE;
            let pages = (self.numbers.len() as u32 - first).min(FRAGMENTS_PER_FILE) as usize;
            FragmentFile {
                parts: vec![None; pages],
                missing: pages,
            }
        });
        let slot = entry
            .parts
            .get_mut((number % FRAGMENTS_PER_FILE) as usize)?;
        if slot.replace(json).is_none() {
            entry.missing -= 1;
        }
        if entry.missing > 0 {
            return None;
        }
        let done = waiting.remove(&file)?;
        Some(fragment_file(lang, file, done))
    }
}

/// `d/<n>.json`: an array of fragments, `null` for a page that was not rendered.
fn fragment_file(lang: &str, file: u32, fragments: FragmentFile) -> OutputFile {
    let parts: Vec<&str> = fragments
        .parts
        .iter()
        .map(|p| p.as_deref().unwrap_or("null"))
        .collect();
    json_file(
        format!("search/{lang}/d/{file}.json"),
        format!("[{}]", parts.join(",")),
    )
}

impl IndexBuilder {
    /// `pages`: every page search may hold, as (language, source, URL).
    pub fn new<'a>(pages: impl Iterator<Item = (&'a str, PathBuf, String)>) -> IndexBuilder {
        let mut by_language: BTreeMap<&str, Vec<(String, PathBuf)>> = BTreeMap::new();
        for (lang, source, url) in pages {
            by_language.entry(lang).or_default().push((url, source));
        }
        let languages = by_language
            .into_iter()
            .map(|(lang, mut pages)| {
                pages.sort();
                let numbers = pages
                    .iter()
                    .enumerate()
                    .map(|(n, (_, source))| (source.clone(), n as u32))
                    .collect();
                let index = LanguageIndex {
                    analyzer: Analyzer::for_language(lang),
                    numbers,
                    vocabulary: RwLock::default(),
                    postings: Mutex::default(),
                    fragments: Mutex::default(),
                };
                (lang.to_string(), index)
            })
            .collect();
        IndexBuilder { languages }
    }

    /// Adds a rendered page; returns the file of fragments it completes, if it does.
    pub fn add(&self, source: &Path, doc: &SearchDoc) -> Option<OutputFile> {
        let index = self.languages.get(&doc.lang)?;
        let number = *index.numbers.get(source)?;
        let scores = index.term_scores(&word_scores(doc));
        if let Ok(mut postings) = index.postings.lock() {
            for (term, score) in scores {
                let term = term as usize;
                if postings.len() <= term {
                    postings.resize_with(term + 1, Vec::new);
                }
                postings[term].push((number, score));
            }
        }
        index.fragment(&doc.lang, number, fragment_json(doc))
    }

    /// The term chunks and `meta.json` of every language.
    pub fn finish(self) -> Vec<OutputFile> {
        let mut files = Vec::new();
        for (lang, index) in self.languages {
            let waiting = index
                .fragments
                .into_inner()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let mut waiting: Vec<_> = waiting.into_iter().collect();
            waiting.sort_unstable_by_key(|(file, _)| *file);
            files.extend(
                waiting
                    .into_iter()
                    .map(|(file, fragments)| fragment_file(&lang, file, fragments)),
            );
            let postings = index
                .postings
                .into_inner()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let vocabulary = index
                .vocabulary
                .into_inner()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let mut terms: Vec<(String, String)> = vocabulary
                .terms
                .into_par_iter()
                .zip(postings)
                .filter(|(_, pages)| !pages.is_empty())
                .map(|(term, mut pages)| {
                    use std::fmt::Write;
                    pages.sort_unstable();
                    let mut previous = 0;
                    let mut list = String::with_capacity(pages.len() * 6);
                    for (page, score) in pages {
                        let comma = if list.is_empty() { "" } else { "," };
                        let _ = write!(list, "{comma}{},{score}", page - previous);
                        previous = page;
                    }
                    (term, list)
                })
                .collect();
            terms.sort_unstable();
            let mut chunks = Vec::new();
            let mut split = Vec::new();
            chunk_terms(&terms, 0, &mut chunks, &mut split);
            let names: Vec<&str> = chunks
                .iter()
                .map(|(name, _)| {
                    if name.is_empty() {
                        ROOT_CHUNK
                    } else {
                        name.as_str()
                    }
                })
                .collect();
            let meta = Meta {
                version: 2,
                docs: index.numbers.len(),
                fragments: FRAGMENTS_PER_FILE,
                chunks: names.clone(),
                split: split.iter().map(String::as_str).collect(),
                stop: index.analyzer.stop_words.iter().map(|w| fold(w)).collect(),
                suffixes: index.analyzer.suffixes,
            };
            files.push(json_file(
                format!("search/{lang}/meta.json"),
                to_json(&meta),
            ));
            for (name, (_, chunk)) in names.iter().zip(&chunks) {
                files.push(json_file(
                    format!("search/{lang}/t/{name}.json"),
                    chunk.clone(),
                ));
            }
        }
        files
    }
}

/// Each word of a page as written, scored by where it stands: title 20, heading 5, text 1.
fn word_scores(doc: &SearchDoc) -> FxHashMap<&str, u32> {
    let mut word_scores: FxHashMap<&str, u32> = FxHashMap::default();
    let mut headings = doc.sections.iter().peekable();
    let mut offset = 0;
    let lines = doc.text.split_inclusive('\n').map(|line| {
        let is_heading = headings.next_if(|s| s.start == offset).is_some();
        offset += line.len();
        (line, if is_heading { 5 } else { 1 })
    });
    for (text, score) in std::iter::once((doc.title.as_str(), 20)).chain(lines) {
        for word in words(text) {
            *word_scores.entry(word).or_insert(0) += score;
        }
    }
    word_scores
}

/// A page's fragment: what a search result shows (title, URL, section, headings with their
/// offsets in UTF-16 units, and the start of the text).
fn fragment_json(doc: &SearchDoc) -> String {
    let cut = doc
        .text
        .char_indices()
        .nth(FRAGMENT_TEXT)
        .map_or(doc.text.len(), |(i, _)| i);
    let text = &doc.text[..cut];
    // Headings come in text order: count each one's offset on from the previous one.
    let (mut at, mut units) = (0, 0);
    let headings = doc
        .sections
        .iter()
        .filter(|s| s.start < cut)
        .filter_map(|s| {
            units += text.get(at..s.start)?.encode_utf16().count();
            at = s.start;
            Some((s.id.as_str(), s.title.as_str(), units))
        })
        .collect();
    to_json(&Fragment {
        t: &doc.title,
        u: &doc.url,
        s: &doc.section,
        h: headings,
        x: text,
    })
}

/// The index files of one language's pages, all at once (the build uses [`IndexBuilder`]).
#[cfg(test)]
fn index_files(lang: &str, docs: &[SearchDoc]) -> Vec<OutputFile> {
    let sources: Vec<PathBuf> = (0..docs.len())
        .map(|n| PathBuf::from(n.to_string()))
        .collect();
    let pages = docs
        .iter()
        .zip(&sources)
        .map(|(doc, source)| (lang, source.clone(), doc.url.clone()));
    let builder = IndexBuilder::new(pages);
    let mut files: Vec<OutputFile> = docs
        .iter()
        .zip(&sources)
        .filter_map(|(doc, source)| builder.add(source, doc))
        .collect();
    files.extend(builder.finish());
    files
}

/// Groups sorted terms into chunks by their first `length` characters, splitting a chunk
/// that grows past the target by one more character: a small site has one chunk, a large
/// one has a chunk per two, three or more letters where its words are many.
fn chunk_terms(
    terms: &[(String, String)],
    length: usize,
    chunks: &mut Vec<(String, String)>,
    split: &mut Vec<String>,
) {
    let mut start = 0;
    while start < terms.len() {
        let prefix: String = terms[start].0.chars().take(length).collect();
        let end = start + terms[start..].partition_point(|(term, _)| term.starts_with(&prefix));
        let group = &terms[start..end];
        let size: usize = group
            .iter()
            .map(|(term, list)| term.len() + list.len() + 6)
            .sum();
        // Terms no longer than the prefix sort first and stay in the prefix's own chunk.
        let own = group.partition_point(|(term, _)| term.chars().count() <= length);
        if size > CHUNK_TARGET && own < group.len() {
            split.push(prefix.clone());
            if own > 0 {
                chunks.push((prefix, chunk_json(&group[..own])));
            }
            chunk_terms(&group[own..], length + 1, chunks, split);
        } else {
            chunks.push((prefix, chunk_json(group)));
        }
        start = end;
    }
}

fn to_json(value: &impl Serialize) -> String {
    // Serialising these plain structs cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

fn json_file(path: String, json: String) -> OutputFile {
    OutputFile {
        path,
        contents: FileContents::Bytes(json.into_bytes()),
    }
}

fn chunk_json(terms: &[(String, String)]) -> String {
    let mut json = String::from("{");
    for (term, list) in terms {
        if json.len() > 1 {
            json.push(',');
        }
        json.push_str(&to_json(term));
        json.push_str(":[");
        json.push_str(list);
        json.push(']');
    }
    json.push('}');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_diacritics() {
        assert_eq!(fold("Overvåking"), "overvaking");
        assert_eq!(fold("Blåbærsyltetøy"), "blabaersyltetoy");
        assert_eq!(fold("Café Straße"), "cafe strasse");
    }

    #[test]
    fn norwegian_forms_share_a_stem_that_prefixes_the_query() {
        let nb = Analyzer::for_language("nb");
        let query = fold("overvåking");
        for form in ["Overvåkingen", "overvåke", "overvåking", "Overvåking"] {
            let term = nb.term(form).unwrap();
            assert!(
                query.starts_with(&term) || term.starts_with(&query),
                "{form} → {term}"
            );
        }
        let term = nb.term("Sikkerhetskopiering").unwrap();
        assert!(term.starts_with(&fold("sikkerhetskopi")), "{term}");
        assert_eq!(nb.term("og"), None);
    }

    #[test]
    fn english_forms_are_stemmed() {
        let en = Analyzer::for_language("en");
        assert_eq!(en.term("Monitoring"), en.term("monitored"));
        assert_eq!(en.term("the"), None);
    }

    #[test]
    fn the_index_points_terms_at_pages_and_headings() {
        let docs = vec![SearchDoc {
            lang: "nb".into(),
            url: "/nb/ops/".into(),
            title: "Drift".into(),
            section: "Håndbok".into(),
            text: "Intro\nOvervåking\nOvervåkingen varsler.\n".into(),
            sections: vec![TextSection {
                id: "overvåking".into(),
                title: "Overvåking".into(),
                start: 6,
            }],
        }];
        let files = index_files("nb", &docs);
        let chunk = files
            .iter()
            .find(|f| f.path == "search/nb/t/_.json")
            .expect("one chunk for a small site");
        let FileContents::Bytes(bytes) = &chunk.contents else {
            panic!()
        };
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains("\"overvaking\":[0,6]"), "{text}");
        assert!(files.iter().any(|f| f.path == "search/nb/d/0.json"));
        assert!(files.iter().any(|f| f.path == "search/nb/meta.json"));
    }

    /// An English page at `/en/<name>/`, titled `Page <name>`.
    fn english_page(name: &str, text: String) -> SearchDoc {
        SearchDoc {
            lang: "en".into(),
            url: format!("/en/{name}/"),
            title: format!("Page {name}"),
            section: String::new(),
            text,
            sections: Vec::new(),
        }
    }

    #[test]
    fn fragments_come_four_to_a_file_whatever_order_pages_are_added_in() {
        let docs: Vec<SearchDoc> = (0..10)
            .map(|d| english_page(&format!("{d:02}"), "words".into()))
            .collect();
        let sources: Vec<PathBuf> = (0..docs.len())
            .map(|n| PathBuf::from(n.to_string()))
            .collect();
        let builder = IndexBuilder::new(
            docs.iter()
                .zip(&sources)
                .map(|(doc, source)| ("en", source.clone(), doc.url.clone())),
        );
        // Backwards, and page 1 never rendered: its file comes from `finish`, with a null.
        let mut files: Vec<OutputFile> = docs
            .iter()
            .zip(&sources)
            .rev()
            .filter(|(doc, _)| doc.url != "/en/01/")
            .filter_map(|(doc, source)| builder.add(source, doc))
            .collect();
        let early: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(early, ["search/en/d/2.json", "search/en/d/1.json"]);
        files.extend(builder.finish());
        for (n, expected) in [(0, 4), (1, 4), (2, 2)] {
            let path = format!("search/en/d/{n}.json");
            let file = files.iter().find(|f| f.path == path).unwrap();
            let FileContents::Bytes(bytes) = &file.contents else {
                panic!()
            };
            let list: Vec<serde_json::Value> = serde_json::from_slice(bytes).unwrap();
            assert_eq!(list.len(), expected, "{path}");
            for (i, fragment) in list.iter().enumerate() {
                let page = n * 4 + i;
                if page == 1 {
                    assert!(fragment.is_null());
                } else {
                    assert_eq!(fragment["u"], format!("/en/{page:02}/"));
                }
            }
        }
    }

    #[test]
    fn large_sites_split_chunks_and_each_term_is_where_the_split_list_says() {
        let vocabulary: Vec<String> = (0..4000)
            .map(|i| format!("se{}r{}", (b'a' + (i % 26) as u8) as char, i))
            .collect();
        let docs: Vec<SearchDoc> = (0..200)
            .map(|d| {
                english_page(
                    &d.to_string(),
                    vocabulary
                        .iter()
                        .skip(d * 7)
                        .step_by(3)
                        .take(400)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" "),
                )
            })
            .collect();
        let files = index_files("en", &docs);
        let text = |path: &str| {
            let file = files
                .iter()
                .find(|f| f.path == path)
                .unwrap_or_else(|| panic!("{path} is missing"));
            let FileContents::Bytes(bytes) = &file.contents else {
                panic!()
            };
            String::from_utf8(bytes.clone()).unwrap()
        };
        let meta: serde_json::Value = serde_json::from_str(&text("search/en/meta.json")).unwrap();
        let strings = |list: &serde_json::Value| -> Vec<String> {
            serde_json::from_value(list.clone()).unwrap()
        };
        let split = strings(&meta["split"]);
        let split: Vec<&str> = split.iter().map(String::as_str).collect();
        assert!(split.contains(&"") && split.contains(&"s"), "{split:?}");
        let en = Analyzer::for_language("en");
        let names = strings(&meta["chunks"]);
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        for word in [0, 7, 25, 2000]
            .map(|i| vocabulary[i].as_str())
            .into_iter()
            .chain(["page"])
        {
            let term = en.term(word).unwrap();
            // What the script does: the unsplit chunk whose name begins the term, or the own
            // chunk of the split prefix that is the term.
            let name = names
                .iter()
                .find(|name| {
                    let prefix = if **name == "_" { "" } else { **name };
                    term.starts_with(prefix) && (!split.contains(&prefix) || prefix == term)
                })
                .unwrap_or_else(|| panic!("no chunk for {term}"));
            let chunk = text(&format!("search/en/t/{name}.json"));
            assert!(
                chunk.contains(&format!("\"{term}\":[")),
                "{term} not in chunk {name}"
            );
            assert!(
                chunk.len() <= CHUNK_TARGET * 2,
                "chunk {name} is {} bytes",
                chunk.len()
            );
        }
    }
}
