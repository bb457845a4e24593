"""A branch being built: its organisations, and its roll of active members in the shuffled order
office holders and the members of the stories are picked from."""

from dataclasses import dataclass, field
from datetime import date

from members.models import Member, Organisation

from .shapes import LAST_DAY, Branch, Pick, Unit, Untouched


@dataclass
class Site:
    """A branch being built: its organisations and the active members to pick office holders."""

    spec: Branch
    org: Organisation
    groups: list[tuple[Organisation, Unit]] = field(default_factory=list)
    subs: list[Organisation] = field(default_factory=list)
    pool: list[Member] = field(default_factory=list)  # the active members, shuffled
    taken: set[int] = field(default_factory=set)  # id() of members given a committee seat

    def unit_of(self, org: Organisation) -> Unit:
        return next(unit for group, unit in self.groups if group.pk == org.pk)

    def group(self, name: str) -> Organisation:
        return next(group for group, unit in self.groups if group.name == name)

    def place(self, name_or_code: str) -> Organisation:
        """A sub-branch by its code, else a group by its name."""
        subs = [sub for sub in self.subs if sub.code == name_or_code]
        return subs[0] if subs else self.group(name_or_code)

    def pick(
        self,
        *,
        gender: str | None = None,
        born: tuple[int, int] = (1966, 2000),
        since: date = LAST_DAY,
        within: Organisation | None = None,
        party: bool | None = None,
        exclude: set[int] | None = None,
        exclusive: bool = True,
    ) -> Member:
        """The next active member of the branch (in the shuffled pool order) who fits."""
        exclude = self.taken if exclude is None else exclude
        for member in self.pool:
            if (
                id(member) not in exclude
                and (gender is None or member.gender == gender)
                and born[0] <= member.date_of_birth.year <= born[1]
                and member.demo_since < since
                and (within is None or member.organisation.path.startswith(within.path))
                and (party is None or member.party_member == party)
            ):
                if exclusive:
                    exclude.add(id(member))
                return member
        raise LookupError(f"demo data: nobody fits in {self.spec.name}")

    def pick_as(self, who: Pick, exclude: set[int] | None = None) -> Member:
        within = self.place(who.within) if who.within else None
        return self.pick(
            gender=who.gender,
            born=who.born,
            since=who.since,
            within=within,
            party=who.party,
            exclude=exclude,
        )

    def pick_first(self, *, since: tuple[date, ...], **criteria) -> Member:
        """pick() with the first `since` somebody fits (the later ones are fallbacks)."""
        for day in since[:-1]:
            try:
                return self.pick(since=day, **criteria)
            except LookupError:
                pass
        return self.pick(since=since[-1], **criteria)

    def untouched(self, who: Untouched) -> Member:
        """The first member of the roll whose only event is their admission, and who fits."""
        return next(
            m
            for m in self.pool
            if len(m.demo_events) == 1
            and (who.joined_before is None or m.joined_on < who.joined_before)
            and who.born[0] <= m.date_of_birth.year <= who.born[1]
            and (who.profile is None or self.unit_of(m.organisation).profile == who.profile)
        )
