"""Signals with which higher apps (boards) react to reporting without reporting knowing them."""

from django.dispatch import Signal

# Sent by services.report_start when it created a new status report (kwarg: report), just
# before saving it: receivers may set fields of the report, which is saved right after.
report_started = Signal()
