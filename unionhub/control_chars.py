"""Requests carrying control characters are refused before any view reads them.

A NUL byte in a query string or a form reaches PostgreSQL as a query it rejects (a server
error), and NUL or the other C0 controls break the Word and Excel files a value is written into
(XML cannot hold them). Nobody types them: a browser form or a link of the site never sends
them, only a probe or a corrupted paste does. So the request is refused whole, with a 400 page
that says why, rather than stripped: a value silently changed would be worse (`so=12%003` would
print as document number 123) and the person who pasted it sees what to correct. Tab, line feed
and carriage return stay allowed: a text area sends them.
"""

import re

from django.shortcuts import render

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def has_control_characters(request) -> bool:
    """In the path, or in a name or a value of the query string or of a posted form (the file
    parts of an upload are the upload's business)."""
    if CONTROL.search(request.path_info):
        return True
    data = [request.GET]
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        data.append(request.POST)
    return any(
        CONTROL.search(key) or any(CONTROL.search(value) for value in values)
        for query in data
        for key, values in query.lists()
    )


class RejectControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_control_characters(request):
            return render(request, "400.html", status=400)
        return self.get_response(request)
