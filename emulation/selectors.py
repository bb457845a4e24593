"""Reads of the awards: the year tables the reports print, and a member's or unit's awards."""

from dataclasses import dataclass

from django.db.models import Count

from members.models import Organisation
from members.querysets import subtree_q

from .models import Award, AwardTitle


@dataclass
class TitleRow:
    title: AwardTitle
    counts: list[int]  # one per year of the table

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class AwardTable:
    """Titles × years of one authority's awards in an organisation's subtree: "I. CÁ NHÂN"
    (individual titles) then "II. TẬP THỂ" (collective ones), cells are counts of awards."""

    organisation: Organisation
    authority: str
    years: list[int]
    individual: list[TitleRow]
    collective: list[TitleRow]


def award_table(organisation: Organisation, authority: str, first: int, last: int) -> AwardTable:
    """Two queries: the counts grouped by title and year, and the catalogue. A title with no
    award in the range is listed only while it is in use."""
    years = list(range(first, last + 1))
    units = Organisation.objects.filter(subtree_q(organisation.path)).values("pk")
    rows = (
        Award.objects.filter(
            unit__in=units, year__gte=first, year__lte=last, title__authority=authority
        )
        .values_list("title", "year")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[int, dict[int, int]] = {}
    for title, year, n in rows:
        counts.setdefault(title, {})[year] = n
    table = AwardTable(organisation, authority, years, [], [])
    for title in AwardTitle.objects.filter(authority=authority).order_by("order", "name"):
        found = counts.get(title.pk, {})
        if not (title.active or found):
            continue
        row = TitleRow(title, [found.get(year, 0) for year in years])
        if title.subject == AwardTitle.Subject.INDIVIDUAL:
            table.individual.append(row)
        else:
            table.collective.append(row)
    return table
