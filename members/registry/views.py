"""Pages of the registry: the member list, a member's profile and lifecycle, recommendations to
the Party, applications to join. Thin: scope lookup, form, one service, render."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from members.models import PERSONAL_FIELDS, AdmissionApplication, Member, PartyRecommendation
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.audit import history_entries
from unionhub.pages import form_page, posted
from unionhub.sections import sections

from . import services
from .forms import (
    ApplicationForm,
    ApproveForm,
    EndMembershipForm,
    MemberForm,
    PartyRecommendationForm,
    ReinstateForm,
    RejectForm,
    TransferForm,
)
from .listing import member_list_page

# --- shared plumbing -------------------------------------------------------------------------


def _member_for_read(request, pk, *related: str) -> Member:
    return get_in_scope_or_404(
        Member.objects.in_scope(request.user).select_related("organisation", *related), pk=pk
    )


def _member_for_write(request, pk) -> Member:
    member = _member_for_read(request, pk)
    access.require(request.user, Perm.MANAGE_MEMBERS, member.organisation)
    return member


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
            # The member's awards, ratings, registrations, initiatives and activities.
            **sections("member", member, user),
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
