"""Cross-cutting form plumbing: Bootstrap markup for every form, dates as officers type them
(within plausible bounds), service errors onto fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

from .dates import FUTURE_YEARS, MAX_ID, OUT_OF_RANGE, PLANNED_YEARS, check_plausible


class BootstrapFormRenderer(TemplatesSetting):
    form_template_name = "forms/bootstrap.html"


def apply_service_error(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, on the field it names when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class DateInput(forms.DateInput):
    """A text date field in dd/mm/yyyy, as officers type it (no browser locale surprises)."""

    def __init__(self, **kwargs):
        attrs = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs=attrs, format="%d/%m/%Y", **kwargs)


class DateField(forms.DateField):
    """A dd/mm/yyyy date between 01/01/1900 and 31/12 of the year after next (unionhub.dates);
    `future_years` allows more for a planned end (a term's, a loan's due date). The message
    "out_of_range" may name the field: %(field)s, %(day)s, %(first)s, %(last)s."""

    widget = DateInput
    default_error_messages = {"out_of_range": OUT_OF_RANGE}

    def __init__(self, *, future_years: int = FUTURE_YEARS, **kwargs):
        self.future_years = future_years
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value is not None:
            check_plausible(
                value, self.future_years, self.error_messages["out_of_range"], field=self.label
            )


class PlannedDateField(DateField):
    """A planned date further ahead: a term's or a position's end, a loan's due date."""

    def __init__(self, **kwargs):
        super().__init__(future_years=PLANNED_YEARS, **kwargs)


class IdField(forms.IntegerField):
    """An id kept in a form or a link (hidden): one a database integer holds, else invalid."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)
