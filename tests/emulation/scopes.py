"""What the page tables of several emulation test modules share at import time (so not
fixtures): the ?org= of branch A, B or group A1, an object's pk, the state's "Lao động tiên
tiến" title, and who reads a page of branch A, B, group A1, the upper union or one's own
organisation."""

from emulation.models import AwardTitle
from tests.pages import expect


def org_a(w):
    return w.tree.branch_a.pk


def org_b(w):
    return w.tree.branch_b.pk


def group_a1(w):
    return w.tree.group_a1.pk


def pk(attr):
    return lambda f: getattr(f, attr).pk


def lltt(f):
    return AwardTitle.objects.get(
        name="Lao động tiên tiến", subject="individual", authority="state"
    ).pk


# Readers of awards: the branch's officer, accountant, inspector, the upper viewer, admins; a
# group leader reads their group's subtree only (branch A above it is out of scope: 404).
# A plain member reads awards nowhere (403), only their own on their profile.
A_READ = expect(group_leader=404, member=403, officer_b=404)
B_READ = expect(404, admin=200, upper_viewer=200, officer_b=200, member=403)
A1_READ = expect(member=403, officer_b=404)
UPPER_READ = expect(404, admin=200, upper_viewer=200, member=403)
HOME = expect(member=403)
