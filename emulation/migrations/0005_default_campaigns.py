"""The common campaigns of DOMAIN.md section 4, launched by the Confederation; editable
afterwards (Quản trị). "Giỏi việc nước, đảm việc nhà" keeps a code: the rating summary counts
the women members who achieve it."""

from django.db import migrations

TLD = "Tổng Liên đoàn Lao động Việt Nam"
DEFAULTS = [
    # code, name, for members, for groups, for branches, description
    (
        "lao-dong-gioi",
        "Lao động giỏi",
        True,
        True,
        False,
        "Hoàn thành xuất sắc nhiệm vụ chuyên môn, nâng cao năng suất, chất lượng, hiệu quả.",
    ),
    (
        "lao-dong-sang-tao",
        "Lao động sáng tạo",
        True,
        True,
        False,
        "Có sáng kiến, cải tiến kỹ thuật, giải pháp làm lợi được công nhận.",
    ),
    (
        "gioi-viec-nuoc",
        "Giỏi việc nước, đảm việc nhà",
        True,
        False,
        False,
        "Dành cho nữ đoàn viên: giỏi việc nước, đảm việc nhà.",
    ),
    (
        "day-tot-hoc-tot",
        "Dạy tốt, học tốt",
        True,
        True,
        True,
        "Dành cho các đơn vị giáo dục: đổi mới phương pháp dạy và học.",
    ),
    (
        "xanh-sach-dep",
        "Xanh - Sạch - Đẹp",
        False,
        True,
        True,
        "Xây dựng cơ quan, đơn vị xanh - sạch - đẹp, bảo đảm an toàn vệ sinh lao động.",
    ),
    (
        "chuyen-doi-so",
        "Chuyển đổi số",
        True,
        True,
        True,
        "Ứng dụng công nghệ thông tin, chuyển đổi số trong công việc và hoạt động công đoàn.",
    ),
]


def seed(apps, schema_editor):
    Campaign = apps.get_model("emulation", "Campaign")
    for code, name, members, groups, branches, description in DEFAULTS:
        Campaign.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "launcher": TLD,
                "for_members": members,
                "for_groups": groups,
                "for_branches": branches,
                "description": description,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("emulation", "0004_campaigns_activities")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
