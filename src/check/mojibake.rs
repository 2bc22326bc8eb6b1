//! Encoding damage: UTF-8 text that was read as Windows-1252, Latin-1 or Mac Roman and saved
//! again, so `på` became `pÃ¥` or `p√•`. Each such run, encoded back in the wrong encoding,
//! gives valid UTF-8 again: that is the test and the repair. Many runs of correct text pass
//! that test too (`«Å` in Mac Roman is `ǁ`), so a repair only counts when it gives a
//! character people write, from a run that does not read as ordinary text.

use encoding_rs::{Encoding, MACINTOSH, WINDOWS_1252};

/// One damaged run in a line: byte range within the line, and what it most likely was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    pub start: usize,
    pub end: usize,
    pub damaged: String,
    pub repaired: String,
    pub encoding: &'static str,
}

/// An encoding as the byte it gives a character, if it has one.
type ByteOf = fn(char) -> Option<u8>;

const ENCODINGS: [(&str, ByteOf); 2] = [
    ("Windows-1252/Latin-1", windows_1252_or_latin_1),
    ("Mac Roman", mac_roman),
];

/// Latin-1 gives every character up to U+00FF its own byte, C1 controls included (`Ã\u{85}`
/// is `Å`); Windows-1252 puts punctuation at 0x80–0x9F instead (`â€™` is `’`).
fn windows_1252_or_latin_1(c: char) -> Option<u8> {
    u8::try_from(u32::from(c))
        .ok()
        .or_else(|| single_byte(WINDOWS_1252, c))
}

fn mac_roman(c: char) -> Option<u8> {
    single_byte(MACINTOSH, c)
}

fn single_byte(encoding: &'static Encoding, c: char) -> Option<u8> {
    let mut utf8 = [0; 4];
    let (bytes, _, unmappable) = encoding.encode(c.encode_utf8(&mut utf8));
    match (unmappable, &bytes[..]) {
        (false, &[byte]) => Some(byte),
        _ => None,
    }
}

/// Characters handbook text is made of, beyond ASCII: the repairs worth suggesting. Not the
/// rest of U+0180–U+02FF (`ǁ`, `ʿ`), which correct Norwegian and French re-encode to.
fn plausible(c: char) -> bool {
    matches!(c,
        '\u{A0}'..='\u{17F}' // Latin-1 Supplement, Latin Extended-A: æøå é š œ « » ° no-break space
        | '\u{2010}'..='\u{205E}' // dashes, quotation marks, bullets: – — ’ “ ” • …
        | '\u{20A0}'..='\u{20CF}' // currency: €
        | '\u{2100}'..='\u{22FF}' // letterlike, number forms, arrows, maths: ™ ½ → ≤
        | '\u{2500}'..='\u{27BF}' // box drawing, shapes, symbols, dingbats: ■ ✓ ⚠
        | '\u{1F300}'..='\u{1FAFF}' // emoji
    )
}

/// Two characters can be text that happens to re-encode: Å and Ä end words and stand alone
/// in Norwegian, Swedish and German, so before a space, quotation mark or dash they are
/// letters (`«Å»`, `Å–Ø`, `„Ä“`), not a damaged Ż, Ŗ or ē (a damaged Š or œ is missed,
/// which is rarer). Ã and Â hardly ever end a word, so `Ã\u{A0}` is still `à`.
fn reads_as_text(run: &[char]) -> bool {
    matches!(run, [lead, next] if "ÄÅ".contains(*lead)
        && (next.is_whitespace() || "«»‘’“”–—…\u{AD}".contains(*next)))
}

/// A character a wrong encoding has a byte for, so it may be damage itself: text damaged
/// twice (`ÃƒËœ`) repairs to `Ã˜` first, and only then to `Ø`.
fn misreadable(c: char) -> bool {
    !c.is_ascii() && ENCODINGS.iter().any(|&(_, byte)| byte(c).is_some())
}

/// The one character `run` was before it was misread with `byte`.
fn decode(run: &[char], byte: ByteOf) -> Option<char> {
    let bytes = run.iter().map(|&c| byte(c)).collect::<Option<Vec<u8>>>()?;
    let mut chars = std::str::from_utf8(&bytes).ok()?.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if plausible(c) || misreadable(c) => Some(c),
        _ => None,
    }
}

/// A misread run: `length` characters from `first`, which were `repaired`.
struct Misread {
    first: usize,
    length: usize,
    repaired: char,
    encoding: &'static str,
    /// The repair counts only as part of a longer one: it is no character people write, or
    /// the run reads as text.
    tentative: bool,
}

fn misread_runs(chars: &[char]) -> Vec<Misread> {
    let mut found = Vec::new();
    let mut first = 0;
    while first < chars.len() {
        // A UTF-8 sequence is 2 to 4 bytes, each byte one non-ASCII character once misread.
        let misread = (2..=4)
            .filter(|length| first + length <= chars.len())
            .map(|length| &chars[first..first + length])
            .filter(|run| !run.iter().any(char::is_ascii))
            .flat_map(|run| {
                ENCODINGS.iter().filter_map(move |&(encoding, byte)| {
                    let repaired = decode(run, byte)?;
                    Some(Misread {
                        first,
                        length: run.len(),
                        repaired,
                        encoding,
                        tentative: !plausible(repaired) || reads_as_text(run),
                    })
                })
            })
            .min_by_key(|misread| misread.tentative);
        match misread {
            Some(misread) => {
                first += misread.length;
                found.push(misread);
            }
            None => first += 1,
        }
    }
    found
}

