"""User text shown as HTML. By default every user text is auto-escaped by the templates;
where some formatting is wanted, it goes through :func:`sanitize_html` (nh3, a small allow-list)."""

import nh3
from django.utils.html import linebreaks, urlize

ALLOWED_TAGS = frozenset({
    "p", "br", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "blockquote", "code", "pre",
    "a", "h3", "h4", "h5", "table", "thead", "tbody", "tr", "th", "td",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": {"colspan", "rowspan"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitize_html(html):
    """Only harmless tags survive; scripts, styles and event handlers go with their content."""
    return nh3.clean(
        str(html or ""),
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
    )


def plain_text_to_html(text):
    """A user's plain text with paragraphs and clickable links: escaped first, then sanitised."""
    return sanitize_html(linebreaks(urlize(str(text or ""), nofollow=True, autoescape=True)))
