"""The office's identity is data: the head's settings page, the logo checked by content (an SVG
sanitised), the header and footer, the documents and the letters that carry it."""

import io
import subprocess

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree
from PIL import Image

from accounts import identity
from accounts.enums import AuditAction, OfficeRole
from accounts.logo import SVG_NS, check_logo
from accounts.models import AuditRecord, OfficeIdentity
from expertise.pdf import render_conclusion
from meetings.minutes import render_minutes_pdf
from reports import build
from reports.enums import ReportStatus
from tests.conftest import ARTIFACTS
from tests.factories import (
    ConclusionFactory,
    GeneratedReportFactory,
    MeetingFactory,
    OfficeIdentityFactory,
    UserFactory,
    person_with_roles,
)

pytestmark = pytest.mark.django_db

FIELDS = {
    "body_name": "Управление образования администрации Лесногорского городского округа",
    "office_name": "Проектный офис Лесногорска",
    "municipality": "Лесногорский городской округ",
    "region": "Северная область",
    "place_name": "Лесногорск",
    "address": "г. Лесногорск, ул. Школьная, 5",
    "phone": "+7 (000) 111-22-33",
    "email": "po@lesnogorsk.example.org",
    "website": "https://lesnogorsk.example.org/",
    "head_name": "А.Б. Ковалёва",
    "head_position": "Начальник проектного офиса",
    "secretary_name": "В.Г. Дроздов",
    "secretary_position": "Секретарь",
}
HOSTILE_SVG = (
    '<?xml version="1.0"?>'
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'viewBox="0 0 10 10" onload="alert(1)">'
    '<script>alert("script")</script>'
    '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>'
    '<a href="javascript:alert(2)"><rect width="1" height="1"/></a>'
    '<rect width="5" height="5" fill="url(https://evil.example/x.svg#p)" onclick="alert(3)"/>'
    '<use xlink:href="https://evil.example/sprite.svg#icon"/>'
    '<style>@import url(https://evil.example/x.css);</style>'
    '<image href="file:///etc/passwd"/>'
    '<circle id="dot" cx="5" cy="5" r="3" fill="#1d3557" style="stroke: red"/>'
    '<use href="#dot"/><text x="1" y="9">Лого</text></svg>'
).encode()


def png(size=(40, 20), fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (29, 53, 87)).save(buffer, fmt)
    return buffer.getvalue()


