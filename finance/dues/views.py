"""Pages of đoàn phí: a group's collection grid, the branch's arrears, a member's own year.

The grid is the group leader's page as much as the accountant's: it is reached through
COLLECT_DUES at the group, not through the books (a group leader reads no books), and a group
outside the user's organisations answers 404. Every figure comes from `dues.dues_of_year`
(four queries whatever the number of members); saving goes through `services.dues_collect`.
"""

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from finance import selectors
from finance.forms import AccountChoiceField, MoneyField, _date_field, parse_money
from finance.ledger import services
from finance.models import Account, Category
from finance.pages import PAGE_SIZE, at, books_page, books_year, date_range, finance_crumbs
from members.models import Member, Organisation
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.downloads import XLSX, attachment
from unionhub.formatting import money
from unionhub.forms import apply_service_error

from . import services as dues_services
from .reports import arrears_xlsx
from .selectors import MONTHS, MemberDues, MemberFacts, dues_of_year, remittance_due

CELL = re.compile(r"^m(\d+)_(\d+)$")


def _branch_of(org: Organisation) -> Organisation:
    """The CĐCS that keeps the books of `org` (itself when it is one); 404 when none does."""
    branch = selectors.branch_of(org)
    if branch is None:
        raise Http404
    return branch


def _with_year(url: str, year: int, **params) -> str:
    """`url` with ?params&year=, added to its query when it has one."""
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}{urlencode({**params, 'year': year})}"


# --- the collection grid ---------------------------------------------------------------------


