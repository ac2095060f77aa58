"""The Word card through the pages (issue 19): upload → preview → confirm makes or fills a
draft; refused files store nothing; the card goes out as .docx and comes back the same."""

import io
import zipfile
from decimal import Decimal

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.errors import DomainError
from accounts.models import AuditRecord
from accounts.personal_data import anonymise_person
from initiatives import sections
from initiatives.enums import InitiativeAction
from initiatives.models import Initiative, WordCardImport
from initiatives.wordcard.mapping import read_card
from initiatives.wordcard.services import confirm_card_import
from initiatives.wordcard.writer import card_of_version
from tests import wordcard_docs
from tests.factories import (
    DirectionFactory,
    IndicatorFactory,
    InitiativeFactory,
    InitiativeVersionFactory,
    NetworkFactory,
    StrategyGoalFactory,
    TeamMemberFactory,
)
from tests.test_hostile_input import SCRIPT
from tests.test_wordcard import ORGANISATION, TEAM


def _upload(content, name="Проектный замысел.docx"):
    data = content.getvalue() if hasattr(content, "getvalue") else content
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.fixture
def team(world, client):
    world.own_org.full_name = ORGANISATION
    world.own_org.save()
    client.force_login(world.team_own)
    return world


def _read(client, content, url=None, name="Проектный замысел.docx"):
    return client.post(url or reverse("initiatives:wordcard_new"),
                       {"file": _upload(content, name)})


def test_upload_preview_confirm_makes_the_draft_and_nothing_before(team, client):
    before = Initiative.objects.count()
    response = _read(client, wordcard_docs.typed())
    reading = WordCardImport.objects.exclude(pk=team.word_card.pk).get(owner=team.team_own)
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatives:wordcard_preview",
                                           kwargs={"token": reading.token})
    assert Initiative.objects.count() == before  # nothing until confirmed

    page = client.get(response["Location"])
    html = page.content.decode()
    rows = {row["key"]: row for row in page.context["rows"]}
    assert rows["problem"]["headings"] == ["Проблемный анализ ситуации"]
    assert rows["goal"]["value"].startswith("выстраивание самоорганизующейся")
    assert page.context["matched"] == team.own_org
    assert page.context["form"].initial["organisation"] == team.own_org.pk
    assert "Сопоставлено с вашей организацией" in html
    assert Initiative.objects.count() == before

    done = client.post(response["Location"], {"organisation": team.own_org.pk})
    initiative = Initiative.objects.exclude(pk=team.initiative.pk).get(organisation=team.own_org)
    assert done["Location"] == reverse("initiatives:edit", kwargs={"pk": initiative.pk})
    assert initiative.state == "draft"
    assert initiative.title == "Проекный офис+. Неформальный подход"
    assert "Как только завершается реализация проекта" in initiative.problem
    assert initiative.goal.startswith("выстраивание самоорганизующейся инновационной "
                                      "методической сети")
    assert initiative.main_product.startswith("Статья по созданию")
    assert initiative.academic_year == "2021/2022"
    assert len(initiative.tasks) == 6
    members = [{"name": m.outside_name, "position": m.position}
               for m in initiative.team.filter(is_leader=False)]
    assert members == TEAM
    leader = initiative.team.get(is_leader=True)
    assert leader.outside_name == "[ФИО руководителя проекта, телефон и e-mail удалены]"
    assert initiative.unrecognised == ""
    assert not WordCardImport.objects.filter(pk=reading.pk).exists()
    assert AuditRecord.objects.filter(object_id=str(initiative.pk),
                                      action=InitiativeAction.WORD_CARD_IMPORTED,
                                      to_value="Проектный замысел.docx").count() == 1
    # the edit page is the ordinary one: the draft is edited and submitted as any other
    edit = client.get(done["Location"])
    assert edit.context["form"].initial["goal"] == initiative.goal


