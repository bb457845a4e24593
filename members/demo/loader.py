"""Demo data: an upper union with four CĐCS shaped like the seed documents, loaded from
members.demo.data.

`python manage.py seed_demo` calls `seed()`. The data is deterministic (random.Random(SEED), fixed
dates), built in one transaction, and skipped when the top organisation (code CDVC-DEMO) exists,
so `make run` can call it on every start. The order: the organisations, every group's members
and each branch's ordinary past members and moves between groups, the stories of single members,
then each branch's committees (members.demo.committees) and the logins (members.demo.accounts).

Organisations go through organisation_create (treebeard paths); members, events and
positions are bulk-created with their history rows (simple_history.utils.bulk_create_with_history)
after filling the same derived columns the services fill
(members.registry.services.prepare_member).
"""

import random
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from simple_history.utils import bulk_create_with_history

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
from members.organisations.services import organisation_create

from .accounts import account_rows, create_users, current_passwords, reset_passwords
from .committees import Seating
from .data import (
    APPLICATIONS,
    BRANCHES,
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    MARKER_CODE,
    NOT_ADMITTED_NOTE,
    RECOMMENDATIONS,
    RECOMMENDED,
    SEED,
    STORIES,
    UPPER,
)
from .people import People, day_in
from .population import DESTINATIONS, LEFT_NOTES
from .shapes import Admission, Application, Branch, Comeback, Move
from .sites import Site

K = Organisation.Kind
E = MemberEvent.Kind


class Loader:
    """The demo's rows as they are made, saved at the end in one go."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.people = People(rng)
        self.seating = Seating(self.people)
        self.sites: dict[str, Site] = {}
        self.applications: list[AdmissionApplication] = []
        self.recommendations: list[PartyRecommendation] = []

    # structure -------------------------------------------------------------------------------

    def organisation(self, parent, kind, *, code, name, short_name="", address="", employer=""):
        return organisation_create(
            parent=parent,
            actor=None,
            kind=kind,
            code=code,
            name=name,
            short_name=short_name,
            address=address,
            employer_unit=employer,
        )

    def site(self, upper: Organisation, spec: Branch) -> Site:
        branch = self.organisation(
            upper,
            K.BRANCH,
            code=spec.code,
            name=spec.name,
            short_name=spec.short_name,
            address=spec.address,
            employer=spec.employer,
        )
        site = Site(spec=spec, org=branch)
        for i, unit in enumerate(spec.groups, start=1):
            group = self.organisation(branch, K.GROUP, code=f"{spec.code}-{i:02d}", name=unit.name)
            site.groups.append((group, unit))
        for sub_spec in spec.sub_branches:
            sub = self.organisation(
                branch,
                K.SUB_BRANCH,
                code=sub_spec.code,
                name=sub_spec.name,
                short_name=sub_spec.short_name,
                address=sub_spec.address,
            )
            site.subs.append(sub)
            for i, unit in enumerate(sub_spec.groups, start=1):
                group = self.organisation(
                    sub, K.GROUP, code=f"{sub_spec.code}-{i:02d}", name=unit.name
                )
                site.groups.append((group, unit))
        if spec.direct:
            site.groups.append((branch, spec.direct))
        self.sites[spec.code] = site
        return site

    # members ---------------------------------------------------------------------------------

    def fill(self, site: Site) -> None:
        """The active members of every group, then the branch's ordinary past members."""
        rng = self.rng
        for org, unit in site.groups:
            genders = ["F"] * unit.women + ["M"] * (unit.size - unit.women)
            rng.shuffle(genders)
            for gender in genders:
                site.pool.append(self.people.member(site, org, gender, unit.profile))
        for kind, count in site.spec.past:
            for _ in range(count):
                day = day_in(rng, date(2017, 6, 1), date(2026, 9, 30))
                if kind == E.RETIRED:
                    day = day.replace(day=1)
                self.people.past(
                    site,
                    kind,
                    day,
                    destination=rng.choice(DESTINATIONS) if kind == E.TRANSFERRED_OUT else "",
                    note=(
                        rng.choice(LEFT_NOTES)
                        if kind == E.LEFT
                        else "Từ trần do bệnh hiểm nghèo."
                        if kind == E.DECEASED
                        else ""
                    ),
                )
        rng.shuffle(site.pool)

    def transfers(self, site: Site) -> None:
        """The branch's `transfers` members longest there moved from another of its groups."""
        rng = self.rng
        others = [g for g, _ in site.groups]
        if len(others) < 2:
            return
        candidates = [
            m for m in site.pool if len(m.demo_events) == 1 and m.joined_on < date(2023, 1, 1)
        ]
        for member in candidates[: site.spec.transfers]:
            origin = rng.choice([g for g in others if g.pk != member.organisation.pk])
            start = max(member.joined_on + timedelta(days=400), date(2012, 1, 1))
            self.people.transfer(site, member, origin, day_in(rng, start, date(2026, 9, 30)))

    # stories ---------------------------------------------------------------------------------

    def stories(self) -> None:
        """The stories, applications and Party recommendations of members.demo.data."""
        for story in STORIES:
            site = self.sites[story.branch]
            member = site.untouched(story.who)
            if isinstance(story, Comeback):
                self.comeback(site, member, story)
            elif isinstance(story, Move):
                origin = self.sites[story.origin].group(story.origin_group)
                self.people.transfer(site, member, origin, story.day)
            elif isinstance(story, Admission):
                self.admission(site, member, story)
        for application in APPLICATIONS:
            self.applications.append(self.application(application))
        self.party_recommendations()
        self.rng.shuffle(self.applications)

    def comeback(self, site: Site, member: Member, story: Comeback) -> None:
        people, group = self.people, member.organisation
        suffix = site.spec.suffix
        left = people.decision(suffix, story.left)
        people.event(member, E.LEFT, story.left, group, decision=left, note=story.left_note)
        back = people.decision(suffix, story.back)
        people.event(
            member,
            E.REINSTATED,
            story.back,
            group,
            from_org=group,
            decision=back,
            note=story.back_note,
        )
        member.professional_level = people.level("professional", story.professional)

    def admission(self, site: Site, member: Member, story: Admission) -> None:
        """Rewrite a member's admission as decided on an application."""
        decided = story.decided
        number, _ = self.people.decision(site.spec.suffix, decided)
        member.joined_on = member.demo_since = decided
        member.employment = Member.Employment.CONTRACT
        member.card_number = self.people.card(decided)
        admitted = member.demo_events[0]
        admitted.date, admitted.decision_no, admitted.decision_date = decided, number, decided
        self.applications.append(
            AdmissionApplication(
                organisation=member.organisation,
                full_name=member.full_name,
                gender=member.gender,
                date_of_birth=member.date_of_birth,
                submitted_on=story.submitted,
                status=AdmissionApplication.Status.APPROVED,
                decision_no=number,
                decided_on=decided,
                member=member,
                note=story.note,
            )
        )

    def application(self, spec: Application) -> AdmissionApplication:
        rng, site = self.rng, self.sites[spec.branch]
        gender = rng.choice("MF")
        org = rng.choice([g for g, _ in site.groups])
        application = AdmissionApplication(
            organisation=org,
            full_name=self.people.name(gender),
            gender=gender,
            date_of_birth=date(rng.randint(1996, 2003), rng.randint(1, 12), rng.randint(1, 28)),
            submitted_on=spec.submitted,
            note=spec.note,
        )
        if spec.rejected_on:
            application.status = AdmissionApplication.Status.REJECTED
            application.decided_on = spec.rejected_on
        return application

    def party_recommendations(self) -> None:
        P = PartyRecommendation.Outcome
        who: dict[str, Member] = {}
        picked: set[int] = set()  # apart from the committees' picks: anybody may be recommended
        for batch in RECOMMENDATIONS:
            site = self.sites[batch.branch]
            for key, _, _ in batch.rows:
                if key not in who:
                    who[key] = site.pick_as(RECOMMENDED, exclude=picked)
        for batch in RECOMMENDATIONS:
            site = self.sites[batch.branch]
            number, _ = self.people.decision(site.spec.suffix, batch.day, kind="GT")
            for key, outcome, outcome_on in batch.rows:
                self.recommendations.append(
                    PartyRecommendation(
                        member=who[key],
                        year=batch.year,
                        recommended_on=batch.day,
                        decision_no=number,
                        outcome=outcome,
                        outcome_on=outcome_on,
                        note=NOT_ADMITTED_NOTE if outcome == P.NOT_ADMITTED else "",
                    )
                )
        for rec in self.recommendations:
            if rec.outcome == P.ADMITTED:
                rec.member.party_member = True
                rec.member.political_level = rec.member.political_level or self.people.level(
                    "political", "Sơ cấp"
                )

    # saving ----------------------------------------------------------------------------------

    def save(self) -> None:
        self.seating.close_positions_of_past_members()
        reason = "Dữ liệu demo"
        members, seating = self.people.members, self.seating
        bulk_create_with_history(members, Member, batch_size=500, default_change_reason=reason)
        events = sorted(
            (e for m in members for e in m.demo_events), key=lambda e: (e.date, e.member.pk)
        )
        bulk_create_with_history(events, MemberEvent, batch_size=500, default_change_reason=reason)
        bulk_create_with_history(seating.terms, Term, default_change_reason=reason)
        bulk_create_with_history(seating.bodies, Body, default_change_reason=reason)
        positions = sorted(seating.positions, key=lambda p: (p.start, Position.RANK[p.title]))
        bulk_create_with_history(positions, Position, batch_size=500, default_change_reason=reason)
        bulk_create_with_history(
            self.applications, AdmissionApplication, default_change_reason=reason
        )
        bulk_create_with_history(
            self.recommendations, PartyRecommendation, default_change_reason=reason
        )


