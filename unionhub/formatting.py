"""Vietnamese display formats: money as 16.050.000đ, dates as dd/mm/yyyy, counts as 05."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _


def share(part: int, whole: int) -> Decimal | None:
    """part/whole as a percentage with one decimal, rounded half up as reports print it
    (55.6); None when there is no whole."""
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def money(amount: int | None) -> str:
    """Whole đồng with dot thousands separators: 16050000 -> "16.050.000đ"."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(int(amount)):,}".replace(",", ".") + "đ"


def table_money(amount: int, *, zero: str | None = None) -> str:
    """Whole đồng in a document's table whose unit the text states once ("đơn vị tính:
    đồng"): 16050000 -> "16.050.000", narrower than money(); 0 as `zero` when given."""
    if not amount and zero is not None:
        return zero
    return money(amount).removesuffix("đ")


def vn_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def padded(count: int) -> str:
    """Counts in reports are written with two digits: 7 -> "07", as the seeds do."""
    return f"{count:02d}"


def opening_sentence(total: int, women: int, groups: int, day: date | None = None) -> str:
    """The sentence every report opens with; `day` None means now ("hiện nay").

    The groups are named only where there are some (a group's own report has none below it).
    """
    numbers = {"total": padded(total), "women": padded(women)}
    if day is None:
        sentence = _("Tổng số cán bộ, đoàn viên hiện nay là %(total)s đồng chí (%(women)s nữ)")
    else:
        sentence = _(
            "Tổng số cán bộ, đoàn viên tại ngày %(day)s là %(total)s đồng chí (%(women)s nữ)"
        )
        numbers["day"] = vn_date(day)
    if groups:
        return sentence % numbers + _(", với %(groups)s tổ Công đoàn.") % {"groups": padded(groups)}
    return sentence % numbers + "."


def person_name(user) -> str:
    """A user's name in Vietnamese order (họ đệm + tên), or the username when none is set."""
    full = f"{user.last_name} {user.first_name}".strip()
    return full or user.get_username()


def long_date(day: date) -> str:
    """The date line of an administrative document: "ngày 05 tháng 02 năm 2017".

    Nghị định 30/2020/NĐ-CP: days below 10 and the months 1 and 2 take a leading zero.
    """
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_SCALES = ["", " nghìn", " triệu", " tỷ"]


def _three_digits(n: int, *, leading: bool) -> str:
    """One group of three digits; a group after the first reads its zeros ("không trăm")."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words = []
    if hundreds or not leading:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        else:
            words.append(_DIGITS[units])
    return " ".join(words)


def number_in_words(n: int) -> str:
    """16050000 -> "mười sáu triệu không trăm năm mươi nghìn", as vouchers write amounts."""
    if n < 0:
        return "âm " + number_in_words(-n)
    if n == 0:
        return "không"
    billions, rest = divmod(n, 1_000_000_000)
    groups = []
    while rest:
        rest, group = divmod(rest, 1000)
        groups.append(group)
    words = []
    if billions:
        words.append(number_in_words(billions) + " tỷ")
    for scale in range(len(groups) - 1, -1, -1):
        if groups[scale]:
            leading = not words
            words.append(_three_digits(groups[scale], leading=leading) + _SCALES[scale])
    return " ".join(words)


def money_in_words(amount: int) -> str:
    """16050000 -> "Mười sáu triệu không trăm năm mươi nghìn đồng"."""
    words = number_in_words(int(amount))
    return words[0].upper() + words[1:] + " đồng"
