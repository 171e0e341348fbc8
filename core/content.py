"""The content version: one number that any change to the portal's records
bumps (cpdd_portal.cache connects the signals). Whatever is cached under a key
holding it, a whole page or a count, is stale the moment something changes.
"""

from django.core.cache import cache

VERSION_KEY = "public-pages:version"


def content_version():
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def bump_content_version(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(VERSION_KEY, 2, timeout=None)
