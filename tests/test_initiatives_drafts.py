"""Drafts: autosave, the concurrent-edit conflict, submitting with checks, versions compared."""

import pytest
from django.urls import reverse

from initiatives import diff, lifecycle, services
from initiatives.enums import InitiativeState as S
from initiatives.models import Initiative
from tests.factories import InitiativeFactory, team_member

pytestmark = pytest.mark.django_db


def _form(card, **changes):
    """What the edit page posts: every field of the draft form."""
    data = {
        "revision": str(card.revision), "title": card.title, "annotation": card.annotation,
        "problem": card.problem, "idea": card.idea, "starts_on": "2021-09-01",
        "ends_on": "2022-05-31", "goal": card.goal, "tasks_text": "\n".join(card.tasks),
        "results_people": card.results_people, "results_process": card.results_process,
        "main_product": card.main_product, "direction": str(card.direction_id),
        "strategy_goals": [str(g.pk) for g in card.strategy_goals.all()],
    }
    data.update(changes)
    return data


def test_autosave_saves_the_text_and_answers_with_the_time(world, client):
    client.force_login(world.team_own)
    url = reverse("initiatives:autosave", kwargs={"pk": world.initiative.pk})
    response = client.post(url, _form(world.initiative, problem="Сеть не живёт без автора."),
                           HTTP_HX_REQUEST="true")
    card = Initiative.objects.get(pk=world.initiative.pk)
    assert (card.problem, card.revision, card.last_edited_by) == (
        "Сеть не живёт без автора.", 2, world.team_own)
    assert response.content.decode().count("Сохранено в") == 1
    assert 'name="revision" id="id_revision" value="2" hx-swap-oob="true"' in response.content.decode()


def test_autosave_derives_the_academic_year(world, client):
    client.force_login(world.team_own)
    client.post(reverse("initiatives:autosave", kwargs={"pk": world.initiative.pk}),
                _form(world.initiative, starts_on="2022-01-10", ends_on="2022-12-20"))
    assert Initiative.objects.get(pk=world.initiative.pk).academic_year == "2021/2022"


def test_a_stale_save_saves_nothing_and_both_texts_survive(world, client):
    colleague = team_member(world.own_org)
    card = world.initiative
    opened = _form(card)  # both open the page at revision 1
    client.force_login(colleague)
    client.post(reverse("initiatives:autosave", kwargs={"pk": card.pk}),
                {**opened, "idea": "Идея коллеги: сеть как пространство инициатив."})
    client.force_login(world.team_own)
    response = client.post(reverse("initiatives:autosave", kwargs={"pk": card.pk}),
                           {**opened, "idea": "Моя идея: офис как место рефлексии."})
    saved = Initiative.objects.get(pk=card.pk)
    assert (saved.idea, saved.revision) == ("Идея коллеги: сеть как пространство инициатив.", 2)
    rows = response.context["conflict_rows"]
    assert rows == [("Проектный замысел", "Идея коллеги: сеть как пространство инициатив.",
                     "Моя идея: офис как место рефлексии.")]
    assert "Карточку изменил другой участник" in response.content.decode()
    # the later editor keeps their text and may save it knowingly over the other one
    response = client.post(reverse("initiatives:edit", kwargs={"pk": card.pk}),
                           {**opened, "idea": "Идея коллеги + моя идея.", "take_revision": "2"})
    assert Initiative.objects.get(pk=card.pk).idea == "Идея коллеги + моя идея."


def test_the_full_page_save_reports_the_conflict_with_the_typed_text(world, client):
    card = world.initiative
    opened = _form(card)
    services.save_draft(card, by=world.team_own, revision=1, values={"goal": "Цель коллеги."})
    client.force_login(world.team_own)
    response = client.post(reverse("initiatives:edit", kwargs={"pk": card.pk}),
                           {**opened, "goal": "Моя цель."})
    assert response.status_code == 200
    assert response.context["form"]["goal"].value() == "Моя цель."
    assert Initiative.objects.get(pk=card.pk).goal == "Цель коллеги."


