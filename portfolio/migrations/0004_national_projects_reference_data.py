"""The national projects a municipal project of education may serve: «Образование» for its
years 2019–2024 and the national projects that followed it from 2025. Reference data: the office
edits them under «Справочники»."""

from django.db import migrations

NATIONAL_PROJECTS = [
    ("Образование", 2019, 2024),
    ("Демография", 2019, 2024),
    ("Молодёжь и дети", 2025, 2030),
    ("Семейные ценности и инфраструктура культуры", 2025, 2030),
    ("Семья", 2025, 2030),
    ("Кадры", 2025, 2030),
    ("Экономика данных и цифровая трансформация государства", 2025, 2030),
]


def add(apps, schema_editor):
    NationalProject = apps.get_model("portfolio", "NationalProject")
    for order, (name, first, last) in enumerate(NATIONAL_PROJECTS, 1):
        NationalProject.objects.get_or_create(
            name=name, defaults={"starts_year": first, "ends_year": last, "order": order})


def remove(apps, schema_editor):
    NationalProject = apps.get_model("portfolio", "NationalProject")
    NationalProject.objects.filter(name__in=[n for n, _, _ in NATIONAL_PROJECTS],
                                   passports__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0003_passport_national_projects_and_change_sections")]
    operations = [migrations.RunPython(add, remove)]
