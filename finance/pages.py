"""How a page of the books finds its branch and its rows, and the small pieces every finance
page shares (URLs, breadcrumbs, the form page, dates and years of the query string).

A branch (CĐCS) keeps the books; ?org= names it, in the user's VIEW_FINANCE scope (404
outside it); users who read no books anywhere get 403. A group or sub-branch stands for the
branch above it; an upper union's pages list the branches below it.
"""

from datetime import date
from functools import wraps
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from members.models import Organisation
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.dates import query_id, query_range, query_year
from unionhub.pages import form_page

from .models import Voucher

PAGE_SIZE = 50

# Who keeps books: a CĐCS. Its groups and sub-branches do not; an upper union's page lists the
# branches below it.
BOOK_KEEPERS = {Organisation.Kind.BRANCH}


# --- scope -----------------------------------------------------------------------------------


def require_finance(user) -> None:
    """Users who read no books anywhere get 403 on every finance page, as on the member list."""
    if not access.can_anywhere(user, Perm.VIEW_FINANCE):
        raise PermissionDenied


def requested_org(request) -> Organisation:
    """?org= if its books are readable (else 404); by default the user's own organisation."""
    user = request.user
    require_finance(user)
    org_id = query_id(request, "org")
    if org_id is not None:
        org = get_in_scope_or_404(Organisation.objects.in_scope(user, Perm.VIEW_FINANCE), pk=org_id)
    else:
        org = access.home_organisation(user)
        if org is None or not access.can(user, Perm.VIEW_FINANCE, org):
            org = access.top_organisations(user, Perm.VIEW_FINANCE)[0]
    if org.kind not in BOOK_KEEPERS and org.kind != Organisation.Kind.UPPER:
        # A group or sub-branch: its branch keeps the books.
        branch = (
            Organisation.objects.in_scope(user, Perm.VIEW_FINANCE)
            .filter(kind__in=BOOK_KEEPERS, pk__in=[a.pk for a in org.get_ancestors()])
            .first()
        )
        org = branch or org
    return org


def books_page(perm: Perm = Perm.VIEW_FINANCE):
    """Decorate a page about one branch's books: `view(request, org, ...)`.

    The branch comes from ?org=; `perm` must hold there (else 403). An organisation that keeps
    no books sends the user to the index, which lists the branches below it.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            org = requested_org(request)
            access.require(request.user, perm, org)
            if org.kind not in BOOK_KEEPERS:
                return redirect(at("finance:index", org))
            return view(request, org, *args, **kwargs)

        return wrapper

    return decorate


def scoped_row(request, queryset, pk, perm: Perm):
    """A branch-owned row: 404 outside the user's books, 403 when `perm` does not hold there."""
    require_finance(request.user)
    row = get_in_scope_or_404(
        queryset.in_scope(request.user, Perm.VIEW_FINANCE).select_related("organisation"), pk=pk
    )
    access.require(request.user, perm, row.organisation)
    return row


def scoped_voucher(request, pk, perm: Perm = Perm.VIEW_FINANCE) -> Voucher:
    return scoped_row(request, Voucher.objects.select_related("account", "category"), pk, perm)


# --- small helpers ---------------------------------------------------------------------------


def at(name: str, org: Organisation, **params) -> str:
    """A finance page of `org`: reverse(name)?org=...&params."""
    query = {"org": org.pk, **{k: v for k, v in params.items() if v not in (None, "")}}
    return f"{reverse(name)}?{urlencode(query)}"


def voucher_url(voucher: Voucher) -> str:
    return reverse("finance:voucher_detail", args=[voucher.pk])


def finance_crumbs(org: Organisation, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    return [(_("Tài chính"), at("finance:index", org)), *trail]


def voucher_crumbs(voucher: Voucher, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    """Tài chính › Chứng từ › the voucher › trail."""
    org = voucher.organisation
    return finance_crumbs(
        org,
        (_("Chứng từ"), at("finance:voucher_list", org)),
        (str(voucher), voucher_url(voucher)),
        *trail,
    )


def books_form(request, org, form, *, title, save, cancel_url, crumbs, **extra):
    """A form of the books (finance/form.html: `submit`, `intro`, `details`, `confirm`)."""
    return form_page(
        request,
        form,
        title=title,
        save=save,
        cancel_url=cancel_url,
        template="finance/form.html",
        crumbs=crumbs,
        extra={"org": org, **extra},
    )


def books_year(request) -> int:
    """?year= when plausible (unionhub.dates), else this year, with a message when it was typed."""
    return query_year(request, default=date.today().year)


def date_range(request, default_start: date, default_end: date) -> tuple[date, date]:
    """?from= and ?to=: a plausible range of at most a few decades (unionhub.dates)."""
    return query_range(request, default_start, default_end)
