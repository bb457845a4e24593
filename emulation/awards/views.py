"""Pages of the award decisions (quyết định khen thưởng) and their recipients.

Thin like the books' views: resolve the organisation or the decision through the user's scope
(404 outside it), check the write permission (403), validate a form, call one service. The
organisation is any kind (a group, a branch, an upper union): a decision is kept by the one
that enters it, and its list shows the decisions of the whole subtree.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from emulation.models import Award, AwardDecision, AwardTitle
from emulation.pages import at, emulation_page, require_emulation
from finance.models import Account, Voucher
from finance.selectors import branch_of
from members.models import Organisation
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.audit import history_entries
from unionhub.dates import query_id
from unionhub.formatting import money, vn_date
from unionhub.pages import delete_page, form_page, posted

from . import services
from .forms import (
    MAX_CANDIDATES,
    AwardAddForm,
    DecisionCreateForm,
    DecisionFilterForm,
    DecisionForm,
    TitlePickForm,
    candidates,
)

PAGE_SIZE = 50


# --- scope -----------------------------------------------------------------------------------


def _decision(request, pk, perm: Perm = Perm.VIEW_EMULATION, *related: str) -> AwardDecision:
    """A decision: 404 outside what the user reads, 403 when `perm` does not hold there."""
    require_emulation(request.user)
    decision = get_in_scope_or_404(
        AwardDecision.objects.in_scope(request.user, Perm.VIEW_EMULATION).select_related(
            "organisation", "title", *related
        ),
        pk=pk,
    )
    access.require(request.user, perm, decision.organisation)
    return decision


# --- small helpers ---------------------------------------------------------------------------


def _decision_url(decision: AwardDecision) -> str:
    return reverse("emulation:decision_detail", args=[decision.pk])


def decisions_crumbs(org: Organisation, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    return [(_("Quyết định khen thưởng"), at("emulation:decision_list", org)), *trail]


def _decision_crumbs(decision: AwardDecision, *trail) -> list[tuple[str, str]]:
    return decisions_crumbs(
        decision.organisation,
        (_("Số %(n)s") % {"n": decision.number}, _decision_url(decision)),
        *trail,
    )


def _decision_summary(decision: AwardDecision) -> list[tuple[str, str]]:
    return [
        (_("Số quyết định"), decision.number),
        (_("Ngày ký"), vn_date(decision.signed_on)),
        (_("Cơ quan ra quyết định"), decision.issuer),
        (_("Danh hiệu"), f"{decision.title} ({decision.title.get_subject_display()})"),
        (_("Năm khen thưởng"), str(decision.year)),
    ]


def _posted_voucher(decision: AwardDecision) -> bool:
    return Award.objects.filter(decision=decision, voucher__state=Voucher.State.POSTED).exists()


# --- list ------------------------------------------------------------------------------------


@emulation_page()
def decision_list(request, org):
    """Quyết định khen thưởng kept by the organisation and the units below it, newest first."""
    form = DecisionFilterForm(request.GET)
    form.is_valid()  # a wrong value in one filter drops that filter only
    data = form.cleaned_data
    subtree = Organisation.objects.subtree_of(org).values("pk")
    decisions = AwardDecision.objects.filter(organisation__in=subtree)
    if data.get("year"):
        decisions = decisions.filter(year=data["year"])
    if data.get("authority"):
        decisions = decisions.filter(title__authority=data["authority"])
    if data.get("title"):
        decisions = decisions.filter(title=data["title"])
    if q := data.get("q", "").strip():
        decisions = decisions.filter(Q(number__icontains=q) | Q(issuer__icontains=q))
    rows = (
        decisions.select_related("title", "organisation")
        .annotate(recipients=Count("awards"), prizes=Sum("awards__prize"))
        .order_by("-signed_on", "-id")
    )
    searched = any(v for k, v in request.GET.items() if k not in ("org", "page"))
    return render(
        request,
        "emulation/decision_list.html",
        {
            "title": _("Quyết định khen thưởng"),
            "org": org,
            "filter": form,
            "searched": searched,
            "filters_used": any(v for k, v in request.GET.items() if k not in ("org", "page", "q")),
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "can_manage": access.can(request.user, Perm.MANAGE_EMULATION, org),
            "links": {
                "create": at("emulation:decision_create", org),
                "clear": at("emulation:decision_list", org),
            },
            "crumbs": [(_("Quyết định khen thưởng"), "")],
        },
    )


# --- create ----------------------------------------------------------------------------------


def prize_accounts(org: Organisation):
    """The accounts of the branch keeping the organisation's books; None above branches."""
    books = branch_of(org)
    return None if books is None else Account.objects.filter(organisation=books).order_by("pk")


