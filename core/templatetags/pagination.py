from django import template

from core.pagination import page_links as page_links_of

register = template.Library()


@register.filter
def page_links(page_obj):
    """`{% for number in page_obj|page_links %}`: see core.pagination.page_links."""
    return page_links_of(page_obj)
