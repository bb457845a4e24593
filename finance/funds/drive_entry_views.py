"""Pages of a drive's entries: a contribution or a forward added or deleted, and a group's grid
(its members' contributions typed at once).

Thin like the drives' pages: the drive is resolved through the user's scope (404 outside it),
every write needs MANAGE_FINANCE at its branch (403), an entry is looked up through its drive,
and every write is one call of finance.funds.drives.
"""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from finance.forms import MAX_AMOUNT, parse_money
from finance.pages import books_form
from members.models import Member
from unionhub.access import Perm, get_in_scope_or_404
from unionhub.dates import query_id
from unionhub.formatting import money, vn_date
from unionhub.forms import apply_service_error
from unionhub.pages import delete_page, posted

from . import drives
from .drive_pages import drive_crumbs, drive_summary, drive_url, scoped_drive
from .forms import ContributionForm, ForwardForm, GroupEntryForm, branch_groups

CELL = re.compile(r"^a(\d+)$")


# --- entries ---------------------------------------------------------------------------------


def _entry_form(request, pk, *, form_class, title, intro, save_entry):
    """A contribution's or a forward's form under its drive; `save_entry(drive, data)`."""
    drive = scoped_drive(request, pk, Perm.MANAGE_FINANCE)
    org = drive.organisation
    form = form_class(posted(request), organisation=org)

    def save(form):
        save_entry(drive, form.cleaned_data)
        return drive_url(drive)

    return books_form(
        request,
        org,
        form,
        title=title,
        save=save,
        cancel_url=drive_url(drive),
        crumbs=drive_crumbs(drive, (title, "")),
        details=drive_summary(drive),
        intro=intro,
    )


def contribution_create(request, pk):
    def save_entry(drive, data):
        drives.contribution_add(
            drive=drive,
            day=data["date"],
            amount=data["amount"],
            member=data["member"],
            group=data["group"],
            note=data["note"],
            actor=request.user,
        )

    return _entry_form(
        request,
        pk,
        form_class=ContributionForm,
        title=_("Thêm khoản ủng hộ"),
        intro=_(
            "Chọn đoàn viên đã ủng hộ, hoặc chọn tổ khi tổ nộp chung một khoản. Nhập cả tổ "
            "từng người một ở trang Nhập theo tổ."
        ),
        save_entry=save_entry,
    )


def forward_create(request, pk):
    def save_entry(drive, data):
        drives.forward_add(
            drive=drive,
            day=data["date"],
            recipient=data["recipient"],
            amount=data["amount"],
            note=data["note"],
            actor=request.user,
        )

    return _entry_form(
        request,
        pk,
        form_class=ForwardForm,
        title=_("Thêm khoản chuyển đi"),
        intro=_("Số tiền đã nộp về nơi nhận; không vượt quá số cuộc vận động đang giữ."),
        save_entry=save_entry,
    )


def _entry_delete(request, pk, entry_pk, *, related: str, title: str, describe, delete):
    """Delete a contribution or a forward of a drive: a confirmation page, then the service."""
    drive = scoped_drive(request, pk, Perm.MANAGE_FINANCE)
    entry = get_in_scope_or_404(getattr(drive, related).all(), pk=entry_pk)
    return delete_page(
        request,
        delete=lambda: delete(entry, actor=request.user),
        done=_("Đã xóa."),
        back=drive_url(drive),
        title=title,
        message=_("Xóa hẳn khoản này khỏi cuộc vận động?"),
        crumbs=drive_crumbs(drive, (title, "")),
        extra=[
            *drive_summary(drive),
            (_("Ngày"), vn_date(entry.date)),
            *describe(entry),
            (_("Số tiền"), money(entry.amount)),
        ],
    )


@require_http_methods(["GET", "POST"])
def contribution_delete(request, pk, entry):
    return _entry_delete(
        request,
        pk,
        entry,
        related="contributions",
        title=_("Xóa khoản ủng hộ"),
        describe=lambda c: [(_("Người ủng hộ"), str(c.member.full_name if c.member else c.group))],
        delete=lambda c, actor: drives.contribution_delete(contribution=c, actor=actor),
    )


