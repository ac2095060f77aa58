"""Bulk invitations from XLSX or CSV (surname, name, patronymic, e-mail, organisation, role,
position), through the preview → confirm pattern of :mod:`accounts.tabular`."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import invitations
from accounts.enums import PROJECT_INVITATION_ROLES, TEAM_INVITATION_ROLES, InvitationRole
from accounts.imports import TabularImport
from accounts.models import Invitation, User
from accounts.rules import is_office_head
from accounts.tabular import Column, RowPreview, RowStatus, normalise_header
from network.models import Membership, Organisation

INVITATION_COLUMNS = (
    Column("last_name", gettext_lazy("Last name")),
    Column("first_name", gettext_lazy("First name")),
    Column("patronymic", gettext_lazy("Patronymic"), required=False),
    Column("email", gettext_lazy("E-mail"), aliases=("e-mail", "email", "почта", "эл. почта")),
    Column("organisation", gettext_lazy("Organisation"), required=False),
    Column("role", gettext_lazy("Role")),
    Column("position", gettext_lazy("Position"), required=False),
)


# a project's curator is invited from the project's page (the role waits on the invitation)
ROLES = [r for r in InvitationRole if r not in PROJECT_INVITATION_ROLES]


def role_of(text):
    value = normalise_header(text)
    for role in ROLES:
        if value in (normalise_header(role.label), role.value):
            return role.value
    return None


class InvitationImport(TabularImport):
    purpose = "invitations"
    columns = INVITATION_COLUMNS
    unique_keys = ("email",)

    def preview_rows(self, table):
        emails = {r.values["email"].strip().lower() for r in table.rows}
        people = {u.email.lower(): u for u in User.objects.filter(email__in=emails)}
        names = {normalise_header(r.values["organisation"]) for r in table.rows}
        organisations = {normalise_header(o.short_name): o for o in Organisation.objects.filter(
            archived_at__isnull=True) if normalise_header(o.short_name) in names}
        open_invitations = set(Invitation.objects.filter(
            email__in=emails, accepted_at__isnull=True, withdrawn_at__isnull=True,
        ).values_list("email", "role", "organisation_id"))
        rows = []
        for source in table.rows:
            rows.append(self._row(source, people, organisations, open_invitations))
        return rows

    def _row(self, source, people, organisations, open_invitations):
        v = source.values
        email = v["email"].strip().lower()
        row = RowPreview(number=source.number, values=v,
                         title=" ".join(p for p in (v["last_name"], v["first_name"]) if p) or email)
        try:
            validate_email(email)
        except ValidationError:
            row.fail(_("E-mail: «%(value)s» is not an e-mail address.") % {"value": v["email"]})
        for key, label in (("last_name", _("Last name")), ("first_name", _("First name"))):
            if not v[key]:
                row.fail(_("%(column)s: the cell is empty.") % {"column": label})
        role = role_of(v["role"])
        if role is None:
            row.fail(_("Role: «%(value)s» is not known; write one of: %(roles)s.") % {
                "value": v["role"], "roles": ", ".join(str(r.label) for r in ROLES)})
        elif role == InvitationRole.OFFICE_HEAD and not is_office_head(self.by):
            row.fail(_("Role: only the office head invites another office head."))
        organisation = None
        if role in TEAM_INVITATION_ROLES:
            organisation = organisations.get(normalise_header(v["organisation"]))
            if not v["organisation"]:
                row.fail(_("Organisation: a school team member needs the organisation."))
            elif organisation is None:
                row.fail(_("Organisation: «%(value)s» matches no organisation of the portal; "
                           "write its short name as the portal shows it.")
                         % {"value": v["organisation"]})
        person = people.get(email)
        if person is not None and not person.is_active:
            row.fail(_("E-mail: the person with this e-mail is switched off (they left)."))
        row.payload = {"role": role, "organisation": organisation, "email": email}
        if row.is_error:
            return row
        org_id = organisation.pk if organisation else None
        if person is not None:
            has = (role in person.role_codes if role not in TEAM_INVITATION_ROLES else
                   Membership.objects.filter(person=person, organisation=organisation,
                                             is_active=True).exists())
            row.status = RowStatus.UNCHANGED if has else RowStatus.CHANGED
            if not has:
                row.changes = [_("the role is added to the existing account")]
        elif (email, role, org_id) in open_invitations:
            row.status = RowStatus.UNCHANGED
        return row

    def write_rows(self, rows):
        for row in rows:
            if row.status not in (RowStatus.NEW, RowStatus.CHANGED):
                continue
            v = row.values
            invitations.invite(
                email=row.payload["email"], role=row.payload["role"], by=self.by,
                organisation=row.payload["organisation"], position=v["position"],
                last_name=v["last_name"], first_name=v["first_name"], patronymic=v["patronymic"])


def import_invitations(table, *, by):
    """Send the confirmed invitations of a table in one transaction (letters after commit)."""
    return InvitationImport(by=by).apply(table)
