"""Pages of the initiatives (sáng kiến): the list of a subtree with the year's figures and its
.xlsx, one initiative with its history, create, edit, delete.

Thin like the decisions' views: the organisation (?org=) or the initiative is resolved through
the user's VIEW_EMULATION scope (404 outside it), writes need MANAGE_EMULATION there (403), a
form validates the input and one service writes.
"""

from datetime import date

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from emulation.lists import pickable_members
from emulation.models import Initiative
from emulation.pages import at, emulation_page, require_emulation
from members.models import Organisation
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.audit import history_entries
from unionhub.downloads import XLSX, attachment
from unionhub.pages import delete_page, form_page, posted

from .initiative_forms import InitiativeFilterForm, InitiativeForm
from .initiatives import (
    COMMON_FIELDS,
    TARGET_SHARE,
    filtered_initiatives,
    initiative_delete,
    initiative_fields,
    initiative_figures,
    initiative_page,
    initiative_save,
    initiatives_in_scope,
    initiatives_xlsx,
)

PAGE_SIZE = 50


def _initiative(request, pk, perm: Perm = Perm.VIEW_EMULATION) -> Initiative:
    """An initiative: 404 outside what the user reads, 403 when `perm` does not hold there."""
    require_emulation(request.user)
    initiative = get_in_scope_or_404(
        initiatives_in_scope(request.user).select_related("organisation", "created_by"), pk=pk
    )
    access.require(request.user, perm, initiative.organisation)
    return initiative


def _detail_url(initiative: Initiative) -> str:
    return reverse("emulation:initiative_detail", args=[initiative.pk])


