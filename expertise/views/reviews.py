"""Pages of expertise: assigning experts, the review, the table of reviews, the accompaniment
thread and the conclusion (the review forms are in ``initiatives.reference_views``). Thin: they
call ``expertise.services``."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts.autocomplete import PERSON_NAMES, matching, words_of
from accounts.errors import DomainError, add_to_form
from accounts.mixins import CrumbsMixin
from expertise import assignments
from expertise import queries as expertise_queries
from expertise import services as expertise
from expertise.forms import (
    AddressForm,
    AssignForm,
    ConclusionForm,
    DeclineForm,
    MessageForm,
    ResolveForm,
    ReviewEditForm,
)
from expertise.models import Conclusion, ExpertAssignment, Review, ThreadMessage
from initiatives.enums import REVIEW_STATES, ConclusionState, MessageKind
from initiatives.models import Direction
from initiatives.views import InitiativeMixin


def _error_text(form):
    return " ".join(str(m) for ms in form.errors.values() for m in ms)


def expertise_context(initiative, user):
    """What the card's expertise and thread partials show (a constant number of queries)."""
    assignments = list(initiative.expert_assignments.all())
    mine = next((a for a in assignments if a.expert_id == user.pk), None)
    conclusions = list(initiative.conclusions.order_by("-pk"))  # who issued: not shown here
    thread = expertise_queries.thread(initiative)
    open_count = sum(1 for m in thread if m.kind == MessageKind.RECOMMENDATION
                     and m.state != "accepted")
    kinds = [MessageKind.QUESTION, MessageKind.ANSWER, MessageKind.NOTE]
    if user.has_perm("initiatives.give_recommendation", initiative):
        kinds.insert(0, MessageKind.RECOMMENDATION)
    return {
        "my_assignment": mine,
        "conclusions": [c for c in conclusions if c.state == ConclusionState.ISSUED],
        "draft_conclusion": next((c for c in conclusions if c.state == ConclusionState.DRAFT),
                                 None),
        "thread": thread,
        "open_recommendations": open_count,
        "message_form": MessageForm(kinds=kinds),
    }


# --- assigning experts ----------------------------------------------------------------------


SUGGESTED = 30
"""How many suggested experts the experts' page shows (and its select offers)."""


