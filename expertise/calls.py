"""The expertise of a call's cards: the review form the call uses and the experts it draws on
(all experts unless narrowed). The call itself lives in ``initiatives``; this side points at it."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts import audit
from accounts.errors import DomainError
from accounts.models import User
from expertise.models import CallExpertise, ReviewForm
from initiatives.calls.enums import CallAction
from initiatives.enums import ReviewFormStatus
from initiatives.models import Call


def of_call(call_id):
    return (CallExpertise.objects.filter(call_id=call_id).select_related("review_form")
            .prefetch_related("experts").first()) if call_id else None


@transaction.atomic
def set_call_expertise(call: Call, *, by: User, review_form: ReviewForm | None,
                       experts=()) -> CallExpertise:
    if review_form is not None and review_form.status == ReviewFormStatus.RETIRED:
        raise DomainError(_("A retired review form cannot be chosen."), field="review_form")
    not_experts = [e for e in experts if "expert" not in e.role_codes]
    if not_experts:
        raise DomainError(_("Only experts of the office can be chosen."), field="experts")
    expertise, _created = CallExpertise.objects.update_or_create(
        call=call, defaults={"review_form": review_form})
    expertise.experts.set(experts)
    audit.record(call, actor=by, action=CallAction.EXPERTISE_SET,
                 to_value=str(review_form or ""), data={
                     "review_form": review_form.pk if review_form else None,
                     "experts": sorted(e.pk for e in experts)})
    return expertise


def review_form_for(initiative):
    """The call's own review form for a card of the call, or None (the office's form in use)."""
    expertise = of_call(initiative.call_id)
    return expertise.review_form if expertise else None


def expert_ids_of_calls(call_ids):
    """{call id: the experts it draws on, or None for every expert} of many calls (two
    queries), for the actions over many cards."""
    rows = CallExpertise.objects.filter(call_id__in=list(call_ids)).prefetch_related("experts") \
        if call_ids else []
    drawn = {row.call_id: {e.pk for e in row.experts.all()} for row in rows}
    return {pk: drawn.get(pk) or None for pk in call_ids}


def expert_ids_for(initiative):
    """The experts a card's call draws on, or None when it draws on every expert."""
    expertise = of_call(initiative.call_id)
    ids = {e.pk for e in expertise.experts.all()} if expertise else set()
    return ids or None


def copy_call_expertise(*, source: Call, target: Call, by: User) -> str:
    """The copy hook of ``initiatives.calls.copying``: the new call uses the previous call's
    review form (unless it was retired since) and draws on the same experts."""
    expertise = of_call(source.pk)
    if expertise is None:
        return ""
    form = expertise.review_form
    if form is not None and form.status == ReviewFormStatus.RETIRED:
        form = None
    experts = [e for e in expertise.experts.all() if "expert" in e.role_codes]
    set_call_expertise(target, by=by, review_form=form, experts=experts)
    return _("the review form and %(n)s experts") % {"n": len(experts)} if form else \
        _("the experts (%(n)s)") % {"n": len(experts)}