def pdf_text(data, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return " ".join(text.split())


@pytest.fixture
def head():
    return person_with_roles(OfficeRole.OFFICE_HEAD, username="head1")


def form_data(**overrides):
    return {**FIELDS, **overrides}


# --- the settings page ------------------------------------------------------------------


def test_the_head_saves_the_identity_with_one_audit_record(head, client):
    client.force_login(head)
    response = client.post(reverse("accounts:identity"), form_data())
    assert response["Location"] == reverse("accounts:identity")
    stored = OfficeIdentity.objects.get()
    assert {f: getattr(stored, f) for f in FIELDS} == FIELDS
    record = AuditRecord.objects.get(action=AuditAction.IDENTITY_UPDATED)
    assert (record.actor, record.data["fields"], record.data["after"]["place_name"]) == (
        head, list(FIELDS), "Лесногорск")
    # the same values again change nothing and write nothing
    client.post(reverse("accounts:identity"), form_data())
    assert AuditRecord.objects.filter(action=AuditAction.IDENTITY_UPDATED).count() == 1
    page = client.get(reverse("accounts:identity")).content.decode()
    assert "Реквизиты проектного офиса" in page
    assert 'value="Лесногорск"' in page


def test_staff_may_not_change_the_identity_and_the_menu_offers_it_to_the_head_only(head, client):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    client.force_login(staff)
    assert client.post(reverse("accounts:identity"), form_data()).status_code == 403
    assert OfficeIdentity.objects.count() == 0
    link = f'href="{reverse("accounts:identity")}"'
    assert link not in client.get(reverse("home")).content.decode()
    client.force_login(head)
    assert link in client.get(reverse("home")).content.decode()


def test_a_wrong_value_is_named_beside_its_field_and_nothing_typed_is_lost(head, client):
    client.force_login(head)
    response = client.post(reverse("accounts:identity"), form_data(email="не адрес",
                                                                   website="javascript:alert(1)"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"email": ["Введите правильный адрес электронной почты."],
                           "website": ["Введите правильный URL."]}
    page = response.content.decode()
    assert 'value="Управление образования администрации Лесногорского городского округа"' in page
    assert 'value="не адрес"' in page
    assert OfficeIdentity.objects.count() == 0
    assert not AuditRecord.objects.filter(action=AuditAction.IDENTITY_UPDATED).exists()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("logo.png", png(fmt="GIF"), "Логотип должен быть изображением PNG или SVG, а этот файл по "
                                 "содержимому — GIF."),
    ("logo.svg", png(fmt="JPEG"), "Логотип должен быть изображением PNG или SVG, а этот файл по "
                                  "содержимому — JPG."),
    ("logo.png", b"just text, not an image", "Логотип должен быть изображением PNG или SVG, а "
                                             "этот файл по содержимому — ни то ни другое."),
    ("logo.png", png()[:60], "Изображение PNG повреждено и не читается."),
    ("logo.svg", b"<html><body>not svg</body></html>", "Файл — XML, но не изображение SVG."),
    ("logo.svg", b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaa">]>'
                 b'<svg xmlns="http://www.w3.org/2000/svg">&a;&a;</svg>',
     "SVG с объявлением DOCTYPE или сущностей не принимается."),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><g></svg>',
     "SVG — не правильно построенный XML, прочитать его нельзя."),
    ("logo.png", b"\x89PNG\r\n\x1a\n" + b"0" * (256 * 1024),
     "Логотип — не больше 256 КБ, а в этом файле 257 КБ."),
])
def test_a_logo_is_checked_by_its_content_and_refused_beside_the_field(name, content, message,
                                                                       head, client):
    client.force_login(head)
    response = client.post(reverse("accounts:identity"),
                           form_data(logo=SimpleUploadedFile(name, content)))
    assert response.status_code == 200
    assert response.context["form"].errors == {"logo": [message]}
    assert message in response.content.decode()
    assert OfficeIdentity.objects.count() == 0


def test_a_png_logo_is_stored_as_it_is_served_to_everybody_and_shown_in_the_header(head, client):
    image = png()
    client.force_login(head)
    client.post(reverse("accounts:identity"), form_data(logo=SimpleUploadedFile("x.bin", image)))
    stored = OfficeIdentity.objects.get()
    assert (bytes(stored.logo), stored.logo_type) == (image, "image/png")
    client.logout()
    response = client.get(reverse("accounts:identity_logo"))
    assert (response.status_code, response["Content-Type"], response.content) == (
        200, "image/png", image)
    landing = client.get(reverse("landing")).content.decode()
    assert f'src="{reverse("accounts:identity_logo")}?v={stored.logo_version}"' in landing
    # removing it: gone from the header, the address answers 404
    client.force_login(head)
    client.post(reverse("accounts:identity"), form_data(remove_logo="on"))
    assert OfficeIdentity.objects.get().has_logo is False
    assert client.get(reverse("accounts:identity_logo")).status_code == 404
    assert reverse("accounts:identity_logo") not in client.get(reverse("home")).content.decode()
    assert [r.data["fields"] for r in AuditRecord.objects.filter(
        action=AuditAction.IDENTITY_UPDATED).order_by("pk")] == [[*FIELDS, "logo"], ["logo"]]


def test_an_svg_with_a_script_is_stored_sanitised(head, client):
    client.force_login(head)
    client.post(reverse("accounts:identity"),
                form_data(logo=SimpleUploadedFile("logo.svg", HOSTILE_SVG)))
    stored = OfficeIdentity.objects.get()
    assert stored.logo_type == "image/svg+xml"
    svg = bytes(stored.logo).decode()
    for gone in ("script", "alert", "foreignObject", "javascript", "evil.example", "onload",
                 "onclick", "@import", "file://", "html"):
        assert gone not in svg
    root = etree.fromstring(bytes(stored.logo))
    tags = [el.tag.removeprefix(f"{{{SVG_NS}}}") for el in root.iter()]
    assert tags == ["svg", "rect", "use", "circle", "use", "text"]
    assert root.find(f"{{{SVG_NS}}}circle").get("style") == "stroke: red"
    assert [u.get("href") for u in root.iter(f"{{{SVG_NS}}}use")] == [None, "#dot"]
    response = client.get(reverse("accounts:identity_logo"))
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")


