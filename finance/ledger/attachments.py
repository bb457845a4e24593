"""Attachments of vouchers: upload (POST from the voucher page), download, delete a draft's.

Files are read through these views only, after the same scope checks as the voucher itself.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from finance.models import Attachment, Voucher
from finance.pages import require_finance, scoped_voucher, voucher_crumbs, voucher_url
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.files import file_response
from unionhub.pages import confirm_page

from . import services


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_POST
def attachment_add(request, pk):
    voucher = scoped_voucher(request, pk, Perm.MANAGE_FINANCE)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Chọn tệp PDF, JPG hoặc PNG để đính kèm."))
    else:
        try:
            services.attachment_add(voucher=voucher, upload=upload, actor=request.user)
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, _("Đã đính kèm %(name)s.") % {"name": upload.name})
    return redirect(voucher_url(voucher))


def _attachment(request, pk, perm: Perm) -> Attachment:
    """404 outside the user's books, 403 when `perm` does not hold at the voucher's branch."""
    user = request.user
    require_finance(user)
    readable = Voucher.objects.in_scope(user, Perm.VIEW_FINANCE)
    attachment = get_in_scope_or_404(
        Attachment.objects.filter(voucher__in=readable).select_related("voucher__organisation"),
        pk=pk,
    )
    access.require(user, perm, attachment.voucher.organisation)
    return attachment


def attachment_file(request, pk):
    attachment = _attachment(request, pk, Perm.VIEW_FINANCE)
    return file_response(attachment)


def attachment_delete(request, pk):
    attachment = _attachment(request, pk, Perm.MANAGE_FINANCE)
    voucher = attachment.voucher
    if request.method == "POST":
        try:
            services.attachment_delete(attachment=attachment, actor=request.user)
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, _("Đã xóa tệp đính kèm."))
        return redirect(voucher_url(voucher))
    return confirm_page(
        request,
        title=_("Xóa tệp đính kèm"),
        message=_("Xóa tệp %(name)s khỏi chứng từ nháp này?") % {"name": attachment.name},
        button=_("Xóa tệp"),
        url=request.path,
        cancel_url=voucher_url(voucher),
        crumbs=voucher_crumbs(voucher, (_("Xóa tệp đính kèm"), "")),
        danger=True,
    )
