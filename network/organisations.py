"""Organisations kept by the office: adding, changing, archiving and importing them from a table.

Every change goes through one function here, in a transaction, with an audit record. The
import reads an XLSX or CSV through :mod:`accounts.tabular` and lets django-import-export match
rows to organisations (by ИНН, else by short name), compare and validate them.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets

from accounts import audit
from accounts.errors import DomainError
from accounts.imports import ResourceImport, TabularResource
from accounts.models import User
from accounts.tabular import Column, normalise_header
from network.enums import MembershipAction, OrganisationType
from network.models import Organisation

ORGANISATION_FIELDS = ("org_type", "short_name", "full_name", "inn", "address", "director",
                       "website", "vk_page")


def _changed_labels(before, organisation):
    return ", ".join(
        str(Organisation._meta.get_field(f).verbose_name)
        for f in ORGANISATION_FIELDS if before.get(f) != getattr(organisation, f)
    )


def _clean(organisation):
    try:
        organisation.full_clean(validate_constraints=False)
    except ValidationError as e:
        field, messages = next(iter(e.message_dict.items()))
        raise DomainError(" ".join(messages), field=field) from e


@transaction.atomic
def save_organisation(organisation: Organisation | None, *, by: User, values: dict) -> Organisation:
    """Create an organisation (``organisation`` is None) or change its card."""
    creating = organisation is None
    if creating:
        organisation = Organisation()
        before = {}
    else:
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        before = {f: getattr(organisation, f) for f in ORGANISATION_FIELDS}
    for name in ORGANISATION_FIELDS:
        if name in values:
            value = values[name]
            setattr(organisation, name, value.strip() if isinstance(value, str) else value)
    _clean(organisation)
    if organisation.inn:
        same = Organisation.objects.filter(inn=organisation.inn).exclude(pk=organisation.pk).first()
        if same is not None:
            raise DomainError(_("The INN %(inn)s is already given to «%(name)s».")
                              % {"inn": organisation.inn, "name": same.short_name}, field="inn")
    organisation.save()
    audit.record(
        organisation, actor=by,
        action=MembershipAction.ORGANISATION_CREATED if creating
        else MembershipAction.ORGANISATION_UPDATED,
        comment="" if creating else _changed_labels(before, organisation),
    )
    return organisation


@transaction.atomic
def archive_organisation(organisation: Organisation, *, by: User) -> Organisation:
    """Archive an organisation: it keeps its history and teams but is no longer offered."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.is_office:
        raise DomainError(_("The organisation that runs the project office cannot be archived."))
    if organisation.archived_at is None:
        organisation.archived_at = timezone.now()
        organisation.save(update_fields=["archived_at"])
        audit.record(organisation, actor=by, action=MembershipAction.ORGANISATION_ARCHIVED)
    return organisation


@transaction.atomic
def restore_organisation(organisation: Organisation, *, by: User) -> Organisation:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.archived_at is not None:
        organisation.archived_at = None
        organisation.save(update_fields=["archived_at"])
        audit.record(organisation, actor=by, action=MembershipAction.ORGANISATION_RESTORED)
    return organisation


# --- the import -----------------------------------------------------------------------------

ORGANISATION_COLUMNS = (
    Column("short_name", gettext_lazy("Short name")),
    Column("full_name", gettext_lazy("Full name")),
    Column("org_type", gettext_lazy("Type"), required=False),
    Column("inn", gettext_lazy("INN"), required=False),
    Column("address", gettext_lazy("Address"), required=False),
    Column("director", gettext_lazy("Director"), required=False),
    Column("website", gettext_lazy("Website"), required=False),
    Column("vk_page", gettext_lazy("VK page"), required=False),
)


class OrganisationTypeWidget(widgets.Widget):
    """The type as people write it («МБОУ», «mbou»); an empty cell is «other» for a new row."""

    def clean(self, value, row=None, **kwargs):
        value = normalise_header(value)
        if not value:
            return None
        for choice in OrganisationType:
            if value in (normalise_header(choice.label), choice.value):
                return choice.value
        raise ValueError(
            _("The type «%(value)s» is not known; write one of: %(types)s.")
            % {"value": value, "types": ", ".join(str(c.label) for c in OrganisationType)}
        )

    def render(self, value, obj=None, **kwargs):
        return str(OrganisationType(value).label) if value else ""


class OrganisationResource(TabularResource):
    """Rows of the organisations' table. An empty optional cell keeps what the portal has."""

    org_type = fields.Field(attribute="org_type", column_name="org_type",
                            widget=OrganisationTypeWidget())

    class Meta(TabularResource.Meta):
        model = Organisation
        fields = ORGANISATION_FIELDS
        import_id_fields = ()

    def get_instance(self, instance_loader, row):
        inn = (row.get("inn") or "").strip()
        short_name = (row.get("short_name") or "").strip()
        if inn:
            by_inn = Organisation.objects.filter(inn=inn).first()
            if by_inn is not None:
                return by_inn
        by_name = Organisation.objects.filter(short_name__iexact=short_name).first() if (
            short_name) else None
        if by_name is not None and inn and by_name.inn and by_name.inn != inn:
            raise ValidationError({"inn": _(
                "«%(name)s» is already in the portal with the INN %(inn)s; the file gives "
                "another INN.") % {"name": by_name.short_name, "inn": by_name.inn}})
        return by_name

    def init_instance(self, row=None):
        return Organisation(org_type=OrganisationType.OTHER)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        value = row.get(field.column_name)
        if (value in (None, "")) and (instance.pk or field.attribute == "org_type"):
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def after_save_instance(self, instance, row, **kwargs):
        audit.record(instance, actor=self.by, action=MembershipAction.ORGANISATIONS_IMPORTED)


class OrganisationImport(ResourceImport):
    """Organisations from XLSX or CSV: matched by ИНН, else by short name."""

    purpose = "organisations"
    columns = ORGANISATION_COLUMNS
    unique_keys = ("inn", "short_name")
    resource_class = OrganisationResource
    title_key = "short_name"


def import_organisations(table, *, by: User):
    """Run a confirmed organisations' import in one transaction (see ``OrganisationImport``)."""
    return OrganisationImport(by=by).apply(table)


def template_rows():
    """The example row of the downloadable template."""
    return [[
        "МБОУ СОШ № 3", "Муниципальное бюджетное общеобразовательное учреждение «Средняя "
        "общеобразовательная школа № 3»", str(OrganisationType.MBOU.label), "", "",
        "", "", "",
    ]]
