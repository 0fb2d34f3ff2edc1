"""The client's address for the login protection, aware of trusted reverse proxies.

X-Forwarded-For is believed only when the request comes from a proxy listed in
LOTSE_TRUSTED_PROXIES; then the right-most address that is not itself a trusted proxy is the
client. Anyone else could write any address into the header and so escape the lockout.
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    peer = request.META.get("REMOTE_ADDR", "") or ""
    trusted = set(settings.LOTSE_TRUSTED_PROXIES)
    if peer not in trusted:
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            return hop
    return peer
