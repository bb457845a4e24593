"""Pages of dự toán (the yearly budget) and quyết toán (the settlement), and its downloads.

Like finance.ledger.views: the branch comes through books_page (404 outside the user's books, 403
without VIEW_FINANCE); the budget page is read by whoever reads the books and saved only with
MANAGE_FINANCE there (403). Figures come from finance.funds.budgets; saving goes through
budgets.budget_save, in one transaction.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from finance.forms import MoneyField, MoneyInput, parse_money
from finance.models import BudgetLine, Category
from finance.pages import at, books_page, books_year, finance_crumbs
from unionhub import access
from unionhub.access import Perm
from unionhub.documents import render_docx, render_pdf
from unionhub.downloads import DOCX, PDF, XLSX, attachment
from unionhub.formatting import money
from unionhub.forms import apply_service_error

from . import budgets
from .budget_reports import settlement_document, settlement_xlsx

COPY_SOURCES = ("budget", "actual")


class BudgetForm(forms.Form):
    """An amount (a<pk>) and a note (n<pk>) for each category that may take a budget line."""

    def __init__(self, *args, categories: list[Category], **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = categories
        for category in categories:
            self.fields[f"a{category.pk}"] = MoneyField(
                label=str(category),
                required=False,
                allow_zero=True,
                widget=MoneyInput(
                    attrs={
                        "placeholder": "",
                        # The Bootstrap filter sets the class: right-align through the style.
                        "style": "text-align: right; min-width: 9rem",
                        "data-head": category.parent_id or category.pk,
                        "data-flow": category.flow,
                    }
                ),
            )
            self.fields[f"n{category.pk}"] = forms.CharField(
                label=_("Ghi chú %(line)s") % {"line": category.code},
                max_length=255,
                required=False,
            )

    def amounts(self) -> dict[Category, int | None]:
        """The amounts submitted; a field missing from the request leaves its line alone."""
        return {
            c: self.cleaned_data[f"a{c.pk}"] for c in self.categories if f"a{c.pk}" in self.data
        }

    def notes(self) -> dict[Category, str]:
        return {
            c: self.cleaned_data[f"n{c.pk}"] for c in self.categories if f"n{c.pk}" in self.data
        }

    def shown(self, category: Category) -> int:
        """The amount the page shows for `category` (typed, else initial): 0 when unreadable."""
        if self.is_bound:
            return parse_money(self.data.get(f"a{category.pk}", "")) or 0
        return self.initial.get(f"a{category.pk}") or 0


@dataclass
class BudgetRow:
    category: Category
    kind: str  # "line" (takes an amount), "head" (a line with sub-lines), "part", "own"
    amount: int  # this year's, as shown (a head's: its own part plus its sub-lines')
    last_budget: int
    last_actual: int
    field: forms.BoundField | None = None
    note: forms.BoundField | None = None
    saved_note: str = ""

    @property
    def label(self) -> str:
        return budgets.OWN_LABEL if self.kind == "own" else self.category.name


def _rows(tree, form: BudgetForm, notes: dict[int, str], last: budgets.YearFigures):
    """The page's rows, income then spending: a line, or a head, its sub-lines, its own part."""
    income, spending = budgets.settlement_lines(last)
    last_lines = {line.category.pk: line for line in income + spending if not line.own}
    zero = budgets.Figures(0, [0] * budgets.MONTHS)

    def row(category: Category, kind: str) -> BudgetRow:
        if kind == "own":
            last_own = budgets.Figures(
                last.budget.get(category.pk, 0), last.actual.get(category.pk, zero.months)
            )
        else:
            last_own = last_lines.get(category.pk, zero)
        return BudgetRow(
            category=category,
            kind=kind,
            amount=form.shown(category),
            last_budget=last_own.budget,
            last_actual=last_own.actual,
            field=form[f"a{category.pk}"],
            note=form[f"n{category.pk}"],
            saved_note=notes.get(category.pk, ""),
        )

    flows = {Category.Flow.INCOME: [], Category.Flow.SPENDING: []}
    for top, subs in tree:
        rows = flows[top.flow]
        if not subs:
            rows.append(row(top, "line"))
            continue
        parts = [row(sub, "part") for sub in subs] + [row(top, "own")]
        head = last_lines.get(top.pk, zero)
        rows.append(BudgetRow(top, "head", sum(p.amount for p in parts), head.budget, head.actual))
        rows += parts
    return flows[Category.Flow.INCOME], flows[Category.Flow.SPENDING]


def _saved_message(lines: list[BudgetLine]) -> str:
    income = sum(line.amount for line in lines if line.category.flow == Category.Flow.INCOME)
    return _("Đã lưu dự toán: tổng thu %(income)s, tổng chi %(spending)s.") % {
        "income": money(income),
        "spending": money(sum(line.amount for line in lines) - income),
    }


