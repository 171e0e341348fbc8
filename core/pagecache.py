"""Which pages the public page cache (cpdd_portal.cache) may keep: each view
says so where it is written, so a new page is never cached, or left out, by
an oversight in a central list.

`@cached_page("q", "page")` on a view (class or function): the page shows the
same thing to every anonymous visitor, for addresses whose query holds only
those parameters. `@not_cached("why")`: the page is never kept, and why. A
test walks every URL and sitemap entry and asks each view for one or the
other. Declarations are not inherited: a subclass says for itself.
"""

from functools import wraps
from inspect import isfunction

CACHEABLE = "cached_page_parameters"
NOT_CACHED = "not_cached_reason"


def _declare(attribute, value):
    def declare(view):
        if isinstance(view, type):
            setattr(view, attribute, value)
            return view

        @wraps(view)
        def declared(*args, **kwargs):
            return view(*args, **kwargs)

        setattr(declared, attribute, value)
        return declared

    return declare


def cached_page(*parameters):
    return _declare(CACHEABLE, frozenset(parameters))


def not_cached(reason):
    return _declare(NOT_CACHED, reason)


def _declared(view_func, attribute):
    """What `view_func` (a function, an as_view() function or a callable
    instance such as a feed) declares itself, not what it inherits."""
    for view in (view_func, getattr(view_func, "view_class", None)):
        if view is None:
            continue
        if not (isinstance(view, type) or isfunction(view)):
            view = type(view)  # a callable instance: its class declares
        if attribute in getattr(view, "__dict__", {}):
            return view.__dict__[attribute]
    return None


def cached_parameters(view_func):
    """The query parameters of a cacheable page, or None if it is not one."""
    return _declared(view_func, CACHEABLE)


def not_cached_reason(view_func):
    return _declared(view_func, NOT_CACHED)
