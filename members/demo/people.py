"""The demo's members as they are made: People draws them from members.demo.population, writes
their histories and numbers the decisions behind them. Nothing is saved here."""

import random
from collections import Counter
from datetime import date, timedelta

from members.models import LevelChoice, Member, MemberEvent, Organisation
from members.registry import services
from unionhub.text import fold

from .data import UPPER_SUFFIX
from .population import (
    BASE_SALARY,
    ETHNICITY,
    GIVEN,
    IT,
    IT_EXPERTS,
    IT_SERVICE,
    LANGUAGE,
    LANGUAGE_TEACHERS,
    LANGUAGE_UNSCHOOLED,
    MIDDLE,
    OLD_LANGUAGE,
    PAY_SCALE,
    PHONE_PREFIXES,
    POLITICAL_OTHERS,
    POLITICAL_PARTY,
    POLITICAL_PARTY_SENIOR,
    PROFESSIONAL,
    PROVINCE_CODES,
    SURNAMES,
    TEACHING,
)
from .sites import Site

E = MemberEvent.Kind


def weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def day_in(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _years_after(day: date, years: int, months: int = 0) -> date:
    month = day.month - 1 + months
    return date(day.year + years + month // 12, month % 12 + 1, min(day.day, 28))


class People:
    """Members drawn at random (random.Random(SEED): the same every run), their events, and the
    registers of decision numbers and card numbers."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.levels = {(c.kind, c.name): c for c in LevelChoice.objects.all()}
        # Card numbers "BT" + year of joining + a serial, unique even beside other data.
        self.card_serials = iter(rng.sample(range(100_000, 1_000_000), 5_000))
        self.existing_cards = set(
            Member.objects.filter(card_number__startswith="BT").values_list(
                "card_number", flat=True
            )
        )
        self.members: list[Member] = []
        self.numbers: Counter = Counter()
        self.emails: set[str] = set()

    # numbers ---------------------------------------------------------------------------------

    def decision(self, suffix: str, day: date, kind: str = "QĐ", lag: int = 0):
        """A numbered decision of `suffix`'s office: ("15/QĐ-CĐT", its date)."""
        key = (kind, suffix, day.year)
        if suffix == UPPER_SUFFIX and not self.numbers[key]:
            # A provincial office issues many more: start the year somewhere in its register.
            self.numbers[key] = self.rng.randint(20, 150)
        self.numbers[key] += self.rng.randint(1, 3)
        return f"{self.numbers[key]:02d}/{kind}-{suffix}", day + timedelta(days=lag)

    def card(self, joined: date) -> str | None:
        if joined.year >= 2026:
            return None  # the card has not been issued yet
        while True:
            number = f"BT{joined.year % 100:02d}{next(self.card_serials):06d}"
            if number not in self.existing_cards:
                return number

    # people ----------------------------------------------------------------------------------

    def name(self, gender: str) -> str:
        rng = self.rng
        surname = weighted(rng, SURNAMES)
        middle = weighted(rng, MIDDLE[gender])
        if rng.random() < 0.18:  # four-word names: "Nguyễn Thị Ngọc Hân", "Trần Minh Quốc Bảo"
            second = weighted(rng, MIDDLE[gender])
            if second not in (middle, "Văn", "Thị"):
                middle = f"{middle} {second}"
        given = rng.choice(GIVEN[gender])
        while given in middle.split():
            given = rng.choice(GIVEN[gender])
        return f"{surname} {middle} {given}"

    def birth_date(self, gender: str) -> date:
        # Active staff: men born from 1966, women from 1970 (older ones have retired by 2026).
        low = 1966 if gender == "M" else 1970
        year = round(self.rng.triangular(low, 2000, 1985))
        return date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))

    def joined_date(self, born: date, before: date | None = None) -> date:
        low = max(date(born.year + 22, 1, 1), date(1986, 1, 1))
        high = min(date(born.year + 30, 12, 31), date(2026, 6, 30))
        if before is not None:
            high = min(high, before - timedelta(days=200))
        return day_in(self.rng, low, max(low, high))

    def email(self, full_name: str, domain: str) -> str:
        words = fold(full_name).split()
        local = words[-1] + "".join(w[0] for w in words[:-1])
        candidate, n = local, 1
        while f"{candidate}@{domain}" in self.emails:
            n += 1
            candidate = f"{local}{n}"
        self.emails.add(f"{candidate}@{domain}")
        return f"{candidate}@{domain}"

    def level(self, kind: str, name: str | None) -> LevelChoice | None:
        return self.levels.get((kind, name)) if name else None

    def member(
        self,
        site: Site,
        org: Organisation,
        gender: str,
        profile: str,
        *,
        born: date | None = None,
        joined: date | None = None,
        joined_before: date | None = None,
    ) -> Member:
        rng = self.rng
        born = born or self.birth_date(gender)
        joined = joined or self.joined_date(born, joined_before)
        full_name = self.name(gender)
        professional = weighted(rng, PROFESSIONAL[profile])
        if professional == "Tiến sĩ" and born.year > 1992:
            professional = "Thạc sĩ"
        if professional == "Thạc sĩ" and born.year > 1998:
            professional = "Đại học"
        party_chance = 0.18 + (0.12 if born.year < 1980 else 0)
        party_chance += {"Tiến sĩ": 0.15, "Thạc sĩ": 0.05}.get(professional, 0)
        party_chance += {"politics": 0.6, "agency": 0.2, "service": -0.1}.get(profile, 0)
        party = rng.random() < party_chance
        if party:
            senior = profile == "politics" or professional == "Tiến sĩ"
            political = weighted(rng, POLITICAL_PARTY_SENIOR if senior else POLITICAL_PARTY)
        else:
            political = weighted(rng, POLITICAL_OTHERS)
        if profile == "language" and professional != "Cao đẳng":
            language = weighted(rng, LANGUAGE_TEACHERS)
        else:
            language = weighted(rng, LANGUAGE.get(professional, LANGUAGE_UNSCHOOLED))
        if born.year < 1978:
            language = OLD_LANGUAGE.get(language, language)
        if profile == "it" and professional != "Cao đẳng":
            it = weighted(rng, IT_EXPERTS)
        else:
            it = weighted(rng, IT_SERVICE if profile == "service" else IT)
        contract = 0.45 if joined.year >= 2019 else 0.08
        contract += 0.3 if profile == "service" else 0
        start, step, ceiling = PAY_SCALE[professional]
        coefficient = min(ceiling, start + step * (max(0, 2026 - joined.year) // 3))
        allowance = rng.uniform(0.25, 0.45) if profile in TEACHING else rng.uniform(0, 0.2)
        salary = round(coefficient * BASE_SALARY * (1 + allowance), -3)
        century = 0 if born.year < 2000 else 2
        national_id = (
            f"{weighted(rng, PROVINCE_CODES)}{century + (gender == 'F')}{born.year % 100:02d}"
            f"{rng.randint(0, 999_999):06d}"
        )
        member = Member(
            organisation=org,
            full_name=full_name,
            gender=gender,
            date_of_birth=born,
            ethnicity=self.level("ethnicity", weighted(rng, ETHNICITY)),
            party_member=party,
            employment=(
                Member.Employment.CONTRACT
                if rng.random() < contract
                else Member.Employment.PERMANENT
            ),
            professional_level=self.level("professional", professional),
            political_level=self.level("political", political),
            language_level=self.level("language", language),
            it_level=self.level("it", it),
            card_number=self.card(joined),
            national_id=national_id,
            salary_basis=int(min(20_000_000, max(5_000_000, salary))),
            phone=(
                f"{rng.choice(PHONE_PREFIXES)}{rng.randint(0, 9_999_999):07d}"
                if rng.random() < 0.9
                else ""
            ),
            email=self.email(full_name, site.spec.email_domain) if rng.random() < 0.7 else "",
            joined_on=joined,
            status=Member.Status.ACTIVE,
        )
        services.prepare_member(member)
        member.demo_events = []
        member.demo_since = joined  # in the current group since
        member.demo_ended = None  # the day membership ended, for past members
        self.members.append(member)
        self.event(member, E.ADMITTED, joined, org, decision=self.admission_decision(site, joined))
        return member

    def admission_decision(self, site: Site, day: date):
        if day.year < 2005 and self.rng.random() < 0.5:
            return "", None  # older paper records often lack the number
        return self.decision(site.spec.suffix, day)

    # histories -------------------------------------------------------------------------------

    def event(self, member, kind, day, org, *, from_org=None, decision=("", None), **extra):
        if member.demo_events and day <= member.demo_events[-1].date:
            raise ValueError(f"demo data: events of {member} out of order")
        status = MemberEvent.STATUS_AFTER[kind]
        member.demo_events.append(
            MemberEvent(
                member=member,
                kind=kind,
                date=day,
                organisation=org,
                from_organisation=from_org,
                status_after=status,
                decision_no=decision[0],
                decision_date=decision[1],
                **extra,
            )
        )
        member.status = status
        member.organisation = org
        if status == Member.Status.ACTIVE:
            member.demo_since = day
            member.demo_ended = None
        else:
            member.demo_ended = day

    def retirement_birth_date(self, gender: str, day: date) -> date:
        """Born so that `day` is the first of the month after reaching retirement age."""
        years, months = (
            (60, 3 * max(0, day.year - 2020))
            if gender == "M"
            else (55, 4 * max(0, day.year - 2020))
        )
        reached = _years_after(day, -years, -months - 1)
        return date(reached.year, reached.month, self.rng.randint(1, 28))

    def past(
        self,
        site: Site,
        kind: str,
        day: date,
        gender: str | None = None,
        *,
        org: Organisation | None = None,
        destination: str = "",
        note: str = "",
    ) -> Member:
        """A member whose membership ended on `day` (retirement, transfer out, leaving, death)."""
        rng = self.rng
        gender = gender or rng.choice("MF")
        if org is None:
            org, unit = rng.choices(site.groups, weights=[u.size for _, u in site.groups])[0]
        else:
            unit = site.unit_of(org)
        born = None
        if kind == E.RETIRED:
            born = self.retirement_birth_date(gender, day)
            note = note or "Nghỉ hưu theo chế độ."
        elif kind == E.DECEASED:
            born = date(rng.randint(1966, 1972), rng.randint(1, 12), rng.randint(1, 28))
        else:
            born = self.birth_date(gender)
            if born.year + 24 > day.year:  # old enough to have worked here a while
                born = born.replace(year=day.year - rng.randint(24, 40))
        member = self.member(
            site, org, gender, unit.profile, born=born, joined_before=day - timedelta(days=730)
        )
        if kind == E.RETIRED:
            decision = self.decision(site.spec.employer_suffix, day, lag=-60)
        elif kind == E.DECEASED:
            decision = ("", None)
        else:
            decision = self.decision(site.spec.suffix, day, lag=-5)
        self.event(member, kind, day, org, decision=decision, destination=destination, note=note)
        return member

    def transfer(self, site: Site, member: Member, origin: Organisation, day: date) -> None:
        """Rewrite a freshly admitted member's history: admitted at `origin`, moved on `day`."""
        current = member.organisation
        member.demo_events[0].organisation = origin
        self.event(
            member,
            E.TRANSFERRED,
            day,
            current,
            from_org=origin,
            decision=self.decision(site.spec.suffix, day),
            note="Chuyển sinh hoạt theo quyết định điều động công tác.",
        )
