import pytest
from django.template import Context, Template

from core import richtext
from core.richtext import plain_text, render_markdown

LINK_REL = 'rel="noopener noreferrer nofollow"'


def render_template(source, **context):
    return Template("{% load richtext %}" + source).render(Context(context))


# Hostile input.


def test_script_tags_are_removed_with_their_content():
    html = render_markdown("Hello <script>alert(document.cookie)</script> world")
    assert html == "<p>Hello  world</p>"


def test_event_handler_attributes_are_removed():
    html = render_markdown("<img src=x onerror=alert(1)>")
    assert html == '<p><img src="x"></p>'


@pytest.mark.parametrize(
    "text",
    [
        "[click](javascript:alert(1))",
        '<a href="JaVaScRiPt:alert(1)">click</a>',
        '<a href="jav&#x09;ascript:alert(1)">click</a>',
        '<a href="jav&#10;ascript:alert(1)">click</a>',
        '<a href="  javascript:alert(1)">click</a>',
        '<a href="&#106;avascript:alert(1)">click</a>',
        '<a href="vbscript:msgbox(1)">click</a>',
        '<a href="data:text/html,<script>alert(1)</script>">click</a>',
    ],
    ids=[
        "markdown-link",
        "mixed-case",
        "tab-entity",
        "newline-entity",
        "leading-space",
        "encoded-letter",
        "vbscript",
        "data-url",
    ],
)
def test_links_to_scripts_lose_their_target(text):
    assert render_markdown(text) == f"<p><a {LINK_REL}>click</a></p>"


def test_data_url_images_lose_their_source():
    html = render_markdown("![dot](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)")
    assert html == '<p><img alt="dot"></p>'


def test_iframes_are_removed_with_their_content():
    html = render_markdown('<iframe src="https://evil.example">fallback</iframe>ok')
    assert "iframe" not in html
    assert "evil.example" not in html
    assert "fallback" not in html
    assert "ok" in html


def test_style_blocks_are_removed_with_their_content():
    html = render_markdown("<style>body { display: none }</style>\n\nVisible")
    assert html.strip() == "<p>Visible</p>"


@pytest.mark.parametrize(
    "tag",
    [
        "script", "style", "iframe", "object", "noscript", "template",
        "textarea", "select", "svg", "math", "title",
    ],
)  # fmt: skip
def test_code_and_widgets_are_removed_with_their_content(tag):
    html = render_markdown(f"<{tag}>hidden</{tag}>shown")
    assert "hidden" not in html
    assert "shown" in html


def test_style_attributes_are_removed():
    html = render_markdown('<p style="position:fixed;top:0">Notice</p>')
    assert html == "<p>Notice</p>"


def test_svg_with_script_is_removed():
    html = render_markdown('<svg onload="alert(1)"><script>alert(2)</script></svg>x')
    assert html == "<p>x</p>"


def test_other_raw_html_keeps_only_its_text():
    html = render_markdown('<div class="banner"><span onclick="x()">Hi</span></div>')
    assert html == "Hi"


def test_html_comments_are_removed():
    assert render_markdown("<!-- internal note -->Public").strip() == "<p>Public</p>"


def test_code_blocks_show_html_as_text():
    html = render_markdown("```\n<script>alert(1)</script>\n```")
    assert html == "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>"


# Normal Markdown.


def test_headings_lists_links_and_emphasis_render():
    text = (
        "## Training in Kampot\n\n"
        "We trained **40 women** and *12 men*.\n\n"
        "- Budgeting\n- Procurement\n\n"
        "1. Plan\n2. Do\n\n"
        "See [the report](https://example.org/report.pdf) or [our page](/about/)."
    )
    assert render_markdown(text) == (
        "<h3>Training in Kampot</h3>\n"
        "<p>We trained <strong>40 women</strong> and <em>12 men</em>.</p>\n"
        "<ul>\n<li>Budgeting</li>\n<li>Procurement</li>\n</ul>\n"
        "<ol>\n<li>Plan</li>\n<li>Do</li>\n</ol>\n"
        f'<p>See <a href="https://example.org/report.pdf" {LINK_REL}>the report</a>'
        f' or <a href="/about/" {LINK_REL}>our page</a>.</p>'
    )


