"""Forms of the charity drives and the vouched loans. They check input only; the rules live in
finance.funds.drives and finance.funds.loans. Errors name their field, as the books' forms do."""

from datetime import date

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from finance.forms import (
    MemberChoiceField,
    MoneyField,
    branch_members,
    date_field,
    if_empty,
)
from finance.models import Drive, DriveForward, Loan
from members.models import Member, Organisation
from unionhub.dates import PLANNED_YEARS

from .drives import COMMON_NAMES, GROUP_KINDS


class SuggestInput(forms.TextInput):
    """A text box that suggests values (an HTML datalist) without restricting them."""

    def __init__(self, suggestions=(), attrs=None):
        super().__init__(attrs)
        self.suggestions = list(suggestions)

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id', name)}-suggestions"
        box = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join("", '<option value="{}">', ((s,) for s in self.suggestions))
        return format_html('{}<datalist id="{}">{}</datalist>', box, list_id, options)


def _year_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Năm"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("Năm: nhập năm của cuộc vận động."),
            "invalid": _("Năm: nhập một năm (2026)."),
            "min_value": _("Năm: nhập một năm từ 2000."),
            "max_value": _("Năm: nhập một năm đến 2100."),
        },
    )


class DriveForm(forms.ModelForm):
    """Launch or rename a drive. The same name in another year is the same row of the table."""

    year = _year_field()
    started_on = date_field(_("Ngày phát động"), required=False)

    class Meta:
        model = Drive
        fields = ["year", "name", "started_on", "note"]
        error_messages = {
            "name": if_empty(_("Tên: ghi tên quỹ hoặc cuộc vận động (Ngày vì người nghèo...)."))
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        used = Drive.objects.filter(organisation=organisation).values_list("name", flat=True)
        names = dict.fromkeys([*COMMON_NAMES, *used.distinct().order_by("name")[:50]])
        self.fields["name"].widget = SuggestInput(names, attrs={"maxlength": 200})
        self.fields["name"].help_text = _(
            "Dùng đúng tên của các năm trước để báo cáo theo năm gộp chung một dòng."
        )
        if not self.instance.pk:
            self.initial.setdefault("year", date.today().year)

    # A name taken that year is the service's to refuse (drives.drive_save), on this field.


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def branch_groups(organisation: Organisation):
    """The groups and sub-branches of a branch, in the tree's order."""
    return Organisation.objects.subtree_of(organisation).filter(kind__in=GROUP_KINDS)


class ContributionForm(forms.Form):
    """One contribution: from a member of the branch, or from a group as a whole."""

    date = date_field(_("Ngày nhận"), initial=date.today)
    member = MemberChoiceField(
        label=_("Đoàn viên ủng hộ"),
        queryset=Member.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Đoàn viên ủng hộ: chọn một đoàn viên của đơn vị.")},
    )
    group = GroupChoiceField(
        label=_("Hoặc tổ công đoàn (nộp chung)"),
        queryset=Organisation.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Tổ công đoàn: chọn một tổ của đơn vị.")},
    )
    amount = MoneyField(label=_("Số tiền (đồng)"))
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = branch_members(organisation)
        self.fields["group"].queryset = branch_groups(organisation)

    def clean(self):
        data = super().clean()
        if "member" in data and "group" in data and bool(data["member"]) == bool(data["group"]):
            self.add_error(
                "member",
                _("Đoàn viên ủng hộ: chọn một đoàn viên hoặc một tổ công đoàn, không chọn cả hai."),
            )
        return data


class GroupEntryForm(forms.Form):
    """The common fields of a group's grid; the amounts are the grid's cells."""

    date = date_field(_("Ngày nhận"), initial=date.today)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class ForwardForm(forms.Form):
    date = date_field(_("Ngày chuyển"), initial=date.today)
    recipient = forms.CharField(
        label=_("Nơi nhận"),
        max_length=255,
        error_messages=if_empty(_("Nơi nhận: ghi nơi nhận tiền (công đoàn cấp trên, quỹ...).")),
    )
    amount = MoneyField(label=_("Số tiền (đồng)"))
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        parent = Organisation.objects.get_parent(organisation)
        used = (
            DriveForward.objects.filter(drive__organisation=organisation)
            .values_list("recipient", flat=True)
            .distinct()
            .order_by("recipient")[:30]
        )
        suggestions = dict.fromkeys([*([parent.name] if parent else []), *used])
        self.fields["recipient"].widget = SuggestInput(suggestions, attrs={"maxlength": 255})


class LoanForm(forms.ModelForm):
    """A vouched loan; the borrower is chosen among the branch's members."""

    member = MemberChoiceField(
        label=_("Đoàn viên vay"),
        queryset=Member.objects.none(),
        error_messages={
            "required": _("Đoàn viên vay: chọn đoàn viên."),
            "invalid_choice": _("Đoàn viên vay: chọn một đoàn viên của đơn vị."),
        },
    )
    amount = MoneyField(label=_("Số tiền vay (đồng)"))
    borrowed_on = date_field(_("Ngày vay"))
    due_on = date_field(_("Hạn trả"), required=False, future_years=PLANNED_YEARS)
    repaid_on = date_field(_("Ngày trả hết"), required=False)

    class Meta:
        model = Loan
        fields = ["member", "lender", "amount", "borrowed_on", "due_on", "repaid_on", "purpose"]
        error_messages = {
            "lender": if_empty(_("Nơi cho vay: ghi ngân hàng hoặc quỹ cho vay.")),
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["member"].queryset = branch_members(organisation, self.instance.member_id)
        used = (
            Loan.objects.filter(organisation=organisation)
            .values_list("lender", flat=True)
            .distinct()
            .order_by("lender")[:30]
        )
        self.fields["lender"].widget = SuggestInput(
            dict.fromkeys(["Ngân hàng Chính sách xã hội", *used]), attrs={"maxlength": 255}
        )
        self.fields["repaid_on"].help_text = _("Để trống khi đoàn viên chưa trả hết.")
        if not self.instance.pk:
            self.initial.setdefault("borrowed_on", date.today())


class RepayForm(forms.Form):
    date = date_field(_("Ngày trả hết"), initial=date.today)
