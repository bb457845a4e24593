"""Forms of đoàn phí: a branch's own rule, a member's salary basis, the receipt of a group's
collection grid, the remittance upward."""

from datetime import date

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from finance.forms import AccountChoiceField, MoneyField, date_field, if_empty
from finance.models import Account, DuesRule, SalaryBasis
from members.models import Organisation


class DuesRuleForm(forms.ModelForm):
    effective_from = date_field(_("Áp dụng từ ngày"))
    base_salary = MoneyField(label=_("Lương cơ sở (đồng)"))
    flat_amount = MoneyField(
        label=_("Mức đóng cố định (đồng/tháng)"),
        allow_zero=True,
        help_text=_("Cho đoàn viên không có lương làm căn cứ đóng đoàn phí."),
    )

    class Meta:
        model = DuesRule
        fields = [
            "effective_from",
            "rate",
            "cap_percent",
            "base_salary",
            "flat_amount",
            "kept_dues_percent",
            "kept_kpcd_percent",
            "note",
        ]
        error_messages = {
            "rate": if_empty(_("Mức đóng: nhập phần trăm lương, ví dụ 1.")),
            "kept_dues_percent": if_empty(_("Tỷ lệ đoàn phí để lại: nhập phần trăm, ví dụ 60.")),
            "kept_kpcd_percent": if_empty(_("Tỷ lệ KPCĐ để lại: nhập phần trăm, ví dụ 75.")),
        }
        help_texts = {"note": _("Văn bản quy định, ví dụ Quyết định số 1908/QĐ-TLĐ.")}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        if not self.instance.pk:
            self.initial.setdefault("effective_from", date(date.today().year, 1, 1))

    def clean(self):
        data = super().clean()
        for name in ("rate", "kept_dues_percent", "kept_kpcd_percent", "cap_percent"):
            value = data.get(name)
            if value is not None and not 0 <= value <= 100:
                self.add_error(name, _("Nhập phần trăm từ 0 đến 100."))
        return data


class SalaryBasisForm(forms.ModelForm):
    effective_from = date_field(_("Từ ngày"))
    amount = MoneyField(label=_("Lương làm căn cứ đóng đoàn phí (đồng/tháng)"), allow_zero=True)

    class Meta:
        model = SalaryBasis
        fields = ["effective_from", "amount"]

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.member = member


class DuesBatchForm(forms.Form):
    """The receipt's own fields; the amounts are the grid's cells, read by `views._entries`."""

    account = AccountChoiceField(
        label=_("Tài khoản"),
        queryset=Account.objects.none(),
        error_messages={"required": _("Tài khoản: chọn quỹ hoặc tài khoản nhận tiền.")},
    )
    day = date_field(_("Ngày thu"), initial=date.today)
    control_total = MoneyField(label=_("Tổng kiểm tra"), required=False)

    def __init__(self, *args, branch: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        accounts = Account.objects.filter(organisation=branch)
        self.fields["account"].queryset = accounts
        self.fields["account"].error_messages["invalid_choice"] = gettext(
            "Tài khoản: chọn một tài khoản của đơn vị."
        )
        if len(accounts) == 1:
            self.fields["account"].initial = accounts[0].pk


class RemittanceForm(forms.Form):
    account = AccountChoiceField(queryset=Account.objects.none(), label=_("Chi từ"))
    date = date_field(_("Ngày chi"))
    amount = MoneyField(label=_("Số tiền nộp (đồng)"))

    def __init__(self, *args, branch: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = Account.objects.filter(organisation=branch)
