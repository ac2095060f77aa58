"""A new call made from the previous one (issue 24, item 2): one action on the new-call page
brings the previous call's questions, its review form and its experts (the last two kept on the
expertise side, copied through the call's copy hook)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditRecord
from expertise import calls as call_expertise
from initiatives.calls import questions as qa
from initiatives.calls.enums import CallAction
from initiatives.models import Call
from tests.factories import CallFactory, review_form_with

pytestmark = pytest.mark.django_db


def _new_call_post(**extra):
    day = timezone.localdate() + timedelta(days=200)
    return {"title": "Приём замыслов на 2028/29 учебный год", "academic_year": "2028/2029",
            "opens_on": day.isoformat(), "closes_on": (day + timedelta(days=30)).isoformat(),
            "description": "", **extra}


def test_the_new_call_page_copies_questions_review_form_and_experts(world, client):
    old = CallFactory()
    qa.add_question(old, by=world.staff, kind="short_text", label="Ресурсы проекта")
    qa.add_question(old, by=world.staff, kind="choice", label="Уровень",
                    options=["школа", "сеть"], required=True)
    form = review_form_with(1, name="Форма приёма 2027/28")
    call_expertise.set_call_expertise(old, by=world.staff, review_form=form,
                                      experts=[world.expert_other])
    client.force_login(world.staff)
    page = client.get(reverse("calls:create"))
    assert "Скопировать из приёма" in page.content.decode()
    response = client.post(reverse("calls:create"), _new_call_post(copy_from=old.pk))
    assert response.status_code == 302
    new = Call.objects.exclude(pk=old.pk).get()
    assert list(new.questions.values_list("label", "required", "options")) == [
        ("Ресурсы проекта", False, []), ("Уровень", True, ["школа", "сеть"])]
    copied = call_expertise.of_call(new.pk)
    assert copied.review_form == form
    assert [e.pk for e in copied.experts.all()] == [world.expert_other.pk]
    record = AuditRecord.objects.filter(action=CallAction.CALL_COPIED).get()
    assert record.data["source"] == old.pk and record.data["questions"] == 2


def test_a_new_call_without_a_source_starts_empty_and_a_bad_source_is_refused(world, client):
    client.force_login(world.staff)
    response = client.post(reverse("calls:create"), _new_call_post(copy_from="999999"))
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()
    assert not Call.objects.exists()
    assert client.post(reverse("calls:create"), _new_call_post()).status_code == 302
    assert call_expertise.of_call(Call.objects.get().pk) is None


def test_copying_on_the_calls_page_brings_the_experts_too(world, client):
    old = CallFactory()
    qa.add_question(old, by=world.staff, kind="yes_no", label="Есть сеть?")
    call_expertise.set_call_expertise(old, by=world.staff, review_form=None,
                                      experts=[world.expert_assigned])
    new = CallFactory(opens_at=timezone.now() + timedelta(days=100),
                      closes_at=timezone.now() + timedelta(days=130))
    client.force_login(world.staff)
    response = client.post(reverse("calls:questions_copy", kwargs={"pk": new.pk}),
                           {"source": old.pk}, follow=True)
    assert "Скопировано вопросов: 1." in response.content.decode()
    assert [e.pk for e in call_expertise.of_call(new.pk).experts.all()] == [
        world.expert_assigned.pk]