def test_text_that_cannot_be_placed_is_kept_as_not_recognised(team, client):
    response = _read(client, wordcard_docs.with_extra_sections())
    page = client.get(response["Location"])
    assert page.context["unrecognised"] == (
        "Ресурсы проекта: кадровые — методисты МБУ ЦРО; материально-технические — конференц-зал."
        "\nРиски проекта: Уход ключевых участников сети.")
    assert "Не распознано" in page.content.decode()
    client.post(response["Location"], {"organisation": team.own_org.pk})
    initiative = Initiative.objects.get(title="Проекный офис+. Неформальный подход")
    assert initiative.unrecognised == page.context["unrecognised"]
    card = client.get(initiative.get_absolute_url()).content.decode()
    assert 'id="unrecognised"' in card
    assert "Уход ключевых участников сети." in card


def test_a_team_imports_only_into_its_own_organisation(team, client):
    response = _read(client, wordcard_docs.typed())
    before = Initiative.objects.count()
    page = client.post(response["Location"], {"organisation": team.other_org.pk})
    assert page.status_code == 200
    assert page.context["form"].errors["organisation"] == [
        "Выберите корректный вариант. Вашего варианта нет среди допустимых значений."]
    assert Initiative.objects.count() == before
    assert list(page.context["form"].fields["organisation"].queryset) == [team.own_org]


def test_someone_elses_reading_is_refused(team, client):
    response = _read(client, wordcard_docs.typed())
    client.force_login(team.team_other)
    assert client.get(response["Location"]).status_code == 403
    assert client.post(response["Location"], {"organisation": team.other_org.pk}).status_code == 403


def test_a_draft_is_filled_from_the_card(team, client):
    draft = team.initiative
    url = reverse("initiatives:wordcard_fill", kwargs={"pk": draft.pk})
    response = _read(client, wordcard_docs.as_table(), url=url)
    page = client.get(response["Location"])
    assert page.context["form"] is None
    revision = Initiative.objects.get(pk=draft.pk).revision
    client.post(response["Location"])
    draft.refresh_from_db()
    assert draft.title == "Проекный офис+. Неформальный подход"
    assert draft.goal.startswith("выстраивание самоорганизующейся")
    assert draft.revision == revision + 1
    assert draft.team.filter(outside_name="[ФИО удалено]").count() == 5


# --- refused files ------------------------------------------------------------------


def _docx_with(extra_parts=(), rels=None):
    source = zipfile.ZipFile(wordcard_docs.typed())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in source.infolist():
            data = source.read(item)
            if rels and item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", rels + b"</Relationships>")
            z.writestr(item, data)
        for name, data in extra_parts:
            z.writestr(name, data)
    return out.getvalue()


def _zip_bomb():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        source = zipfile.ZipFile(wordcard_docs.typed())
        for item in source.infolist():
            z.writestr(item, source.read(item))
        z.writestr("word/media/padding.bin", b"\0" * (60 * 1024 * 1024))
    return out.getvalue()


TEMPLATE = (b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/attachedTemplate" Target="http://evil.example/t.dotm" '
            b'TargetMode="External"/>')
HYPERLINK = (b'<Relationship Id="rId98" Type="http://schemas.openxmlformats.org/officeDocument/2006'
             b'/relationships/hyperlink" Target="https://school7.example/" TargetMode="External"/>')
REFUSED = {
    "doc": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "card.doc",
            "«card.doc» — документ старого формата Word (.doc). Откройте его в Word, сохраните как "
            "«Документ Word (.docx)» и загрузите файл .docx."),
    "pdf": (lambda: b"%PDF-1.7\n" + b"0" * 600, "card.docx",
            "Файл «card.docx» не является файлом DOCX: его содержимое — файл PDF."),
    "zip_bomb": (_zip_bomb, "card.docx",
                 "Файл «card.docx» распаковывается в 61 МБ — гораздо больше, чем бывает в "
                 "карточке; он похож на zip-бомбу и не читается."),
    "macros": (lambda: _docx_with([("word/vbaProject.bin", b"VBA" * 100)]), "card.docx",
               "Файл «card.docx» содержит макросы; документы с макросами не принимаются. "
               "Сохраните его в Word как «Документ Word (.docx)» без макросов."),
    "docm": (lambda: _docx_with(), "card.docm",
             "«card.docm» — документ Word с макросами (.docm); документы с макросами не "
             "принимаются. Сохраните его как «Документ Word (.docx)»."),
    "external": (lambda: _docx_with(rels=TEMPLATE), "card.docx",
                 "Файл «card.docx» ссылается на содержимое вне документа (внешний шаблон, "
                 "рисунок или объект) и не читается. Сохраните документ без внешних связей."),
}


