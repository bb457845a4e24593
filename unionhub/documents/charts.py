"""Small server-side SVG charts: the geometry in Python, the markup through format_html.

Every chart is an inline <svg> with a viewBox and width 100%, so it scales to its card on a
phone as on a desktop. The viewBox is about as wide as a phone's card in CSS pixels, so its
13-unit text stays readable there; the stylesheet caps how far a chart grows on a desktop. A
<title> and a <desc> that carries the figures as text make each chart readable to a screen
reader. No JavaScript, no CDN; every label goes through format_html, so it is escaped.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator

WIDTH = 320  # viewBox units
CHAR_WIDTH = 7.5  # a 13-unit sans-serif character, generously, to decide when to truncate

# Columns: room above the tallest one for its value, below the axis for the labels.
COLUMN_TOP = 22
COLUMN_PLOT = 118
COLUMN_HEIGHT = COLUMN_TOP + COLUMN_PLOT + 26

# Horizontal bars: one row per entry, its label and value on a line above the bar.
ROW = 36
BAR_Y = 20  # from the top of the row
BAR_HEIGHT = 10

RING_SIZE = 120
RING_RADIUS = 48


def _num(value: float) -> str:
    """A coordinate for an SVG attribute: a dot as decimal separator, whatever the locale."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(
    chart_id: str,
    kind: str,
    size: tuple[float, float],
    title: str,
    desc: str,
    body: SafeString,
    role: str = "img",
) -> SafeString:
    """The chart's frame. A chart whose parts are links is a "group", not an "img": an image's
    children are hidden from assistive technology, and the links must stay reachable."""
    return format_html(
        '<svg class="chart chart-{kind}" viewBox="0 0 {width} {height}" width="100%" '
        'role="{role}" aria-labelledby="{id}-title {id}-desc">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        kind=kind,
        role=role,
        width=_num(size[0]),
        height=_num(size[1]),
        id=chart_id,
        title=title,
        desc=desc,
        body=body,
    )


def _description(entries: Sequence[tuple[str, object]]) -> str:
    return "; ".join(f"{label}: {value}" for label, value in entries)


# --- columns (the trend over the years) -----------------------------------------------------


@dataclass(frozen=True)
class Column:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


def columns(points: Sequence[tuple[str, int]]) -> list[Column]:
    """One column per (label, value), side by side, scaled so the largest fills the plot."""
    if not points:
        return []
    peak = max(value for _label, value in points) or 1
    slot = WIDTH / len(points)
    width = slot * 0.62
    result = []
    for index, (label, value) in enumerate(points):
        height = COLUMN_PLOT * value / peak
        result.append(
            Column(
                label=label,
                value=value,
                x=index * slot + (slot - width) / 2,
                y=COLUMN_TOP + COLUMN_PLOT - height,
                width=width,
                height=height,
            )
        )
    return result


def column_chart(
    points: Sequence[tuple[str, int]], *, title: str, chart_id: str, highlight_last: bool = False
) -> SafeString:
    """Vertical columns with their value above and their label below (years, "Hiện nay")."""
    cols = columns(points)
    axis = COLUMN_TOP + COLUMN_PLOT
    body = format_html_join(
        "",
        '<g class="chart-bar{}"><title>{}: {}</title>'
        '<rect x="{}" y="{}" width="{}" height="{}" rx="2"></rect>'
        '<text class="chart-value" x="{}" y="{}" text-anchor="middle">{}</text>'
        '<text class="chart-label" x="{}" y="{}" text-anchor="middle">{}</text></g>',
        (
            (
                " chart-current" if highlight_last and index == len(cols) - 1 else "",
                col.label,
                col.value,
                _num(col.x),
                _num(col.y),
                _num(col.width),
                _num(col.height),
                _num(col.centre),
                _num(col.y - 6),
                col.value,
                _num(col.centre),
                _num(axis + 18),
                col.label,
            )
            for index, col in enumerate(cols)
        ),
    )
    axis_line = format_html(
        '<line class="chart-axis" x1="0" x2="{}" y1="{}" y2="{}"></line>', WIDTH, axis, axis
    )
    return _svg(
        chart_id,
        "columns",
        (WIDTH, COLUMN_HEIGHT),
        title,
        _description([(c.label, c.value) for c in cols]),
        axis_line + body,
    )


# --- horizontal bars (groups, levels) -------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str  # as shown, shortened to fit beside its value
    full_label: str
    value: int
    value_text: str
    y: float  # top of the row
    width: float
    part_width: float  # the highlighted share of the bar (women), 0 when there is none
    href: str = ""


