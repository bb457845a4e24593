"""Pages of the activities and events (hoạt động, sự kiện): the list of a subtree, one
activity with its participants, cost vouchers and documents, and their forms.

Thin like the decisions' pages: the organisation or the activity comes through the user's
VIEW_EMULATION scope (404 outside it), writes need MANAGE_EMULATION at the organiser (403),
a form validates the input and one service in emulation.activities.services writes.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from emulation.lists import pickable_members
from emulation.models import Activity, ActivityAttachment
from emulation.pages import at, emulation_page, require_emulation
from finance.models import Voucher
from finance.selectors import branch_of
from members.models import Organisation
from unionhub import access
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.audit import history_entries
from unionhub.files import DOCUMENT_TYPES, accept, file_response, kinds
from unionhub.formatting import money, vn_date
from unionhub.pages import confirm_page, delete_page, form_page, posted
from unionhub.text import fold

from . import services
from .forms import ActivityFilterForm, ActivityForm, ParticipantsForm, VoucherLinkForm
from .selectors import attendance_rate, cost_vouchers, taking_part, total_cost, with_figures

PAGE_SIZE = 50


# --- scope -----------------------------------------------------------------------------------


def _readable(user):
    return Activity.objects.in_scope(user, Perm.VIEW_EMULATION)


def _activity(request, pk, perm: Perm = Perm.VIEW_EMULATION) -> Activity:
    """An activity with its figures: 404 outside what the user reads, 403 when `perm` does not
    hold at its organiser."""
    require_emulation(request.user)
    activity = get_in_scope_or_404(
        with_figures(_readable(request.user)).select_related("organisation", "created_by"),
        pk=pk,
    )
    access.require(request.user, perm, activity.organisation)
    return activity


def _attachment(request, pk, perm: Perm) -> ActivityAttachment:
    require_emulation(request.user)
    attachment = get_in_scope_or_404(
        ActivityAttachment.objects.filter(activity__in=_readable(request.user)).select_related(
            "activity__organisation"
        ),
        pk=pk,
    )
    access.require(request.user, perm, attachment.activity.organisation)
    return attachment


# --- small helpers ---------------------------------------------------------------------------


def _detail_url(activity: Activity, anchor: str = "") -> str:
    url = reverse("emulation:activity_detail", args=[activity.pk])
    return f"{url}#{anchor}" if anchor else url


def _crumbs(org: Organisation, *trail: tuple[str, str]) -> list[tuple[str, str]]:
    return [(_("Hoạt động, sự kiện"), at("emulation:activity_list", org)), *trail]


def _activity_crumbs(activity: Activity, *trail) -> list[tuple[str, str]]:
    return _crumbs(activity.organisation, (activity.name, _detail_url(activity)), *trail)


def _dates(activity: Activity) -> str:
    if activity.ends_on and activity.ends_on != activity.starts_on:
        return f"{vn_date(activity.starts_on)} – {vn_date(activity.ends_on)}"
    return vn_date(activity.starts_on)


def _summary(activity: Activity) -> list[tuple[str, str]]:
    return [
        (_("Hoạt động"), activity.name),
        (_("Loại"), activity.get_kind_display()),
        (_("Thời gian"), _dates(activity)),
        (_("Đơn vị tổ chức"), activity.organisation.name),
    ]


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


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
                    "dates": _dates(a),
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
        return _detail_url(activity)

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
        crumbs=_crumbs(org, (title, "")),
    )


def activity_edit(request, pk):
    activity = _activity(request, pk, Perm.MANAGE_EMULATION)
    return _form_page(
        request,
        ActivityForm(posted(request), activity=activity),
        activity,
        title=_("Sửa hoạt động, sự kiện"),
        cancel_url=_detail_url(activity),
        crumbs=_activity_crumbs(activity, (_("Sửa"), "")),
    )


@require_http_methods(["GET", "POST"])
def activity_delete(request, pk):
    activity = _activity(request, pk, Perm.MANAGE_EMULATION)
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
        crumbs=_activity_crumbs(activity, (_("Xóa"), "")),
        extra=_summary(activity),
    )


# --- one activity ----------------------------------------------------------------------------


def _reads_books(user, activity: Activity) -> bool:
    """Does the user read the books that pay the activity? Only then are its vouchers shown,
    linked or unlinked; other readers see the total cost only."""
    books = branch_of(activity.organisation)
    return books is not None and access.can(user, Perm.VIEW_FINANCE, books)


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
    activity = _activity(request, pk)
    user = request.user
    can_manage = access.can(user, Perm.MANAGE_EMULATION, activity.organisation)
    participants = list(
        activity.participants.select_related("organisation").order_by(
            "organisation__path", "sort_name", "pk"
        )
    )
    reads_books = _reads_books(user, activity)
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
            "dates": _dates(activity),
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
            "crumbs": _crumbs(activity.organisation, (activity.name, "")),
        },
    )


# --- participants ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def activity_participants(request, pk):
    """Tick who took part, group by group, and save the list at once."""
    activity = _activity(request, pk, Perm.MANAGE_EMULATION)
    listed = set(activity.participants.values_list("pk", flat=True))
    pickable = pickable_members(activity.organisation, listed)
    form = ParticipantsForm(posted(request), candidates=pickable.members, listed=listed)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_participants_set(
                activity=activity, members=form.members, actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Đã lưu danh sách %(n)s người tham gia.") % {"n": len(form.members)},
            )
            return redirect(_detail_url(activity, "nguoi-tham-gia"))
    return render(
        request,
        "emulation/activity_participants.html",
        {
            "title": _("Người tham gia"),
            "org": activity.organisation,
            "activity": activity,
            "dates": _dates(activity),
            "form": form,
            "too_many": pickable.too_many,
            "cancel_url": _detail_url(activity),
            "crumbs": _activity_crumbs(activity, (_("Người tham gia"), "")),
        },
    )


# --- cost vouchers ---------------------------------------------------------------------------


@require_POST
def activity_voucher_link(request, pk):
    activity = _activity(request, pk, Perm.MANAGE_EMULATION)
    if not _reads_books(request.user, activity):
        raise PermissionDenied
    choices = cost_vouchers(activity.organisation, activity.starts_on.year)
    form = VoucherLinkForm(request.POST, vouchers=choices)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["voucher"]))
    else:
        voucher = form.cleaned_data["voucher"]
        try:
            services.activity_voucher_link(activity=activity, voucher=voucher, actor=request.user)
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(
                request, _("Đã liên kết %(voucher)s.") % {"voucher": voucher.display_number}
            )
    return redirect(_detail_url(activity, "kinh-phi"))


@require_http_methods(["GET", "POST"])
def activity_voucher_unlink(request, pk, voucher_pk):
    activity = _activity(request, pk, Perm.MANAGE_EMULATION)
    if not _reads_books(request.user, activity):
        raise PermissionDenied
    voucher = get_object_or_404(activity.vouchers.all(), pk=voucher_pk)
    back = _detail_url(activity, "kinh-phi")
    if request.method == "POST":
        try:
            services.activity_voucher_unlink(activity=activity, voucher=voucher, actor=request.user)
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(
                request, _("Đã bỏ liên kết %(voucher)s.") % {"voucher": voucher.display_number}
            )
        return redirect(back)
    return confirm_page(
        request,
        title=_("Bỏ liên kết phiếu chi"),
        message=_(
            "Bỏ liên kết %(voucher)s khỏi hoạt động này? Phiếu chi vẫn giữ nguyên trong sổ, "
            "chỉ không còn tính vào kinh phí của hoạt động."
        )
        % {"voucher": voucher.display_number},
        button=_("Bỏ liên kết"),
        url=request.path,
        cancel_url=back,
        crumbs=_activity_crumbs(activity, (_("Bỏ liên kết phiếu chi"), "")),
        extra=[
            *_summary(activity),
            (_("Phiếu chi"), f"{voucher.display_number} · {vn_date(voucher.date)}"),
            (_("Nội dung"), voucher.description),
            (_("Số tiền"), money(voucher.amount)),
        ],
    )


# --- attachments -----------------------------------------------------------------------------


@require_POST
def activity_attachment_add(request, pk):
    activity = _activity(request, pk, Perm.MANAGE_EMULATION)
    uploads = request.FILES.getlist("file")
    if not uploads:
        messages.error(
            request, _("Chọn tệp %(kinds)s để đính kèm.") % {"kinds": kinds(DOCUMENT_TYPES)}
        )
    # Each file on its own: one refused file does not stop the others.
    for upload in uploads:
        try:
            services.activity_attachment_add(activity=activity, upload=upload, actor=request.user)
        except ValidationError as error:
            message = _errors(error)
            # Every refusal names its file, even "only PDF, JPG..." which does not.
            messages.error(
                request, message if upload.name in message else f"{upload.name}: {message}"
            )
        else:
            messages.success(request, _("Đã đính kèm %(name)s.") % {"name": upload.name})
    return redirect(_detail_url(activity, "dinh-kem"))


def activity_attachment_file(request, pk):
    return file_response(_attachment(request, pk, Perm.VIEW_EMULATION))


@require_http_methods(["GET", "POST"])
def activity_attachment_delete(request, pk):
    attachment = _attachment(request, pk, Perm.MANAGE_EMULATION)
    activity = attachment.activity
    return delete_page(
        request,
        delete=lambda: services.activity_attachment_delete(
            attachment=attachment, actor=request.user
        ),
        done=_("Đã xóa tệp %(name)s.") % {"name": attachment.name},
        back=_detail_url(activity, "dinh-kem"),
        title=_("Xóa tệp đính kèm"),
        message=_("Xóa tệp %(name)s khỏi hoạt động này?") % {"name": attachment.name},
        crumbs=_activity_crumbs(activity, (_("Xóa tệp đính kèm"), "")),
        extra=_summary(activity),
    )