@emulation_page(Perm.MANAGE_EMULATION)
def decision_create(request, org):
    """A new decision: first its title (?title=), then the header and the recipients."""
    title_id = query_id(request, "title")
    title = (
        AwardTitle.objects.filter(pk=title_id, active=True).first()
        if title_id is not None
        else None
    )
    page_title = _("Nhập quyết định khen thưởng")
    decisions = at("emulation:decision_list", org)
    crumbs = decisions_crumbs(org, (page_title, ""))
    if title is None:
        return render(
            request,
            "emulation/decision_title.html",
            {
                "title": page_title,
                "org": org,
                "form": TitlePickForm(request.GET if request.GET.get("title") else None),
                "cancel_url": decisions,
                "crumbs": crumbs,
            },
        )
    listed = candidates(org, title.subject)
    form = DecisionCreateForm(
        posted(request),
        initial={"title": title.pk},
        subject=title.subject,
        candidates=listed,
        accounts=prize_accounts(org),
    )

    def save(form):
        decision = form.apply(AwardDecision(organisation=org))
        services.decision_create(
            decision=decision,
            recipients=form.recipients,
            actor=request.user,
            prize_account=form.cleaned_data.get("prize_account"),
        )
        return _decision_url(decision)

    return form_page(
        request,
        form,
        title=page_title,
        save=save,
        cancel_url=decisions,
        template="emulation/decision_form.html",
        crumbs=crumbs,
        extra={
            "org": org,
            "award_title": title,
            "individual": title.subject == AwardTitle.Subject.INDIVIDUAL,
            "too_many": len(listed) > MAX_CANDIDATES,
            "change_title": at("emulation:decision_create", org),
        },
    )


# --- one decision ----------------------------------------------------------------------------


def decision_detail(request, pk):
    decision = _decision(request, pk, Perm.VIEW_EMULATION, "created_by")
    user = request.user
    awards = list(
        decision.awards.select_related(
            "member__organisation", "recipient", "unit", "voucher__organisation"
        ).order_by("unit__path", "member__sort_name", "recipient__path", "pk")
    )
    vouchers = {a.voucher.pk: a.voucher for a in awards if a.voucher}
    can_manage = access.can(user, Perm.MANAGE_EMULATION, decision.organisation)
    return render(
        request,
        "emulation/decision_detail.html",
        {
            "title": _("Quyết định số %(n)s") % {"n": decision.number},
            "org": decision.organisation,
            "decision": decision,
            "awards": [
                (
                    award,
                    # Links only where the reader may follow them.
                    award.member and access.can(user, Perm.VIEW_MEMBERS, award.member.organisation),
                )
                for award in awards
            ],
            "total_prize": sum(a.prize for a in awards),
            "vouchers": [
                (v, access.can(user, Perm.VIEW_FINANCE, v.organisation)) for v in vouchers.values()
            ],
            "can_manage": can_manage,
            "can_delete": can_manage
            and not any(v.state == Voucher.State.POSTED for v in vouchers.values()),
            "history": history_entries(decision),
            "crumbs": decisions_crumbs(decision.organisation, (decision.number, "")),
        },
    )


