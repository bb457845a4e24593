"""Forms of the award decisions. They check input only; the rules live in emulation.awards.services.

Errors name the field or the recipient they are about ("Số quyết định: ...", "Nguyễn Văn An:
..."), so a message shown at the top of a long list still says what to fix.
"""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from emulation.models import AwardDecision, AwardTitle
from finance.forms import MAX_AMOUNT, AccountChoiceField, MoneyField, date_field, parse_money
from finance.models import Account
from members.models import Member, Organisation

from .services import Recipient

# Above this many candidates the page asks for a smaller unit: a list of every member of a
# provincial federation is no way to pick a dozen people (the Excel import is).
MAX_CANDIDATES = 3000


class GroupedTitleIterator(ModelChoiceIterator):
    """Titles grouped "Khen thưởng của Chính quyền · Cá nhân", in the catalogue's order."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[tuple[str, str], list] = {}
        for title in self.queryset:
            groups.setdefault((title.authority, title.subject), []).append(self.choice(title))
        for (authority, subject), choices in groups.items():
            label = f"{AwardTitle.Authority(authority).label} · {AwardTitle.Subject(subject).label}"
            yield (label, choices)


class TitleChoiceField(forms.ModelChoiceField):
    iterator = GroupedTitleIterator


def _titles(subject: str | None = None, keep: int | None = None):
    """Titles in use (and the one a decision already has, even if retired since)."""
    active = AwardTitle.objects.filter(active=True)
    titles = active | AwardTitle.objects.filter(pk=keep) if keep else active
    if subject:
        titles = titles.filter(subject=subject)
    return titles.order_by("authority", "subject", "order", "name")


class TitlePickForm(forms.Form):
    """The first step of a new decision: the title decides who may be picked."""

    title = TitleChoiceField(
        label=_("Danh hiệu, hình thức khen thưởng"),
        queryset=AwardTitle.objects.none(),
        error_messages={
            "required": _("Danh hiệu: chọn một danh hiệu."),
            "invalid_choice": _("Danh hiệu: chọn một danh hiệu trong danh mục."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].queryset = _titles()


class DecisionForm(forms.Form):
    """A decision's header: number, date, issuer, year, title and note."""

    number = forms.CharField(
        label=_("Số quyết định"),
        max_length=64,
        error_messages={"required": _("Số quyết định: nhập số, ví dụ 125/QĐ-UBND.")},
    )
    signed_on = date_field(_("Ngày ký"))
    issuer = forms.CharField(
        label=_("Cơ quan ra quyết định"),
        max_length=255,
        help_text=AwardDecision._meta.get_field("issuer").help_text,
        error_messages={"required": _("Cơ quan ra quyết định: nhập tên cơ quan, người ký.")},
    )
    year = forms.IntegerField(
        label=_("Năm khen thưởng"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("Năm khen thưởng: nhập năm, ví dụ 2025."),
            "invalid": _("Năm khen thưởng: nhập năm bằng số, ví dụ 2025."),
            "min_value": _("Năm khen thưởng: từ 2000 đến 2100."),
            "max_value": _("Năm khen thưởng: từ 2000 đến 2100."),
        },
    )
    title = TitleChoiceField(
        label=_("Danh hiệu, hình thức khen thưởng"),
        queryset=AwardTitle.objects.none(),
        error_messages={
            "required": _("Danh hiệu: chọn một danh hiệu."),
            "invalid_choice": _("Danh hiệu: chọn một danh hiệu trong danh sách."),
        },
    )
    note = forms.CharField(
        label=_("Trích yếu, ghi chú"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    FIELDS = ("number", "signed_on", "issuer", "year", "title", "note")

    def __init__(self, *args, decision: AwardDecision | None = None, subject=None, **kwargs):
        if decision is not None and decision.pk:
            kwargs.setdefault("initial", {f: getattr(decision, f) for f in self.FIELDS})
        super().__init__(*args, **kwargs)
        self.initial.setdefault("year", date.today().year)
        # The recipients on the page are members or units: the title keeps that subject.
        keep = decision.title_id if decision is not None else None
        self.fields["title"].queryset = _titles(subject, keep)

    def apply(self, decision: AwardDecision) -> AwardDecision:
        for name in self.FIELDS:
            setattr(decision, name, self.cleaned_data[name])
        return decision


@dataclass
class Candidate:
    """One line of the recipient list: a member (under their unit) or a unit."""

    key: str  # "m12" or "o5": the value of its checkbox, the suffix of its prize input
    name: str
    group: str  # the heading it is listed under
    member: Member | None = None
    organisation: Organisation | None = None

    def recipient(self, prize: int) -> Recipient:
        return Recipient(member=self.member, organisation=self.organisation, prize=prize)


def candidates(organisation: Organisation, subject: str, exclude=()) -> list[Candidate]:
    """Who a decision kept by `organisation` may award: the active members of its subtree
    (individual titles) or the organisation and the units below it (collective ones). At most
    MAX_CANDIDATES + 1 rows, so that the page can say the list is too long."""
    if subject == AwardTitle.Subject.INDIVIDUAL:
        members = (
            Member.objects.in_subtree(organisation)
            .active()
            .exclude(pk__in=[a.member_id for a in exclude if a.member_id])
            .select_related("organisation")
            .order_by("organisation__path", "sort_name", "pk")
        )
        return [
            Candidate(f"m{m.pk}", m.full_name, m.organisation.name, member=m)
            for m in members[: MAX_CANDIDATES + 1]
        ]
    units = Organisation.objects.subtree_of(organisation).exclude(
        pk__in=[a.recipient_id for a in exclude if a.recipient_id]
    )
    return [
        Candidate(f"o{o.pk}", o.name, o.get_kind_display(), organisation=o)
        for o in units.order_by("path")[: MAX_CANDIDATES + 1]
    ]


@dataclass
class CandidateRow:
    candidate: Candidate
    checked: bool
    prize: str
    errors: list[str]


def prize_account_field(help_text) -> AccountChoiceField:
    """The account that pays a decision's prizes (none: the prizes are only recorded)."""
    return AccountChoiceField(
        label=_("Chi tiền thưởng từ tài khoản"),
        queryset=Account.objects.none(),
        required=False,
        empty_label=_("Không lập phiếu chi"),
        help_text=help_text,
        error_messages={"invalid_choice": _("Tài khoản: chọn một tài khoản của đơn vị.")},
    )


def offer_prize_accounts(form, accounts) -> None:
    """The accounts of the branch that keeps the books; no field above branches (None)."""
    if accounts is None:
        del form.fields["prize_account"]
    else:
        form.fields["prize_account"].queryset = accounts


class DecisionCreateForm(DecisionForm):
    """A new decision with its recipients, picked from `candidates` by checkbox (`pick`) with
    an optional prize each (`prize-<key>`), and the account that pays the prizes."""

    prize_account = prize_account_field(
        _(
            "Khi có tiền thưởng và chọn tài khoản, một phiếu chi nháp (chi khen thưởng) được lập "
            "cho tổng số tiền; kế toán kiểm tra rồi ghi sổ."
        )
    )

    def __init__(self, *args, candidates: list[Candidate], accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        self.recipients: list[Recipient] = []
        self.row_errors: dict[str, list[str]] = {}
        offer_prize_accounts(self, accounts)

    def clean(self):
        cleaned = super().clean()
        picked = set(self.data.getlist("pick"))
        for candidate in self.candidates:
            raw = self.data.get(f"prize-{candidate.key}", "").strip()
            prize = parse_money(raw) if raw else 0
            if prize is None or prize >= MAX_AMOUNT:
                self._row_error(
                    candidate,
                    _g("%(name)s: tiền thưởng là số đồng nguyên, ví dụ 500.000.")
                    % {"name": candidate.name},
                )
            elif candidate.key in picked:
                self.recipients.append(candidate.recipient(prize))
            elif prize:
                self._row_error(
                    candidate,
                    _g("%(name)s: đã nhập tiền thưởng nhưng chưa đánh dấu chọn.")
                    % {"name": candidate.name},
                )
        if picked - {c.key for c in self.candidates}:
            self.add_error(
                None, _g("Danh sách đã thay đổi: có người được chọn không còn trong danh sách.")
            )
        if not self.recipients and not self.row_errors:
            self.add_error(None, _g("Chưa chọn cá nhân, tập thể nào được khen thưởng."))
        return cleaned

    def _row_error(self, candidate: Candidate, message: str) -> None:
        self.row_errors.setdefault(candidate.key, []).append(message)
        self.add_error(None, message)

    def rows(self) -> list[tuple[str, list[CandidateRow]]]:
        """The recipient list grouped by heading, with what was entered (after an error)."""
        picked = set(self.data.getlist("pick")) if self.is_bound else set()
        groups: dict[str, list[CandidateRow]] = {}
        for c in self.candidates[:MAX_CANDIDATES]:
            groups.setdefault(c.group, []).append(
                CandidateRow(
                    c,
                    c.key in picked,
                    self.data.get(f"prize-{c.key}", "") if self.is_bound else "",
                    self.row_errors.get(c.key, []),
                )
            )
        return list(groups.items())


class AwardAddForm(forms.Form):
    """One more recipient of an existing decision, and their prize."""

    recipient = forms.ChoiceField(
        label=_("Cá nhân, tập thể"),
        error_messages={
            "required": _("Cá nhân, tập thể: chọn một người hoặc một đơn vị."),
            "invalid_choice": _("Cá nhân, tập thể: chọn trong danh sách."),
        },
    )
    prize = MoneyField(label=_("Tiền thưởng (đồng)"), allow_zero=True, required=False)

    def __init__(self, *args, candidates: list[Candidate], **kwargs):
        super().__init__(*args, **kwargs)
        self.by_key = {c.key: c for c in candidates}
        groups: dict[str, list] = {}
        for c in candidates:
            groups.setdefault(c.group, []).append((c.key, c.name))
        self.fields["recipient"].choices = [("", "---------"), *groups.items()]

    def chosen(self) -> Recipient:
        candidate = self.by_key[self.cleaned_data["recipient"]]
        return candidate.recipient(self.cleaned_data["prize"] or 0)


class DecisionFilterForm(forms.Form):
    """The decision list's filters; a wrong value drops that filter only."""

    q = forms.CharField(label=_("Tìm"), max_length=100, required=False)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False)
    authority = forms.ChoiceField(
        label=_("Khen thưởng của"),
        choices=[("", _("Tất cả"))] + AwardTitle.Authority.choices,
        required=False,
    )
    title = TitleChoiceField(
        label=_("Danh hiệu"),
        queryset=AwardTitle.objects.none(),
        required=False,
        empty_label=_("Tất cả"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Retired titles still name old decisions: every title is offered here.
        self.fields["title"].queryset = AwardTitle.objects.order_by(
            "authority", "subject", "order", "name"
        )
