"""Pages of the dues parameters: the rules a branch follows (the installation's and its own),
and a member's salary basis history. Reading needs the books; writing, MANAGE_FINANCE."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from finance.models import DuesRule, SalaryBasis
from finance.pages import (
    at,
    books_form,
    books_page,
    finance_crumbs,
    require_finance,
    scoped_row,
)
from finance.selectors import branch_of
from members.models import Member
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.formatting import money, vn_date
from unionhub.forms import apply_service_error
from unionhub.pages import delete_page, posted

from . import services
from .forms import DuesRuleForm, SalaryBasisForm
from .selectors import Rules


def _rules_crumbs(org, *trail):
    return finance_crumbs(org, (_("Quy định đoàn phí"), at("finance:dues_rules", org)), *trail)


@books_page()
def dues_rules(request, org):
    """Quy định đoàn phí: the installation's rules and the branch's own, the one in force now."""
    rules = Rules(org)
    return render(
        request,
        "finance/dues_rules.html",
        {
            "title": _("Quy định đoàn phí"),
            "org": org,
            "own": list(reversed(rules.own)),
            "default": list(reversed(rules.default)),
            "current": rules.on(date.today()),
            "can_manage": access.can(request.user, Perm.MANAGE_FINANCE, org),
            "crumbs": _rules_crumbs(org),
        },
    )


def _rule_form(request, org, rule: DuesRule):
    form = DuesRuleForm(posted(request), instance=rule, organisation=org)

    def save(form):
        services.dues_rule_save(rule=form.instance, actor=request.user)
        return at("finance:dues_rules", org)

    title = _("Sửa quy định đoàn phí") if rule.pk else _("Thêm quy định đoàn phí riêng")
    return books_form(
        request,
        org,
        form,
        title=title,
        save=save,
        cancel_url=at("finance:dues_rules", org),
        crumbs=_rules_crumbs(org, (title, "")),
        intro=_(
            "Quy định riêng của đơn vị thay quy định chung từ ngày áp dụng. Không thêm, sửa "
            "quy định từ một tháng đã khóa sổ."
        ),
    )


@books_page(Perm.MANAGE_FINANCE)
def dues_rule_create(request, org):
    return _rule_form(request, org, DuesRule(organisation=org))


def dues_rule_edit(request, pk):
    rule = scoped_row(request, DuesRule.objects.all(), pk, Perm.MANAGE_FINANCE)
    return _rule_form(request, rule.organisation, rule)


@require_http_methods(["GET", "POST"])
def dues_rule_delete(request, pk):
    rule = scoped_row(request, DuesRule.objects.all(), pk, Perm.MANAGE_FINANCE)
    org = rule.organisation
    title = _("Xóa quy định đoàn phí")
    return delete_page(
        request,
        delete=lambda: services.dues_rule_delete(rule=rule, actor=request.user),
        done=_("Đã xóa quy định đoàn phí."),
        back=at("finance:dues_rules", org),
        title=title,
        message=_("Xóa quy định riêng này? Các tháng từ ngày áp dụng sẽ theo quy định trước đó."),
        crumbs=_rules_crumbs(org, (title, "")),
        extra=[
            (_("Áp dụng từ ngày"), vn_date(rule.effective_from)),
            (_("Mức đóng"), f"{rule.rate}%"),
        ],
    )


# --- salary bases ----------------------------------------------------------------------------


def _member(request, pk) -> Member:
    """A member whose salary the user may see (else 404) in books they read (else 403)."""
    require_finance(request.user)
    member = get_in_scope_or_404(
        Member.objects.in_scope(request.user, Perm.VIEW_PERSONAL).select_related("organisation"),
        pk=pk,
    )
    access.require(request.user, Perm.VIEW_FINANCE, member.organisation)
    return member


def _salary_url(member: Member) -> str:
    return reverse("finance:member_salary", args=[member.pk])


def _salary_crumbs(member: Member, *trail):
    branch = branch_of(member.organisation) or member.organisation
    return finance_crumbs(
        branch,
        (_("Đoàn phí"), at("finance:dues_grid", branch)),
        (_("Lương đóng đoàn phí: %(name)s") % {"name": member.full_name}, _salary_url(member)),
        *trail,
    )


@require_http_methods(["GET", "POST"])
def member_salary(request, pk):
    """A member's salary basis from each date on, and a form to add the next one."""
    member = _member(request, pk)
    can_manage = access.can(request.user, Perm.MANAGE_FINANCE, member.organisation)
    form = None
    if can_manage:
        form = SalaryBasisForm(posted(request), member=member)
        if request.method == "POST" and form.is_valid():
            try:
                services.salary_basis_save(basis=form.instance, actor=request.user)
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("Đã lưu."))
                return redirect(_salary_url(member))
    elif request.method == "POST":
        access.require(request.user, Perm.MANAGE_FINANCE, member.organisation)
    return render(
        request,
        "finance/member_salary.html",
        {
            "title": _("Lương làm căn cứ đóng đoàn phí"),
            "member": member,
            "history": member.salary_history.order_by("-effective_from"),
            "profile_amount": member.salary_basis,
            "form": form,
            "crumbs": _salary_crumbs(member),
        },
    )


@require_http_methods(["GET", "POST"])
def salary_delete(request, pk):
    require_finance(request.user)
    basis = get_in_scope_or_404(
        SalaryBasis.objects.filter(
            member__in=Member.objects.in_scope(request.user, Perm.VIEW_PERSONAL)
        ).select_related("member__organisation"),
        pk=pk,
    )
    member = basis.member
    access.require(request.user, Perm.MANAGE_FINANCE, member.organisation)
    title = _("Xóa mức lương")
    return delete_page(
        request,
        delete=lambda: services.salary_basis_delete(basis=basis, actor=request.user),
        done=_("Đã xóa."),
        back=_salary_url(member),
        title=title,
        message=_("Xóa mức lương này khỏi lịch sử? Đoàn phí các tháng sau đó sẽ tính lại."),
        crumbs=_salary_crumbs(member, (title, "")),
        extra=[
            (_("Từ ngày"), vn_date(basis.effective_from)),
            (_("Lương làm căn cứ"), money(basis.amount)),
        ],
    )
