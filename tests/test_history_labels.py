"""The labels of the codes a history shows in «from → to» belong to the app that wrote them: an
initiative's «approved» is «одобрена»-like state of the card, a passport's «approved» is
«утверждён» (the passport's statuses share codes with the initiative's states)."""

import pytest
from django.template import Context, Template
from django.utils import translation

from accounts import audit
from accounts.enums import AuditAction
from initiatives.enums import InitiativeState
from portfolio.models import Passport
from portfolio.passport.enums import PassportAction, PassportStatus
from tests.factories import InitiativeFactory, person_with_roles

pytestmark = pytest.mark.django_db


def _history(obj):
    return Template("{% load portal %}{% for line in lines %}{% history_line line %}{% endfor %}"
                    ).render(Context({"lines": list(audit.history_for(obj))}))


def test_an_initiatives_and_a_passports_approved_show_their_own_labels():
    staff = person_with_roles("office_staff")
    card = InitiativeFactory(state=InitiativeState.APPROVED)
    passport = Passport.objects.create(initiative=card, status=PassportStatus.APPROVED)
    audit.record(card, actor=staff, action=AuditAction.STATE_CHANGED,
                 from_value=InitiativeState.RECOMMENDED, to_value=InitiativeState.APPROVED)
    # the passport's own line, and its line in the card's history (written with its action)
    audit.record(passport, actor=staff, action=AuditAction.STATE_CHANGED,
                 from_value=PassportStatus.AGREEMENT, to_value=PassportStatus.APPROVED)
    audit.record(card, actor=staff, action=PassportAction.RETURNED,
                 from_value=PassportStatus.AGREEMENT, to_value=PassportStatus.DRAFT)
    with translation.override("ru"):
        initiative_label = str(InitiativeState.APPROVED.label)
        passport_label = str(PassportStatus.APPROVED.label)
        assert initiative_label != passport_label  # the codes are one, the words are not
        agreement_label = str(PassportStatus.AGREEMENT.label)
        card_history, passport_history = _history(card), _history(passport)
    assert f"{agreement_label} → " in card_history  # the passport's line on the card
    assert f"→ {initiative_label}" in card_history
    assert f"→ {passport_label}" not in card_history
    assert f"→ {passport_label}" in passport_history
    assert f"→ {initiative_label}" not in passport_history


def test_the_lookup_prefers_the_lines_action_then_its_model_then_the_shared_label():
    with translation.override("ru"):
        assert audit.value_label("approved", model="portfolio.passport") == "утверждён"
        assert audit.value_label("approved", action=PassportAction.SENT) == "утверждён"
        assert audit.value_label("approved", model="initiatives.initiative") == str(
            InitiativeState.APPROVED.label)
        assert audit.value_label("no_such_code", model="portfolio.passport") == "no_such_code"


def test_the_history_makes_no_more_queries_for_the_labels(django_assert_num_queries):
    card = InitiativeFactory()
    for _ in range(3):
        audit.record(card, actor=None, action=AuditAction.STATE_CHANGED, from_value="draft",
                     to_value="submitted")
    with django_assert_num_queries(1):  # the lines with their actors and content type
        _history(card)


def test_a_progress_reports_returned_on_the_cards_history_keeps_the_reports_label():
    from initiatives.enums import MonitoringAction, ReviewStatus

    card = InitiativeFactory()
    audit.record(card, actor=None, action=MonitoringAction.REPORT_RETURNED,
                 from_value=ReviewStatus.SUBMITTED, to_value=ReviewStatus.RETURNED)
    audit.record(card, actor=None, action=AuditAction.STATE_CHANGED,
                 from_value=InitiativeState.SUBMITTED, to_value=InitiativeState.RETURNED)
    with translation.override("ru"):
        history = _history(card)
        report = f"{ReviewStatus.SUBMITTED.label} → {ReviewStatus.RETURNED.label}"
        state = f"{InitiativeState.SUBMITTED.label} → {InitiativeState.RETURNED.label}"
    assert report != state and report in history and state in history


def test_a_methodical_products_submitted_keeps_the_networks_label():
    from network.enums import NetworkAction, ProductStatus

    with translation.override("ru"):
        for action in NetworkAction:
            assert audit.value_label("submitted", action=action.value) == str(
                ProductStatus.SUBMITTED.label)
        assert str(ProductStatus.SUBMITTED.label) != str(InitiativeState.SUBMITTED.label)


def test_a_recommendations_and_a_reports_codes_keep_their_apps_labels():
    from initiatives.enums import InitiativeAction, RecommendationState
    from reports.enums import ReportAction, ReportStatus

    with translation.override("ru"):
        assert audit.value_label("accepted", action=InitiativeAction.RECOMMENDATION_ACCEPTED) \
            == str(RecommendationState.ACCEPTED.label)
        assert audit.value_label("done", action=ReportAction.REQUESTED) == str(
            ReportStatus.DONE.label)
