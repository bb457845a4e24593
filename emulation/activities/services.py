"""Every write of activities and events, one function per use case (the pages and the demo call
these). Rules that live here once:
- an activity ends on or after the day it starts; what other sources paid is whole đồng, not
  negative;
- its participants are members of the organising unit's subtree (active when first listed; one
  already listed stays listed after leaving or moving);
- its cost vouchers are the standing payments of the books that may pay it
  (selectors.cost_vouchers: the branch's books, the activity's year);
- its photos and documents are checked (type by extension and first bytes, size) by
  unionhub.files, and their files leave the disk when their row does;
- every change is in the history (django-simple-history), the participants and vouchers too.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from emulation.models import Activity, ActivityAttachment
from finance.models import Voucher
from members.models import Member
from unionhub.audit import begin_save, save_audited, stored_user
from unionhub.files import DOCUMENT_TYPES, attach, delete_on_commit
from unionhub.text import fold

from .selectors import cost_vouchers


def _locked(activity: Activity) -> Activity:
    """The activity row locked, so that two people changing its lists queue up."""
    return (
        Activity.objects.select_for_update()
        .select_related("organisation")
        .order_by("pk")
        .get(pk=activity.pk)
    )


@transaction.atomic
def activity_save(*, activity: Activity, actor) -> Activity:
    """Create or correct an activity. Moving it to another year is refused while vouchers of
    the year it leaves pay it: they could not pay it any more."""
    if activity.pk is None:
        activity.created_by = stored_user(actor)
    else:
        year = activity.starts_on.year
        stranded = [v for v in activity.vouchers.order_by("date", "pk") if v.year != year]
        if stranded:
            raise ValidationError(
                {
                    "starts_on": _(
                        "Hoạt động có phiếu chi năm %(year)s (%(vouchers)s): bỏ liên kết các "
                        "phiếu chi đó trước khi chuyển hoạt động sang năm khác."
                    )
                    % {
                        "year": stranded[0].year,
                        "vouchers": ", ".join(v.display_number for v in stranded),
                    }
                }
            )
    activity.search_text = fold(f"{activity.name} {activity.place}")
    save_audited(activity, actor=actor)
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, actor) -> None:
    """Delete an activity entered by mistake, with its lists and its files (removed from the
    disk once the deletion is committed). The vouchers that paid it stay in the books."""
    activity = _locked(activity)
    for attachment in activity.attachments.all():
        delete_on_commit(attachment)
        attachment._history_user = actor
        attachment.delete()
    activity._history_user = actor
    activity.delete()


@transaction.atomic
def activity_participants_set(*, activity: Activity, members: Iterable[Member], actor) -> None:
    """The participants listed by name, replacing the list: members of the organising unit's
    subtree, active ones (a member already listed stays even after leaving or moving away)."""
    activity = _locked(activity)
    wanted = {m.pk: m for m in members}
    listed = set(activity.participants.values_list("pk", flat=True))
    new = set(wanted) - listed
    allowed = set(
        Member.objects.active()
        .in_subtree(activity.organisation)
        .filter(pk__in=new)
        .values_list("pk", flat=True)
    )
    refused = sorted((wanted[pk] for pk in new - allowed), key=lambda m: m.full_name)
    if refused:
        raise ValidationError(
            _("%(names)s không phải đoàn viên đang sinh hoạt của %(org)s.")
            % {
                "names": ", ".join(m.full_name for m in refused),
                "org": activity.organisation.name,
            }
        )
    if set(wanted) == listed:
        return
    begin_save(activity, actor=actor)
    activity.participants.set(list(wanted))


def _payable(activity: Activity, voucher: Voucher) -> bool:
    return (
        cost_vouchers(activity.organisation, activity.starts_on.year).filter(pk=voucher.pk).exists()
    )


@transaction.atomic
def activity_voucher_link(*, activity: Activity, voucher: Voucher, actor) -> None:
    """Record that a payment voucher paid (part of) the activity: a standing payment of the
    books that keep the organiser's accounts, in the activity's year."""
    activity = _locked(activity)
    if not _payable(activity, voucher):
        raise ValidationError(
            {
                "voucher": _(
                    "%(voucher)s không thể là kinh phí của hoạt động này: chỉ chọn phiếu chi "
                    "năm %(year)s của sổ %(books)s, chưa bị điều chỉnh."
                )
                % {
                    "voucher": voucher,
                    "year": activity.starts_on.year,
                    "books": activity.organisation.name,
                }
            }
        )
    if activity.vouchers.filter(pk=voucher.pk).exists():
        raise ValidationError(
            {"voucher": _("%(voucher)s đã được liên kết.") % {"voucher": voucher}}
        )
    # A payment pays one activity: linked to two, its amount would be counted twice.
    if other := voucher.activities.exclude(pk=activity.pk).first():
        raise ValidationError(
            {
                "voucher": _("%(voucher)s đã là kinh phí của hoạt động “%(other)s”.")
                % {"voucher": voucher, "other": other.name}
            }
        )
    begin_save(activity, actor=actor)
    activity.vouchers.add(voucher)


@transaction.atomic
def activity_voucher_unlink(*, activity: Activity, voucher: Voucher, actor) -> None:
    """Forget that a voucher paid the activity (linked by mistake); the voucher stays."""
    activity = _locked(activity)
    if not activity.vouchers.filter(pk=voucher.pk).exists():
        raise ValidationError(
            {"voucher": _("%(voucher)s không thuộc hoạt động này.") % {"voucher": voucher}}
        )
    begin_save(activity, actor=actor)
    activity.vouchers.remove(voucher)


@transaction.atomic
def activity_attachment_add(
    *, activity: Activity, upload: UploadedFile, actor
) -> ActivityAttachment:
    """Attach a photo or a document (PDF, JPG, PNG, DOCX, XLSX) to an activity."""
    attachment = ActivityAttachment(activity=activity)
    attach(attachment, upload, DOCUMENT_TYPES, actor=actor)
    return attachment


@transaction.atomic
def activity_attachment_delete(*, attachment: ActivityAttachment, actor) -> None:
    """Remove a photo or a document; its file leaves the disk once this is committed."""
    delete_on_commit(attachment)
    attachment._history_user = actor
    attachment.delete()
