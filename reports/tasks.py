"""Celery tasks of the reports app. ``reports.tasks.build_report_task`` is defined beside the
build in :mod:`reports.build` (imported here, so autodiscovery registers it)."""

from celery import shared_task

from reports import backups, build, services  # noqa: F401  (build: registers its task)


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
