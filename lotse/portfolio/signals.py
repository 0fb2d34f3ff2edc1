"""Signals of the portfolio for the apps above it (they react without being imported here)."""

from django.dispatch import Signal

# The programme's working-day calendar changed (its Bundesland or its blackout periods):
# whatever was computed from it for the future (report due dates, generated meetings) is to
# be computed again. Sent with `programme` and `today`, inside the changing transaction.
calendar_changed = Signal()

# A programme was created (the admin, the demo loaders): the apps above set up what a
# programme needs from its first day (reporting: its rhythm and periods). Sent with
# `programme` and `today`, inside the creating transaction.
programme_created = Signal()