def bars(rows: Sequence[tuple[str, int, int | None, str]], *, part_label: str = "") -> list[Bar]:
    """One row per (label, value, part or None, link or ""), scaled to the largest value."""
    peak = max((value for _label, value, _part, _href in rows), default=0) or 1
    result = []
    for index, (label, value, part, href) in enumerate(rows):
        value_text = f"{value} ({part} {part_label})" if part is not None else str(value)
        room = int((WIDTH - (len(value_text) + 2) * CHAR_WIDTH) // CHAR_WIDTH)
        result.append(
            Bar(
                label=Truncator(label).chars(max(room, 8)),
                full_label=label,
                value=value,
                value_text=value_text,
                y=index * ROW,
                width=WIDTH * value / peak,
                part_width=WIDTH * (part or 0) / peak,
                href=href,
            )
        )
    return result


def bar_chart(
    rows: Sequence[tuple[str, int, int | None, str]],
    *,
    title: str,
    chart_id: str,
    part_label: str = "",
) -> SafeString:
    """Horizontal bars, each under its label and value; a part (women) drawn inside the bar.

    A row with a link opens it (the member list filtered on that group or level).
    """
    items = bars(rows, part_label=part_label)
    rendered = []
    for bar in items:
        row = format_html(
            '<g class="chart-row"><title>{title}: {value}</title>'
            '<text class="chart-label" x="0" y="{text_y}">{label}</text>'
            '<text class="chart-value" x="{width}" y="{text_y}" text-anchor="end">{value}</text>'
            '<rect class="chart-track" x="0" y="{bar_y}" width="{width}" height="{h}" rx="2">'
            "</rect>"
            '<rect class="chart-bar" x="0" y="{bar_y}" width="{bar_w}" height="{h}" rx="2"></rect>'
            "{part}</g>",
            title=bar.full_label,
            value=bar.value_text,
            label=bar.label,
            text_y=_num(bar.y + 14),
            width=WIDTH,
            bar_y=_num(bar.y + BAR_Y),
            h=BAR_HEIGHT,
            bar_w=_num(bar.width),
            part=format_html(
                '<rect class="chart-part" x="0" y="{}" width="{}" height="{}" rx="2"></rect>',
                _num(bar.y + BAR_Y),
                _num(bar.part_width),
                BAR_HEIGHT,
            )
            if bar.part_width
            else "",
        )
        if bar.href:
            row = format_html('<a href="{}">{}</a>', bar.href, row)
        rendered.append(row)
    body = format_html_join("", "{}", ((row,) for row in rendered))
    return _svg(
        chart_id,
        "bars",
        (WIDTH, max(len(items), 1) * ROW),
        title,
        _description([(b.full_label, b.value_text) for b in items]),
        body,
        role="group" if any(b.href for b in items) else "img",
    )


# --- a ring (the women's share) -------------------------------------------------------------


def ring_dash(part: int, whole: int) -> tuple[float, float]:
    """stroke-dasharray of the arc: its length and the circumference."""
    circumference = 2 * math.pi * RING_RADIUS
    return (circumference * part / whole if whole else 0.0), circumference


def share_ring(
    part: int, whole: int, *, title: str, centre: str, caption: str, chart_id: str
) -> SafeString:
    """A ring filled in proportion to part/whole, `centre` (the percentage) written inside."""
    arc, circumference = ring_dash(part, whole)
    middle = RING_SIZE / 2
    body = format_html(
        '<circle class="chart-track-ring" cx="{m}" cy="{m}" r="{r}"></circle>'
        '<circle class="chart-part-ring" cx="{m}" cy="{m}" r="{r}" '
        'stroke-dasharray="{arc} {c}" transform="rotate(-90 {m} {m})"></circle>'
        '<text class="chart-ring-value" x="{m}" y="{value_y}" text-anchor="middle">{centre}</text>'
        '<text class="chart-label" x="{m}" y="{caption_y}" text-anchor="middle">{caption}</text>',
        m=_num(middle),
        r=RING_RADIUS,
        arc=_num(arc),
        c=_num(circumference),
        centre=centre,
        caption=caption,
        value_y=_num(middle + 4),
        caption_y=_num(middle + 20),
    )
    desc = f"{centre} {caption} ({part}/{whole})"
    return _svg(chart_id, "ring", (RING_SIZE, RING_SIZE), title, desc, body)
