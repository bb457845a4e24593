"""Award decisions from Excel: the template and the upload → preview → confirm pages.

Built as the voucher import (finance/ledger/exchange.py): the template writer is a function over a
file; the views check MANAGE_EMULATION at ?org= (emulation_page) and start the import's jobs
(import_jobs.py). Confirming reads the stored file again, never what the browser sends.
"""

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from emulation.pages import at, emulation_page
from unionhub import downloads
from unionhub.access import Perm
from unionhub.jobs import imports
from unionhub.sheets import text_workbook

from . import import_jobs
from .forms import offer_prize_accounts, prize_account_field
from .import_rows import COLUMNS
from .views import decisions_crumbs, prize_accounts


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
    """Upload → its check, a job (nothing saved) → confirm: the import, a job (the same checks
    on the stored file). The job's page follows both."""
    action = request.POST.get("action", "upload")
    if request.method == "POST" and action in ("confirm", "cancel"):
        checked = imports.posted_check(request, import_jobs.CHECK)
        if checked.params["organisation"] != org.pk:
            raise Http404
        if action == "cancel":
            return imports.cancel(request, checked)
        title = _("Nhập khen thưởng của %(org)s từ tệp %(file)s") % {
            "org": org.name,
            "file": checked.params["filename"],
        }
        return imports.confirm(request, checked, import_jobs.APPLY, title)
    form = AwardImportForm(
        request.POST or None, request.FILES or None, accounts=prize_accounts(org)
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        account = form.cleaned_data.get("prize_account")
        if error := imports.size_error(upload, settings.MEMBER_IMPORT_MAX_BYTES):
            form.add_error("file", error)
        else:
            return imports.start_check(
                request,
                import_jobs.CHECK,
                upload=upload,
                title=_("Kiểm tra tệp %(file)s (nhập khen thưởng của %(org)s)")
                % {"file": upload.name, "org": org.name},
                back=at("emulation:award_import", org),
                organisation=org.pk,
                account=account.pk if account else None,
            )
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
