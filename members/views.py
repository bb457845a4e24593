"""Pages of the structure and the registry. Thin: scope lookup, form, one service, render."""

import copy
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from emulation.activity_selectors import member_activities
from emulation.initiatives import member_initiatives
from emulation.lists import member_awards, member_ratings, organisation_awards
from emulation.registrations import member_registrations
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.audit import history_entries
from unionhub.pages import form_page, posted

from . import selectors, services
from .forms import (
    ApplicationForm,
    ApproveForm,
    BodyForm,
    EndMembershipForm,
    MemberForm,
    OrganisationForm,
    PartyRecommendationForm,
    PositionEndForm,
    PositionForm,
    ReinstateForm,
    RejectForm,
    TermForm,
    TransferForm,
)
from .listing import member_list_page
from .models import (
    PERSONAL_FIELDS,
    AdmissionApplication,
    Body,
    Member,
    Organisation,
    PartyRecommendation,
    Position,
    Term,
)

# --- shared plumbing -------------------------------------------------------------------------


def _org_for_read(request, pk) -> Organisation:
    return get_in_scope_or_404(Organisation.objects.in_scope(request.user), pk=pk)


def org_for_write(request, pk) -> Organisation:
    org = _org_for_read(request, pk)
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


def _member_for_read(request, pk, *related: str) -> Member:
    return get_in_scope_or_404(
        Member.objects.in_scope(request.user).select_related("organisation", *related), pk=pk
    )


def _member_for_write(request, pk) -> Member:
    member = _member_for_read(request, pk)
    access.require(request.user, Perm.MANAGE_MEMBERS, member.organisation)
    return member


def _day_param(request) -> date:
    """The ?date= of a page (dd/mm/yyyy or ISO), today when absent or unreadable."""
    value = request.GET.get("date", "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return date.today()


# --- organisations ---------------------------------------------------------------------------


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
    org = _org_for_read(request, pk)
    return render(
        request,
        "members/_organisation_children.html",
        {"children": selectors.children_with_member_counts(org)},
    )


def organisation_detail(request, pk):
    org = _org_for_read(request, pk)
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
            "awards": organisation_awards(org),
            "can_view_awards": access.can(user, Perm.VIEW_EMULATION, org),
            "history": history_entries(org) if access.can(user, Perm.VIEW_AUDIT, org) else None,
            "allowed_children": [
                Organisation.Kind(k).label for k in Organisation.ALLOWED_CHILDREN[org.kind]
            ],
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


# --- members ---------------------------------------------------------------------------------


def member_list(request):
    if not access.can_anywhere(request.user, Perm.VIEW_MEMBERS):
        raise PermissionDenied
    return render(request, "members/member_list.html", member_list_page(request))


def member_detail(request, pk):
    member = _member_for_read(
        request,
        pk,
        "ethnicity",
        "professional_level",
        "political_level",
        "language_level",
        "it_level",
    )
    user = request.user
    org = member.organisation
    can_personal = access.can(user, Perm.VIEW_PERSONAL, org)
    return render(
        request,
        "members/member_detail.html",
        {
            "member": member,
            "events": member.events.select_related("organisation", "from_organisation"),
            "positions": member.positions.select_related(
                "body", "body__organisation", "body__term"
            ).order_by("-start"),
            "recommendations": member.party_recommendations.all(),
            # A plain member sees their own awards here; the award list is for VIEW_EMULATION.
            "awards": member_awards(member),
            "ratings": member_ratings(member),
            "registrations": member_registrations(member),
            "initiatives": member_initiatives(member),
            # Links only to the activities the reader may open (those kept above a group are
            # not a group leader's).
            "activities": [
                (a, access.can(user, Perm.VIEW_EMULATION, a.organisation))
                for a in member_activities(member)
            ],
            "can_view_awards": access.can(user, Perm.VIEW_EMULATION, org),
            "can_manage": access.can(user, Perm.MANAGE_MEMBERS, org),
            "can_personal": can_personal,
            "history": history_entries(member, hidden=() if can_personal else PERSONAL_FIELDS)
            if access.can(user, Perm.VIEW_AUDIT, org)
            else None,
            # A plain member reaches only their own page: no link to a list they cannot open.
            "crumbs": (
                [(_("Đoàn viên"), reverse("members:member_list"))]
                if access.can_anywhere(user, Perm.VIEW_MEMBERS)
                else []
            )
            + [(member.full_name, "")],
        },
    )


def member_create(request):
    if not access.can_anywhere(request.user, Perm.MANAGE_MEMBERS):
        raise PermissionDenied
    form = MemberForm(posted(request), user=request.user)

    def save(form):
        member = services.member_register(
            member=form.instance,
            admitted_on=form.cleaned_data["admitted_on"],
            decision_no=form.cleaned_data["decision_no"],
            actor=request.user,
        )
        return member.get_absolute_url()

    return form_page(
        request,
        form,
        title=_("Thêm đoàn viên"),
        save=save,
        cancel_url=reverse("members:member_list"),
        template="members/member_form.html",
        crumbs=[(_("Đoàn viên"), reverse("members:member_list")), (_("Thêm mới"), "")],
    )


def member_edit(request, pk):
    member = _member_for_write(request, pk)
    form = MemberForm(posted(request), instance=member, user=request.user)

    def save(form):
        services.member_update(member=form.instance, actor=request.user)
        return member.get_absolute_url()

    return form_page(
        request,
        form,
        title=_("Sửa hồ sơ: %(name)s") % {"name": member.full_name},
        save=save,
        cancel_url=member.get_absolute_url(),
        template="members/member_form.html",
        crumbs=[
            (_("Đoàn viên"), reverse("members:member_list")),
            (member.full_name, member.get_absolute_url()),
            (_("Sửa"), ""),
        ],
    )


def _member_action(request, pk, *, form_class, title, run, needs_user=False):
    member = _member_for_write(request, pk)
    kwargs = {"user": request.user} if needs_user else {}
    form = form_class(posted(request), **kwargs)

    def save(form):
        run(member, form.cleaned_data)
        return member.get_absolute_url()

    return form_page(
        request,
        form,
        title=f"{title}: {member.full_name}",
        save=save,
        cancel_url=member.get_absolute_url(),
        crumbs=[
            (_("Đoàn viên"), reverse("members:member_list")),
            (member.full_name, member.get_absolute_url()),
            (title, ""),
        ],
    )


def member_transfer(request, pk):
    return _member_action(
        request,
        pk,
        form_class=TransferForm,
        title=_("Chuyển sinh hoạt"),
        needs_user=True,
        run=lambda member, data: services.member_transfer(
            member=member,
            to=data["organisation"],
            day=data["date"],
            decision_no=data["decision_no"],
            note=data["note"],
            actor=request.user,
        ),
    )


def member_end(request, pk):
    return _member_action(
        request,
        pk,
        form_class=EndMembershipForm,
        title=_("Kết thúc sinh hoạt"),
        run=lambda member, data: services.member_end(
            member=member,
            kind=data["kind"],
            day=data["date"],
            decision_no=data["decision_no"],
            destination=data["destination"],
            note=data["note"],
            actor=request.user,
        ),
    )


def member_reinstate(request, pk):
    return _member_action(
        request,
        pk,
        form_class=ReinstateForm,
        title=_("Sinh hoạt trở lại"),
        needs_user=True,
        run=lambda member, data: services.member_reinstate(
            member=member,
            organisation=data["organisation"],
            day=data["date"],
            decision_no=data["decision_no"],
            note=data["note"],
            actor=request.user,
        ),
    )


def recommendation_edit(request, member_pk, pk=None):
    member = _member_for_write(request, member_pk)
    recommendation = (
        get_object_or_404(member.party_recommendations, pk=pk)
        if pk
        else PartyRecommendation(member=member, year=date.today().year)
    )
    form = PartyRecommendationForm(posted(request), instance=recommendation)

    def save(form):
        services.party_recommendation_save(recommendation=form.instance, actor=request.user)
        return member.get_absolute_url()

    return form_page(
        request,
        form,
        title=_("Giới thiệu đoàn viên ưu tú cho Đảng: %(n)s") % {"n": member},
        save=save,
        cancel_url=member.get_absolute_url(),
        crumbs=[
            (_("Đoàn viên"), reverse("members:member_list")),
            (member.full_name, member.get_absolute_url()),
        ],
    )


# --- admission applications ------------------------------------------------------------------


def application_list(request):
    user = request.user
    if not access.can_anywhere(user, Perm.MANAGE_MEMBERS):
        raise PermissionDenied
    status = request.GET.get("status", AdmissionApplication.Status.PENDING)
    qs = AdmissionApplication.objects.in_scope(user, Perm.MANAGE_MEMBERS).select_related(
        "organisation", "member"
    )
    if status in AdmissionApplication.Status.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "members/application_list.html",
        {
            "applications": qs[:200],
            "status": status,
            "statuses": AdmissionApplication.Status.choices,
        },
    )


