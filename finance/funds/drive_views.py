"""Pages of the charity drives (quỹ xã hội, cuộc vận động): the year's drives, a drive with its
contributions and forwards, a group's grid, the table of drives by year and its downloads.

Thin like the books' pages (finance.ledger.views, whose helpers they use): a drive is resolved
through the user's scope (404 outside it), every write needs MANAGE_FINANCE at its branch
(403), an entry is looked up through its drive, and every write is one call of finance.funds.drives.
"""

import copy
import re
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Sum
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from finance.forms import MAX_AMOUNT, parse_money
from finance.models import Drive
from finance.pages import at, books_form, books_page, books_year, finance_crumbs, scoped_row
from members.models import Member
from reports.documents import render_pdf
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.audit import history_entries
from unionhub.downloads import PDF, XLSX, attachment
from unionhub.formatting import money, vn_date
from unionhub.forms import apply_service_error
from unionhub.pages import confirm_page, delete_page, posted

from . import drive_reports, drive_selectors, drives
from .forms import ContributionForm, DriveForm, ForwardForm, GroupEntryForm, branch_groups

ENTRY_PAGE_SIZE = 100
# The table by year spans at most this many years (the PDF's landscape page holds no more).
MAX_YEARS = 6
CELL = re.compile(r"^a(\d+)$")


def _drive(request, pk, perm: Perm = Perm.VIEW_FINANCE) -> Drive:
    return scoped_row(request, Drive.objects.all(), pk, perm)


def _drive_url(drive: Drive) -> str:
    return reverse("finance:drive_detail", args=[drive.pk])


def _list_crumb(org, year: int) -> tuple[str, str]:
    return (_("Quỹ xã hội, từ thiện"), at("finance:drive_list", org, year=year))


