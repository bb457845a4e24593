"""The home page (Tổng quan): an organisation's dashboard."""

from datetime import date

from django.shortcuts import redirect, render
from django.urls import reverse

from members.models import Organisation
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.dates import query_id

from .dashboard import dashboard, dashboard_charts


def home(request):
    """Tổng quan: an organisation's dashboard, the user's own by default.

    `?org=` opens another one the user may read (an upper union's viewer drills into a
    branch); any other answers 404. A plain member lands on their profile.
    """
    user = request.user
    home_org = access.home_organisation(user)
    org_id = query_id(request, "org")
    if org_id is not None:
        org = get_in_scope_or_404(Organisation.objects.in_scope(user, Perm.VIEW_MEMBERS), pk=org_id)
    else:
        org = home_org
        if org is None or not access.can(user, Perm.VIEW_MEMBERS, org):
            member = getattr(user, "member", None)
            if member is not None:
                return redirect(member)
            return render(request, "home_empty.html")
    board = dashboard(org, date.today())
    crumbs = []
    if home_org is None or org.pk != home_org.pk:
        # The way back up: the readable organisations above this one.
        crumbs = [
            (ancestor.short_name or ancestor.name, f"{reverse('home')}?org={ancestor.pk}")
            for ancestor in Organisation.objects.get_ancestors(org)
            if access.can(user, Perm.VIEW_MEMBERS, ancestor)
        ] + [(org.short_name or org.name, "")]
    return render(
        request,
        "home.html",
        {
            "org": org,
            "board": board,
            "charts": dashboard_charts(board),
            "summary": board.summary,
            "crumbs": crumbs,
        },
    )
