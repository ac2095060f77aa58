"""Headless Chromium: an expert fills a review (autosaved), is told in Russian beside the field
that a low score needs a comment, submits, and then sees the other experts' reviews."""

import pytest

from expertise.models import Review
from initiatives.enums import ExpertAssignmentStatus, ReviewState
from tests.conftest import add_expertise, screenshot, sign_in
from tests.factories import PASSWORD, ExpertAssignmentFactory, submitted_review


@pytest.fixture
def world(world):
    """The shared world with the objects of expertise (tests/conftest.py)."""
    return add_expertise(world)


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_expert_fills_and_submits_a_review(world, page):
    other = ExpertAssignmentFactory(initiative=world.reviewed, expert=world.expert_other,
                                    status=ExpertAssignmentStatus.ACCEPTED)
    submitted_review(other, world.review_form, [5, 4, 3])
    c1, c2, c3 = world.review_form.criteria.order_by("order")
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, "expert_assigned", PASSWORD)
    page.goto(page.base_url + f"/initiatives/{world.reviewed.pk}/")
    page.get_by_role("link", name="Моя экспертиза").click()
    page.wait_for_url("**/review/")

    page.locator(f"#id_score_{c1.pk}").fill("2")
    page.locator(f"#id_score_{c2.pk}").fill("4")
    page.get_by_text("Сохранено в").wait_for()
    review = Review.objects.get(assignment__expert=world.expert_assigned)
    assert list(review.scores.order_by("criterion__order").values_list("value", flat=True)) == [
        2, 4, None]

    page.locator(f"#id_score_{c3.pk}").fill("3")
    page.get_by_label("рекомендовать после доработки").check()
    page.get_by_role("button", name="Представить экспертизу").click()
    page.wait_for_load_state()
    error = page.locator(f"#e-id_comment_{c1.pk}")
    assert error.inner_text() == (
        "Оценка 2 и ниже требует комментария: поясните, чего не хватает.")
    assert page.locator(f"#id_score_{c3.pk}").input_value() == "3"  # nothing typed is lost
    screenshot(page, "review-low-score-needs-comment")

    page.locator(f"#id_comment_{c1.pk}").fill("Стратегические цели названы общо.")
    page.get_by_role("button", name="Представить экспертизу").click()
    page.wait_for_url("**/reviews/")
    # other: (2·5 + 4 + 3) / 4 = 4.25; this expert: (2·2 + 4 + 3) / 4 = 2.75
    assert page.locator("#review-table .total").all_inner_texts() == ["4,25", "2,75"]
    screenshot(page, "reviews-table-after-submitting")
    review.refresh_from_db()
    assert (review.state, review.recommendation) == (ReviewState.SUBMITTED, "after_revision")
