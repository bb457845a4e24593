"""The member list as an Excel sheet: one column set for the template, the export and the import.

`MemberResource` is a django-import-export resource. Every value a row may hold is cleaned by a
widget here, with Vietnamese messages; the lookups those widgets need (levels, organisations,
members by card number) are loaded once per import in `before_import`, so an import costs the
same number of queries for 10 rows as for 40. Rows are written with `bulk_create_with_history` /
`bulk_update_with_history`, so the audit trail records who imported what.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.instance_loaders import BaseInstanceLoader
from simple_history.utils import bulk_update_with_history

from unionhub import access
from unionhub.access import Perm
from unionhub.formatting import vn_date
from unionhub.text import clean_spaces, fold

from .forms import MEMBER_HOMES
from .models import (
    PERSONAL_FIELDS,
    LevelChoice,
    Member,
    Organisation,
    birth_date_problem,
)
from .services import members_register_bulk, prepare_member

# Stored with the history rows and admission events the import writes (data, not UI text).
IMPORT_REASON = "Nhập từ Excel"

# --- the columns -------------------------------------------------------------------------------

NAME = "Họ và tên"
BIRTH = "Ngày sinh"
GENDER = "Giới tính"
GROUP = "Tổ công đoàn"
CARD = "Số thẻ"
ETHNICITY = "Dân tộc"
PARTY = "Đảng viên"
EMPLOYMENT = "Loại hình"
PROFESSIONAL = "Trình độ chuyên môn"
POLITICAL = "Lý luận chính trị"
LANGUAGE = "Ngoại ngữ"
IT = "Tin học"
JOINED = "Ngày vào công đoàn"
PHONE = "Điện thoại"
EMAIL = "Email"
NATIONAL_ID = "Số CCCD"
SALARY = "Lương đóng đoàn phí"

# (column header, model attribute), in sheet order. Template, export and import all use this.
COLUMNS: list[tuple[str, str]] = [
    (NAME, "full_name"),
    (BIRTH, "date_of_birth"),
    (GENDER, "gender"),
    (GROUP, "organisation"),
    (CARD, "card_number"),
    (ETHNICITY, "ethnicity"),
    (PARTY, "party_member"),
    (EMPLOYMENT, "employment"),
    (PROFESSIONAL, "professional_level"),
    (POLITICAL, "political_level"),
    (LANGUAGE, "language_level"),
    (IT, "it_level"),
    (JOINED, "joined_on"),
    (PHONE, "phone"),
    (EMAIL, "email"),
    (NATIONAL_ID, "national_id"),
    (SALARY, "salary_basis"),
]
HEADER_OF = {attribute: header for header, attribute in COLUMNS}

LEVEL_KINDS = {
    "ethnicity": LevelChoice.Kind.ETHNICITY,
    "professional_level": LevelChoice.Kind.PROFESSIONAL,
    "political_level": LevelChoice.Kind.POLITICAL,
    "language_level": LevelChoice.Kind.LANGUAGE,
    "it_level": LevelChoice.Kind.IT,
}

# Lookups by card number go to the database in slices this long (SQLite's parameter limit).
LOOKUP_CHUNK = 500


def columns(*, include_personal: bool) -> list[tuple[str, str]]:
    """The sheet's columns; national ID and salary only for users who may see them."""
    return [c for c in COLUMNS if include_personal or c[1] not in PERSONAL_FIELDS]


def export_values(member: Member, cols: list[tuple[str, str]]) -> list:
    """One member as sheet cells, through the same widgets the import reads them with."""
    values = []
    for _header, attribute in cols:
        f = MemberResource.fields[attribute]
        value = f.widget.render(f.get_value(member), force_native_type=True)
        values.append(None if value == "" else value)
    return values


