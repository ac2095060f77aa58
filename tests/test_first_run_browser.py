"""Headless Chromium: the first afternoon of a new office (issue 18, «Done when»), from an empty
database: the first-run command, the head's invitation, the identity, forty schools imported
from an XLSX, a team lead and the two members they invite, an expert, the team's initiative
submitted; then the conclusion PDF, issued and downloaded through its page, names the new
municipality and not the demo's."""

import importlib
import re
import subprocess
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from openpyxl import Workbook

from accounts import identity, invitations
from accounts.enums import OfficeRole
from accounts.models import AuditRecord, RoleAssignment, User
from expertise import services as expertise
from expertise.models import Conclusion, Criterion, ReviewForm
from expertise.review_forms import form_in_use
from initiatives import lifecycle, services
from initiatives.enums import InitiativeState, Recommendation, StrategyGoalKind
from initiatives.models import Direction, Initiative, StrategyGoal
from network.models import Membership, Organisation
from network.validators import INN_WEIGHTS
from tests.conftest import ARTIFACTS, screenshot, settled, sign_in_afresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MUNICIPALITY = "Кунгурский муниципальный округ"
PLACE = "Кунгур"


def inn(n):
    """A valid 10-digit ИНН of a legal entity: nine digits and their check digit."""
    head = f"591700{n:03d}"
    return head + str(sum(int(d) * w for d, w in zip(head, INN_WEIGHTS, strict=True)) % 11 % 10)


def last_link(to):
    """The one-time link of the latest letter to ``to``, as a path on the live server."""
    letter = [m for m in mail.outbox if m.to == [to]][-1]
    link = re.search(r"https?://\S+/accounts/invitation/[\w-]+/", letter.body).group(0)
    return "/" + link.split("/", 3)[3]


def accept(page, path, password, shot):
    """Follow an invitation's link signed out: password, consent, the home page."""
    page.goto("about:blank")  # the last page's polls stop (see sign_in_afresh)
    page.context.clear_cookies()
    page.goto(page.base_url + path)
    page.locator("#id_password1").fill(password)
    page.locator("#id_password2").fill(password)
    screenshot(page, f"first-run-{shot}-invitation")
    page.get_by_role("button", name="Принять приглашение").click()
    page.wait_for_url("**/accounts/consent/**")
    page.get_by_label("Я ознакомился", exact=False).check()
    page.get_by_role("button", name="Согласен", exact=True).click()
    page.wait_for_url("**/home/")
    screenshot(page, f"first-run-{shot}-home")


def sign_in_as(page, login, password):
    sign_in_afresh(page, login, password, accept_consent=False)
    page.wait_for_url("**/home/")


