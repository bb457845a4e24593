"""The titles and forms of award of DOMAIN.md section 4, editable afterwards (Quản trị)."""

from django.db import migrations

STATE, UNION = "state", "union"
ONE, MANY = "individual", "collective"
DEFAULTS = [
    (STATE, ONE, "Lao động tiên tiến", "Cơ sở"),
    (STATE, ONE, "Chiến sĩ thi đua cơ sở", "Cơ sở"),
    (STATE, ONE, "Chiến sĩ thi đua cấp tỉnh, bộ", "Tỉnh, bộ"),
    (STATE, ONE, "Giấy khen", "Cơ sở"),
    (STATE, ONE, "Bằng khen của Ủy ban nhân dân tỉnh", "Tỉnh"),
    (STATE, ONE, "Bằng khen của Thủ tướng Chính phủ", "Nhà nước"),
    (STATE, ONE, "Huân chương Lao động", "Nhà nước"),
    (STATE, MANY, "Tập thể lao động tiên tiến", "Cơ sở"),
    (STATE, MANY, "Tập thể lao động xuất sắc", "Tỉnh, bộ"),
    (STATE, MANY, "Giấy khen", "Cơ sở"),
    (STATE, MANY, "Bằng khen của Ủy ban nhân dân tỉnh", "Tỉnh"),
    (STATE, MANY, "Cờ thi đua của Ủy ban nhân dân tỉnh", "Tỉnh"),
    (STATE, MANY, "Huân chương Lao động", "Nhà nước"),
    (UNION, ONE, "Đoàn viên công đoàn xuất sắc", "Cơ sở"),
    (UNION, ONE, "Cán bộ công đoàn xuất sắc", "Cơ sở"),
    (UNION, ONE, "Giỏi việc nước, đảm việc nhà", "Cơ sở"),
    (UNION, ONE, "Giấy khen của Công đoàn cấp trên", "Cấp trên cơ sở"),
    (UNION, ONE, "Bằng khen của Liên đoàn Lao động tỉnh", "Tỉnh"),
    (UNION, ONE, "Bằng khen của Tổng Liên đoàn Lao động Việt Nam", "Tổng Liên đoàn"),
    (UNION, MANY, "Tổ công đoàn xuất sắc", "Cơ sở"),
    (UNION, MANY, "Công đoàn cơ sở vững mạnh xuất sắc", "Cấp trên cơ sở"),
    (UNION, MANY, "Giấy khen của Công đoàn cấp trên", "Cấp trên cơ sở"),
    (UNION, MANY, "Bằng khen của Liên đoàn Lao động tỉnh", "Tỉnh"),
    (UNION, MANY, "Bằng khen của Tổng Liên đoàn Lao động Việt Nam", "Tổng Liên đoàn"),
    (UNION, MANY, "Cờ thi đua của Liên đoàn Lao động tỉnh", "Tỉnh"),
    (UNION, MANY, "Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam", "Tổng Liên đoàn"),
]


def seed(apps, schema_editor):
    AwardTitle = apps.get_model("emulation", "AwardTitle")
    for order, (authority, subject, name, level) in enumerate(DEFAULTS):
        AwardTitle.objects.get_or_create(
            name=name,
            authority=authority,
            subject=subject,
            defaults={"level": level, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("emulation", "0001_awards")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
