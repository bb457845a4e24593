"""Pages of a branch's dues: who owes what for which months (on screen and as a sheet), and
the remittance upward with a draft payment for what is still owed.

Both are pages of the books (books_page: 404 outside the user's books, 403 without
VIEW_FINANCE); the remittance's payment needs MANAGE_FINANCE and goes through the books'
voucher_create. Figures come from `selectors.dues_of_year` and `selectors.remittance_due`.
"""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from finance.ledger import services
from finance.models import Category
from finance.pages import PAGE_SIZE, at, books_page, books_year, date_range, finance_crumbs
from members.models import Member, Organisation
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.dates import query_id
from unionhub.downloads import XLSX, attachment
from unionhub.forms import apply_service_error

from .forms import RemittanceForm
from .reports import arrears_xlsx
from .selectors import MemberFacts, dues_of_year, remittance_due

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
    group_id = query_id(request, "group")
    group = None
    scope = org
    if group_id is not None:
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
