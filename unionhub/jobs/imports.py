"""An import as two jobs: the check of an uploaded workbook (a dry run: nothing saved) and, once
the user has read it, the confirmation that applies the same stored file again, with the same
checks, all or nothing. The import pages start them; the job's page shows the check's report
with "Xác nhận nhập" and "Hủy", which post back to the import page with the check job's id.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from unionhub.models import Job

from .runner import JobError, start
from .views import own_job_or_404

# The report lists this many rows; the counts cover them all.
PREVIEW_ROWS = 300


def size_error(upload, limit: int) -> str:
    """The form's error for a file over `limit` bytes (refused before it is stored), or ""."""
    if upload.size <= limit:
        return ""
    return _("Tệp quá lớn (tối đa %(size).0f MB). Hãy chia danh sách thành nhiều tệp nhỏ hơn.") % {
        "size": limit / 1024 / 1024
    }


def start_check(request, kind: str, *, upload, title: str, back: str, **params):
    """Store `upload`, queue its check and send the user to the job's page. `back` is the
    import page: the job's buttons post there, and "Quay lại" leads there."""
    job = start(
        request.user,
        kind,
        title,
        params={**params, "filename": upload.name[:200], "back": back},
        upload=upload,
    )
    return redirect(job)


def posted_check(request, kind: str) -> Job:
    """The check job the confirmation or cancel form names: the user's own, of `kind`."""
    return own_job_or_404(request, request.POST.get("job"), kind=kind)


def confirm(request, check: Job, kind: str, title: str):
    """Queue the import of a checked file (once: a second click leads to the first job)."""
    if not check.succeeded or not check.summary.get("ok") or check.summary.get("cancelled"):
        messages.error(request, _("Tệp này chưa được kiểm tra xong hoặc có lỗi; không nhập được."))
        return redirect(check)
    return redirect(start(request.user, kind, title, params=check.params, parent=check))


def cancel(request, check: Job):
    """The check's "Hủy": its stored file is deleted; back to the import page."""
    if not check.finished or hasattr(check, "follow_up"):
        return redirect(check)  # running, or already imported: nothing to cancel
    if check.upload:
        check.upload.delete(save=False)
    check.summary = {**check.summary, "cancelled": True}
    check.save(update_fields=["upload", "summary", "updated_at"])
    messages.info(request, _("Đã hủy nhập tệp."))
    return redirect(check.params.get("back") or check)


def run(job: Job, progress, importer, *, dry_run: bool, template: str, context):
    """In a job: `importer(file, dry_run, progress)` on the stored upload (`progress` is told the
    rows read), its report kept on the job
    (`template` with `result`, its first PREVIEW_ROWS rows as `shown_rows` and `context`). A
    problem of the file itself fails the job. `context` may be a function of the result."""
    reading = progress.span(
        5,
        60,
        _("Đang đọc tệp: %(rows)s dòng"),
        then=_("Đã đọc %(rows)s dòng; đang kiểm tra từng dòng")
        if dry_run
        else _("Đã đọc %(rows)s dòng; đang kiểm tra lại và ghi"),
    )
    with stored_upload(job) as stored:
        result = importer(stored, dry_run, reading)
    if result.file_error:
        raise JobError(result.file_error)
    rows = result.rows
    shown = {"shown_rows": rows[:PREVIEW_ROWS], "hidden_rows": max(len(rows) - PREVIEW_ROWS, 0)}
    report(
        job,
        template,
        {"result": result, **shown, **(context(result) if callable(context) else context)},
        ok=result.ok,
        errors=len(result.errors),
    )
    return result


def done(job: Job, message: str, next_url: str, next_label: str) -> None:
    """In a confirmation's job: what the import did, and the page to see it on."""
    job.summary.update(message=message, next_url=next_url, next_label=next_label)


def stored_upload(job: Job):
    """In a job: the uploaded file, opened (the check's own; a confirmation reads its check's)."""
    source = job.parent if job.parent_id else job
    if source is None or not source.upload:
        raise JobError(_("Tệp đã tải lên không còn; hãy tải lên lại."))
    try:
        return source.upload.open("rb")
    except OSError:
        raise JobError(_("Tệp đã tải lên không còn; hãy tải lên lại.")) from None


def report(job: Job, template: str, context: dict, **summary) -> None:
    """Keep what the job found: `summary` for the pages' decisions, `template` rendered now
    (the worker's side) as the report the job's page shows."""
    job.summary = {**job.summary, **summary}
    job.report = render_to_string(template, context)