@pytest.mark.parametrize("svg", [
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1" '
    b'fill="red"/></svg>',
    b'\xef\xbb\xbf  <svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0L1 1" '
    b'stroke="url(#g)"/><linearGradient id="g"><stop offset="0" stop-color="#fff"/>'
    b'</linearGradient></svg>',
])
def test_a_clean_svg_keeps_its_drawing(svg):
    logo = check_logo(svg)
    original = etree.fromstring(svg.lstrip(b"\xef\xbb\xbf "))
    kept = etree.fromstring(logo.data)
    assert [(e.tag, dict(e.attrib)) for e in kept.iter()] == [
        (e.tag, dict(e.attrib)) for e in original.iter()]


# --- the domain function ------------------------------------------------------------------


def test_update_identity_from_a_command_records_no_actor_and_refuses_unknown_fields():
    office = identity.update_identity(None, **FIELDS, logo=png())
    assert (office.pk, office.logo_type, office.place_name) == (1, "image/png", "Лесногорск")
    record = AuditRecord.objects.get(action=AuditAction.IDENTITY_UPDATED)
    assert record.actor is None
    from accounts.errors import DomainError

    with pytest.raises(DomainError):
        identity.update_identity(None, secret="x")
    with pytest.raises(ValidationError) as refused:
        identity.update_identity(None, email="not an address", logo=b"GIF89a" + b"0" * 40)
    assert set(refused.value.message_dict) == {"logo"}
    with pytest.raises(ValidationError) as refused:
        identity.update_identity(None, email="not an address")
    assert set(refused.value.message_dict) == {"email"}
    assert OfficeIdentity.objects.get().email == FIELDS["email"]


# --- header, footer and constant queries ---------------------------------------------------


def test_an_empty_database_shows_neutral_words_and_the_header_follows_a_change(client):
    page = client.get(reverse("landing")).content.decode()
    assert "Муниципальный проектный офис" in page
    assert "Управление образования" in page
    assert "Лесногорск" not in page
    identity.update_identity(None, **FIELDS)
    page = client.get(reverse("landing")).content.decode()
    for text in ("Проектный офис Лесногорска",
                 "Управление образования администрации Лесногорского городского округа",
                 "Лесногорский городской округ, Северная область", "г. Лесногорск, ул. Школьная, 5",
                 "тел. +7 (000) 111-22-33", 'href="mailto:po@lesnogorsk.example.org"',
                 'href="https://lesnogorsk.example.org/"'):
        assert text in page


@pytest.mark.parametrize("stored", [False, True])
def test_pages_read_the_identity_from_the_cache(stored, client, django_assert_num_queries):
    """The header and footer cost no query once the identity is cached: the page costs the
    same with or without a stored identity; only the first page after a change reads it."""
    team = UserFactory()
    client.force_login(team)
    if stored:
        identity.update_identity(None, **FIELDS, logo=png())
        with django_assert_num_queries(4):  # + the identity, once, after the change
            client.get(reverse("network:organisation_list"))
    with django_assert_num_queries(3):  # session, the person, the organisations
        response = client.get(reverse("network:organisation_list"))
    assert ("Лесногорск" in response.content.decode()) is stored


@pytest.mark.parametrize("stored", [False, True])
def test_the_settings_page_costs_the_same_with_and_without_an_identity(
        stored, head, client, django_assert_num_queries):
    if stored:
        identity.update_identity(None, **FIELDS, logo=png())
        identity.current()
    client.force_login(head)
    # session, the person, the identity as stored, its history with the actors
    with django_assert_num_queries(4):
        response = client.get(reverse("accounts:identity"))
    assert response.context["form"].instance.has_logo is stored
    assert len(response.context["history"]) == stored
    if stored:
        assert "Изменено: наименование органа управления, наименование офиса" in (
            response.content.decode())


# --- documents and letters ----------------------------------------------------------------


