"""Files the pages hand out: one content type per format, one way to send bytes as a download."""

import tempfile

from django.http import FileResponse, HttpResponse

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """`content` as a file the browser saves under `filename` (ASCII, as ours are)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def spooled(write, filename: str, content_type: str = XLSX) -> FileResponse:
    """A large file written by `write(fileobj)` to disk, not memory, then sent as a download."""
    spool = tempfile.TemporaryFile()
    write(spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=content_type)
