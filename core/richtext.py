"""User-written rich text: Markdown in, sanitised HTML or plain text out."""

import html
import re
import threading
import unicodedata

import markdown
import nh3
from django.utils.safestring import mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "a", "ul", "ol", "li", "blockquote",
    "h2", "h3", "h4", "code", "pre", "img",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
}
# Relative URLs pass as well; nh3 checks schemes after decoding entities and
# dropping the tabs and newlines browsers ignore, so "jav&#x09;ascript:" fails.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Unlike other unknown tags, these lose their content too, not just the tags.
DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "noscript", "template",
    "textarea", "select", "svg", "math", "title",
}  # fmt: skip

_html_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=DROPPED_WITH_CONTENT,
    attributes=ALLOWED_ATTRIBUTES,
    tag_attribute_values={
        "th": {"align": {"left", "center", "right"}},
        "td": {"align": {"left", "center", "right"}},
    },
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
)
_text_cleaner = nh3.Cleaner(tags=set(), clean_content_tags=DROPPED_WITH_CONTENT)

FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE)
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:.*$", re.MULTILINE)
KHMER_COENG = "\u17d2"
ELLIPSIS = "…"


class _DemoteHeadings(Treeprocessor):
    """The page owns its <h1>, so "# Title" becomes <h2>; <h5> and <h6> become <h4>."""

    def run(self, root):
        for element in root.iter():
            if re.fullmatch(r"h[1-6]", element.tag):
                element.tag = f"h{min(int(element.tag[1]) + 1, 4)}"


class _DemoteHeadingsExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_DemoteHeadings(md), "demote_headings", 5)


_converters = threading.local()


def _markdown_to_html(text):
    # Building a Markdown converter loads every extension and costs about a
    # millisecond, paid per summary on a list page; one per thread is reused.
    # Converters keep state between documents, hence reset() and not sharing.
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown.Markdown(
            extensions=[
                "tables",
                "fenced_code",
                "sane_lists",
                # People paste from word processors and expect a new line to stay one.
                "nl2br",
                _DemoteHeadingsExtension(),
            ],
            extension_configs={"tables": {"use_align_attribute": True}},
        )
    return converter.reset().convert(text)


def render_markdown(text):
    """Markdown as HTML that is safe to show: only the allow-listed tags,
    attributes and URL schemes survive, whether written as Markdown or raw HTML.
    """
    sanitised_html = _html_cleaner.clean(_markdown_to_html(text or ""))
    return mark_safe(sanitised_html)  # noqa: S308


def plain_text(markdown_text, max_length=None):
    """The words of a Markdown text without any markup, for summaries and
    meta descriptions; cut to at most `max_length` characters, ending in "…".

    The result is not marked safe: templates escape it like any other text.
    """
    if not markdown_text:
        return ""
    if max_length is None:
        return _visible_text(markdown_text)
    # Rendering a long text in full costs milliseconds for every row of a list,
    # so render only as many leading paragraphs as the summary needs.
    blocks = markdown_text.replace("\r\n", "\n").split("\n\n")
    reference_definitions = "\n".join(REFERENCE_DEFINITION.findall(markdown_text))
    count = 1
    while True:
        leading = "\n\n".join(blocks[:count])
        if len(FENCE.findall(leading)) % 2 and count < len(blocks):
            count += 1  # stopped inside a fenced code block
            continue
        text = _visible_text(f"{leading}\n\n{reference_definitions}")
        if len(text) > max_length:
            return _truncate(text, max_length)
        if count >= len(blocks):
            return text
        count *= 2


def _visible_text(markdown_text):
    text = html.unescape(_text_cleaner.clean(_markdown_to_html(markdown_text)))
    return " ".join(text.split())


def _truncate(text, max_length):
    end = max(max_length - len(ELLIPSIS), 0)
    # Never split a Khmer syllable: stop before a combining vowel or sign, and
    # before a subscript consonant (the letter right after a coeng).
    while end > 0 and (
        unicodedata.category(text[end]) in ("Mn", "Mc") or text[end - 1] == KHMER_COENG
    ):
        end -= 1
    last_space = text.rfind(" ", 0, end + 1)
    if last_space > max_length // 2:
        end = last_space
    return text[:end].rstrip(" ,.;:-") + ELLIPSIS
