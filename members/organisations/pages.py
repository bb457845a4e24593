"""What every page of an organisation starts with: the organisation looked up in the user's
scope (404 outside it, 403 where the user may read but not manage), and its breadcrumbs.
The reports app's pages of an organisation (its letterhead) use them too."""

from django.urls import reverse
from django.utils.translation import gettext as _

from members.models import Organisation
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404


def org_for_read(request, pk) -> Organisation:
    return get_in_scope_or_404(Organisation.objects.in_scope(request.user), pk=pk)


def org_for_write(request, pk) -> Organisation:
    org = org_for_read(request, pk)
    access.require(request.user, Perm.MANAGE_ORG, org)
    return org


def org_crumbs(request, org: Organisation) -> list[tuple[str, str]]:
    """Breadcrumbs down to `org`, only through ancestors the user may open."""
    readable = (
        set(
            Organisation.objects.in_scope(request.user)
            .filter(pk__in=[a.pk for a in Organisation.objects.get_ancestors(org)])
            .values_list("pk", flat=True)
        )
        if org.depth > 1
        else set()
    )
    crumbs = [(_("Tổ chức"), reverse("members:organisation_tree"))]
    for ancestor in Organisation.objects.get_ancestors(org) if org.depth > 1 else []:
        if ancestor.pk in readable:
            crumbs.append((ancestor.short_name or ancestor.name, ancestor.get_absolute_url()))
    crumbs.append((org.short_name or org.name, org.get_absolute_url()))
    return crumbs
