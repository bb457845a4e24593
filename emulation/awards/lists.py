"""Reads of award rows for lists: the award list of a subtree with its filters, and the last
awards of one member or one organisation for their pages.

Kept apart from selectors.py (the year tables) and forms.py (the decision forms): the list's
filter form is only a reading of the query string.
"""

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from emulation.lists import YEAR_MAX, YEAR_MIN
from emulation.models import Award, AwardTitle
from members.models import Member, Organisation
from unionhub.forms import IdField
from unionhub.text import fold
from unionhub.tree import subtree_q

# The member's and the organisation's page list this many of the latest awards.
RECENT_AWARDS = 10


class TitleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, title: AwardTitle) -> str:
        # "Giấy khen" exists for a person and for a collective, for each authority.
        return f"{title.name} ({title.get_subject_display().lower()})"


class AwardFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên"), required=False, max_length=100)
    year = forms.IntegerField(
        label=_("Năm"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX
    )
    title = TitleChoiceField(
        label=_("Danh hiệu"),
        queryset=AwardTitle.objects.order_by("authority", "subject", "order", "name"),
        required=False,
        empty_label=_("Tất cả"),
    )
    authority = forms.ChoiceField(
        label=_("Khen thưởng của"),
        choices=[("", _("Tất cả")), *AwardTitle.Authority.choices],
        required=False,
    )
    subject = forms.ChoiceField(
        label=_("Đối tượng"),
        choices=[("", _("Tất cả")), *AwardTitle.Subject.choices],
        required=False,
    )
    # From a member's page: that member's awards (no field on the form, kept in the links).
    member = IdField(required=False)


def filtered_awards(organisation: Organisation, data: dict) -> QuerySet:
    """The subtree's awards narrowed by the list's filters (cleaned data of AwardFilterForm),
    newest year first, then by title as the tables order them."""
    units = Organisation.objects.filter(subtree_q(organisation.path)).values("pk")
    if needle := (data.get("q") or "").strip():
        # The matching members and organisations first, each by its own index: filtering
        # every award of the subtree on a join would read all of their rows (a second over
        # ten years of a large branch). A collective's unit is the collective itself.
        members = Member.objects.filter(search_name__contains=fold(needle)).values("pk")
        named = Organisation.objects.filter(subtree_q(organisation.path), name__icontains=needle)
        qs = Award.objects.filter(
            Q(member__in=members, unit__in=units)
            | Q(unit__in=named.values("pk"), recipient__isnull=False)
        )
    else:
        qs = Award.objects.filter(unit__in=units)
    if data.get("year"):
        qs = qs.filter(year=data["year"])
    if data.get("title"):
        qs = qs.filter(title=data["title"])
    if data.get("authority"):
        qs = qs.filter(title__authority=data["authority"])
    if data.get("subject"):
        qs = qs.filter(title__subject=data["subject"])
    if data.get("member"):
        qs = qs.filter(member=data["member"])
    return qs.order_by(
        "-year", "title__authority", "title__subject", "title__order", "title__name", "id"
    )


def award_page(queryset: QuerySet, number, size: int) -> Page:
    """One page of awards, found by id first ("deferred join", as the member list does): the
    sort reads the award index and the titles only, the page's rows are fetched by id."""
    page = Paginator(queryset.values_list("pk", flat=True), size).get_page(number)
    ids = list(page.object_list)
    rows = Award.objects.select_related(
        "decision__organisation", "title", "member", "recipient", "unit"
    ).in_bulk(ids)
    page.object_list = [rows[pk] for pk in ids]
    return page


def member_awards(member: Member, limit: int = RECENT_AWARDS) -> list[Award]:
    """A member's latest awards (wherever they stood then), newest first: one query."""
    return list(
        member.awards.select_related("decision", "title").order_by(
            "-year", "-decision__signed_on", "-id"
        )[:limit]
    )


def organisation_awards(organisation: Organisation, limit: int = RECENT_AWARDS) -> list[Award]:
    """The awards given to the organisation itself as a collective, newest first: one query."""
    return list(
        Award.objects.filter(recipient=organisation)
        .select_related("decision", "title")
        .order_by("-year", "-decision__signed_on", "-id")[:limit]
    )
