from django.conf import settings
from django.utils.functional import SimpleLazyObject

from accounts import identity


def portal(request):
    # read when a template first shows it, from the cache (see accounts.identity.current)
    return {"PORTAL_NAME": settings.PORTAL_NAME, "identity": SimpleLazyObject(identity.current)}
