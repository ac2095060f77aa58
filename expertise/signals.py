"""Signals of the expertise app."""

from django.dispatch import Signal

# Sent after commit when a conclusion is issued and its PDF should be built; ``conclusion_id``.
# ``expertise.tasks`` queues the PDF on it, so the domain functions never import the tasks.
conclusion_issued = Signal()
