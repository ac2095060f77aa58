from django.http import JsonResponse
from rules.contrib.views import permission_required

from reports.health import check_all


@permission_required("reports.view_health")
def healthz(request):
    """Reachability of the database, the Redis broker and the Celery workers, as JSON."""
    report = check_all()
    return JsonResponse(report, status=200 if report["database"]["ok"] else 503)
