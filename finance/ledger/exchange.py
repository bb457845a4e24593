"""Vouchers in and out of Excel: the export of the voucher list, the import template, the import.

The writers are functions over a queryset and a file; the views check the branch as every
finance page does (books_page) and wrap them. The import itself is finance.ledger.importing.
"""

from django import forms
from django.conf import settings
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from finance.models import Voucher
from finance.pages import at, books_page, finance_crumbs
from unionhub import downloads, jobs
from unionhub.access import Perm
from unionhub.jobs import exports, imports
from unionhub.sheets import EditableCells, text_workbook

from . import import_jobs
from .duplicates import number_label
from .forms import VoucherFilterForm
from .importing import COLUMNS
from .selectors import filtered_vouchers

EXPORT_CHUNK = 2000
EXPORT_COLUMNS = [
    ("Số phiếu", 12),
    ("Ngày", 11),
    ("Loại phiếu", 10),
    ("Tài khoản", 18),
    ("Mã mục", 8),
    ("Tên mục", 28),
    ("Số tiền", 14),
    ("Người nộp/nhận tiền", 24),
    ("Lý do", 48),
    ("Số thẻ đoàn viên liên quan", 14),
    ("Trạng thái", 11),
    ("Điều chỉnh cho phiếu", 14),
    ("Chuyển tiền nội bộ với", 28),
]
_KIND_LABEL = {Voucher.Kind.RECEIPT: "Thu", Voucher.Kind.PAYMENT: "Chi"}


# --- writers ---------------------------------------------------------------------------------
# XlsxWriter in constant-memory mode, as the member export: rows go to disk as they come.


def _sheet(workbook, title: str, columns: list[tuple[str, int]]):
    sheet = workbook.add_worksheet(title)
    bold = workbook.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "vcenter"}
    )
    for col, (header, width) in enumerate(columns):
        sheet.set_column(col, col, width)
        sheet.write(0, col, header, bold)
    sheet.freeze_panes(1, 0)
    return sheet


def vouchers_xlsx(queryset, fileobj) -> None:
    """The vouchers of `queryset`, oldest first, one row each, with the import's columns, the
    number (by which a re-import finds the vouchers already in the books), the state, and what
    marks a reversal or a transfer (which the import names and leaves out). Its text stays
    text when an officer edits it first (EditableCells)."""
    workbook = text_workbook(fileobj, constant_memory=True)
    sheet = _sheet(workbook, "Chứng từ", EXPORT_COLUMNS)
    cells = EditableCells(workbook)
    day = workbook.add_format({"num_format": "dd/mm/yyyy"})
    amount = workbook.add_format({"num_format": "#,##0"})
    states = dict(Voucher.State.choices)
    rows = (
        queryset.order_by("date", "kind", "number", "id")
        .values_list(
            "number",
            "year",
            "kind",
            "date",
            "account__name",
            "category__code",
            "category__name",
            "amount",
            "counterparty",
            "description",
            "member__card_number",
            "state",
            "reverses__number",
            "reverses__year",
            "reverses__kind",
            "transfer_pair__number",
            "transfer_pair__year",
            "transfer_pair__kind",
            "transfer_pair__account__name",
        )
        .iterator(chunk_size=EXPORT_CHUNK)
    )
    for row, values in enumerate(rows, start=1):
        number, year, kind, when, account, code, name, money, party, reason, card = values[:11]
        state, reversed_number, reversed_year, reversed_kind = values[11:15]
        pair_number, pair_year, pair_kind, pair_account = values[15:]
        prefix = "PT" if kind == Voucher.Kind.RECEIPT else "PC"
        if number:
            sheet.write_string(row, 0, f"{prefix} {number:04d}/{year}")
        sheet.write_datetime(row, 1, when, day)
        sheet.write_string(row, 2, _KIND_LABEL[kind])
        cells.write(sheet, row, 3, account)
        cells.write(sheet, row, 4, code or "")
        cells.write(sheet, row, 5, name or "")
        sheet.write_number(row, 6, money, amount)
        cells.write(sheet, row, 7, party)
        cells.write(sheet, row, 8, reason)
        cells.write(sheet, row, 9, card or "")
        sheet.write_string(row, 10, str(states[state]))
        if reversed_number:
            prefix = "PT" if reversed_kind == Voucher.Kind.RECEIPT else "PC"
            sheet.write_string(row, 11, f"{prefix} {reversed_number:04d}/{reversed_year}")
        if pair_account:
            pair = number_label((pair_kind, pair_year, pair_number)) if pair_number else _("nháp")
            sheet.write_string(row, 12, f"{pair} · {pair_account}")
    workbook.close()


