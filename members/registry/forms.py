"""Forms of the registry: a member's profile and lifecycle, applications, recommendations,
and the member list's filters."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import (
    PERSONAL_FIELDS,
    AdmissionApplication,
    LevelChoice,
    Member,
    MemberEvent,
    Organisation,
    PartyRecommendation,
    birth_date_problem,
)
from unionhub import access
from unionhub.access import Perm
from unionhub.forms import DateField, IdField

from .columns import MAX_SALARY
from .services import likely_duplicates
from .statistics import AGE_BANDS, LEVEL_FIELDS


def _clean_birth(value: date | None) -> date | None:
    problem = value and birth_date_problem(value, date.today())
    if problem:
        raise forms.ValidationError(problem)
    return value


def _not_future(value: date | None, field: str) -> None:
    if value and value > date.today():
        raise forms.ValidationError({field: _("Ngày không được ở tương lai.")})


def scoped_organisations(user, perm: Perm, kinds=None):
    qs = Organisation.objects.in_scope(user, perm)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return qs.order_by("path")


class OrganisationChoiceField(forms.ModelChoiceField):
    """Organisations indented by depth, so the tree reads in a plain select."""

    def label_from_instance(self, obj):
        return f"{'— ' * max(obj.depth - 1, 0)}{obj.name}"


MEMBER_HOMES = [Organisation.Kind.BRANCH, Organisation.Kind.SUB_BRANCH, Organisation.Kind.GROUP]


UNRECORDED = "none"  # a filter value: the level is not recorded


class LevelFilterField(forms.ModelChoiceField):
    """A level of one list, or UNRECORDED for members with none (the statistics link there)."""

    def to_python(self, value):
        return UNRECORDED if value == UNRECORDED else super().to_python(value)

    def validate(self, value):
        if value != UNRECORDED:
            super().validate(value)


def _level_field(kind: str):
    return LevelFilterField(queryset=LevelChoice.objects.filter(kind=kind), required=False)


class MemberForm(forms.ModelForm):
    """Profile form. National ID and salary are dropped for users who may not see them."""

    organisation = OrganisationChoiceField(queryset=Organisation.objects.none())
    admitted_on = DateField(
        label=_("Ngày kết nạp"),
        required=False,
        help_text=_("Để trống nếu là ngày hôm nay."),
    )
    decision_no = forms.CharField(label=_("Số quyết định kết nạp"), required=False, max_length=64)
    confirm_duplicate = forms.BooleanField(
        label=_("Tôi đã kiểm tra: đây không phải người trùng"), required=False
    )

    class Meta:
        model = Member
        fields = [
            "full_name",
            "gender",
            "date_of_birth",
            "organisation",
            "card_number",
            "ethnicity",
            "party_member",
            "employment",
            "professional_level",
            "political_level",
            "language_level",
            "it_level",
            "joined_on",
            "phone",
            "email",
            "national_id",
            "salary_basis",
        ]
        field_classes = {"date_of_birth": DateField, "joined_on": DateField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.duplicates = []
        self.fields["organisation"].queryset = scoped_organisations(
            user, Perm.MANAGE_MEMBERS, MEMBER_HOMES
        )
        for name in [
            "ethnicity",
            "professional_level",
            "political_level",
            "language_level",
            "it_level",
        ]:
            self.fields[name].queryset = LevelChoice.objects.filter(
                kind=Member._meta.get_field(name).remote_field.limit_choices_to["kind"]
            )
        if self.instance.pk:
            # Moving between groups is a transfer with a date and a decision, not an edit.
            for name in ["organisation", "admitted_on", "decision_no"]:
                del self.fields[name]
        org = self.instance.organisation if self.instance.organisation_id else None
        if not (org and access.can(user, Perm.VIEW_PERSONAL, org)) and not (
            org is None and access.can_anywhere(user, Perm.VIEW_PERSONAL)
        ):
            for name in PERSONAL_FIELDS:
                del self.fields[name]
        if "salary_basis" in self.fields:
            self.fields["salary_basis"].widget.attrs.update({"min": 0, "step": 1})

    def clean_date_of_birth(self):
        return _clean_birth(self.cleaned_data.get("date_of_birth"))

    def clean_salary_basis(self):
        value = self.cleaned_data.get("salary_basis")
        if value is not None and value < 0:
            raise forms.ValidationError(_("Số tiền không được âm."))
        if value is not None and value > MAX_SALARY:
            raise forms.ValidationError(
                _("Số tiền quá lớn (tối đa %(max)s đồng).")
                % {"max": f"{MAX_SALARY:,}".replace(",", ".")}
            )
        return value

    def clean(self):
        data = super().clean()
        _not_future(data.get("joined_on"), "joined_on")
        if "admitted_on" in self.fields:
            _not_future(data.get("admitted_on"), "admitted_on")
        born, joined = data.get("date_of_birth"), data.get("joined_on")
        if born and joined and joined <= born:
            self.add_error("joined_on", _("Ngày vào công đoàn phải sau ngày sinh."))
        if data.get("full_name") and not data.get("confirm_duplicate"):
            self.duplicates = list(
                likely_duplicates(
                    full_name=data["full_name"],
                    date_of_birth=data.get("date_of_birth"),
                    exclude_pk=self.instance.pk,
                ).in_scope(self.user)[:5]  # the warning names them: only members one may read
            )
            if self.duplicates:
                self.add_error(
                    "confirm_duplicate",
                    _("Có đoàn viên trùng họ tên và ngày sinh. Kiểm tra rồi đánh dấu ô này."),
                )
        return data


class TransferForm(forms.Form):
    organisation = OrganisationChoiceField(
        queryset=Organisation.objects.none(), label=_("Chuyển đến")
    )
    date = DateField(label=_("Ngày chuyển"))
    decision_no = forms.CharField(label=_("Số quyết định"), required=False, max_length=64)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = scoped_organisations(
            user, Perm.MANAGE_MEMBERS, MEMBER_HOMES
        )


class EndMembershipForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Lý do"),
        choices=[(k.value, k.label) for k in MemberEvent.ENDINGS],
    )
    date = DateField(label=_("Ngày"))
    decision_no = forms.CharField(label=_("Số quyết định"), required=False, max_length=64)
    destination = forms.CharField(
        label=_("Nơi chuyển đến (nếu chuyển đi)"), required=False, max_length=255
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReinstateForm(TransferForm):
    organisation = OrganisationChoiceField(
        queryset=Organisation.objects.none(), label=_("Sinh hoạt tại")
    )


class ApplicationForm(forms.ModelForm):
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none())

    class Meta:
        model = AdmissionApplication
        fields = ["full_name", "gender", "date_of_birth", "organisation", "submitted_on", "note"]
        field_classes = {"date_of_birth": DateField, "submitted_on": DateField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = scoped_organisations(
            user, Perm.MANAGE_MEMBERS, MEMBER_HOMES
        )

    def clean_date_of_birth(self):
        return _clean_birth(self.cleaned_data.get("date_of_birth"))

    def clean(self):
        data = super().clean()
        _not_future(data.get("submitted_on"), "submitted_on")
        return data


class ApproveForm(forms.Form):
    decision_no = forms.CharField(label=_("Số quyết định kết nạp"), max_length=64)
    decided_on = DateField(label=_("Ngày quyết định"))


class RejectForm(forms.Form):
    decided_on = DateField(label=_("Ngày xét"))
    note = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))


class PartyRecommendationForm(forms.ModelForm):
    class Meta:
        model = PartyRecommendation
        fields = ["year", "recommended_on", "decision_no", "outcome", "outcome_on", "note"]
        field_classes = {"recommended_on": DateField, "outcome_on": DateField}


class MemberFilterForm(forms.Form):
    """The member list's search box and filters (GET)."""

    q = forms.CharField(label=_("Tìm kiếm"), required=False)
    org = IdField(required=False)
    group = OrganisationChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("Tổ / đơn vị"),
        empty_label=_("Tất cả"),
    )
    on = DateField(
        label=_("Đoàn viên tại ngày"),
        required=False,
        help_text=_("Danh sách theo quá trình sinh hoạt tại ngày này."),
    )
    gender = forms.ChoiceField(
        choices=[("", _("Tất cả"))] + Member.Gender.choices, required=False, label=_("Giới tính")
    )
    status = forms.ChoiceField(
        choices=[("", _("Đang sinh hoạt"))]
        + [("all", _("Tất cả"))]
        + [c for c in Member.Status.choices if c[0] != Member.Status.ACTIVE],
        required=False,
        label=_("Tình trạng"),
    )
    party = forms.ChoiceField(
        choices=[("", _("Tất cả")), ("1", _("Đảng viên")), ("0", _("Chưa là đảng viên"))],
        required=False,
        label=_("Đảng viên"),
    )
    employment = forms.ChoiceField(
        choices=[("", _("Tất cả"))] + Member.Employment.choices,
        required=False,
        label=_("Loại hình"),
    )
    age = forms.TypedChoiceField(
        choices=[("", _("Tất cả"))] + [(i, label) for i, (label, _y, _o) in enumerate(AGE_BANDS)],
        coerce=int,
        required=False,
        empty_value=None,
        label=_("Độ tuổi"),
    )
    professional_level = _level_field(LevelChoice.Kind.PROFESSIONAL)
    political_level = _level_field(LevelChoice.Kind.POLITICAL)
    language_level = _level_field(LevelChoice.Kind.LANGUAGE)
    it_level = _level_field(LevelChoice.Kind.IT)
    sort = forms.ChoiceField(
        choices=[
            ("name", _("Tên")),
            ("-name", _("Tên (Z–A)")),
            ("dob", _("Ngày sinh")),
            ("-dob", _("Ngày sinh (mới nhất)")),
            ("card", _("Số thẻ")),
            ("joined", _("Ngày vào công đoàn")),
        ],
        required=False,
        label=_("Sắp xếp"),
    )

    def __init__(self, *args, root: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # A branch offers its groups and its sub-branches' groups; an upper union only the
        # level below it (open that one to narrow further): the select stays short at any size.
        levels = 1 if root.kind == Organisation.Kind.UPPER else 2
        self.fields["group"].queryset = (
            Organisation.objects.subtree_of(root)
            .filter(depth__lte=root.depth + levels)
            .exclude(kind=Organisation.Kind.UPPER)
            .order_by("path")
        )
        for name in LEVEL_FIELDS.values():
            self.fields[name].label = Member._meta.get_field(name).verbose_name.capitalize()
            self.fields[name].empty_label = _("Tất cả")
