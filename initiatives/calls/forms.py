"""Forms of calls: the call itself, a personal extension, the choice of a call on a draft."""

import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.calls import queries, services
from initiatives.calls.enums import QuestionKind
from initiatives.models import Call, Direction

TEXT_LIMIT = 20000


def _date(label, **kwargs):
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"},
                                                              format="%Y-%m-%d"), **kwargs)


def _time(label, help_text=""):
    return forms.TimeField(label=label, required=False, help_text=help_text,
                           widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))


class _Crispy(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class CallForm(_Crispy):
    title = forms.CharField(label=_("Title"), max_length=300)
    academic_year = forms.CharField(label=_("Academic year"), max_length=9,
                                    help_text=_("For example 2027/2028."))
    directions = forms.ModelMultipleChoiceField(
        Direction.objects.none(), label=_("Accepted directions"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to accept every direction."))
    opens_on = _date(_("Opens on"))
    opens_time = _time(_("Opening time"), _("Empty: from the start of the day."))
    closes_on = _date(_("Closes on"))
    closes_time = _time(_("Closing time"),
                        _("Empty: submissions are accepted until the end of the day "
                          "(the office's time zone)."))
    description = forms.CharField(label=_("Description"), required=False, max_length=TEXT_LIMIT,
                                  widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        if instance is None:
            # a new call may start from a previous one: its questions, review form and experts
            self.fields["copy_from"] = forms.ModelChoiceField(
                Call.objects.order_by("-opens_at", "-pk"), required=False,
                label=_("Copy from the call"), empty_label=_("— start empty —"),
                help_text=_("The new call gets that call's questions, its review form and "
                            "its experts."))
        keep = [d.pk for d in instance.directions.all()] if instance else []
        self.fields["directions"].queryset = (
            Direction.objects.filter(is_active=True) | Direction.objects.filter(pk__in=keep)
        ).select_related("portfolio").distinct()

    @staticmethod
    def initial_for(call):
        if call is None:
            return {}
        opens, closes = (timezone.localtime(call.opens_at),
                         timezone.localtime(call.closes_at))
        end_of_day = closes.time() == datetime.time.max
        return {
            "title": call.title, "academic_year": call.academic_year,
            "directions": [d.pk for d in call.directions.all()],
            "opens_on": opens.date(), "opens_time": opens.time().replace(microsecond=0),
            "closes_on": closes.date(),
            "closes_time": None if end_of_day else closes.time().replace(microsecond=0),
            "description": call.description,
        }

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on"):
            data["opens_at"] = services.moment(data["opens_on"], data.get("opens_time"))
            data["closes_at"] = services.moment(data["closes_on"], data.get("closes_time"),
                                                closing=True)
            if data["closes_at"] <= data["opens_at"]:
                self.add_error("closes_on", _("The call must close after it opens."))
        return data

    def values(self):
        d = self.cleaned_data
        return {"title": d["title"], "academic_year": d["academic_year"],
                "directions": list(d["directions"]), "opens_at": d["opens_at"],
                "closes_at": d["closes_at"], "description": d["description"]}


class ExtensionForm(_Crispy):
    until_on = _date(_("Accepted until (date)"))
    until_time = _time(_("Time"), _("Empty: until the end of the day."))
    reason = forms.CharField(label=_("Reason"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def until(self):
        return services.moment(self.cleaned_data["until_on"], self.cleaned_data.get("until_time"),
                               closing=True)


class JoinForm(forms.Form):
    call = forms.ModelChoiceField(None, label=_("Call"), required=False,
                                  empty_label=_("— no call —"))

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        from_call = [initiative.call_id] if initiative.call_id else []
        fitting = queries.fitting(initiative.direction_id).values("pk")
        self.fields["call"].queryset = (
            Call.objects.filter(pk__in=fitting)
            | Call.objects.filter(pk__in=from_call)).order_by("closes_at", "pk")


class QuestionForm(_Crispy):
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    label = forms.CharField(label=_("Question"), max_length=300)
    help_text = forms.CharField(label=_("Help text"), required=False, max_length=2000,
                                widget=forms.Textarea(attrs={"rows": 2}))
    required = forms.BooleanField(label=_("Required"), required=False)
    options_text = forms.CharField(
        label=_("Options"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For one or several choices: one option per line."))
    min_value = forms.DecimalField(label=_("Minimum"), required=False, max_digits=14,
                                   decimal_places=2, localize=True,
                                   widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    max_value = forms.DecimalField(label=_("Maximum"), required=False, max_digits=14,
                                   decimal_places=2, localize=True,
                                   widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    directions = forms.ModelMultipleChoiceField(
        Direction.objects.none(), label=_("Only for directions"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to ask every card of the call."))

    def __init__(self, *args, call=None, **kwargs):
        super().__init__(*args, **kwargs)
        directions = Direction.objects.filter(is_active=True).select_related("portfolio")
        if call is not None:
            accepted = [d.pk for d in call.directions.all()]
            if accepted:
                directions = directions.filter(pk__in=accepted)
        self.fields["directions"].queryset = directions

    @staticmethod
    def initial_for(question):
        return {"kind": question.kind, "label": question.label, "help_text": question.help_text,
                "required": question.required, "options_text": "\n".join(question.options),
                "min_value": question.min_value, "max_value": question.max_value,
                "directions": [d.pk for d in question.directions.all()]}

    def values(self):
        d = self.cleaned_data
        return {"kind": d["kind"], "label": d["label"], "help_text": d["help_text"],
                "required": d["required"], "options": d["options_text"].splitlines(),
                "min_value": d["min_value"], "max_value": d["max_value"],
                "directions": list(d["directions"])}


class CopyQuestionsForm(forms.Form):
    source = forms.ModelChoiceField(Call.objects.none(),
                                    label=_("Copy the questions, review form and experts of"))

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = Call.objects.exclude(pk=call.pk).order_by("-opens_at")


def answer_field(question):
    """The form field a team types an answer into (the domain checks it again)."""
    # the domain decides what is required (at submission); the star tells the team
    common = {"label": f"{question.label}{'*' if question.required else ''}", "required": False,
              "help_text": question.help_text}
    kind = question.kind
    if kind == QuestionKind.SHORT_TEXT:
        return forms.CharField(max_length=500, **common)
    if kind == QuestionKind.LONG_TEXT:
        return forms.CharField(max_length=20000, widget=forms.Textarea(attrs={"rows": 4}),
                               **common)
    if kind == QuestionKind.NUMBER:
        attrs = {"inputmode": "decimal"}
        return forms.CharField(max_length=40, widget=forms.TextInput(attrs=attrs), **common)
    if kind == QuestionKind.DATE:
        return forms.CharField(max_length=10, widget=forms.DateInput(attrs={"type": "date"}),
                               **common)
    if kind == QuestionKind.YES_NO:
        return forms.ChoiceField(choices=[("", "—"), ("yes", _("yes")), ("no", _("no"))],
                                 **common)
    if kind == QuestionKind.CHOICE:
        return forms.ChoiceField(choices=[("", "—"), *[(o, o) for o in question.options]],
                                 **common)
    if kind == QuestionKind.CHOICES:
        return forms.MultipleChoiceField(choices=[(o, o) for o in question.options],
                                         widget=forms.CheckboxSelectMultiple, **common)
    if kind == QuestionKind.FILE:
        return forms.FileField(**common)
    return forms.CharField(max_length=2000, widget=forms.URLInput(), **common)


def _initial(question, answer):
    if answer is None or answer.value is None:
        return None
    if question.kind == QuestionKind.YES_NO:
        return "yes" if answer.value else "no"
    return answer.value


class AnswersForm(forms.Form):
    """The card's answers to its call's questions; fields ``q_<id>``."""

    def __init__(self, *args, questions, answers, errors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.answers = answers
        for q in questions:
            name = f"q_{q.pk}"
            self.fields[name] = answer_field(q)
            self.initial[name] = _initial(q, answers.get(q.pk))
            answer = answers.get(q.pk)
            if q.kind == QuestionKind.FILE and answer is not None and answer.original_name:
                self.fields[name].help_text = " ".join(filter(None, (
                    q.help_text, str(_("Attached: %(name)s.") % {"name": answer.original_name}))))
        if errors and self.is_bound:
            self.full_clean()
            for name, message in errors.items():
                self.add_error(name if name in self.fields else None, message)
