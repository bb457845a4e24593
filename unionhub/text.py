"""Vietnamese text helpers shared by search, import matching and sorting."""

import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})


def fold(value: str | None) -> str:
    """Lower-case, accent-free, single-spaced form: "Nguyễn  Văn Đạt" -> "nguyen van dat".

    "đ" has no combining mark in Unicode, so it is mapped to "d" explicitly.
    """
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", value.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.casefold().split())


def clean_spaces(value: str | None) -> str:
    """Collapse runs of whitespace (including non-breaking spaces) and trim; keep accents."""
    if not value:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def sort_key(full_name: str) -> str:
    """Vietnamese lists sort by given name (the last word), then by the whole name."""
    folded = fold(full_name)
    given = folded.rsplit(" ", 1)[-1] if folded else ""
    return f"{given} {folded}"[:200]
