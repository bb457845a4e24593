"""Thi đua, khen thưởng: the app's front page for an organisation and a year.

One card per part of the app (campaigns and registrations, awards, ratings, initiatives,
activities) with the year's figures of the subtree and the links into it, so that an officer
starts from what has been entered and what is missing. A fixed number of queries.
"""

from django.db.models import Count, Q, Sum
from django.shortcuts import render
from django.utils.translation import gettext as _

from members.models import Member, Organisation
from unionhub import access
from unionhub.access import Perm

from .activities.selectors import total_cost, with_figures
from .campaigns.services import campaigns_visible_at
from .models import (
    Activity,
    Award,
    AwardDecision,
    AwardTitle,
    Initiative,
    MemberRating,
    Registration,
)
from .pages import at, emulation_page, year_or_this


def _figures(org: Organisation, year: int) -> dict:
    subtree = Organisation.objects.subtree_of(org).values("pk")
    one = AwardTitle.Subject.INDIVIDUAL
    awards = Award.objects.filter(unit__in=subtree, year=year).aggregate(
        individuals=Count("pk", filter=Q(title__subject=one)),
        collectives=Count("pk", filter=~Q(title__subject=one)),
        prizes=Sum("prize"),
    )
    registrations = Registration.objects.filter(unit__in=subtree, year=year).aggregate(
        registered=Count("pk"),
        evaluated=Count("pk", filter=~Q(result="")),
        achieved=Count("pk", filter=Q(result=Registration.Result.ACHIEVED)),
    )
    initiatives = Initiative.objects.filter(organisation__in=subtree, year=year).aggregate(
        total=Count("pk"),
        recognised=Count("pk", filter=Q(status=Initiative.Status.RECOGNISED)),
    )
    activities = list(
        with_figures(Activity.objects.filter(organisation__in=subtree, starts_on__year=year))
        .order_by()
        .only("pk", "participant_count", "other_cost")
    )
    return {
        "decisions": AwardDecision.objects.filter(organisation__in=subtree, year=year).count(),
        "awards": awards,
        "registrations": registrations,
        "campaigns": campaigns_visible_at(org).filter(active=True).count(),
        "rated": MemberRating.objects.filter(unit__in=subtree, year=year).count(),
        "active_members": Member.objects.active().filter(organisation__in=subtree).count(),
        "initiatives": initiatives,
        "activities": len(activities),
        "activity_cost": sum(total_cost(a) for a in activities),
    }


@emulation_page()
def index(request, org):
    year = year_or_this(request)
    return render(
        request,
        "emulation/index.html",
        {
            "title": _("Thi đua, khen thưởng"),
            "org": org,
            "year": year,
            "figures": _figures(org, year),
            "can_manage": access.can(request.user, Perm.MANAGE_EMULATION, org),
            "links": {
                "campaigns": at("emulation:campaign_list", org),
                "registrations": at("emulation:registration_summary", org, year=year),
                "decisions": at("emulation:decision_list", org, year=year),
                "decision_create": at("emulation:decision_create", org),
                "award_tables": at("emulation:award_tables", org),
                "award_list": at("emulation:award_list", org, year=year),
                "member_ratings": at("emulation:member_ratings", org, year=year),
                "unit_ratings": at("emulation:organisation_ratings", org, year=year),
                "rating_summary": at("emulation:rating_summary", org, to=year),
                "initiatives": at("emulation:initiative_list", org, year=year),
                "activities": at("emulation:activity_list", org, year=year),
                "activity_year": at("emulation:activity_year", org, year=year),
            },
        },
    )
