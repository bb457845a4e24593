"""Every write of awards, one function per use case (pages, the Excel import and the demo call
these). Rules that live here once:
- a decision's recipients are members (an individual title) or organisations (a collective
  one) in the subtree of the organisation that keeps it, each once;
- an award copies the decision's year and title and where its recipient stood then;
- prize money is recorded per recipient and, when an account is given, paid by one draft
  payment voucher of the branch's books (line AWARD_CATEGORY, chi khen thưởng) that the
  accountant posts; a decision whose voucher is posted is not deleted;
- every change is in the history (django-simple-history).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from emulation.models import Award, AwardDecision, AwardTitle
from finance.ledger import services as finance_services
from finance.models import Account, Category, Voucher
from finance.selectors import branch_of
from members.models import Member, Organisation
from unionhub.audit import save_audited, stored_user

AWARD_TRUSTED = ["decision", "voucher", "title", "unit", "member", "recipient"]


@dataclass
class Recipient:
    """Who a decision awards: a member or an organisation, and their prize (đồng)."""

    member: Member | None = None
    organisation: Organisation | None = None
    prize: int = 0

    @property
    def name(self) -> str:
        return self.member.full_name if self.member else self.organisation.name


def _recipient_errors(decision: AwardDecision, recipients: list[Recipient]) -> list[str]:
    keeper = decision.organisation.path
    individual = decision.title.subject == AwardTitle.Subject.INDIVIDUAL
    errors, seen = [], set()
    if not recipients:
        errors.append(_("Chưa chọn cá nhân, tập thể nào được khen thưởng."))
    for recipient in recipients:
        if (recipient.member is None) == (recipient.organisation is None):
            errors.append(_("Mỗi dòng là một cá nhân hoặc một tập thể."))
            continue
        if individual and recipient.member is None:
            errors.append(
                _("%(name)s: “%(title)s” là danh hiệu cá nhân, hãy chọn đoàn viên.")
                % {"name": recipient.name, "title": decision.title}
            )
        elif not individual and recipient.organisation is None:
            errors.append(
                _("%(name)s: “%(title)s” là danh hiệu tập thể, hãy chọn tổ hoặc đơn vị.")
                % {"name": recipient.name, "title": decision.title}
            )
        unit = recipient.member.organisation if recipient.member else recipient.organisation
        if not unit.path.startswith(keeper):
            errors.append(
                _("%(name)s không thuộc %(org)s.")
                % {"name": recipient.name, "org": decision.organisation.name}
            )
        key = ("m", recipient.member.pk) if recipient.member else ("o", recipient.organisation.pk)
        if key in seen:
            errors.append(_("%(name)s được chọn hai lần.") % {"name": recipient.name})
        seen.add(key)
        if not isinstance(recipient.prize, int) or recipient.prize < 0:
            errors.append(
                _("%(name)s: tiền thưởng phải là số đồng không âm.") % {"name": recipient.name}
            )
    return errors


def _prize_voucher(decision: AwardDecision, total: int, account: Account, actor) -> Voucher:
    books = branch_of(decision.organisation)
    if books is None or account.organisation_id != books.pk:
        raise ValidationError({"account": _("Tài khoản chi không thuộc sổ của đơn vị.")})
    return finance_services.voucher_create(
        organisation=books,
        actor=actor,
        kind=Voucher.Kind.PAYMENT,
        date=decision.signed_on,
        account=account,
        category=Category.objects.get(code=settings.AWARD_CATEGORY),
        amount=total,
        counterparty=_("Các cá nhân, tập thể theo quyết định %(n)s") % {"n": decision.number},
        description=_("Chi tiền thưởng %(title)s năm %(year)s theo quyết định số %(n)s")
        % {"title": decision.title, "year": decision.year, "n": decision.number},
    )


@transaction.atomic
def decision_create(
    *,
    decision: AwardDecision,
    recipients: list[Recipient],
    actor,
    prize_account: Account | None = None,
) -> AwardDecision:
    """A decision and its recipients, all or nothing. With prize money and an account, one
    draft payment voucher for the decision's total prize money."""
    if decision.title_id and not decision.title.active:
        raise ValidationError({"title": _("Danh hiệu này không còn dùng.")})
    decision.created_by = stored_user(actor)
    save_audited(decision, actor=actor)
    if errors := _recipient_errors(decision, recipients):
        raise ValidationError(errors)
    total = sum(r.prize for r in recipients)
    voucher = (
        _prize_voucher(decision, total, prize_account, actor) if total and prize_account else None
    )
    awards = [
        Award(
            decision=decision,
            member=r.member,
            recipient=r.organisation,
            year=decision.year,
            title=decision.title,
            unit=r.member.organisation if r.member else r.organisation,
            prize=r.prize,
            voucher=voucher if r.prize else None,
        )
        for r in recipients
    ]
    # The recipients were checked above and their rows looked up by the caller; the
    # constraints are the database's to enforce at the insert (no query per award).
    for award in awards:
        award.full_clean(exclude=AWARD_TRUSTED, validate_constraints=False)
    bulk_create_with_history(awards, Award, default_user=stored_user(actor))
    return decision