def _totals(rows: list[BudgetRow]) -> dict[str, int]:
    lines = [r for r in rows if r.kind in ("line", "head")]
    return {
        "amount": sum(r.amount for r in lines),
        "last_budget": sum(r.last_budget for r in lines),
        "last_actual": sum(r.last_actual for r in lines),
    }


@books_page()
@require_http_methods(["GET", "POST"])
def budget(request, org):
    """Dự toán năm: one amount per line of income and spending, saved at once."""
    user = request.user
    year = books_year(request)
    if request.method == "POST":
        access.require(user, Perm.MANAGE_FINANCE, org)
    can_manage = access.can(user, Perm.MANAGE_FINANCE, org)
    closed = budgets.closed_year(org, year)
    editable = can_manage and closed is None
    last = budgets.year_figures(org, year - 1)
    lines = BudgetLine.objects.filter(organisation=org, year=year)
    saved, notes = {}, {}
    for category, amount, note in lines.values_list("category", "amount", "note"):
        saved[category], notes[category] = amount, note
    tree = budgets.category_tree(last.categories, lambda c: c.active or c.pk in saved)
    categories = [c for top, subs in tree for c in (*subs, top)]
    initial_amounts = saved
    copy = request.GET.get("copy", "")
    if copy in COPY_SOURCES and editable:
        initial_amounts = budgets.starting_amounts(last, copy)
    initial = {f"a{pk}": amount for pk, amount in initial_amounts.items()}
    initial.update({f"n{pk}": note for pk, note in notes.items()})
    form = BudgetForm(
        request.POST if request.method == "POST" else None, initial=initial, categories=categories
    )
    here = at("finance:budget", org, year=year)
    if request.method == "POST" and form.is_valid():
        try:
            stored = budgets.budget_save(
                organisation=org,
                year=year,
                amounts=form.amounts(),
                notes=form.notes(),
                actor=user,
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _saved_message(stored))
            return redirect(here)
    income, spending = _rows(tree, form, notes, last)
    if copy in COPY_SOURCES and editable and request.method == "GET":
        messages.info(
            request,
            _("Đã điền sẵn theo %(source)s năm %(year)s: xem lại rồi bấm Lưu dự toán.")
            % {"source": _("dự toán") if copy == "budget" else _("thực hiện"), "year": year - 1},
        )
    title = _("Dự toán năm %(year)s") % {"year": year}
    return render(
        request,
        "finance/budget.html",
        {
            "title": title,
            "org": org,
            "year": year,
            "form": form,
            "editable": editable,
            "closed": closed,
            "can_manage": can_manage,
            "flows": [
                (Category.Flow.INCOME.value, income, _totals(income)),
                (Category.Flow.SPENDING.value, spending, _totals(spending)),
            ],
            "links": {
                "action": here,
                "prev": at("finance:budget", org, year=year - 1),
                "next": at("finance:budget", org, year=year + 1),
                "copy_budget": at("finance:budget", org, year=year, copy="budget"),
                "copy_actual": at("finance:budget", org, year=year, copy="actual"),
                "settlement": at("finance:settlement", org, year=year),
            },
            "crumbs": finance_crumbs(org, (title, "")),
        },
    )


@books_page()
def settlement(request, org):
    """Quyết toán năm: each line's budget and actual, the difference and %, then by month."""
    year = books_year(request)
    report = budgets.settlement(org, year)
    title = _("Quyết toán năm %(year)s") % {"year": year}
    return render(
        request,
        "finance/settlement.html",
        {
            "title": title,
            "org": org,
            "year": year,
            "report": report,
            "months": range(1, 13),
            "links": {
                "prev": at("finance:settlement", org, year=year - 1),
                "next": at("finance:settlement", org, year=year + 1),
                "budget": at("finance:budget", org, year=year),
                "pdf": at("finance:settlement_pdf", org, year=year),
                "docx": at("finance:settlement_docx", org, year=year),
                "xlsx": at("finance:settlement_xlsx", org, year=year),
            },
            "crumbs": finance_crumbs(org, (title, "")),
        },
    )


def _document(request, org):
    report = budgets.settlement(org, books_year(request))
    return settlement_document(report, number=request.GET.get("so", "")[:16])


@books_page()
def settlement_pdf(request, org):
    doc = _document(request, org)
    return attachment(render_pdf(doc), f"{doc.filename}.pdf", PDF)


@books_page()
def settlement_docx(request, org):
    doc = _document(request, org)
    return attachment(render_docx(doc), f"{doc.filename}.docx", DOCX)


@books_page()
def settlement_excel(request, org):
    report = budgets.settlement(org, books_year(request))
    return attachment(settlement_xlsx(report), f"quyet-toan-{report.year}.xlsx", XLSX)
