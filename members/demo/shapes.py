"""The words the demo's data is written in: branches and their groups, the people who hold office
(picked from the branch's roll or made as past members), decisions, committees and their changes
during a term, and the stories of single members. Plain frozen dataclasses; members.demo.loader
builds the rows from them."""

from dataclasses import dataclass, field
from datetime import date

from members.models import Position

# No demo date lies after this day, so the data never describes the future.
LAST_DAY = date(2026, 10, 31)

M = Position.Method


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str | None  # a unionhub.models.Role; None for the administrator (superuser)
    organisation_code: str
    description: str


@dataclass(frozen=True)
class Unit:
    """A tổ công đoàn: its name, active members, of whom women, and the staff profile."""

    name: str
    size: int
    women: int
    profile: str  # faculty, politics, language, it, office, service, school, agency, archive


@dataclass(frozen=True)
class Congress:
    """A term (nhiệm kỳ): its congress's number, the congress day (the term's start), its end."""

    number: int
    start: date
    end: date


# --- who holds a seat ------------------------------------------------------------------------


@dataclass(frozen=True)
class Pick:
    """An active member of the branch who fits: the next in the branch's shuffled roll who has
    no seat of the branch's committees yet."""

    gender: str | None = None
    born: tuple[int, int] = (1966, 2000)  # years of birth, both included
    since: date = LAST_DAY  # in their current group before this day
    within: str | None = None  # a group's name or a sub-branch's code
    party: bool | None = None


@dataclass(frozen=True)
class Past:
    """A member made for the seat, whose membership ended on `day` (retired, transferred out)."""

    kind: str  # MemberEvent.Kind
    day: date
    gender: str
    group: str | None = None  # a group's name; None: drawn by the groups' sizes
    destination: str = ""


# --- decisions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class UpperDecision:
    """Numbered by the upper union's office, signed a week or two after `day` (it recognises a
    congress's or a by-election's result)."""

    day: date


@dataclass(frozen=True)
class BranchDecision:
    """Numbered by the branch's own office, signed `lag` days after `day`."""

    day: date
    lag: int = 0


@dataclass(frozen=True)
class Resolution:
    """A decision that carries a number of its own (a conference's resolution)."""

    number: str
    day: date


Decision = UpperDecision | BranchDecision | Resolution

# --- committees ------------------------------------------------------------------------------

# A seat: (Position.Title, a key of the branch's people) or (title, key, note).
Seat = tuple[str, str] | tuple[str, str, str]


@dataclass(frozen=True)
class Change:
    """Seats filled during a term (a by-election, a new head); the holders named in `ends` leave
    their first seat of the body that day."""

    day: date
    decision: str  # a key of the branch's decisions
    seats: tuple[Seat, ...]
    ends: tuple[str, ...] = ()
    method: str = M.BY_ELECTION


@dataclass(frozen=True)
class Committee:
    """A body of one term with the seats filled at its start; every seat of a term is held until
    the next congress (or open, in the current term) unless a change or the end of its holder's
    membership ends it earlier."""

    kind: str  # Body.Kind
    term: int  # the congress number
    decision: str  # a key of the branch's decisions
    seats: tuple[Seat, ...]
    start: date | None = None  # None: the congress day
    method: str = M.ELECTED
    changes: tuple[Change, ...] = ()
    at: str | None = None  # a sub-branch's code; None: the branch itself


@dataclass(frozen=True)
class GroupLeaders:
    """Every group elects a Tổ trưởng, and a group of `deputies_from` members or more a Tổ phó,
    at `previous` and again at `current` (2.5 years later); the BCH's decision follows ten days
    later. Today's leader led the group before too, unless they joined it since or a draw (four
    in ten) gave the earlier term to another member."""

    previous: date
    current: date
    deputies_from: int | None = None  # None: no Tổ phó
    fixed: dict[str, str] = field(default_factory=dict)  # group name: who leads it now
    reserved: tuple[str, ...] = ()  # people who lead no group


# --- branches --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubBranch:
    code: str
    name: str
    short_name: str
    address: str
    groups: tuple[Unit, ...]
    congresses: tuple[Congress, ...] = ()


@dataclass(frozen=True)
class Branch:
    code: str
    name: str
    short_name: str
    employer: str
    address: str
    suffix: str  # of the branch's own decisions: "15/QĐ-CĐT"
    employer_suffix: str  # of the employer's decisions (retirement): "112/QĐ-ĐHĐK"
    email_domain: str
    congresses: tuple[Congress, ...]
    groups: tuple[Unit, ...] = ()
    sub_branches: tuple[SubBranch, ...] = ()
    direct: Unit | None = None  # members registered at the branch itself (no groups)
    past: tuple[tuple[str, int], ...] = ()  # ordinary past members: (ending event, how many)
    transfers: int = 0  # active members who moved between the branch's groups
    # The office holders, chosen in this order; then the decisions, numbered in this order.
    people: dict[str, Pick | Past] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)
    committees: tuple[Committee, ...] = ()
    group_leaders: GroupLeaders | None = None
    logins: dict[str, str] = field(default_factory=dict)  # demo username: who it is


# --- stories of single members ---------------------------------------------------------------


@dataclass(frozen=True)
class Untouched:
    """The first member in the branch's roll, with nothing in their history yet but their
    admission, who fits."""

    joined_before: date | None = None
    born: tuple[int, int] = (1900, 2100)
    profile: str | None = None


@dataclass(frozen=True)
class Comeback:
    """Leaves the union and comes back to the same group, at a new professional level."""

    branch: str
    who: Untouched
    left: date
    left_note: str
    back: date
    back_note: str
    professional: str


@dataclass(frozen=True)
class Move:
    """Was admitted at a group of another branch and moved here on `day`."""

    branch: str
    who: Untouched
    origin: str  # the other branch's code
    origin_group: str
    day: date


@dataclass(frozen=True)
class Admission:
    """Admitted on `decided` from an application (đơn xin gia nhập) of `submitted`: a recent
    recruit on a contract, without a card before the year after."""

    branch: str
    who: Untouched
    submitted: date
    decided: date
    note: str


@dataclass(frozen=True)
class Application:
    """An application from somebody new (name, gender, birth drawn at random) to a random group
    of the branch; pending, or rejected on `rejected_on`."""

    branch: str
    submitted: date
    note: str
    rejected_on: date | None = None


@dataclass(frozen=True)
class Recommendations:
    """A branch's recommendation of members to the Party (giới thiệu đoàn viên ưu tú) in `year`:
    rows of (who, outcome, the day of the outcome). `who` names a member picked for the first
    row that names them, so a name may come back in a later year."""

    branch: str
    year: int
    day: date
    rows: tuple[tuple[str, str, date | None], ...]
