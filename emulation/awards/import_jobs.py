"""The award import's two jobs (unionhub.jobs): the check of an uploaded list of decisions and its
confirmation, run in the worker as the user who started them, who must still manage emulation at
the organisation (and the prize account chosen must still be offered there)."""

from django.utils.translation import gettext as _

from emulation.pages import at
from unionhub import jobs
from unionhub.access import Perm
from unionhub.jobs import imports

from .importing import import_awards_xlsx
from .views import prize_accounts

CHECK = "emulation.import.check"
APPLY = "emulation.import.apply"


def _shown(result) -> dict:
    """The decisions of the report's first rows, each with its rows among them."""
    shown, left = [], imports.PREVIEW_ROWS
    for decision in result.decisions:
        if left <= 0:
            break
        shown.append((decision, decision.rows[:left]))
        left -= len(decision.rows)
    return {"shown": shown}


def _run(job, progress, *, dry_run: bool):
    org = jobs.organisation(
        job, Perm.MANAGE_EMULATION, _("Bạn không còn quyền nhập khen thưởng cho đơn vị này.")
    )
    account = None
    if job.params.get("account") is not None:
        accounts = prize_accounts(org)
        account = accounts.filter(pk=job.params["account"]).first() if accounts else None
        if account is None:
            raise jobs.JobError(_("Tài khoản chi đã chọn không còn; hãy tải lên lại."))
    result = imports.run(
        job,
        progress,
        lambda stored, dry, reading: import_awards_xlsx(
            stored,
            organisation=org,
            actor=job.user,
            prize_account=account,
            dry_run=dry,
            progress=reading,
        ),
        dry_run=dry_run,
        template="emulation/award_import_preview.html",
        context=_shown,
    )
    job.summary.update(decisions=len(result.decisions), rows=len(result.rows))
    return org, result


def check(job, progress) -> None:
    _run(job, progress, dry_run=True)


def apply(job, progress) -> None:
    org, result = _run(job, progress, dry_run=False)
    if result.ok:
        message = _("Đã nhập %(d)d quyết định khen thưởng, %(n)d cá nhân, tập thể.") % {
            "d": len(result.decisions),
            "n": len(result.rows),
        }
        imports.done(job, message, at("emulation:decision_list", org), _("Xem các quyết định"))


def register() -> None:
    jobs.register(CHECK, check, template="jobs/_import_check.html")
    jobs.register(APPLY, apply, template="jobs/_import_apply.html")