@pytest.mark.parametrize("kind", list(REFUSED))
def test_refused_files_get_a_russian_message_and_nothing_is_stored(kind, team, client, settings):
    build, name, message = REFUSED[kind]
    before = Initiative.objects.count()
    response = _read(client, build(), name=name)
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [message]
    assert WordCardImport.objects.count() == 1  # the world's own, nothing new
    assert Initiative.objects.count() == before
    assert not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*")
                   if "initiatives" in str(p) and p.suffix in (".doc", ".docx", ".docm"))


def test_hyperlinks_in_the_text_are_ordinary(team, client):
    response = _read(client, _docx_with(rels=HYPERLINK))
    assert response.status_code == 302


def test_a_hostile_card_comes_back_escaped(team, client):
    document = wordcard_docs.typed(extra=[f"Риски: {SCRIPT}"])
    lines = document.getvalue()
    response = _read(client, lines)
    page = client.get(response["Location"]).content.decode()
    assert SCRIPT not in page
    assert "&lt;script&gt;" in page
    client.post(response["Location"], {"organisation": team.own_org.pk})
    initiative = Initiative.objects.get(title="Проекный офис+. Неформальный подход")
    assert SCRIPT in initiative.problem + initiative.main_product + initiative.unrecognised
    for url in (initiative.get_absolute_url(), reverse("initiatives:edit",
                                                       kwargs={"pk": initiative.pk})):
        assert SCRIPT not in client.get(url).content.decode()


# --- the card as Word and back ------------------------------------------------------------


def _fields(initiative):
    return {
        **{name: getattr(initiative, name) for name in (
            "title", "annotation", "problem", "idea", "starts_on", "ends_on", "academic_year",
            "goal", "tasks", "results_people", "results_process", "main_product",
            "unrecognised", "direction_id", "network_id", "organisation_id")},
        "team": [(m.display_name, m.position, m.is_leader, m.phone, m.email)
                 for m in initiative.team.all()],
        "indicators": [(i.name, i.unit, i.baseline, i.target, i.period)
                       for i in initiative.indicators.all()],
        "strategy_goals": sorted(g.pk for g in initiative.strategy_goals.all()),
    }


def test_a_card_downloaded_as_word_comes_back_the_same(team, client):
    response = _read(client, wordcard_docs.with_extra_sections())
    client.post(response["Location"], {"organisation": team.own_org.pk})
    first = Initiative.objects.get(title="Проекный офис+. Неформальный подход")
    leader = first.team.get(is_leader=True)
    leader.outside_name, leader.position = "Иванова Мария Петровна", "заместитель директора"
    leader.phone, leader.email = "+7 (34241) 3-12-45", "ivanova@example.org"
    leader.save()
    IndicatorFactory(initiative=first, name="Доля ОО, участвующих в сети", unit="%",
                     baseline=Decimal("12.50"), target=Decimal("40"), period="2022")
    first.direction = DirectionFactory()
    first.network = NetworkFactory(name="Инновационная методическая сеть")
    first.save()
    first.strategy_goals.add(StrategyGoalFactory())

    download = client.get(reverse("initiatives:wordcard_download", kwargs={"pk": first.pk}))
    assert download["Content-Type"] == ("application/vnd.openxmlformats-officedocument."
                                        "wordprocessingml.document")
    again = _read(client, download.content, name="initiative.docx")
    client.post(again["Location"], {"organisation": team.own_org.pk})
    second = Initiative.objects.exclude(pk__in=[first.pk, team.initiative.pk]).get(
        organisation=team.own_org)
    assert _fields(second) == _fields(first)