@transaction.atomic
def decision_update(*, decision: AwardDecision, actor) -> AwardDecision:
    """Correct a decision's number, date, issuer, year, title or note; its year and title reach
    its awards. The title keeps its subject: a collective's award is not a member's."""
    stored = AwardDecision.objects.select_related("title").get(pk=decision.pk)
    if stored.title.subject != decision.title.subject and decision.awards.exists():
        raise ValidationError(
            {"title": _("Chọn danh hiệu cùng đối tượng (cá nhân hoặc tập thể) với danh sách.")}
        )
    save_audited(decision, actor=actor)
    decision.awards.update(year=decision.year, title=decision.title)
    return decision


@transaction.atomic
def decision_delete(*, decision: AwardDecision, actor) -> None:
    """Delete a decision entered by mistake, with its awards and its draft prize voucher."""
    vouchers = {a.voucher for a in decision.awards.select_related("voucher") if a.voucher}
    if any(v.state == Voucher.State.POSTED for v in vouchers):
        raise ValidationError(
            _("Tiền thưởng của quyết định đã chi (phiếu chi đã ghi sổ): không xóa được.")
        )
    decision._history_user = actor
    decision.delete()
    for voucher in vouchers:
        finance_services.voucher_delete(voucher=voucher, actor=actor)


def _locked_decision(decision: AwardDecision) -> AwardDecision:
    """The decision row locked, so that two people changing its recipients queue up."""
    return (
        AwardDecision.objects.select_for_update()
        .select_related("organisation", "title")
        .order_by("pk")
        .get(pk=decision.pk)
    )


@transaction.atomic
def award_add(*, decision: AwardDecision, recipient: Recipient, actor) -> Award:
    """Add one recipient to an existing decision. Their prize joins the decision's draft prize
    voucher when it has one; once that voucher is posted a new prize is refused (it would go
    unpaid), and a decision without a voucher records the prize only."""
    decision = _locked_decision(decision)
    errors = _recipient_errors(decision, [recipient])
    already = (
        decision.awards.filter(member=recipient.member)
        if recipient.member
        else decision.awards.filter(recipient=recipient.organisation)
    )
    if (recipient.member or recipient.organisation) and already.exists():
        errors.append(_("%(name)s đã có trong quyết định.") % {"name": recipient.name})
    if errors:
        raise ValidationError(errors)
    voucher = None
    if recipient.prize:
        vouchers = {a.voucher for a in decision.awards.select_related("voucher") if a.voucher}
        drafts = sorted((v for v in vouchers if v.state == Voucher.State.DRAFT), key=lambda v: v.pk)
        if drafts:
            voucher = drafts[0]
            finance_services.voucher_update(
                voucher=voucher, actor=actor, amount=voucher.amount + recipient.prize
            )
        elif vouchers:
            raise ValidationError(
                {
                    "prize": _(
                        "Tiền thưởng của quyết định đã chi (phiếu chi đã ghi sổ): hãy lập phiếu "
                        "chi riêng và để trống tiền thưởng ở đây."
                    )
                }
            )
    award = Award(
        decision=decision,
        member=recipient.member,
        recipient=recipient.organisation,
        year=decision.year,
        title=decision.title,
        unit=recipient.member.organisation if recipient.member else recipient.organisation,
        prize=recipient.prize,
        voucher=voucher,
    )
    save_audited(award, actor=actor)
    return award


@transaction.atomic
def award_delete(*, award: Award, actor) -> None:
    """Remove one recipient entered by mistake; their prize leaves the draft voucher (which is
    deleted with its last prize). Refused when that voucher is posted, and for the last
    recipient: a decision without recipients is deleted as a whole."""
    decision = _locked_decision(award.decision)
    award = Award.objects.select_related("voucher").get(pk=award.pk)
    voucher = award.voucher
    if voucher is not None and voucher.state == Voucher.State.POSTED:
        raise ValidationError(
            _("Tiền thưởng đã chi (phiếu chi đã ghi sổ): không xóa được người được khen thưởng.")
        )
    if not decision.awards.exclude(pk=award.pk).exists():
        raise ValidationError(_("Đây là người được khen thưởng cuối cùng: hãy xóa cả quyết định."))
    award._history_user = actor
    award.delete()
    if voucher is None:
        return
    if Award.objects.filter(voucher=voucher).exists():
        finance_services.voucher_update(
            voucher=voucher, actor=actor, amount=voucher.amount - award.prize
        )
    else:
        finance_services.voucher_delete(voucher=voucher, actor=actor)
