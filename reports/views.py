import tempfile
from datetime import date
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from members.models import LevelChoice, Organisation
from members.organisations.letterhead import settings_for
from members.organisations.pages import org_crumbs, org_for_write
from members.registry.forms import UNRECORDED
from members.registry.statistics import (
    LEVEL_FIELDS,
    movement_events,
    movement_labels,
    movements_between,
    statistics_on,
)
from unionhub import access, downloads
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.dates import query_date, query_id, query_range
from unionhub.documents import render_docx, render_html, render_pdf
from unionhub.downloads import attachment
from unionhub.pages import form_page, posted

from . import services
from .exports import statistics_xlsx
from .forms import LetterheadForm
from .member_report import member_report


def index(request):
    """Báo cáo: the documents and exports available from live data."""
    if not access.can_anywhere(request.user, Perm.VIEW_MEMBERS):
        raise PermissionDenied
    return render(
        request,
        "reports/index.html",
        {"can_export": access.can_anywhere(request.user, Perm.EXPORT_MEMBERS)},
    )


def _statistics_request(request) -> tuple[Organisation, date, date, date]:
    """The organisation (readable, else 404; home by default), the day and the period."""
    user = request.user
    if not access.can_anywhere(user, Perm.VIEW_MEMBERS):
        raise PermissionDenied
    org_id = query_id(request, "org")
    if org_id is not None:
        org = get_in_scope_or_404(Organisation.objects.in_scope(user, Perm.VIEW_MEMBERS), pk=org_id)
    else:
        org = access.home_organisation(user)
        if org is None or not access.can(user, Perm.VIEW_MEMBERS, org):
            raise PermissionDenied
    today = date.today()
    day = min(query_date(request, "on", today), today)
    start, end = query_range(request, date(day.year, 1, 1), day)
    end = min(end, today)
    return org, day, min(start, end), end


def statistics(request):
    """Thống kê đoàn viên: an organisation's figures on a day, each linked to its members."""
    org, day, start, end = _statistics_request(request)
    stats = statistics_on(org, day)
    base = {"org": org.pk, "on": day.strftime("%d/%m/%Y")}

    def link(**params) -> str:
        return f"{reverse('members:member_list')}?{urlencode({**base, **params})}"

    levels = [
        (
            LevelChoice.Kind(kind).label,
            [(name, n, link(**{LEVEL_FIELDS[kind]: pk or UNRECORDED})) for pk, name, n in entries],
        )
        for kind, entries in stats.levels.items()
    ]
    return render(
        request,
        "reports/statistics.html",
        {
            "title": _("Thống kê đoàn viên"),
            "org": org,
            "day": day,
            "start": start,
            "end": end,
            "stats": stats,
            # For the opening sentence every report uses (groups: as the tree is now).
            "summary": {
                "total": stats.total,
                "women": stats.women,
                "groups": Organisation.objects.subtree_of(org)
                .filter(kind=Organisation.Kind.GROUP)
                .count(),
            },
            "links": {
                "total": link(),
                "women": link(gender="F"),
                "party": link(party="1"),
            },
            "units": [
                (unit, n, women, link(group=unit.pk), link(group=unit.pk, gender="F"))
                for unit, n, women in stats.by_unit
            ],
            "employment": [(label, n, link(employment=v)) for v, label, n in stats.employment],
            "age_bands": [(label, n, link(age=i)) for i, label, n in stats.age_bands],
            "levels": levels,
            "movements": _movement_rows(org, start, end),
            "export_url": f"{reverse('reports:statistics_export')}?{request.GET.urlencode()}",
            "crumbs": [(_("Báo cáo"), reverse("reports:index")), (_("Thống kê đoàn viên"), "")],
        },
    )


def _movement_rows(org: Organisation, start: date, end: date) -> list[tuple[str, int, str]]:
    """Each movement figure of the period with the link to its events."""
    movements = movements_between(org, start, end)
    counts = {
        "admitted": movements.admitted,
        "reinstated": movements.reinstated,
        "transferred_in": movements.transferred_in,
        "transferred_out": movements.transferred_out,
        **{f"left_{kind}": n for kind, _label, n in movements.departures},
    }
    period = {"org": org.pk, "from": start.strftime("%d/%m/%Y"), "to": end.strftime("%d/%m/%Y")}
    return [
        (
            label,
            counts[figure],
            f"{reverse('reports:movements')}?{urlencode({**period, 'figure': figure})}",
        )
        for figure, label in movement_labels().items()
    ]


def movements(request):
    """The events behind one movement figure of the statistics page, newest first."""
    org, _day, start, end = _statistics_request(request)
    figure = request.GET.get("figure", "")
    labels = movement_labels()
    if figure not in labels:
        raise Http404
    events = (
        movement_events(org, start, end, figure)
        .select_related("member", "organisation", "from_organisation")
        .order_by("-date", "-id")
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/movements.html",
        {
            "title": labels[figure],
            "org": org,
            "start": start,
            "end": end,
            "page": page,
            "crumbs": [
                (_("Báo cáo"), reverse("reports:index")),
                (_("Thống kê đoàn viên"), f"{reverse('reports:statistics')}?org={org.pk}"),
                (labels[figure], ""),
            ],
        },
    )


def statistics_export(request):
    """The same figures as .xlsx."""
    org, day, start, end = _statistics_request(request)
    spool = tempfile.TemporaryFile()
    statistics_xlsx(
        statistics_on(org, day),
        movements_between(org, start, end),
        start=start,
        end=end,
        fileobj=spool,
    )
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=f"thong-ke-doan-vien-{day:%Y-%m-%d}.xlsx",
        content_type=downloads.XLSX,
    )


def _member_report_request(request):
    org, day, _start, _end = _statistics_request(request)
    number = request.GET.get("so", "").strip()[:16]
    return org, day, number, member_report(org, day, number=number)


def member_report_preview(request):
    """Báo cáo tình hình đoàn viên: the document on screen, with its PDF and Word downloads."""
    org, day, number, doc = _member_report_request(request)
    query = request.GET.copy()
    query["org"], query["on"] = org.pk, day.strftime("%d/%m/%Y")
    return render(
        request,
        "reports/member_report.html",
        {
            "title": _("Báo cáo tình hình đoàn viên"),
            "org": org,
            "day": day,
            "number": number,
            "document": render_html(doc, standalone=False),
            "query": query.urlencode(),
            "can_manage": access.can(request.user, Perm.MANAGE_ORG, org),
            "crumbs": [(_("Báo cáo"), reverse("reports:index")), (_("Tình hình đoàn viên"), "")],
        },
    )


def member_report_pdf(request):
    *_unused, doc = _member_report_request(request)
    return attachment(render_pdf(doc), f"{doc.filename}.pdf", downloads.PDF)


def member_report_docx(request):
    *_unused, doc = _member_report_request(request)
    return attachment(render_docx(doc), f"{doc.filename}.docx", downloads.DOCX)


def letterhead_edit(request, org_pk):
    """Mẫu văn bản: how the organisation heads and signs its documents."""
    org = org_for_write(request, org_pk)
    form = LetterheadForm(posted(request), instance=settings_for(org), organisation=org)

    def save(form):
        services.letterhead_update(organisation=org, actor=request.user, **form.cleaned_data)
        return f"{reverse('reports:member_report')}?org={org.pk}"

    return form_page(
        request,
        form,
        title=_("Mẫu văn bản: tiêu đề, nơi nhận, người ký"),
        save=save,
        cancel_url=org.get_absolute_url(),
        crumbs=org_crumbs(request, org),
    )
