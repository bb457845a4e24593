"""Files waiting between an import's preview and its confirmation.

An import checks the uploaded file and shows what it would do; nothing is saved. The file waits
in MEDIA_ROOT/imports/<random>.xlsx and the session remembers which of them this user uploaded,
and for what (an organisation's pk, the file's name). Confirming reads the stored file again,
never anything the browser sends back.
"""

import re
from datetime import timedelta
from uuid import uuid4

from django.core.files.storage import default_storage
from django.http import Http404
from django.utils import timezone

_TOKEN = re.compile(r"^[0-9a-f]{32}$")
_FOLDER = "imports"
_KEEP = timedelta(days=1)
_PENDING_MAX = 5


def _path(token: str) -> str:
    return f"{_FOLDER}/{token}.xlsx"


def _forget_old() -> None:
    """Files of previews never confirmed nor cancelled go after a day."""
    try:
        _, names = default_storage.listdir(_FOLDER)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - _KEEP
    for name in names:
        try:
            if default_storage.get_modified_time(f"{_FOLDER}/{name}") < cutoff:
                default_storage.delete(f"{_FOLDER}/{name}")
        except OSError:
            continue


class PendingUploads:
    """The uploads of one kind of import (its own session key) waiting for confirmation."""

    def __init__(self, session_key: str):
        self.session_key = session_key

    def remember(self, request, upload, **details) -> str:
        """Store `upload`; return the token the confirmation form sends back."""
        _forget_old()
        token = uuid4().hex
        upload.seek(0)
        default_storage.save(_path(token), upload)
        pending = request.session.get(self.session_key, {})
        pending[token] = {**details, "filename": upload.name[:200]}
        request.session[self.session_key] = dict(list(pending.items())[-_PENDING_MAX:])
        return token

    def get(self, request, token: str) -> dict:
        """The details of an upload this user made in this session; anything else is a 404."""
        pending = request.session.get(self.session_key, {})
        if not _TOKEN.match(token or "") or token not in pending:
            raise Http404
        return pending[token]

    def open(self, token: str):
        """The stored file (OSError if it has gone)."""
        return default_storage.open(_path(token), "rb")

    def drop(self, request, token: str) -> None:
        """Forget an upload of this session and delete its file; other tokens are ignored."""
        pending = request.session.get(self.session_key, {})
        if not _TOKEN.match(token or "") or token not in pending:
            return
        del pending[token]
        request.session[self.session_key] = pending
        default_storage.delete(_path(token))