def _application_for_write(request, pk) -> AdmissionApplication:
    """An application the user may read (else 404) and decide (else 403), as for members.

    Users who decide no applications anywhere get 403 first, like on the list page.
    """
    if not access.can_anywhere(request.user, Perm.MANAGE_MEMBERS):
        raise PermissionDenied
    application = get_in_scope_or_404(
        AdmissionApplication.objects.in_scope(request.user, Perm.VIEW_MEMBERS).select_related(
            "organisation"
        ),
        pk=pk,
    )
    access.require(request.user, Perm.MANAGE_MEMBERS, application.organisation)
    return application


def application_edit(request, pk=None):
    if pk:
        application = _application_for_write(request, pk)
    elif access.can_anywhere(request.user, Perm.MANAGE_MEMBERS):
        application = None
    else:
        raise PermissionDenied
    form = ApplicationForm(posted(request), instance=application, user=request.user)

    def save(form):
        services.application_save(application=form.instance, actor=request.user)
        return reverse("members:application_list")

    return form_page(
        request,
        form,
        title=_("Đơn xin gia nhập"),
        save=save,
        cancel_url=reverse("members:application_list"),
        crumbs=[(_("Đơn xin gia nhập"), reverse("members:application_list"))],
    )


def application_approve(request, pk):
    application = _application_for_write(request, pk)
    form = ApproveForm(posted(request), initial={"decided_on": date.today()})

    def save(form):
        member = services.application_approve(
            application=application, actor=request.user, **form.cleaned_data
        )
        return member.get_absolute_url()

    return form_page(
        request,
        form,
        title=_("Kết nạp: %(n)s") % {"n": application.full_name},
        save=save,
        cancel_url=reverse("members:application_list"),
        crumbs=[(_("Đơn xin gia nhập"), reverse("members:application_list"))],
    )


def application_reject(request, pk):
    application = _application_for_write(request, pk)
    form = RejectForm(posted(request), initial={"decided_on": date.today()})

    def save(form):
        services.application_reject(
            application=application, actor=request.user, **form.cleaned_data
        )
        return reverse("members:application_list")

    return form_page(
        request,
        form,
        title=_("Không kết nạp: %(n)s") % {"n": application.full_name},
        save=save,
        cancel_url=reverse("members:application_list"),
        crumbs=[(_("Đơn xin gia nhập"), reverse("members:application_list"))],
    )
