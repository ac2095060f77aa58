"""Organisations in the portal: the office adds, changes, archives and imports them (issue 18)."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from accounts.enums import OfficeRole
from accounts.models import AuditRecord
from network.enums import OrganisationType
from network.models import Organisation
from tests.factories import NetworkFactory, OrganisationFactory, person_with_roles, team_member

INN_A, INN_B, INN_C = "5920000018", "5920000025", "5920000032"
HEADER = ["Краткое наименование", "Полное наименование", "Тип", "ИНН", "Адрес", "Руководитель",
          "Сайт", "Страница ВКонтакте"]


@pytest.fixture
def staff(db):
    return person_with_roles(OfficeRole.OFFICE_STAFF, username="staff")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def xlsx_file(rows, name="orgs.xlsx"):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    out.name = name
    out.seek(0)
    return out


def csv_file(text, encoding="utf-8", name="orgs.csv"):
    out = io.BytesIO(text.encode(encoding))
    out.name = name
    return out


def upload(client, f):
    return client.post(reverse("network:organisation_import"), {"file": f})


def preview_rows(response):
    """(row, status, record, details) of the preview table, as a person reads them."""
    html = response.content.decode()
    table = html.split('aria-describedby="preview"', 1)[1].split("</table>", 1)[0]
    rows = []
    for tr in re.findall(r"<tr class=[^>]*>(.*?)</tr>", table, re.S):
        cells = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c)).strip()
                 for c in re.findall(r"<td>(.*?)</td>", tr, re.S)]
        rows.append(tuple(cells))
    return rows


def confirm(client, response):
    token = response.context["token"]
    assert token
    return client.post(reverse("network:organisation_import"), {"token": token})


def test_office_adds_an_organisation_with_an_inn_checked(staff_client):
    url = reverse("network:organisation_create")
    data = {"org_type": "mbou", "short_name": "МБОУ СОШ № 3", "full_name": "Школа № 3",
            "inn": "5920000019", "address": "ул. Ленина, 1", "director": "Иванова А. П.",
            "website": "https://school3.example.org", "vk_page": ""}
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "inn": ["У ИНН 5920000019 неверная контрольная цифра: проверьте номер."]}
    assert 'value="Школа № 3"' in response.content.decode()  # nothing typed is lost
    response = staff_client.post(url, {**data, "inn": INN_A})
    organisation = Organisation.objects.get(short_name="МБОУ СОШ № 3")
    assert response.status_code == 302
    assert (organisation.inn, organisation.director) == (INN_A, "Иванова А. П.")
    assert list(AuditRecord.objects.values_list("action", flat=True)) == ["organisation_created"]


def test_inn_must_be_ten_digits_and_unique(staff_client):
    OrganisationFactory(short_name="A", inn=INN_A)
    url = reverse("network:organisation_create")
    data = {"org_type": "mbou", "short_name": "B", "full_name": "B", "inn": "59200"}
    response = staff_client.post(url, data)
    assert response.context["form"].errors == {"inn": ["ИНН организации состоит из 10 цифр; «59200» — нет."]}
    response = staff_client.post(url, {**data, "inn": INN_A})
    assert response.context["form"].errors == {"inn": ["ИНН 5920000018 уже указан у «A»."]}


def test_edit_and_archive_and_restore(staff_client, staff):
    organisation = OrganisationFactory(short_name="СОШ № 5")
    response = staff_client.post(
        reverse("network:organisation_edit", kwargs={"pk": organisation.pk}),
        {"org_type": "maou", "short_name": "СОШ № 5", "full_name": "Новая", "inn": "",
         "director": "Петров П. П."})
    assert response.status_code == 302
    staff_client.post(reverse("network:organisation_archive", kwargs={"pk": organisation.pk}))
    organisation.refresh_from_db()
    assert organisation.is_archived
    listed = staff_client.get(reverse("network:organisation_list"))
    assert [o.pk for o in listed.context["organisations"]] == []
    archived = staff_client.get(reverse("network:organisation_list") + "?archived=1")
    assert [o.pk for o in archived.context["organisations"]] == [organisation.pk]
    staff_client.post(reverse("network:organisation_restore", kwargs={"pk": organisation.pk}))
    organisation.refresh_from_db()
    assert not organisation.is_archived
    assert list(AuditRecord.objects.order_by("pk").values_list("action", "comment")) == [
        ("organisation_updated", "тип, полное наименование, адрес, руководитель"),
        ("organisation_archived", ""),
        ("organisation_restored", ""),
    ]


def test_the_office_organisation_cannot_be_archived(staff_client):
    office = OrganisationFactory(short_name="Управление", is_office=True)
    staff_client.post(reverse("network:organisation_archive", kwargs={"pk": office.pk}))
    office.refresh_from_db()
    assert not office.is_archived


def test_template_download_has_the_columns_as_text(staff_client):
    response = staff_client.get(reverse("network:organisation_import_template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == [
        "Краткое наименование*", "Полное наименование*", "Тип", "ИНН", "Адрес", "Руководитель",
        "Сайт", "Страница ВКонтакте"]
    assert all(c.data_type == "s" for c in sheet[2] if c.value is not None)


def test_import_preview_confirm_and_idempotent(staff_client):
    existing = OrganisationFactory(short_name="МБОУ СОШ № 1", full_name="Старое имя", inn=INN_B,
                                   org_type=OrganisationType.MBOU, address="ул. Мира, 5")
    by_name = OrganisationFactory(short_name="МБОУ СОШ № 7", full_name="Школа № 7", inn="",
                                  org_type=OrganisationType.MBOU)
    rows = [
        ["Полное наименование*", "краткое наименование", "ИНН", "Тип", "Руководитель"],  # any order
        ["Школа № 1 (новое)", "СОШ № 1 другое имя", INN_B, "МБОУ", ""],      # matched by ИНН
        ["Школа № 7", "МБОУ СОШ № 7", "", "МБОУ", ""],                          # by short name, unchanged
        [None, None, None, None, None],                                          # empty row
        ["Гимназия", "МАОУ Гимназия", INN_C, "МАОУ", "=HYPERLINK(\"x\")"],     # new, formula text
    ]
    response = upload(staff_client, xlsx_file(rows))
    assert response.status_code == 200
    assert preview_rows(response) == [
        ("2", "изменения", "СОШ № 1 другое имя", "Изменения: краткое наименование, полное наименование"),
        ("3", "без изменений", "МБОУ СОШ № 7", ""),
        ("5", "новая запись", "МАОУ Гимназия", ""),
    ]
    assert Organisation.objects.count() == 2  # nothing written by the preview
    assert AuditRecord.objects.count() == 0
    response = confirm(staff_client, response)
    assert response.status_code == 302
    existing.refresh_from_db()
    assert (existing.short_name, existing.full_name, existing.address) == (
        "СОШ № 1 другое имя", "Школа № 1 (новое)", "ул. Мира, 5")  # empty cell keeps the address
    new = Organisation.objects.get(inn=INN_C)
    assert (new.org_type, new.director) == (OrganisationType.MAOU, "=HYPERLINK(\"x\")")
    by_name.refresh_from_db()
    assert by_name.full_name == "Школа № 7"
    assert AuditRecord.objects.filter(action="organisations_imported").count() == 2
    # the same file again changes nothing, and no confirmation is offered
    again = upload(staff_client, xlsx_file(rows))
    assert [r[1] for r in preview_rows(again)] == ["без изменений"] * 3
    assert again.context["token"] == ""


def _statuses(response):
    return [(r.number, r.status, r.reasons) for r in response.context["preview"].rows]


def test_cp1251_semicolon_and_utf8_comma_csv(staff_client):
    text = "Краткое наименование;Полное наименование;ИНН\r\nСОШ № 2;Школа № 2;5920000018\r\n"
    response = upload(staff_client, csv_file(text, "cp1251"))
    assert _statuses(response) == [(2, "new", [])]
    text = "\ufeffПолное наименование,Краткое наименование\nШкола № 2,СОШ № 2\n"
    response = upload(staff_client, csv_file(text))
    assert _statuses(response) == [(2, "new", [])]


def test_bad_rows_are_errors_with_reasons_and_nothing_is_imported(staff_client):
    OrganisationFactory(short_name="СОШ № 9", inn=INN_A)
    text = (
        "Краткое наименование,Полное наименование,ИНН,Тип,Сайт\n"
        "СОШ № 2,Школа 2,5920000019,,\n"             # wrong check digit
        "СОШ № 3,Школа 3,5920000025,,\n"             # ИНН repeated in the file
        "СОШ № 4,Школа 4,5920000025,,\n"
        "СОШ № 5,,,,\n"                               # the full name is required
        "СОШ № 6,Школа 6,,Лицей-интернат,\n"          # an unknown type
        "СОШ № 9,Школа 9,5920000032,,\n"              # the short name has another ИНН
        "=1+1,Формула,,,not a site\n"
    )
    response = upload(staff_client, csv_file(text))
    assert _statuses(response) == [
        (2, "error", ["ИНН: У ИНН 5920000019 неверная контрольная цифра: проверьте номер."]),
        (3, "error", ["ИНН «5920000025» повторяется в строках 3, 4 файла."]),
        (4, "error", ["ИНН «5920000025» повторяется в строках 3, 4 файла."]),
        (5, "error", ["полное наименование: Это поле не может быть пустым."]),
        (6, "error", ["тип: Тип «лицей-интернат» неизвестен; укажите один из: МАОУ, МБОУ, МКОУ, "
                      "МАДОУ, МБДОУ, МБУ, МБУ ДО, МБОУ ДО, МКОУ ДПО, другое."]),
        (7, "error", ["ИНН: «СОШ № 9» уже есть на портале с ИНН 5920000018, а в файле указан "
                      "другой ИНН."]),
        (8, "error", ["сайт: Введите правильный URL."]),
    ]
    assert response.context["token"] == ""
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize(
    ("f", "message"),
    [
        (csv_file("Краткое наименование,Телефон\nA,1\n"),
         "В файле нет столбцов: «Полное наименование»."),
        (csv_file("%PDF-1.4\n", name="orgs.xlsx"),
         "Файл «orgs.xlsx» по содержимому не является книгой XLSX."),
        (csv_file("\x00\x01", name="orgs.csv"), "Файл «orgs.csv» по содержимому не является таблицей CSV."),
    ],
)
def test_file_problems_are_shown_next_to_the_field(staff_client, f, message):
    response = upload(staff_client, f)
    assert response.status_code == 200
    assert message in response.context["form"].errors["file"]


def test_over_size_file(staff_client, settings):
    settings.TABULAR_UPLOAD_MAX_MB = 0.001
    response = upload(staff_client, csv_file("Краткое наименование,Полное наименование\n" + "a,b\n" * 500))
    assert response.context["form"].errors["file"] == [
        "Размер файла — 0,0 МБ; принимаются таблицы не больше 0,001 МБ."]


def test_confirm_needs_the_token_of_this_session(staff_client, client, db):
    response = upload(staff_client, csv_file("Краткое наименование,Полное наименование\nA,B\n"))
    token = response.context["token"]
    other = person_with_roles(OfficeRole.OFFICE_HEAD, username="head")
    client.force_login(other)
    refused = client.post(reverse("network:organisation_import"), {"token": token})
    assert refused.status_code == 302
    assert not Organisation.objects.filter(short_name="A").exists()


def test_confirm_refuses_when_the_data_changed_since_the_preview(staff_client):
    response = upload(staff_client, csv_file(f"Краткое наименование,Полное наименование,ИНН\nA,B,{INN_A}\n"))
    OrganisationFactory(short_name="A другая", inn="", full_name="x")
    OrganisationFactory(short_name="Z", inn=INN_A)  # the ИНН now belongs to Z: row changes Z
    OrganisationFactory(short_name="A", inn=INN_B)  # and A's short name conflicts
    result = confirm(staff_client, response)
    assert result.status_code == 200 and result.context["refused"]
    assert Organisation.objects.get(inn=INN_A).short_name == "Z"


def test_team_cannot_import(client, db):
    own = OrganisationFactory()
    client.force_login(team_member(own))
    response = upload(client, csv_file("Краткое наименование,Полное наименование\nA,B\n"))
    assert response.status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_list_and_detail_queries_are_constant(staff_client, count, django_assert_num_queries):
    orgs = [OrganisationFactory() for _ in range(count)]
    for org in orgs:
        team_member(org)
    with django_assert_num_queries(4):
        staff_client.get(reverse("network:organisation_list"))
    # session, user, the organisation (read once for the permission and the page), its people
    with django_assert_num_queries(4):
        staff_client.get(reverse("network:organisation", kwargs={"pk": orgs[0].pk}))


@pytest.mark.parametrize("url_name", ["network:organisation_import", "network:invitation_import"])
def test_hostile_cells_in_a_table_are_shown_escaped(staff_client, url_name):
    payloads = ["<script>alert(1)</script>", "'; DROP TABLE network_organisation; --",
                "Я" * 5000, "\u202eтекст", "=HYPERLINK(\"http://evil\")"]
    header = ("Краткое наименование,Полное наименование,ИНН,Сайт\n"
              if url_name == "network:organisation_import"
              else "Фамилия,Имя,E-mail,Роль,Организация\n")
    body = "".join(",".join(f'"{p}"' for p in [payload] * header.count(",")) + ',"x"\n'
                   for payload in payloads)
    response = staff_client.post(reverse(url_name), {"file": csv_file(header + body)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert len(response.context["preview"].rows) == len(payloads)


def test_an_archived_organisation_is_not_offered_for_new_work_but_kept_where_it_is(staff_client):
    active = OrganisationFactory(short_name="СОШ № 2")
    gone = OrganisationFactory(short_name="СОШ № 3", archived_at=timezone.now())
    offered = staff_client.get(reverse("initiatives:create")).context["form"].fields["organisation"]
    assert list(offered.queryset) == [active]
    product = staff_client.get(reverse("network:product_create")).context["form"]
    assert gone not in product.fields["organisation"].queryset
    network = NetworkFactory(base_organisation=gone)
    form = staff_client.get(reverse("network:network_edit", kwargs={"slug": network.slug}))
    assert gone in form.context["form"].fields["base_organisation"].queryset
    new = staff_client.get(reverse("network:network_create")).context["form"]
    assert gone not in new.fields["base_organisation"].queryset
