from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from unionhub import access
from unionhub.access import Perm


def index(request):
    """Báo cáo: the documents and exports available from live data."""
    if not access.can_anywhere(request.user, Perm.VIEW_MEMBERS):
        raise PermissionDenied
    return render(
        request,
        "reports/index.html",
        {"can_export": access.can_anywhere(request.user, Perm.EXPORT_MEMBERS)},
    )
