"""The voucher import's two jobs (unionhub.jobs): the check of an uploaded file of vouchers and
its confirmation, run in the worker as the user who started them, who must still manage the
branch's finance."""

from django.utils.translation import gettext as _

from finance.pages import at
from unionhub import jobs
from unionhub.access import Perm
from unionhub.jobs import imports

from .importing import import_vouchers_xlsx

CHECK = "finance.import.check"
APPLY = "finance.import.apply"


def _run(job, progress, *, dry_run: bool):
    org = jobs.organisation(
        job, Perm.MANAGE_FINANCE, _("Bạn không còn quyền nhập chứng từ cho đơn vị này.")
    )
    result = imports.run(
        job,
        progress,
        lambda stored, dry, reading: import_vouchers_xlsx(
            stored,
            organisation=org,
            actor=job.user,
            post=job.params["post"],
            dry_run=dry,
            progress=reading,
        ),
        dry_run=dry_run,
        template="finance/voucher_import_preview.html",
        context={"org": org},
    )
    job.summary.update(vouchers=len(result.rows), posted=result.posted)
    return org, result


def check(job, progress) -> None:
    _run(job, progress, dry_run=True)


def apply(job, progress) -> None:
    org, result = _run(job, progress, dry_run=False)
    if result.ok:
        message = (
            _("Đã nhập và ghi sổ %(n)d chứng từ.")
            if result.posted
            else _("Đã nhập %(n)d chứng từ nháp: kiểm tra rồi ghi sổ.")
        ) % {"n": len(result.rows)}
        imports.done(job, message, at("finance:voucher_list", org), _("Xem danh sách chứng từ"))


def register() -> None:
    jobs.register(CHECK, check, template="jobs/_import_check.html")
    jobs.register(APPLY, apply, template="jobs/_import_apply.html")