def test_the_conclusion_carries_the_identity(tmp_path):
    OfficeIdentityFactory()
    # an SVG logo is drawn from its sanitised text (WeasyPrint writes its words as text;
    # the 10-unit viewBox cuts the last letter)
    identity.update_identity(None, logo=HOSTILE_SVG.replace(b">\xd0\x9b\xd0\xbe\xd0\xb3\xd0\xbe<",
                                                            b">EMBLEMA<"))
    issuer = UserFactory(last_name="Иванова", first_name="Ирина", patronymic="Ильинична")
    conclusion = ConclusionFactory(number="7-ЭЗ/2026", issued_by=issuer)
    text = pdf_text(render_conclusion(conclusion), tmp_path)
    for expected in ("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЛЕСНОГОРСКОГО ГОРОДСКОГО ОКРУГА",
                     "Проектный офис Лесногорска",
                     "Лесногорский городской округ, Северная область", "Лесногорск",
                     "Начальник проектного офиса", "А.Б. Ковалёва", "EMBLEM"):
        assert expected in text
    assert "Чайковск" not in text and "Пермск" not in text


def test_the_conclusion_on_an_empty_database_names_no_municipality_and_the_issuer_signs(tmp_path):
    issuer = UserFactory(last_name="Иванова", first_name="Ирина", patronymic="Ильинична")
    conclusion = ConclusionFactory(number="7-ЭЗ/2026", issued_by=issuer)
    text = pdf_text(render_conclusion(conclusion), tmp_path)
    assert "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ Муниципальный проектный офис" in text
    assert "Руководитель проектного офиса" in text and "И.И. Иванова" in text
    assert "Чайковск" not in text and "Пермск" not in text


def test_the_minutes_carry_the_identity_and_its_signatories_where_the_meeting_has_none(tmp_path):
    OfficeIdentityFactory()
    identity.update_identity(None, logo=png())
    meeting = MeetingFactory(chair=None, secretary=None, place="")
    data = render_minutes_pdf(meeting)
    text = pdf_text(data, tmp_path)
    for expected in ("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЛЕСНОГОРСКОГО ГОРОДСКОГО ОКРУГА",
                     "Проектный офис Лесногорска", "Лесногорский городской округ, Северная область",
                     "Лесногорск", "А.Б. Ковалёва", "В.Г. Дроздов"):
        assert expected in text
    assert b"/Subtype /Image" in data  # the PNG logo, from a data: URI


def test_the_report_title_page_carries_the_identity_place_and_head(tmp_path):
    OfficeIdentityFactory()
    identity.update_identity(None, logo=png())
    report = build.build_report(GeneratedReportFactory(status=ReportStatus.QUEUED, pdf="",
                                                       progress=0).pk)
    assert report.status == ReportStatus.DONE
    data = report.pdf.read()
    title_page = subprocess.run(["pdftotext", "-layout", "-l", "1", "-", "-"], input=data,
                                capture_output=True, check=True).stdout.decode()
    text = " ".join(title_page.split())
    for expected in ("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЛЕСНОГОРСКОГО ГОРОДСКОГО ОКРУГА",
                     "ПРОЕКТНЫЙ ОФИС ЛЕСНОГОРСКА", "Лесногорский городской округ, Северная область",
                     "Начальник проектного офиса", "А.Б. Ковалёва",
                     f"Лесногорск, {report.finished_at.astimezone().strftime('%d.%m.%Y')}"):
        assert expected in text
    assert "ДЕПАРТАМЕНТ" not in text and "Чайковск" not in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (tmp_path / "r.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(tmp_path / "r.pdf"),
                    str(ARTIFACTS / "identity-report-title")], check=True)


def test_every_letter_ends_with_the_offices_signature(client, django_capture_on_commit_callbacks):
    identity.update_identity(None, **FIELDS)
    UserFactory(email="reader@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "reader@example.org"})
    (letter,) = mail.outbox
    signature = letter.body.split("\n-- \n", 1)[1]
    assert signature.splitlines() == [
        "Проектный офис Лесногорска",
        "Управление образования администрации Лесногорского городского округа, "
        "Лесногорский городской округ, Северная область",
        "г. Лесногорск, ул. Школьная, 5",
        "тел. +7 (000) 111-22-33",
        "po@lesnogorsk.example.org",
        "https://lesnogorsk.example.org/",
    ]


def test_the_demo_sets_its_municipality_through_the_identity(demo, client):
    office = OfficeIdentity.objects.get()
    assert (office.place_name, office.region, office.logo_type) == (
        "Чайковский", "Пермский край", "image/svg+xml")
    assert "Управление образования администрации Чайковского городского округа" in client.get(
        reverse("landing")).content.decode()
