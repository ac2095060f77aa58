"""Error pages of the whole portal."""

import sys

from django.db import InterfaceError, OperationalError
from django.shortcuts import render


def server_error(request):
    """A Russian 500 page, or 503 when the database is out of reach (e.g. restarting)."""
    exc = sys.exc_info()[1]
    if isinstance(exc, (OperationalError, InterfaceError)):
        return render(request, "503.html", status=503, headers={"Retry-After": "10"})
    return render(request, "500.html", status=500)