@require_http_methods(["GET", "POST"])
def forward_delete(request, pk, entry):
    return _entry_delete(
        request,
        pk,
        entry,
        related="forwards",
        title=_("Xóa khoản chuyển đi"),
        describe=lambda f: [(_("Nơi nhận"), f.recipient)],
        delete=lambda f, actor: drives.forward_delete(forward=f, actor=actor),
    )


# --- a group's grid --------------------------------------------------------------------------


def _grid_amounts(members: list[Member], data) -> tuple[list[tuple[Member, int]], list[str], set]:
    """The (member, đồng) typed into the grid, what is wrong with the rest, and the members
    whose cell is wrong. A cell of someone outside the grid is refused, not ignored."""
    by_pk = {m.pk: m for m in members}
    amounts, errors, wrong = [], [], set()
    for key, raw in data.items():
        match = CELL.match(key)
        if not match or not raw.strip():
            continue
        member = by_pk.get(int(match[1]))
        if member is None:
            errors.append(_("Có khoản nhập cho đoàn viên không có trong bảng này."))
            continue
        amount = parse_money(raw)
        name = {"name": member.full_name}
        if amount is None:
            errors.append(_("%(name)s: nhập số đồng nguyên (100.000).") % name)
        elif amount == 0:
            errors.append(_("%(name)s: số tiền phải lớn hơn 0; để trống nếu không ủng hộ.") % name)
        elif amount >= MAX_AMOUNT:
            errors.append(_("%(name)s: số tiền quá lớn, kiểm tra lại số chữ số.") % name)
        else:
            amounts.append((member, amount))
            continue
        wrong.add(member.pk)
    amounts.sort(key=lambda pair: (pair[0].sort_name, pair[0].pk))
    return amounts, list(dict.fromkeys(errors)), wrong


@require_http_methods(["GET", "POST"])
def contribution_grid(request, pk):
    """Nhập theo tổ: a group's active members, an amount each, saved at once (all or none)."""
    drive = scoped_drive(request, pk, Perm.MANAGE_FINANCE)
    org = drive.organisation
    groups = branch_groups(org)
    group_id = query_id(request, "group")
    group = get_in_scope_or_404(groups, pk=group_id) if group_id is not None else None
    title = _("Nhập theo tổ")
    context = {
        "title": title,
        "org": org,
        "drive": drive,
        "group": group,
        "groups": groups,
        "crumbs": drive_crumbs(drive, (title, "")),
    }
    if group is None:
        return render(request, "finance/drive_grid.html", context)
    data = posted(request)
    form = GroupEntryForm(data)
    members = list(
        Member.objects.active()
        .in_subtree(group)
        .select_related("organisation")
        .order_by("sort_name", "pk")
    )
    wrong = set()
    if data is not None:
        amounts, errors, wrong = _grid_amounts(members, data)
        if not amounts and not errors:
            errors.append(_("Chưa nhập khoản ủng hộ nào."))
        if form.is_valid() and not errors:
            try:
                saved = drives.contributions_save_group(
                    drive=drive,
                    group=group,
                    day=form.cleaned_data["date"],
                    amounts=amounts,
                    note=form.cleaned_data["note"],
                    actor=request.user,
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Đã ghi %(n)s khoản ủng hộ của %(group)s, cộng %(total)s.")
                    % {
                        "n": len(saved),
                        "group": group.name,
                        "total": money(sum(c.amount for c in saved)),
                    },
                )
                return redirect(drive_url(drive))
        for error in errors:
            form.add_error(None, error)
    given = dict(
        drive.contributions.filter(member__in=members)
        .values_list("member")
        .annotate(n=Sum("amount"))
        .order_by()
    )
    rows = [
        (m, (data or {}).get(f"a{m.pk}", "").strip(), given.get(m.pk, 0), m.pk in wrong)
        for m in members
    ]
    context.update(form=form, rows=rows, action=request.get_full_path())
    return render(request, "finance/drive_grid.html", context)
