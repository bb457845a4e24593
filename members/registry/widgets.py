"""Cleaning single cells of the member sheet: django-import-export widgets with Vietnamese
messages. The lists and organisations the widgets look up are loaded once per import
(`Lookups`), so an import costs the same number of queries for 10 rows as for 40.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from import_export import widgets

from members.models import LevelChoice, Member, Organisation, birth_date_problem
from unionhub.formatting import vn_date
from unionhub.tables import cell_text, parse_date
from unionhub.text import fold

from .columns import CARD
from .forms import MEMBER_HOMES


def _shown(value) -> str:
    return vn_date(value) if isinstance(value, date) else cell_text(value)


class TextWidget(widgets.Widget):
    """Trimmed single-spaced text, with a length limit from the model field."""

    def __init__(self, max_length: int, **kwargs):
        super().__init__(**kwargs)
        self.max_length = max_length

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if len(text) > self.max_length:
            raise ValueError(_("Dài quá %(limit)s ký tự.") % {"limit": self.max_length})
        return text

    def render(self, value, obj=None, **kwargs):
        return value or ""


class NameWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        if not text:
            raise ValueError(_("Thiếu họ và tên."))
        return text


class CardWidget(TextWidget):
    """The union card number: how a row finds the member it updates. Blank is NULL."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row, **kwargs) or None


class PhoneWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, int | float) and not isinstance(value, bool):
            # A number cell lost the leading zero: 912345678 was 0912345678.
            digits = cell_text(value)
            if len(digits) == 9:
                digits = "0" + digits
            return digits
        return super().clean(value, row, **kwargs)


class EmailWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        if text:
            try:
                validate_email(text)
            except ValidationError:
                raise ValueError(
                    _("'%(value)s' không phải địa chỉ email hợp lệ.") % {"value": text}
                ) from None
        return text


class NationalIdWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs).replace(" ", "")
        if isinstance(value, int | float) and not isinstance(value, bool) and len(text) < 12:
            text = text.zfill(12)  # a number cell dropped the leading zeros of a CCCD
        if text and not (text.isdecimal() and len(text) in (9, 12)):
            raise ValueError(
                _("'%(value)s' không hợp lệ: số CCCD gồm 12 chữ số (CMND cũ: 9 chữ số).")
                % {"value": text}
            )
        return text


class MoneyWidget(widgets.Widget):
    """Whole đồng: 4680000, "4.680.000" or "4,680,000"."""

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            if isinstance(value, float) and not value.is_integer():
                raise ValueError(
                    _("'%(value)s' không hợp lệ: số tiền phải là số nguyên đồng.")
                    % {"value": value}
                )
            amount = int(value)
        else:
            text = cell_text(value).replace(".", "").replace(",", "").replace(" ", "")
            text = text.removesuffix("đ").removesuffix("đồng")
            if not text.lstrip("-").isdecimal():
                raise ValueError(
                    _("'%(value)s' không phải số tiền hợp lệ.") % {"value": cell_text(value)}
                )
            amount = int(text)
        if amount < 0:
            raise ValueError(_("Số tiền không được âm."))
        return amount

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return "" if value is None else f"{value:,}".replace(",", ".")


class DateWidget(widgets.Widget):
    """Dates as officers write them; exported as real Excel dates."""

    def clean(self, value, row=None, **kwargs):
        day = parse_date(value)
        if day and day > date.today():
            raise ValueError(_("'%(value)s' là ngày trong tương lai.") % {"value": _shown(value)})
        return day

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return value.strftime("%d/%m/%Y") if value else ""


class BirthDateWidget(DateWidget):
    def clean(self, value, row=None, **kwargs):
        day = parse_date(value)
        if day is None:
            return None
        problem = birth_date_problem(day, date.today())
        if problem:
            raise ValueError(
                _("'%(value)s': %(problem)s") % {"value": _shown(value), "problem": problem}
            )
        return day