def _crumbs(org: Organisation, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    return [(_("Sáng kiến"), at("emulation:initiative_list", org)), *trail]


def _initiative_crumbs(initiative: Initiative, *trail) -> list[tuple[str, str]]:
    return _crumbs(
        initiative.organisation, (_short(initiative.name), _detail_url(initiative)), *trail
    )


def _short(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _filters(request, org: Organisation) -> InitiativeFilterForm:
    form = InitiativeFilterForm(request.GET, fields=initiative_fields(org))
    form.is_valid()  # a wrong value in one filter drops that filter only
    return form


def _heading(form: InitiativeFilterForm) -> str:
    """What the list shows, for the .xlsx title: "Danh sách sáng kiến năm 2025 · Được công nhận"."""
    data = form.cleaned_data
    parts = [_("Danh sách sáng kiến")]
    if data.get("year"):
        parts[0] += " " + _("năm %(year)s") % {"year": data["year"]}
    for name in ("status", "level"):
        if data.get(name):
            parts.append(str(dict(form.fields[name].choices)[data[name]]))
    if data.get("field"):
        parts.append(_("Lĩnh vực: %(f)s") % {"f": data["field"]})
    if data.get("q"):
        parts.append(_("Tìm: “%(q)s”") % {"q": data["q"]})
    return " · ".join(parts)


# --- list ------------------------------------------------------------------------------------


@emulation_page()
def initiative_list(request, org):
    """The initiatives kept by the organisation and the units below it, with the figures of
    the chosen year (?year=, by default this year)."""
    form = _filters(request, org)
    year = form.cleaned_data.get("year") or date.today().year
    queryset = filtered_initiatives(org, form.cleaned_data)
    searched = any(v for k, v in request.GET.items() if k not in ("org", "page"))
    params = {k: v for k, v in request.GET.items() if k not in ("org", "page")}
    return render(
        request,
        "emulation/initiative_list.html",
        {
            "title": _("Sáng kiến"),
            "org": org,
            "filter": form,
            "searched": searched,
            "filters_used": any(v for k, v in params.items() if k != "q"),
            "page": initiative_page(queryset, request.GET.get("page"), PAGE_SIZE),
            "figures": initiative_figures(org, year),
            "target": TARGET_SHARE,
            "can_manage": access.can(request.user, Perm.MANAGE_EMULATION, org),
            "links": {
                "create": at("emulation:initiative_create", org),
                "clear": at("emulation:initiative_list", org),
                "xlsx": at("emulation:initiative_xlsx", org, **params),
                "prev_year": at("emulation:initiative_list", org, **(params | {"year": year - 1})),
                "next_year": at("emulation:initiative_list", org, **(params | {"year": year + 1})),
            },
            "crumbs": [(_("Sáng kiến"), "")],
        },
    )


@emulation_page()
def initiative_xlsx(request, org):
    """The list as filtered, every row (not one page), as an .xlsx."""
    form = _filters(request, org)
    content = initiatives_xlsx(org, filtered_initiatives(org, form.cleaned_data), _heading(form))
    year = form.cleaned_data.get("year")
    return attachment(content, f"sang-kien-{year or 'tat-ca'}.xlsx", XLSX)


# --- create, edit ----------------------------------------------------------------------------


def _form_page(request, initiative: Initiative, *, title, cancel_url, crumbs):
    org = initiative.organisation
    keep = list(initiative.authors.values_list("pk", flat=True)) if initiative.pk else []
    pickable = pickable_members(org, keep)
    form = InitiativeForm(posted(request), instance=initiative, candidates=pickable.members)

    def save(form):
        initiative_save(initiative=form.instance, authors=form.chosen_authors(), actor=request.user)
        return _detail_url(form.instance)

    return form_page(
        request,
        form,
        title=title,
        save=save,
        cancel_url=cancel_url,
        template="emulation/initiative_form.html",
        crumbs=crumbs,
        extra={
            "org": org,
            "too_many": pickable.too_many,
            "field_suggestions": list(dict.fromkeys([*initiative_fields(org), *COMMON_FIELDS])),
            "history": history_entries(initiative) if initiative.pk else None,
        },
    )


@emulation_page(Perm.MANAGE_EMULATION)
def initiative_create(request, org):
    title = _("Thêm sáng kiến")
    return _form_page(
        request,
        Initiative(organisation=org),
        title=title,
        cancel_url=at("emulation:initiative_list", org),
        crumbs=_crumbs(org, (title, "")),
    )


def initiative_edit(request, pk):
    initiative = _initiative(request, pk, Perm.MANAGE_EMULATION)
    return _form_page(
        request,
        initiative,
        title=_("Sửa sáng kiến"),
        cancel_url=_detail_url(initiative),
        crumbs=_initiative_crumbs(initiative, (_("Sửa"), "")),
    )


# --- one initiative --------------------------------------------------------------------------


def initiative_detail(request, pk):
    initiative = _initiative(request, pk)
    user = request.user
    authors = list(initiative.authors.select_related("organisation").order_by("sort_name", "pk"))
    return render(
        request,
        "emulation/initiative_detail.html",
        {
            "title": _("Sáng kiến"),
            "org": initiative.organisation,
            "initiative": initiative,
            # Links to the members' pages only where the reader may open them.
            "authors": [(m, access.can(user, Perm.VIEW_MEMBERS, m.organisation)) for m in authors],
            "can_manage": access.can(user, Perm.MANAGE_EMULATION, initiative.organisation),
            "history": history_entries(initiative),
            "crumbs": _crumbs(initiative.organisation, (_short(initiative.name), "")),
        },
    )


@require_http_methods(["GET", "POST"])
def initiative_remove(request, pk):
    initiative = _initiative(request, pk, Perm.MANAGE_EMULATION)
    return delete_page(
        request,
        delete=lambda: initiative_delete(initiative=initiative, actor=request.user),
        done=_("Đã xóa sáng kiến “%(name)s”.") % {"name": _short(initiative.name)},
        back=at("emulation:initiative_list", initiative.organisation),
        title=_("Xóa sáng kiến"),
        message=_("Xóa hẳn sáng kiến này? Lịch sử thay đổi vẫn được lưu."),
        crumbs=_initiative_crumbs(initiative, (_("Xóa"), "")),
        extra=[
            (_("Tên sáng kiến"), initiative.name),
            (_("Năm"), str(initiative.year)),
            (_("Tình trạng"), initiative.get_status_display()),
        ],
    )
