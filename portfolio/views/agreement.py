"""The curator's agreement of a progress report or a change request (one POST each)."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from accounts.errors import DomainError
from portfolio import agreement
from portfolio.models import ChangeRequest, ProgressReport


class AgreementForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[
        ("agree", _("Agree")), ("object", _("Object"))])
    comment = forms.CharField(label=_("Comment"), required=False, max_length=5000)


class _AgreeView(PermissionRequiredMixin, View):
    model = None
    related = ()

    def get_row(self):
        if not hasattr(self, "_row"):
            self._row = get_object_or_404(self.model.objects.select_related(*self.related),
                                          pk=self.kwargs["pk"])
        return self._row

    def get_permission_object(self):
        return self.get_row()

    def post(self, request, pk):
        row = self.get_row()
        form = AgreementForm(request.POST)
        if form.is_valid():
            try:
                agreement.agree(row, by=request.user,
                                agreed=form.cleaned_data["decision"] == "agree",
                                comment=form.cleaned_data["comment"])
            except DomainError as e:
                messages.error(request, str(e))
            else:
                messages.success(request, gettext("The curator's word is recorded."))
        else:
            messages.error(request, gettext("Choose whether you agree or object."))
        return redirect(self.back(row))


class AgreeReportView(_AgreeView):
    permission_required = "portfolio.agree_report"
    model, related = ProgressReport, ("period__initiative",)

    def back(self, row):
        return row.get_absolute_url()


class AgreeChangeView(_AgreeView):
    permission_required = "portfolio.agree_change"
    model, related = ChangeRequest, ("initiative",)

    def back(self, row):
        return reverse("initiatives:monitoring", kwargs={"pk": row.initiative_id}) + "#changes"
