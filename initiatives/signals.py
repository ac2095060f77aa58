"""Signals of the initiatives app, for the higher apps to act on without being imported."""

from django.dispatch import Signal

# Sent by ``lifecycle.fire`` inside its transaction, after the new state is saved and before
# the change is written to the history: ``initiative`` (locked), ``source``, ``target``, ``by``,
# ``notify`` and ``reason`` (a sentence on the change, for what a receiver closes).
# The expertise closes the open assignments of an initiative that left expertise on it.
state_changed = Signal()
