"""The access matrix: every URL pattern of the portal, the answer each actor gets.

A URL pattern without a row fails ``test_every_url_pattern_has_a_row``. Every issue adds the
rows of its URLs. Actors: anonymous, a school team of the owning organisation, a school team of
another organisation, an assigned expert, an unassigned expert, office staff, the office head.
"""

from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from initiatives.models import Answer, BulkJob, Call, Question, RegistryImport
from portfolio.models import FinalReport, ProgressReport
from tests.conftest import ACTORS, monitoring_world, plan_world
from tests.factories import (
    CallFactory,
    InitiativeFactory,
    ProgressReportFactory,
    ReportingPeriodFactory,
)

LOGIN = "login"  # a redirect to the sign-in page


def expect(anon, team_own, team_other, expert_assigned, expert_other, staff, head):
    return dict(zip(ACTORS, (anon, team_own, team_other, expert_assigned, expert_other, staff,
                             head), strict=True))


def everyone(code):
    return expect(code, code, code, code, code, code, code)


def signed_in(code):
    return expect(LOGIN, code, code, code, code, code, code)


def office(code=200, others=403):
    return expect(LOGIN, others, others, others, others, code, code)


def head_only(code=200):
    return expect(LOGIN, 403, 403, 403, 403, 403, code)


def team_only(code):
    return expect(LOGIN, code, 403, 403, 403, 403, 403)


def _net(w):
    return {"slug": w.network.slug}


def _event(w):
    return {"pk": w.event.pk}


def _initiative(w):
    return {"pk": w.initiative.pk}


def _project(w):
    return {"pk": monitoring_world(w).project.pk}


def _mw(name):
    """kwargs with the pk of one issue-6 object, made on first use."""
    return lambda w: {"pk": getattr(monitoring_world(w), name).pk}


def _accepted_report(w):
    """An accepted progress report of the monitored project (issue 25), made on first use."""
    world = monitoring_world(w)
    report = ProgressReport.objects.filter(period__initiative=world.project,
                                           status="accepted").first()
    if report is None:  # each test runs in its own savepoint: made again where rolled back
        report = ProgressReportFactory(
            period=ReportingPeriodFactory(initiative=world.project, title="I квартал"),
            status="accepted", decided_at=timezone.now())
    return {"pk": report.pk}


def _final_report(w):
    """The monitored project's final report (issue 25), made on first use."""
    world = monitoring_world(w)
    FinalReport.objects.get_or_create(initiative=world.project, defaults={
        "summary": "Итоги проекта.", "written_by": world.staff})
    return {"pk": world.project.pk}


def _registry_import(w):
    """A confirmed registry import (issue 19), made on first use."""
    record = RegistryImport.objects.first() or RegistryImport.objects.create(
        file_name="реестр.xlsx", sha256="0" * 64, created_by=w.staff)
    return {"pk": record.pk}


def _pw(name):
    return lambda w: {"pk": getattr(plan_world(w), name).pk}
def _call(w):
    """A call of issue 24 with a draft of the own team in it, made on first use."""
    call = Call.objects.order_by("pk").first()
    if call is None:
        call = CallFactory(created_by=w.staff)
        InitiativeFactory(organisation=w.own_org, call=call, title="Черновик приёма")
    return {"pk": call.pk}


def _question(w):
    """A question of the call of ``_call`` answered by its draft (so removing archives it)."""
    call = Call.objects.get(pk=_call(w)["pk"])
    question = Question.objects.filter(call=call).first()
    if question is None:
        question = Question.objects.create(call=call, kind="short_text", label="Ресурсы проекта")
        Answer.objects.create(initiative=call.initiatives.first(), question=question,
                              value="Кадровые ресурсы")
    return {"pk": question.pk}


def _call_draft(w):
    """The draft of ``_call``, asked every kind of question (hostile input fills its answers)."""
    call = Call.objects.get(pk=_call(w)["pk"])
    _question(w)
    if not Question.objects.filter(call=call, kind="number").exists():
        for kind, options in (("long_text", []), ("number", []), ("date", []), ("yes_no", []),
                              ("choice", ["да", "нет"]), ("choices", ["а", "б"]), ("link", []),
                              ("file", [])):
            Question.objects.create(call=call, kind=kind, label=f"Вопрос ({kind})",
                                    options=options, min_value=1 if kind == "number" else None,
                                    max_value=10 if kind == "number" else None)
    return {"pk": call.initiatives.first().pk}