class ExpertsView(InitiativeMixin, TemplateView):
    """Office staff see the suggested experts (conflicts excluded) and assign them."""

    permission_required = "initiatives.assign_experts"
    template_name = "expertise/experts.html"

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Experts"))]

    def get_context_data(self, **kwargs):
        initiative = self.get_initiative()
        # the best SUGGESTED, or those found by a word of the name: a region has thousands of
        # experts, and the page offers a screenful
        query = self.request.GET.get("q", "")
        found = matching(expertise_queries.suggest_experts(initiative), PERSON_NAMES,
                         words_of(query))
        suggestions = list(found[:SUGGESTED + 1])
        more = len(suggestions) > SUGGESTED
        suggestions = suggestions[:SUGGESTED]
        form = kwargs.setdefault(
            "form", AssignForm(experts=expertise_queries.suggest_experts(initiative)))
        # the select offers the suggestions already read (the form still checks a choice against
        # every conflict-free expert): one reading of the experts, not two
        form.fields["expert"].choices = [("", form.fields["expert"].empty_label)] + [
            (e.pk, e.full_name) for e in suggestions]
        return super().get_context_data(
            initiative=initiative, suggestions=suggestions, more=more, query=query,
            shown=SUGGESTED,
            reopenable=initiative.state in REVIEW_STATES,
            assignments=initiative.expert_assignments.select_related("expert")
            .order_by("created_at"),
            **kwargs,
        )

    def post(self, request, pk):
        initiative = self.get_initiative()
        if "reopen" in request.POST:
            return self.reopen(request, initiative)
        form = AssignForm(request.POST, experts=expertise_queries.suggest_experts(initiative))
        if form.is_valid():
            try:
                expertise.assign_expert(initiative, by=request.user, **form.cleaned_data)
            except DomainError as e:
                add_to_form(form, e)
            else:
                messages.success(request, gettext("The expert is assigned and notified."))
                return redirect("initiatives:experts", pk=pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def reopen(self, request, initiative):
        """Reopen a closed assignment of this initiative (the button beside it)."""
        assignment = initiative.expert_assignments.filter(
            pk=_int_or_none(request.POST.get("reopen"))).first()
        if assignment is None:
            messages.error(request, gettext("There is no such assignment of this initiative."))
        else:
            try:
                assignments.reopen_assignment(assignment, by=request.user)
            except DomainError as e:
                messages.error(request, str(e))
            else:
                messages.success(request, gettext("The assignment is open again; the expert "
                                                  "is notified."))
        return redirect("initiatives:experts", pk=initiative.pk)


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class AssignmentRespondView(PermissionRequiredMixin, View):
    permission_required = "initiatives.respond_assignment"
    http_method_names = ["post"]

    def get_permission_object(self):
        if not hasattr(self, "_assignment"):
            self._assignment = get_object_or_404(
                ExpertAssignment.objects.select_related("initiative"), pk=self.kwargs["pk"])
        return self._assignment

    def post(self, request, pk):
        assignment = self.get_permission_object()
        try:
            if request.POST.get("action") == "accept":
                expertise.accept_assignment(assignment, by=request.user)
                messages.success(request, gettext("You accepted the assignment."))
                return redirect("initiatives:review", pk=assignment.initiative_id)
            form = DeclineForm(request.POST)
            if not form.is_valid():
                raise DomainError(_error_text(form))
            expertise.decline_assignment(assignment, by=request.user, **form.cleaned_data)
        except DomainError as e:
            messages.error(request, str(e))
            return redirect(assignment.initiative.get_absolute_url())
        messages.success(request, gettext("You declined the assignment."))
        return redirect("home")


# --- the review -----------------------------------------------------------------------------


class ReviewMixin(InitiativeMixin):
    permission_required = "initiatives.review_initiative"

    def get_assignment(self):
        return get_object_or_404(
            ExpertAssignment.objects.select_related("initiative"),
            initiative_id=self.kwargs["pk"], expert=self.request.user)

    def get_review(self, assignment):
        return Review.objects.select_related("form").prefetch_related("scores", "form__criteria") \
            .get(pk=expertise.open_review(assignment, by=self.request.user).pk)


class ReviewView(ReviewMixin, TemplateView):
    template_name = "expertise/review.html"

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("My review"))]

    def get(self, request, pk):
        assignment = self.get_assignment()
        if assignment.status == "proposed":
            return self.render_to_response(self.get_context_data(
                initiative=assignment.initiative, assignment=assignment,
                decline_form=DeclineForm()))
        try:
            review = self.get_review(assignment)
        except DomainError as e:
            messages.error(request, str(e))
            return redirect(assignment.initiative.get_absolute_url())
        form = ReviewEditForm(initial=ReviewEditForm.initial_for(review),
                              criteria=review.form.criteria.all())
        return self.render_to_response(self.get_context_data(
            initiative=assignment.initiative, assignment=assignment, review=review, form=form))

    def post(self, request, pk):
        assignment = self.get_assignment()
        try:
            review = self.get_review(assignment)
        except DomainError as e:
            messages.error(request, str(e))
            return redirect(assignment.initiative.get_absolute_url())
        form = ReviewEditForm(request.POST, criteria=review.form.criteria.all())
        form.is_valid()
        status = 200
        try:
            expertise.save_review(review, by=request.user, scores=form.scores(),
                                  recommendation=form.cleaned_data.get("recommendation", ""),
                                  summary=form.cleaned_data.get("summary", ""))
            if form.errors:
                raise DomainError(gettext("Correct the marked fields."))
            if request.POST.get("action") == "submit":
                expertise.submit_review(review, by=request.user)
                messages.success(request, gettext("Your review is submitted. Thank you!"))
                return redirect("initiatives:reviews", pk=pk)
            messages.success(request, gettext("The draft of the review is saved."))
            return redirect("initiatives:review", pk=pk)
        except expertise.IncompleteReview as e:
            for field, message in e.errors.items():
                form.add_error(field if field in form.fields else None, message)
            messages.error(request, str(e))
            status = 400
        except DomainError as e:
            if e.field in form.fields:
                form.add_error(e.field, str(e))
            messages.error(request, str(e))
            status = 400
        review.refresh_from_db()
        return self.render_to_response(self.get_context_data(
            initiative=assignment.initiative, assignment=assignment, review=review, form=form),
            status=status)


