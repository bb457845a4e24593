"""Pages of the awards as counted: the year tables (page, .xlsx, PDF, DOCX) and the award list
their cells link to. The organisation comes from ?org=, as on every emulation page
(emulation.pages)."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from emulation.models import AwardTitle
from emulation.pages import DEFAULT_YEARS, MAX_YEARS, at, emulation_page, year_span
from members.models import Organisation
from unionhub import access
from unionhub.access import Perm
from unionhub.documents import render_docx, render_pdf
from unionhub.downloads import DOCX, PDF, XLSX, attachment

from .documents import award_tables_document, award_tables_xlsx, years_label
from .lists import AwardFilterForm, award_page, filtered_awards
from .selectors import AwardTable
from .selectors import award_tables as award_tables_of

PAGE_SIZE = 50


# --- scope and parameters --------------------------------------------------------------------


def _crumbs(org: Organisation, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    return [(org.short_name or org.name, org.get_absolute_url()), *trail]


def _tables(request, org) -> tuple[AwardTable, AwardTable]:
    return award_tables_of(org, *year_span(request))


# --- the year tables -------------------------------------------------------------------------


def _linked(table: AwardTable, org: Organisation) -> list[dict]:
    """The table for the template: its two sections, each row's cells with their list links."""
    sections = []
    for number, label, rows in (
        ("I", _("CÁ NHÂN"), table.individual),
        ("II", _("TẬP THỂ"), table.collective),
    ):
        sections.append(
            {
                "number": number,
                "label": label,
                "rows": [
                    {
                        "title": row.title,
                        "total": row.total,
                        "cells": [
                            (n, at("emulation:award_list", org, year=year, title=row.title.pk))
                            for year, n in zip(table.years, row.counts, strict=True)
                        ],
                    }
                    for row in rows
                ],
            }
        )
    return sections


@emulation_page()
def award_tables(request, org):
    """Bảng tổng hợp khen thưởng: the state's and the union's titles × years of the subtree."""
    state, union = _tables(request, org)
    first, last = state.years[0], state.years[-1]
    span = {"from": first, "to": last}
    return render(
        request,
        "emulation/award_tables.html",
        {
            "title": _("Bảng tổng hợp khen thưởng"),
            "org": org,
            "subtitle": years_label(state.years),
            "years": state.years,
            "first": first,
            "last": last,
            "max_years": MAX_YEARS,
            "tables": [
                (str(AwardTitle.Authority(t.authority).label), _linked(t, org))
                for t in (state, union)
            ],
            "links": {
                "xlsx": at("emulation:award_tables_xlsx", org, **span),
                "pdf": at("emulation:award_tables_pdf", org, **span),
                "docx": at("emulation:award_tables_docx", org, **span),
                "list": at("emulation:award_list", org),
            },
            "crumbs": _crumbs(org, (_("Bảng tổng hợp khen thưởng"), "")),
        },
    )


@emulation_page()
def award_tables_excel(request, org):
    state, union = _tables(request, org)
    name = f"khen-thuong-{state.years[0]}-{state.years[-1]}.xlsx"
    return attachment(award_tables_xlsx(state, union), name, XLSX)


@emulation_page()
def award_tables_pdf(request, org):
    doc = award_tables_document(*_tables(request, org))
    return attachment(render_pdf(doc), f"{doc.filename}.pdf", PDF)


@emulation_page()
def award_tables_docx(request, org):
    doc = award_tables_document(*_tables(request, org))
    return attachment(render_docx(doc), f"{doc.filename}.docx", DOCX)


# --- the award list --------------------------------------------------------------------------


@emulation_page()
def award_list(request, org):
    """Danh sách khen thưởng: the subtree's awards, filtered; each row its recipient, title,
    year, decision and prize."""
    form = AwardFilterForm(request.GET)
    form.is_valid()  # a wrong value in one filter drops that filter only
    data = form.cleaned_data
    page = award_page(filtered_awards(org, data), request.GET.get("page"), PAGE_SIZE)
    for award in page.object_list:
        # A group leader reads the group's awards, not the branch's decision they come from.
        decision = award.decision
        award.decision_url = (
            reverse("emulation:decision_detail", args=[decision.pk])
            if access.can(request.user, Perm.VIEW_EMULATION, decision.organisation)
            else ""
        )
    year = data.get("year")
    return render(
        request,
        "emulation/award_list.html",
        {
            "title": _("Danh sách khen thưởng"),
            "org": org,
            "filter": form,
            "searched": any(v for k, v in request.GET.items() if k not in ("org", "page")),
            "filters_used": any(
                v for k, v in request.GET.items() if k not in ("org", "page", "q", "member")
            ),
            "page": page,
            "links": {
                "clear": at("emulation:award_list", org),
                "tables": at(
                    "emulation:award_tables",
                    org,
                    **({"from": year - DEFAULT_YEARS + 1, "to": year} if year else {}),
                ),
            },
            "crumbs": _crumbs(
                org,
                (_("Bảng tổng hợp khen thưởng"), at("emulation:award_tables", org)),
                (_("Danh sách khen thưởng"), ""),
            ),
        },
    )
