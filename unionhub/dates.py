"""Dates, years and ids typed by people: one parser with plausible bounds, for the forms and
for the query strings of every page.

A date is plausible from 01/01/1900 to 31/12 of the year after next: a voucher dated 9999 or
statistics "on 01/01/0001" are typing errors, and letting them through costs a server error or
minutes of work (a book looped over every day since year 1). A range read from the query string
spans at most MAX_RANGE_YEARS. The query-string readers never fail and never stay silent: a
value they cannot use gives way to the page's default, and the page says so in a message that
names what was typed.
"""

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EARLIEST = date(1900, 1, 1)
# The latest plausible date is 31 December of this year + FUTURE_YEARS (next year's budget and
# plans, with a year to spare). Planned ends (a term, a loan's due date) may allow more.
FUTURE_YEARS = 2
PLANNED_YEARS = 10
MAX_RANGE_YEARS = 50
# The largest id a database integer column holds (PostgreSQL bigint, SQLite INTEGER).
MAX_ID = 2**63 - 1
# How much of a rejected value a message repeats.
SHOWN = 40


def latest(future_years: int = FUTURE_YEARS) -> date:
    return date(date.today().year + future_years, 12, 31)


def year_bounds() -> tuple[int, int]:
    return EARLIEST.year, latest().year


OUT_OF_RANGE = gettext_lazy("Ngày %(day)s không hợp lý, phải từ %(first)s đến %(last)s.")


def check_plausible(
    day: date, future_years: int = FUTURE_YEARS, message: str | None = None, **params
) -> None:
    """ValidationError (code "out_of_range") for a date before 1900 or after `latest()`;
    `message` may say it otherwise, with the params day, first, last and `params`."""
    last = latest(future_years)
    if not EARLIEST <= day <= last:
        raise ValidationError(
            message or OUT_OF_RANGE,
            code="out_of_range",
            params={"day": _dmy(day), "first": _dmy(EARLIEST), "last": _dmy(last), **params},
        )


def parse_date(text: str) -> date:
    """A date as people type it (dd/mm/yyyy, also with - or ., or ISO), within the plausible
    bounds; ValidationError with the reason otherwise."""
    day = forms.DateField().to_python(text.strip())
    if day is None:
        raise ValidationError(_("Chưa nhập ngày."), code="required")
    check_plausible(day)
    return day


def parse_id(text: str | None) -> int | None:
    """An id of the query string: None unless it is plain digits a database integer holds."""
    text = (text or "").strip()
    if not (text.isascii() and text.isdecimal()) or len(text) > 19:
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


# --- the query string ------------------------------------------------------------------------


def query_id(request, name: str) -> int | None:
    """?name= as an id, None when absent or not one (so a page treats it as absent: an id no
    row has answers 404 where the page looks it up)."""
    return parse_id(request.GET.get(name))


def query_date(request, name: str, default: date, label: str | None = None) -> date:
    """?name= as a plausible date; the default when absent, with a message when unusable."""
    text = request.GET.get(name, "").strip()
    if not text:
        return default
    try:
        return parse_date(text)
    except ValidationError as error:
        _ignored(request, label or _("Ngày"), text, _reason(error), _dmy(default))
        return default


def query_range(
    request, default_start: date, default_end: date, names: tuple[str, str] = ("from", "to")
) -> tuple[date, date]:
    """?from= and ?to= as a plausible range of at most MAX_RANGE_YEARS: a bound that is not a
    date gives way to its default, reversed bounds are swapped, a longer range keeps its last
    MAX_RANGE_YEARS; each with a message."""
    start = query_date(request, names[0], default_start, _("Từ ngày"))
    end = query_date(request, names[1], default_end, _("Đến ngày"))
    if start > end:
        note(
            request,
            _("Từ ngày %(start)s sau đến ngày %(end)s: trang hiển thị từ %(end)s đến %(start)s.")
            % {"start": _dmy(start), "end": _dmy(end)},
        )
        start, end = end, start
    earliest = _years_before(end, MAX_RANGE_YEARS)
    if start < earliest:
        note(
            request,
            _(
                "Khoảng từ %(start)s đến %(end)s dài quá %(years)s năm: trang hiển thị từ "
                "%(earliest)s."
            )
            % {
                "start": _dmy(start),
                "end": _dmy(end),
                "years": MAX_RANGE_YEARS,
                "earliest": _dmy(earliest),
            },
        )
        start = earliest
    return start, end


def query_year(request, name: str = "year", default: int | None = None) -> int | None:
    """?name= as a plausible year; the default when absent, with a message when unusable."""
    text = request.GET.get(name, "").strip()
    if not text:
        return default
    first, last = year_bounds()
    if text.isascii() and text.isdecimal() and len(text) <= 4 and first <= int(text) <= last:
        return int(text)
    reason = _("năm phải từ %(first)s đến %(last)s.") % {"first": first, "last": last}
    _ignored(request, _("Năm"), text, reason, str(default) if default else "")
    return default


def note_dropped_filters(request, form) -> None:
    """A list's filter form bound to the query string: each filter it drops for a wrong value
    (a date out of bounds) said on the page, as its fields sit in a folded panel where a red
    border alone goes unseen. Hidden fields (ids kept in links) are nobody's typing."""
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        if field is None or field.widget.is_hidden:
            continue
        for error in errors:
            note(
                request,
                _("Bộ lọc “%(label)s” không áp dụng: %(error)s")
                % {"label": field.label, "error": error},
            )


def note(request, message: str) -> None:
    """A warning on the page, once per request whatever asks twice (a page and its links)."""
    noted = request.__dict__.setdefault("_query_notes", set())
    if message not in noted:
        noted.add(message)
        messages.warning(request, message)


def _ignored(request, label: str, text: str, reason: str, default: str) -> None:
    shown = text if len(text) <= SHOWN else f"{text[:SHOWN]}…"
    if default:
        message = _("%(label)s “%(value)s” không dùng được: %(reason)s Trang hiển thị %(default)s.")
    else:
        message = _("%(label)s “%(value)s” không dùng được: %(reason)s")
    note(
        request,
        message % {"label": label, "value": shown, "reason": reason, "default": default},
    )


def _reason(error: ValidationError) -> str:
    if error.code == "out_of_range":
        return error.messages[0]
    return _("không phải ngày dạng dd/mm/yyyy.")


def _dmy(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
