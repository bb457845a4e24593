"""Every write a user can cause on the registry: members, their lifecycle, applications to join,
recommendations to the Party; one function per use case.

Views, the importer, management commands and the demo seeder all call these, so each rule
lives here once. History (django-simple-history) records who changed what: `_history_user`.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from members.models import (
    AdmissionApplication,
    Member,
    MemberEvent,
    Organisation,
    PartyRecommendation,
)
from members.organisations.services import position_end
from unionhub.audit import save_audited
from unionhub.formatting import vn_date
from unionhub.text import fold, sort_key


def _save(obj, *, actor, update_fields: list[str] | None = None) -> None:
    save_audited(obj, actor=actor, update_fields=update_fields)


# --- members ---------------------------------------------------------------------------------


def likely_duplicates(*, full_name: str, date_of_birth: date | None, exclude_pk=None):
    """Members with the same name (accents ignored) and date of birth: a warning, not an error."""
    if not date_of_birth:
        return Member.objects.none()
    qs = Member.objects.filter(search_name=fold(full_name), date_of_birth=date_of_birth)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.select_related("organisation")


def prepare_member(member: Member) -> Member:
    """Derived columns every write path must fill: search and sort keys, blank card as NULL."""
    member.full_name = " ".join(member.full_name.split())
    member.search_name = fold(member.full_name)
    member.sort_name = sort_key(member.full_name)
    member.card_number = (member.card_number or "").strip() or None
    return member


@transaction.atomic
def member_register(
    *,
    member: Member,
    admitted_on: date | None = None,
    decision_no: str = "",
    decision_date=None,
    actor,
) -> Member:
    """Record a member with their admission (kết nạp) as the first lifecycle event.

    The admission date defaults to the member's "joined on" date, then to today, so that
    membership at past dates (answered from the events) agrees with the profile.
    """
    admitted_on = admitted_on or member.joined_on or date.today()
    if admitted_on > date.today():
        raise ValidationError({"admitted_on": _("Ngày kết nạp không được ở tương lai.")})
    if member.date_of_birth and admitted_on <= member.date_of_birth:
        raise ValidationError({"admitted_on": _("Ngày kết nạp phải sau ngày sinh.")})
    prepare_member(member)
    member.status = Member.Status.ACTIVE
    member.joined_on = member.joined_on or admitted_on
    _save(member, actor=actor)
    _event(
        member=member,
        kind=MemberEvent.Kind.ADMITTED,
        day=admitted_on,
        organisation=member.organisation,
        decision_no=decision_no,
        decision_date=decision_date,
        actor=actor,
    )
    return member


@transaction.atomic
def members_register_bulk(
    members: list[Member], *, actor, reason: str, today: date | None = None, batch_size=None
) -> list[Member]:
    """member_register for many members at once (the Excel import): a fixed number of queries.

    Each is admitted on their "joined on" date, or today; history rows record `actor` and
    `reason`. The caller has validated the rows (the import reports errors per row).
    """
    today = today or date.today()
    for member in members:
        prepare_member(member)
        member.status = Member.Status.ACTIVE
    created = bulk_create_with_history(
        members,
        Member,
        batch_size=batch_size,
        default_user=actor,
        default_change_reason=reason,
    )
    events = [
        MemberEvent(
            member=member,
            kind=MemberEvent.Kind.ADMITTED,
            date=member.joined_on or today,
            organisation_id=member.organisation_id,
            status_after=MemberEvent.STATUS_AFTER[MemberEvent.Kind.ADMITTED],
            note=reason,
        )
        for member in created
    ]
    bulk_create_with_history(
        events,
        MemberEvent,
        batch_size=batch_size,
        default_user=actor,
        default_change_reason=reason,
    )
    return created


@transaction.atomic
def member_update(*, member: Member, actor) -> Member:
    """Save profile edits; the group changes only through a transfer, which is an event."""
    prepare_member(member)
    _save(member, actor=actor)
    return member


def _event(*, member, kind, day, organisation, actor, from_organisation=None, **extra):
    event = MemberEvent(
        member=member,
        kind=kind,
        date=day,
        organisation=organisation,
        from_organisation=from_organisation,
        status_after=MemberEvent.STATUS_AFTER[kind],
        **extra,
    )
    _save(event, actor=actor)
    return event


def _check_member_home(organisation: Organisation) -> None:
    """Members belong to a branch, a sub-branch or a group, never directly to an upper union."""
    if organisation.kind == Organisation.Kind.UPPER:
        raise ValidationError({"organisation": _("Chọn một công đoàn cơ sở, bộ phận hoặc tổ.")})


def _check_event_date(member: Member, day: date) -> None:
    last = member.events.order_by("-date", "-id").first()
    if last and day < last.date:
        raise ValidationError(
            {
                "date": _("Ngày phải từ %(day)s trở đi (sau sự kiện gần nhất).")
                % {"day": vn_date(last.date)}
            }
        )
    if day > date.today():
        raise ValidationError({"date": _("Ngày không được ở tương lai.")})


def _move(member: Member, kind: str, to: Organisation, day: date, decision_no, note, actor):
    """The event that puts a member at `to` (a transfer, a return), and the member's new row."""
    _check_member_home(to)
    _check_event_date(member, day)
    _event(
        member=member,
        kind=kind,
        day=day,
        organisation=to,
        from_organisation=member.organisation,
        decision_no=decision_no,
        note=note,
        actor=actor,
    )
    member.organisation = to
    member.status = MemberEvent.STATUS_AFTER[kind]
    _save(member, actor=actor, update_fields=["organisation", "status"])
    return member


