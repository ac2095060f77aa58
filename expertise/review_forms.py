"""Domain functions of the review forms, reference data the office keeps in the portal.

A form that has reviews (or is retired) is never edited in place: every change to it — its
description and threshold, a criterion added, changed, moved or removed — goes into its
next version (same ``name``, ``version`` + 1, criteria copied), and the function returns the
form that was changed. A form without reviews is edited in place. One function per change; each
runs in one transaction, validates and writes an audit record.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from accounts import audit
from accounts.errors import DomainError
from accounts.models import User
from accounts.reference_data import full_clean_or_refuse
from accounts.rules import is_office
from expertise.models import Criterion, ReviewForm
from initiatives.enums import InitiativeAction, ReviewFormStatus

TEXT_LIMIT = 20000


def _text(value, limit=TEXT_LIMIT):
    return (value or "").replace("\x00", "").strip()[:limit]


def _check_office(by):
    if by is None or not is_office.test(by):
        raise DomainError(_("Only the project office manages review forms."))


@transaction.atomic
def create_review_form(*, name: str, by: User, description: str = "",
                       disagreement_threshold: Decimal | None = None) -> ReviewForm:
    _check_office(by)
    name = _text(name, 300)
    if not name:
        raise DomainError(_("Give the form a name."), field="name")
    if ReviewForm.objects.filter(name=name).exists():
        raise DomainError(_("A form with this name exists: change it to make a new version."),
                          field="name")
    form = ReviewForm.objects.create(name=name, description=_text(description),
                                     disagreement_threshold=disagreement_threshold,
                                     created_by=by)
    audit.record(form, actor=by, action=InitiativeAction.FORM_CREATED, to_value=str(form))
    return form


@transaction.atomic
def new_form_version(form: ReviewForm, *, by: User) -> ReviewForm:
    """A draft copy of the form with the next version number and the same criteria."""
    _check_office(by)
    last = ReviewForm.objects.filter(name=form.name).aggregate(v=Max("version"))["v"] or 0
    copy = ReviewForm.objects.create(
        name=form.name, version=last + 1, description=form.description,
        disagreement_threshold=form.disagreement_threshold, previous=form, created_by=by,
    )
    Criterion.objects.bulk_create(
        Criterion(form=copy, order=c.order, title=c.title, description=c.description,
                  scale_min=c.scale_min, scale_max=c.scale_max, weight=c.weight,
                  comment_threshold=c.comment_threshold)
        for c in form.criteria.all()
    )
    audit.record(copy, actor=by, action=InitiativeAction.FORM_VERSIONED,
                 from_value=str(form), to_value=str(copy))
    return copy


def _editable_form(form, by):
    """The form itself while no review uses it and it is not retired; otherwise a new version."""
    if form.status != ReviewFormStatus.RETIRED and not form.reviews.exists():
        return form
    return new_form_version(form, by=by)


def _check_criterion(criterion):
    low, high, threshold = criterion.scale_min, criterion.scale_max, criterion.comment_threshold
    if high is not None and low is not None and high <= low:
        raise DomainError(_("The highest score must be greater than the lowest."),
                          field="scale_max")
    if threshold is not None and not low <= threshold <= high:
        raise DomainError(_("The threshold must lie within the scale."), field="comment_threshold")
    full_clean_or_refuse(criterion)


@transaction.atomic
def add_criterion(form: ReviewForm, *, by: User, title: str, description: str = "",
                  scale_min: int = 0, scale_max: int = 5, weight: Decimal = Decimal("1"),
                  comment_threshold: int | None = None) -> tuple[ReviewForm, Criterion]:
    """Add a criterion; on a form that already has reviews the change goes to a new version.
    Returns the form that was changed and the criterion."""
    _check_office(by)
    form = _editable_form(form, by)
    last = form.criteria.aggregate(n=Max("order"))["n"] or 0
    criterion = Criterion(form=form, order=last + 1, title=_text(title, 300),
                          description=_text(description), scale_min=scale_min,
                          scale_max=scale_max, weight=weight, comment_threshold=comment_threshold)
    _check_criterion(criterion)
    criterion.save()
    audit.record(form, actor=by, action=InitiativeAction.FORM_CHANGED, to_value=criterion.title)
    return form, criterion


def _same_in(form, criterion):
    """The criterion in ``form`` that ``criterion`` is (itself, or its copy in a new version)."""
    if criterion.form_id == form.pk:
        return criterion
    return form.criteria.filter(order=criterion.order, title=criterion.title).first()


CRITERION_FIELDS = ("title", "description", "scale_min", "scale_max", "weight",
                    "comment_threshold")


@transaction.atomic
def change_criterion(criterion: Criterion, *, by: User, title: str, description: str = "",
                     scale_min: int = 0, scale_max: int = 5, weight: Decimal = Decimal("1"),
                     comment_threshold: int | None = None) -> tuple[ReviewForm, Criterion]:
    """Change a criterion; on a form with reviews the change goes to a new version and the old
    version keeps the criterion its reviews were scored on. Returns the changed form and
    criterion (unchanged values change nothing)."""
    _check_office(by)
    values = {"title": _text(title, 300), "description": _text(description),
              "scale_min": scale_min, "scale_max": scale_max, "weight": weight,
              "comment_threshold": comment_threshold}
    changed = [f for f in CRITERION_FIELDS if getattr(criterion, f) != values[f]]
    if not changed:
        return criterion.form, criterion
    probe = Criterion(form=criterion.form, order=criterion.order, **values)
    _check_criterion(probe)  # refused before a new version is made
    form = _editable_form(criterion.form, by)
    target = _same_in(form, criterion)
    before = target.title
    for f in changed:
        setattr(target, f, values[f])
    target.save()
    audit.record(form, actor=by, action=InitiativeAction.FORM_CHANGED, from_value=before,
                 to_value=target.title, data={"criterion": target.pk, "fields": changed})
    return form, target


@transaction.atomic
def move_criterion(criterion: Criterion, *, by: User, up: bool) -> ReviewForm:
    """Move a criterion one place up or down (a new version if the form has reviews)."""
    _check_office(by)
    ordered = list(criterion.form.criteria.order_by("order", "pk"))
    index = next(i for i, c in enumerate(ordered) if c.pk == criterion.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        raise DomainError(_("The criterion is already first.") if up
                          else _("The criterion is already last."))
    form = _editable_form(criterion.form, by)
    ordered = list(form.criteria.order_by("order", "pk"))
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for number, c in enumerate(ordered, 1):
        c.order = number
    Criterion.objects.bulk_update(ordered, ["order"])
    audit.record(form, actor=by, action=InitiativeAction.FORM_CHANGED,
                 from_value=f"{index + 1}. {criterion.title}",
                 to_value=f"{other + 1}. {criterion.title}")
    return form


@transaction.atomic
def remove_criterion(criterion: Criterion, *, by: User) -> ReviewForm:
    """Remove a criterion; on a form with reviews the new version loses it, the old keeps it."""
    _check_office(by)
    form = _editable_form(criterion.form, by)
    target = _same_in(form, criterion)
    if target is not None:
        audit.record(form, actor=by, action=InitiativeAction.FORM_CHANGED,
                     from_value=target.title)
        target.delete()
    return form


FORM_FIELDS = ("name", "description", "disagreement_threshold")


@transaction.atomic
def edit_review_form(form: ReviewForm, *, by: User, name: str, description: str = "",
                     disagreement_threshold: Decimal | None = None) -> ReviewForm:
    """Change the form's name, description and threshold. A form with reviews gets a new
    version with the change; its name is shared by its versions, so it changes only while the
    form is the one version without reviews. Returns the changed form."""
    _check_office(by)
    values = {"name": _text(name, 300), "description": _text(description),
              "disagreement_threshold": disagreement_threshold}
    if not values["name"]:
        raise DomainError(_("Give the form a name."), field="name")
    changed = [f for f in FORM_FIELDS if getattr(form, f) != values[f]]
    if not changed:
        return form
    if "name" in changed:
        if ReviewForm.objects.filter(name=form.name).exclude(pk=form.pk).exists() \
                or form.reviews.exists():
            raise DomainError(_("The form has versions or reviews, so it keeps its name; create "
                                "a new form for a new name."), field="name")
        if ReviewForm.objects.filter(name=values["name"]).exists():
            raise DomainError(_("A form with this name exists: change it to make a new "
                                "version."), field="name")
    target = _editable_form(form, by)
    before = {f: str(getattr(target, f) or "") for f in changed}
    for f in changed:
        setattr(target, f, values[f])
    full_clean_or_refuse(target)
    target.save()
    audit.record(target, actor=by, action=InitiativeAction.FORM_EDITED,
                 from_value=before.get("name", ""), to_value=target.name if "name" in changed
                 else "", data={"fields": changed, "before": before})
    return target


@transaction.atomic
def set_form_status(form: ReviewForm, *, status: str, by: User) -> ReviewForm:
    """Put a draft in use (the other versions in use retire) or retire a form."""
    _check_office(by)
    form = ReviewForm.objects.select_for_update().get(pk=form.pk)
    allowed = {ReviewFormStatus.DRAFT: {ReviewFormStatus.IN_USE, ReviewFormStatus.RETIRED},
               ReviewFormStatus.IN_USE: {ReviewFormStatus.RETIRED},
               ReviewFormStatus.RETIRED: set()}
    if status not in allowed[form.status]:
        raise DomainError(_("The form cannot move from «%(from)s» to «%(to)s».") % {
            "from": form.get_status_display(),
            "to": ReviewFormStatus(status).label if status in ReviewFormStatus.values else status})
    if status == ReviewFormStatus.IN_USE:
        if not form.criteria.exists():
            raise DomainError(_("Add at least one criterion before putting the form in use."))
        for other in ReviewForm.objects.filter(name=form.name, status=ReviewFormStatus.IN_USE):
            other.status = ReviewFormStatus.RETIRED
            other.save(update_fields=["status"])
            audit.record(other, actor=by, action=InitiativeAction.FORM_STATUS_CHANGED,
                         from_value=ReviewFormStatus.IN_USE, to_value=ReviewFormStatus.RETIRED)
    source = form.status
    form.status = status
    form.save(update_fields=["status"])
    audit.record(form, actor=by, action=InitiativeAction.FORM_STATUS_CHANGED, from_value=source,
                 to_value=status)
    return form


def form_in_use():
    return ReviewForm.objects.filter(status=ReviewFormStatus.IN_USE).order_by(
        "-created_at", "-pk").first()
