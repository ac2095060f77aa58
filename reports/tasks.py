from celery import shared_task

from reports import backups, build, services


# The report's state lives in its row, not in a result store: with no result to keep, asking
# for a report while Redis is down fails at the broker (and the report waits) instead of at
# the result store.
@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def build_report_task(report_id):
    return build.build_report(report_id).status


@shared_task
def requeue_waiting_reports():
    return services.requeue_waiting_reports()


# Backups run on their own queue (the compose service «backup», with the backup volume).
@shared_task(acks_late=False, ignore_result=True)
def nightly_backup():
    backups.run("backup")


@shared_task(acks_late=False, ignore_result=True)
def weekly_restore_check():
    backups.run("verify")
