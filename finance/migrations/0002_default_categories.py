"""The income and spending lines a CĐCS reports (DOMAIN.md section 3), editable afterwards."""

from django.db import migrations

DEFAULTS = [
    # code, name, flow, parent code
    ("T01", "Đoàn phí công đoàn", "income", None),
    ("T02", "Kinh phí công đoàn cấp trên cấp", "income", None),
    ("T03", "Thu khác", "income", None),
    ("T03.1", "Chuyên môn hỗ trợ", "income", "T03"),
    ("T03.2", "Ngân sách nhà nước hỗ trợ", "income", "T03"),
    ("T03.3", "Tài trợ", "income", "T03"),
    ("T03.4", "Lãi tiền gửi", "income", "T03"),
    ("C01", "Chi hoạt động phong trào", "spending", None),
    ("C02", "Chi thăm hỏi, trợ cấp", "spending", None),
    ("C02.1", "Thăm hỏi ốm đau", "spending", "C02"),
    ("C02.2", "Hiếu", "spending", "C02"),
    ("C02.3", "Hỷ", "spending", "C02"),
    ("C02.4", "Sinh con", "spending", "C02"),
    ("C02.5", "Trợ cấp khó khăn", "spending", "C02"),
    ("C02.6", "Quà Tết", "spending", "C02"),
    ("C03", "Chi hành chính", "spending", None),
    ("C04", "Chi phụ cấp cán bộ công đoàn", "spending", None),
    ("C05", "Chi khen thưởng", "spending", None),
    ("C06", "Chi khác", "spending", None),
    ("C07", "Nộp kinh phí, đoàn phí về cấp trên", "spending", None),
]


def seed(apps, schema_editor):
    Category = apps.get_model("finance", "Category")
    by_code = {}
    for order, (code, name, flow, parent) in enumerate(DEFAULTS):
        by_code[code], _ = Category.objects.get_or_create(
            code=code,
            defaults={"name": name, "flow": flow, "parent": by_code.get(parent), "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_ledger")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
