"""Pages of the activities and events (hoạt động, sự kiện): the list of a subtree, one
activity with its participants, cost vouchers and documents, and its form; the writes of those
sections are in section_views.py.

Thin like the decisions' pages: the organisation or the activity comes through the user's
VIEW_EMULATION scope (404 outside it), writes need MANAGE_EMULATION at the organiser (403),
a form validates the input and one service in emulation.activities.services writes.
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from emulation.models import Activity
from emulation.pages import at, emulation_page
from finance.models import Voucher
from members.models import Organisation
from unionhub import access
from unionhub.access import Perm
from unionhub.audit import history_entries
from unionhub.files import DOCUMENT_TYPES, accept, kinds
from unionhub.pages import delete_page, form_page, posted
from unionhub.text import fold

from . import services
from .forms import ActivityFilterForm, ActivityForm, VoucherLinkForm
from .pages import (
    activities_crumbs,
    activity_crumbs,
    activity_dates,
    activity_summary,
    activity_url,
    scoped_activity,
    user_reads_books,
)
from .selectors import attendance_rate, cost_vouchers, taking_part, total_cost, with_figures

PAGE_SIZE = 50


# --- list ------------------------------------------------------------------------------------


@emulation_page()
def activity_list(request, org):
    """The activities organised by the organisation and the units below it, newest first."""
    form = ActivityFilterForm(request.GET)
    form.is_valid()  # a wrong value in one filter drops that filter only
    data = form.cleaned_data
    subtree = Organisation.objects.subtree_of(org).values("pk")
    activities = Activity.objects.filter(organisation__in=subtree)
    if data.get("year"):
        activities = activities.filter(starts_on__year=data["year"])
    if data.get("kind"):
        activities = activities.filter(kind=data["kind"])
    if needle := fold(data.get("q", "")):
        activities = activities.filter(search_text__contains=needle)
    rows = with_figures(activities.select_related("organisation")).order_by("-starts_on", "-id")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "emulation/activity_list.html",
        {
            "title": _("Hoạt động, sự kiện"),
            "org": org,
            "filter": form,
            "searched": any(v for k, v in request.GET.items() if k not in ("org", "page")),
            "filters_used": any(v for k, v in request.GET.items() if k not in ("org", "page", "q")),
            "page": page,
            "rows": [
                {
                    "activity": a,
                    "dates": activity_dates(a),
                    "taking_part": taking_part(a),
                    "rate": attendance_rate(a),
                    "cost": total_cost(a),
                    "result": (a.result_lines or [""])[0],
                    "more_results": len(a.result_lines) - 1,
                }
                for a in page.object_list
            ],
            "can_manage": access.can(request.user, Perm.MANAGE_EMULATION, org),
            "links": {
                "create": at("emulation:activity_create", org),
                "clear": at("emulation:activity_list", org),
            },
            "crumbs": [(_("Hoạt động, sự kiện"), "")],
        },
    )


# --- create, edit, delete --------------------------------------------------------------------


def _form_page(request, form, activity: Activity, *, title, cancel_url, crumbs):
    def save(form):
        services.activity_save(activity=form.apply(activity), actor=request.user)
        if request.POST.get("then") == "participants":
            return reverse("emulation:activity_participants", args=[activity.pk])
        return activity_url(activity)

    return form_page(
        request,
        form,
        title=title,
        save=save,
        cancel_url=cancel_url,
        template="emulation/activity_form.html",
        crumbs=crumbs,
        extra={"org": activity.organisation, "activity": activity},
    )


@emulation_page(Perm.MANAGE_EMULATION)
def activity_create(request, org):
    title = _("Thêm hoạt động, sự kiện")
    return _form_page(
        request,
        ActivityForm(posted(request)),
        Activity(organisation=org),
        title=title,
        cancel_url=at("emulation:activity_list", org),
        crumbs=activities_crumbs(org, (title, "")),
    )


def activity_edit(request, pk):
    activity = scoped_activity(request, pk, Perm.MANAGE_EMULATION)
    return _form_page(
        request,
        ActivityForm(posted(request), activity=activity),
        activity,
        title=_("Sửa hoạt động, sự kiện"),
        cancel_url=activity_url(activity),
        crumbs=activity_crumbs(activity, (_("Sửa"), "")),
    )


@require_http_methods(["GET", "POST"])
def activity_delete(request, pk):
    activity = scoped_activity(request, pk, Perm.MANAGE_EMULATION)
    files = activity.attachments.count()
    return delete_page(
        request,
        delete=lambda: services.activity_delete(activity=activity, actor=request.user),
        done=_("Đã xóa hoạt động “%(name)s”.") % {"name": activity.name},
        back=at("emulation:activity_list", activity.organisation),
        title=_("Xóa hoạt động, sự kiện"),
        message=_(
            "Xóa hẳn hoạt động này cùng danh sách người tham gia và %(files)s tệp đính kèm? "
            "Các phiếu chi kinh phí vẫn giữ nguyên trong sổ."
        )
        % {"files": files},
        crumbs=activity_crumbs(activity, (_("Xóa"), "")),
        extra=activity_summary(activity),
    )


# --- one activity ----------------------------------------------------------------------------


def _vouchers(activity: Activity, user) -> list[dict]:
    vouchers = activity.vouchers.select_related("organisation", "category", "reversed_by")
    rows = []
    for v in vouchers.order_by("date", "number", "pk"):
        reversed_by = getattr(v, "reversed_by", None)
        rows.append(
            {
                "voucher": v,
                "readable": access.can(user, Perm.VIEW_FINANCE, v.organisation),
                "reversed_by": reversed_by,
                "counted": v.kind == Voucher.Kind.PAYMENT and reversed_by is None,
            }
        )
    return rows


def activity_detail(request, pk):
    activity = scoped_activity(request, pk)
    user = request.user
    can_manage = access.can(user, Perm.MANAGE_EMULATION, activity.organisation)
    participants = list(
        activity.participants.select_related("organisation").order_by(
            "organisation__path", "sort_name", "pk"
        )
    )
    reads_books = user_reads_books(user, activity)
    vouchers = _vouchers(activity, user) if reads_books else []
    link_form = None
    if can_manage and reads_books:
        # Not those paying an activity already (this one or another).
        choices = cost_vouchers(activity.organisation, activity.starts_on.year).filter(
            activities__isnull=True
        )
        link_form = VoucherLinkForm(vouchers=choices)
    return render(
        request,
        "emulation/activity_detail.html",
        {
            "title": activity.name,
            "org": activity.organisation,
            "activity": activity,
            "dates": activity_dates(activity),
            "taking_part": taking_part(activity),
            "rate": attendance_rate(activity),
            "total_cost": total_cost(activity),
            "participants": participants,
            "count_overrides_list": activity.participant_count is not None and participants,
            "vouchers": vouchers,
            "reads_books": reads_books,
            "link_form": link_form,
            "attachments": list(activity.attachments.select_related("uploaded_by")),
            "accept": accept(DOCUMENT_TYPES),
            "kinds": kinds(DOCUMENT_TYPES),
            "can_manage": can_manage,
            # The vouchers' numbers are the books' too.
            "history": history_entries(activity, hidden=() if reads_books else ("vouchers",)),
            "crumbs": activities_crumbs(activity.organisation, (activity.name, "")),
        },
    )