@transaction.atomic
def member_transfer(
    *, member: Member, to: Organisation, day: date, decision_no: str = "", note: str = "", actor
) -> Member:
    """Move an active member to another group or branch inside the installation."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if not member.is_active:
        raise ValidationError(_("Chỉ chuyển sinh hoạt được đoàn viên đang sinh hoạt."))
    if to.pk == member.organisation_id:
        raise ValidationError({"organisation": _("Đoàn viên đã ở đơn vị này.")})
    return _move(member, MemberEvent.Kind.TRANSFERRED, to, day, decision_no, note, actor)


@transaction.atomic
def member_end(
    *,
    member: Member,
    kind: str,
    day: date,
    decision_no: str = "",
    destination: str = "",
    note: str = "",
    actor,
) -> Member:
    """Membership ends: transfer out of the installation, retirement, leaving or death.

    Positions still held are closed on the same day.
    """
    if kind not in MemberEvent.ENDINGS:
        raise ValidationError({"kind": _("Loại sự kiện không hợp lệ.")})
    member = Member.objects.select_for_update().get(pk=member.pk)
    if not member.is_active:
        raise ValidationError(_("Đoàn viên này hiện không sinh hoạt."))
    _check_event_date(member, day)
    later = member.positions.filter(start__gt=day).select_related("body").first()
    if later is not None:
        raise ValidationError(
            {"date": _("Đoàn viên còn chức vụ bắt đầu sau ngày này: %(p)s.") % {"p": later}}
        )
    _event(
        member=member,
        kind=kind,
        day=day,
        organisation=member.organisation,
        decision_no=decision_no,
        destination=destination,
        note=note,
        actor=actor,
    )
    for position in member.positions.filter(end__isnull=True):
        position_end(position=position, end=day, actor=actor)
    member.status = MemberEvent.STATUS_AFTER[kind]
    _save(member, actor=actor, update_fields=["status"])
    return member


@transaction.atomic
def member_reinstate(
    *,
    member: Member,
    day: date,
    organisation: Organisation,
    decision_no: str = "",
    note: str = "",
    actor,
) -> Member:
    """A past member returns (sinh hoạt trở lại); their record and history carry on."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.is_active:
        raise ValidationError(_("Đoàn viên này đang sinh hoạt."))
    if member.status == Member.Status.DECEASED:
        raise ValidationError(_("Không thể khôi phục đoàn viên đã từ trần."))
    return _move(member, MemberEvent.Kind.REINSTATED, organisation, day, decision_no, note, actor)


# --- admission applications ------------------------------------------------------------------


@transaction.atomic
def application_save(*, application: AdmissionApplication, actor) -> AdmissionApplication:
    if application.pk and application.status != AdmissionApplication.Status.PENDING:
        raise ValidationError(_("Đơn đã được xét, không thể sửa."))
    application.full_name = " ".join(application.full_name.split())
    _save(application, actor=actor)
    return application


@transaction.atomic
def application_approve(
    *, application: AdmissionApplication, decision_no: str, decided_on: date, actor
) -> Member:
    """The BCH admits the applicant by a numbered decision: the member record is created."""
    application = AdmissionApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != AdmissionApplication.Status.PENDING:
        raise ValidationError(_("Đơn này đã được xét."))
    if not decision_no.strip():
        raise ValidationError({"decision_no": _("Nhập số quyết định kết nạp.")})
    if decided_on < application.submitted_on or decided_on > date.today():
        raise ValidationError(
            {"decided_on": _("Ngày quyết định phải từ ngày nộp đơn đến hôm nay.")}
        )
    member = member_register(
        member=Member(
            organisation=application.organisation,
            full_name=application.full_name,
            gender=application.gender,
            date_of_birth=application.date_of_birth,
        ),
        admitted_on=decided_on,
        decision_no=decision_no.strip(),
        decision_date=decided_on,
        actor=actor,
    )
    application.status = AdmissionApplication.Status.APPROVED
    application.decision_no = decision_no.strip()
    application.decided_on = decided_on
    application.member = member
    _save(application, actor=actor, update_fields=["status", "decision_no", "decided_on", "member"])
    return member


@transaction.atomic
def application_reject(
    *, application: AdmissionApplication, decided_on: date, note: str, actor
) -> AdmissionApplication:
    application = AdmissionApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != AdmissionApplication.Status.PENDING:
        raise ValidationError(_("Đơn này đã được xét."))
    if decided_on < application.submitted_on or decided_on > date.today():
        raise ValidationError({"decided_on": _("Ngày xét phải từ ngày nộp đơn đến hôm nay.")})
    application.status = AdmissionApplication.Status.REJECTED
    application.decided_on = decided_on
    application.note = note
    _save(application, actor=actor, update_fields=["status", "decided_on", "note"])
    return application


# --- party recommendations -------------------------------------------------------------------


@transaction.atomic
def party_recommendation_save(*, recommendation: PartyRecommendation, actor) -> PartyRecommendation:
    if recommendation.outcome != PartyRecommendation.Outcome.ADMITTED:
        recommendation.outcome_on = None
    _save(recommendation, actor=actor)
    return recommendation