# --- entry point -----------------------------------------------------------------------------


@dataclass
class SeedResult:
    created: bool
    seconds: float
    accounts: list[tuple[str, str, str, str]]  # username, role, organisation, password
    counts: dict[str, int] = field(default_factory=dict)


def seed(password: str | None = None) -> SeedResult:
    """Build the demo data once; on later runs only report (and reset passwords if asked)."""
    started = time.perf_counter()
    if Organisation.objects.filter(code=MARKER_CODE).exists():
        if password:
            reset_passwords(password)
            shown = {a.username: password for a in DEMO_ACCOUNTS}
        else:
            shown = current_passwords()
        return SeedResult(False, time.perf_counter() - started, account_rows(shown))
    with transaction.atomic():
        loader = Loader(random.Random(SEED))
        upper = loader.organisation(None, K.UPPER, **UPPER)
        sites = [loader.site(upper, spec) for spec in BRANCHES]
        for site in sites:
            loader.fill(site)
            loader.transfers(site)
        loader.stories()
        logins: dict[str, Member] = {}
        for site in sites:
            logins |= loader.seating.branch(site)
        viewer = loader.people.name("M")
        shown = create_users(logins, viewer, password or DEMO_PASSWORD)
        loader.save()
        members = loader.people.members
        counts = {
            "organisations": Organisation.objects.subtree_of(upper).count(),
            "members": len(members),
            "active": sum(m.status == Member.Status.ACTIVE for m in members),
            "events": sum(len(m.demo_events) for m in members),
            "positions": len(loader.seating.positions),
        }
    return SeedResult(True, time.perf_counter() - started, account_rows(shown), counts)