def decision_edit(request, pk):
    decision = _decision(request, pk, Perm.MANAGE_EMULATION)
    form = DecisionForm(posted(request), decision=decision, subject=decision.title.subject)

    def save(form):
        services.decision_update(decision=form.apply(decision), actor=request.user)
        return _decision_url(decision)

    return form_page(
        request,
        form,
        title=_("Sửa quyết định khen thưởng"),
        save=save,
        cancel_url=_decision_url(decision),
        template="finance/form.html",
        crumbs=_decision_crumbs(decision, (_("Sửa"), "")),
        extra={
            "org": decision.organisation,
            "intro": _(
                "Năm và danh hiệu sửa ở đây áp dụng cho mọi người trong quyết định; danh hiệu "
                "giữ nguyên đối tượng (cá nhân hoặc tập thể)."
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def decision_delete(request, pk):
    decision = _decision(request, pk, Perm.MANAGE_EMULATION)
    org = decision.organisation
    if _posted_voucher(decision):
        messages.error(
            request, _("Tiền thưởng của quyết định đã chi (phiếu chi đã ghi sổ): không xóa được.")
        )
        return redirect(_decision_url(decision))
    return delete_page(
        request,
        delete=lambda: services.decision_delete(decision=decision, actor=request.user),
        done=_("Đã xóa quyết định khen thưởng."),
        back=at("emulation:decision_list", org),
        title=_("Xóa quyết định khen thưởng"),
        message=_(
            "Xóa hẳn quyết định này cùng danh sách người được khen thưởng và phiếu chi tiền "
            "thưởng nháp (nếu có)?"
        ),
        crumbs=_decision_crumbs(decision, (_("Xóa"), "")),
        extra=_decision_summary(decision),
    )


# --- recipients ------------------------------------------------------------------------------


def award_add(request, pk):
    decision = _decision(request, pk, Perm.MANAGE_EMULATION)
    listed = candidates(
        decision.organisation, decision.title.subject, exclude=list(decision.awards.all())
    )
    form = AwardAddForm(posted(request), candidates=listed[:MAX_CANDIDATES])

    def save(form):
        services.award_add(decision=decision, recipient=form.chosen(), actor=request.user)
        return _decision_url(decision)

    return form_page(
        request,
        form,
        title=_("Thêm người được khen thưởng"),
        save=save,
        cancel_url=_decision_url(decision),
        template="finance/form.html",
        crumbs=_decision_crumbs(decision, (_("Thêm người"), "")),
        extra={
            "org": decision.organisation,
            "details": _decision_summary(decision),
            "intro": _(
                "Tiền thưởng của người được thêm cộng vào phiếu chi nháp của quyết định (nếu có)."
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def award_delete(request, pk):
    require_emulation(request.user)
    award = get_in_scope_or_404(
        Award.objects.filter(
            decision__in=AwardDecision.objects.in_scope(request.user, Perm.VIEW_EMULATION)
        ).select_related("decision__organisation", "decision__title", "member", "recipient"),
        pk=pk,
    )
    decision = award.decision
    access.require(request.user, Perm.MANAGE_EMULATION, decision.organisation)
    back = _decision_url(decision)
    name = award.member.full_name if award.member else award.recipient.name
    if award.voucher_id and award.voucher.state == Voucher.State.POSTED:
        messages.error(request, _("Tiền thưởng đã chi (phiếu chi đã ghi sổ): không xóa được."))
        return redirect(back)
    return delete_page(
        request,
        delete=lambda: services.award_delete(award=award, actor=request.user),
        done=_("Đã xóa %(name)s khỏi quyết định.") % {"name": name},
        back=back,
        title=_("Xóa người được khen thưởng"),
        message=_("Xóa %(name)s khỏi quyết định này?") % {"name": name},
        crumbs=_decision_crumbs(decision, (_("Xóa người"), "")),
        extra=[*_decision_summary(decision), (_("Tiền thưởng"), money(award.prize))],
    )
