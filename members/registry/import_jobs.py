"""The member import's two jobs (unionhub.jobs): the check of an uploaded list and its
confirmation. They run in the worker as the user who started them, who must still manage
members where the list goes."""

from django.urls import reverse
from django.utils.translation import gettext as _

from unionhub import jobs
from unionhub.access import Perm
from unionhub.jobs import imports

from .importing import import_members_xlsx

CHECK = "members.import.check"
APPLY = "members.import.apply"


def _run(job, progress, *, dry_run: bool):
    organisation = jobs.organisation(
        job, Perm.MANAGE_MEMBERS, _("Bạn không còn quyền nhập đoàn viên vào đơn vị này.")
    )
    result = imports.run(
        job,
        progress,
        lambda stored, dry, reading: import_members_xlsx(
            stored, organisation=organisation, user=job.user, dry_run=dry, progress=reading
        ),
        dry_run=dry_run,
        template="members/_member_import_report.html",
        context={"organisation": organisation},
    )
    job.summary.update(created=result.created, updated=result.updated, unchanged=result.unchanged)
    return organisation, result


def check(job, progress) -> None:
    _run(job, progress, dry_run=True)


def apply(job, progress) -> None:
    organisation, result = _run(job, progress, dry_run=False)
    if result.ok:
        imports.done(
            job,
            _(
                "Đã nhập danh sách vào %(org)s: thêm mới %(new)d, cập nhật %(updated)d, "
                "không thay đổi %(same)d."
            )
            % {
                "org": organisation.name,
                "new": result.created,
                "updated": result.updated,
                "same": result.unchanged,
            },
            f"{reverse('members:member_list')}?org={organisation.pk}",
            _("Xem danh sách đoàn viên"),
        )


def register() -> None:
    jobs.register(CHECK, check, template="jobs/_import_check.html")
    jobs.register(APPLY, apply, template="jobs/_import_apply.html")
