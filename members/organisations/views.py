"""Pages of the structure: the tree, an organisation, its terms, bodies and positions.
Thin: scope lookup, form, one service, render."""

import copy
from datetime import date

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from members.models import Body, Member, Organisation, Position, Term
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.audit import history_entries
from unionhub.dates import query_date
from unionhub.pages import form_page, posted
from unionhub.sections import sections

from . import selectors, services
from .forms import BodyForm, OrganisationForm, PositionEndForm, PositionForm, TermForm
from .pages import org_crumbs, org_for_read, org_for_write


def _day_param(request) -> date:
    """The ?date= of a page (dd/mm/yyyy or ISO), today when absent; a date that cannot be used
    gives today too, with a message naming it."""
    return query_date(request, "date", date.today())


def organisation_tree(request):
    """The tree from the top of what the user may read, each node with its member count."""
    user = request.user
    if not access.can_anywhere(user, Perm.VIEW_ORG):
        raise PermissionDenied
    tops = access.top_organisations(user, Perm.VIEW_ORG)
    for top in tops:
        top.member_count = Member.objects.active().in_subtree(top).count()
    nodes = [(top, selectors.children_with_member_counts(top)) for top in tops]
    return render(request, "members/organisation_tree.html", {"nodes": nodes})


def organisation_children(request, pk):
    """htmx fragment: one more level of the tree under `pk`."""
    org = org_for_read(request, pk)
    return render(
        request,
        "members/_organisation_children.html",
        {"children": selectors.children_with_member_counts(org)},
    )


def organisation_detail(request, pk):
    org = org_for_read(request, pk)
    user = request.user
    day = _day_param(request)
    bodies = list(org.bodies.select_related("term").order_by("kind", "-term__start"))
    return render(
        request,
        "members/organisation_detail.html",
        {
            "org": org,
            "crumbs": org_crumbs(request, org),
            "children": selectors.children_with_member_counts(org),
            "summary": selectors.organisation_summary(org),
            "terms": org.terms.all(),
            "bodies": bodies,
            "holders": selectors.current_office_holders(org, day),
            "day": day,
            "can_manage": access.can(user, Perm.MANAGE_ORG, org),
            "can_view_members": access.can(user, Perm.VIEW_MEMBERS, org),
            "history": history_entries(org) if access.can(user, Perm.VIEW_AUDIT, org) else None,
            "allowed_children": [
                Organisation.Kind(k).label for k in Organisation.ALLOWED_CHILDREN[org.kind]
            ],
            # The organisation's own awards as a collective.
            **sections("organisation", org, user),
        },
    )


def organisation_create(request, parent_pk):
    parent = org_for_write(request, parent_pk)
    form = OrganisationForm(posted(request))
    allowed = Organisation.ALLOWED_CHILDREN[parent.kind]
    form.fields["kind"].choices = [c for c in Organisation.Kind.choices if c[0] in allowed]

    def save(form):
        org = services.organisation_create(parent=parent, actor=request.user, **form.cleaned_data)
        return org.get_absolute_url()

    return form_page(
        request,
        form,
        title=_("Thêm đơn vị trực thuộc %(name)s") % {"name": parent.name},
        save=save,
        cancel_url=parent.get_absolute_url(),
        crumbs=org_crumbs(request, parent),
    )


def organisation_edit(request, pk):
    org = org_for_write(request, pk)
    # The form edits a copy: the service compares the submitted values with the stored ones.
    form = OrganisationForm(posted(request), instance=copy.copy(org))
    if not access.is_admin(request.user):
        # Turning a branch into an upper union (or back) reshapes who sees what: administrators.
        del form.fields["kind"]

    def save(form):
        services.organisation_update(organisation=org, actor=request.user, **form.cleaned_data)
        return org.get_absolute_url()

    return form_page(
        request,
        form,
        title=_("Sửa thông tin đơn vị"),
        save=save,
        cancel_url=org.get_absolute_url(),
        crumbs=org_crumbs(request, org),
    )


def term_edit(request, org_pk, pk=None):
    org = org_for_write(request, org_pk)
    term = get_object_or_404(org.terms, pk=pk) if pk else Term(organisation=org)
    form = TermForm(posted(request), instance=term)

    def save(form):
        services.term_save(term=form.instance, actor=request.user)
        return org.get_absolute_url()

    return form_page(
        request,
        form,
        title=_("Sửa nhiệm kỳ") if pk else _("Thêm nhiệm kỳ"),
        save=save,
        cancel_url=org.get_absolute_url(),
        crumbs=org_crumbs(request, org),
    )


def body_edit(request, org_pk, pk=None):
    org = org_for_write(request, org_pk)
    body = get_object_or_404(org.bodies, pk=pk) if pk else Body(organisation=org)
    form = BodyForm(posted(request), instance=body, organisation=org)

    def save(form):
        saved = services.body_save(body=form.instance, actor=request.user)
        return saved.get_absolute_url()

    return form_page(
        request,
        form,
        title=_("Sửa cơ quan") if pk else _("Thêm cơ quan"),
        save=save,
        cancel_url=org.get_absolute_url(),
        crumbs=org_crumbs(request, org),
    )


def _body_for_read(request, pk) -> Body:
    return get_in_scope_or_404(
        Body.objects.in_scope(request.user).select_related("organisation", "term"), pk=pk
    )


def body_detail(request, pk):
    body = _body_for_read(request, pk)
    day = _day_param(request)
    org = body.organisation
    return render(
        request,
        "members/body_detail.html",
        {
            "body": body,
            "org": org,
            "day": day,
            "composition": selectors.body_composition(body, day),
            "all_positions": body.positions.select_related("member").order_by("-start", "id"),
            "crumbs": org_crumbs(request, org) + [(str(body), "")],
            "can_manage": access.can(request.user, Perm.MANAGE_ORG, org),
            "history": history_entries(body)
            if access.can(request.user, Perm.VIEW_AUDIT, org)
            else None,
        },
    )


def position_edit(request, body_pk, pk=None):
    body = _body_for_read(request, body_pk)
    access.require(request.user, Perm.MANAGE_ORG, body.organisation)
    position = get_object_or_404(body.positions, pk=pk) if pk else Position(body=body)
    form = PositionForm(posted(request), instance=position, body=body)

    def save(form):
        services.position_save(position=form.instance, actor=request.user)
        return body.get_absolute_url()

    return form_page(
        request,
        form,
        title=_("Sửa chức vụ") if pk else _("Thêm người giữ chức vụ"),
        save=save,
        cancel_url=body.get_absolute_url(),
        crumbs=org_crumbs(request, body.organisation) + [(str(body), body.get_absolute_url())],
    )


def position_end(request, pk):
    position = get_in_scope_or_404(
        Position.objects.in_scope(request.user).select_related("body__organisation", "member"),
        pk=pk,
    )
    body = position.body
    access.require(request.user, Perm.MANAGE_ORG, body.organisation)
    form = PositionEndForm(posted(request))

    def save(form):
        services.position_end(position=position, end=form.cleaned_data["end"], actor=request.user)
        return body.get_absolute_url()

    return form_page(
        request,
        form,
        title=_("Kết thúc chức vụ: %(p)s") % {"p": position},
        save=save,
        cancel_url=body.get_absolute_url(),
        crumbs=org_crumbs(request, body.organisation) + [(str(body), body.get_absolute_url())],
    )
