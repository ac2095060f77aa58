"""Pages of calls: the office's list, form and journal; a team's choice of a call and the
personal extension; the public list and its feeds (JSON, Atom) for the municipality's site."""

from django.contrib import messages
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts.errors import DomainError, add_to_form
from accounts.mixins import CrumbsMixin
from accounts.notifications import absolute_url
from initiatives.calls import copying, panels, queries, services
from initiatives.calls import questions as qa
from initiatives.calls.forms import (
    AnswersForm,
    CallForm,
    CopyQuestionsForm,
    ExtensionForm,
    JoinForm,
    QuestionForm,
)
from initiatives.enums import InitiativeState
from initiatives.models import Answer, Call, Initiative, Question

FEED_SECONDS = 120
"""The public feed is read by other sites: it is built at most once in this many seconds."""


def _calls_crumb():
    return (reverse("calls:list"), _("Calls for initiatives"))



class CallListView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    permission_required = "initiatives.manage_calls"
    template_name = "initiatives/calls/call_list.html"

    def get_crumbs(self):
        return [(None, _("Calls for initiatives"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(calls=list(queries.staff_list()), now=timezone.now(),
                                        **kwargs)


class CallEditView(PermissionRequiredMixin, CrumbsMixin, View):
    permission_required = "initiatives.manage_calls"
    template_name = "includes/form_page.html"

    def get_call(self):
        pk = self.kwargs.get("pk")
        return get_object_or_404(Call.objects.prefetch_related("directions"), pk=pk) if pk else None

    def show(self, request, form, call):
        title = _("Call «%(title)s»") % {"title": call.title} if call else _("New call")
        crumbs = [_calls_crumb(), (None, title)]
        return render(request, self.template_name, {"form": form, "title": title,
                                                    "crumbs": crumbs})

    def get(self, request, pk=None):
        call = self.get_call()
        return self.show(request, CallForm(initial=CallForm.initial_for(call), instance=call),
                         call)

    def post(self, request, pk=None):
        call = self.get_call()
        form = CallForm(request.POST, instance=call)
        if form.is_valid():
            try:
                if call is None:
                    call = copying.create_call(by=request.user,
                                               copy_from=form.cleaned_data.get("copy_from"),
                                               **form.values())
                else:
                    call = services.save_call(call=call, by=request.user, **form.values())
            except DomainError as e:
                add_to_form(form, e)
            else:
                messages.success(request, gettext("Saved."))
                return redirect(call.get_absolute_url())
        return self.show(request, form, call)


def _drafts(call):
    return (Initiative.objects.filter(call=call, state=InitiativeState.DRAFT)
            .select_related("organisation").only("pk", "title", "organisation__short_name")
            .order_by("organisation__short_name", "pk"))


class CallDetailView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    """The call for the office: its terms, its journal of submissions, the drafts still to come
    and the personal extensions."""

    permission_required = "initiatives.manage_calls"
    template_name = "initiatives/calls/call_detail.html"

    def get_crumbs(self):
        return [_calls_crumb(), (None, self.call.title)]

    def get(self, request, *args, **kwargs):
        self.call = get_object_or_404(Call.objects.prefetch_related("directions__portfolio"),
                                      pk=kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, form=None, question_form=None, **kwargs):
        drafts = list(_drafts(self.call))
        return super().get_context_data(
            questions=list(self.call.questions.filter(is_archived=False)
                           .prefetch_related("directions")),
            archived=list(self.call.questions.filter(is_archived=True)),
            question_form=question_form or QuestionForm(call=self.call),
            copy_form=CopyQuestionsForm(call=self.call),
            call=self.call, journal=list(queries.journal(self.call)), drafts=drafts,
            extensions=list(queries.extensions(self.call)), now=timezone.now(),
            extension_form=form or ExtensionForm(), **kwargs)


class CallExtendView(CallDetailView):
    """Staff let one team's draft be submitted after the deadline, until a given moment."""

    def post(self, request, pk):
        self.call = get_object_or_404(Call, pk=pk)
        form = ExtensionForm(request.POST)
        chosen = request.POST.get("initiative", "")
        initiative = _drafts(self.call).filter(pk=int(chosen)).first() if (
            chosen.isdigit() and len(chosen) < 10) else None
        if initiative is None:
            form.is_valid()
            form.add_error(None, gettext("Choose a draft of this call."))
        elif form.is_valid():
            try:
                services.grant_extension(initiative, until=form.until(),
                                         reason=form.cleaned_data["reason"], by=request.user)
            except DomainError as e:
                add_to_form(form, e)
            else:
                messages.success(request, gettext("The extension is granted."))
                return redirect(self.call.get_absolute_url())
        self.call = Call.objects.prefetch_related("directions__portfolio").get(pk=pk)
        return self.render_to_response(self.get_context_data(form=form))


class CallJoinView(PermissionRequiredMixin, View):
    """The team chooses the call its draft answers (or none)."""

    permission_required = "initiatives.join_call"
    http_method_names = ["post"]

    def get_permission_object(self):
        if not hasattr(self, "initiative"):
            self.initiative = get_object_or_404(Initiative, pk=self.kwargs["pk"])
        return self.initiative

    def post(self, request, pk):
        initiative = self.get_permission_object()
        form = JoinForm(request.POST, initiative=initiative)
        if not form.is_valid():
            messages.error(request, gettext("Choose one of the calls offered."))
        else:
            try:
                services.join_call(initiative, call=form.cleaned_data["call"], by=request.user)
            except DomainError as e:
                messages.error(request, str(e))
            else:
                messages.success(request, gettext("The call of the card is saved."))
        return redirect("initiatives:edit", pk=pk)


class PublicCallsView(PermissionRequiredMixin, TemplateView):
    """Open and coming calls for everybody, guests included."""

    permission_required = "initiatives.view_public_calls"
    template_name = "initiatives/calls/public.html"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        return super().get_context_data(calls=list(queries.public_calls(now)), now=now, **kwargs)


def _public_items():
    now = timezone.now()
    return [{
        "id": call.pk,
        "title": call.title,
        "academic_year": call.academic_year,
        "opens_at": timezone.localtime(call.opens_at),
        "closes_at": timezone.localtime(call.closes_at),
        "is_open": call.opens_at <= now,
        "directions": [d.name for d in call.directions.all()],
        "description": call.description,
        "url": absolute_url(reverse("calls:public")) + f"#call-{call.pk}",
        "updated_at": call.updated_at,
    } for call in queries.public_calls(now)]


def _cached(key, build):
    key = f"{key}-{get_language()}"  # the feed's words follow the language asked for
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, FEED_SECONDS)
    return value


class CallsFeedJsonView(PermissionRequiredMixin, View):
    """The public feed as JSON: titles, years, dates, directions, the description; no person."""

    permission_required = "initiatives.view_public_calls"

    def get(self, request):
        def build():
            return {"calls": [
                {**{k: v for k, v in item.items() if k != "updated_at"},
                 "opens_at": item["opens_at"].isoformat(),
                 "closes_at": item["closes_at"].isoformat()}
                for item in _public_items()]}

        response = JsonResponse(_cached("calls-feed-json", build),
                                json_dumps_params={"ensure_ascii": False})
        response["Cache-Control"] = f"public, max-age={FEED_SECONDS}"
        response["Access-Control-Allow-Origin"] = "*"
        return response


class CallsFeedAtomView(PermissionRequiredMixin, View):
    permission_required = "initiatives.view_public_calls"

    def get(self, request):
        def build():
            feed = Atom1Feed(title=gettext("Calls for initiatives of the project office"),
                             link=absolute_url(reverse("calls:public")),
                             description=gettext("Open and coming calls for initiatives"),
                             language="ru", feed_url=absolute_url(reverse("calls:feed_atom")))
            for item in _public_items():
                feed.add_item(
                    title=item["title"], link=item["url"], unique_id=item["url"],
                    description=gettext("%(year)s academic year. Accepts submissions from "
                                        "%(opens)s to %(closes)s.") % {
                        "year": item["academic_year"],
                        "opens": services.local(item["opens_at"]),
                        "closes": services.local(item["closes_at"]),
                    } + ("\n\n" + item["description"] if item["description"] else ""),
                    categories=item["directions"], updateddate=item["updated_at"],
                )
            return feed.writeString("utf-8")

        response = HttpResponse(_cached("calls-feed-atom", build),
                                content_type="application/atom+xml; charset=utf-8")
        response["Cache-Control"] = f"public, max-age={FEED_SECONDS}"
        return response




# --- the call's own questions (item 2) -------------------------------------------------------


class QuestionAddView(CallDetailView):
    """Add a question to the call from the form on its page."""

    def post(self, request, pk):
        self.call = get_object_or_404(Call.objects.prefetch_related("directions__portfolio"),
                                      pk=pk)
        form = QuestionForm(request.POST, call=self.call)
        if form.is_valid():
            try:
                qa.add_question(self.call, by=request.user, **form.values())
            except DomainError as e:
                add_to_form(form, e)
            else:
                messages.success(request, gettext("The question is added."))
                return redirect(self.call.get_absolute_url() + "#questions")
        return self.render_to_response(self.get_context_data(question_form=form))


class QuestionEditView(PermissionRequiredMixin, CrumbsMixin, View):
    permission_required = "initiatives.manage_calls"
    template_name = "includes/form_page.html"

    def show(self, request, form, question):
        title = _("Question «%(label)s»") % {"label": question.label}
        crumbs = [_calls_crumb(), (question.call.get_absolute_url(), question.call.title),
                  (None, title)]
        return render(request, self.template_name, {"form": form, "title": title,
                                                    "crumbs": crumbs})

    def get_question(self, pk):
        return get_object_or_404(Question.objects.select_related("call").prefetch_related(
            "directions", "call__directions"), pk=pk, is_archived=False)

    def get(self, request, pk):
        question = self.get_question(pk)
        return self.show(request, QuestionForm(initial=QuestionForm.initial_for(question),
                                               call=question.call), question)

    def post(self, request, pk):
        question = self.get_question(pk)
        form = QuestionForm(request.POST, call=question.call)
        if form.is_valid():
            try:
                new = qa.change_question(question, by=request.user, **form.values())
            except DomainError as e:
                add_to_form(form, e)
            else:
                messages.success(request, gettext("Saved.") if new.pk == question.pk else gettext(
                    "The question has answers: its new version is saved, the answers keep the "
                    "version they answered."))
                return redirect(question.call.get_absolute_url() + "#questions")
        return self.show(request, form, question)


class QuestionRemoveView(PermissionRequiredMixin, View):
    permission_required = "initiatives.manage_calls"
    http_method_names = ["post"]

    def post(self, request, pk):
        question = get_object_or_404(Question.objects.select_related("call"), pk=pk)
        done = qa.remove_question(question, by=request.user)
        if done == "archived":
            messages.warning(request, gettext("The question has answers: it is archived, not "
                                              "deleted, and no longer asked."))
        else:
            messages.success(request, gettext("The question is deleted."))
        return redirect(question.call.get_absolute_url() + "#questions")


class QuestionsCopyView(PermissionRequiredMixin, View):
    """Copy another call's questions (e.g. the previous year's), its review form and its
    experts into this one."""

    permission_required = "initiatives.manage_calls"
    http_method_names = ["post"]

    def post(self, request, pk):
        call = get_object_or_404(Call, pk=pk)
        form = CopyQuestionsForm(request.POST, call=call)
        if not form.is_valid():
            messages.error(request, gettext("Choose the call to copy the questions from."))
        else:
            try:
                done = copying.copy_call(source=form.cleaned_data["source"], target=call,
                                         by=request.user)
            except DomainError as e:
                messages.error(request, str(e))
            else:
                messages.success(request, " ".join([
                    gettext("Questions copied: %(n)s.") % {"n": done["questions"]},
                    *(gettext("Also copied: %(what)s.") % {"what": n} for n in done["notes"])]))
        return redirect(call.get_absolute_url() + "#questions")


class AnswersView(PermissionRequiredMixin, View):
    """The team's answers to its call's questions: autosaved by htmx (a status line comes
    back) or sent by the button (the edit page again, or the form with its errors)."""

    permission_required = "initiatives.change_initiative"
    http_method_names = ["post"]

    def get_permission_object(self):
        if not hasattr(self, "initiative"):
            self.initiative = get_object_or_404(Initiative.objects.select_related("organisation"),
                                                pk=self.kwargs["pk"])
        return self.initiative

    def post(self, request, pk):
        initiative = self.get_permission_object()
        try:
            errors = qa.save_answers(initiative, by=request.user, data=request.POST,
                                     files=request.FILES)
        except DomainError as e:
            errors = {None: str(e)}
        if request.headers.get("HX-Request"):
            questions = qa.questions_for(initiative)
            labels = {qa.field_name(q): q.label for q in questions}
            return render(request, "initiatives/calls/partials/answers_status.html", {
                "errors": [(labels.get(k, ""), m) for k, m in errors.items()],
                "saved_at": timezone.localtime(),
                # the call panel's list of required questions, swapped in out of band
                "required_rows": panels.required_rows(initiative, questions,
                                                      qa.answers_of(initiative))})
        if not errors:
            messages.success(request, gettext("The answers are saved."))
            return redirect("initiatives:edit", pk=pk)
        questions = qa.questions_for(initiative)
        form = AnswersForm(request.POST, request.FILES, questions=questions,
                           answers=qa.answers_of(initiative), errors=errors)
        return render(request, "initiatives/calls/answers.html", {
            "initiative": initiative, "form": form, "crumbs": [
                (initiative.get_absolute_url(), initiative.title), (None, _("Answers"))]})


class AnswerFileView(PermissionRequiredMixin, View):
    """A file answered to a call's question, served after the same check as the card's files."""

    permission_required = "initiatives.view_initiative"

    def get_permission_object(self):
        if not hasattr(self, "answer"):
            self.answer = get_object_or_404(
                Answer.objects.select_related("initiative__organisation").exclude(file=""),
                pk=self.kwargs["pk"])
        return self.answer.initiative

    def get(self, request, pk):
        self.get_permission_object()
        answer = self.answer
        try:
            handle = answer.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, as_attachment=True, filename=answer.original_name,
                                content_type="application/octet-stream")
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
