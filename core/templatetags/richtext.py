from django import template

from core.images import ensure_renditions, image_srcset
from core.richtext import plain_text as plain_text_of
from core.richtext import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """`{{ case_study.body|markdown }}`: sanitised HTML, safe to show as is."""
    return render_markdown(text)


@register.filter
def plain_text(markdown_text, max_length=None):
    """`{{ news.body|plain_text:160 }}` for summaries and meta descriptions."""
    return plain_text_of(markdown_text, int(max_length) if max_length else None)


@register.filter
def srcset(image_file):
    """`srcset="{{ organization.logo|srcset }}"`: the renditions of a stored
    image, made again first if any is missing or cut short."""
    ensure_renditions(image_file)
    return image_srcset(image_file)