class DuesBatchForm(forms.Form):
    """The receipt's own fields; the amounts are the grid's cells, read by `_entries`."""

    account = AccountChoiceField(
        label=gettext_lazy("Tài khoản"),
        queryset=Account.objects.none(),
        error_messages={"required": gettext_lazy("Tài khoản: chọn quỹ hoặc tài khoản nhận tiền.")},
    )
    day = _date_field(gettext_lazy("Ngày thu"), initial=date.today)
    control_total = MoneyField(label=gettext_lazy("Tổng kiểm tra"), required=False)

    def __init__(self, *args, branch: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        accounts = Account.objects.filter(organisation=branch)
        self.fields["account"].queryset = accounts
        self.fields["account"].error_messages["invalid_choice"] = _(
            "Tài khoản: chọn một tài khoản của đơn vị."
        )
        if len(accounts) == 1:
            self.fields["account"].initial = accounts[0].pk


@dataclass
class Cell:
    month: int
    expected: int | None
    paid: int
    pending: int
    value: str = ""

    @property
    def open(self) -> bool:
        """Still to collect: owed this month and not yet covered by posted or draft receipts."""
        return self.expected is not None and self.paid + self.pending < self.expected

    @property
    def missing(self) -> int:
        return (self.expected or 0) - self.paid - self.pending


def _grid_rows(dues: list[MemberDues], data) -> list[tuple[Member, list[Cell]]]:
    rows = []
    for row in dues:
        cells = []
        for month in MONTHS:
            cell = Cell(
                month,
                row.expected.get(month),
                row.paid.get(month, 0),
                row.pending.get(month, 0),
            )
            if data is not None:
                cell.value = data.get(f"m{row.member.pk}_{month}", "").strip()
            cells.append(cell)
        rows.append((row.member, cells))
    return rows


def _entries(rows, data, year: int) -> tuple[list[tuple], list[str]]:
    """The (member, year, month, amount) typed into open cells, and what is wrong with the rest.

    A cell that names a member outside the grid, or a month already collected, is refused
    rather than ignored: the form was changed by hand or the page is stale.
    """
    cells = {(member.pk, cell.month): (member, cell) for member, cells in rows for cell in cells}
    payments, errors = [], []
    for key, raw in data.items():
        match = CELL.match(key)
        if not match or not raw.strip():
            continue
        member_id, month = int(match[1]), int(match[2])
        found = cells.get((member_id, month))
        if found is None:
            errors.append(_("Có khoản nhập cho đoàn viên hoặc tháng không có trong bảng này."))
            continue
        member, cell = found
        label = {"name": member.full_name, "month": month, "year": year}
        if not cell.open:
            errors.append(
                _("%(name)s, tháng %(month)s/%(year)s: đã thu đủ hoặc không phải nộp.") % label
            )
            continue
        amount = parse_money(raw)
        if amount is None:
            errors.append(
                _("%(name)s, tháng %(month)s/%(year)s: nhập số đồng nguyên (50.000).") % label
            )
            continue
        payments.append((member, year, month, amount))
    payments.sort(key=lambda p: (p[0].sort_name, p[0].pk, p[2]))
    return payments, list(dict.fromkeys(errors))


def _collect_groups(user) -> list[Organisation]:
    """Groups where the user collects dues through a role held at the group itself."""
    ids = [
        g.organisation_id
        for g in access.grants(user)
        if Perm.COLLECT_DUES in access.ROLE_PERMS[g.role]
    ]
    return list(Organisation.objects.filter(pk__in=ids, kind=Organisation.Kind.GROUP))


@require_http_methods(["GET", "POST"])
def dues_grid(request):
    """Thu đoàn phí: a group's active members × the twelve months of a year.

    Without ?group=: a group leader's own group; for the branch's accountant or officers, the
    list of the branch's groups.
    """
    user = request.user
    group_id = request.GET.get("group", "")
    if group_id.isdecimal():
        group = get_in_scope_or_404(
            Organisation.objects.in_scope(user).filter(kind=Organisation.Kind.GROUP), pk=group_id
        )
    elif not access.can_anywhere(user, Perm.VIEW_FINANCE):
        groups = _collect_groups(user)
        if not groups:
            raise PermissionDenied
        if len(groups) > 1:
            return _group_chooser(request, groups[0].get_parent(), groups)
        group = groups[0]
    else:
        return _branch_groups(request)
    access.require(user, Perm.COLLECT_DUES, group)
    return _grid(request, group, _branch_of(group), books_year(request))


@books_page(Perm.COLLECT_DUES)
def _branch_groups(request, org):
    groups = Organisation.objects.subtree_of(org).filter(kind=Organisation.Kind.GROUP)
    return _group_chooser(request, org, list(groups))


def _group_chooser(request, org, groups):
    year = books_year(request)
    return render(
        request,
        "finance/dues_groups.html",
        {
            "title": _("Thu đoàn phí"),
            "org": org,
            "year": year,
            "groups": [
                (g, _with_year(reverse("finance:dues_grid"), year, group=g.pk)) for g in groups
            ],
            "crumbs": finance_crumbs(org, (_("Thu đoàn phí"), ""))
            if access.can(request.user, Perm.VIEW_FINANCE, org)
            else (),
        },
    )


def _grid(request, group: Organisation, branch: Organisation, year: int):
    user = request.user
    data = request.POST if request.method == "POST" else None
    members = list(Member.objects.active().in_subtree(group).select_related("organisation"))
    rows = _grid_rows(dues_of_year(members, branch, year), data)
    form = DuesBatchForm(data, branch=branch)
    can_read_books = access.can(user, Perm.VIEW_FINANCE, branch)
    grid_url = _with_year(reverse("finance:dues_grid"), year, group=group.pk)
    if data is not None:
        payments, errors = _entries(rows, data, year)
        if not payments and not errors:
            errors.append(_("Chưa nhập khoản đoàn phí nào."))
        if form.is_valid() and not errors:
            try:
                voucher = dues_services.dues_collect(
                    organisation=branch,
                    group=group,
                    account=form.cleaned_data["account"],
                    day=form.cleaned_data["day"],
                    payments=payments,
                    control_total=form.cleaned_data["control_total"],
                    actor=user,
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Đã lập phiếu thu nháp %(voucher)s: %(amount)s đoàn phí của %(group)s.")
                    % {"voucher": voucher, "amount": money(voucher.amount), "group": group.name},
                )
                # A group leader reads no books: they stay on their grid.
                if can_read_books:
                    return redirect("finance:voucher_detail", voucher.pk)
                return redirect(grid_url)
        for error in errors:
            form.add_error(None, error)
    totals = [sum((cells[i].expected or 0) for _m, cells in rows) for i in range(len(MONTHS))]
    return render(
        request,
        "finance/dues_grid.html",
        {
            "title": _("Thu đoàn phí"),
            "org": branch,
            "group": group,
            "year": year,
            "months": list(MONTHS),
            "rows": rows,
            "month_totals": totals,
            "expected_total": sum(totals),
            "form": form,
            "has_accounts": bool(form.fields["account"].queryset),
            "action": grid_url,
            # The accountant keeps members' salary history (the basis of their dues).
            "salary_links": access.can(request.user, Perm.MANAGE_FINANCE, branch)
            and access.can(request.user, Perm.VIEW_PERSONAL, branch),
            "links": {
                "prev": _with_year(reverse("finance:dues_grid"), year - 1, group=group.pk),
                "next": _with_year(reverse("finance:dues_grid"), year + 1, group=group.pk),
                "arrears": at("finance:dues_arrears", branch, year=year, group=group.pk)
                if can_read_books
                else "",
            },
            "crumbs": finance_crumbs(
                branch,
                (_("Thu đoàn phí"), _with_year(at("finance:dues_grid", branch), year)),
                (group.name, ""),
            )
            if can_read_books
            else (),
        },
    )


# --- arrears ---------------------------------------------------------------------------------


def month_ranges(months: list[int]) -> str:
    """[1, 2, 3, 5, 7, 8] -> "1–3, 5, 7–8"."""
    parts, start = [], None
    for i, month in enumerate(months):
        if start is None:
            start = month
        if i + 1 == len(months) or months[i + 1] != month + 1:
            parts.append(str(start) if start == month else f"{start}–{month}")
            start = None
    return ", ".join(parts)


def _arrears(request, org):
    """The year, the group (if one was chosen) and the members who owe something."""
    year = books_year(request)
    group_id = request.GET.get("group", "")
    group = None
    scope = org
    if group_id.isdecimal():
        group = get_in_scope_or_404(
            Organisation.objects.subtree_of(org).filter(kind=Organisation.Kind.GROUP), pk=group_id
        )
        scope = group
    # Only members who can owe something this year: still active, or with a change of status
    # since its first day (who left in March owes January and February).
    can_owe = (
        Member.objects.in_subtree(scope)
        .filter(Q(status=Member.Status.ACTIVE) | Q(events__date__gte=date(year, 1, 1)))
        .distinct()
    )
    # Ten thousand members: the facts the dues and the list use, not model instances.
    rows = can_owe.order_by("organisation__path", "sort_name", "pk").values_list(
        *MemberFacts.FIELDS
    )
    members = [MemberFacts(*row) for row in rows]
    among = can_owe.values("pk")
    owing = [d for d in dues_of_year(members, org, year, among=among) if d.owed > 0]
    return year, group, group_id, owing


@books_page()
def dues_arrears_xlsx(request, org):
    """The same list as an Excel sheet, amounts as numbers."""
    year, group, _group_id, owing = _arrears(request, org)
    rows = [(d, month_ranges(d.months_owed), sum(d.pending.values())) for d in owing]
    name = f"no-doan-phi-{year}.xlsx"
    content = arrears_xlsx(rows, title=f"{(group or org).name}: đoàn viên nợ đoàn phí năm {year}")
    return attachment(content, name, XLSX)


@books_page()
def dues_arrears(request, org):
    """Đoàn viên nợ đoàn phí: who owes what for which months of a year, in the branch or a
    group; totals over everyone who owes."""
    year, group, group_id, owing = _arrears(request, org)
    page = Paginator(owing, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(d, month_ranges(d.months_owed), sum(d.pending.values())) for d in page.object_list]
    groups = Organisation.objects.subtree_of(org).filter(kind=Organisation.Kind.GROUP)
    return render(
        request,
        "finance/dues_arrears.html",
        {
            "title": _("Đoàn viên nợ đoàn phí"),
            "org": org,
            "year": year,
            "group": group,
            "groups": groups,
            "page": page,
            "rows": rows,
            "total_owed": sum(d.owed for d in owing),
            "total_pending": sum(sum(d.pending.values()) for d in owing),
            "can_collect": access.can(request.user, Perm.COLLECT_DUES, org),
            "links": {
                "prev": at("finance:dues_arrears", org, year=year - 1, group=group_id),
                "next": at("finance:dues_arrears", org, year=year + 1, group=group_id),
                "xlsx": at("finance:dues_arrears_xlsx", org, year=year, group=group_id),
            },
            "crumbs": finance_crumbs(org, (_("Đoàn viên nợ đoàn phí"), "")),
        },
    )


# --- a member's own dues ---------------------------------------------------------------------


def my_dues(request):
    """Đoàn phí của tôi: the linked member's expected, paid and pending dues by month."""
    member = (
        Member.objects.filter(user=request.user).select_related("organisation").first()
        if request.user.is_authenticated
        else None
    )
    if member is None:
        raise Http404
    year = books_year(request)
    dues = dues_of_year([member], _branch_of(member.organisation), year)[0]
    months = [
        Cell(month, dues.expected.get(month), dues.paid.get(month, 0), dues.pending.get(month, 0))
        for month in MONTHS
    ]
    url = reverse("finance:my_dues")
    return render(
        request,
        "finance/dues_mine.html",
        {
            "title": _("Đoàn phí của tôi"),
            "member": member,
            "year": year,
            "months": months,
            "dues": dues,
            "expected_total": sum(dues.expected.values()),
            "paid_total": sum(dues.paid.values()),
            "links": {"prev": f"{url}?year={year - 1}", "next": f"{url}?year={year + 1}"},
        },
    )


class RemittanceForm(forms.Form):
    account = AccountChoiceField(queryset=Account.objects.none(), label=gettext_lazy("Chi từ"))
    date = _date_field(gettext_lazy("Ngày chi"))
    amount = MoneyField(label=gettext_lazy("Số tiền nộp (đồng)"))

    def __init__(self, *args, branch: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = Account.objects.filter(organisation=branch)


@books_page()
def remittance(request, org):
    """Nộp đoàn phí về cấp trên: what the months' collected dues owe upward under the rules,
    what was sent, and a draft payment for the rest."""
    today = date.today()
    start, end = date_range(request, date(today.year, 1, 1), today)
    report = remittance_due(org, start, end)
    can_manage = access.can(request.user, Perm.MANAGE_FINANCE, org)
    form = None
    if can_manage:
        initial = {"date": today, "amount": max(report.outstanding, 0) or None}
        form = RemittanceForm(
            request.POST if request.method == "POST" else None, branch=org, initial=initial
        )
    elif request.method == "POST":
        raise PermissionDenied
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        period = f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"
        try:
            voucher = services.voucher_create(
                organisation=org,
                actor=request.user,
                kind="payment",
                date=data["date"],
                account=data["account"],
                category=Category.objects.get(code=settings.REMITTANCE_CATEGORY),
                amount=data["amount"],
                counterparty=(Organisation.objects.get_parent(org) or org).name,
                description=_("Nộp đoàn phí, kinh phí công đoàn về công đoàn cấp trên (%(period)s)")
                % {"period": period},
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Đã lập phiếu chi nháp nộp cấp trên."))
            return redirect("finance:voucher_detail", voucher.pk)
    return render(
        request,
        "finance/dues_remittance.html",
        {
            "title": _("Nộp đoàn phí, kinh phí về cấp trên"),
            "org": org,
            "report": report,
            "start": start,
            "end": end,
            "form": form,
            "crumbs": finance_crumbs(org, (_("Nộp cấp trên"), "")),
        },
    )
