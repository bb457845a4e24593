"""Award decisions from Excel: the template and the upload → preview → confirm pages.

Built as the voucher import (finance/ledger/exchange.py): the template writer is a function over a
file; the views check MANAGE_EMULATION at ?org= (emulation_page) and wrap the import itself,
emulation/awards/importing.py. Confirming reads the stored file again, never what the browser
sends.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from emulation.pages import at, emulation_page
from unionhub import downloads
from unionhub.access import Perm
from unionhub.sheets import text_workbook
from unionhub.uploads import PendingUploads

from .forms import offer_prize_accounts, prize_account_field
from .import_rows import COLUMNS
from .importing import import_awards_xlsx
from .views import decisions_crumbs, prize_accounts

PREVIEW_ROWS = 300
UPLOADS = PendingUploads("award_imports")


def award_template_xlsx(fileobj) -> None:
    """The empty import template and a "Hướng dẫn" sheet. No example row: it would be imported."""
    workbook = text_workbook(fileobj)
    sheet = workbook.add_worksheet("Khen thưởng")
    bold = workbook.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "vcenter"}
    )
    for col, (header, _guide) in enumerate(COLUMNS):
        sheet.set_column(col, col, 26 if header in ("Danh hiệu", "Họ và tên") else 16)
        sheet.write(0, col, header, bold)
    sheet.freeze_panes(1, 0)
    guide = workbook.add_worksheet("Hướng dẫn")
    guide.set_column(0, 0, 28)
    guide.set_column(1, 1, 90)
    label = workbook.add_format({"bold": True})
    guide.write(
        0,
        0,
        "Hướng dẫn nhập quyết định khen thưởng",
        workbook.add_format({"bold": True, "size": 14}),
    )
    lines = [
        ("Cách nhập", "Mỗi dòng một cá nhân hoặc một tập thể được khen thưởng."),
        (
            "Một quyết định",
            "Các dòng cùng số quyết định, ngày ký và danh hiệu là một quyết định: ghi giống "
            "nhau cơ quan ra quyết định và năm khen thưởng.",
        ),
        ("Cả tệp hoặc không gì", "Nếu một dòng có lỗi, không quyết định nào được nhập."),
        *((header, str(text)) for header, text in COLUMNS),
    ]
    for row, (name, text) in enumerate(lines, start=2):
        guide.write(row, 0, name, label)
        guide.write(row, 1, text)
    workbook.close()


@emulation_page(Perm.MANAGE_EMULATION)
def award_import_template(request, org):
    return downloads.spooled(award_template_xlsx, "mau-nhap-khen-thuong.xlsx")


class AwardImportForm(forms.Form):
    file = forms.FileField(
        label=_lazy("Tệp Excel (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{downloads.XLSX}"}),
    )
    prize_account = prize_account_field(
        _lazy(
            "Chọn để lập một phiếu chi nháp cho tiền thưởng của mỗi quyết định (mục chi khen "
            "thưởng); kế toán kiểm tra rồi ghi sổ."
        )
    )

    def __init__(self, *args, accounts=None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_prize_accounts(self, accounts)


@require_http_methods(["GET", "POST"])
@emulation_page(Perm.MANAGE_EMULATION)
def award_import(request, org):
    """Upload → preview (nothing saved) → confirm (the same checks on the stored file)."""
    action = request.POST.get("action", "upload")
    if request.method == "POST" and action == "confirm":
        return _confirm(request, org)
    if request.method == "POST" and action == "cancel":
        return UPLOADS.cancel(request, at("emulation:award_import", org))
    form = AwardImportForm(
        request.POST or None, request.FILES or None, accounts=prize_accounts(org)
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        account = form.cleaned_data.get("prize_account")
        result = import_awards_xlsx(
            upload, organisation=org, actor=request.user, prize_account=account, dry_run=True
        )
        if result.file_error:
            form.add_error("file", result.file_error)
        else:
            token = (
                UPLOADS.remember(
                    request, upload, organisation=org.pk, account=account.pk if account else None
                )
                if result.ok
                else ""
            )
            return _preview(request, org, result, token, upload.name)
    return render(
        request,
        "emulation/award_import.html",
        {
            "title": _("Nhập quyết định khen thưởng từ Excel"),
            "org": org,
            "form": form,
            "columns": COLUMNS,
            "max_mb": settings.MEMBER_IMPORT_MAX_BYTES / 1024 / 1024,
            "crumbs": decisions_crumbs(org, (_("Nhập từ Excel"), "")),
        },
    )


def _preview(request, org, result, token: str, filename: str):
    shown, left = [], PREVIEW_ROWS
    for decision in result.decisions:
        if left <= 0:
            break
        shown.append((decision, decision.rows[:left]))
        left -= len(decision.rows)
    return render(
        request,
        "emulation/award_import_preview.html",
        {
            "title": _("Kiểm tra trước khi nhập"),
            "org": org,
            "result": result,
            "token": token,
            "filename": filename,
            "shown": shown,
            "hidden_rows": max(len(result.rows) - PREVIEW_ROWS, 0),
            "import_url": at("emulation:award_import", org),
            "crumbs": decisions_crumbs(
                org, (_("Nhập từ Excel"), at("emulation:award_import", org))
            ),
        },
    )


def _confirm(request, org):
    token = request.POST.get("token", "")
    pending = UPLOADS.get(request, token)
    if pending["organisation"] != org.pk:
        raise Http404
    accounts = prize_accounts(org)
    account = None
    if pending["account"] is not None:
        account = accounts.filter(pk=pending["account"]).first() if accounts is not None else None
        if account is None:
            UPLOADS.drop(request, token)
            messages.error(request, _("Tài khoản chi đã chọn không còn; hãy tải lên lại."))
            return redirect(at("emulation:award_import", org))
    result = UPLOADS.import_stored(
        request,
        token,
        lambda stored: import_awards_xlsx(
            stored, organisation=org, actor=request.user, prize_account=account, dry_run=False
        ),
    )
    if result is None:
        return redirect(at("emulation:award_import", org))
    if not result.ok:
        # Something changed since the preview (a member left, a decision entered): show what.
        return _preview(request, org, result, "", pending["filename"])
    messages.success(
        request,
        _("Đã nhập %(d)d quyết định khen thưởng, %(n)d cá nhân, tập thể.")
        % {"d": len(result.decisions), "n": len(result.rows)},
    )
    return redirect(at("emulation:decision_list", org))
