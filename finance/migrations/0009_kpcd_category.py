from django.db import migrations


def seed(apps, schema_editor):
    """KPCĐ (2% of the payroll) where the employer pays it to the branch, which keeps its
    share and remits the rest upward (DuesRule.kept_kpcd_percent). Off by default: most
    branches receive KPCĐ back from the upper union (T02); those paid directly turn it on."""
    Category = apps.get_model("finance", "Category")
    Category.objects.get_or_create(
        code="T04",
        defaults={
            "name": "Kinh phí công đoàn thu tại cơ sở",
            "flow": "income",
            "order": 7,
            "active": False,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("finance", "0008_budgets_drives_loans")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
