"""The member import's two jobs (unionhub.jobs): the check of an uploaded list and its
confirmation. They run in the worker as the user who started them, who must still manage
members where the list goes."""

from django.urls import reverse
from django.utils.translation import gettext as _

from members.models import Organisation
from unionhub import access, jobs
from unionhub.access import Perm
from unionhub.jobs.imports import report, stored_upload

from .importing import import_members_xlsx

CHECK = "members.import.check"
APPLY = "members.import.apply"
PREVIEW_ROWS = 300


def _target(job) -> Organisation:
    organisation = Organisation.objects.filter(pk=job.params.get("organisation")).first()
    if organisation is None or not access.can(job.user, Perm.MANAGE_MEMBERS, organisation):
        raise jobs.JobError(_("Bạn không còn quyền nhập đoàn viên vào đơn vị này."))
    return organisation


def _run(job, progress, *, dry_run: bool):
    organisation = _target(job)
    progress(5, _("Đang đọc và kiểm tra tệp") if dry_run else _("Đang kiểm tra lại và ghi"))
    with stored_upload(job) as stored:
        result = import_members_xlsx(
            stored, organisation=organisation, user=job.user, dry_run=dry_run
        )
    if result.file_error:
        raise jobs.JobError(result.file_error)
    report(
        job,
        "members/_member_import_report.html",
        {
            "result": result,
            "organisation": organisation,
            "shown_rows": result.rows[:PREVIEW_ROWS],
            "hidden_rows": max(len(result.rows) - PREVIEW_ROWS, 0),
        },
        ok=result.ok,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        errors=len(result.errors),
    )
    return organisation, result


def check(job, progress) -> None:
    _run(job, progress, dry_run=True)


def apply(job, progress) -> None:
    organisation, result = _run(job, progress, dry_run=False)
    if result.ok:
        job.summary["message"] = _(
            "Đã nhập danh sách vào %(org)s: thêm mới %(new)d, cập nhật %(updated)d, "
            "không thay đổi %(same)d."
        ) % {
            "org": organisation.name,
            "new": result.created,
            "updated": result.updated,
            "same": result.unchanged,
        }
        job.summary["next_url"] = f"{reverse('members:member_list')}?org={organisation.pk}"
        job.summary["next_label"] = _("Xem danh sách đoàn viên")


def register() -> None:
    jobs.register(CHECK, check, template="jobs/_import_check.html")
    jobs.register(APPLY, apply, template="jobs/_import_apply.html")
