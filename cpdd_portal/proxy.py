"""The visitor's address behind the reverse proxy (deploy/Caddyfile).

Rate limits (django-ratelimit's `key="ip"`, allauth's), the request log and
anything else that reads REMOTE_ADDR must see the visitor, not the proxy, and
a visitor must not be able to choose the address by sending X-Forwarded-For
themselves. So the header counts only when the connection comes from one of
TRUSTED_PROXIES, and then only its right-most address that is not itself a
trusted proxy: everything left of that was written by the client and proves
nothing.
"""

import ipaddress
from functools import cache

from django.conf import settings

FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO")


@cache
def _networks(proxies):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def is_trusted_proxy(address):
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(meta):
    """The visitor's address for a request's META (see the module docstring)."""
    peer = meta.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(peer):
        return peer
    hops = [hop.strip() for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed(hops):
        if not hop:
            continue
        if not is_trusted_proxy(hop):
            try:
                return str(ipaddress.ip_address(hop.strip("[]")))
            except ValueError:
                return peer  # not an address: a broken or hostile chain
    return peer


class ClientAddressMiddleware:
    """Put the visitor's address in REMOTE_ADDR, and drop X-Forwarded-* headers
    that did not come from a trusted proxy, so that SECURE_PROXY_SSL_HEADER
    cannot be fed by a visitor either. First in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if is_trusted_proxy(meta.get("REMOTE_ADDR", "")):
            meta["REMOTE_ADDR"] = client_address(meta)
        else:
            for header in FORWARDED_HEADERS:
                meta.pop(header, None)
        return self.get_response(request)
