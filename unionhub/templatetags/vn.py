"""Template filters for Vietnamese display: {{ amount|money }}, {{ n|padded }}."""

from django import template

from unionhub import formatting

register = template.Library()


@register.filter
def money(value):
    return formatting.money(value)


@register.filter
def person(user):
    return formatting.person_name(user)


@register.filter
def padded(value):
    return formatting.padded(int(value or 0))


@register.simple_tag
def opening_sentence(summary, when=None):
    """The sentence reports open with, from a dict with total, women and groups."""
    return formatting.opening_sentence(
        summary["total"], summary["women"], summary["groups"], when or None
    )


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (pagination, sorting links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.filter
def bootstrap(field):
    """Render a bound field's widget with Bootstrap's classes (and is-invalid when wrong)."""
    kind = field.widget_type
    css = (
        "form-select"
        if kind in ("select", "nullbooleanselect", "selectmultiple")
        else "form-control"
    )
    if field.errors:
        css += " is-invalid"
    return field.as_widget(
        attrs={"class": css, **({"aria-invalid": "true"} if field.errors else {})}
    )


@register.filter
def minutes(duration):
    """A timedelta as whole minutes (at least 1): "15" for the login cool-off."""
    return max(1, round(duration.total_seconds() / 60)) if duration else ""
