"""Cross-cutting form plumbing: Bootstrap markup for every form, service errors onto fields."""

from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting


class BootstrapFormRenderer(TemplatesSetting):
    form_template_name = "forms/bootstrap.html"


def apply_service_error(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, on the field it names when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
