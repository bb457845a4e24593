"""Pages of đoàn phí month by month: a group's collection grid and a member's own year (the
branch's arrears and remittance are in branch_views).

The grid is the group leader's page as much as the accountant's: it is reached through
COLLECT_DUES at the group, not through the books (a group leader reads no books), and a group
outside the user's organisations answers 404. Every figure comes from `selectors.dues_of_year`
(four queries whatever the number of members); saving goes through `services.dues_collect`.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from finance.forms import parse_money
from finance.pages import at, books_page, books_year, finance_crumbs
from finance.selectors import branch_of
from members.models import Member, Organisation
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.dates import query_id
from unionhub.formatting import money
from unionhub.forms import apply_service_error

from . import services
from .forms import DuesBatchForm
from .selectors import MONTHS, MemberDues, dues_of_year

CELL = re.compile(r"^m(\d+)_(\d+)$")


def _branch_of(org: Organisation) -> Organisation:
    """The CĐCS that keeps the books of `org` (itself when it is one); 404 when none does."""
    branch = branch_of(org)
    if branch is None:
        raise Http404
    return branch


def _with_year(url: str, year: int, **params) -> str:
    """`url` with ?params&year=, added to its query when it has one."""
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}{urlencode({**params, 'year': year})}"


# --- the collection grid ---------------------------------------------------------------------


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
    group_id = query_id(request, "group")
    if group_id is not None:
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
                voucher = services.dues_collect(
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
