//! GitHub alerts (`> [!NOTE]`) become callouts labelled in the page's language.

use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};

use super::LinkResolver;

#[inline]
pub(super) fn callout(event: &mut Event<'_>, resolver: &dyn LinkResolver) {
    match event {
        Event::Start(Tag::BlockQuote(Some(kind))) => *event = start(*kind, resolver),
        Event::End(TagEnd::BlockQuote(Some(_))) => *event = Event::Html("</div>\n".into()),
        _ => {}
    }
}

fn start(kind: BlockQuoteKind, resolver: &dyn LinkResolver) -> Event<'static> {
    let kind = match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    };
    let label = resolver
        .alert_label(kind)
        .replace('&', "&amp;")
        .replace('<', "&lt;");
    Event::Html(
        format!("<div class=\"callout callout-{kind}\" role=\"note\" aria-label=\"{label}\">\n<p class=\"callout-label\">{label}</p>\n").into(),
    )
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Fake, through};
    use super::*;

    #[test]
    fn an_alert_is_a_callout_and_a_quote_stays_a_quote() {
        let html = through("> [!TIP]\n> Hi\n\n> Quote\n", |event, _| {
            callout(event, &Fake)
        });
        assert_eq!(
            html,
            "<div class=\"callout callout-tip\" role=\"note\" aria-label=\"Tip\">\n<p class=\"callout-label\">Tip</p>\n<p>Hi</p>\n</div>\n<blockquote>\n<p>Quote</p>\n</blockquote>\n"
        );
    }
}
