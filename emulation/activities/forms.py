"""Forms of the activities. They check input only; the rules live in emulation.activities.services.

Errors name the field they are about ("Ngày kết thúc: ..."), so a message shown at the top of
the page still says what to fix.
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from emulation.lists import YEAR_MAX, YEAR_MIN
from emulation.models import Activity
from finance.forms import MoneyField, date_field
from finance.models import Voucher
from members.models import Member, Organisation
from unionhub.formatting import money, vn_date

# Above this many members the participants page asks for a smaller unit (a group).


def _count_field(label, help_text) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=1_000_000,
        required=False,
        help_text=help_text,
        error_messages={
            "invalid": _("%(field)s: nhập số người bằng số.") % {"field": label},
            "min_value": _("%(field)s: không được âm.") % {"field": label},
            "max_value": _("%(field)s: số quá lớn.") % {"field": label},
        },
    )


class ActivityForm(forms.Form):
    """An activity's record: what, when, where, with whom, how many, what it cost and won."""

    kind = forms.ChoiceField(
        label=_("Loại hoạt động"),
        choices=[("", "---------"), *Activity.Kind.choices],
        error_messages={
            "required": _("Loại hoạt động: chọn một loại."),
            "invalid_choice": _("Loại hoạt động: chọn trong danh sách."),
        },
    )
    name = forms.CharField(
        label=_("Tên hoạt động"),
        max_length=255,
        error_messages={"required": _("Tên hoạt động: nhập tên, ví dụ Hội thao chào mừng 26/3.")},
    )
    starts_on = date_field(_("Ngày bắt đầu"))
    ends_on = date_field(
        _("Ngày kết thúc"),
        required=False,
        help_text=_("Để trống khi hoạt động diễn ra trong một ngày."),
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    partners = forms.CharField(
        label=_("Phối hợp với"),
        max_length=255,
        required=False,
        help_text=Activity._meta.get_field("partners").help_text,
    )
    participant_count = _count_field(
        _("Số người tham gia"),
        _(
            "Chỉ nhập khi không lập danh sách người tham gia. Nếu có cả danh sách, số nhập ở "
            "đây được dùng để tính; để trống thì đếm theo danh sách."
        ),
    )
    invited_count = _count_field(
        _("Số người được triệu tập"),
        _("Để tính tỷ lệ tham dự (học tập nghị quyết, tập huấn); để trống nếu không có."),
    )
    other_cost = MoneyField(
        label=_("Kinh phí từ nguồn khác (đồng)"),
        allow_zero=True,
        required=False,
        help_text=_(
            "Phần chuyên môn, nhà tài trợ chi (không qua sổ công đoàn). Kinh phí công đoàn chi "
            "thì liên kết phiếu chi ở trang chi tiết."
        ),
    )
    results = forms.CharField(
        label=_("Kết quả, giải thưởng"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=Activity._meta.get_field("results").help_text,
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    FIELDS = (
        "kind",
        "name",
        "starts_on",
        "ends_on",
        "place",
        "partners",
        "participant_count",
        "invited_count",
        "other_cost",
        "results",
        "note",
    )

    def __init__(self, *args, activity: Activity | None = None, **kwargs):
        if activity is not None and activity.pk:
            kwargs.setdefault("initial", {f: getattr(activity, f) for f in self.FIELDS})
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error(
                "ends_on",
                _g("Ngày kết thúc: không được trước ngày bắt đầu (%(day)s).")
                % {"day": vn_date(starts)},
            )
        return cleaned

    def apply(self, activity: Activity) -> Activity:
        for name in self.FIELDS:
            setattr(activity, name, self.cleaned_data[name])
        activity.other_cost = activity.other_cost or 0
        activity.results = "\n".join(
            line.strip() for line in activity.results.splitlines() if line.strip()
        )
        return activity


class ActivityFilterForm(forms.Form):
    """The list's filters; a wrong value drops that filter only."""

    q = forms.CharField(label=_("Tìm"), max_length=100, required=False)
    year = forms.IntegerField(
        label=_("Năm"), min_value=YEAR_MIN, max_value=YEAR_MAX, required=False
    )
    kind = forms.ChoiceField(
        label=_("Loại hoạt động"),
        choices=[("", _("Tất cả")), *Activity.Kind.choices],
        required=False,
    )


@dataclass
class ParticipantRow:
    member: Member
    checked: bool


class ParticipantsForm(forms.Form):
    """Participants ticked (`pick` = member ids) among `candidates`: the active members of the
    organising unit's subtree and those already listed."""

    def __init__(self, *args, candidates: list[Member], listed: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        self.listed = listed
        self.members: list[Member] = []

    def _picked(self) -> set[str]:
        return set(self.data.getlist("pick")) if self.is_bound else {str(pk) for pk in self.listed}

    def clean(self):
        picked = self._picked()
        by_key = {str(m.pk): m for m in self.candidates}
        if picked - set(by_key):
            raise forms.ValidationError(
                _g("Danh sách đã thay đổi: có người được chọn không còn trong danh sách.")
            )
        self.members = [by_key[key] for key in picked]
        return super().clean()

    def groups(self) -> list[tuple[Organisation, list[ParticipantRow]]]:
        """The candidates under their group (in the order given), ticked as entered."""
        picked = self._picked()
        groups: dict[int, tuple[Organisation, list[ParticipantRow]]] = {}
        for member in self.candidates:
            org = member.organisation
            groups.setdefault(org.pk, (org, []))[1].append(
                ParticipantRow(member, str(member.pk) in picked)
            )
        return list(groups.values())


class VoucherChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, voucher: Voucher) -> str:
        return (
            f"{voucher.display_number} · {vn_date(voucher.date)} · {voucher.description} · "
            f"{money(voucher.amount)}"
        )


class VoucherLinkForm(forms.Form):
    """One payment voucher that paid the activity, among those that may (cost_vouchers)."""

    voucher = VoucherChoiceField(
        label=_("Phiếu chi"),
        queryset=Voucher.objects.none(),
        error_messages={
            "required": _("Phiếu chi: chọn một phiếu chi."),
            "invalid_choice": _("Phiếu chi: chọn trong danh sách phiếu chi của năm."),
        },
    )

    def __init__(self, *args, vouchers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voucher"].queryset = vouchers
