"""What every finance room reads the same way: a voucher's amount signed as it moves its
account, and the branch (CĐCS) that keeps an organisation's books."""

from django.db.models import Case, F, When

from members.models import Organisation

from .models import Voucher

# A receipt adds its amount to its account, a payment takes it away.
SIGNED = Case(
    When(kind=Voucher.Kind.RECEIPT, then=F("amount")),
    default=-F("amount"),
)


def branch_of(org: Organisation) -> Organisation | None:
    """The CĐCS that keeps the books of `org`: itself when it is one, else its nearest branch
    ancestor (None for an upper union or an orphan group)."""
    if org.kind == Organisation.Kind.BRANCH:
        return org
    step = org.steplen
    ancestors = [org.path[:end] for end in range(step, len(org.path), step)]
    branches = Organisation.objects.filter(kind=Organisation.Kind.BRANCH, path__in=ancestors)
    return branches.order_by("-depth").first()
