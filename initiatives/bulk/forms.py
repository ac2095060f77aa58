from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import letters
from initiatives.bulk import messages
from initiatives.lifecycle import COMMENT

COMMENT_MAX = 5000


class TransitionForm(forms.Form):
    transition = forms.ChoiceField(label=_("Action"), widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment for the teams"), required=False,
                              max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("One comment goes to every card of the action."))

    def __init__(self, *args, offered, counts, total, **kwargs):
        super().__init__(*args, **kwargs)
        self.offered = {t.name: t for t in offered}
        self.fields["transition"].choices = [
            (t.name, ngettext("%(label)s — %(count)s of %(total)s row",
                              "%(label)s — %(count)s of %(total)s rows", total)
             % {"label": t.label, "count": counts[t.name], "total": total}) for t in offered]

    def clean(self):
        data = super().clean()
        t = self.offered.get(data.get("transition"))
        if t is not None and t.needs == COMMENT and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Write a comment for the teams."))
        data["transition"] = t
        return data


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=messages.SUBJECT_MAX)
    body = forms.CharField(label=_("Text"), max_length=messages.BODY_MAX,
                           widget=forms.Textarea(attrs={"rows": 8}))

    def clean(self):
        data = super().clean()
        if "subject" in data and "body" in data:
            for field, error in letters.check(messages.MESSAGE, subject=data["subject"],
                                              body=data["body"]).items():
                self.add_error(field, error)
        return data
