"""Forms of the initiatives (sáng kiến). They check input only; the rules live in
emulation.campaigns.initiatives (authors, level of recognition)."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from emulation.lists import YEAR_MAX, YEAR_MIN
from emulation.models import Initiative
from members.models import Member


def _all(choices) -> list[tuple[str, str]]:
    return [("", _("Tất cả")), *choices]


class InitiativeFilterForm(forms.Form):
    """The list's filters; a wrong value drops that filter only."""

    q = forms.CharField(label=_("Tìm theo tên sáng kiến, tác giả"), required=False, max_length=100)
    year = forms.IntegerField(
        label=_("Năm"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX
    )
    status = forms.ChoiceField(
        label=_("Tình trạng"), choices=_all(Initiative.Status.choices), required=False
    )
    level = forms.ChoiceField(
        label=_("Cấp công nhận"), choices=_all(Initiative.Level.choices), required=False
    )
    field = forms.ChoiceField(label=_("Lĩnh vực"), choices=(), required=False)

    def __init__(self, *args, fields: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = _all((f, f) for f in fields)


def _year_errors(label) -> dict:
    return {
        "required": _("%(label)s: nhập năm, ví dụ 2025.") % {"label": label},
        "invalid": _("%(label)s: nhập năm bằng số, ví dụ 2025.") % {"label": label},
        "min_value": _("%(label)s: từ %(min)s đến %(max)s.")
        % {"label": label, "min": YEAR_MIN, "max": YEAR_MAX},
        "max_value": _("%(label)s: từ %(min)s đến %(max)s.")
        % {"label": label, "min": YEAR_MIN, "max": YEAR_MAX},
    }


class InitiativeForm(forms.ModelForm):
    """An initiative and its authors, picked by checkbox among `candidates` (members, listed by
    unit on the page; a filter box narrows a long list)."""

    authors = forms.TypedMultipleChoiceField(
        label=_("Tác giả là đoàn viên"),
        coerce=int,
        required=False,
        error_messages={
            "invalid_choice": _("Tác giả: người được chọn không còn trong danh sách đoàn viên."),
        },
    )
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages=_year_errors(_("Năm")),
    )

    class Meta:
        model = Initiative
        fields = [
            "name",
            "year",
            "field",
            "status",
            "level",
            "decision",
            "other_authors",
            "benefit",
        ]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "field": forms.TextInput(attrs={"list": "initiative-fields", "autocomplete": "off"}),
            "benefit": forms.Textarea(attrs={"rows": 3}),
            "other_authors": forms.TextInput(
                attrs={"placeholder": _("VD: ThS. Nguyễn Văn A (Sở GD&ĐT)")}
            ),
        }
        error_messages = {
            "name": {"required": _("Tên sáng kiến: nhập tên sáng kiến.")},
            "status": {"invalid_choice": _("Tình trạng: chọn trong danh sách.")},
            "level": {"invalid_choice": _("Cấp công nhận: chọn trong danh sách.")},
        }

    def __init__(self, *args, candidates: list[Member], **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {m.pk: m for m in candidates}
        self.fields["authors"].choices = [(pk, m.full_name) for pk, m in self.candidates.items()]
        self.fields["level"].help_text = _("Chỉ chọn khi sáng kiến đã được công nhận.")
        self.fields["level"].choices = [("", _("— Chưa công nhận —")), *Initiative.Level.choices]
        if self.instance.pk:
            self.initial["authors"] = list(self.instance.authors.values_list("pk", flat=True))
        elif not self.initial.get("year"):
            self.initial["year"] = date.today().year

    def chosen_authors(self) -> list[Member]:
        return [self.candidates[pk] for pk in self.cleaned_data["authors"]]

    def picked(self) -> set[int]:
        """The authors ticked on the page (what was posted, after an error)."""
        if self.is_bound:
            return {int(v) for v in self.data.getlist("authors") if v.isdecimal()}
        return set(self.initial.get("authors") or ())

    def author_groups(self) -> list[tuple[str, list[tuple[Member, bool]]]]:
        """The candidates under their unit's name, each with whether it is ticked."""
        picked = self.picked()
        groups: dict[str, list[tuple[Member, bool]]] = {}
        for member in self.candidates.values():
            groups.setdefault(member.organisation.name, []).append((member, member.pk in picked))
        return list(groups.items())

    def error_summary(self) -> list[str]:
        """Every error once, prefixed with its field's label unless it names it already."""
        lines = [str(e) for e in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name == "__all__":
                continue
            label = str(self.fields[name].label) if name in self.fields else name
            for error in errors:
                text = str(error)
                lines.append(text if text.startswith(label) or ":" in text else f"{label}: {text}")
        return lines
