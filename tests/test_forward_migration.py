"""A database migrated at the main of before the move (expertise and portfolio inside
``initiatives``) migrates forward with every row kept (issue 20).

The test takes the real test database back to ``initiatives`` 0014 — the last migration before
the move — writes rows into the moved tables through the historical models of that state, then
migrates to the latest state and reads the rows through today's models. It runs on PostgreSQL
like the rest of ``make test``; it is transactional, so the migrations really run and commit.
"""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps as current_apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import AuditRecord
from tests.factories import (
    ChangeRequestFactory,
    ConclusionFactory,
    ConflictOfInterestFactory,
    ExpertDirectionFactory,
    IncentiveFactory,
    IndicatorActualFactory,
    PlannedProductFactory,
    ProgressReportFactory,
    ProjectProblemFactory,
    PublicationFactory,
    RiskFactory,
    ScoreFactory,
    ThreadMessageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_THE_MOVE = [("initiatives", "0014_close_assignments_out_of_expertise")]
MOVED = {
    "expertise": ["ReviewForm", "Criterion", "ExpertAssignment", "Review", "Score",
                  "ConflictOfInterest", "ExpertDirection", "ThreadMessage", "Conclusion"],
    "portfolio": ["ReportingPeriod", "ProgressReport", "IndicatorPlan", "IndicatorActual", "Risk",
                  "ProjectProblem", "ChangeRequest", "FinalReport", "Incentive", "Publication",
                  "PlannedProduct"],
}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _rows_of_every_moved_model():
    """One row at least in each moved table, made with today's factories (the tables are the
    same before and after the move)."""
    ScoreFactory()  # a review form, a criterion, an assignment, a review
    ConflictOfInterestFactory()
    ExpertDirectionFactory()
    ThreadMessageFactory()
    ConclusionFactory()
    ProgressReportFactory()  # a reporting period
    actual = IndicatorActualFactory()  # an indicator plan
    RiskFactory()
    ProjectProblemFactory()
    ChangeRequestFactory()
    IncentiveFactory()
    PublicationFactory()
    PlannedProductFactory()
    current_apps.get_model("portfolio", "FinalReport").objects.create(
        initiative=actual.indicator.initiative, summary="Итоги проекта")


def test_a_database_of_before_the_move_migrates_forward_with_every_row():
    _rows_of_every_moved_model()
    author = UserFactory()
    try:
        old = _migrate(BEFORE_THE_MOVE)
        for app, names in MOVED.items():
            for name in names:
                with pytest.raises(LookupError):
                    old.get_model(app, name)
        Initiative = old.get_model("initiatives", "Initiative")
        initiative = Initiative.objects.order_by("pk").first()
        # rows written at the old state, through the historical models
        old.get_model("initiatives", "Risk").objects.create(
            initiative_id=initiative.pk, title="Старый риск", probability="low", impact="low",
            status="open")
        old.get_model("initiatives", "ThreadMessage").objects.create(
            initiative_id=initiative.pk, author_id=author.pk, kind="question",
            text="Вопрос, заданный до переезда")
        form = old.get_model("initiatives", "ReviewForm").objects.create(
            name="Форма до переезда", version=1, status="draft")
        old.get_model("initiatives", "Criterion").objects.create(
            form=form, order=1, title="Критерий", scale_min=0, scale_max=5, weight=Decimal("1"))
        old.get_model("initiatives", "Incentive").objects.create(
            organisation_id=initiative.organisation_id, kind="material",
            document_title="Приказ до переезда", document_date=datetime.date(2024, 1, 1))
        OldContentType = old.get_model("contenttypes", "ContentType")
        risk_type, _ = OldContentType.objects.get_or_create(app_label="initiatives", model="risk")
        risk = old.get_model("initiatives", "Risk").objects.get(title="Старый риск")
        old.get_model("accounts", "AuditRecord").objects.create(
            content_type_id=risk_type.pk, object_id=str(risk.pk), object_repr=risk.title,
            action="risk_added")
        counts = {(app, name): old.get_model("initiatives", name).objects.count()
                  for app, names in MOVED.items() for name in names}
        assert all(counts.values()), counts
    finally:
        _migrate(_latest())
    ContentType.objects.clear_cache()

    for (app, name), count in counts.items():
        model = current_apps.get_model(app, name)
        assert model._meta.db_table == f"initiatives_{name.lower()}"
        assert (app, name, model.objects.count()) == (app, name, count)
    Risk = current_apps.get_model("portfolio", "Risk")
    assert Risk.objects.get(title="Старый риск").initiative_id == initiative.pk
    assert current_apps.get_model("expertise", "ThreadMessage").objects.filter(
        text="Вопрос, заданный до переезда").get().author_id == author.pk
    assert current_apps.get_model("expertise", "ReviewForm").objects.get(
        name="Форма до переезда").criteria.count() == 1
    # the audit line written about the risk before the move now points to portfolio.Risk
    line = AuditRecord.objects.get(action="risk_added")
    assert line.content_type.model_class() is Risk
    assert not ContentType.objects.filter(app_label="initiatives", model="risk").exists()


def test_the_move_changes_the_state_only():
    """The migrations that move the models touch no table: their SQL is empty."""
    executor = MigrationExecutor(connection)
    for app, name in [("initiatives", "0015_move_expertise_and_portfolio_models"),
                      ("expertise", "0001_initial"), ("portfolio", "0001_initial")]:
        migration = executor.loader.get_migration(app, name)
        state = executor.loader.project_state((app, name), at_end=False)
        with connection.schema_editor(collect_sql=True, atomic=False) as editor:
            migration.apply(state, editor, collect_sql=True)
        statements = [s for s in editor.collected_sql if not s.startswith("--")]
        assert statements == [], (app, name, statements)
