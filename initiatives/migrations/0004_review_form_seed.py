"""The office's review form from its Положение, in use from the start (the office edits it in
the portal; a change makes a new version)."""

from decimal import Decimal

from django.db import migrations

NAME = "Экспертиза проектного замысла"
CRITERIA = [
    ("Соответствие стратегии развития системы образования",
     "Замысел согласован с муниципальной стратегией развития образования и национальным "
     "проектом «Образование»; понятно, какую цель стратегии он обслуживает.", Decimal("2"), 2),
    ("Реализуемость как проекта",
     "Сроки, этапы, команда и механизмы управления позволяют реализовать замысел; риски названы.",
     Decimal("1.5"), 2),
    ("Проработанность структурных и содержательных компонентов",
     "Проблема, цель, задачи, ожидаемые результаты и целевые показатели согласованы между собой; "
     "показатели измеримы и имеют базовые и целевые значения.", Decimal("2"), 2),
    ("Ресурсное обеспечение",
     "Кадровые, методические, материально-технические и финансовые ресурсы достаточны и указаны.",
     Decimal("1"), 1),
    ("Новизна",
     "Замысел предлагает новые для округа практики, продукты или способы организации работы.",
     Decimal("1"), 1),
    ("Сетевой потенциал",
     "Результаты могут быть переданы в инновационную методическую сеть; предусмотрены сетевые "
     "события и методические продукты для Лаборатории идей.", Decimal("1.5"), 1),
]


def seed(apps, schema_editor):
    create_form(apps.get_model("initiatives", "ReviewForm"),
                apps.get_model("initiatives", "Criterion"))


def create_form(ReviewForm, Criterion):
    """The form and its criteria through the given models (the historical ones here; the demo
    passes today's, which live in the expertise app since the move)."""
    if ReviewForm.objects.filter(name=NAME).exists():
        return
    form = ReviewForm.objects.create(
        name=NAME, version=1, status="in_use",
        description="Форма экспертизы проектных замыслов по Положению о муниципальном проектном "
                    "офисе. Оценка по каждому критерию от 0 до 5 баллов; оценка 2 и ниже "
                    "(по ресурсам, новизне и сетевому потенциалу — 1 и ниже) требует комментария.",
    )
    for order, (title, description, weight, threshold) in enumerate(CRITERIA, 1):
        Criterion.objects.create(form=form, order=order, title=title, description=description,
                                 scale_min=0, scale_max=5, weight=weight,
                                 comment_threshold=threshold)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0003_expertise")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
