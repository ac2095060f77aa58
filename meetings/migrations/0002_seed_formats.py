from django.db import migrations

# The formats of the concept «Проектный офис+» (task 2: new formats of meetings); staff add more.
FORMATS = [
    ("заседание", "Заседание проектного офиса с повесткой, протоколом и решениями."),
    ("рефлексивная встреча", "Остановка и рефлексия: что получилось, что изменить."),
    ("стратегическая сессия", "Совместная выработка целей и шагов развития сети."),
    ("открытое пространство", "Участники сами предлагают темы и собираются в группы."),
    ("консультационный день", "Консультации команд по их проектным замыслам."),
]


def seed(apps, schema_editor):
    MeetingFormat = apps.get_model("meetings", "MeetingFormat")
    for order, (name, description) in enumerate(FORMATS, 1):
        MeetingFormat.objects.get_or_create(name=name, defaults={"description": description,
                                                                 "order": order})


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
