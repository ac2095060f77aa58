"""Panels that higher apps add to the card page.

The card (``initiatives.views.InitiativeDetailView``) shows the expertise and the thread, which
belong to the ``expertise`` app; that app registers a context provider here in its
``AppConfig.ready``, so the card never imports it."""

_PROVIDERS = []


def register_card_context(provider):
    """``provider(initiative, user) -> dict``: extra context of the card page."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def card_context(initiative, user):
    context = {}
    for provider in _PROVIDERS:
        context.update(provider(initiative, user))
    return context
