"""Close the proposed and accepted assignments of initiatives that have left expertise (issue 26):
before, nothing closed them and they stayed in the experts' queues and the overdue counts."""

from django.db import migrations
from django.utils import timezone, translation
from django.utils.translation import gettext

KEEP_OPEN = ("submitted", "under_review", "resubmitted", "returned", "revision_requested")


def close(apps, schema_editor):
    ExpertAssignment = apps.get_model("initiatives", "ExpertAssignment")
    with translation.override("ru"):
        reason = gettext("The initiative left expertise before this review: no review is "
                         "expected any more.")
    (ExpertAssignment.objects.filter(status__in=("proposed", "accepted"))
     .exclude(initiative__state__in=KEEP_OPEN)
     .update(status="closed", close_reason=reason, closed_at=timezone.now()))


class Migration(migrations.Migration):

    dependencies = [("initiatives", "0013_assignment_closed_status")]

    operations = [migrations.RunPython(close, migrations.RunPython.noop)]
