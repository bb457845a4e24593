"""Responses to a signed-in user are kept by no browser cache nor proxy."""

from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    """`Cache-Control: no-store, private` on every response to a signed-in user.

    Nearly every page and download carries personal data (names, dates of birth, dues, loans),
    which must not stay in a shared computer's browser cache or a proxy's after logout. A
    response that sets its own caching keeps it; static files never reach this middleware
    (WhiteNoise answers them first) and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True)
        return response
