"""The expertise of a call: its review form and the experts it draws on (office staff)."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from accounts.autocomplete import PERSON_NAMES, AutocompleteSelectMultiple, FormChoicesView
from accounts.errors import DomainError, add_to_form
from accounts.mixins import CrumbsMixin
from accounts.models import User
from expertise import calls
from expertise.models import ReviewForm
from initiatives.enums import ReviewFormStatus
from initiatives.models import Call


class CallExpertiseForm(forms.Form):
    review_form = forms.ModelChoiceField(
        ReviewForm.objects.exclude(status=ReviewFormStatus.RETIRED).order_by("name", "-version"),
        label=_("Review form"), required=False, empty_label=_("— the form in use —"))
    experts = forms.ModelMultipleChoiceField(
        User.objects.filter(is_active=True, role_assignments__role="expert").distinct()
        .order_by("last_name", "first_name", "pk"),
        label=_("Experts of the call"), required=False,
        widget=AutocompleteSelectMultiple("initiatives:call_expertise_choices"),
        help_text=_("Leave it empty to draw on every expert."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class CallExpertiseChoicesView(FormChoicesView):
    """The experts a call may draw on, as one types."""

    permission_required = "initiatives.manage_calls"
    search_fields = {"experts": PERSON_NAMES}
    form_class = CallExpertiseForm


class CallExpertiseView(PermissionRequiredMixin, CrumbsMixin, View):
    permission_required = "initiatives.manage_calls"
    template_name = "includes/form_page.html"

    def show(self, request, form, call):
        title = _("Expertise of the call «%(title)s»") % {"title": call.title}
        crumbs = [(reverse("calls:list"), _("Calls for initiatives")),
                  (call.get_absolute_url(), call.title), (None, _("Expertise"))]
        return render(request, self.template_name, {"form": form, "title": title,
                                                    "crumbs": crumbs})

    def get(self, request, pk):
        call = get_object_or_404(Call, pk=pk)
        current = calls.of_call(call.pk)
        initial = {"review_form": current.review_form_id,
                   "experts": [e.pk for e in current.experts.all()]} if current else {}
        return self.show(request, CallExpertiseForm(initial=initial), call)

    def post(self, request, pk):
        call = get_object_or_404(Call, pk=pk)
        form = CallExpertiseForm(request.POST)
        if form.is_valid():
            try:
                calls.set_call_expertise(call, by=request.user,
                                         review_form=form.cleaned_data["review_form"],
                                         experts=list(form.cleaned_data["experts"]))
            except DomainError as e:
                add_to_form(form, e)
            else:
                messages.success(request, gettext("Saved."))
                return redirect(call.get_absolute_url())
        return self.show(request, form, call)