class ReviewAutosaveView(ReviewMixin, View):
    """htmx: saves the draft of the review and answers with a status line."""

    def post(self, request, pk):
        assignment = self.get_assignment()
        context = {}
        try:
            review = self.get_review(assignment)
            form = ReviewEditForm(request.POST, criteria=review.form.criteria.all())
            form.is_valid()
            expertise.save_review(review, by=request.user, scores=form.scores(),
                                  recommendation=form.cleaned_data.get("recommendation", ""),
                                  summary=form.cleaned_data.get("summary", ""))
            context["saved_at"] = timezone.localtime()
            context["field_errors"] = [(form.fields[n].label, " ".join(m))
                                       for n, m in form.errors.items()]
        except DomainError as e:
            context["error"] = str(e)
        return render(request, "expertise/partials/review_autosave.html", context)


class ReviewsTableView(InitiativeMixin, TemplateView):
    """The office (and experts who submitted their own) see all reviews side by side."""

    permission_required = "initiatives.view_reviews"
    template_name = "expertise/reviews.html"

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Reviews"))]

    def get_context_data(self, **kwargs):
        initiative = self.get_initiative()
        return super().get_context_data(initiative=initiative,
                                        table=expertise_queries.review_table(initiative), **kwargs)


# --- the accompaniment thread ---------------------------------------------------------------


class ThreadPostView(InitiativeMixin, View):
    permission_required = "initiatives.post_message"
    http_method_names = ["post"]

    def post(self, request, pk):
        initiative = self.get_initiative()
        form = MessageForm(request.POST)
        if not form.is_valid():
            messages.error(request, _error_text(form))
            return redirect(initiative.get_absolute_url() + "#thread")
        reply_to = None
        if form.cleaned_data.get("reply_to"):
            reply_to = ThreadMessage.objects.filter(pk=form.cleaned_data["reply_to"],
                                                    initiative=initiative).first()
        try:
            message = expertise.post_message(initiative, by=request.user,
                                             kind=form.cleaned_data["kind"],
                                             text=form.cleaned_data["text"], reply_to=reply_to)
        except DomainError as e:
            messages.error(request, str(e))
            return redirect(initiative.get_absolute_url() + "#thread")
        messages.success(request, gettext("The message is posted."))
        return redirect(initiative.get_absolute_url() + f"#m{message.pk}")


class _MessageMixin(PermissionRequiredMixin):
    http_method_names = ["post"]

    def get_permission_object(self):
        if not hasattr(self, "_message"):
            self._message = get_object_or_404(
                ThreadMessage.objects.select_related("initiative"), pk=self.kwargs["pk"])
        return self._message


class MessageAddressView(_MessageMixin, View):
    permission_required = "initiatives.address_recommendation"

    def post(self, request, pk):
        message = self.get_permission_object()
        form = AddressForm(request.POST, initiative=message.initiative)
        try:
            if not form.is_valid():
                raise DomainError(_error_text(form))
            expertise.mark_addressed(message, by=request.user, **form.cleaned_data)
        except DomainError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, gettext("The recommendation is marked addressed."))
        return redirect(message.initiative.get_absolute_url() + f"#m{message.pk}")


class MessageResolveView(_MessageMixin, View):
    permission_required = "initiatives.resolve_recommendation"

    def post(self, request, pk):
        message = self.get_permission_object()
        form = ResolveForm(request.POST)
        try:
            if not form.is_valid():
                raise DomainError(gettext("Choose to accept or to reopen."))
            if form.cleaned_data["action"] == "accept":
                expertise.accept_recommendation(message, by=request.user)
                messages.success(request, gettext("The recommendation is accepted."))
            else:
                expertise.reopen_recommendation(message, by=request.user,
                                                comment=form.cleaned_data["comment"])
                messages.success(request, gettext("The recommendation is reopened."))
        except DomainError as e:
            messages.error(request, str(e))
        return redirect(message.initiative.get_absolute_url() + f"#m{message.pk}")


