"""The sections of an activity's page, each with its own writes: who took part, the cost
vouchers linked from the books, the attached files.

Thin like the activity's pages (pages.py finds the activity in the user's scope); one service
in emulation.activities.services writes.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from emulation.lists import pickable_members
from unionhub.access import Perm
from unionhub.files import DOCUMENT_TYPES, file_response, kinds
from unionhub.formatting import money, vn_date
from unionhub.pages import confirm_page, delete_page, posted

from . import services
from .forms import ParticipantsForm, VoucherLinkForm
from .pages import (
    activity_crumbs,
    activity_dates,
    activity_summary,
    activity_url,
    scoped_activity,
    scoped_attachment,
    user_reads_books,
)
from .selectors import cost_vouchers


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- participants ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def activity_participants(request, pk):
    """Tick who took part, group by group, and save the list at once."""
    activity = scoped_activity(request, pk, Perm.MANAGE_EMULATION)
    listed = set(activity.participants.values_list("pk", flat=True))
    pickable = pickable_members(activity.organisation, listed)
    form = ParticipantsForm(posted(request), candidates=pickable.members, listed=listed)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_participants_set(
                activity=activity, members=form.members, actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Đã lưu danh sách %(n)s người tham gia.") % {"n": len(form.members)},
            )
            return redirect(activity_url(activity, "nguoi-tham-gia"))
    return render(
        request,
        "emulation/activity_participants.html",
        {
            "title": _("Người tham gia"),
            "org": activity.organisation,
            "activity": activity,
            "dates": activity_dates(activity),
            "form": form,
            "too_many": pickable.too_many,
            "cancel_url": activity_url(activity),
            "crumbs": activity_crumbs(activity, (_("Người tham gia"), "")),
        },
    )


# --- cost vouchers ---------------------------------------------------------------------------


@require_POST
def activity_voucher_link(request, pk):
    activity = scoped_activity(request, pk, Perm.MANAGE_EMULATION)
    if not user_reads_books(request.user, activity):
        raise PermissionDenied
    choices = cost_vouchers(activity.organisation, activity.starts_on.year)
    form = VoucherLinkForm(request.POST, vouchers=choices)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["voucher"]))
    else:
        voucher = form.cleaned_data["voucher"]
        try:
            services.activity_voucher_link(activity=activity, voucher=voucher, actor=request.user)
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(
                request, _("Đã liên kết %(voucher)s.") % {"voucher": voucher.display_number}
            )
    return redirect(activity_url(activity, "kinh-phi"))


@require_http_methods(["GET", "POST"])
def activity_voucher_unlink(request, pk, voucher_pk):
    activity = scoped_activity(request, pk, Perm.MANAGE_EMULATION)
    if not user_reads_books(request.user, activity):
        raise PermissionDenied
    voucher = get_object_or_404(activity.vouchers.all(), pk=voucher_pk)
    back = activity_url(activity, "kinh-phi")
    if request.method == "POST":
        try:
            services.activity_voucher_unlink(activity=activity, voucher=voucher, actor=request.user)
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(
                request, _("Đã bỏ liên kết %(voucher)s.") % {"voucher": voucher.display_number}
            )
        return redirect(back)
    return confirm_page(
        request,
        title=_("Bỏ liên kết phiếu chi"),
        message=_(
            "Bỏ liên kết %(voucher)s khỏi hoạt động này? Phiếu chi vẫn giữ nguyên trong sổ, "
            "chỉ không còn tính vào kinh phí của hoạt động."
        )
        % {"voucher": voucher.display_number},
        button=_("Bỏ liên kết"),
        url=request.path,
        cancel_url=back,
        crumbs=activity_crumbs(activity, (_("Bỏ liên kết phiếu chi"), "")),
        extra=[
            *activity_summary(activity),
            (_("Phiếu chi"), f"{voucher.display_number} · {vn_date(voucher.date)}"),
            (_("Nội dung"), voucher.description),
            (_("Số tiền"), money(voucher.amount)),
        ],
    )


# --- attachments -----------------------------------------------------------------------------


@require_POST
def activity_attachment_add(request, pk):
    activity = scoped_activity(request, pk, Perm.MANAGE_EMULATION)
    uploads = request.FILES.getlist("file")
    if not uploads:
        messages.error(
            request, _("Chọn tệp %(kinds)s để đính kèm.") % {"kinds": kinds(DOCUMENT_TYPES)}
        )
    # Each file on its own: one refused file does not stop the others.
    for upload in uploads:
        try:
            services.activity_attachment_add(activity=activity, upload=upload, actor=request.user)
        except ValidationError as error:
            message = _errors(error)
            # Every refusal names its file, even "only PDF, JPG..." which does not.
            messages.error(
                request, message if upload.name in message else f"{upload.name}: {message}"
            )
        else:
            messages.success(request, _("Đã đính kèm %(name)s.") % {"name": upload.name})
    return redirect(activity_url(activity, "dinh-kem"))


def activity_attachment_file(request, pk):
    return file_response(scoped_attachment(request, pk, Perm.VIEW_EMULATION))


@require_http_methods(["GET", "POST"])
def activity_attachment_delete(request, pk):
    attachment = scoped_attachment(request, pk, Perm.MANAGE_EMULATION)
    activity = attachment.activity
    return delete_page(
        request,
        delete=lambda: services.activity_attachment_delete(
            attachment=attachment, actor=request.user
        ),
        done=_("Đã xóa tệp %(name)s.") % {"name": attachment.name},
        back=activity_url(activity, "dinh-kem"),
        title=_("Xóa tệp đính kèm"),
        message=_("Xóa tệp %(name)s khỏi hoạt động này?") % {"name": attachment.name},
        crumbs=activity_crumbs(activity, (_("Xóa tệp đính kèm"), "")),
        extra=activity_summary(activity),
    )
