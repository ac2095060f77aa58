from celery import shared_task

from reports import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def build_report_task(report_id):
    return services.build_report(report_id).status


@shared_task
def requeue_waiting_reports():
    return services.requeue_waiting_reports()
