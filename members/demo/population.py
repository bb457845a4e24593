"""What the demo's members are drawn from: weights of names, levels of schooling, political
theory, languages and IT by staff profile, ethnicities, pay scales, phone prefixes, and where
past members went. Pure data; members.demo.people draws from it."""

# fmt: off

SURNAMES = {
    "Nguyễn": 31, "Trần": 11, "Lê": 9, "Phạm": 6, "Huỳnh": 6, "Võ": 6, "Phan": 5, "Trương": 3,
    "Hồ": 3, "Đặng": 2, "Bùi": 2, "Đỗ": 2, "Ngô": 2, "Dương": 2, "Lâm": 2, "Hoàng": 2, "Đoàn": 1,
    "Mai": 1, "Lý": 1, "Châu": 1, "Cao": 1, "Lương": 1, "Tô": 1, "Vũ": 1, "Thái": 1, "Quách": 1,
}
MIDDLE = {
    "M": {
        "Văn": 30, "Minh": 8, "Quốc": 6, "Thanh": 6, "Hữu": 6, "Hoàng": 5, "Tấn": 5, "Công": 4,
        "Đức": 4, "Ngọc": 3, "Trung": 3, "Chí": 3, "Thành": 3, "Duy": 3, "Quang": 3, "Hoài": 2,
        "Phước": 2, "Nhật": 2, "Trọng": 2, "Xuân": 2, "Anh": 2,
    },
    "F": {
        "Thị": 40, "Ngọc": 8, "Thanh": 5, "Thu": 4, "Kim": 4, "Thùy": 4, "Mỹ": 4, "Bích": 3,
        "Hồng": 3, "Phương": 3, "Minh": 2, "Diễm": 2, "Tuyết": 2, "Hoài": 2, "Như": 2, "Cẩm": 2,
        "Xuân": 2, "Kiều": 2,
    },
}
GIVEN = {
    "M": (
        "An Bảo Bình Cường Danh Duy Dũng Đạt Định Đông Giang Hải Hào Hậu Hiếu Hiển Hòa Hoàng Hùng "
        "Huy Khải Khang Khanh Khoa Kiệt Lâm Lộc Long Luân Lực Minh Nam Nghĩa Nguyên Nhân Phát "
        "Phong Phúc Phụng Quang Quân Sang Sơn Tài Tâm Tân Thái Thắng Thanh Thiện Thịnh Thông Toàn "
        "Trí Triết Trung Trường Tuấn Tùng Vinh Việt Vũ Vương"
    ).split(),
    "F": (
        "Anh Bích Châu Diễm Diệu Dung Duyên Giang Hà Hằng Hạnh Hân Hiền Hoa Hồng Huệ Hương Khánh "
        "Lan Liên Linh Loan Mai My Nga Ngân Nguyệt Nhung Nhi Oanh Phượng Phương Quyên Quỳnh Tâm "
        "Thảo Thanh Thơ Thư Thủy Thúy Trâm Trang Trinh Tuyết Uyên Vân Vy Xuân Yến"
    ).split(),
}

