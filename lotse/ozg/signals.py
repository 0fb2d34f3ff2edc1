"""Signals of the catalogue. Apps above (the OKR key results) listen; the catalogue knows
nothing of them."""

from django.dispatch import Signal

# Sent with `programme` (and `user`, may be None) after the catalogue of a programme changed,
# inside the transaction of the change.
catalogue_changed = Signal()
