"""Who is asking: the client's network address, also behind a reverse proxy.

Behind nginx every request comes from the proxy's address, so the login lockout and the
password-reset throttle would count all users as one. CLIENT_IP_HEADER names the header the
proxy sets (X-Real-IP, or X-Forwarded-For, to which each proxy appends the address it saw).
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address the nearest trusted proxy saw, or the connection's when none is configured.

    In X-Forwarded-For only the right-most CLIENT_IP_PROXY_COUNT entries were written by our
    proxies; anything left of them the client sent itself and proves nothing. A missing or
    malformed header falls back to the connection's address.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    header = settings.CLIENT_IP_HEADER
    if not header:
        return remote
    key = "HTTP_" + header.upper().replace("-", "_")
    hops = [hop.strip() for hop in request.META.get(key, "").split(",") if hop.strip()]
    count = settings.CLIENT_IP_PROXY_COUNT
    if len(hops) < count:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote
