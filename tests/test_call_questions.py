"""A call's own questions as data (issue 24, item 2): typed answers checked on the server,
versions of answered questions, completeness, the frozen version and its diff, the registry's
export, constant SQL for a card with 30 answers."""

import datetime as dt
import io
import subprocess
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.errors import DomainError
from expertise.pdf import render_conclusion
from initiatives import diff, lifecycle
from initiatives.calls import demo
from initiatives.calls import questions as qa
from initiatives.enums import InitiativeState as S
from initiatives.models import Answer, Initiative, Question
from initiatives.wordcard.services import confirm_card_import, read_card_upload
from reports.bench import _card_with_answers
from tests import wordcard_docs
from tests.conftest import ARTIFACTS
from tests.factories import (
    CallFactory,
    ConclusionFactory,
    DirectionFactory,
    complete_initiative,
    team_member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(world):
    return CallFactory()


@pytest.fixture
def card(world, call):
    return complete_initiative(world.own_org, leader=world.team_own, call=call)


def _q(call, staff, kind, label, **kw):
    return qa.add_question(call, by=staff, kind=kind, label=label, **kw)


def test_a_tampered_choice_a_number_out_of_limits_and_a_bad_link_are_refused(world, call, card,
                                                                            client):
    choice = _q(call, world.staff, "choice", "Уровень", options=["школа", "сеть"])
    number = _q(call, world.staff, "number", "Участников", min_value=1, max_value=100)
    link = _q(call, world.staff, "link", "Страница проекта")
    text = _q(call, world.staff, "short_text", "Ресурсы")
    client.force_login(world.team_own)
    response = client.post(reverse("calls:answers", kwargs={"pk": card.pk}), {
        f"q_{choice.pk}": "город", f"q_{number.pk}": "101", f"q_{link.pk}": "javascript:alert(1)",
        f"q_{text.pk}": "Кадровые ресурсы"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Уровень: Выберите один из предложенных вариантов." in body
    assert "Участников: Число должно быть от 1 до 100." in body
    assert "Страница проекта: Укажите ссылку, начинающуюся с http:// или https://." in body
    assert list(Answer.objects.filter(initiative=card).values_list("value", flat=True)) == [
        "Кадровые ресурсы"]  # the right answer is saved, the wrong ones are not


def test_without_javascript_the_wrong_answers_come_back_with_what_was_typed(world, call, card,
                                                                            client):
    number = _q(call, world.staff, "number", "Участников", min_value=1, max_value=100)
    client.force_login(world.team_own)
    response = client.post(reverse("calls:answers", kwargs={"pk": card.pk}),
                           {f"q_{number.pk}": "500"})
    form = response.context["form"]
    assert form.errors[f"q_{number.pk}"] == ["Число должно быть от 1 до 100."]
    assert form[f"q_{number.pk}"].value() == "500"


def test_a_file_answer_of_the_wrong_kind_is_refused(world, call, card):
    file_q = _q(call, world.staff, "file", "Презентация")
    errors = qa.save_answers(card, by=world.team_own, data={}, files={
        f"q_{file_q.pk}": SimpleUploadedFile("x.pdf", b"MZ\x90\x00not a pdf")})
    assert list(errors) == [f"q_{file_q.pk}"]
    assert not Answer.objects.filter(question=file_q).exists()


def test_several_choices_and_yes_no_are_stored_and_shown(world, call, card):
    many = _q(call, world.staff, "choices", "Форматы", options=["семинар", "практикум", "квест"])
    yes = _q(call, world.staff, "yes_no", "Есть партнёры")
    when = _q(call, world.staff, "date", "Старт")
    data = QueryDict(mutable=True)
    data.setlist(f"q_{many.pk}", ["семинар", "квест"])
    data[f"q_{yes.pk}"] = "yes"
    data[f"q_{when.pk}"] = "2027-09-01"
    assert qa.save_answers(card, by=world.team_own, data=data) == {}
    texts = {a["label"]: a["text"] for a in qa.answer_texts(card)}
    assert texts == {"Форматы": "семинар; квест", "Есть партнёры": "да", "Старт": "01.09.2027"}


def test_a_required_question_blocks_the_first_submission_until_answered(world, call, card):
    risks = _q(call, world.staff, "long_text", "Риски", required=True)
    with pytest.raises(lifecycle.IncompleteCard) as e:
        lifecycle.fire(card, "submit", by=world.team_own)
    assert e.value.errors[f"q_{risks.pk}"] == "Ответьте на вопрос «Риски»."
    qa.save_answers(card, by=world.team_own, data={f"q_{risks.pk}": "Нехватка времени"})
    lifecycle.fire(card, "submit", by=world.team_own)
    assert Initiative.objects.get(pk=card.pk).state == S.SUBMITTED


def test_a_required_question_added_after_submission_does_not_bind_the_card(world, call, card):
    lifecycle.fire(card, "submit", by=world.team_own)
    lifecycle.fire(card, "return", by=world.staff, comment="Дополните показатели")
    later = _q(call, world.staff, "short_text", "Как вы узнаете, что получилось", required=True)
    assert later.created_at > card.versions.get().submitted_at
    lifecycle.fire(card, "submit_completed", by=world.team_own)
    assert Initiative.objects.get(pk=card.pk).state == S.SUBMITTED
    draft = complete_initiative(world.own_org, leader=world.team_own, call=call)
    assert list(qa.missing(draft)) == [f"q_{later.pk}"]  # a draft is bound


def test_a_question_limited_to_a_direction_is_asked_only_of_its_cards(world, call, card):
    other = DirectionFactory()
    limited = _q(call, world.staff, "choice", "Формат сети", options=["кластер", "центр"],
                 directions=[other])
    assert qa.questions_for(card) == []
    card.direction = other
    card.save()
    assert qa.questions_for(card) == [limited]


def test_an_answered_question_is_versioned_and_deleting_it_archives_it(world, call, card):
    q = _q(call, world.staff, "short_text", "Ресурсы")
    qa.save_answers(card, by=world.team_own, data={f"q_{q.pk}": "Кадры"})
    new = qa.change_question(q, by=world.staff, kind="long_text", label="Ресурсы проекта")
    q.refresh_from_db()
    assert (new.pk != q.pk, q.is_archived, new.lineage, q.label) == (True, True, q.lineage,
                                                                     "Ресурсы")
    assert Answer.objects.get(initiative=card).question == q
    assert qa.remove_question(q, by=world.staff) == "archived"
    unanswered = _q(call, world.staff, "short_text", "Лишний вопрос")
    assert qa.remove_question(unanswered, by=world.staff) == "deleted"
    assert not Question.objects.filter(pk=unanswered.pk).exists()
    with pytest.raises(DomainError):
        qa.change_question(q, by=world.staff, kind="short_text", label="Ещё раз")


def test_an_answer_change_shows_in_the_versions_diff(world, call, card, client):
    q = _q(call, world.staff, "long_text", "Ресурсы проекта")
    qa.save_answers(card, by=world.team_own, data={f"q_{q.pk}": "Кадровые ресурсы школы"})
    lifecycle.fire(card, "submit", by=world.team_own)
    lifecycle.fire(card, "return", by=world.staff, comment="Уточните ресурсы")
    qa.save_answers(card, by=world.team_own, data={f"q_{q.pk}": "Кадровые ресурсы сети"})
    lifecycle.fire(card, "submit_completed", by=world.team_own)
    first, second = card.versions.order_by("number")
    row = next(r for r in diff.compare(first, second) if r[0] == "Ресурсы проекта")
    assert row[1] is True
    assert "<del>школы</del>" in row[2] and "<ins>сети</ins>" in row[2]
    client.force_login(world.staff)
    page = client.get(reverse("initiatives:versions", kwargs={"pk": card.pk}))
    assert "Ресурсы проекта" in page.content.decode()


def test_copying_the_previous_calls_questions(world, call, client):
    _q(call, world.staff, "short_text", "Ресурсы")
    _q(call, world.staff, "choice", "Уровень", options=["школа", "сеть"], required=True)
    new_call = CallFactory(opens_at=timezone.now() + timedelta(days=100),
                           closes_at=timezone.now() + timedelta(days=130))
    client.force_login(world.staff)
    client.post(reverse("calls:questions_copy", kwargs={"pk": new_call.pk}), {"source": call.pk})
    assert list(new_call.questions.values_list("label", "required", "options")) == [
        ("Ресурсы", False, []), ("Уровень", True, ["школа", "сеть"])]


def test_the_registry_export_holds_the_answers_as_columns(world, call, card, client):
    q = _q(call, world.staff, "short_text", "Ресурсы проекта")
    qa.save_answers(card, by=world.team_own, data={f"q_{q.pk}": "Кадровые ресурсы"})
    client.force_login(world.staff)
    response = client.get(reverse("initiatives:export", kwargs={"fmt": "xlsx"}),
                          {"call": call.pk})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index("Ресурсы проекта")
    assert [r[column] for r in rows[1:]] == ["Кадровые ресурсы"]


@pytest.mark.parametrize("n", [0, 30])
def test_a_card_with_30_answers_costs_the_same_sql_as_one_with_none(
        n, world, call, card, client, django_assert_num_queries):
    data = {}
    for i in range(30):
        q = _q(call, world.staff, "short_text", f"Вопрос {i}")
        if i < n:
            data[f"q_{q.pk}"] = f"Ответ {i}"
    qa.save_answers(card, by=world.team_own, data=data)
    client.force_login(world.team_own)
    client.get(reverse("initiatives:edit", kwargs={"pk": card.pk}))
    with django_assert_num_queries(EDIT_QUERIES):
        client.get(reverse("initiatives:edit", kwargs={"pk": card.pk}))
    with django_assert_num_queries(CARD_QUERIES):
        client.get(card.get_absolute_url())


# the call's part of the card: a draft's extension, the questions (limited to its direction in
# the same query), the answers; the call comes with the card, a card never submitted has no receipts;
# the edit page reads the card once for the permission and the page, and no networks (the network
# is an autocomplete that writes only the chosen one)
EDIT_QUERIES, CARD_QUERIES = 17, 15


def _upload(content):
    data = content.getvalue() if hasattr(content, "getvalue") else content
    return SimpleUploadedFile("Проектный замысел.docx", data, content_type="application/octet-stream")


def test_the_word_import_puts_text_under_a_questions_heading_into_its_answer(world, call):
    resources = _q(call, world.staff, "long_text", "Ресурсы проекта")
    risks = _q(call, world.staff, "short_text", "Риски")
    draft = complete_initiative(world.own_org, leader=world.team_own, call=call)
    doc = wordcard_docs.typed(extra=["Ресурсы проекта: кадровые ресурсы двух школ"])
    reading = read_card_upload(upload=_upload(doc), by=world.team_own, initiative=draft)
    filled = confirm_card_import(reading, by=world.team_own)
    answers = qa.answers_of(filled)
    assert answers[resources.pk].value == "кадровые ресурсы двух школ"
    assert risks.pk not in answers
    assert "кадровые ресурсы" not in filled.unrecognised + filled.main_product
    assert filled.goal  # the seed's sections are matched first, as before


def test_the_word_card_goes_out_with_the_answers_and_comes_back(world, call, card, client):
    q = _q(call, world.staff, "long_text", "Как вы узнаете, что получилось")
    qa.save_answers(card, by=world.team_own, data={f"q_{q.pk}": "По анкетам педагогов"})
    client.force_login(world.team_own)
    docx_bytes = client.get(reverse("initiatives:wordcard_download",
                                    kwargs={"pk": card.pk})).content
    other = complete_initiative(world.own_org, leader=world.team_own, call=call)
    reading = read_card_upload(upload=_upload(docx_bytes), by=world.team_own, initiative=other)
    confirm_card_import(reading, by=world.team_own)
    assert qa.answers_of(other)[q.pk].value == "По анкетам педагогов"


def test_the_conclusion_pdf_holds_the_calls_answers(world, call):
    q = _q(call, world.staff, "long_text", "Ресурсы проекта")
    card = complete_initiative(world.own_org, leader=world.team_own, call=call)
    qa.save_answers(card, by=world.team_own, data={f"q_{q.pk}": "Кадровые ресурсы двух школ"})
    conclusion = ConclusionFactory(initiative=card)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "conclusion-with-answers.pdf"
    path.write_bytes(render_conclusion(conclusion))
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert "Ресурсы проекта Кадровые ресурсы двух школ" in text
    assert call.title in text


def test_the_scaled_demo_has_a_card_answering_30_questions_for_the_bench(world):
    team_member(world.own_org, username="team")
    ctx = SimpleNamespace(today=dt.date(2026, 11, 18), scale=2)
    demo.seed(ctx)
    demo.seed(ctx)  # idempotent
    card = Initiative.objects.get(title=demo.BENCH_TITLE)
    assert (card.answers.count(), card.call.questions.count()) == (30, 30)
    assert _card_with_answers() == card.get_absolute_url()


def test_the_edit_page_shows_which_required_questions_are_answered(world, call, card, client):
    risks = _q(call, world.staff, "long_text", "Риски", required=True)
    _q(call, world.staff, "short_text", "Партнёры")
    client.force_login(world.team_own)
    url = reverse("initiatives:edit", kwargs={"pk": card.pk})
    assert "Риски — нет ответа" in client.get(url).content.decode()
    qa.save_answers(card, by=world.team_own, data={f"q_{risks.pk}": "Нехватка времени"})
    page = client.get(url).content.decode()
    assert "Риски — есть ответ" in page and "Партнёры —" not in page


def test_an_autosave_refreshes_the_call_panels_list_of_required_questions(world, call, card,
                                                                         client):
    """The panel beside the draft said «no answer» until the page was reloaded: the autosave's
    answer now carries the list again, swapped in out of band."""
    level = _q(call, world.staff, "short_text", "Уровень сети", required=True)
    _q(call, world.staff, "short_text", "Ресурсы", required=True)
    client.force_login(world.team_own)
    response = client.post(reverse("calls:answers", kwargs={"pk": card.pk}),
                           {f"q_{level.pk}": "школа"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'id="call-completeness" hx-swap-oob="true"' in body
    assert "Уровень сети — есть ответ" in body
    assert "Ресурсы — нет ответа" in body
