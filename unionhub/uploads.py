"""Uploaded workbooks: opening them, and keeping them between an import's preview and its
confirmation.

An import checks the uploaded file and shows what it would do; nothing is saved. The file waits
in MEDIA_ROOT/imports/<random>.xlsx and the session remembers which of them this user uploaded,
and for what (an organisation's pk, the file's name). Confirming reads the stored file again,
never anything the browser sends back.
"""

import re
import zipfile
from datetime import timedelta
from uuid import uuid4

from django.conf import settings
from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

_TOKEN = re.compile(r"^[0-9a-f]{32}$")
_FOLDER = "imports"
_KEEP = timedelta(days=1)
_PENDING_MAX = 5
# A workbook holds a dozen parts, or a few more per sheet; thousands mean a crafted file.
_PARTS_MAX = 1000
# Spreadsheet XML packs about 5 to 30 times; deflate's ceiling is about 1000. A large part
# packed more than this is a bomb (small parts are let through: they cannot cost much).
_RATIO_MAX = 200
_RATIO_FROM_BYTES = 1024 * 1024


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


class ImportFileError(Exception):
    """The file cannot be read as the list expected; the message says why, in Vietnamese."""


def _file_size(fileobj) -> int:
    position = fileobj.tell()
    fileobj.seek(0, 2)
    size = fileobj.tell()
    fileobj.seek(position)
    return size


def _not_xlsx() -> ImportFileError:
    return ImportFileError(
        _(
            "Tệp không phải Excel .xlsx. Nếu là tệp .xls hoặc .csv, hãy mở bằng Excel và "
            "lưu lại dưới dạng “Excel Workbook (.xlsx)” rồi tải lên lại."
        )
    )


def _check_parts(fileobj) -> None:
    """Refuse a workbook whose parts unpack to more than the import limits allow, from the
    zip's directory alone: openpyxl parses the shared strings as it opens a workbook, so a
    bomb there must be stopped before. (Python's zipfile never inflates a part beyond the size
    the directory declares, so the declared sizes are the ones that count.)"""
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise _not_xlsx() from None
    part_max, total_max = settings.IMPORT_MAX_PART_BYTES, settings.IMPORT_MAX_UNPACKED_BYTES
    for size, limit in (
        (max((part.file_size for part in parts), default=0), part_max),
        (sum(part.file_size for part in parts), total_max),
    ):
        if size > limit:
            raise ImportFileError(
                _(
                    "Tệp quá lớn khi giải nén: dữ liệu bên trong vượt %(size)s MB. Hãy chia "
                    "danh sách thành nhiều tệp nhỏ hơn."
                )
                % {"size": limit // 2**20}
            )
    if len(parts) > _PARTS_MAX or any(
        part.file_size > _RATIO_FROM_BYTES
        and part.file_size > _RATIO_MAX * max(part.compress_size, 1)
        for part in parts
    ):
        raise ImportFileError(
            _(
                "Tệp có cấu trúc bất thường (nén quá mức hoặc quá nhiều thành phần) nên không "
                "được đọc. Hãy mở tệp bằng Excel, lưu lại rồi tải lên lại."
            )
        )


def open_xlsx(fileobj, *, limit: int):
    """An uploaded workbook, read-only with cached values, after its size and the sizes its
    parts unpack to are checked against the limits. Raises ImportFileError."""
    if _file_size(fileobj) > limit:
        raise ImportFileError(
            _("Tệp quá lớn (tối đa %(size).0f MB). Hãy chia danh sách thành nhiều tệp nhỏ hơn.")
            % {"size": limit / 1024 / 1024}
        )
    if _file_size(fileobj) == 0:
        raise ImportFileError(_("Tệp rỗng. Hãy chọn tệp Excel có dữ liệu."))
    _check_parts(fileobj)
    fileobj.seek(0)
    try:
        return load_workbook(fileobj, read_only=True, data_only=True)
    except Exception:  # zip, XML or openpyxl errors all mean the same thing to an officer
        raise _not_xlsx() from None


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

    def cancel(self, request, back: str):
        """The preview's "Hủy": forget the upload, back to the import page `back`."""
        self.drop(request, request.POST.get("token", ""))
        messages.info(request, _("Đã hủy nhập tệp."))
        return redirect(back)

    def import_stored(self, request, token: str, run):
        """`run(file)` on the stored upload (the same checks as the preview, on the file, not
        on anything the browser sent), which is then forgotten. None, with a message for the
        user, when the file has gone."""
        try:
            stored = self.open(token)
        except OSError:
            self.drop(request, token)
            messages.error(request, _("Tệp đã tải lên không còn; hãy tải lên lại."))
            return None
        with stored:
            result = run(stored)
        self.drop(request, token)
        return result