/// One character of a line being repaired, with the bytes of the line it came from.
struct Piece {
    start: usize,
    end: usize,
    char: char,
    /// How it was misread, once repaired.
    encoding: Option<&'static str>,
    tentative: bool,
    /// What it was repaired from, which stands if the repair stays tentative.
    parts: Vec<Piece>,
}

pub fn find(line: &str) -> Vec<Damage> {
    if line.is_ascii() {
        return Vec::new();
    }
    let mut pieces: Vec<Piece> = line
        .char_indices()
        .map(|(start, char)| Piece {
            start,
            end: start + char.len_utf8(),
            char,
            encoding: None,
            tentative: false,
            parts: Vec::new(),
        })
        .collect();
    // Text damaged twice (`pÃƒÂ¥`) repairs to damaged text (`pÃ¥`): repair again for as long
    // as that finds damage. Each round shortens the text, so this ends.
    loop {
        let chars: Vec<char> = pieces.iter().map(|p| p.char).collect();
        let misreads = misread_runs(&chars);
        if misreads.is_empty() {
            break;
        }
        let mut rest = std::mem::take(&mut pieces).into_iter();
        let mut at = 0;
        for misread in misreads {
            pieces.extend(rest.by_ref().take(misread.first - at));
            let parts: Vec<Piece> = rest.by_ref().take(misread.length).collect();
            at = misread.first + misread.length;
            pieces.push(Piece {
                start: parts.first().map_or(0, |p| p.start),
                end: parts.last().map_or(0, |p| p.end),
                char: misread.repaired,
                encoding: parts
                    .first()
                    .and_then(|p| p.encoding)
                    .or(Some(misread.encoding)),
                tentative: misread.tentative,
                parts,
            });
        }
        pieces.extend(rest);
    }
    let mut found = Vec::new();
    for piece in pieces {
        collect(line, piece, &mut found);
    }
    found
}

/// The damage a piece stands for: itself when repaired for good, else that of its parts.
fn collect(line: &str, piece: Piece, found: &mut Vec<Damage>) {
    match piece.encoding {
        None => {}
        Some(_) if piece.tentative => {
            for part in piece.parts {
                collect(line, part, found);
            }
        }
        Some(encoding) => found.push(Damage {
            start: piece.start,
            end: piece.end,
            damaged: line[piece.start..piece.end].to_string(),
            repaired: piece.char.to_string(),
            encoding,
        }),
    }
}

/// The line with every damaged run repaired.
pub fn repair(line: &str, damages: &[Damage]) -> String {
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    for damage in damages {
        out.push_str(&line[at..damage.start]);
        out.push_str(&damage.repaired);
        at = damage.end;
    }
    out.push_str(&line[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(line: &str) -> String {
        repair(line, &find(line))
    }

    #[test]
    fn finds_and_repairs_the_usual_damage() {
        assert_eq!(repaired("mobilskjerm p√• kneet"), "mobilskjerm på kneet");
        assert_eq!(
            repaired("OvervÃ¥king og feilsÃ¸king"),
            "Overvåking og feilsøking"
        );
        assert_eq!(repaired("BÃ¦rum"), "Bærum");
        assert_eq!(repaired("itâ€™s"), "it’s");
        assert_eq!(repaired("â€œquotedâ€\u{9d}"), "“quoted”");
        assert_eq!(find("p√• kneet")[0].encoding, "Mac Roman");
        assert_eq!(repaired("Â«sitatÂ» Â°C Ã\u{A0} Å¡"), "«sitat» °C à š");
        assert_eq!(repaired("ðŸ‘\u{8d} â†’ âœ“"), "👍 → ✓");
    }

    #[test]
    fn latin_1_damage_with_c1_controls() {
        assert_eq!(repaired("Ã\u{85}pent, Ã\u{98}stlandet"), "Åpent, Østlandet");
        assert_eq!(find("Ã\u{85}")[0].encoding, "Windows-1252/Latin-1");
    }

    #[test]
    fn damage_done_twice_is_repaired_in_full() {
        let found = find("pÃƒÂ¥ Ã¢â‚¬â„¢");
        assert_eq!(
            found
                .iter()
                .map(|d| (d.damaged.as_str(), d.repaired.as_str()))
                .collect::<Vec<_>>(),
            [("ÃƒÂ¥", "å"), ("Ã¢â‚¬â„¢", "’")]
        );
        assert_eq!((found[0].start, found[0].end), (1, 9));
        assert_eq!(repaired("pÃƒÂ¥ ÃƒËœ Ãƒâ€¦ Ã¢â‚¬Å“"), "på Ø Å “");
        assert_eq!(
            repaired("Â«Ã…Â» Ã…â€“Ã˜"),
            "«Å» Å–Ø",
            "damaged once, not twice"
        );
        assert_eq!(repaired("Ã\u{83}Â\u{85}"), "Å", "Latin-1 twice");
    }

    #[test]
    fn correct_norwegian_and_symbols_are_left_alone() {
        for line in [
            "Overvåking, sikkerhetskopiering og gjenoppretting på tvers av miljøer",
            "ÆØÅ æøå é ü ß — “sitat” – €100 ½ © ™ …",
            "Blåbærsyltetøy",
            "Ærlig talt, Ørsta og Åland",
            "naïve café déjà vu",
            "Han sa «Åpent hus», «Østlandet», «øl» og «Å»",
            "100\u{A0}øre, 5\u{A0}år, Å\u{A0}1, «Ça va», «Ärger“, Å–Ø, Ä…",
            "«æ» «ø» «å» «Æ» «Ø» «Å» – Å, Ø, Æ — «Øl»\u{A0}",
        ] {
            assert!(find(line).is_empty(), "{line}: {:?}", find(line));
        }
    }
}