def test_top_heading_is_below_the_pages_own_title():
    assert render_markdown("# Summary") == "<h2>Summary</h2>"
    assert render_markdown("###### Detail") == "<h4>Detail</h4>"


def test_email_links_work():
    html = render_markdown("[Write to us](mailto:info@example.org)")
    assert (
        html == f'<p><a href="mailto:info@example.org" {LINK_REL}>Write to us</a></p>'
    )


def test_single_line_breaks_are_kept():
    assert render_markdown("Phnom Penh\nCambodia") == "<p>Phnom Penh<br>\nCambodia</p>"


def test_khmer_text_renders_unchanged():
    html = render_markdown("## ការអភិវឌ្ឍ\n\nការអភិវឌ្ឍ **សហគមន៍**")
    assert html == "<h3>ការអភិវឌ្ឍ</h3>\n<p>ការអភិវឌ្ឍ <strong>សហគមន៍</strong></p>"


def test_tables_render_with_their_alignment():
    html = render_markdown("| Province | Women |\n|:--|--:|\n| Kampot | 40 |")
    assert '<th align="left">Province</th>' in html
    assert '<td align="right">40</td>' in html


def test_images_keep_their_description():
    html = render_markdown('![Villagers meeting](/media/news/meeting.jpg "Kampot")')
    assert html == (
        '<p><img alt="Villagers meeting" src="/media/news/meeting.jpg"'
        ' title="Kampot"></p>'
    )


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_markdown_filter_renders_html_without_escaping_it_again():
    rendered = render_template(
        "{{ body|markdown }}", body="**Bold** <script>alert(1)</script>"
    )
    assert rendered == "<p><strong>Bold</strong> </p>"


# Plain text for summaries.


def test_plain_text_has_no_markup_or_scripts():
    text = "## Results\n\n**40** women & <script>alert(1)</script>*12* men"
    assert plain_text(text) == "Results 40 women & 12 men"


def test_plain_text_is_cut_after_a_word_with_an_ellipsis():
    text = "Commune councils in Kampot prepared their development plans together."
    summary = plain_text(text, max_length=30)
    assert summary == "Commune councils in Kampot…"
    assert len(summary) <= 30


def test_plain_text_that_fits_is_not_cut():
    assert plain_text("Short news.", max_length=30) == "Short news."


def test_plain_text_never_splits_a_khmer_syllable():
    # ការអភិវឌ្ឍ: cutting after "ភ" or "ឌ" would strand a vowel sign or subscript.
    assert plain_text("ការអភិវឌ្ឍសហគមន៍", max_length=6) == "ការអ…"
    assert plain_text("ការអភិវឌ្ឍសហគមន៍", max_length=10) == "ការអភិវ…"


LONG_TEXT = "\n\n".join(
    [
        "Read [the plan][plan] first.",
        "```\nstep one of the budget plan\n\nstep two\n```",
        *(f"Paragraph {number} about commune budgets." for number in range(200)),
        "[plan]: https://example.org/plan.pdf",
    ]
)


def test_summary_of_a_long_text_matches_the_full_text(monkeypatch):
    rendered_lengths = []
    render = richtext._markdown_to_html

    def recording_render(text):
        rendered_lengths.append(len(text))
        return render(text)

    whole = plain_text(LONG_TEXT)
    monkeypatch.setattr(richtext, "_markdown_to_html", recording_render)

    summary = plain_text(LONG_TEXT, max_length=40)

    assert summary == "Read the plan first. step one of the…"
    assert whole.startswith(summary[:-1])
    assert max(rendered_lengths) < len(LONG_TEXT) / 10


def test_plain_text_filter_is_escaped_in_templates():
    rendered = render_template("{{ body|plain_text:20 }}", body="Use <b>1 < 2</b>")
    assert rendered == "Use 1 &lt; 2"