def _chunks(values: list, size: int = LOOKUP_CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


# --- cleaning single cells -----------------------------------------------------------------------


def cell_text(value) -> str:
    """A cell as trimmed text: 12345.0 (a number typed into Excel) reads as "12345"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return clean_spaces(str(value))


_DATE_TEXT = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")


def parse_date(value) -> date | None:
    """A real Excel date, or text as dd/mm/yyyy or d/m/yyyy (also with - or .), or ISO."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if not text:
        return None
    match = _DATE_TEXT.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _ISO_DATE.match(text)
        if not match:
            raise ValueError(
                _("'%(value)s' không phải ngày hợp lệ (dd/mm/yyyy).") % {"value": text}
            )
        year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(
            _("'%(value)s' không phải ngày hợp lệ (dd/mm/yyyy).") % {"value": text}
        ) from None


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


# --- the resource --------------------------------------------------------------------------------


class CardInstanceLoader(BaseInstanceLoader):
    """Existing members by card number, from the lookups loaded in before_import (no query)."""

    def get_instance(self, row):
        card = cell_text(row.get(CARD))
        return self.resource.lookups.members_by_card.get(card) if card else None


class MemberResource(resources.ModelResource):
    """Members in and out of Excel, for one importing user and one target organisation.

    Create: a row whose card number is new (or blank). Update: a row whose card number is a
    member the user manages under the target. Rows that change nothing are reported as skipped.
    """

    full_name = fields.Field("full_name", NAME, NameWidget(150))
    date_of_birth = fields.Field("date_of_birth", BIRTH, BirthDateWidget())
    gender = fields.Field(
        "gender",
        GENDER,
        ChoiceWidget(Member.Gender.choices, required=True, synonyms={"m": "M", "f": "F"}),
    )
    # A blank group keeps an existing member where they are (or puts a new one at the target).
    organisation = fields.Field(
        "organisation", GROUP, OrganisationWidget(), saves_null_values=False
    )
    card_number = fields.Field("card_number", CARD, CardWidget(32))
    ethnicity = fields.Field(
        "ethnicity", ETHNICITY, LevelWidget(LevelChoice.Kind.ETHNICITY, ETHNICITY)
    )
    party_member = fields.Field("party_member", PARTY, YesNoWidget())
    employment = fields.Field(
        "employment", EMPLOYMENT, ChoiceWidget(Member.Employment.choices, required=False)
    )
    professional_level = fields.Field(
        "professional_level",
        PROFESSIONAL,
        LevelWidget(LevelChoice.Kind.PROFESSIONAL, PROFESSIONAL),
    )
    political_level = fields.Field(
        "political_level", POLITICAL, LevelWidget(LevelChoice.Kind.POLITICAL, POLITICAL)
    )
    language_level = fields.Field(
        "language_level", LANGUAGE, LevelWidget(LevelChoice.Kind.LANGUAGE, LANGUAGE)
    )
    it_level = fields.Field("it_level", IT, LevelWidget(LevelChoice.Kind.IT, IT))
    joined_on = fields.Field("joined_on", JOINED, DateWidget())
    phone = fields.Field("phone", PHONE, PhoneWidget(20))
    email = fields.Field("email", EMAIL, EmailWidget(254))
    national_id = fields.Field("national_id", NATIONAL_ID, NationalIdWidget(20))
    salary_basis = fields.Field("salary_basis", SALARY, MoneyWidget())

    class Meta:
        model = Member
        fields = tuple(attribute for _, attribute in COLUMNS)
        import_id_fields = ("card_number",)
        instance_loader_class = CardInstanceLoader
        use_bulk = True
        batch_size = 1000
        skip_unchanged = True
        report_skipped = True
        skip_html_diff = True
        store_instance = True
        clean_model_instances = False  # validated by the widgets and import_instance, no queries
        use_transactions = True

    def __init__(self, *, user, organisation: Organisation, include_personal: bool, today=None):
        super().__init__()
        self.user = user
        self.target = organisation
        self.today = today or date.today()
        self.lookups = Lookups()
        if not include_personal:
            for attribute in PERSONAL_FIELDS:
                del self.fields[attribute]
        for f in self.fields.values():
            if isinstance(f.widget, LevelWidget | OrganisationWidget):
                f.widget.lookups = self.lookups
            if isinstance(f.widget, OrganisationWidget):
                f.widget.target = organisation
        # (Excel row, message): rows that will be imported but deserve a second look.
        self.warnings: list[tuple[int, str]] = []
        self._seen_name_births: dict[tuple[str, date | None], int] = {}

    # -- loading everything once --------------------------------------------------------------

    def before_import(self, dataset, **kwargs):
        self.lookups.load_levels()
        self.lookups.load_organisations(self.target)
        cards = defaultdict(list)
        names = set()
        for data in dataset.dict:
            card = cell_text(data.get(CARD))
            if card:
                cards[card].append(data["__row"])
            if data.get(NAME):
                names.add(fold(cell_text(data[NAME])))
        self.lookups.card_rows = dict(cards)
        related = ["organisation", *LEVEL_KINDS]
        for chunk in _chunks(sorted(cards)):
            for member in Member.objects.filter(card_number__in=chunk).select_related(*related):
                org = member.organisation
                if org.path.startswith(self.target.path) and access.can(
                    self.user, Perm.MANAGE_MEMBERS, org
                ):
                    self.lookups.members_by_card[member.card_number] = member
                else:
                    self.lookups.cards_taken.add(member.card_number)
        under_target = Member.objects.in_subtree(self.target)
        for chunk in _chunks(sorted(names)):
            self.lookups.name_births.update(
                under_target.filter(search_name__in=chunk).values_list(
                    "search_name", "date_of_birth"
                )
            )

    # -- one row ------------------------------------------------------------------------------

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._import_org = None if new else instance.organisation

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, list] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        new = instance.pk is None
        excel_row = row["__row"]
        self._check_group(instance, new, errors)
        self._check_card(instance, new, excel_row, errors)
        born, joined = instance.date_of_birth, instance.joined_on
        if born and joined and joined <= born and "joined_on" not in errors:
            errors.setdefault("joined_on", []).append(
                ValidationError(_("Ngày vào công đoàn phải sau ngày sinh."))
            )
        if errors:
            raise ValidationError(errors)
        if new:
            self._warn_duplicate(instance, excel_row)

    def _check_group(self, instance, new: bool, errors: dict) -> None:
        if "organisation" in errors:
            return
        if new:
            if instance.organisation_id is None:
                instance.organisation = self.target
            return
        current = instance._import_org
        if instance.organisation_id != current.pk:
            errors.setdefault("organisation", []).append(
                ValidationError(
                    _(
                        "Đoàn viên này đang ở '%(current)s'. Muốn chuyển sang "
                        "'%(new)s', hãy dùng chức năng Chuyển sinh hoạt "
                        "trên trang của đoàn viên (nhập Excel không đổi tổ của đoàn viên đã có)."
                    )
                    % {"current": current.name, "new": instance.organisation.name}
                )
            )

    def _check_card(self, instance, new: bool, excel_row: int, errors: dict) -> None:
        card = instance.card_number
        if not card or "card_number" in errors:
            return
        rows = self.lookups.card_rows.get(card, [])
        if len(rows) > 1:
            others = ", ".join(str(r) for r in rows if r != excel_row)
            errors.setdefault("card_number", []).append(
                ValidationError(
                    _("Số thẻ '%(card)s' bị trùng trong tệp (cũng ở dòng %(rows)s).")
                    % {"card": card, "rows": others}
                )
            )
        elif new and card in self.lookups.cards_taken:
            errors.setdefault("card_number", []).append(
                ValidationError(
                    _(
                        "Số thẻ '%(card)s' đã được dùng cho một đoàn viên khác, "
                        "không thuộc đơn vị bạn đang nhập."
                    )
                    % {"card": card}
                )
            )

    def _warn_duplicate(self, instance, excel_row: int) -> None:
        key = (fold(instance.full_name), instance.date_of_birth)
        if instance.date_of_birth is None:
            return
        if key in self.lookups.name_births:
            self.warnings.append(
                (
                    excel_row,
                    _(
                        "%(name)s (%(birth)s) trùng họ tên và "
                        "ngày sinh với một đoàn viên đã có; dòng này sẽ được thêm mới. "
                        "Nếu là cùng một người, hãy ghi số thẻ để cập nhật."
                    )
                    % {
                        "name": instance.full_name,
                        "birth": vn_date(instance.date_of_birth),
                    },
                )
            )
        elif key in self._seen_name_births:
            self.warnings.append(
                (
                    excel_row,
                    _("%(name)s trùng họ tên và ngày sinh với dòng %(row)s của tệp.")
                    % {"name": instance.full_name, "row": self._seen_name_births[key]},
                )
            )
        else:
            self._seen_name_births[key] = excel_row

    def before_save_instance(self, instance, row, **kwargs):
        # Updates are saved in bulk as they are: refresh their search keys here. New members
        # get theirs (and their status and admission event) in members_register_bulk.
        if instance.pk is not None:
            prepare_member(instance)

    def changed_columns(self, original, instance) -> list[str]:
        """The headers of the columns a row changes on an existing member."""
        return [
            f.column_name
            for f in self.get_import_fields()
            if f.get_value(original) != f.get_value(instance)
        ]

    # -- writing in bulk, with history and admission events ----------------------------------

    def _can_write(self, using_transactions, dry_run) -> bool:
        return using_transactions or not dry_run

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if not self.create_instances or not self._can_write(using_transactions, dry_run):
            self.create_instances.clear()
            return
        try:
            members_register_bulk(
                self.create_instances,
                actor=self.user,
                reason=IMPORT_REASON,
                today=self.today,
                batch_size=batch_size,
            )
        except Exception as error:  # reported as a general error; the transaction rolls back
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if not self.update_instances or not self._can_write(using_transactions, dry_run):
            self.update_instances.clear()
            return
        try:
            bulk_update_with_history(
                self.update_instances,
                Member,
                fields=self.update_fields(),
                batch_size=batch_size,
                default_user=self.user,
                default_change_reason=IMPORT_REASON,
            )
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.update_instances.clear()

    def update_fields(self) -> list[str]:
        # The group of an existing member never changes here (that is a transfer).
        names = [
            f.attribute for f in self.get_import_fields() if f.attribute not in ("organisation",)
        ]
        return [*names, "search_name", "sort_name"]

    def after_import(self, dataset, result, **kwargs):
        # ModelResource resets the id sequence here; ids come from the sequence, so skip it.
        pass
