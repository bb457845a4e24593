"""The member sheet's columns: one set for the import template, the export and the import."""

from members.models import PERSONAL_FIELDS, LevelChoice

NAME = "Họ và tên"
BIRTH = "Ngày sinh"
GENDER = "Giới tính"
GROUP = "Tổ công đoàn"
CARD = "Số thẻ"
ETHNICITY = "Dân tộc"
PARTY = "Đảng viên"
EMPLOYMENT = "Loại hình"
PROFESSIONAL = "Trình độ chuyên môn"
POLITICAL = "Lý luận chính trị"
LANGUAGE = "Ngoại ngữ"
IT = "Tin học"
JOINED = "Ngày vào công đoàn"
PHONE = "Điện thoại"
EMAIL = "Email"
NATIONAL_ID = "Số CCCD"
SALARY = "Lương đóng đoàn phí"

# (column header, model attribute), in sheet order. Template, export and import all use this.
COLUMNS: list[tuple[str, str]] = [
    (NAME, "full_name"),
    (BIRTH, "date_of_birth"),
    (GENDER, "gender"),
    (GROUP, "organisation"),
    (CARD, "card_number"),
    (ETHNICITY, "ethnicity"),
    (PARTY, "party_member"),
    (EMPLOYMENT, "employment"),
    (PROFESSIONAL, "professional_level"),
    (POLITICAL, "political_level"),
    (LANGUAGE, "language_level"),
    (IT, "it_level"),
    (JOINED, "joined_on"),
    (PHONE, "phone"),
    (EMAIL, "email"),
    (NATIONAL_ID, "national_id"),
    (SALARY, "salary_basis"),
]
HEADER_OF = {attribute: header for header, attribute in COLUMNS}
# The largest salary basis an import takes, in đồng a month: far above any salary, far below
# what the database's integer holds (a typo of a few digits more is caught by the row).
MAX_SALARY = 10**10

LEVEL_KINDS = {
    "ethnicity": LevelChoice.Kind.ETHNICITY,
    "professional_level": LevelChoice.Kind.PROFESSIONAL,
    "political_level": LevelChoice.Kind.POLITICAL,
    "language_level": LevelChoice.Kind.LANGUAGE,
    "it_level": LevelChoice.Kind.IT,
}


def columns(*, include_personal: bool) -> list[tuple[str, str]]:
    """The sheet's columns; national ID and salary only for users who may see them."""
    return [c for c in COLUMNS if include_personal or c[1] not in PERSONAL_FIELDS]