PROFESSIONAL = {
    "faculty": {"Tiến sĩ": 30, "Thạc sĩ": 58, "Đại học": 12},
    "politics": {"Tiến sĩ": 35, "Thạc sĩ": 55, "Đại học": 10},
    "language": {"Tiến sĩ": 10, "Thạc sĩ": 55, "Đại học": 35},
    "it": {"Tiến sĩ": 15, "Thạc sĩ": 45, "Đại học": 35, "Cao đẳng": 5},
    "office": {"Tiến sĩ": 4, "Thạc sĩ": 38, "Đại học": 48, "Cao đẳng": 5, "Trung cấp": 5},
    "school": {"Thạc sĩ": 30, "Đại học": 65, "Cao đẳng": 5},
    "agency": {"Tiến sĩ": 2, "Thạc sĩ": 38, "Đại học": 55, "Cao đẳng": 2, "Trung cấp": 3},
    "archive": {"Thạc sĩ": 10, "Đại học": 60, "Cao đẳng": 15, "Trung cấp": 15},
    "service": {
        "Đại học": 20, "Cao đẳng": 15, "Trung cấp": 25, "Sơ cấp": 10, "Chưa qua đào tạo": 30,
    },
}
TEACHING = {"faculty", "politics", "language", "it", "school"}
POLITICAL_PARTY = {"Cao cấp": 18, "Cử nhân": 4, "Trung cấp": 40, "Sơ cấp": 28, None: 10}
POLITICAL_PARTY_SENIOR = {"Cao cấp": 50, "Cử nhân": 20, "Trung cấp": 20, "Sơ cấp": 10}
POLITICAL_OTHERS = {"Sơ cấp": 4, "Trung cấp": 2, None: 94}
LANGUAGE = {
    "Tiến sĩ": {"C1": 35, "B2": 30, "B1": 30, "Cử nhân": 5},
    "Thạc sĩ": {"B1": 55, "B2": 30, "C1": 5, "B": 10},
    "Đại học": {"B": 25, "B1": 35, "A2": 10, "A": 10, "B2": 5, None: 15},
    "Cao đẳng": {"A": 30, "A2": 20, "B": 15, None: 35},
    "Trung cấp": {"A": 30, "A2": 20, "B": 15, None: 35},
}
LANGUAGE_UNSCHOOLED = {"A": 15, None: 85}
LANGUAGE_TEACHERS = {"Cử nhân": 70, "C1": 20, "B2": 10}
OLD_LANGUAGE = {"A2": "A", "B1": "B", "B2": "C"}  # certificates of those schooled before 2008
IT = {"Ứng dụng CNTT cơ bản": 40, "Ứng dụng CNTT nâng cao": 8, "A": 15, "B": 20, None: 17}
IT_SERVICE = {"Ứng dụng CNTT cơ bản": 20, "A": 20, None: 60}
IT_EXPERTS = {"Cử nhân": 75, "Ứng dụng CNTT nâng cao": 25}
ETHNICITY = {"Kinh": 965, "Khmer": 15, "Hoa": 15, "Tày": 3, "Chăm": 2}

BASE_SALARY = 2_340_000  # lương cơ sở from 1/7/2024, đồng
# Civil-service pay scales: starting coefficient, step every three years, ceiling.
PAY_SCALE = {
    "Tiến sĩ": (3.00, 0.34, 6.78),
    "Thạc sĩ": (2.67, 0.34, 6.38),
    "Đại học": (2.34, 0.33, 4.98),
    "Cao đẳng": (2.10, 0.31, 4.89),
    "Trung cấp": (1.86, 0.20, 4.06),
    "Sơ cấp": (1.65, 0.18, 3.63),
    "Chưa qua đào tạo": (1.50, 0.18, 3.48),
    None: (1.50, 0.18, 3.48),
}
PROVINCE_CODES = {"083": 70, "082": 8, "086": 8, "084": 6, "079": 8}  # of the CCCD number
PHONE_PREFIXES = (
    "090 091 093 094 096 097 098 032 033 034 035 036 037 038 039 070 076 077 078 079 081 082 "
    "083 084 085 086 088 089"
).split()
DESTINATIONS = (
    "Trường Đại học Cần Thơ",
    "Sở Giáo dục và Đào tạo tỉnh Bến Tre",
    "Trường Đại học Trà Vinh",
    "Trường Đại học Sư phạm Kỹ thuật Vĩnh Long",
    "Trường Đại học Kinh tế Thành phố Hồ Chí Minh",
    "Trường Cao đẳng Bến Tre",
    "Ủy ban nhân dân huyện Châu Thành",
)
LEFT_NOTES = (
    "Xin nghỉ việc, chấm dứt hợp đồng làm việc.",
    "Nghỉ việc để chuyển sang khu vực tư nhân.",
    "Thôi việc theo nguyện vọng cá nhân.",
)


# fmt: on
