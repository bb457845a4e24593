"""A branch's terms, bodies and office holders, built from its description in the data: the
people are chosen in the order written, the decisions numbered in the order written, then every
committee is seated and changed as written, and every group elects its leaders. The random draws
(past members, decision numbers, group leaders) follow that order, so every run makes the same
data."""

from datetime import date

from members.models import Body, Member, Organisation, Position, Term

from .data import UPPER_SUFFIX
from .people import People
from .shapes import (
    LAST_DAY,
    BranchDecision,
    Committee,
    Decision,
    GroupLeaders,
    Past,
    Pick,
    UpperDecision,
)
from .sites import Site

K = Organisation.Kind
T = Position.Title
M = Position.Method
B = Body.Kind


class Seating:
    """The terms, bodies and positions of the demo, in the order they are made (not saved)."""

    def __init__(self, people: People):
        self.people = people
        self.rng = people.rng
        self.terms: list[Term] = []
        self.bodies: list[Body] = []
        self.positions: list[Position] = []

    def branch(self, site: Site) -> dict[str, Member]:
        """Seat the branch's committees; its demo logins and the members they are."""
        spec = site.spec
        who = {key: self.person(site, person) for key, person in spec.people.items()}
        decisions = {key: self.decision(site, d) for key, d in spec.decisions.items()}
        terms = self.congresses(site.org, spec.congresses)
        for sub, sub_spec in zip(site.subs, spec.sub_branches, strict=True):
            terms |= self.congresses(sub, sub_spec.congresses)
        for committee in spec.committees:
            self.committee(site, committee, who, decisions, terms)
        if spec.group_leaders:
            self.group_leaders(site, spec.group_leaders, who)
        return {username: who[key] for username, key in spec.logins.items()}

    def person(self, site: Site, person: Pick | Past) -> Member:
        if isinstance(person, Pick):
            return site.pick_as(person)
        group = site.group(person.group) if person.group else None
        return self.people.past(
            site,
            person.kind,
            person.day,
            person.gender,
            org=group,
            destination=person.destination,
        )

    def decision(self, site: Site, decision: Decision) -> tuple[str, date | None]:
        if isinstance(decision, UpperDecision):
            lag = self.rng.randint(7, 15)
            return self.people.decision(UPPER_SUFFIX, decision.day, lag=lag)
        if isinstance(decision, BranchDecision):
            return self.people.decision(site.spec.suffix, decision.day, lag=decision.lag)
        return decision.number, decision.day

    def congresses(self, org: Organisation, congresses) -> dict:
        """(organisation code, congress number): the term and the day its seats end, the next
        congress's day (None for the current term)."""
        result = {}
        for congress, following in zip(congresses, [*congresses[1:], None], strict=True):
            term = Term(
                organisation=org,
                congress_number=congress.number,
                congress_date=congress.start,
                start=congress.start,
                end=congress.end,
            )
            self.terms.append(term)
            result[(org.code, congress.number)] = (term, following.start if following else None)
        return result

    def committee(self, site: Site, committee: Committee, who, decisions, terms) -> None:
        org = site.place(committee.at) if committee.at else site.org
        term, until = terms[(org.code, committee.term)]
        body = self.body(org, committee.kind, term)
        first = {}
        for title, key, *note in committee.seats:
            first[key] = self.seat(
                body,
                who[key],
                title,
                committee.start or term.start,
                end=until,
                method=committee.method,
                decision=decisions[committee.decision],
                note="".join(note),
            )
        for change in committee.changes:
            for key in change.ends:
                first[key].end = change.day
            for title, key, *note in change.seats:
                self.seat(
                    body,
                    who[key],
                    title,
                    change.day,
                    end=until,
                    method=change.method,
                    decision=decisions[change.decision],
                    note="".join(note),
                )

    def body(self, org: Organisation, kind: str, term: Term | None = None) -> Body:
        body = Body(organisation=org, kind=kind, term=term, name="")
        self.bodies.append(body)
        return body

    def seat(self, body, member, title, start, *, end, method, decision, note="") -> Position:
        position = Position(
            body=body,
            member=member,
            title=title,
            start=start,
            end=end,
            method=method,
            decision_no=decision[0],
            decision_date=decision[1],
            note=note,
        )
        self.positions.append(position)
        return position

    def group_leaders(self, site: Site, rule: GroupLeaders, who: dict[str, Member]) -> None:
        rng = self.rng
        fixed = {site.group(name).pk: who[key] for name, key in rule.fixed.items()}
        reserved = {id(who[key]) for key in rule.reserved}
        previous, current = rule.previous, rule.current
        prev_decision = self.people.decision(site.spec.suffix, previous, lag=10)
        decision = self.people.decision(site.spec.suffix, current, lag=10)
        for group, unit in site.groups:
            if group.kind != K.GROUP:
                continue
            body = self.body(group, B.GROUP_LEADERSHIP)
            used = set(reserved)
            leader = fixed.get(group.pk) or site.pick_first(
                within=group, since=(current, LAST_DAY), exclude=used
            )
            used.add(id(leader))
            earlier = leader
            if leader.demo_since >= previous or rng.random() < 0.4:
                try:
                    earlier = site.pick(within=group, since=previous, exclude=used)
                except LookupError:  # nobody else of today's group was there
                    earlier = leader if leader.demo_since < previous else None
            if earlier is not None:
                self.seat(
                    body,
                    earlier,
                    T.GROUP_LEADER,
                    previous,
                    end=current,
                    method=M.ELECTED,
                    decision=prev_decision,
                )
            self.seat(
                body,
                leader,
                T.GROUP_LEADER,
                max(current, leader.demo_since),
                end=None,
                method=M.ELECTED,
                decision=decision,
            )
            if rule.deputies_from is not None and unit.size >= rule.deputies_from:
                deputy = site.pick_first(within=group, since=(current, LAST_DAY), exclude=used)
                self.seat(
                    body,
                    deputy,
                    T.GROUP_DEPUTY,
                    max(current, deputy.demo_since),
                    end=None,
                    method=M.ELECTED,
                    decision=decision,
                )

    def close_positions_of_past_members(self) -> None:
        """As services.member_end does: a seat ends the day its holder's membership ends."""
        for position in self.positions:
            ended = position.member.demo_ended
            if ended and (position.end is None or position.end > ended):
                position.end = ended
