"""Validators of the network app's fields (a leaf module: it imports nothing of the portal)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

INN_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def validate_inn(value):
    """ИНН of a legal entity: 10 digits, the last one the check digit of the first nine."""
    value = str(value or "")
    if not value:
        return
    if len(value) != 10 or not value.isdigit():
        raise ValidationError(
            _("An organisation's INN is 10 digits; «%(value)s» is not.") % {"value": value[:40]},
            code="inn_format",
        )
    check = sum(int(d) * w for d, w in zip(value, INN_WEIGHTS, strict=False)) % 11 % 10
    if check != int(value[9]):
        raise ValidationError(
            _("The INN %(value)s has a wrong check digit: check the number.") % {"value": value},
            code="inn_check_digit",
        )
