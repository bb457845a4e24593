from django.db import migrations

from members.levels import DEFAULT_LEVELS


def load(apps, schema_editor):
    LevelChoice = apps.get_model("members", "LevelChoice")
    for kind, entries in DEFAULT_LEVELS.items():
        for order, (name, aliases) in enumerate(entries, start=1):
            LevelChoice.objects.get_or_create(
                kind=kind, name=name, defaults={"aliases": aliases, "order": order}
            )


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
