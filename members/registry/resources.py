"""The member list in and out of Excel: `MemberResource`, a django-import-export resource.

Every value a row may hold is cleaned by a widget (members.registry.widgets), with Vietnamese
messages; the lookups those widgets need (levels, organisations, members by card number) are
loaded once per import in `before_import`, so an import costs the same number of queries for
10 rows as for 40. Rows are written with `bulk_create_with_history` /
`bulk_update_with_history`, so the audit trail records who imported what.
"""

from collections import defaultdict
from copy import deepcopy
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.instance_loaders import BaseInstanceLoader
from simple_history.utils import bulk_update_with_history

from members.models import PERSONAL_FIELDS, LevelChoice, Member, Organisation
from unionhub import access
from unionhub.access import Perm
from unionhub.formatting import money, vn_date
from unionhub.tables import cell_text
from unionhub.text import fold

from .columns import (
    BIRTH,
    CARD,
    COLUMNS,
    EMAIL,
    EMPLOYMENT,
    ETHNICITY,
    GENDER,
    GROUP,
    IT,
    JOINED,
    LANGUAGE,
    LEVEL_KINDS,
    MAX_SALARY,
    NAME,
    NATIONAL_ID,
    PARTY,
    PHONE,
    POLITICAL,
    PROFESSIONAL,
    SALARY,
)
from .services import members_register_bulk, prepare_member
from .widgets import (
    BirthDateWidget,
    CardWidget,
    ChoiceWidget,
    DateWidget,
    EmailWidget,
    LevelWidget,
    Lookups,
    MoneyWidget,
    NameWidget,
    NationalIdWidget,
    OrganisationWidget,
    PhoneWidget,
    YesNoWidget,
)

# Stored with the history rows and admission events the import writes (data, not UI text).
IMPORT_REASON = "Nhập từ Excel"

# Lookups by card number go to the database in slices this long (SQLite's parameter limit).
LOOKUP_CHUNK = 500


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
        # No diff of every row: the originals of existing members are kept in
        # after_init_instance, where skip_row and the preview's changed columns find them.
        skip_diff = True
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
        instance._import_original = None if new else deepcopy(instance)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # skip_unchanged, on the original kept above (import-export's needs skip_diff off).
        original = instance._import_original
        if original is None or import_validation_errors:
            return False
        return all(f.get_value(instance) == f.get_value(original) for f in self.get_import_fields())

    def after_import_row(self, row, row_result, **kwargs):
        if row_result.instance is not None:
            row_result.original = row_result.instance._import_original

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, list] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        new = instance.pk is None
        excel_row = row["__row"]
        salary = getattr(instance, "salary_basis", None)
        if salary is not None and salary > MAX_SALARY and "salary_basis" not in errors:
            errors["salary_basis"] = [
                ValidationError(
                    _("Số tiền quá lớn (tối đa %(max)s): kiểm tra lại số chữ số.")
                    % {"max": money(MAX_SALARY)}
                )
            ]
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
        # The preview writes nothing: every row is checked before it would be written (cards
        # against the database and the file, lengths, amounts, dates), and the confirmation
        # writes in one transaction that reports whatever the database still refuses. Writing
        # 20,000 members with their history and events only to roll them back was most of a
        # preview's time.
        return not dry_run

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