def _drive_crumbs(drive: Drive, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    """Tài chính › Quỹ xã hội › the drive › trail."""
    org = drive.organisation
    return finance_crumbs(
        org, _list_crumb(org, drive.year), (str(drive), _drive_url(drive)), *trail
    )


def _drive_summary(drive: Drive) -> list[tuple[str, str]]:
    return [
        (_("Quỹ, cuộc vận động"), str(drive)),
        (_("Ngày phát động"), vn_date(drive.started_on) or "—"),
    ]


# --- drives ----------------------------------------------------------------------------------


@books_page()
def drive_list(request, org):
    """Quỹ xã hội, từ thiện: the year's drives, each with collected, forwarded and held."""
    year = books_year(request)
    rows = drive_selectors.drives_of_year(org, year)
    return render(
        request,
        "finance/drive_list.html",
        {
            "title": _("Quỹ xã hội, từ thiện"),
            "org": org,
            "year": year,
            "drives": rows,
            "collected": sum(d.collected for d in rows),
            "forwarded": sum(d.forwarded for d in rows),
            "held": sum(d.held for d in rows),
            "can_manage": access.can(request.user, Perm.MANAGE_FINANCE, org),
            "links": {
                "prev": at("finance:drive_list", org, year=year - 1),
                "next": at("finance:drive_list", org, year=year + 1),
                "create": at("finance:drive_create", org, year=year),
                "table": at("finance:drive_table", org),
                "loans": at("finance:loan_list", org),
            },
            "crumbs": finance_crumbs(org, (_("Quỹ xã hội, từ thiện"), "")),
        },
    )


def _drive_form(request, org, drive: Drive, year: int):
    form = DriveForm(posted(request), instance=drive, organisation=org)

    def save(form):
        return _drive_url(drives.drive_save(drive=form.instance, actor=request.user))

    title = _("Sửa quỹ, cuộc vận động") if drive.pk else _("Thêm quỹ, cuộc vận động")
    back = _drive_url(drive) if drive.pk else at("finance:drive_list", org, year=year)
    return books_form(
        request,
        org,
        form,
        title=title,
        save=save,
        cancel_url=back,
        crumbs=finance_crumbs(org, _list_crumb(org, year), (title, "")),
        history=history_entries(drive) if drive.pk else None,
    )


@books_page(Perm.MANAGE_FINANCE)
def drive_create(request, org):
    year = books_year(request)
    return _drive_form(request, org, Drive(organisation=org, year=year), year)


def drive_edit(request, pk):
    drive = _drive(request, pk, Perm.MANAGE_FINANCE)
    # The form edits a copy: the page's title and links keep the stored name.
    return _drive_form(request, drive.organisation, copy.copy(drive), drive.year)


def drive_detail(request, pk):
    """A drive: its totals, what each group gave, its contributions (paged) and forwards."""
    drive = scoped_row(
        request, drive_selectors.with_totals(Drive.objects.all()), pk, Perm.VIEW_FINANCE
    )
    org = drive.organisation
    contributions = drive.contributions.select_related("member", "group").order_by("-date", "-id")
    page = Paginator(contributions, ENTRY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "finance/drive_detail.html",
        {
            "title": str(drive),
            "org": org,
            "drive": drive,
            "page": page,
            "forwards": drive.forwards.order_by("-date", "-id"),
            "by_group": drive_selectors.contributions_by_group(drive),
            "can_manage": access.can(request.user, Perm.MANAGE_FINANCE, org),
            "crumbs": finance_crumbs(org, _list_crumb(org, drive.year), (str(drive), "")),
        },
    )


@require_http_methods(["GET", "POST"])
def drive_delete(request, pk):
    drive = _drive(request, pk, Perm.MANAGE_FINANCE)
    org = drive.organisation
    if request.method == "POST":
        try:
            drives.drive_delete(drive=drive, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_drive_url(drive))
        messages.success(request, _("Đã xóa %(drive)s.") % {"drive": drive})
        return redirect(at("finance:drive_list", org, year=drive.year))
    if drive.contributions.exists() or drive.forwards.exists():
        messages.error(
            request,
            _("Cuộc vận động đã có khoản ủng hộ hoặc chuyển đi: xóa các khoản đó trước khi xóa."),
        )
        return redirect(_drive_url(drive))
    title = _("Xóa quỹ, cuộc vận động")
    return confirm_page(
        request,
        title=title,
        message=_("Xóa hẳn %(drive)s? Cuộc vận động chưa có khoản nào.") % {"drive": drive},
        button=_("Xóa"),
        url=request.path,
        cancel_url=_drive_url(drive),
        danger=True,
        crumbs=_drive_crumbs(drive, (title, "")),
        extra=_drive_summary(drive),
    )


# --- entries ---------------------------------------------------------------------------------


def _entry_form(request, pk, *, form_class, title, intro, save_entry):
    """A contribution's or a forward's form under its drive; `save_entry(drive, data)`."""
    drive = _drive(request, pk, Perm.MANAGE_FINANCE)
    org = drive.organisation
    form = form_class(posted(request), organisation=org)

    def save(form):
        save_entry(drive, form.cleaned_data)
        return _drive_url(drive)

    return books_form(
        request,
        org,
        form,
        title=title,
        save=save,
        cancel_url=_drive_url(drive),
        crumbs=_drive_crumbs(drive, (title, "")),
        details=_drive_summary(drive),
        intro=intro,
    )


def contribution_create(request, pk):
    def save_entry(drive, data):
        drives.contribution_add(
            drive=drive,
            day=data["date"],
            amount=data["amount"],
            member=data["member"],
            group=data["group"],
            note=data["note"],
            actor=request.user,
        )

    return _entry_form(
        request,
        pk,
        form_class=ContributionForm,
        title=_("Thêm khoản ủng hộ"),
        intro=_(
            "Chọn đoàn viên đã ủng hộ, hoặc chọn tổ khi tổ nộp chung một khoản. Nhập cả tổ "
            "từng người một ở trang Nhập theo tổ."
        ),
        save_entry=save_entry,
    )


def forward_create(request, pk):
    def save_entry(drive, data):
        drives.forward_add(
            drive=drive,
            day=data["date"],
            recipient=data["recipient"],
            amount=data["amount"],
            note=data["note"],
            actor=request.user,
        )

    return _entry_form(
        request,
        pk,
        form_class=ForwardForm,
        title=_("Thêm khoản chuyển đi"),
        intro=_("Số tiền đã nộp về nơi nhận; không vượt quá số cuộc vận động đang giữ."),
        save_entry=save_entry,
    )


def _entry_delete(request, pk, entry_pk, *, related: str, title: str, describe, delete):
    """Delete a contribution or a forward of a drive: a confirmation page, then the service."""
    drive = _drive(request, pk, Perm.MANAGE_FINANCE)
    entry = get_in_scope_or_404(getattr(drive, related).all(), pk=entry_pk)
    return delete_page(
        request,
        delete=lambda: delete(entry, actor=request.user),
        done=_("Đã xóa."),
        back=_drive_url(drive),
        title=title,
        message=_("Xóa hẳn khoản này khỏi cuộc vận động?"),
        crumbs=_drive_crumbs(drive, (title, "")),
        extra=[
            *_drive_summary(drive),
            (_("Ngày"), vn_date(entry.date)),
            *describe(entry),
            (_("Số tiền"), money(entry.amount)),
        ],
    )


@require_http_methods(["GET", "POST"])
def contribution_delete(request, pk, entry):
    return _entry_delete(
        request,
        pk,
        entry,
        related="contributions",
        title=_("Xóa khoản ủng hộ"),
        describe=lambda c: [(_("Người ủng hộ"), str(c.member.full_name if c.member else c.group))],
        delete=lambda c, actor: drives.contribution_delete(contribution=c, actor=actor),
    )


@require_http_methods(["GET", "POST"])
def forward_delete(request, pk, entry):
    return _entry_delete(
        request,
        pk,
        entry,
        related="forwards",
        title=_("Xóa khoản chuyển đi"),
        describe=lambda f: [(_("Nơi nhận"), f.recipient)],
        delete=lambda f, actor: drives.forward_delete(forward=f, actor=actor),
    )


# --- a group's grid --------------------------------------------------------------------------


def _grid_amounts(members: list[Member], data) -> tuple[list[tuple[Member, int]], list[str], set]:
    """The (member, đồng) typed into the grid, what is wrong with the rest, and the members
    whose cell is wrong. A cell of someone outside the grid is refused, not ignored."""
    by_pk = {m.pk: m for m in members}
    amounts, errors, wrong = [], [], set()
    for key, raw in data.items():
        match = CELL.match(key)
        if not match or not raw.strip():
            continue
        member = by_pk.get(int(match[1]))
        if member is None:
            errors.append(_("Có khoản nhập cho đoàn viên không có trong bảng này."))
            continue
        amount = parse_money(raw)
        name = {"name": member.full_name}
        if amount is None:
            errors.append(_("%(name)s: nhập số đồng nguyên (100.000).") % name)
        elif amount == 0:
            errors.append(_("%(name)s: số tiền phải lớn hơn 0; để trống nếu không ủng hộ.") % name)
        elif amount >= MAX_AMOUNT:
            errors.append(_("%(name)s: số tiền quá lớn, kiểm tra lại số chữ số.") % name)
        else:
            amounts.append((member, amount))
            continue
        wrong.add(member.pk)
    amounts.sort(key=lambda pair: (pair[0].sort_name, pair[0].pk))
    return amounts, list(dict.fromkeys(errors)), wrong


@require_http_methods(["GET", "POST"])
def contribution_grid(request, pk):
    """Nhập theo tổ: a group's active members, an amount each, saved at once (all or none)."""
    drive = _drive(request, pk, Perm.MANAGE_FINANCE)
    org = drive.organisation
    groups = branch_groups(org)
    group_id = request.GET.get("group", "")
    group = get_in_scope_or_404(groups, pk=group_id) if group_id.isdecimal() else None
    title = _("Nhập theo tổ")
    context = {
        "title": title,
        "org": org,
        "drive": drive,
        "group": group,
        "groups": groups,
        "crumbs": _drive_crumbs(drive, (title, "")),
    }
    if group is None:
        return render(request, "finance/drive_grid.html", context)
    data = posted(request)
    form = GroupEntryForm(data)
    members = list(
        Member.objects.active()
        .in_subtree(group)
        .select_related("organisation")
        .order_by("sort_name", "pk")
    )
    wrong = set()
    if data is not None:
        amounts, errors, wrong = _grid_amounts(members, data)
        if not amounts and not errors:
            errors.append(_("Chưa nhập khoản ủng hộ nào."))
        if form.is_valid() and not errors:
            try:
                saved = drives.contributions_save_group(
                    drive=drive,
                    group=group,
                    day=form.cleaned_data["date"],
                    amounts=amounts,
                    note=form.cleaned_data["note"],
                    actor=request.user,
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Đã ghi %(n)s khoản ủng hộ của %(group)s, cộng %(total)s.")
                    % {
                        "n": len(saved),
                        "group": group.name,
                        "total": money(sum(c.amount for c in saved)),
                    },
                )
                return redirect(_drive_url(drive))
        for error in errors:
            form.add_error(None, error)
    given = dict(
        drive.contributions.filter(member__in=members)
        .values_list("member")
        .annotate(n=Sum("amount"))
        .order_by()
    )
    rows = [
        (m, (data or {}).get(f"a{m.pk}", "").strip(), given.get(m.pk, 0), m.pk in wrong)
        for m in members
    ]
    context.update(form=form, rows=rows, action=request.get_full_path())
    return render(request, "finance/drive_grid.html", context)


# --- the table of drives by year -------------------------------------------------------------


def _years(request) -> tuple[int, int]:
    """?from=&to= (years, at most MAX_YEARS apart); by default the last five years."""

    def year(name: str, default: int) -> int:
        value = request.GET.get(name, "")
        return int(value) if value.isdecimal() and 2000 <= int(value) <= 2100 else default

    last = year("to", date.today().year)
    first = year("from", last - 4)
    first, last = min(first, last), max(first, last)
    return max(first, last - MAX_YEARS + 1), last


def _table(request, org) -> drive_selectors.DriveTable:
    return drive_selectors.drive_table(org, *_years(request))


@books_page()
def drive_table(request, org):
    """Các quỹ theo năm: collected (and forwarded) per drive name and year."""
    table = _table(request, org)
    first, last = table.years[0], table.years[-1]
    return render(
        request,
        "finance/drive_table.html",
        {
            "title": _("Vận động các quỹ theo năm"),
            "org": org,
            "table": table,
            "first": first,
            "last": last,
            "max_years": MAX_YEARS,
            "links": {
                "pdf": at("finance:drive_table_pdf", org, **{"from": first, "to": last}),
                "xlsx": at("finance:drive_table_xlsx", org, **{"from": first, "to": last}),
            },
            "crumbs": finance_crumbs(org, _list_crumb(org, last), (_("Theo năm"), "")),
        },
    )


@books_page()
def drive_table_pdf(request, org):
    doc = drive_reports.drive_table_document(
        _table(request, org), number=request.GET.get("so", "")[:16]
    )
    return attachment(render_pdf(doc), f"{doc.filename}.pdf", PDF)


@books_page()
def drive_table_xlsx(request, org):
    table = _table(request, org)
    name = f"van-dong-quy-{table.years[0]}-{table.years[-1]}.xlsx"
    return attachment(drive_reports.drive_table_xlsx(table), name, XLSX)
