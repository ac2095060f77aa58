"""The office's review forms and their criteria (moved from initiatives.reference_views)."""


from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts.errors import DomainError, add_to_form
from accounts.mixins import CrumbsMixin
from accounts.queries import count_in
from expertise import review_forms
from expertise.forms import CriterionForm, ReviewFormCreateForm, ReviewFormEditForm
from expertise.models import Criterion, Review, ReviewForm


def _portfolios_crumb():
    return (reverse("initiatives:portfolios"), _("Portfolios and directions"))


def _versioned(request, before, changed):
    """Tell the person when a change went into a new version of the form."""
    if changed.pk != before.pk:
        messages.info(request, gettext(
            "The form has reviews, so the change went into its new version %(v)s.")
            % {"v": changed.version})


class ReviewFormMixin(PermissionRequiredMixin, CrumbsMixin):
    permission_required = "initiatives.manage_review_forms"

    def forms_crumb(self):
        return (reverse("initiatives:review_forms"), _("Review forms"))


class ReviewFormListView(ReviewFormMixin, TemplateView):
    template_name = "expertise/review_form_list.html"

    def get_crumbs(self):
        return [(None, _("Review forms"))]

    def get_context_data(self, **kwargs):
        # counts as subqueries: the joined counts crossed every criterion with every review of
        # a form (380 ms at 100k)
        forms = ReviewForm.objects.annotate(
            n_criteria=count_in(Criterion.objects.all(), "form"),
            n_reviews=count_in(Review.objects.all(), "form"),
        ).order_by("name", "-version")
        kwargs.setdefault("form", ReviewFormCreateForm())
        return super().get_context_data(forms=forms, **kwargs)

    def post(self, request):
        form = ReviewFormCreateForm(request.POST)
        if form.is_valid():
            try:
                created = review_forms.create_review_form(by=request.user, **form.cleaned_data)
            except DomainError as e:
                add_to_form(form, e)
            else:
                messages.success(request, gettext("The form is created. Add its criteria."))
                return redirect(created.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ReviewFormDetailView(ReviewFormMixin, TemplateView):
    template_name = "expertise/review_form_detail.html"

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(ReviewForm, pk=self.kwargs["pk"])
        return self._object

    def get_crumbs(self):
        return [self.forms_crumb(), (None, str(self.get_object()))]

    def get_context_data(self, **kwargs):
        form = self.get_object()
        kwargs.setdefault("criterion_form", CriterionForm())
        return super().get_context_data(
            review_form=form, criteria=list(form.criteria.order_by("order", "pk")),
            has_reviews=form.reviews.exists(),
            versions=ReviewForm.objects.filter(name=form.name).order_by("-version"),
            **kwargs,
        )

    def post(self, request, pk):
        form = CriterionForm(request.POST)
        if form.is_valid():
            try:
                changed, _criterion = review_forms.add_criterion(
                    self.get_object(), by=request.user, **form.cleaned_data)
            except DomainError as e:
                add_to_form(form, e)
            else:
                _versioned(request, self.get_object(), changed)
                return redirect(changed.get_absolute_url())
        return self.render_to_response(self.get_context_data(criterion_form=form), status=400)


class ReviewFormEditView(ReviewFormMixin, View):
    """The form's name, description and threshold (a new version if it has reviews)."""

    def show(self, request, review_form, form):
        return render(request, "expertise/review_form_edit.html", {
            "form": form, "review_form": review_form,
            "crumbs": [self.forms_crumb(), (review_form.get_absolute_url(), str(review_form)),
                       (None, _("Editing"))],
        })

    def get(self, request, pk):
        review_form = get_object_or_404(ReviewForm, pk=pk)
        initial = {f: getattr(review_form, f) for f in review_forms.FORM_FIELDS}
        return self.show(request, review_form, ReviewFormEditForm(initial=initial))

    def post(self, request, pk):
        review_form = get_object_or_404(ReviewForm, pk=pk)
        form = ReviewFormEditForm(request.POST)
        if form.is_valid():
            try:
                changed = review_forms.edit_review_form(review_form, by=request.user,
                                                        **form.cleaned_data)
            except DomainError as e:
                add_to_form(form, e)
            else:
                _versioned(request, review_form, changed)
                messages.success(request, gettext("Saved."))
                return redirect(changed.get_absolute_url())
        return self.show(request, review_form, form)


class CriterionEditView(ReviewFormMixin, View):
    """One criterion (a new version of the form if it has reviews)."""

    def get_criterion(self, pk):
        return get_object_or_404(Criterion.objects.select_related("form"), pk=pk)

    def show(self, request, criterion, form):
        return render(request, "expertise/criterion_edit.html", {
            "form": form, "criterion": criterion, "review_form": criterion.form,
            "has_reviews": criterion.form.reviews.exists(),
            "crumbs": [self.forms_crumb(),
                       (criterion.form.get_absolute_url(), str(criterion.form)),
                       (None, criterion.title)],
        })

    def get(self, request, pk):
        criterion = self.get_criterion(pk)
        initial = {f: getattr(criterion, f) for f in review_forms.CRITERION_FIELDS}
        return self.show(request, criterion, CriterionForm(initial=initial))

    def post(self, request, pk):
        criterion = self.get_criterion(pk)
        form = CriterionForm(request.POST)
        if form.is_valid():
            try:
                changed, _c = review_forms.change_criterion(criterion, by=request.user,
                                                            **form.cleaned_data)
            except DomainError as e:
                add_to_form(form, e)
            else:
                _versioned(request, criterion.form, changed)
                messages.success(request, gettext("Saved."))
                return redirect(changed.get_absolute_url())
        return self.show(request, criterion, form)


class CriterionMoveView(ReviewFormMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        criterion = get_object_or_404(Criterion.objects.select_related("form"), pk=pk)
        try:
            changed = review_forms.move_criterion(criterion, by=request.user,
                                                  up=request.POST.get("direction") == "up")
        except DomainError as e:
            messages.error(request, str(e))
            return redirect(criterion.form.get_absolute_url())
        _versioned(request, criterion.form, changed)
        return redirect(changed.get_absolute_url())


class CriterionDeleteView(ReviewFormMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        criterion = get_object_or_404(Criterion.objects.select_related("form"), pk=pk)
        try:
            form = review_forms.remove_criterion(criterion, by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
            return redirect(criterion.form.get_absolute_url())
        _versioned(request, criterion.form, form)
        return redirect(form.get_absolute_url())


class ReviewFormStatusView(ReviewFormMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        form = get_object_or_404(ReviewForm, pk=pk)
        status = request.POST.get("status", "")
        try:
            if status == "new_version":
                form = review_forms.new_form_version(form, by=request.user)
            else:
                review_forms.set_form_status(form, status=status, by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, gettext("Done."))
        return redirect(form.get_absolute_url())
