"""Forms of the books: a voucher, a transfer, an account, closing a period, a reversal, the
voucher list's filters. They check input only; every rule about money lives in
finance.ledger.services. Errors name their field, as the fields of finance.forms do.
"""

from datetime import date

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from finance.forms import (
    AccountChoiceField,
    MemberChoiceField,
    MoneyField,
    branch_members,
    date_field,
    if_empty,
)
from finance.models import Account, Category, ClosedPeriod, Voucher
from members.models import Member, Organisation
from unionhub.forms import DateField


class GroupedCategoryIterator(ModelChoiceIterator):
    """Choices as "code · name", a line with sub-lines as a group headed by that line.

    Lazy like its parent: the query runs when the select is rendered, once.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        categories = list(self.queryset)
        listed = {category.pk for category in categories}
        children: dict[int, list[Category]] = {}
        for category in categories:
            if category.parent_id in listed:
                children.setdefault(category.parent_id, []).append(category)
        for category in categories:
            if category.parent_id in listed:
                continue  # shown in its parent's group
            subs = children.get(category.pk)
            if subs:
                # Money goes to a sub-line or, for what fits none, to the line itself
                # (listed first in its group).
                yield (str(category), [self.choice(c) for c in [category, *subs]])
            else:
                yield self.choice(category)


class CategoryChoiceField(forms.ModelChoiceField):
    iterator = GroupedCategoryIterator


def flow_of(kind: str) -> str:
    return Category.Flow.INCOME if kind == Voucher.Kind.RECEIPT else Category.Flow.SPENDING


class VoucherForm(forms.Form):
    """A draft receipt or payment; the kind is fixed by the page (a new voucher of that kind,
    or the draft being edited), so the categories offered are always of the right flow."""

    kind = forms.ChoiceField(
        label=_("Loại phiếu"), choices=Voucher.Kind.choices, disabled=True, widget=forms.HiddenInput
    )
    date = date_field(_("Ngày chứng từ"))
    account = AccountChoiceField(
        label=_("Tài khoản"),
        queryset=Account.objects.none(),
        error_messages={
            "required": _("Tài khoản: chọn quỹ tiền mặt hoặc tài khoản ngân hàng."),
            "invalid_choice": _("Tài khoản: chọn một tài khoản của đơn vị."),
        },
    )
    category = CategoryChoiceField(
        queryset=Category.objects.none(),
        error_messages={"invalid_choice": _("Mục thu chi: chọn một mục trong danh sách.")},
    )
    amount = MoneyField(label=_("Số tiền (đồng)"))
    counterparty_member = MemberChoiceField(
        queryset=Member.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Chọn một đoàn viên của đơn vị.")},
    )
    counterparty = forms.CharField(max_length=255, required=False)
    description = forms.CharField(
        label=_("Lý do"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=if_empty(_("Lý do: ghi nội dung thu hoặc chi.")),
    )
    member = MemberChoiceField(
        label=_("Đoàn viên liên quan"),
        queryset=Member.objects.none(),
        required=False,
        help_text=_("Đoàn viên được thăm hỏi, trợ cấp, khen thưởng... (nếu có)."),
        error_messages={"invalid_choice": _("Đoàn viên liên quan: chọn một đoàn viên của đơn vị.")},
    )

    def __init__(self, *args, organisation: Organisation, kind: str, voucher=None, **kwargs):
        if voucher is not None:
            kwargs.setdefault(
                "initial",
                {
                    "date": voucher.date,
                    "account": voucher.account_id,
                    "category": voucher.category_id,
                    "amount": voucher.amount,
                    "counterparty_member": voucher.counterparty_member_id,
                    "counterparty": voucher.counterparty,
                    "description": voucher.description,
                    "member": voucher.member_id,
                },
            )
        super().__init__(*args, **kwargs)
        receipt = kind == Voucher.Kind.RECEIPT
        self.fields["kind"].initial = self.initial["kind"] = kind
        accounts = Account.objects.filter(organisation=organisation)
        self.fields["account"].queryset = accounts
        if voucher is None and not self.is_bound:
            first = accounts.filter(kind=Account.Kind.CASH).first() or accounts.first()
            self.initial.setdefault("account", first.pk if first else None)
            self.initial.setdefault("date", date.today())
        categories = Category.objects.filter(flow=flow_of(kind), active=True)
        if voucher is not None and voucher.category_id:
            # A draft keeps its category even if it has been retired since.
            categories = categories | Category.objects.filter(pk=voucher.category_id)
        category = self.fields["category"]
        category.queryset = categories.order_by("order", "code")
        category.label = _("Mục thu") if receipt else _("Mục chi")
        category.error_messages["required"] = (
            _("Mục thu: chọn khoản thu.") if receipt else _("Mục chi: chọn khoản chi.")
        )
        keep = (voucher.counterparty_member_id, voucher.member_id) if voucher else ()
        members = branch_members(organisation, *keep)
        self.fields["counterparty_member"].queryset = members
        self.fields["member"].queryset = members
        self.fields["counterparty_member"].label = (
            _("Người nộp tiền là đoàn viên") if receipt else _("Người nhận tiền là đoàn viên")
        )
        self.fields["counterparty"].label = (
            _("Người nộp tiền (ghi tên)") if receipt else _("Người nhận tiền (ghi tên)")
        )
        self.fields["counterparty"].help_text = _(
            "Chọn đoàn viên ở ô trên, hoặc ghi tên người, đơn vị ngoài danh sách."
        )

    def clean(self):
        data = super().clean()
        if (
            "counterparty_member" in data
            and "counterparty" in data
            and not data["counterparty_member"]
            and not data["counterparty"].strip()
        ):
            label = self.fields["counterparty"].label
            self.add_error(
                "counterparty",
                _("%(field)s: chọn đoàn viên hoặc ghi tên người nộp/nhận tiền.") % {"field": label},
            )
        return data


class TransferForm(forms.Form):
    """Chuyển tiền nội bộ: from one of the branch's accounts to another."""

    source = AccountChoiceField(
        label=_("Chuyển từ tài khoản"),
        queryset=Account.objects.none(),
        error_messages=if_empty(_("Chuyển từ tài khoản: chọn tài khoản chuyển đi.")),
    )
    destination = AccountChoiceField(
        label=_("Sang tài khoản"),
        queryset=Account.objects.none(),
        error_messages=if_empty(_("Sang tài khoản: chọn tài khoản nhận.")),
    )
    date = date_field(_("Ngày chuyển"), initial=date.today)
    amount = MoneyField(label=_("Số tiền (đồng)"))
    description = forms.CharField(
        label=_("Nội dung"),
        max_length=500,
        error_messages=if_empty(_("Nội dung: ghi lý do chuyển tiền (rút tiền gửi về quỹ...).")),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        accounts = Account.objects.filter(organisation=organisation)
        for name in ("source", "destination"):
            self.fields[name].queryset = accounts
            self.fields[name].error_messages["invalid_choice"] = _(
                "%(field)s: chọn một tài khoản của đơn vị."
            ) % {"field": self.fields[name].label}

    def clean(self):
        data = super().clean()
        if data.get("source") and data.get("source") == data.get("destination"):
            self.add_error("destination", _("Sang tài khoản: chọn tài khoản khác tài khoản đi."))
        return data


class AccountForm(forms.ModelForm):
    """Open or rename an account. Its opening balance is fixed once vouchers use it."""

    opening_balance = MoneyField(
        label=_("Số dư đầu kỳ (đồng)"),
        allow_zero=True,
        help_text=_("Số tiền có trong quỹ hoặc tài khoản vào ngày bắt đầu ghi sổ trên UnionHub."),
    )
    opening_date = date_field(_("Ngày số dư đầu kỳ"))

    class Meta:
        model = Account
        fields = ["kind", "name", "bank_account", "opening_balance", "opening_date"]
        error_messages = {
            "kind": if_empty(_("Loại: chọn tiền mặt hoặc tiền gửi ngân hàng.")),
            "name": if_empty(_("Tên: đặt tên tài khoản (Quỹ tiền mặt, Tiền gửi Vietcombank...).")),
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["bank_account"].help_text = _("Chỉ với tài khoản tiền gửi ngân hàng.")
        if not self.instance.pk:
            self.initial.setdefault("opening_date", date(date.today().year, 1, 1))
        elif self.instance.vouchers.exists():
            for name in ("opening_balance", "opening_date"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Tài khoản đã có chứng từ: không sửa được.")

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = Account.objects.filter(organisation=self.instance.organisation, name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Tên: đơn vị đã có tài khoản tên này."))
        return name

    def clean(self):
        data = super().clean()
        if data.get("kind") == Account.Kind.BANK and not data.get("bank_account", "").strip():
            self.add_error("bank_account", _("Số tài khoản: nhập số tài khoản ngân hàng."))
        return data


MONTHS = [("", _("Cả năm"))] + [(str(m), _("Tháng %(m)s") % {"m": m}) for m in range(1, 13)]


class PeriodCloseForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("Năm: nhập năm cần khóa sổ."),
            "invalid": _("Năm: nhập một năm (2026)."),
            "min_value": _("Năm: nhập một năm từ 2000."),
            "max_value": _("Năm: nhập một năm đến 2100."),
        },
    )
    month = forms.TypedChoiceField(
        label=_("Tháng"),
        choices=MONTHS,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Để “Cả năm” để khóa sổ cả năm."),
        error_messages={"invalid_choice": _("Tháng: chọn một tháng từ 1 đến 12.")},
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.initial.setdefault("year", date.today().year)

    def clean(self):
        data = super().clean()
        year, month = data.get("year"), data.get("month")
        if not year:
            return data
        field = "month" if month else "year"
        today = date.today()
        closed = ClosedPeriod.objects.filter(organisation=self.organisation, year=year)
        if (year, month or 12) > (today.year, today.month):
            self.add_error(field, _("Chỉ khóa sổ kỳ đã qua hoặc tháng hiện tại."))
        elif closed.filter(month__isnull=True).exists():
            self.add_error("year", _("Năm %(y)s đã khóa sổ.") % {"y": year})
        elif month and closed.filter(month=month).exists():
            self.add_error("month", _("Tháng %(m)s/%(y)s đã khóa sổ.") % {"m": month, "y": year})
        return data


class ReverseForm(forms.Form):
    date = date_field(_("Ngày điều chỉnh"), initial=date.today)
    description = forms.CharField(
        label=_("Lý do điều chỉnh"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=if_empty(_("Lý do điều chỉnh: ghi vì sao điều chỉnh chứng từ này.")),
    )


class VoucherFilterForm(forms.Form):
    """The voucher list's filters; a wrong value drops that filter only."""

    kind = forms.ChoiceField(
        label=_("Loại phiếu"), choices=[("", _("Tất cả"))] + Voucher.Kind.choices, required=False
    )
    state = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả"))] + Voucher.State.choices,
        required=False,
    )
    account = AccountChoiceField(
        label=_("Tài khoản"),
        queryset=Account.objects.none(),
        required=False,
        empty_label=_("Tất cả"),
    )
    category = CategoryChoiceField(
        label=_("Mục thu chi"), queryset=Category.objects.none(), required=False
    )
    q = forms.CharField(label=_("Tìm"), max_length=100, required=False)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # ?from=&to= as on the books and the summary ("from" is a Python keyword).
        self.fields["from"] = DateField(label=_("Từ ngày"), required=False)
        self.fields["to"] = DateField(label=_("Đến ngày"), required=False)
        self.fields["account"].queryset = Account.objects.filter(organisation=organisation)
        # Retired categories still name old vouchers: every category is offered here.
        self.fields["category"].queryset = Category.objects.order_by("flow", "order", "code")
