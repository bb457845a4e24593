"""Demo initiatives (sáng kiến) of a school's union branch, entered through the services."""

import random

from django.db import transaction

from emulation.campaigns.initiatives import initiative_save
from emulation.models import Initiative
from members.models import Member, Organisation

Status, Level = Initiative.Status, Initiative.Level

# name, field, status, level, number of member authors, other authors, decision, benefit
DEMO_INITIATIVES = [
    (
        "Ứng dụng phần mềm quản lý điểm và sổ liên lạc điện tử trong công tác chủ nhiệm lớp",
        "Chuyển đổi số, công nghệ thông tin",
        Status.RECOGNISED,
        Level.SECTOR,
        2,
        "",
        "Quyết định số 215/QĐ-SGDĐT của Sở Giáo dục và Đào tạo",
        "Giảm một nửa thời gian nhập điểm; phụ huynh theo dõi kết quả học tập hằng tuần.",
    ),
    (
        "Một số biện pháp nâng cao chất lượng ôn thi tốt nghiệp môn Toán cho học sinh lớp 12",
        "Chuyên môn, giảng dạy",
        Status.RECOGNISED,
        Level.UNIT,
        1,
        "",
        "Quyết định số 48/QĐ-THPT của Hiệu trưởng",
        "Tỉ lệ học sinh đạt điểm từ 5 trở lên tăng từ 82% lên 91%.",
    ),
    (
        "Tổ chức câu lạc bộ đọc sách kết hợp thư viện xanh cho học sinh",
        "Chuyên môn, giảng dạy",
        Status.RECOGNISED,
        Level.UNIT,
        2,
        "",
        "Quyết định số 48/QĐ-THPT của Hiệu trưởng",
        "Hơn 300 lượt học sinh mượn sách mỗi tháng; thư viện mở cả giờ ra chơi.",
    ),
    (
        "Số hóa hồ sơ đoàn viên và thu đoàn phí bằng chuyển khoản",
        "Công tác công đoàn",
        Status.ACCEPTED,
        "",
        1,
        "",
        "",
        "Thu đoàn phí đúng hạn, đối chiếu sổ sách hằng tháng không phải nhập lại.",
    ),
    (
        "Thiết kế bài giảng STEM “Chế tạo máy lọc nước mini” môn Hóa học lớp 10",
        "Chuyên môn, giảng dạy",
        Status.REGISTERED,
        "",
        1,
        "",
        "",
        "",
    ),
    (
        "Quy trình tiết kiệm điện năng và nước sạch trong nhà trường",
        "Quản lý, điều hành",
        Status.REGISTERED,
        "",
        2,
        "",
        "",
        "Dự kiến giảm 10% tiền điện mỗi năm.",
    ),
    (
        "Xây dựng ngân hàng đề kiểm tra trực tuyến môn Tiếng Anh trên nền tảng Google Forms",
        "Chuyển đổi số, công nghệ thông tin",
        Status.REJECTED,
        "",
        1,
        "",
        "",
        "Chưa chứng minh được hiệu quả so với cách làm hiện tại.",
    ),
    (
        "Mô hình “Giờ ra chơi vui khỏe” phòng chống bạo lực học đường",
        "Công tác công đoàn",
        Status.RECOGNISED,
        Level.NATIONAL,
        1,
        "ThS. Phạm Thị Hạnh (Phòng Giáo dục)",
        "Quyết định số 1021/QĐ-TLĐ của Tổng Liên đoàn Lao động Việt Nam",
        "Được nhân rộng ra các trường trong tỉnh; số vụ xô xát giảm rõ rệt.",
    ),
]


def seed_initiatives(branch: Organisation, year: int, actor=None) -> int:
    """The demo initiatives of `branch` for `year`, each once (those already entered under the
    same name and year are skipped); authors drawn from the branch's active members. The
    number created."""
    members = list(Member.objects.active().in_subtree(branch).order_by("sort_name", "pk")[:80])
    existing = set(
        Initiative.objects.filter(organisation=branch, year=year).values_list("name", flat=True)
    )
    rng = random.Random(f"initiatives-{branch.code}-{year}")
    created = 0
    with transaction.atomic():
        for name, field, status, level, n, others, decision, benefit in DEMO_INITIATIVES:
            if name in existing:
                continue
            authors = rng.sample(members, k=min(n, len(members)))
            initiative = Initiative(
                organisation=branch,
                year=year,
                name=name,
                field=field,
                status=status,
                level=level,
                decision=decision,
                benefit=benefit,
                # With no member to draw (an empty branch) the author is named instead.
                other_authors=others or ("" if authors else "Tập thể tổ chuyên môn"),
            )
            initiative_save(initiative=initiative, authors=authors, actor=actor)
            created += 1
    return created
