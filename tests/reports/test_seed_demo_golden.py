"""`manage.py seed_demo` makes the data recorded in `seed_demo_golden.json` beside this module.

The golden file was written from a seed of the demo as it stood before the demo became data
(one seed, run as if on its `today`: the books, awards and activities depend on the day). It
holds the command's output (with the seconds masked), the rows created per model, and counts per
organisation, body, term, member event kind, user and role, and per organisation of every
finance and emulation table the seed fills. A rewrite of the demo must keep all of them.

After a deliberate change of the demo data, write the file again and review its diff:
    SEED_DEMO_GOLDEN=update pytest tests/reports/test_seed_demo_golden.py
"""

import io
import json
import os
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from members.models import (
    AdmissionApplication,
    Body,
    Member,
    MemberEvent,
    Organisation,
    PartyRecommendation,
    Position,
    Term,
)
from unionhub.models import RoleAssignment

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).with_name("seed_demo_golden.json")
UPDATE = os.environ.get("SEED_DEMO_GOLDEN") == "update"
TODAY = date(2026, 12, 4)  # the day the golden file was first written
TOP = "CDVC-DEMO"
# Columns a finance or emulation row is counted by, beside its organisation.
BY = ("kind", "state", "status", "result", "rating", "year")


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models(include_auto_created=True)
    }


def tally(values) -> dict[str, int]:
    return dict(sorted(Counter(str(v) for v in values).items()))


def organisations(orgs) -> dict:
    members = defaultdict(list)
    for org_id, status in Member.objects.values_list("organisation", "status"):
        members[org_id].append(status)
    events = defaultdict(list)
    for org_id, kind in MemberEvent.objects.values_list("organisation", "kind"):
        events[org_id].append(kind)
    parents = {o.path: o.code for o in orgs}
    return {
        o.code: {
            "kind": o.kind,
            "name": o.name,
            "parent": parents.get(o.path[: -Organisation.steplen]),
            "members": tally(members[o.pk]),
            "events": tally(events[o.pk]),
        }
        for o in orgs
    }


def terms() -> dict:
    result = defaultdict(list)
    rows = Term.objects.order_by("organisation__path", "start").values_list(
        "organisation__code", "congress_number", "start", "end"
    )
    for code, number, start, end in rows:
        result[code].append([number, str(start), str(end)])
    return dict(result)


def bodies() -> dict:
    result = {}
    for body in Body.objects.select_related("organisation", "term"):
        term = body.term.congress_number if body.term else "-"
        key = f"{body.organisation.code} {body.kind} {term}"
        assert key not in result, key
        seats = Position.objects.filter(body=body)
        result[key] = {
            "name": body.name,
            "titles": tally(seats.values_list("title", flat=True)),
            "methods": tally(seats.values_list("method", flat=True)),
            "ended": seats.filter(end__isnull=False).count(),
            "held_today": seats.held_on(TODAY).count(),
        }
    return dict(sorted(result.items()))


def users() -> dict:
    roles = defaultdict(list)
    for username, role, code in RoleAssignment.objects.values_list(
        "user__username", "role", "organisation__code"
    ):
        roles[username].append(f"{role}@{code}")
    members = dict(Member.objects.filter(user__isnull=False).values_list("user", "organisation"))
    codes = dict(Organisation.objects.values_list("pk", "code"))
    return {
        user.username: {
            "name": f"{user.last_name} {user.first_name}".strip(),
            "email": user.email,
            "superuser": user.is_superuser,
            "staff": user.is_staff,
            "member_at": codes.get(members.get(user.pk)),
            "roles": sorted(roles[user.username]),
        }
        for user in get_user_model().objects.order_by("username")
    }


def by_organisation(created: dict[str, int]) -> dict:
    """Every finance and emulation table the seed filled: rows (and amounts) per organisation
    and per the columns of BY the table has."""
    codes = dict(Organisation.objects.values_list("pk", "code"))
    result = {}
    for label in created:
        app_label, name = label.split(".")
        if app_label not in ("finance", "emulation") or name.startswith("Historical"):
            continue
        fields = {f.name: f for f in apps.get_model(label)._meta.concrete_fields}
        where = [
            fields[n].attname
            for n in ("organisation", "unit")
            if n in fields and fields[n].related_model is Organisation
        ][:1]
        by = [n for n in BY if n in fields]
        amount = ["amount"] if "amount" in fields else []
        if not where + by + amount:  # a many-to-many table
            result[label] = {"-": {"rows": created[label]}}
            continue
        rows = defaultdict(Counter)
        for values in apps.get_model(label).objects.values_list(*where, *by, *amount):
            code = [codes.get(values[0], "-")] if where else ["-"]
            key = " ".join(code + [str(v) for v in values[len(where) : len(where) + len(by)]])
            rows[key]["rows"] += 1
            if amount:
                rows[key]["amount"] += values[-1]
        result[label] = {key: dict(counts) for key, counts in sorted(rows.items())}
    return result


def snapshot(before: dict[str, int], output: str) -> dict:
    after = row_counts()
    created = {label: after[label] - before[label] for label in after}
    created = {label: n for label, n in sorted(created.items()) if n}
    top = Organisation.objects.get(code=TOP)
    orgs = list(Organisation.objects.subtree_of(top).order_by("path"))
    return {
        "today": TODAY.isoformat(),
        "output": re.sub(r"trong [\d,]+ giây", "trong … giây", output).splitlines(),
        "created": created,
        "organisations": organisations(orgs),
        "terms": terms(),
        "bodies": bodies(),
        "member_events": tally(MemberEvent.objects.values_list("kind", flat=True)),
        "member_status": tally(Member.objects.values_list("status", flat=True)),
        "applications": tally(AdmissionApplication.objects.values_list("status", flat=True)),
        "party_recommendations": tally(
            f"{year} {outcome}"
            for year, outcome in PartyRecommendation.objects.values_list("year", "outcome")
        ),
        "users": users(),
        "finance_and_emulation": by_organisation(created),
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The snapshot of one seed as if run on TODAY (inside a transaction rolled back after)."""
    with django_db_blocker.unblock(), transaction.atomic():
        before = row_counts()
        out = io.StringIO()
        call_command("seed_demo", today=TODAY, stdout=out)
        result = snapshot(before, out.getvalue())
        transaction.set_rollback(True)
    if UPDATE:
        text = json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True)
        GOLDEN.write_text(text + "\n", encoding="utf-8")
    return result


@pytest.fixture(scope="module")
def golden(seeded):  # after the seed, which writes the file when updating
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


SECTIONS = (
    "today",
    "output",
    "created",
    "organisations",
    "terms",
    "bodies",
    "member_events",
    "member_status",
    "applications",
    "party_recommendations",
    "users",
    "finance_and_emulation",
)


def test_golden_file_has_every_section(golden):
    assert sorted(golden) == sorted(SECTIONS)


@pytest.mark.parametrize("section", SECTIONS)
def test_seed_matches_the_golden_file(seeded, golden, section):
    assert seeded[section] == golden[section]
