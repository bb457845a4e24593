"""The year view of activities (page, .xlsx, PDF, DOCX): what an organisation's subtree held in
a year. The organisation comes from ?org=, as on every emulation page (emulation.pages)."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from emulation.pages import at, emulation_page, year_or_this
from unionhub.documents import render_docx, render_pdf
from unionhub.downloads import DOCX, PDF, XLSX, attachment

from .year import ActivityYear, activity_year, activity_year_document, activity_year_xlsx


def _view(request, org) -> ActivityYear:
    return activity_year(org, year_or_this(request))


@emulation_page()
def activity_year_page(request, org):
    """Hoạt động trong năm: the subtree's activities of ?year=, their totals, a summary per
    kind and the results won."""
    view = _view(request, org)
    year = view.year
    return render(
        request,
        "emulation/activity_year.html",
        {
            "title": _("Hoạt động trong năm"),
            "subtitle": _("năm %(year)s") % {"year": year},
            "org": org,
            "year": year,
            "view": view,
            "links": {
                "prev": at("emulation:activity_year", org, year=year - 1),
                "next": at("emulation:activity_year", org, year=year + 1),
                "xlsx": at("emulation:activity_year_xlsx", org, year=year),
                "pdf": at("emulation:activity_year_pdf", org, year=year),
                "docx": at("emulation:activity_year_docx", org, year=year),
                "list": at("emulation:activity_list", org, year=year),
            },
            "crumbs": [
                (org.short_name or org.name, org.get_absolute_url()),
                (_("Hoạt động trong năm"), ""),
            ],
        },
    )


@emulation_page()
def activity_year_excel(request, org):
    view = _view(request, org)
    return attachment(activity_year_xlsx(view), f"hoat-dong-{view.year}.xlsx", XLSX)


@emulation_page()
def activity_year_pdf(request, org):
    doc = activity_year_document(_view(request, org))
    return attachment(render_pdf(doc), f"{doc.filename}.pdf", PDF)


@emulation_page()
def activity_year_docx(request, org):
    doc = activity_year_document(_view(request, org))
    return attachment(render_docx(doc), f"{doc.filename}.docx", DOCX)
