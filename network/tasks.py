"""Celery tasks of networks: thin wrappers around ``network.services``."""

from celery import shared_task

from network import events, services
from network.models import Network


@shared_task(acks_late=True)
def compute_network_health(network_id=None):
    """Nightly: recompute the health table of one network, or of all of them. Idempotent."""
    if network_id is None:
        return services.compute_all_health()
    network = Network.objects.filter(pk=network_id).first()
    return services.compute_network_health(network) if network else 0


@shared_task
def send_event_reminders():
    return events.send_event_reminders()
