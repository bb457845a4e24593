"""Reads of the awards: the year tables the reports print.

Both tables (the state's and the union's) come from one query grouped by unit, year and title,
the order of award_table_idx, summed over the units here. Grouped by title and year alone,
SQLite sorts every award of the range in a temporary B-tree (some 170 ms for each authority
over the 700,000 awards of ten years of a 200,000-member branch); in the index's order it only
walks the index (some 75 ms for both). The rows it returns are at most units × years × titles
in use.
"""

from dataclasses import dataclass

from django.db.models import Count

from emulation.models import Award, AwardTitle
from members.models import Organisation
from unionhub.tree import subtree_q


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


def award_tables(
    organisation: Organisation, first: int, last: int
) -> tuple[AwardTable, AwardTable]:
    """The state's and the union's tables of `organisation`'s subtree, years first..last."""
    years = list(range(first, last + 1))
    units = Organisation.objects.filter(subtree_q(organisation.path)).values("pk")
    rows = (
        Award.objects.filter(unit__in=units, year__gte=first, year__lte=last)
        .values_list("unit", "year", "title")
        .annotate(n=Count("*"))
        .order_by()
    )
    counts: dict[int, dict[int, int]] = {}
    for _unit, year, title, n in rows:
        by_year = counts.setdefault(title, {})
        by_year[year] = by_year.get(year, 0) + n
    tables = {
        authority: AwardTable(organisation, authority, years, [], [])
        for authority in AwardTitle.Authority.values
    }
    for title in AwardTitle.objects.order_by("order", "name"):
        found = counts.get(title.pk, {})
        if not (title.active or found):
            continue
        table = tables[title.authority]
        row = TitleRow(title, [found.get(year, 0) for year in years])
        if title.subject == AwardTitle.Subject.INDIVIDUAL:
            table.individual.append(row)
        else:
            table.collective.append(row)
    return tables[AwardTitle.Authority.STATE], tables[AwardTitle.Authority.UNION]


def award_table(organisation: Organisation, authority: str, first: int, last: int) -> AwardTable:
    """One authority's table (award_tables computes both in the same pass)."""
    state, union = award_tables(organisation, first, last)
    return state if authority == AwardTitle.Authority.STATE else union
