"""The finance pages' permission tables: URLs built from the books of branches A and B, what
each role gets on them, and the rows a refused request must leave unchanged."""

from finance.models import Account, Attachment, Category, ClosedPeriod, Voucher
from tests.pages import expect, page_url


def snapshot():
    """Every row of the books, to prove a refused request changed nothing."""
    return [
        list(model.objects.order_by("pk").values())
        for model in (Voucher, Account, ClosedPeriod, Category, Attachment)
    ]


url = page_url("finance")


def org_a(f):
    return f.a.org.pk


def org_b(f):
    return f.b.org.pk


def pk(*attrs):
    def get(f):
        obj = f
        for attr in attrs:
            obj = getattr(obj, attr)
        return obj.pk

    return get


# Readers of branch A's books: its officer, accountant, inspector, the upper viewer, admins.
# Group leaders and members read no books anywhere: 403 on every finance page.
A_READ = expect(group_leader=403, member=403, officer_b=404)
A_WRITE = expect(
    accountant=200, inspector=403, upper_viewer=403, group_leader=403, member=403, officer_b=404
)
B_READ = expect(404, admin=200, upper_viewer=200, officer_b=200, group_leader=403, member=403)
B_WRITE = expect(404, admin=200, officer_b=200, upper_viewer=403, group_leader=403, member=403)
# Without ?org=: each user's own branch; an upper union's viewer and the admin are sent to the
# list of branches from branch-only pages.
HOME_BRANCH_PAGE = expect(group_leader=403, member=403, upper_viewer=302, admin=302)

YEAR = "?from=01/01/2025&to=31/12/2025"
