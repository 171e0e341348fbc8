"""The content version: one number that any change to the portal's records
bumps (cpdd_portal.cache connects the signals). Whatever is cached under a key
holding it, a whole page or a count, is stale the moment something changes.
"""

import time
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache

VERSION_KEY = "public-pages:version"


def content_version():
    # A version lost to eviction restarts at the clock, never at a number
    # whose cached pages may still be stored.
    return cache.get_or_set(VERSION_KEY, time.time_ns, timeout=None)


def bump_content_version(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def versioned_key(kind, *parts):
    """A cache key for `parts` (anything with a stable repr) under the
    current content version; hashed, since parts may hold what visitors typed."""
    digest = sha256(repr(parts).encode()).hexdigest()
    return f"{kind}:{content_version()}:{digest}"


def cached(kind, parts, compute, timeout):
    """compute(), kept under the content version and `parts` for `timeout`
    seconds: recomputed after any change to the portal's records."""
    key = versioned_key(kind, *parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        if has_room(kind, timeout):
            cache.set(key, value, timeout)
    return value


def has_room(kind, timeout):
    """Whether one more entry of `kind` may be stored under the current
    content version: at most settings.CACHE_ENTRIES_PER_KIND, so that someone
    looping over made-up searches or filters cannot fill the cache (and push
    out what everyone reads). `timeout`: that of the entries counted."""
    key = versioned_key("entries", kind)
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key) <= settings.CACHE_ENTRIES_PER_KIND
    except ValueError:  # evicted in between: count afresh
        cache.set(key, 1, timeout)
        return True
