//! GitHub alerts (`> [!NOTE]`) become callouts labelled in the page's language.

use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};

use super::LinkResolver;
use crate::html::{escape_attribute, escape_text};

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
    let label = resolver.alert_label(kind);
    let (attribute, text) = (escape_attribute(&label), escape_text(&label));
    Event::Html(
        format!("<div class=\"callout callout-{kind}\" role=\"note\" aria-label=\"{attribute}\">\n<p class=\"callout-label\">{text}</p>\n").into(),
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

    /// Labels come from a site's own words (`i18n`), so they may hold any character.
    struct Quoted;
    impl LinkResolver for Quoted {
        fn link(&self, _: &str) -> crate::markdown::Resolved {
            crate::markdown::Resolved::Keep
        }
        fn image(&self, _: &str) -> crate::markdown::Resolved {
            crate::markdown::Resolved::Keep
        }
        fn alert_label(&self, _: &str) -> String {
            "Say \"no\" & <stop>".into()
        }
    }

    #[test]
    fn a_label_is_escaped_for_its_attribute_and_its_text() {
        let html = through("> [!NOTE]\n> Hi\n", |event, _| callout(event, &Quoted));
        assert!(
            html.contains("aria-label=\"Say &quot;no&quot; &amp; &lt;stop&gt;\">"),
            "{html}"
        );
        assert!(
            html.contains("<p class=\"callout-label\">Say \"no\" &amp; &lt;stop&gt;</p>"),
            "{html}"
        );
    }
}
