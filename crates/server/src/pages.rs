//! The server's own pages in the browser — an app's request for consent, the refusals of single
//! sign-on that cannot go back to an app, SAML's form to the app — in the four languages, from
//! the catalogue `locales/<language>/sso.ftl`. A page is in the language the signed-in
//! person chose, else the first of the browser's languages Gatehouse speaks, else the school's
//! `[locale] default_language`. Each page wears the school's portal name, organisation and colour
//! (`[branding]`), as the sign-in page does, so a pupil sees where they are. Every value put into
//! a page is escaped; the pages have no script of their own and no inline style (the content
//! security policy allows neither).

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use gatehouse_core::config::Config;
use gatehouse_core::text::{Catalogue, Language, Text};

/// The server's pages' sentences in the four languages, compiled in.
pub static PAGES: Catalogue = Catalogue::new(
    "sso.ftl",
    [
        include_str!("../../../locales/en/sso.ftl"),
        include_str!("../../../locales/zh-Hans/sso.ftl"),
        include_str!("../../../locales/ms/sso.ftl"),
        include_str!("../../../locales/ta/sso.ftl"),
    ],
);

/// The pages' stylesheet, served at [`STYLESHEET_PATH`]; `COLOUR` is `[branding]
/// primary_colour` (checked at start to be `#rrggbb` and readable on white).
const STYLESHEET: &str = "body{font:16px/1.5 system-ui,'Noto Sans','Noto Sans CJK SC','Noto Sans Tamil',sans-serif;\
margin:0;color:#1b1b1b}header{background:COLOUR;color:#fff;padding:.9rem 1.5rem}\
header strong{display:block;font-size:1.2rem}main{max-width:36rem;margin:2.5rem auto;padding:0 1rem}\
h1{font-size:1.4rem;color:COLOUR}ul{padding-left:1.2rem}.actions{display:flex;gap:.75rem;margin-top:1.5rem}\
button,a.deny{font:inherit;padding:.5rem 1.25rem;border-radius:4px;border:1px solid COLOUR;cursor:pointer;\
text-decoration:none}button.allow{background:COLOUR;color:#fff}.deny{background:#fff;color:COLOUR}\
.note{color:#555;font-size:.9rem}\n";

pub const STYLESHEET_PATH: &str = "/gatehouse-pages.css";

/// The stylesheet in the school's colour.
pub fn stylesheet(config: &Config) -> String {
    STYLESHEET.replace("COLOUR", config.branding.primary_colour.trim())
}

pub async fn serve_stylesheet(css: String) -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "max-age=3600")], css).into_response()
}

/// How the school's pages look and which language they speak when nothing says otherwise.
pub struct Look {
    /// `[locale] default_language`.
    pub language: Language,
    portal: String,
    organisation: String,
}

impl Look {
    pub fn of(config: &Config) -> Self {
        Self {
            language: config.locale.language(),
            portal: config.branding.portal_name.clone(),
            organisation: config.branding.organisation.clone(),
        }
    }

    /// The language of a page for the person who chose `chosen` (see [`language`]).
    pub fn language_for(&self, headers: &HeaderMap, chosen: Option<Language>) -> Language {
        language(headers, chosen, self.language)
    }

    /// [`Look::html`] as the answer: never kept by a cache (these pages name the person).
    pub fn page(&self, language: Language, title: &str, body: &str) -> Response {
        let mut answer =
            ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], self.html(language, title, body)).into_response();
        no_store(&mut answer);
        answer
    }

    /// [`Look::page`] holding a form posted back to this origin, which checks the form's
    /// `Origin`: browsers send it as `null` under `no-referrer`; `same-origin` sends it here and
    /// nothing to any other site.
    pub fn form_page(&self, language: Language, title: &str, body: &str) -> Response {
        let mut answer = self.page(language, title, body);
        answer.headers_mut().insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
        answer
    }

    /// A whole page: `title` (escaped already) in `<title>`, the school's header, and `body`
    /// (HTML) in `<main>`.
    pub fn html(&self, language: Language, title: &str, body: &str) -> String {
        format!(
            "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{title}</title><link rel=\"stylesheet\" href=\"{STYLESHEET_PATH}\"></head>\
             <body><header><strong>{portal}</strong><span>{organisation}</span></header><main>{body}</main></body></html>",
            lang = language.code(),
            portal = escape(&self.portal),
            organisation = escape(&self.organisation),
        )
    }

    /// A refusal shown in the browser (it cannot go back to an app that may not be the one
    /// asking): 400 with the reason `reason` (an id of `sso.ftl`) in `language`; the reason is
    /// logged.
    pub fn refused(&self, language: Language, reason: &'static str) -> Response {
        tracing::warn!(reason, "a single sign-on request was refused in the browser");
        let title = word(language, "sso-refused-title");
        let body = format!(
            "<h1>{}</h1><p id=\"refused\" data-reason=\"{reason}\">{}</p><p class=\"note\">{}</p>",
            word(language, "sso-refused-heading"),
            word(language, reason),
            word(language, "sso-refused-tell"),
        );
        let page = self.html(language, &title, &body);
        (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
    }
}

/// Keeps an answer out of every cache.
pub fn no_store(response: &mut Response) {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response.headers_mut().insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
}

/// Escapes text for an XML or HTML attribute or element.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// A message of `sso.ftl` in `language`, escaped for the page.
pub fn say(language: Language, text: Text) -> String {
    escape(&PAGES.format(&text, language))
}

/// A message of `sso.ftl` without arguments, escaped.
pub fn word(language: Language, id: &'static str) -> String {
    say(language, Text::new(id))
}

/// The language of a page: `chosen` (the signed-in person's), else the first language of the
/// browser's `Accept-Language` (by its weights) that Gatehouse speaks, else `default`.
fn language(headers: &HeaderMap, chosen: Option<Language>, default: Language) -> Language {
    chosen.or_else(|| browser_language(headers)).unwrap_or(default)
}

fn browser_language(headers: &HeaderMap) -> Option<Language> {
    let accept = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    let mut ranges: Vec<(f32, Language)> = accept
        .split(',')
        .take(32)
        .filter_map(|range| {
            let mut parts = range.split(';');
            let language = Language::parse(parts.next()?)?;
            let weight = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (weight > 0.0).then_some((weight, language))
        })
        .collect();
    // Stable: equal weights keep the browser's order.
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranges.first().map(|(_, language)| *language)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn accepting(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn a_page_is_in_the_persons_language_else_the_browsers_first_spoken_one_else_the_schools() {
        let school = Language::English;
        assert_eq!(language(&accepting("ta"), Some(Language::Malay), school), Language::Malay);
        assert_eq!(language(&accepting("fr-FR, zh-SG;q=0.8, ms;q=0.9"), None, school), Language::Malay);
        assert_eq!(language(&accepting("zh-TW, ta-SG;q=0.5"), None, school), Language::Tamil);
        assert_eq!(language(&accepting("de, *;q=0.1"), None, Language::Chinese), Language::Chinese);
        assert_eq!(language(&accepting("ms;q=0, en;q=0.2"), None, Language::Tamil), Language::English);
        assert_eq!(language(&HeaderMap::new(), None, Language::Tamil), Language::Tamil);
    }

    #[test]
    fn what_goes_into_a_page_is_escaped() {
        assert_eq!(
            escape(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        let text = Text::new("sso-consent-title").arg("app", "<script>alert(1)</script>");
        let said = say(Language::English, text);
        assert!(said.contains("&lt;script&gt;") && !said.contains("<script>"), "{said}");
    }
}
