"""Vietnamese display formats: money as 16.050.000đ, dates as dd/mm/yyyy, counts as 05."""

from datetime import date


def money(amount: int | None) -> str:
    """Whole đồng with dot thousands separators: 16050000 -> "16.050.000đ"."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(int(amount)):,}".replace(",", ".") + "đ"


def vn_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def padded(count: int) -> str:
    """Counts in reports are written with two digits: 7 -> "07", as the seeds do."""
    return f"{count:02d}"


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
