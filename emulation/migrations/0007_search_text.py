"""Folded (accent-free, lower-case) search columns of activities and initiatives, filled for
the rows already there."""

from django.db import migrations, models

from unionhub.text import fold


def fill(apps, schema_editor):
    Activity = apps.get_model("emulation", "Activity")
    Initiative = apps.get_model("emulation", "Initiative")
    for activity in Activity.objects.only("name", "place").iterator():
        activity.search_text = fold(f"{activity.name} {activity.place}")
        activity.save(update_fields=["search_text"])
    for initiative in Initiative.objects.only("name", "other_authors").iterator():
        initiative.search_text = fold(f"{initiative.name} {initiative.other_authors}")
        initiative.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [("emulation", "0006_award_title_code")]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="search_text",
            field=models.CharField(blank=True, editable=False, max_length=600),
        ),
        migrations.AddField(
            model_name="historicalactivity",
            name="search_text",
            field=models.CharField(blank=True, editable=False, max_length=600),
        ),
        migrations.AddField(
            model_name="historicalinitiative",
            name="search_text",
            field=models.CharField(blank=True, editable=False, max_length=800),
        ),
        migrations.AddField(
            model_name="initiative",
            name="search_text",
            field=models.CharField(blank=True, editable=False, max_length=800),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
