"""Excel in and out of the member registry: the export, the import template and the import pages.

The writers are plain functions over a queryset and a file (STYLE.md habit 11); the views only
check permissions and wrap them. The import itself lives in members/registry/importing.py.
"""

from datetime import date

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from members.models import LevelChoice, Member, Organisation, member_q
from unionhub import access, downloads
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.dates import parse_id, query_id
from unionhub.jobs import exports, imports
from unionhub.sheets import EditableCells, text_workbook

from . import import_jobs
from .columns import HEADER_OF, LEVEL_KINDS, columns
from .forms import MEMBER_HOMES, OrganisationChoiceField, scoped_organisations
from .listing import filtered_members
from .resources import export_values

XLSX_TYPE = downloads.XLSX
EXPORT_CHUNK = 2000
_WIDTHS = {"Họ và tên": 28, "Tổ công đoàn": 24, "Email": 26, "Trình độ chuyên môn": 18}

# --- writers -------------------------------------------------------------------------------------
# XlsxWriter in constant-memory mode writes each row to disk as it goes: flat memory, and about
# twice as fast as openpyxl's write-only mode (100,000 rows in ~9 s instead of ~15 s). openpyxl
# stays the reader of uploaded files.


def _members_sheet(workbook, cols: list[tuple[str, str]]):
    sheet = workbook.add_worksheet("Danh sách đoàn viên")
    for index, (header, _attribute) in enumerate(cols):
        sheet.set_column(index, index, _WIDTHS.get(header, 14))
    sheet.freeze_panes(1, 0)
    bold = workbook.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "vcenter"}
    )
    sheet.write_row(0, 0, [header for header, _attribute in cols], bold)
    return sheet


def members_xlsx(queryset, *, include_personal: bool, fileobj) -> None:
    """Write the members of `queryset` as an .xlsx workbook into `fileobj` (binary, seekable).

    Streams: rows go to disk as a chunked iterator yields them, so memory stays flat however
    many members there are. Dates are real Excel dates shown dd/mm/yyyy. The columns are the
    import's, so an exported file imports back unchanged, and an officer edits it in Excel
    before importing: text stays text there too (EditableCells).
    """
    cols = columns(include_personal=include_personal)
    workbook = text_workbook(fileobj, constant_memory=True)
    sheet = _members_sheet(workbook, cols)
    cells = EditableCells(workbook)
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    related = ["organisation", *LEVEL_KINDS]
    members = queryset.select_related(*related).iterator(chunk_size=EXPORT_CHUNK)
    for row, member in enumerate(members, start=1):
        for col, value in enumerate(export_values(member, cols)):
            if value is None:
                continue
            if isinstance(value, date):
                sheet.write_datetime(row, col, value, date_format)
            else:
                cells.write(sheet, row, col, value)
    workbook.close()


def import_template_xlsx(*, include_personal: bool, guide: dict[str, list[str]], fileobj) -> None:
    """The empty import template: the header row, and a "Hướng dẫn" sheet of allowed values.

    No example row: an officer would import it by mistake.
    """
    cols = columns(include_personal=include_personal)
    workbook = text_workbook(fileobj, constant_memory=True)
    _members_sheet(workbook, cols)
    help_sheet = workbook.add_worksheet("Hướng dẫn")
    help_sheet.set_column(0, 0, 24)
    help_sheet.set_column(1, 1, 90)
    bold = workbook.add_format({"bold": True})
    lines = [
        ("Cách nhập", "Mỗi dòng một đoàn viên, dưới dòng tiêu đề của trang “Danh sách đoàn viên”."),
        ("Bắt buộc", "Họ và tên, Giới tính. Các cột khác có thể để trống."),
        ("Ngày", "Ghi dd/mm/yyyy (ví dụ 05/09/1985) hoặc định dạng ngày của Excel."),
        ("Giới tính", "Nam, Nữ"),
        ("Tổ công đoàn", "Tên hoặc mã tổ trong đơn vị chọn khi nhập; để trống: chính đơn vị đó."),
        (
            "Số thẻ",
            "Dòng có số thẻ của đoàn viên đã có sẽ cập nhật hồ sơ đó; không có số thẻ: thêm mới.",
        ),
        ("Đảng viên", "Có, Không"),
        ("Loại hình", ", ".join(str(label) for _value, label in Member.Employment.choices)),
        *((label, ", ".join(values) or "(danh mục trống)") for label, values in guide.items()),
    ]
    if include_personal:
        lines.append(("Lương đóng đoàn phí", "Số nguyên đồng, ví dụ 4680000."))
    help_sheet.write(
        0,
        0,
        "Hướng dẫn nhập danh sách đoàn viên",
        workbook.add_format({"bold": True, "font_size": 14}),
    )
    for row, (label, text) in enumerate(lines, start=2):
        help_sheet.write(row, 0, label, bold)
        help_sheet.write(row, 1, text)
    workbook.close()


def _level_guide() -> dict[str, list[str]]:
    """Header -> the names of its editable list (Dân tộc, Trình độ chuyên môn, ...)."""
    headers = {kind: HEADER_OF[attribute] for attribute, kind in LEVEL_KINDS.items()}
    guide = {header: [] for header in headers.values()}
    levels = LevelChoice.objects.order_by("kind", "order", "name").values_list("kind", "name")
    for kind, name in levels:
        guide[headers[kind]].append(name)
    return guide


# --- export --------------------------------------------------------------------------------------


