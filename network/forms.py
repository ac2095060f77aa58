from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.autocomplete import AutocompleteSelectMultiple
from accounts.models import User
from accounts.widgets import AutocompleteSelect
from network.enums import EventKind, ProductKind, VoteChoice
from network.models import Network, Organisation

TEXT_LIMIT = 20000
# the JSON views behind the selects of people and organisations (tables that grow)
NETWORK_CHOICES = "network:network_choices"
INVITE_CHOICES = "network:invite_choices"
PRODUCT_CHOICES = "network:product_choices"


def _helper(label):
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    return helper


class NetworkForm(forms.ModelForm):
    """A network's card for the office (creating) and its coordinators (changing)."""

    coordinators = forms.ModelMultipleChoiceField(
        User.objects.none(), label=_("Coordinators"),
        widget=AutocompleteSelectMultiple(NETWORK_CHOICES),
        help_text=_("The people who accept members and lead the network."),
    )
    organisations = forms.ModelMultipleChoiceField(
        Organisation.objects.order_by("short_name"), label=_("Member organisations"),
        required=False, widget=AutocompleteSelectMultiple(NETWORK_CHOICES),
    )

    class Meta:
        model = Network
        fields = ["kind", "name", "slug", "description", "is_public", "base_organisation",
                  "rules_adoption", "vote_threshold"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5}),
                   "base_organisation": AutocompleteSelect(NETWORK_CHOICES)}
        help_texts = {"slug": _("Latin letters, digits and hyphens: the network's page address "
                                "(/network/networks/<address>/). It cannot be changed later.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinators"].queryset = User.objects.filter(is_active=True).order_by(
            "last_name", "first_name")
        # organisations in use, and those the network already names (even if archived since)
        in_use = Q(archived_at__isnull=True)
        if self.instance.pk:
            in_use |= Q(pk=self.instance.base_organisation_id) | Q(
                network_links__network=self.instance)
        self.fields["base_organisation"].queryset = Organisation.objects.filter(
            in_use).distinct().order_by("short_name")
        self.fields["organisations"].queryset = Organisation.objects.filter(
            in_use).distinct().order_by("short_name")
        if self.instance.pk:
            del self.fields["slug"]
            self.initial.setdefault("coordinators", [
                m.person_id for m in self.instance.members.filter(role="coordinator",
                                                                  status="active")])
            self.initial.setdefault("organisations", list(
                self.instance.member_organisations.values_list("organisation_id", flat=True)))
        self.helper = _helper(_("Save the network") if self.instance.pk
                              else _("Create the network"))

    def validate_unique(self):
        """The address is checked by the domain function, beside the field."""


class JoinForm(forms.Form):
    message = forms.CharField(label=_("A few words about yourself (optional)"), required=False,
                              max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class RuleProposalForm(forms.Form):
    title = forms.CharField(label=_("What changes, in brief"), max_length=300)
    text = forms.CharField(label=_("The full proposed text of the rules"), max_length=TEXT_LIMIT,
                           widget=forms.Textarea(attrs={"rows": 14}),
                           help_text=_("Write the whole text as it should read after the change."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Propose"))


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=TEXT_LIMIT,
                           widget=forms.Textarea(attrs={"rows": 3}))


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your vote"), choices=VoteChoice.choices)


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    description = forms.CharField(label=_("Description"), max_length=TEXT_LIMIT, required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    organisers = forms.ModelMultipleChoiceField(
        User.objects.none(), required=False, label=_("Other organisers"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("You are an organiser yourself; choose the members who organise with you."),
    )

    def __init__(self, *args, network, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisers"].queryset = User.objects.filter(
            network_memberships__network=network, network_memberships__status="active",
        ).order_by("last_name", "first_name")
        self.helper = _helper(submit_label or _("Create the event"))

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        return data


class EventCancelForm(forms.Form):
    reason = forms.CharField(label=_("Why is the event cancelled?"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("The people registered for the event receive it."))


class FileForm(forms.Form):
    file = forms.FileField(label=_("File"))


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("Rating"), coerce=int,
                                    choices=[(i, str(i)) for i in range(5, 0, -1)])
    text = forms.CharField(label=_("What was useful, what to change"), required=False,
                           max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3}))


class ProductForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProductKind.choices)
    title = forms.CharField(label=_("Title"), max_length=500)
    description = forms.CharField(label=_("Description"), max_length=TEXT_LIMIT, required=False,
                                  widget=forms.Textarea(attrs={"rows": 6}))
    authors_text = forms.CharField(
        label=_("Authors"), max_length=500, required=False,
        help_text=_("As they should be printed, including those not on the portal."),
    )
    # the region's organisations and networks: written as the chosen option only, found as one
    # types (the form listed every organisation: 10,000 options at 100k, 600 ms)
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("Organisation"),
                                          widget=AutocompleteSelect(PRODUCT_CHOICES))
    network = forms.ModelChoiceField(Network.objects.none(), label=_("Network"), required=False,
                                     widget=AutocompleteSelect(PRODUCT_CHOICES))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["network"].queryset = Network.objects.order_by("name")
        self.fields["year"].initial = timezone.localdate().year
        first = list(organisations[:2])
        if len(first) == 1:
            self.fields["organisation"].initial = first[0].pk
        self.helper = _helper(_("Save"))


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("What should be revised"), max_length=TEXT_LIMIT,
                              widget=forms.Textarea(attrs={"rows": 3}))


class OrganisationForm(forms.ModelForm):
    """An organisation's card for the office."""

    class Meta:
        model = Organisation
        fields = ["org_type", "short_name", "full_name", "inn", "address", "director", "website",
                  "vk_page"]
        widgets = {"inn": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 10})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save the organisation") if self.instance.pk
                              else _("Add the organisation"))

    def validate_unique(self):
        """The short name and the INN are checked by the domain function, beside the field."""

    def _get_validation_exclusions(self):
        # The INN's digits are checked by the form field (it carries the model's validator);
        # its uniqueness by the domain function, so the error stands beside the field instead
        # of naming the database constraint above the form.
        return {*super()._get_validation_exclusions(), "inn"}


class InviteForm(forms.Form):
    """The office invites a person: an office role, or a place on an organisation's team."""

    email = forms.EmailField(label=_("E-mail"), max_length=254)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    patronymic = forms.CharField(label=_("Patronymic"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Invited as"), choices=())
    organisation = forms.ModelChoiceField(
        Organisation.objects.none(), label=_("Organisation"), required=False,
        help_text=_("For a school team lead or member."),
        widget=AutocompleteSelect(INVITE_CHOICES))
    position = forms.CharField(label=_("Position"), max_length=200, required=False,
                               help_text=_("Position on the school's team."))

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles
        self.fields["organisation"].queryset = Organisation.objects.filter(
            archived_at__isnull=True).order_by("short_name")
        self.helper = _helper(_("Send the invitation"))


class TeamInviteForm(forms.Form):
    """A team lead invites a member of their organisation's team."""

    email = forms.EmailField(label=_("E-mail"), max_length=254)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    patronymic = forms.CharField(label=_("Patronymic"), max_length=150, required=False)
    position = forms.CharField(label=_("Position"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Invite to the team"))


class PositionForm(forms.Form):
    position = forms.CharField(label=_("Position"), max_length=200)