def test_a_stale_save_of_identical_text_is_no_conflict(world):
    card = world.initiative
    services.save_draft(card, by=world.team_own, revision=1, values={"goal": "Новая цель."})
    services.save_draft(card, by=world.team_own, revision=1, values={"goal": "Новая цель."})
    assert Initiative.objects.get(pk=card.pk).revision == 2


def test_leaving_and_returning_finds_the_autosaved_text(world, client):
    client.force_login(world.team_own)
    client.post(reverse("initiatives:autosave", kwargs={"pk": world.initiative.pk}),
                _form(world.initiative, main_product="Статья о сети."))
    response = client.get(reverse("initiatives:edit", kwargs={"pk": world.initiative.pk}))
    assert response.context["form"]["main_product"].value() == "Статья о сети."


def test_submitting_an_incomplete_card_shows_messages_beside_fields_and_keeps_input(world,
                                                                                    client):
    card = InitiativeFactory(organisation=world.own_org, annotation="", goal="")
    client.force_login(world.team_own)
    response = client.post(reverse("initiatives:edit", kwargs={"pk": card.pk}),
                           {**_form(card, annotation="", goal="", idea="Набранный замысел."),
                            "action": "submit"})
    form = response.context["form"]
    assert form.errors == {
        "annotation": ["Напишите краткую аннотацию проекта."],
        "goal": ["Сформулируйте цель проекта."],
        "strategy_goals": ["Выберите хотя бы одну цель стратегии или национального проекта."],
    }
    assert sorted(response.context["submit_errors"]) == ["annotation", "goal", "indicators",
                                                         "strategy_goals", "team"]
    assert form["idea"].value() == "Набранный замысел."
    saved = Initiative.objects.get(pk=card.pk)
    assert (saved.state, saved.idea) == (S.DRAFT, "Набранный замысел.")
    assert "Добавьте хотя бы один целевой показатель." in response.content.decode()


def test_submitting_a_complete_card_from_the_edit_page(world, client):
    client.force_login(world.team_own)
    response = client.post(reverse("initiatives:edit", kwargs={"pk": world.initiative.pk}),
                           {**_form(world.initiative), "action": "submit"})
    assert response["Location"] == world.initiative.get_absolute_url()
    assert Initiative.objects.get(pk=world.initiative.pk).state == S.SUBMITTED


def test_bad_dates_are_told_beside_the_field_and_nothing_is_lost(world, client):
    client.force_login(world.team_own)
    response = client.post(reverse("initiatives:edit", kwargs={"pk": world.initiative.pk}),
                           _form(world.initiative, starts_on="2022-09-01", ends_on="2022-01-01",
                                 goal="Новая цель " * 3))
    assert response.context["form"].errors == {
        "ends_on": ["Дата окончания не может быть раньше даты начала."]}
    assert response.context["form"]["goal"].value() == "Новая цель " * 3


@pytest.mark.parametrize("field", ["title", "annotation", "revision"])
def test_overlong_and_wrong_input_gives_no_500(field, world, client):
    client.force_login(world.team_own)
    value = "я" * 30000 if field != "revision" else "не число"
    response = client.post(reverse("initiatives:edit", kwargs={"pk": world.initiative.pk}),
                           _form(world.initiative, **{field: value}))
    assert (response.status_code, list(response.context["form"].errors)) == (200, [field])


def test_team_and_indicator_rows_are_added_and_removed(world, client):
    client.force_login(world.team_own)
    card = world.initiative
    response = client.post(reverse("initiatives:team_add", kwargs={"pk": card.pk}),
                           {"outside_name": "Кравченко Мария Ильинична", "position": "методист"},
                           HTTP_HX_REQUEST="true")
    assert "Кравченко Мария Ильинична, методист" in response.content.decode()
    response = client.post(reverse("initiatives:indicator_add", kwargs={"pk": card.pk}),
                           {"name": "Доля педагогов", "unit": "%", "baseline": "12,5",
                            "target": "abc"}, HTTP_HX_REQUEST="true")
    assert response.context["indicator_form"].errors == {"target": ["Введите число."]}
    assert response.context["indicator_form"]["name"].value() == "Доля педагогов"
    client.post(reverse("initiatives:indicator_add", kwargs={"pk": card.pk}),
                {"name": "Доля педагогов", "unit": "%", "baseline": "12,5", "target": "40"})
    assert [(str(i.baseline), str(i.target)) for i in card.indicators.order_by("pk")][-1] == (
        "12.50", "40.00")
    client.post(reverse("initiatives:team_delete", kwargs={"pk": world.team_row.pk}))
    assert card.team.filter(pk=world.team_row.pk).exists() is False