class ChoiceWidget(widgets.Widget):
    """A Django choice written as its Vietnamese label, any case, stray spaces."""

    def __init__(self, choices, *, required: bool, synonyms: dict | None = None, **kwargs):
        super().__init__(**kwargs)
        self.labels = {value: str(label) for value, label in choices}
        self.lookup = {fold(label): value for value, label in self.labels.items()}
        self.lookup.update(synonyms or {})
        self.required = required

    def allowed(self) -> str:
        return ", ".join(self.labels.values())

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            if self.required:
                raise ValueError(
                    _("Còn trống; hãy ghi một trong: %(allowed)s.") % {"allowed": self.allowed()}
                )
            return ""
        try:
            return self.lookup[fold(text)]
        except KeyError:
            raise ValueError(
                _("'%(value)s' không hợp lệ; giá trị cho phép: %(allowed)s.")
                % {"value": text, "allowed": self.allowed()}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return self.labels.get(value, "")


class YesNoWidget(widgets.Widget):
    TRUE = {"co", "x", "dang vien", "1", "true", "yes", "dv", "dang"}
    FALSE = {"", "khong", "0", "false", "no", "chua", "-"}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = fold(cell_text(value))
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(
            _("'%(value)s' không hợp lệ; ghi Có hoặc Không.") % {"value": cell_text(value)}
        )

    def render(self, value, obj=None, **kwargs):
        return "Có" if value else "Không"


@dataclass
class Lookups:
    """Everything the widgets look up, loaded once per import (a fixed number of queries)."""

    levels: dict[str, dict[str, LevelChoice]] = field(default_factory=dict)
    level_names: dict[str, list[str]] = field(default_factory=dict)
    orgs_by_name: dict[str, list[Organisation]] = field(default_factory=dict)
    orgs_by_code: dict[str, Organisation] = field(default_factory=dict)
    # Members the importer may update (in scope and under the target), by card number.
    members_by_card: dict[str, Member] = field(default_factory=dict)
    # Card numbers of the file that belong to someone the importer may not update.
    cards_taken: set[str] = field(default_factory=set)
    # Card number -> the file rows that carry it (a card twice in the file is an error).
    card_rows: dict[str, list[int]] = field(default_factory=dict)
    # (search_name, date_of_birth) of members already under the target: likely duplicates.
    name_births: set[tuple[str, date | None]] = field(default_factory=set)

    def load_levels(self) -> None:
        entries = list(LevelChoice.objects.order_by("kind", "order", "name"))
        for level in entries:
            self.levels.setdefault(level.kind, {})[fold(level.name)] = level
            self.level_names.setdefault(level.kind, []).append(level.name)
        # Aliases second, so that an entry's name wins over another entry's alias.
        for level in entries:
            for alias in level.aliases.split(";"):
                if fold(alias):
                    self.levels[level.kind].setdefault(fold(alias), level)

    def load_organisations(self, target: Organisation) -> None:
        subtree = Organisation.objects.subtree_of(target).filter(kind__in=MEMBER_HOMES)
        for org in subtree:
            self.orgs_by_name.setdefault(fold(org.name), []).append(org)
            if org.short_name and fold(org.short_name) != fold(org.name):
                self.orgs_by_name.setdefault(fold(org.short_name), []).append(org)
            self.orgs_by_code[fold(org.code)] = org


class LevelWidget(widgets.Widget):
    """An entry of an editable list, matched on its name or a ';'-separated alias."""

    def __init__(self, kind: str, label: str, **kwargs):
        super().__init__(**kwargs)
        self.kind = kind
        self.label = label
        self.lookups: Lookups | None = None

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        found = self.lookups.levels.get(self.kind, {}).get(fold(text))
        if found is None:
            allowed = ", ".join(self.lookups.level_names.get(self.kind, [])) or _(
                "(danh mục trống)"
            )
            raise ValueError(
                _("'%(value)s' không có trong danh mục %(list)s; giá trị cho phép: %(allowed)s.")
                % {"value": text, "list": self.label, "allowed": allowed}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class OrganisationWidget(widgets.Widget):
    """The member's tổ by name or code, under the organisation chosen for the import."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.lookups: Lookups | None = None
        self.target: Organisation | None = None

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        key = fold(text)
        by_code = self.lookups.orgs_by_code.get(key)
        if by_code is not None:
            return by_code
        found = self.lookups.orgs_by_name.get(key, [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            # An exported list names each member's own tổ: the name is enough to keep them there.
            card = cell_text(row.get(CARD)) if row else ""
            member = self.lookups.members_by_card.get(card) if card else None
            if member is not None and member.organisation_id in {o.pk for o in found}:
                return member.organisation
            raise ValueError(
                _(
                    "Có %(count)s đơn vị tên '%(value)s' trong %(target)s; "
                    "hãy ghi mã đơn vị thay cho tên."
                )
                % {"count": len(found), "value": text, "target": self.target.name}
            )
        raise ValueError(
            _("Không tìm thấy tổ '%(value)s' trong %(target)s.")
            % {"value": text, "target": self.target.name}
        )

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""
