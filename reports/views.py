import tempfile
from datetime import date, datetime
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from members.exchange import XLSX_TYPE
from members.forms import UNRECORDED
from members.models import LevelChoice, Organisation
from members.statistics import LEVEL_FIELDS, movements_between, statistics_on
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404

from .exports import statistics_xlsx


def index(request):
    """Báo cáo: the documents and exports available from live data."""
    if not access.can_anywhere(request.user, Perm.VIEW_MEMBERS):
        raise PermissionDenied
    return render(
        request,
        "reports/index.html",
        {"can_export": access.can_anywhere(request.user, Perm.EXPORT_MEMBERS)},
    )


def _date_param(request, name: str, default: date) -> date:
    try:
        return datetime.strptime(request.GET.get(name, "").strip(), "%d/%m/%Y").date()
    except ValueError:
        return default


def _statistics_request(request) -> tuple[Organisation, date, date, date]:
    """The organisation (readable, else 404; home by default), the day and the period."""
    user = request.user
    if not access.can_anywhere(user, Perm.VIEW_MEMBERS):
        raise PermissionDenied
    org_id = request.GET.get("org", "")
    if org_id.isdigit():
        org = get_in_scope_or_404(Organisation.objects.in_scope(user, Perm.VIEW_MEMBERS), pk=org_id)
    else:
        org = access.home_organisation(user)
        if org is None or not access.can(user, Perm.VIEW_MEMBERS, org):
            raise PermissionDenied
    today = date.today()
    day = min(_date_param(request, "on", today), today)
    start = _date_param(request, "from", date(day.year, 1, 1))
    end = min(_date_param(request, "to", day), today)
    return org, day, start, end


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
            "movements": movements_between(org, start, end),
            "export_url": f"{reverse('reports:statistics_export')}?{request.GET.urlencode()}",
            "crumbs": [(_("Báo cáo"), reverse("reports:index")), (_("Thống kê đoàn viên"), "")],
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
        content_type=XLSX_TYPE,
    )