def schools_xlsx(path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Краткое наименование", "Полное наименование", "Тип", "ИНН"])
    for n in range(1, 41):
        sheet.append([f"МАОУ СОШ № {n} г. Кунгура",
                      f"Муниципальное автономное общеобразовательное учреждение «Средняя "
                      f"общеобразовательная школа № {n}» г. Кунгура", "МАОУ", inn(n)])
    book.save(path)
    return path


def invite_on_the_office_page(page, *, email, last, first, role, organisation=None, shot):
    page.goto(page.base_url + "/network/invitations/new/")
    page.locator("#id_email").fill(email)
    page.locator("#id_last_name").fill(last)
    page.locator("#id_first_name").fill(first)
    page.locator("#id_role").select_option(role)
    if organisation is not None:
        # a search box (network:invite_choices): the name typed, then the organisation chosen
        box = page.get_by_role("combobox", name="Организация")
        box.click()
        box.press_sequentially(organisation.short_name)
        page.get_by_role("option", name=organisation.short_name, exact=True).click()
    screenshot(page, f"first-run-{shot}")
    page.get_by_role("button", name="Отправить приглашение").click()
    page.wait_for_url("**/network/invitations/")
    assert page.get_by_text(f"Приглашение отправлено на {email}", exact=False).is_visible()


def pdf_text(data, path):
    path.write_bytes(data)
    return " ".join(subprocess.run(["pdftotext", "-layout", str(path), "-"],
                                   capture_output=True, text=True, check=True).stdout.split())


def test_a_new_office_starts_from_an_empty_database(page, tmp_path):
    assert not User.objects.exists() and not Organisation.objects.exists()
    # the review form comes with the migrations; a flush by an earlier transactional test
    # removes it, so put it back as `migrate` does
    if form_in_use() is None:
        importlib.import_module("initiatives.migrations.0004_review_form_seed").create_form(
            ReviewForm, Criterion)

    # 1. the first run: the identity and the first head's invitation, from the shell
    call_command("setup_office", "--head-email", "orlova@kungur.example.org",
                 "--head-name", "Орлова Мария Ивановна",
                 "--body-name", "Управление образования администрации Кунгурского муниципального округа",
                 "--municipality", MUNICIPALITY, "--region", "Пермский край",
                 "--place-name", PLACE, "--office-name", "Проектный офис Кунгура",
                 stdout=(tmp_path / "setup_office.txt").open("w"))
    assert [m.to for m in mail.outbox] == [["orlova@kungur.example.org"]]

    # 2. the head follows the link from the letter
    accept(page, last_link("orlova@kungur.example.org"), "Kungur-head-2026", "head")
    head = User.objects.get(email="orlova@kungur.example.org")
    assert RoleAssignment.objects.filter(user=head, role=OfficeRole.OFFICE_HEAD).exists()
    assert page.locator(".navbar-brand").inner_text() == "Проектный офис Кунгура"

    # 3. the head completes the identity on the settings page
    page.goto(page.base_url + "/accounts/office/")
    assert page.locator("#id_place_name").input_value() == PLACE
    page.locator("#id_address").fill("г. Кунгур, ул. Гоголя, 40")
    page.locator("#id_phone").fill("+7 (34271) 0-00-00")
    page.locator("#id_secretary_name").fill("П.С. Лебедева")
    page.get_by_role("button", name="Сохранить").click()
    settled(page)
    assert page.get_by_text("Реквизиты проектного офиса сохранены.").is_visible()
    assert "г. Кунгур, ул. Гоголя, 40" in page.locator("footer").inner_text()
    screenshot(page, "first-run-identity")
    assert identity.load().secretary_name == "П.С. Лебедева"

    # 4. forty schools from an XLSX: preview, then confirm
    path = schools_xlsx(tmp_path / "Школы Кунгура.xlsx")
    page.goto(page.base_url + "/network/organisations/import/")
    page.locator("#id_file").set_input_files(str(path))
    page.get_by_role("button", name="Показать предварительный просмотр").click()
    page.wait_for_load_state()
    screenshot(page, "first-run-schools-preview")
    assert not Organisation.objects.exists()  # nothing is written before the confirmation
    page.get_by_role("button", name="Подтвердить импорт").click()
    page.wait_for_url("**/network/organisations/")
    assert page.get_by_text(
        "Импорт выполнен: новых — 40, изменённых — 0, без изменений — 0.").is_visible()
    screenshot(page, "first-run-schools-imported")
    assert Organisation.objects.count() == 40
    school = Organisation.objects.get(inn=inn(7))
    assert school.short_name == "МАОУ СОШ № 7 г. Кунгура"

    # 5. the head invites the school's team lead and an expert on the office's page
    invite_on_the_office_page(page, email="lead@school7.example.org", last="Соколова",
                              first="Ирина", role="team_lead", organisation=school,
                              shot="invite-lead")
    invite_on_the_office_page(page, email="expert@kungur.example.org", last="Белов",
                              first="Андрей", role="expert", shot="invite-expert")
    screenshot(page, "first-run-invitations")

    # 6. the lead accepts and invites two members of their own school
    accept(page, last_link("lead@school7.example.org"), "School7-lead-2026", "lead")
    lead = User.objects.get(email="lead@school7.example.org")
    assert Membership.objects.get(person=lead, organisation=school, is_active=True).is_lead
    page.get_by_role("link", name=school.short_name).first.click()
    page.get_by_role("link", name="Управлять командой").click()
    page.wait_for_url(f"**/network/organisations/{school.pk}/team/")
    for email, last, first, position in (
            ("math@school7.example.org", "Ершова", "Анна", "учитель математики"),
            ("physics@school7.example.org", "Гусев", "Павел", "учитель физики")):
        page.locator("#id_email").fill(email)
        page.locator("#id_last_name").fill(last)
        page.locator("#id_first_name").fill(first)
        page.locator("#id_position").fill(position)
        page.get_by_role("button", name="Пригласить в команду").click()
        page.wait_for_url(f"**/network/organisations/{school.pk}/team/")
        assert page.get_by_text(f"Приглашение отправлено на {email}", exact=False).is_visible()
        assert [m.to for m in mail.outbox][-1] == [email]
    screenshot(page, "first-run-team")
    # one of them accepts and is on the team
    accept(page, last_link("math@school7.example.org"), "School7-math-2026", "member")
    assert Membership.objects.filter(organisation=school, is_active=True).count() == 2

    # 7. the expert accepts
    accept(page, last_link("expert@kungur.example.org"), "Kungur-expert-2026", "expert")
    expert = User.objects.get(email="expert@kungur.example.org")
    assert page.get_by_role("heading", name="Моя экспертиза").is_visible()

    # the office's reference data the card needs, on the «Справочники» page: a portfolio,
    # its direction and a goal of the national project
    sign_in_as(page, "orlova@kungur.example.org", "Kungur-head-2026")
    page.goto(page.base_url + "/initiatives/portfolios/")
    page.get_by_role("link", name="Новый портфель").click()
    page.locator("#id_name").fill("Управленческий портфель Кунгура")
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_url("**/initiatives/portfolios/")
    page.get_by_role("link", name="Новое направление").click()
    page.locator("#id_portfolio").select_option(label="Управленческий портфель Кунгура")
    page.locator("#id_name").fill("Повышение качества образования в ОУ")
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_url("**/initiatives/portfolios/")
    direction = Direction.objects.get(name="Повышение качества образования в ОУ",
                                      portfolio__name="Управленческий портфель Кунгура")
    assert page.get_by_text("Целей пока нет", exact=False).is_visible()
    page.get_by_role("link", name="Новая цель").click()
    page.locator("#id_kind").select_option(StrategyGoalKind.NATIONAL_PROJECT.value)
    page.locator("#id_title").fill("Современная школа")
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_url("**/initiatives/portfolios/")
    screenshot(page, "first-run-reference-data")
    assert StrategyGoal.objects.filter(title="Современная школа", is_active=True).exists()

    # 8. the team creates and submits an initiative
    sign_in_as(page, "lead@school7.example.org", "School7-lead-2026")
    page.goto(page.base_url + "/initiatives/new/")
    page.get_by_label("Название").fill("Кунгурская школа проектов")
    page.get_by_role("button", name="Создать черновик").click()
    page.wait_for_url("**/edit/")
    card = Initiative.objects.get(title="Кунгурская школа проектов")
    assert card.organisation == school
    services.add_team_member(card, by=lead, person=lead, position="директор", is_leader=True)
    services.add_indicator(card, by=lead, name="Доля педагогов в проектах", unit="%",
                           target=Decimal("40"), baseline=Decimal("10"))
    page.reload()
    for label, text in [("Краткая аннотация", "Школы округа учатся проектному управлению."),
                        ("Проблемный анализ ситуации", "Проекты школ не доходят до продукта."),
                        ("Проектный замысел", "Школа проектов для команд."),
                        ("Цель", "Команды школ ведут свои проекты."),
                        ("Задачи", "Собрать команды\nПровести сессии"),
                        ("Ожидаемые изменения в педагогах", "Проектная позиция."),
                        ("Ожидаемые изменения в процессе", "Проекты доходят до продукта."),
                        ("Основной продукт", "Сборник кейсов.")]:
        page.get_by_label(label, exact=True).fill(text)
    page.get_by_label("Дата начала").fill("2026-09-01")
    page.get_by_label("Дата окончания").fill("2027-05-31")
    page.get_by_label("Направление управленческого портфеля").select_option(str(direction.pk))
    page.get_by_label("Современная школа", exact=True).check()
    page.locator('#completeness [data-section="strategy_goals"][data-filled="yes"]').wait_for()
    screenshot(page, "first-run-initiative-filled")
    page.get_by_role("button", name="Подать в проектный офис").click()
    page.wait_for_url(f"**/initiatives/{card.pk}/")
    assert page.locator("#state").inner_text() == "Состояние: подана"
    screenshot(page, "first-run-initiative-submitted")

    # 9. the office moves it through expertise (domain functions: not the point here); the
    # head's own staff colleague takes it into review
    invitations.invite(email="staff@kungur.example.org", role="office_staff", by=head,
                       last_name="Петров", first_name="Илья")
    token = last_link("staff@kungur.example.org").rstrip("/").rsplit("/", 1)[1]
    staff = invitations.accept_invitation(invitations.find_by_token(token), password="x-Staff-26",
                                          last_name="Петров", first_name="Илья")
    lifecycle.fire(card, "start_review", by=staff)
    assignment = expertise.assign_expert(card, expert=expert, by=staff)
    expertise.accept_assignment(assignment, by=expert)
    review = expertise.open_review(assignment, by=expert)
    expertise.save_review(review, by=expert, recommendation=Recommendation.RECOMMEND, scores={
        c.pk: (4, "") for c in review.form.criteria.all()})
    expertise.submit_review(review, by=expert)
    draft = expertise.compose_conclusion(card, by=staff, summary="Замысел актуален и реализуем.",
                                         recommendation=Recommendation.RECOMMEND)
    expertise.issue_conclusion(draft, by=head)
    conclusion = Conclusion.objects.get(pk=draft.pk)
    card.refresh_from_db()
    assert card.state == InitiativeState.RECOMMENDED and conclusion.pdf

    # 10. the head downloads the conclusion's PDF through the card's page
    sign_in_as(page, "orlova@kungur.example.org", "Kungur-head-2026")
    page.goto(page.base_url + f"/initiatives/{card.pk}/")
    screenshot(page, "first-run-conclusion-issued")
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать PDF").click()
    pdf = tmp_path / "conclusion.pdf"
    download.value.save_as(pdf)
    text = pdf_text(pdf.read_bytes(), pdf)
    assert "ЭКСПЕРТНОЕ ЗАКЛЮЧЕНИЕ" in text and f"№ {conclusion.number}" in text
    assert "АДМИНИСТРАЦИИ КУНГУРСКОГО МУНИЦИПАЛЬНОГО ОКРУГА" in text
    assert f"{MUNICIPALITY}, Пермский край" in text and f" {PLACE} " in text
    assert "Чайковск" not in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                    str(ARTIFACTS / "first-run-conclusion")], check=True)
    # every step left its audit record
    assert AuditRecord.objects.filter(actor=head).exists()
    assert RoleAssignment.objects.filter(user=expert, role=OfficeRole.EXPERT).exists()
