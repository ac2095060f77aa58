"""Error pages of the whole portal."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader


def server_error(request):
    """A Russian 500 page, or 503 when the database is out of reach (e.g. restarting).

    Rendered without the request's context processors: they may need the very database
    that has just failed.
    """
    exc = sys.exc_info()[1]
    if isinstance(exc, (OperationalError, InterfaceError)):
        html = loader.get_template("503.html").render({})
        return HttpResponse(html, status=503, headers={"Retry-After": "10"})
    return HttpResponse(loader.get_template("500.html").render({}), status=500)
