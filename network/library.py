"""Domain functions of the ideas library: methodical products, their files and moderation."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts.enums import AuditAction, NotificationKind
from accounts.errors import DomainError
from accounts.models import User
from accounts.notifications import notify
from network.enums import EDITABLE_PRODUCT_STATES, NetworkAction, ProductStatus
from network.models import MethodicalProduct, ProductFile
from network.services import checked_text, stored_file

PRODUCT_FIELDS = ("kind", "title", "description", "authors_text", "organisation", "network",
                  "year")


EDITABLE_PRODUCT = EDITABLE_PRODUCT_STATES


def _validated(product):
    try:
        product.full_clean(exclude=["created_by", "moderated_by"])
    except ValidationError as e:
        field, messages = next(iter(e.message_dict.items()))
        raise DomainError(" ".join(messages), field=field) from e


@transaction.atomic
def create_product(*, by: User, values: dict, authors=()) -> MethodicalProduct:
    product = MethodicalProduct(created_by=by, status=ProductStatus.DRAFT,
                                **{k: v for k, v in values.items() if k in PRODUCT_FIELDS})
    _validated(product)
    product.save()
    product.authors.set(authors or [by])
    audit.record(product, actor=by, action=NetworkAction.PRODUCT_CREATED,
                 to_value=ProductStatus.DRAFT)
    return product


@transaction.atomic
def update_product(product: MethodicalProduct, *, by: User, values: dict,
                   authors=None) -> MethodicalProduct:
    product = MethodicalProduct.objects.select_for_update().get(pk=product.pk)
    if product.status not in EDITABLE_PRODUCT:
        raise DomainError(_("A product is edited while it is a draft or returned for revision."))
    for name, value in values.items():
        if name in PRODUCT_FIELDS:
            setattr(product, name, value)
    _validated(product)
    product.save()
    if authors is not None:
        product.authors.set(authors)
    audit.record(product, actor=by, action=AuditAction.UPDATED)
    return product


@transaction.atomic
def attach_product_file(product: MethodicalProduct, *, by: User, upload) -> ProductFile:
    if product.status not in EDITABLE_PRODUCT:
        raise DomainError(_("Files are attached while the product is a draft or returned."))
    return stored_file(ProductFile, upload=upload, by=by, product=product)


def _product_state(product, *, by, allowed, to, action, comment=""):
    locked = MethodicalProduct.objects.select_for_update().get(pk=product.pk)
    if locked.status not in allowed:
        raise DomainError(_("This cannot be done with the product in its present state."))
    old = locked.status
    locked.status = to
    now = timezone.now()
    if to == ProductStatus.SUBMITTED:
        locked.submitted_at = now
    else:
        locked.moderated_by, locked.moderated_at = by, now
        locked.moderation_comment = comment
    locked.save()
    audit.record(locked, actor=by, action=action, from_value=old, to_value=to, comment=comment)
    return locked


@transaction.atomic
def submit_product(product: MethodicalProduct, *, by: User) -> MethodicalProduct:
    if not (product.description or "").strip():
        raise DomainError(_("Describe the product before sending it for moderation."),
                          field="description")
    return _product_state(product, by=by, allowed=EDITABLE_PRODUCT, to=ProductStatus.SUBMITTED,
                          action=NetworkAction.PRODUCT_SUBMITTED)


@transaction.atomic
def publish_product(product: MethodicalProduct, *, by: User,
                    notify_people: bool = True) -> MethodicalProduct:
    product = _product_state(product, by=by, allowed=(ProductStatus.SUBMITTED,),
                             to=ProductStatus.PUBLISHED, action=NetworkAction.PRODUCT_PUBLISHED)
    if product.created_by_id and notify_people:
        notify([product.created_by], kind=NotificationKind.DECISION_MADE,
               title=_("«%(title)s» is published in the ideas library") % {"title": product.title},
               url=product.get_absolute_url(), actor=by)
    return product


@transaction.atomic
def return_product(product: MethodicalProduct, *, by: User, comment: str) -> MethodicalProduct:
    comment = checked_text(comment, field="comment", message=_("Say what should be revised."))
    product = _product_state(product, by=by, allowed=(ProductStatus.SUBMITTED,),
                             to=ProductStatus.RETURNED, action=NetworkAction.PRODUCT_RETURNED,
                             comment=comment)
    if product.created_by_id:
        notify([product.created_by], kind=NotificationKind.REVISION_REQUESTED,
               title=_("«%(title)s» is returned for revision") % {"title": product.title},
               body=comment, url=product.get_absolute_url(), actor=by)
    return product