def test_a_submitted_card_cannot_be_edited(world, client):
    lifecycle.fire(world.initiative, "submit", by=world.team_own)
    client.force_login(world.team_own)
    response = client.post(reverse("initiatives:autosave", kwargs={"pk": world.initiative.pk}),
                           _form(world.initiative, goal="Другое"))
    assert response.status_code == 403


def test_word_diff_marks_words_and_escapes_html():
    html = diff.word_diff("Сеть живёт <b>сама</b>.", "Сеть живёт долго <b>сама</b>!")
    assert html == "Сеть живёт<ins> долго</ins> &lt;b&gt;сама&lt;/b&gt;<del>.</del><ins>!</ins>"


def test_versions_are_compared_section_by_section(world, client):
    card = world.initiative
    card.versions.all().delete()
    lifecycle.fire(card, "submit", by=world.team_own)
    lifecycle.fire(card, "start_review", by=world.staff)
    lifecycle.fire(card, "request_revision", by=world.staff, comment="Уточните цель.")
    services.save_draft(card, by=world.team_own, revision=card.revision,
                        values={"goal": "Цель проекта: живая методическая сеть."})
    lifecycle.fire(card, "resubmit", by=world.team_own)
    client.force_login(world.expert_assigned)
    response = client.get(reverse("initiatives:versions", kwargs={"pk": card.pk}),
                          {"a": "1", "b": "2"})
    changed = [(str(label), html) for label, was_changed, html in response.context["rows"]
               if was_changed]
    assert changed == [("Цель", "Цель проекта<ins>: живая методическая сеть</ins>.")]


def test_the_new_cards_and_the_drafts_selects_write_only_the_chosen_organisation_and_network(
        world, client):
    """A region has thousands of organisations and a thousand networks: the pages write the
    chosen option only, and the autocomplete finds the rest among what the person may choose."""
    from tests.factories import NetworkFactory, OrganisationFactory

    for n in range(3):
        OrganisationFactory(short_name=f"СОШ № {100 + n}")
        NetworkFactory(name=f"Сеть наставников {n}")
    network = NetworkFactory(name="Сеть смыслового чтения")
    client.force_login(world.staff)
    page = client.get(reverse("initiatives:create") + f"?network={network.pk}").content.decode()
    assert "СОШ № 100" not in page and "Сеть наставников" not in page
    assert f'<option value="{network.pk}" selected>Сеть смыслового чтения</option>' in page
    assert 'data-autocomplete-url="/initiatives/new/choices/organisation/"' in page
    found = client.get(reverse("initiatives:create_choices", kwargs={"field": "organisation"}),
                       {"q": "СОШ 101"}).json()["results"]
    assert [r["text"] for r in found] == ["СОШ № 101"]
    # a school team is offered its own organisation only, chosen for it
    client.force_login(world.team_own)
    page = client.get(reverse("initiatives:create")).content.decode()
    assert f'<option value="{world.own_org.pk}" selected>' in page
    found = client.get(reverse("initiatives:create_choices", kwargs={"field": "organisation"}),
                       {"q": "СОШ"}).json()["results"]
    assert [r["value"] for r in found] == [str(world.own_org.pk)]
    edit = client.get(reverse("initiatives:edit", kwargs={"pk": world.initiative.pk}))
    assert "Сеть наставников" not in edit.content.decode()
    assert 'data-autocomplete-url="/initiatives/new/choices/network/"' in edit.content.decode()
