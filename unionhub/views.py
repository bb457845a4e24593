from django.shortcuts import redirect, render

from members import selectors

from . import access
from .access import Perm


def home(request):
    """Tổng quan: the current organisation at a glance; a plain member lands on their profile."""
    user = request.user
    org = access.home_organisation(user)
    if org is None or not access.can(user, Perm.VIEW_MEMBERS, org):
        member = getattr(user, "member", None)
        if member is not None:
            return redirect(member)
        return render(request, "home_empty.html")
    return render(
        request, "home.html", {"org": org, "summary": selectors.organisation_summary(org)}
    )
