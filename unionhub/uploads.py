"""Uploaded workbooks: opening them within hard limits (a crafted file costs little before it
is refused). Between an import's check and its confirmation the file is kept by the check's job
(unionhub.jobs.imports), never sent back by the browser.
"""

import zipfile

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

# A workbook holds a dozen parts, or a few more per sheet; thousands mean a crafted file.
_PARTS_MAX = 1000
# Spreadsheet XML packs about 5 to 30 times; deflate's ceiling is about 1000. A large part
# packed more than this is a bomb (small parts are let through: they cannot cost much).
_RATIO_MAX = 200
_RATIO_FROM_BYTES = 1024 * 1024


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
