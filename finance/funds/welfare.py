"""Thăm hỏi, trợ cấp: the welfare a branch paid its members, per member and per year.

Welfare is not a table of its own: it is the posted payment vouchers linked to a member
(Voucher.member) in the welfare line (settings.WELFARE_CATEGORY, "C02") and its sub-lines
(ốm đau, hiếu, hỷ, sinh con, khó khăn, quà Tết). A reversal (a receipt in the same line,
linked to the same member) takes its amount back.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.utils.translation import gettext as _

from finance.models import Category, Voucher
from finance.pages import at, books_page, books_year, finance_crumbs
from finance.selectors import SIGNED
from members.models import Organisation

PAGE_SIZE = 100
YEARS_SHOWN = 5
# Spending lines count a payment as positive: the opposite of SIGNED.
SPENT = -SIGNED


def welfare_lines() -> list[Category]:
    """The welfare line and its sub-lines: the columns of the tables (the line itself last,
    for vouchers entered on it directly)."""
    top = Category.objects.get(code=settings.WELFARE_CATEGORY)
    return [*Category.objects.filter(parent=top).order_by("order", "code"), top]


def _welfare(organisation: Organisation, lines: list[Category]):
    return Voucher.objects.posted().filter(
        organisation=organisation, member__isnull=False, category__in=lines
    )


def _per_line(lines: list[Category]) -> dict:
    return {f"line_{c.pk}": Coalesce(Sum(SPENT, filter=Q(category=c)), Value(0)) for c in lines} | {
        "total": Coalesce(Sum(SPENT), Value(0))
    }


@dataclass
class Row:
    label: str
    amounts: list[int]
    total: int
    count: int = 0
    group: str = ""


def _row(values: dict, lines: list[Category], label: str, **extra) -> Row:
    return Row(
        label=label,
        amounts=[values[f"line_{c.pk}"] for c in lines],
        total=values["total"],
        **extra,
    )


def welfare_by_member(organisation: Organisation, year: int, lines: list[Category], q: str = ""):
    """Members who received welfare in `year`, by name: one grouped query per page."""
    vouchers = _welfare(organisation, lines).filter(date__year=year)
    if q:
        vouchers = vouchers.filter(member__full_name__icontains=q)
    return (
        vouchers.values("member", "member__full_name", "member__organisation__name")
        .annotate(count=Count("id", filter=Q(kind=Voucher.Kind.PAYMENT)), **_per_line(lines))
        .order_by("member__sort_name", "member")
    )


def welfare_by_year(organisation: Organisation, years: range, lines: list[Category]) -> list[Row]:
    """Each year's welfare by line, and the members who received it."""
    rows = (
        _welfare(organisation, lines)
        .filter(date__year__gte=years.start, date__year__lt=years.stop)
        .values("year")
        .annotate(count=Count("member", distinct=True), **_per_line(lines))
    )
    found = {r["year"]: r for r in rows}
    empty = {"total": 0, "count": 0} | {f"line_{c.pk}": 0 for c in lines}
    return [
        _row(found.get(y, empty), lines, str(y), count=found.get(y, empty)["count"]) for y in years
    ]


@books_page()
def welfare(request, org):
    """Thăm hỏi, trợ cấp đoàn viên: per member for a year, and per year for the last five."""
    year = books_year(request)
    q = request.GET.get("q", "").strip()[:100]
    lines = welfare_lines()
    members = welfare_by_member(org, year, lines, q)
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        _row(
            values,
            lines,
            values["member__full_name"],
            count=values["count"],
            group=values["member__organisation__name"],
        )
        for values in page.object_list
    ]
    totals = _welfare(org, lines).filter(date__year=year).aggregate(**_per_line(lines))
    return render(
        request,
        "finance/welfare.html",
        {
            "title": _("Thăm hỏi, trợ cấp đoàn viên"),
            "org": org,
            "year": year,
            "q": q,
            "lines": lines,
            "rows": rows,
            "page": page,
            "totals": _row(totals, lines, _("Cộng cả năm")) if rows else None,
            "years": welfare_by_year(org, range(year - YEARS_SHOWN + 1, year + 1), lines),
            "vouchers_url": at(
                "finance:voucher_list", org, category=lines[-1].pk, kind=Voucher.Kind.PAYMENT
            ),
            "crumbs": finance_crumbs(org, (_("Thăm hỏi, trợ cấp"), "")),
        },
    )
