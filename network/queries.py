"""Reads about organisations that other apps' predicates and pages share."""


def organisation_ids_of(user):
    """Ids of the organisations on whose teams the person is, loaded once per request."""
    if not user or not user.is_authenticated:
        return frozenset()
    cached = user.__dict__.get("_organisation_ids")
    if cached is None:
        cached = frozenset(
            user.memberships.filter(is_active=True).values_list("organisation_id", flat=True)
        )
        user.__dict__["_organisation_ids"] = cached
    return cached
