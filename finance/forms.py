"""Form fields every finance room uses (and emulation, for the money its activities cost):
whole đồng typed with or without separators, dates as dd/mm/yyyy, an account, a member of the
branch. They check input only; the rules about money live in the rooms' services.

Errors name the field they are about ("Số tiền: ..."), so a message read out of context, or
shown at the top of a long form, still says what to fix.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Member, Organisation
from unionhub.forms import DateField

# The largest amount a voucher may carry: far above any branch's books, far below BigInteger.
MAX_AMOUNT = 10**15


def if_empty(message) -> dict:
    """A field's error_messages saying `message` when it is left empty."""
    return {"required": message}


def date_field(label, **kwargs) -> DateField:
    """A dd/mm/yyyy date field, within unionhub's plausible bounds, whose errors name the field
    (`label`): a voucher dated 31/12/9999 would be numbered in the books of year 9999."""
    return DateField(
        label=label,
        error_messages={
            "required": _("%(field)s: nhập ngày theo dạng dd/mm/yyyy.") % {"field": label},
            "invalid": _("%(field)s: ngày không hợp lệ, nhập theo dạng dd/mm/yyyy (31/12/2026).")
            % {"field": label},
            "out_of_range": _(
                "%(field)s: ngày %(day)s không hợp lý, phải từ %(first)s đến %(last)s."
            ),
        },
        **kwargs,
    )


class MoneyInput(forms.TextInput):
    """Whole đồng, shown with dot thousands separators ("16.050.000") and typed either way."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "placeholder": _("VD: 16.050.000"),
                **(attrs or {}),
            }
        )

    def format_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return super().format_value(value)


# Digits, optionally grouped by three with dots, spaces or commas; an "đ" or "đồng" may follow.
_GROUPED = re.compile(r"^\d{1,3}(?:([.,\s])\d{3})?(?:\1\d{3})*$")


def parse_money(text: str) -> int | None:
    """ "16.050.000", "16050000", "16 050 000đ" -> 16050000; None when it is not whole đồng."""
    text = re.sub(r"\s*(đồng|đ|vnđ|vnd)\s*$", "", text.strip(), flags=re.IGNORECASE)
    if text.isdecimal():
        return int(text)
    if _GROUPED.match(text):
        return int(re.sub(r"\D", "", text))
    return None


class MoneyField(forms.Field):
    widget = MoneyInput

    def __init__(self, *, label, allow_zero: bool = False, **kwargs):
        self.allow_zero = allow_zero
        kwargs.setdefault(
            "error_messages", if_empty(_("%(field)s: nhập số tiền.") % {"field": label})
        )
        super().__init__(label=label, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        amount = parse_money(str(value))
        if amount is None:
            raise forms.ValidationError(
                _(
                    "%(field)s: nhập số đồng nguyên, có thể có dấu chấm ngăn cách hàng nghìn "
                    "(16.050.000 hoặc 16050000)."
                )
                % {"field": self.label},
                code="invalid",
            )
        return amount

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if value == 0 and not self.allow_zero:
            raise forms.ValidationError(
                _("%(field)s phải lớn hơn 0.") % {"field": self.label}, code="min"
            )
        if value >= MAX_AMOUNT:
            raise forms.ValidationError(
                _("%(field)s quá lớn: kiểm tra lại số chữ số.") % {"field": self.label},
                code="max",
            )


class AccountChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_kind_display()})"


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


def branch_members(organisation: Organisation, *keep: int | None):
    """The branch's active members (and whoever a draft already names, even if they left)."""
    keep_ids = [pk for pk in keep if pk]
    qs = Member.objects.in_subtree(organisation).filter(status=Member.Status.ACTIVE)
    if keep_ids:
        qs = qs | Member.objects.filter(pk__in=keep_ids)
    return qs.only("pk", "full_name", "sort_name").order_by("sort_name", "pk")