def test_a_version_downloads_as_word_with_its_texts(team, client):
    initiative = team.initiative
    TeamMemberFactory(initiative=initiative, outside_name="Петрова Анна Ильинична",
                      person=None, position="методист")
    initiative.tasks = ["Первая задача", "Вторая задача"]
    initiative.goal = "Цель версии"
    initiative.save()
    texts = sections.section_texts(
        Initiative.objects.prefetch_related("team__person", "indicators").get(pk=initiative.pk))
    version = InitiativeVersionFactory(initiative=initiative, number=2,
                                       snapshot={"sections": texts})
    response = client.get(reverse("initiatives:wordcard_version_download",
                                  kwargs={"pk": initiative.pk, "number": 2}))
    card = read_card(io.BytesIO(response.content))
    assert card["goal"] == "Цель версии"
    assert card["tasks"] == ["Первая задача", "Вторая задача"]
    assert {"name": "Петрова Анна Ильинична", "position": "методист"} in card["team"]
    assert card["title"] == initiative.title
    assert card_of_version(version)["tasks"] == card["tasks"]


# --- constant SQL ----------------------------------------------------------------------


def _with_people(organisation, n):
    initiative = InitiativeFactory(organisation=organisation)
    for _ in range(n):
        TeamMemberFactory(initiative=initiative)
        IndicatorFactory(initiative=initiative)
    return initiative


@pytest.mark.parametrize("n", [1, 3])
def test_the_download_costs_the_same_queries_for_1_and_3_rows(n, team, client,
                                                               django_assert_num_queries):
    initiative = _with_people(team.own_org, n)
    url = reverse("initiatives:wordcard_download", kwargs={"pk": initiative.pk})
    client.get(url)
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_the_preview_costs_the_same_queries_for_1_and_3_members(n, team, client,
                                                                django_assert_num_queries):
    reading = WordCardImport.objects.create(
        token=f"t{n}", owner=team.team_own, file_name="x.docx",
        card={**read_card(wordcard_docs.typed()),
              "team": TEAM[:n], "strategy_goals_text": ["Цель"] * n})
    url = reading.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


def test_the_domain_function_refuses_another_organisation_too(team):
    reading = team.word_card
    with pytest.raises(DomainError) as refused:
        confirm_card_import(reading, by=team.team_own, organisation=team.other_org)
    assert str(refused.value) == "Команда создаёт черновики только для своей организации."
    assert WordCardImport.objects.filter(pk=reading.pk).exists()


def test_a_leader_who_is_on_the_portal_leads_the_imported_card(team, client):
    person = team.team_own
    lines = [line.replace("[ФИО руководителя проекта, телефон и e-mail удалены]",
                          f"{person.full_name}, +7 (34241) 3-12-45, lead@example.org")
             for line in wordcard_docs.seed_lines()]
    response = _read(client, _typed_lines(lines))
    client.post(response["Location"], {"organisation": team.own_org.pk})
    initiative = Initiative.objects.get(title="Проекный офис+. Неформальный подход")
    leader = initiative.team.get(is_leader=True)
    assert (leader.person, leader.outside_name, leader.phone, leader.email) == (
        person, "", "+7 (34241) 3-12-45", "lead@example.org")
    assert initiative.leader == person


def _typed_lines(lines):
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    return wordcard_docs._bytes(document)


def test_anonymising_a_leaver_clears_the_contacts_a_card_gave_and_their_readings(team):
    member = TeamMemberFactory(initiative=team.initiative, person=team.team_own,
                               phone="+7 900 000-00-00", email="lead@example.org")
    anonymise_person(team.team_own, by=team.staff)
    member.refresh_from_db()
    assert (member.phone, member.email) == ("", "")
    assert not WordCardImport.objects.filter(owner=team.team_own).exists()
