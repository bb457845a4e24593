"""Reads of activities shared by their pages, their year view and the member's page: how many
took part, the attendance rate, and the cost (payment vouchers that stand, plus other sources).

An activity's cost is counted from the payment vouchers linked to it that still stand (not
reversed: a reversed payment was never spent), drafts included: a draft payment is money the
union is about to spend on it. Two subqueries rather than joins: counting participants and
summing vouchers over one join would multiply each other.
"""

from decimal import Decimal

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from emulation.models import Activity
from finance.models import Voucher
from finance.selectors import branch_of
from members.models import Member, Organisation
from unionhub.formatting import share

# A voucher that may pay an activity: a payment with a category (not a transfer), neither
# reversed nor itself a reversal.
STANDING_PAYMENT = Q(kind=Voucher.Kind.PAYMENT, category__isnull=False, reverses__isnull=True)


def with_figures(activities: QuerySet) -> QuerySet:
    """Annotate `listed` (participants listed by name) and `voucher_cost` (đồng of the linked
    payments that stand) on each activity: two subqueries, whatever the number of rows."""
    through = Activity.participants.through
    listed = (
        through.objects.filter(activity=OuterRef("pk"))
        .order_by()
        .values("activity")
        .annotate(n=Count("pk"))
        .values("n")
    )
    paid = (
        Activity.vouchers.through.objects.filter(
            activity=OuterRef("pk"),
            voucher__kind=Voucher.Kind.PAYMENT,
            voucher__reversed_by__isnull=True,
        )
        .order_by()
        .values("activity")
        .annotate(total=Sum("voucher__amount"))
        .values("total")
    )
    return activities.annotate(
        listed=Coalesce(Subquery(listed), 0), voucher_cost=Coalesce(Subquery(paid), 0)
    )


def taking_part(activity: Activity) -> int:
    """How many took part: the count entered when only a count is known, else the listed
    participants (an activity from with_figures())."""
    if activity.participant_count is not None:
        return activity.participant_count
    return activity.listed


def attendance_rate(activity: Activity) -> Decimal | None:
    """Taking part over invited, in % (study sessions, training); None when nobody was counted
    as invited."""
    return share(taking_part(activity), activity.invited_count or 0)


def total_cost(activity: Activity) -> int:
    """Đồng: the standing payment vouchers plus what other sources paid."""
    return activity.voucher_cost + activity.other_cost


def cost_vouchers(organisation: Organisation, year: int) -> QuerySet:
    """The payment vouchers that may pay an activity of `organisation` in `year`: the standing
    payments of the branch keeping its books, that year (none above branches)."""
    books = branch_of(organisation)
    if books is None:
        return Voucher.objects.none()
    return (
        Voucher.objects.filter(STANDING_PAYMENT, organisation=books, year=year)
        .filter(reversed_by__isnull=True)
        .select_related("category")
        .order_by("date", "number", "pk")
    )


def member_activities(member: Member, limit: int = 10) -> list[Activity]:
    """The latest activities a member is listed in, newest first: one query."""
    return list(
        member.activities.select_related("organisation").order_by("-starts_on", "-id")[:limit]
    )