def export_selection(request):
    """The members the export writes (the list as filtered, those the user may export) and
    whether their personal columns go with them."""
    user = request.user
    if not access.can_anywhere(user, Perm.EXPORT_MEMBERS):
        raise PermissionDenied
    selection = filtered_members(request)
    root, queryset = selection.root, selection.queryset
    if root is None or not access.can(user, Perm.EXPORT_MEMBERS, root):
        # The list may show members the user reads but may not export (a tổ trưởng's group).
        queryset = queryset.filter(member_q(user, Perm.EXPORT_MEMBERS))
    include_personal = root is not None and access.can(user, Perm.VIEW_PERSONAL, root)
    return queryset, include_personal


EXPORT_JOB = "members.export"


def member_export_job(job, progress) -> None:
    """The export as a job, when the list is long: the same filters and scope as the page,
    rebuilt in the worker for the user who asked."""
    request = HttpRequest()
    request.GET, request.user = QueryDict(job.params["query"]), job.user
    queryset, include_personal = export_selection(request)
    exports.save(
        job,
        progress,
        lambda f: members_xlsx(queryset, include_personal=include_personal, fileobj=f),
    )


def member_export(request):
    """The member list exactly as filtered on the page, as .xlsx (a job when it is long)."""
    queryset, include_personal = export_selection(request)
    return exports.download_or_job(
        request,
        queryset,
        EXPORT_JOB,
        write=lambda f: members_xlsx(queryset, include_personal=include_personal, fileobj=f),
        filename=f"danh-sach-doan-vien-{timezone.localdate():%Y-%m-%d}.xlsx",
        title=_("Xuất danh sách đoàn viên ra Excel"),
        query=request.GET.urlencode(),
    )


# --- import --------------------------------------------------------------------------------------


def _require_manager(user) -> None:
    if not access.can_anywhere(user, Perm.MANAGE_MEMBERS):
        raise PermissionDenied


def member_import_template(request):
    _require_manager(request.user)
    include_personal = access.can_anywhere(request.user, Perm.VIEW_PERSONAL)
    guide = _level_guide()
    return downloads.spooled(
        lambda f: import_template_xlsx(include_personal=include_personal, guide=guide, fileobj=f),
        "mau-nhap-doan-vien.xlsx",
    )


class MemberImportForm(forms.Form):
    organisation = OrganisationChoiceField(
        queryset=Organisation.objects.none(),
        label=_lazy("Nhập vào đơn vị"),
        help_text=_lazy(
            "Đoàn viên không ghi tổ sẽ thuộc đơn vị này; tên tổ được tìm trong đơn vị này."
        ),
    )
    file = forms.FileField(
        label=_lazy("Tệp Excel (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX_TYPE}"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _import_targets(user)


def _import_targets(user):
    return scoped_organisations(user, Perm.MANAGE_MEMBERS, MEMBER_HOMES)


def _target_or_404(request, pk) -> Organisation:
    """The organisation to import into: where the user manages members, else 404."""
    pk = parse_id(str(pk or ""))
    if pk is None:
        raise Http404
    return get_in_scope_or_404(_import_targets(request.user), pk=pk)


@require_http_methods(["GET", "POST"])
def member_import(request):
    """Upload → its check, a job (nothing saved) → confirm: the import, a job (the same checks
    again on the stored file, then one transaction). The job's page follows both."""
    user = request.user
    _require_manager(user)
    action = request.POST.get("action", "upload")
    if request.method == "POST" and action in ("confirm", "cancel"):
        checked = imports.posted_check(request, import_jobs.CHECK)
        organisation = _target_or_404(request, checked.params["organisation"])
        if action == "cancel":
            return imports.cancel(request, checked)
        title = _("Nhập đoàn viên vào %(org)s từ tệp %(file)s") % {
            "org": organisation.name,
            "file": checked.params["filename"],
        }
        return imports.confirm(request, checked, import_jobs.APPLY, title)
    if request.method == "POST":
        if request.POST.get("organisation"):
            _target_or_404(request, request.POST["organisation"])
        form = MemberImportForm(request.POST, request.FILES, user=user)
        if form.is_valid():
            organisation = form.cleaned_data["organisation"]
            upload = form.cleaned_data["file"]
            if error := imports.size_error(upload, settings.MEMBER_IMPORT_MAX_BYTES):
                form.add_error("file", error)
        if form.is_valid():
            return imports.start_check(
                request,
                import_jobs.CHECK,
                upload=upload,
                title=_("Kiểm tra tệp %(file)s (nhập đoàn viên vào %(org)s)")
                % {"file": upload.name, "org": organisation.name},
                back=reverse("members:member_import"),
                organisation=organisation.pk,
            )
    else:
        # The organisation the member list was showing (?org=), else the user's home one.
        home = access.home_organisation(user)
        initial = {}
        for pk in (query_id(request, "org"), home.pk if home else None):
            if pk and _import_targets(user).filter(pk=pk).exists():
                initial["organisation"] = int(pk)
                break
        form = MemberImportForm(user=user, initial=initial)
    context = {
        "title": _("Nhập đoàn viên từ Excel"),
        "form": form,
        "max_mb": settings.MEMBER_IMPORT_MAX_BYTES / 1024 / 1024,
        "personal": access.can_anywhere(user, Perm.VIEW_PERSONAL),
        "crumbs": [
            (_("Đoàn viên"), reverse("members:member_list")),
            (_("Nhập từ Excel"), ""),
        ],
    }
    return render(request, "members/member_import.html", context)
