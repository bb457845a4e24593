"""Forms of the structure: an organisation, its terms and bodies, the positions in them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Body, Member, Organisation, Position, Term
from unionhub.forms import DateField, PlannedDateField


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["kind", "name", "short_name", "code", "address", "employer_unit"]


class TermForm(forms.ModelForm):
    class Meta:
        model = Term
        fields = ["congress_number", "congress_date", "start", "end"]
        field_classes = {"congress_date": DateField, "start": DateField, "end": PlannedDateField}


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = ["kind", "term", "name"]

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["term"].queryset = organisation.terms.all()


class PositionForm(forms.ModelForm):
    member = forms.ModelChoiceField(queryset=Member.objects.none(), label=_("Đoàn viên"))

    class Meta:
        model = Position
        fields = [
            "member",
            "title",
            "start",
            "end",
            "method",
            "decision_no",
            "decision_date",
            "note",
        ]
        field_classes = {"start": DateField, "end": PlannedDateField, "decision_date": DateField}

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.body = body
        self.fields["member"].queryset = (
            Member.objects.active().in_subtree(body.organisation).select_related("organisation")
        )
        if self.instance.pk:
            # An ended holder may no longer be active: keep them selectable on their own record.
            self.fields["member"].queryset = (
                Member.objects.filter(pk=self.instance.member_id) | self.fields["member"].queryset
            )


class PositionEndForm(forms.Form):
    end = DateField(label=_("Ngày thôi giữ chức vụ"))
