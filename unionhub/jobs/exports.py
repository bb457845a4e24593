"""Exports that may be long: a small one is sent at once, a large one (over INLINE_ROWS rows)
becomes a job whose file the user downloads from the job's page or "Công việc của tôi"."""

import tempfile

from django.conf import settings
from django.core.files import File
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from unionhub import downloads

from .runner import start

# About 5,000 rows write in well under a second; beyond that the request would wait.
INLINE_ROWS = getattr(settings, "EXPORT_INLINE_ROWS", 5000)


def download_or_job(request, queryset, kind: str, *, write, filename: str, title: str, **params):
    """`write(fileobj)` sent as `filename` when `queryset` is small, else a job of `kind`
    (whose run calls save() with the same writer) and the user is sent to its page."""
    if queryset.order_by()[: INLINE_ROWS + 1].count() <= INLINE_ROWS:
        return downloads.spooled(write, filename)
    params = {**params, "filename": filename, "back": request.get_full_path()}
    return redirect(start(request.user, kind, title, params=params))


def save(job, progress, write) -> None:
    """In a job: the file `write(fileobj)` produces, kept as the job's result."""
    progress(10, _("Đang ghi tệp Excel"))
    with tempfile.TemporaryFile() as spool:
        write(spool)
        spool.seek(0)
        job.result_file.save(job.params["filename"], File(spool), save=False)
    job.result_name = job.params["filename"]
