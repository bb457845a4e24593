"""A code on the seeded titles reports recognise: "Giỏi việc nước, đảm việc nhà", whose women
holders the rating summary counts whatever the title is renamed to."""

from django.db import migrations, models


def mark(apps, schema_editor):
    AwardTitle = apps.get_model("emulation", "AwardTitle")
    AwardTitle.objects.filter(
        name="Giỏi việc nước, đảm việc nhà", authority="union", subject="individual"
    ).update(code="gioi-viec-nuoc")


class Migration(migrations.Migration):
    dependencies = [("emulation", "0005_default_campaigns")]

    operations = [
        migrations.AddField(
            model_name="awardtitle",
            name="code",
            field=models.SlugField(
                blank=True, editable=False, max_length=32, null=True, unique=True
            ),
        ),
        migrations.AddField(
            model_name="historicalawardtitle",
            name="code",
            field=models.SlugField(blank=True, editable=False, max_length=32, null=True),
        ),
        migrations.RunPython(mark, migrations.RunPython.noop),
    ]