def voucher_template_xlsx(fileobj) -> None:
    """The empty import template and a "Hướng dẫn" sheet. No example row: it would be imported."""
    workbook = text_workbook(fileobj)
    _sheet(workbook, "Chứng từ", [(header, 16) for header, _guide in COLUMNS])
    guide = workbook.add_worksheet("Hướng dẫn")
    guide.set_column(0, 0, 28)
    guide.set_column(1, 1, 90)
    bold = workbook.add_format({"bold": True})
    guide.write(
        0, 0, "Hướng dẫn nhập chứng từ thu chi", workbook.add_format({"bold": True, "size": 14})
    )
    lines = [
        ("Cách nhập", "Mỗi dòng một phiếu thu hoặc phiếu chi, dưới dòng tiêu đề của trang đầu."),
        ("Số phiếu", "Không ghi: phiếu được đánh số khi ghi sổ, theo thứ tự ngày, tiếp số đã có."),
        ("Cả tệp hoặc không gì", "Nếu một dòng có lỗi, không phiếu nào được nhập."),
        *((header, str(text)) for header, text in COLUMNS),
    ]
    for row, (label, text) in enumerate(lines, start=2):
        guide.write(row, 0, label, bold)
        guide.write(row, 1, text)
    workbook.close()


# --- views -----------------------------------------------------------------------------------


def _export_selection(org, query):
    form = VoucherFilterForm(query, organisation=org)
    form.is_valid()  # as on the list: a wrong value in one filter drops that filter only
    return filtered_vouchers(org, form.cleaned_data)


@books_page()
def voucher_export(request, org):
    """The voucher list exactly as filtered on the page, as .xlsx (a job when it is long)."""
    queryset = _export_selection(org, request.GET)
    return exports.download_or_job(
        request,
        queryset,
        EXPORT_JOB,
        write=lambda f: vouchers_xlsx(queryset, f),
        filename=f"chung-tu-{org.pk}-{timezone.localdate():%Y-%m-%d}.xlsx",
        title=_("Xuất chứng từ của %(org)s ra Excel") % {"org": org.name},
        organisation=org.pk,
        query=request.GET.urlencode(),
    )


EXPORT_JOB = "finance.export"


def voucher_export_job(job, progress) -> None:
    """The export as a job: the same filters, for a user who still reads the branch's books."""
    org = jobs.organisation(job, Perm.VIEW_FINANCE, _("Bạn không còn quyền xem sổ của đơn vị này."))
    queryset = _export_selection(org, QueryDict(job.params["query"]))
    exports.save(job, progress, lambda f: vouchers_xlsx(queryset, f))


@books_page(Perm.MANAGE_FINANCE)
def voucher_import_template(request, org):
    return downloads.spooled(voucher_template_xlsx, "mau-nhap-chung-tu.xlsx")


class VoucherImportForm(forms.Form):
    file = forms.FileField(
        label=_lazy("Tệp Excel (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{downloads.XLSX}"}),
    )
    post = forms.BooleanField(
        label=_lazy("Ghi sổ ngay các phiếu nhập (đánh số theo thứ tự ngày)"),
        required=False,
        initial=True,
        help_text=_lazy("Bỏ chọn để nhập thành bản nháp, kiểm tra rồi ghi sổ sau."),
    )


@require_http_methods(["GET", "POST"])
@books_page(Perm.MANAGE_FINANCE)
def voucher_import(request, org):
    """Upload → its check, a job (nothing saved) → confirm: the import, a job (the same checks
    on the stored file). The job's page follows both."""
    action = request.POST.get("action", "upload")
    if request.method == "POST" and action in ("confirm", "cancel"):
        checked = imports.posted_check(request, import_jobs.CHECK)
        if checked.params["organisation"] != org.pk:
            raise Http404
        if action == "cancel":
            return imports.cancel(request, checked)
        title = _("Nhập chứng từ của %(org)s từ tệp %(file)s") % {
            "org": org.name,
            "file": checked.params["filename"],
        }
        return imports.confirm(request, checked, import_jobs.APPLY, title)
    form = VoucherImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload, post = form.cleaned_data["file"], form.cleaned_data["post"]
        if error := imports.size_error(upload, settings.VOUCHER_IMPORT_MAX_BYTES):
            form.add_error("file", error)
        else:
            return imports.start_check(
                request,
                import_jobs.CHECK,
                upload=upload,
                title=_("Kiểm tra tệp %(file)s (nhập chứng từ của %(org)s)")
                % {"file": upload.name, "org": org.name},
                back=at("finance:voucher_import", org),
                organisation=org.pk,
                post=post,
            )
    return render(
        request,
        "finance/voucher_import.html",
        {
            "title": _("Nhập chứng từ từ Excel"),
            "org": org,
            "form": form,
            "columns": COLUMNS,
            "max_mb": settings.VOUCHER_IMPORT_MAX_BYTES / 1024 / 1024,
            "crumbs": finance_crumbs(org, (_("Nhập từ Excel"), "")),
        },
    )
