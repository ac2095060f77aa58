"""«Справочники» → «Письма и уведомления»: the office words every kind of letter.

The list of kinds (which ones the office has worded), and the page of one kind: subject and text
with the placeholders listed beside them, a preview filled from a real record of the portal, save
and reset to the default."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts import letters
from accounts.mixins import CrumbsMixin
from accounts.models import LetterTemplate


class LetterForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=letters.SUBJECT_MAX)
    body = forms.CharField(label=_("Text"), max_length=letters.BODY_MAX,
                           widget=forms.Textarea(attrs={"rows": 14}))

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind

    def clean(self):
        data = super().clean()
        if "subject" in data and "body" in data:
            for field, message in letters.check(self.kind, subject=data["subject"],
                                                body=data["body"]).items():
                self.add_error(field, message)
        return data


class LetterListView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    permission_required = "accounts.manage_letters"
    template_name = "accounts/letter_list.html"

    def get_crumbs(self):
        return [(None, _("Letters and notifications"))]

    def get_context_data(self, **kwargs):
        worded = {row.kind: row for row in LetterTemplate.objects.select_related("updated_by")}
        groups = {}
        for kind in letters.kinds():
            groups.setdefault(str(kind.group), []).append((kind, worded.get(kind.key)))
        return super().get_context_data(groups=groups.items(), **kwargs)


class LetterEditView(PermissionRequiredMixin, CrumbsMixin, TemplateView):
    permission_required = "accounts.manage_letters"
    template_name = "accounts/letter_edit.html"

    def dispatch(self, request, *args, **kwargs):
        self.kind = letters.get(kwargs["key"])
        if self.kind is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_crumbs(self):
        return [(reverse("accounts:letters"), _("Letters and notifications")),
                (None, self.kind.label)]

    def get_context_data(self, form=None, **kwargs):
        worded = letters.office_template(self.kind.key)
        if form is None:
            subject, body = ((worded.subject, worded.body) if worded is not None
                             else letters.default_text(self.kind))
            form = LetterForm(kind=self.kind, initial={"subject": subject, "body": body})
        text = form.cleaned_data if form.is_bound and form.is_valid() else None
        if text is None:
            text = {"subject": form["subject"].value() or "", "body": form["body"].value() or ""}
        values = self.kind.sample()
        sample = values or self.kind.example()
        preview = {"subject": " ".join(letters.fill(str(text["subject"]), sample).split()),
                   "body": letters.fill(str(text["body"]), sample), "real": values is not None}
        return super().get_context_data(
            kind=self.kind, form=form, worded=worded, preview=preview,
            placeholders=[(name, label, name in self.kind.required)
                          for name, label in self.kind.placeholders.items()], **kwargs)

    def post(self, request, key):
        if "reset" in request.POST:
            if letters.reset_template(self.kind.key, by=request.user):
                messages.success(request, gettext("The letter is back to its default text."))
            return redirect("accounts:letter", key=self.kind.key)
        form = LetterForm(request.POST, kind=self.kind)
        if "preview" in request.POST or not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form),
                                           status=200 if form.is_valid() else 400)
        try:
            letters.save_template(self.kind.key, by=request.user, **form.cleaned_data)
        except ValidationError as e:
            for field, errors in e.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, gettext("The letter is saved: it goes out in this wording."))
        return redirect("accounts:letter", key=self.kind.key)