def _answer_file(w):
    """A file answered by the draft of ``_call`` to a question of kind «file»."""
    call = Call.objects.get(pk=_call(w)["pk"])
    answer = Answer.objects.filter(question__call=call).exclude(file="").first()
    if answer is None:
        question = Question.objects.create(call=call, kind="file", label="Презентация")
        answer = Answer(initiative=call.initiatives.first(), question=question,
                        original_name="презентация.pdf", value="презентация.pdf")
        answer.file.save("answer.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
        answer.save()
    return {"pk": answer.pk}
def _bulk_job(w):
    """An action over many initiatives (issue 24), made on first use."""
    job = BulkJob.objects.first() or BulkJob.objects.create(
        kind="transition", label="Принять на экспертизу", created_by=w.staff, total=1,
        processed=1, status="done",
        results=[{"id": w.initiative.pk, "title": w.initiative.title, "ok": False,
                  "reason": "Недоступно"}])
    return {"pk": job.pk}


def _passport_on_agreement(w):
    """The monitored project's passport on agreement, with a result (issue 25, item 3)."""
    from portfolio.models import Passport

    project = monitoring_world(w).project
    passport, _created = Passport.objects.get_or_create(initiative=project,
                                                        defaults={"status": "agreement"})
    return passport


def _passport_result(w):
    passport = _passport_on_agreement(w)
    return {"pk": passport.results.create(title="Сеть создана", year=2022, value=1).pk}


def _passport_version(w):
    passport = _passport_on_agreement(w)
    version, _created = passport.versions.get_or_create(
        number=1, defaults={"snapshot": {}, "approved_at": timezone.now(),
                            "basis": "по решению заседания № 1 от 01.09.2022"})
    return {"pk": version.pk}


def _indicator(w):
    return {"pk": monitoring_world(w).project.pk,
            "indicator": monitoring_world(w).indicator_plan.indicator_id}


def _national_project(w):
    from portfolio.models import NationalProject

    # reference data of a migration, made again if a live-server test flushed it
    project, _ = NationalProject.objects.get_or_create(
        name="Образование", defaults={"starts_year": 2019, "ends_year": 2024})
    return {"pk": project.pk}


def _meeting(w):
    return {"pk": w.meeting.pk}


def _reviewed(w):
    return {"pk": w.reviewed.pk}


@dataclass
class Row:
    name: str
    expected: dict
    kwargs: object = None  # a function of the world giving the URL's kwargs
    method: str = "get"
    data: dict = field(default_factory=dict)


MATRIX = [
    # reports: public front page, home, health
    Row("landing", expect(200, 302, 302, 302, 302, 302, 302)),
    Row("home", signed_in(200)),
    Row("healthz", everyone(200)),
    Row("dashboard", office(200)),
    Row("metric", office(200), kwargs=lambda w: {"key": "initiatives"}),
    # accounts
    Row("accounts:login", expect(200, 302, 302, 302, 302, 302, 302)),
    Row("accounts:logout", everyone(302), method="post"),
    Row("accounts:profile", signed_in(200)),
    Row("accounts:password_change", signed_in(200)),
    Row("accounts:password_reset", everyone(200)),
    Row("accounts:password_reset_done", everyone(200)),
    Row("accounts:password_reset_confirm", everyone(200),
        kwargs=lambda w: {"uidb64": "MQ", "token": "set-password"}),
    Row("accounts:person", signed_in(200), kwargs=lambda w: {"pk": w.team_own.pk}),
    # staff anonymise the leaver; the head then finds nobody to anonymise (404)
    Row("accounts:person_anonymise", expect(LOGIN, 403, 403, 403, 403, 302, 404),
        kwargs=lambda w: {"pk": w.leaver.pk}, method="post"),
    Row("accounts:invitation", everyone(404), kwargs=lambda w: {"token": "unknown"}),
    Row("accounts:invitation", everyone(200), kwargs=lambda w: {"token": w.invitation.token}),
    Row("accounts:invitation_renew", everyone(302), kwargs=lambda w: {"token": "unknown"},
        method="post"),
    Row("accounts:person_role", office(302), kwargs=lambda w: {"pk": w.leaver.pk},
        method="post", data={"role": "expert", "grant": "1"}),
    Row("accounts:person_active", office(302), kwargs=lambda w: {"pk": w.leaver.pk},
        method="post", data={"active": "1"}),
    Row("accounts:consent", signed_in(200)),
    Row("accounts:personal_data", signed_in(200)),
    Row("accounts:personal_data", signed_in(200), method="post"),
    Row("accounts:notifications", signed_in(200)),
    Row("accounts:notification_badge", signed_in(200)),
    Row("accounts:notifications_read_all", signed_in(302), method="post"),
    Row("accounts:notification_read", expect(LOGIN, 302, 403, 403, 403, 403, 403),
        kwargs=lambda w: {"pk": w.notification.pk}, method="post"),
    Row("accounts:notification_settings", signed_in(200)),
    Row("accounts:audit_log", head_only(200)),
    # the second factor: no code owed in these sessions, so its step sends people on; nobody
    # has a factor to renew codes of or to switch off; the head resets another person's
    Row("accounts:second_factor_verify", signed_in(302)),
    Row("accounts:second_factor_enrol", signed_in(200)),
    Row("accounts:second_factor_codes", signed_in(302)),
    Row("accounts:second_factor_codes_renew", signed_in(302), method="post"),
    Row("accounts:second_factor_disable", signed_in(302), method="post"),
    Row("accounts:person_second_factor_reset", expect(LOGIN, 403, 403, 403, 403, 403, 302),
        kwargs=lambda w: {"pk": w.team_own.pk}, method="post"),
    Row("accounts:sessions_end_others", signed_in(302), method="post"),
    Row("accounts:identity", head_only(200)),
    # the world has no logo; tests/test_identity.py serves one to everybody
    Row("accounts:identity_logo", everyone(404)),
    Row("accounts:working_days", office(200)),
    Row("accounts:working_days", office(302), method="post",
        data={"day": "2030-03-09", "is_working": "1", "note": "Перенос"}),
    # letters the office words (issue 24)
    Row("accounts:letters", office(200)),
    Row("accounts:letter", office(200), kwargs=lambda w: {"key": "notification.expert_assigned"}),
    Row("accounts:letter", office(302), kwargs=lambda w: {"key": "invitation"}, method="post",
        data={"subject": "Приглашение", "body": "Откройте {link}", "save": "1"}),
    # network: organisations
    Row("network:organisation_list", signed_in(200)),
    Row("network:organisation", signed_in(200), kwargs=lambda w: {"pk": w.own_org.pk}),
    Row("network:organisation_create", office(200)),
    Row("network:organisation_create", office(200), method="post"),
    Row("network:organisation_edit", office(200), kwargs=lambda w: {"pk": w.own_org.pk}),
    Row("network:organisation_archive", office(302), kwargs=lambda w: {"pk": w.other_org.pk},
        method="post"),
    Row("network:organisation_restore", office(302), kwargs=lambda w: {"pk": w.other_org.pk},
        method="post"),
    Row("network:organisation_import", office(200)),
    Row("network:organisation_import", office(200), method="post"),
    Row("network:organisation_import", office(302), method="post", data={"token": "stale"}),
    Row("network:organisation_import_template", office(200)),
    # people (issue 18): team_own leads the own organisation's team
    Row("network:invitations", office(200)),
    Row("network:invite", office(200)),
    Row("network:invite", office(200), method="post"),
    # the invitation form's select of organisations as one types
    Row("network:invite_choices", office(200), kwargs=lambda w: {"field": "organisation"},
        data={"q": "а"}),
    Row("network:invitation_resend", office(302), kwargs=lambda w: {"pk": w.invitation.pk},
        method="post"),
    Row("network:invitation_withdraw", office(302), kwargs=lambda w: {"pk": w.invitation.pk},
        method="post"),
    Row("network:invitation_import", office(200)),
    Row("network:invitation_import", office(200), method="post"),
    Row("network:invitation_import_template", office(200)),
    Row("network:team", expect(LOGIN, 200, 403, 403, 403, 200, 200),
        kwargs=lambda w: {"pk": w.own_org.pk}),
    Row("network:team", expect(LOGIN, 200, 403, 403, 403, 200, 200),
        kwargs=lambda w: {"pk": w.own_org.pk}, method="post"),
    Row("network:team", expect(LOGIN, 403, 403, 403, 403, 200, 200),
        kwargs=lambda w: {"pk": w.other_org.pk}),
    Row("network:team_member", expect(LOGIN, 302, 403, 403, 403, 302, 302),
        kwargs=lambda w: {"pk": w.own_membership.pk, "action": "position"}, method="post",
        data={"position": "учитель"}),
    # network (issue 8): world.network is public, coordinated by team_own; team_other asked
    # to join; the event is coming, organised by team_own; world.product is published
    Row("network:network_list", everyone(200)),
    Row("network:network_create", expect(LOGIN, 403, 403, 403, 403, 200, 403)),
    # the network form's selects of people and organisations: for those who may fill it in
    Row("network:network_choices", expect(LOGIN, 200, 403, 403, 403, 200, 403),
        kwargs=lambda w: {"field": "coordinators"}, data={"q": "а"}),
    Row("network:network_edit", expect(LOGIN, 200, 403, 403, 403, 200, 403), kwargs=_net),
    Row("network:network", everyone(200), kwargs=_net),
    Row("network:join", expect(LOGIN, 403, 403, 302, 302, 302, 302), kwargs=_net, method="post"),
    # the only coordinator may not leave (refused with a message); the asker withdraws
    Row("network:leave", expect(LOGIN, 302, 302, 403, 403, 403, 403), kwargs=_net,
        method="post"),
    Row("network:member_decision", expect(LOGIN, 302, 403, 403, 403, 302, 403), method="post",
        kwargs=lambda w: {"pk": w.join_request.pk, "decision": "accept"}),
    Row("network:rules", everyone(200), kwargs=_net),
    Row("network:rules_version", everyone(200),
        kwargs=lambda w: {"slug": w.network.slug, "number": 1}),
    Row("network:proposal_create", expect(LOGIN, 200, 403, 403, 403, 403, 403), kwargs=_net),
    Row("network:proposal", expect(LOGIN, 200, 403, 403, 403, 200, 200),
        kwargs=lambda w: {"slug": w.network.slug, "pk": w.proposal.pk}),
    Row("network:proposal_action", expect(LOGIN, 302, 403, 403, 403, 403, 403), method="post",
        kwargs=lambda w: {"pk": w.proposal.pk, "action": "comment"}, data={"text": "Согласен."}),
    Row("network:calendar", everyone(200), kwargs=_net),
    Row("network:calendar_ics", everyone(200), kwargs=_net),
    Row("network:event_create", expect(LOGIN, 200, 403, 403, 403, 200, 403), kwargs=_net),
    Row("network:event", everyone(200), kwargs=_event),
    Row("network:event_ics", everyone(200), kwargs=_event),
    Row("network:event_edit", expect(LOGIN, 200, 403, 403, 403, 200, 403), kwargs=_event),
    Row("network:event_cancel", expect(LOGIN, 200, 403, 403, 403, 200, 403), kwargs=_event,
        method="post"),
    Row("network:event_register", signed_in(302), kwargs=_event, method="post"),
    Row("network:event_attendance", expect(LOGIN, 302, 403, 403, 403, 302, 403),
        kwargs=_event, method="post"),
    Row("network:event_material_add", expect(LOGIN, 302, 403, 403, 403, 302, 403),
        kwargs=_event, method="post"),
    Row("network:event_feedback", signed_in(302), kwargs=_event, method="post"),
    Row("network:event_material", everyone(200), kwargs=lambda w: {"pk": w.material.pk}),
    Row("network:library", everyone(200)),
    Row("network:product", everyone(200), kwargs=lambda w: {"pk": w.product.pk}),
    Row("network:product_create", expect(LOGIN, 200, 200, 403, 403, 200, 200)),
    Row("network:product_choices", expect(LOGIN, 200, 200, 403, 403, 200, 200),
        kwargs=lambda w: {"field": "organisation"}, data={"q": "а"}),
    Row("network:moderation", expect(LOGIN, 403, 403, 403, 403, 200, 403)),
    Row("network:product_edit", expect(LOGIN, 200, 403, 403, 403, 200, 403),
        kwargs=lambda w: {"pk": w.draft_product.pk}),
    Row("network:product_file_add", expect(LOGIN, 302, 403, 403, 403, 302, 403),
        kwargs=lambda w: {"pk": w.draft_product.pk}, method="post"),
    Row("network:product_action", expect(LOGIN, 403, 403, 403, 403, 302, 403), method="post",
        kwargs=lambda w: {"pk": w.submitted_product.pk, "action": "publish"}),
    Row("network:product_file", everyone(200), kwargs=lambda w: {"pk": w.product_file.pk}),
    # initiatives: registry, card, draft, lifecycle, versions, rows, files (world.initiative is
    # a draft of own_org, assigned to expert_assigned)
    Row("initiatives:list", signed_in(200)),
    Row("initiatives:export", signed_in(200), kwargs=lambda w: {"fmt": "csv"}),
    # the autocomplete of the registry's filters; the expert filter only for those the registry
    # offers it to (the office and experts)
    Row("initiatives:list_choices", signed_in(200), kwargs=lambda w: {"field": "leader"},
        data={"q": "а"}),
    Row("initiatives:list_choices", expect(LOGIN, 403, 403, 200, 200, 200, 200),
        kwargs=lambda w: {"field": "expert"}, data={"q": "а"}),
    Row("initiatives:create", expect(LOGIN, 200, 200, 403, 403, 200, 200)),
    # the autocomplete of the new card's and the draft's organisation and network
    Row("initiatives:create_choices", expect(LOGIN, 200, 200, 403, 403, 200, 200),
        kwargs=lambda w: {"field": "network"}, data={"q": "а"}),
    # the registry brought in from a file (issue 19): the office only; a confirm without a
    # kept file goes back to the upload form
    # many initiatives at once (issue 24); the job runs in the request and is done
    Row("initiatives:bulk_transition", office(200), data={"ids": ["1", "2", "x"]}),
    Row("initiatives:bulk_transition", office(400), method="post", data={"scope": "filter"}),
    Row("initiatives:bulk_message", office(200), data={"scope": "filter", "q": "state=draft"}),
    Row("initiatives:bulk_assign", office(200)),
    Row("initiatives:bulk_assign_choices", office(200), kwargs=lambda w: {"field": "experts"},
        data={"q": "а"}),
    Row("initiatives:bulk_export", signed_in(200), kwargs=lambda w: {"fmt": "csv"},
        data={"ids": ["1"]}),
    Row("initiatives:bulk_job", office(200), kwargs=_bulk_job),
    Row("initiatives:registry_import", office(200)),
    Row("initiatives:registry_import_confirm", office(302), method="post"),
    Row("initiatives:registry_import_detail", office(200), kwargs=_registry_import),
    Row("initiatives:detail", expect(LOGIN, 200, 403, 200, 403, 200, 200), kwargs=_initiative),
    Row("initiatives:edit", team_only(200), kwargs=_initiative),
    Row("initiatives:autosave", team_only(200), kwargs=_initiative, method="post",
        data={"revision": "1", "annotation": "Новая аннотация"}),
    Row("initiatives:transition", expect(LOGIN, 302, 403, 302, 403, 302, 302), method="post",
        kwargs=lambda w: {"pk": w.initiative.pk, "name": "start_review"}),
    Row("initiatives:force", head_only(200), kwargs=_initiative),
    Row("initiatives:versions", expect(LOGIN, 200, 403, 200, 403, 200, 200), kwargs=_initiative),
    Row("initiatives:history", expect(LOGIN, 200, 403, 200, 403, 200, 200), kwargs=_initiative),
    Row("initiatives:team_add", team_only(302), kwargs=_initiative, method="post"),
    # deleting rows: GET shows the permission check without deleting (405 = allowed, not GET)
    Row("initiatives:team_delete", team_only(405), kwargs=lambda w: {"pk": w.team_row.pk}),
    Row("initiatives:indicator_add", team_only(302), kwargs=_initiative, method="post"),
    Row("initiatives:indicator_delete", team_only(405), kwargs=lambda w: {"pk": w.indicator.pk}),
    # the Word card (issue 19): upload for a new draft or into the draft, the preview of the own
    # team's reading (world.word_card), the card and its version as .docx
    Row("initiatives:wordcard_new", expect(LOGIN, 200, 200, 403, 403, 200, 200)),
    Row("initiatives:wordcard_new", expect(LOGIN, 200, 200, 403, 403, 200, 200), method="post"),
    Row("initiatives:wordcard_fill", team_only(200), kwargs=_initiative),
    Row("initiatives:wordcard_preview", team_only(200),
        kwargs=lambda w: {"token": w.word_card.token}),
    Row("initiatives:wordcard_download", expect(LOGIN, 200, 403, 200, 403, 200, 200),
        kwargs=_initiative),
    Row("initiatives:wordcard_version_download", expect(LOGIN, 200, 403, 200, 403, 200, 200),
        kwargs=lambda w: {"pk": w.initiative.pk, "number": 1}),
    Row("initiatives:attachment_add", expect(LOGIN, 302, 403, 403, 403, 302, 302),
        kwargs=_initiative, method="post"),
    Row("initiatives:attachment", expect(LOGIN, 200, 403, 200, 403, 200, 200),
        kwargs=lambda w: {"pk": w.attachment.pk}),
    Row("initiatives:attachment_delete", expect(LOGIN, 405, 403, 403, 403, 405, 403),
        kwargs=lambda w: {"pk": w.attachment.pk}),
    # initiatives (issue 6): registry of projects, monitoring, portfolios, organisation records
    Row("initiatives:portfolio_registry", signed_in(200)),
    Row("initiatives:portfolio_export", signed_in(200)),
    Row("network:library_choices", everyone(200), kwargs=lambda w: {"field": "organisation"},
        data={"q": "школа"}),
    Row("initiatives:portfolio_registry_choices", signed_in(200),
        kwargs=lambda w: {"field": "organisation"}, data={"q": "школа"}),
    Row("initiatives:monitoring", expect(LOGIN, 200, 403, 200, 403, 200, 200), kwargs=_project),
    # an empty form shows the page again with the messages (200) to those who may post it
    Row("initiatives:plan_add", expect(LOGIN, 200, 403, 403, 403, 200, 200), kwargs=_project,
        method="post"),
    Row("initiatives:actual_add", expect(LOGIN, 200, 403, 403, 403, 200, 403), kwargs=_project,
        method="post"),
    Row("initiatives:period_add", expect(LOGIN, 403, 403, 403, 403, 200, 403), kwargs=_project,
        method="post"),
    Row("initiatives:risk_add", expect(LOGIN, 200, 403, 403, 403, 200, 200), kwargs=_project,
        method="post"),
    Row("initiatives:problem_add", expect(LOGIN, 200, 403, 403, 403, 200, 200), kwargs=_project,
        method="post"),
    Row("initiatives:change_add", expect(LOGIN, 200, 403, 403, 403, 200, 200), kwargs=_project,
        method="post"),
    Row("initiatives:complete", expect(LOGIN, 403, 403, 403, 403, 200, 200), kwargs=_project,
        method="post"),
    Row("initiatives:actual_decide", expect(LOGIN, 403, 403, 403, 403, 302, 403),
        kwargs=_mw("actual"), method="post"),
    Row("initiatives:actual_evidence", expect(LOGIN, 200, 403, 200, 403, 200, 200),
        kwargs=_mw("actual")),
    Row("initiatives:risk_status", expect(LOGIN, 302, 403, 403, 403, 302, 302),
        kwargs=_mw("risk"), method="post"),
    Row("initiatives:problem_status", expect(LOGIN, 302, 403, 403, 403, 302, 302),
        kwargs=_mw("problem"), method="post"),
    Row("initiatives:change_decide", expect(LOGIN, 403, 403, 403, 403, 302, 302),
        kwargs=_mw("change"), method="post"),
    Row("initiatives:report", expect(LOGIN, 200, 403, 200, 403, 200, 200),
        kwargs=_mw("period")),
    Row("initiatives:report", expect(LOGIN, 302, 403, 403, 403, 403, 403),
        kwargs=_mw("period"), method="post"),
    Row("initiatives:report_decide", expect(LOGIN, 403, 403, 403, 403, 302, 403),
        kwargs=_mw("progress_report"), method="post"),
    Row("initiatives:report_pdf", expect(LOGIN, 200, 403, 200, 403, 200, 200),
        kwargs=_accepted_report),
    Row("initiatives:report_docx", expect(LOGIN, 200, 403, 200, 403, 200, 200),
        kwargs=_accepted_report),
    # a report not yet accepted is no document
    Row("initiatives:report_docx", expect(LOGIN, 404, 403, 404, 403, 404, 404),
        kwargs=_mw("progress_report")),
    Row("initiatives:final_report_pdf", expect(LOGIN, 200, 403, 200, 403, 200, 200),
        kwargs=_final_report),
    Row("initiatives:final_report_docx", expect(LOGIN, 200, 403, 200, 403, 200, 200),
        kwargs=_final_report),
    Row("initiatives:portfolios", office(200)),
    Row("initiatives:portfolio_create", office(200)),
    Row("initiatives:portfolio_edit", office(200),
        kwargs=lambda w: {"pk": w.initiative.direction.portfolio_id}),
    Row("initiatives:direction_create", office(200)),
    Row("initiatives:direction_edit", office(200),
        kwargs=lambda w: {"pk": w.initiative.direction_id}),
    # archiving (the second actor finds it archived: a message, the same redirect)
    Row("initiatives:portfolio_action", office(302), method="post",
        kwargs=lambda w: {"pk": w.initiative.direction.portfolio_id, "action": "archive"}),
    Row("initiatives:direction_action", office(302), method="post",
        kwargs=lambda w: {"pk": w.initiative.direction_id, "action": "archive"}),
    Row("initiatives:strategy_goal_create", office(200)),
    Row("initiatives:strategy_goal_edit", office(200),
        kwargs=lambda w: {"pk": w.initiative.strategy_goals.first().pk}),
    Row("initiatives:strategy_goal_action", office(302), method="post",
        kwargs=lambda w: {"pk": w.initiative.strategy_goals.first().pk, "action": "archive"}),
    Row("initiatives:records", office(200)),
    Row("initiatives:organisation_records", office(200), kwargs=lambda w: {"pk": w.own_org.pk}),
    Row("initiatives:record_add", office(200),
        kwargs=lambda w: {"pk": w.own_org.pk, "kind": "incentive"}, method="post"),
    # meetings (world.meeting is held, world.initiative on its agenda, the own team present;
    # head and staff are the office's members; world.task belongs to the own team)
    Row("meetings:list", signed_in(200)),
    Row("meetings:create", office(200)),
    Row("meetings:detail", expect(LOGIN, 200, 403, 403, 403, 200, 200), kwargs=_meeting),
    Row("meetings:edit", office(200), kwargs=_meeting),
    Row("meetings:status", office(302), kwargs=_meeting, method="post",
        data={"status": "planned"}),
    Row("meetings:approve", head_only(302), kwargs=_meeting, method="post"),
    Row("meetings:minutes_pdf", expect(LOGIN, 200, 403, 403, 403, 200, 200), kwargs=_meeting),
    Row("meetings:minutes_docx", expect(LOGIN, 200, 403, 403, 403, 200, 200), kwargs=_meeting),
    Row("meetings:minutes_build", office(302), kwargs=_meeting, method="post"),
    Row("meetings:ics", expect(LOGIN, 200, 403, 403, 403, 200, 200), kwargs=_meeting),
    Row("meetings:invite", office(302), kwargs=lambda w: {"pk": w.planned_meeting.pk},
        method="post"),
    Row("meetings:agenda_add", office(302), kwargs=_meeting, method="post",
        data={"kind": "other", "title": "Разное"}),
    Row("meetings:attendance", office(200), kwargs=_meeting),
    Row("meetings:reflect", expect(LOGIN, 200, 403, 403, 403, 200, 200), kwargs=_meeting),
    Row("meetings:publish", office(200), kwargs=_meeting),
    Row("meetings:item", office(200), kwargs=lambda w: {"pk": w.agenda_item.pk}),
    # the selects of people and initiatives of the meeting's forms, as the office types
    Row("meetings:choices", office(200), kwargs=lambda w: {"field": "initiative"},
        data={"q": "а"}),
    Row("meetings:item_move", office(302), kwargs=lambda w: {"pk": w.agenda_item.pk},
        method="post", data={"direction": "down"}),
    Row("meetings:item_delete", office(405), kwargs=lambda w: {"pk": w.agenda_item.pk}),
    Row("meetings:decision_add", office(302), kwargs=lambda w: {"pk": w.agenda_item.pk},
        method="post", data={"text": "Поручить."}),
    Row("meetings:decision_delete", office(405), kwargs=lambda w: {"pk": w.decision.pk}),
    Row("meetings:formats", office(200)),
    Row("meetings:format_list", office(200)),
    Row("meetings:format_create", office(200)),
    Row("meetings:format_edit", office(200), kwargs=lambda w: {"pk": w.meeting.format_id}),
    Row("meetings:format_action", office(302), method="post",
        kwargs=lambda w: {"pk": w.meeting.format_id, "action": "archive"}),
    Row("meetings:tasks", office(200)),
    Row("meetings:task_done", expect(LOGIN, 302, 403, 403, 403, 302, 302),
        kwargs=lambda w: {"pk": w.task.pk}, method="post"),
    Row("meetings:calendar", signed_in(200)),
    Row("meetings:calendar_renew", signed_in(302), method="post"),
    Row("meetings:feed", everyone(200), kwargs=lambda w: {"token": w.calendar_token.token}),
    Row("meetings:plans", signed_in(200)),
    Row("meetings:plan_create", office(200)),
    Row("meetings:plan", signed_in(200), kwargs=lambda w: {"pk": w.plan.pk}),
    Row("meetings:activity_add", office(302), kwargs=lambda w: {"pk": w.plan.pk},
        method="post", data={"kind": "meeting", "title": "Заседание", "month": "5"}),
    Row("meetings:activity_status", office(302), kwargs=lambda w: {"pk": w.activity.pk},
        method="post", data={"status": "done"}),
    Row("meetings:news_list", everyone(200)),
    Row("meetings:news", everyone(200), kwargs=lambda w: {"pk": w.news.pk}),
    # expertise (issue 5): world.reviewed is under review with expert_assigned (accepted, no
    # review submitted: the blind table stays closed to them); world.initiative has their open
    # and addressed recommendations and an issued conclusion
    Row("initiatives:review_forms", office(200)),
    Row("initiatives:expert_pool", office(200)),
    Row("initiatives:review_form", office(200), kwargs=lambda w: {"pk": w.review_form.pk}),
    Row("initiatives:review_form_status", office(302), method="post",
        kwargs=lambda w: {"pk": w.review_form.pk}),
    Row("initiatives:criterion_delete", office(405), kwargs=lambda w: {"pk": w.criterion.pk}),
    Row("initiatives:review_form_edit", office(200), kwargs=lambda w: {"pk": w.review_form.pk}),
    Row("initiatives:criterion_edit", office(200), kwargs=lambda w: {"pk": w.criterion.pk}),
    Row("initiatives:criterion_move", office(302), method="post",
        kwargs=lambda w: {"pk": w.criterion.pk}, data={"direction": "down"}),
    Row("initiatives:experts", office(200), kwargs=_reviewed),
    Row("initiatives:assignment_respond", expect(LOGIN, 403, 403, 302, 403, 403, 403),
        method="post", kwargs=lambda w: {"pk": w.assignment.pk}),
    Row("initiatives:review", expect(LOGIN, 403, 403, 200, 403, 403, 403), kwargs=_reviewed),
    Row("initiatives:review_autosave", expect(LOGIN, 403, 403, 200, 403, 403, 403),
        method="post", kwargs=_reviewed, data={"summary": "Черновик отзыва"}),
    Row("initiatives:reviews", office(200), kwargs=_reviewed),
    Row("initiatives:thread_post", expect(LOGIN, 302, 403, 302, 403, 302, 302), method="post",
        kwargs=_initiative, data={"kind": "note", "text": "Заметка"}),
    Row("initiatives:message_address", team_only(302), method="post",
        kwargs=lambda w: {"pk": w.recommendation.pk}),
    Row("initiatives:message_resolve", expect(LOGIN, 403, 403, 302, 403, 302, 302),
        method="post", kwargs=lambda w: {"pk": w.addressed.pk}),
    Row("initiatives:conclusion", office(200), kwargs=_reviewed),
    Row("initiatives:conclusion_issue", head_only(302), method="post",
        kwargs=lambda w: {"pk": w.draft_conclusion.pk}),
    Row("initiatives:conclusion_pdf", expect(LOGIN, 200, 403, 200, 403, 200, 200),
        kwargs=lambda w: {"pk": w.conclusion.pk}),
    Row("initiatives:conclusion_docx", expect(LOGIN, 200, 403, 200, 403, 200, 200),
        kwargs=lambda w: {"pk": w.conclusion.pk}),
    Row("accounts:person_position", office(400), method="post",
        kwargs=lambda w: {"pk": w.expert_assigned.pk}),
    # roles of a project and its calendar plan (issue 25)
    Row("portfolio:plan", expect(LOGIN, 200, 403, 200, 403, 200, 200), kwargs=_project),
    Row("portfolio:plan_item_add", expect(LOGIN, 200, 403, 403, 403, 200, 200), kwargs=_project,
        method="post"),
    Row("portfolio:plan_import", expect(LOGIN, 200, 403, 403, 403, 200, 200), kwargs=_project),
    Row("portfolio:plan_template", expect(LOGIN, 200, 403, 403, 403, 200, 200), kwargs=_project),
    Row("portfolio:role_add", office(200), kwargs=_project, method="post"),
    Row("portfolio:role_remove", expect(LOGIN, 403, 403, 403, 403, 302, 404), method="post",
        kwargs=_pw("curator_role")),
    Row("portfolio:share", expect(LOGIN, 302, 403, 403, 403, 302, 302), method="post",
        kwargs=_pw("project_member"), data={"percent": "20"}),
    Row("portfolio:plan_item_edit", expect(LOGIN, 200, 403, 403, 403, 200, 200),
        kwargs=_pw("planned_point")),
    Row("portfolio:plan_item_edit", expect(LOGIN, 200, 403, 403, 403, 200, 200), method="post",
        kwargs=_pw("planned_point"), data={"title": "", "planned_end": "1.1.1"}),
    Row("portfolio:forecast", expect(LOGIN, 302, 403, 403, 403, 302, 403), method="post",
        kwargs=_pw("planned_point"), data={"forecast_end": "2022-01-10"}),
    Row("portfolio:point_done", expect(LOGIN, 200, 403, 403, 403, 200, 403), method="post",
        kwargs=_pw("planned_point")),
    Row("portfolio:point_decide", expect(LOGIN, 403, 403, 403, 403, 200, 403), method="post",
        kwargs=_pw("done_point")),
    Row("portfolio:plan_evidence", expect(LOGIN, 200, 403, 200, 403, 200, 200),
        kwargs=_pw("done_point")),
    Row("portfolio:overdue_points", office(200)),
    # nobody of the matrix is the project's curator (the curator's own rights: test_portfolio_plan)
    Row("portfolio:agree_report", expect(LOGIN, 403, 403, 403, 403, 403, 403), method="post",
        kwargs=_mw("progress_report"), data={"decision": "agree"}),
    Row("portfolio:agree_change", expect(LOGIN, 403, 403, 403, 403, 403, 403), method="post",
        kwargs=_mw("change"), data={"decision": "agree"}),
    # calls for initiatives (issue 24): public list and feeds, the office's pages, a team's choice
    Row("calls:public", everyone(200)),
    Row("calls:feed_json", everyone(200)),
    Row("calls:feed_atom", everyone(200)),
    Row("calls:list", office(200)),
    Row("calls:create", office(200)),
    Row("calls:detail", office(200), kwargs=_call),
    Row("calls:edit", office(200), kwargs=_call),
    Row("calls:extend", office(200), kwargs=_call, method="post"),
    Row("calls:join", team_only(302), kwargs=_initiative, method="post", data={"call": ""}),
    Row("calls:question_add", office(200), kwargs=_call, method="post"),
    Row("initiatives:call_expertise", office(200), kwargs=_call),
    Row("initiatives:call_expertise_choices", office(200), kwargs=lambda w: {"field": "experts"},
        data={"q": "а"}),
    Row("calls:questions_copy", office(302), kwargs=_call, method="post"),
    Row("calls:question_edit", office(200), kwargs=_question),
    Row("calls:question_remove", office(302), kwargs=_question, method="post"),
    Row("calls:answers", team_only(302), kwargs=_initiative, method="post"),
    Row("calls:answer_file", expect(LOGIN, 200, 403, 403, 403, 200, 200), kwargs=_answer_file),
    # a draft of the call with its questions: the answers' form, for the hostile-input walk
    Row("initiatives:edit", team_only(200), kwargs=_call_draft),
    Row("initiatives:detail", expect(LOGIN, 200, 403, 403, 403, 200, 200), kwargs=_call_draft),
    # the project's passport (issue 25, item 3); the leader (team_own) and the office write it
    Row("portfolio:passport", expect(LOGIN, 200, 403, 200, 403, 200, 200), kwargs=_project),
    Row("portfolio:passport_main", expect(LOGIN, 302, 403, 403, 403, 302, 302), kwargs=_project,
        method="post"),
    Row("portfolio:passport_indicator", expect(LOGIN, 200, 403, 403, 403, 200, 200),
        kwargs=_indicator, method="post"),
    Row("portfolio:passport_result", expect(LOGIN, 200, 403, 403, 403, 200, 200),
        kwargs=_project, method="post"),
    Row("portfolio:passport_funding", expect(LOGIN, 200, 403, 403, 403, 200, 200),
        kwargs=_project, method="post", data={"funding-year": "2022", "funding-source": "federal",
                                              "funding-amount": "-1"}),
    Row("portfolio:passport_approver", office(200), kwargs=_project, method="post"),
    # the leader sends it (the curator of plan_world joins the sheet); then it is on agreement
    Row("portfolio:passport_send", expect(LOGIN, 302, 403, 403, 403, 200, 200),
        kwargs=_project, method="post"),
    # nobody of the matrix is on the agreement sheet
    Row("portfolio:passport_agree", expect(LOGIN, 403, 403, 403, 403, 403, 403),
        kwargs=_project, method="post"),
    Row("portfolio:passport_return", expect(LOGIN, 200, 403, 403, 403, 200, 200),
        kwargs=_project, method="post"),
    # on agreement the result stays (a message says why): writers are sent back, others refused
    Row("portfolio:passport_result_remove", expect(LOGIN, 302, 403, 403, 403, 302, 302),
        kwargs=_passport_result, method="post"),
    Row("portfolio:passport_version", expect(LOGIN, 200, 403, 200, 403, 200, 200),
        kwargs=_passport_version),
    Row("portfolio:passport_pdf", expect(LOGIN, 200, 403, 200, 403, 200, 200),
        kwargs=_passport_version),
    Row("portfolio:passport_docx", expect(LOGIN, 200, 403, 200, 403, 200, 200),
        kwargs=_passport_version),
    Row("portfolio:national_projects", office(200)),
    Row("portfolio:national_project_create", office(200)),
    Row("portfolio:national_project_edit", office(200), kwargs=_national_project),
    # reports (issue 9): consolidated reports for the office
    Row("reports:list", office(200)),
    Row("reports:report", office(200), kwargs=lambda w: {"pk": w.report.pk}),
    Row("reports:download", office(200), kwargs=lambda w: {"pk": w.report.pk}),
    Row("reports:download_xlsx", office(200), kwargs=lambda w: {"pk": w.report.pk}),
    Row("reports:request", office(200)),
    Row("reports:request_choices", office(200), kwargs=lambda w: {"field": "organisation"},
        data={"q": "а"}),
    Row("reports:agenda", office(200), kwargs=lambda w: {"pk": w.report.pk}, method="post"),
    Row("reports:approval", office(200), kwargs=lambda w: {"pk": w.report.pk}, method="post"),
    Row("reports:retry", office(302), kwargs=lambda w: {"pk": w.failed_report.pk}, method="post"),
    # Django: language switch; the admin is for office staff only (its index stands for all)
    Row("set_language", everyone(302), method="post", data={"language": "ru", "next": "/"}),
    Row("admin:index", expect(302, 302, 302, 302, 302, 200, 302)),
]

# Django admin's own patterns are guarded by the admin site as a whole (admin:index row).
EXEMPT_NAMESPACES = ("admin:",)


def _url_names(patterns=None, prefix=""):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _url_names(p.url_patterns, ns)
        elif isinstance(p, URLPattern):
            yield f"{prefix}{p.name}" if p.name else f"{prefix}<unnamed {p.pattern}>"


def test_every_url_pattern_has_a_row():
    covered = {row.name for row in MATRIX}
    missing = sorted(
        n for n in set(_url_names())
        if n not in covered and not n.startswith(EXEMPT_NAMESPACES)
    )
    assert missing == []


def test_rows_name_existing_patterns():
    names = set(_url_names())
    assert sorted(row.name for row in MATRIX if row.name not in names) == []


@pytest.fixture
def expertise_world(module_world):
    """One world for the whole module, each test in a savepoint (see ``_module_world``)."""
    return module_world


@pytest.mark.parametrize("row", MATRIX, ids=lambda r: r.name)
def test_access(row, expertise_world, client):
    world = expertise_world
    url = reverse(row.name, kwargs=row.kwargs(world) if row.kwargs else None)
    got = {}
    for actor in ACTORS:
        client.logout()
        if actor != "anon":
            client.force_login(world.people[actor])
        response = getattr(client, row.method)(url, row.data)
        code = response.status_code
        if code == 302 and "/accounts/login/" in response["Location"] and row.expected[actor] == LOGIN:
            code = LOGIN
        got[actor] = code
    assert got == row.expected
