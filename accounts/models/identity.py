from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

SINGLETON_ID = 1


class OfficeIdentity(models.Model):
    """Who the office is: the names, place, contacts, logo and signatories that the portal's
    header and footer, its documents and its letters carry. One row (id 1); with no row the
    portal uses neutral defaults (see the ``*_display`` properties)."""

    body_name = models.CharField(
        _("name of the body"), max_length=300, blank=True,
        help_text=_("As documents carry it, e.g. «Education department of the administration of "
                    "… urban district»."))
    office_name = models.CharField(_("name of the office"), max_length=200, blank=True)
    municipality = models.CharField(_("municipality"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=200, blank=True)
    place_name = models.CharField(
        _("place name on documents"), max_length=100, blank=True,
        help_text=_("The town whose name documents carry next to their date."))
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.BinaryField(_("logo"), null=True, blank=True, editable=False)
    logo_type = models.CharField(_("logo type"), max_length=20, blank=True, editable=False)
    logo_version = models.CharField(max_length=16, blank=True, editable=False)
    head_name = models.CharField(
        _("head: name"), max_length=150, blank=True,
        help_text=_("As in a signature: initials and surname."))
    head_position = models.CharField(_("head: position"), max_length=200, blank=True)
    secretary_name = models.CharField(
        _("secretary: name"), max_length=150, blank=True,
        help_text=_("As in a signature: initials and surname."))
    secretary_position = models.CharField(_("secretary: position"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("identity of the office")
        verbose_name_plural = _("identity of the office")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=SINGLETON_ID),
                                   name="accounts_office_identity_single_row"),
        ]

    def __str__(self):
        return self.office_display

    # What pages and documents show: the stored value, or a neutral default.
    @property
    def body_display(self):
        return self.body_name or gettext("Education department")

    @property
    def office_display(self):
        return self.office_name or gettext("Municipal project office")

    @property
    def area_display(self):
        """«Municipality, region» — empty when neither is set."""
        return ", ".join(v for v in (self.municipality, self.region) if v)

    @property
    def head_position_display(self):
        return self.head_position or gettext("Head of the project office")

    @property
    def secretary_position_display(self):
        return self.secretary_position or gettext("Secretary of the project office")

    @property
    def has_logo(self):
        return bool(self.logo_version)

    @property
    def has_contacts(self):
        return any((self.address, self.phone, self.email, self.website))
