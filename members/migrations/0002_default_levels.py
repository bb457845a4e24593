from django.db import migrations

# The default entries of the editable lists (trình độ, dân tộc); administrators edit them in
# Quản trị → Danh mục trình độ after installation.
DEFAULT_LEVELS = {'professional': [('Tiến sĩ', 'Tiến sỹ; TS'),
                  ('Thạc sĩ', 'Thạc sỹ; ThS'),
                  ('Đại học', 'Cử nhân; Kỹ sư; ĐH'),
                  ('Cao đẳng', 'CĐ'),
                  ('Trung cấp', 'TC'),
                  ('Sơ cấp', ''),
                  ('Chưa qua đào tạo', '')],
 'political': [('Cử nhân', 'Cử nhân chính trị'),
               ('Cao cấp', 'Cao cấp lý luận chính trị'),
               ('Trung cấp', 'Trung cấp lý luận chính trị'),
               ('Sơ cấp', 'Sơ cấp lý luận chính trị')],
 'language': [('A', 'Tiếng Anh A'),
              ('B', 'Tiếng Anh B'),
              ('C', 'Tiếng Anh C'),
              ('A2', ''),
              ('B1', ''),
              ('B2', ''),
              ('C1', ''),
              ('Cử nhân', 'Cử nhân ngoại ngữ')],
 'it': [('A', 'Tin học A'),
        ('B', 'Tin học B'),
        ('Ứng dụng CNTT cơ bản', 'CNTT cơ bản'),
        ('Ứng dụng CNTT nâng cao', 'CNTT nâng cao'),
        ('Cử nhân', 'Cử nhân tin học; Kỹ sư CNTT')],
 'ethnicity': [('Kinh', ''),
               ('Tày', ''),
               ('Thái', ''),
               ('Mường', ''),
               ('Khmer', 'Khơ me'),
               ('Hoa', ''),
               ('Nùng', ''),
               ('Mông', "H'Mông; Hmông"),
               ('Dao', ''),
               ('Gia Rai', 'Jrai'),
               ('Ê Đê', 'Êđê'),
               ('Ba Na', ''),
               ('Chăm', ''),
               ('Sán Dìu', ''),
               ('Xơ Đăng', '')]}


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