# --- the conclusion -------------------------------------------------------------------------


class ConclusionView(InitiativeMixin, TemplateView):
    """Office staff compose the draft conclusion beside the table of reviews."""

    permission_required = "initiatives.compose_conclusion"
    template_name = "expertise/conclusion.html"

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Conclusion"))]

    def draft(self):
        return Conclusion.objects.filter(initiative=self.get_initiative(),
                                         state=ConclusionState.DRAFT).first()

    def get_context_data(self, **kwargs):
        initiative = self.get_initiative()
        draft = self.draft()
        if "form" not in kwargs:
            initial = {"summary": draft.summary, "recommendation": draft.recommendation,
                       "conditions": draft.conditions} if draft else {}
            kwargs["form"] = ConclusionForm(initial=initial)
        return super().get_context_data(initiative=initiative, draft=draft,
                                        table=expertise_queries.review_table(initiative), **kwargs)

    def post(self, request, pk):
        initiative = self.get_initiative()
        form = ConclusionForm(request.POST)
        if form.is_valid():
            try:
                expertise.compose_conclusion(initiative, by=request.user, **form.cleaned_data)
            except DomainError as e:
                add_to_form(form, e)
            else:
                messages.success(request, gettext("The draft conclusion is saved. The office "
                                                  "head issues it."))
                return redirect("initiatives:conclusion", pk=pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class _ConclusionMixin(PermissionRequiredMixin):
    def get_permission_object(self):
        if not hasattr(self, "_conclusion"):
            self._conclusion = get_object_or_404(
                Conclusion.objects.select_related("initiative"), pk=self.kwargs["pk"])
        return self._conclusion


class ConclusionIssueView(_ConclusionMixin, View):
    permission_required = "initiatives.issue_conclusion"
    http_method_names = ["post"]

    def post(self, request, pk):
        conclusion = self.get_permission_object()
        try:
            expertise.issue_conclusion(conclusion, by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
            return redirect("initiatives:conclusion", pk=conclusion.initiative_id)
        messages.success(request, gettext("The conclusion is issued; its PDF is being prepared."))
        return redirect(conclusion.initiative.get_absolute_url() + "#conclusions")


class ConclusionPdfView(_ConclusionMixin, View):
    permission_required = "initiatives.view_conclusion"

    def get(self, request, pk):
        conclusion = self.get_permission_object()
        if not conclusion.pdf:
            return HttpResponse(gettext("The PDF is being prepared; try again in a minute."),
                                status=202, content_type="text/plain; charset=utf-8")
        try:
            handle = conclusion.pdf.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, as_attachment=True,
                                filename=f"conclusion-{conclusion.number.replace('/', '-')}.pdf",
                                content_type="application/pdf")
        response["Cache-Control"] = "private, no-store"
        return response



class ExpertPoolView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    """The office's experts: open load, position and the directions each prefers to review;
    the office sets the directions here (they raise an expert's fit in the suggestions)."""

    permission_required = "initiatives.manage_expert_pool"
    template_name = "expertise/expert_pool.html"

    def get_crumbs(self):
        return [(None, _("Experts"))]

    paginate_by = 50  # the pool grows with the municipality: a page of experts at a time

    def get_context_data(self, **kwargs):
        page = Paginator(expertise_queries.expert_pool(), self.paginate_by).get_page(
            self.request.GET.get("page"))
        experts = list(page.object_list)
        for expert in experts:
            expert.direction_ids = {d.direction_id for d in expert.preferred_directions.all()}
        return super().get_context_data(
            experts=experts, page_obj=page,
            directions=list(Direction.objects.select_related("portfolio")), **kwargs)

    def post(self, request):
        expert = get_object_or_404(expertise_queries.expert_pool(), pk=request.POST.get("expert") or 0)
        ids = [int(v) for v in request.POST.getlist("directions") if v.isdigit()]
        try:
            names = expertise.set_expert_directions(
                expert, directions=Direction.objects.filter(pk__in=ids), by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, gettext("Preferred directions of %(name)s: %(list)s.") % {
                "name": expert.short_name, "list": ", ".join(names) or gettext("none")})
        return redirect("initiatives:expert_pool")
