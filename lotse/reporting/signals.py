"""Signals with which higher apps (boards) react to reporting without reporting knowing them."""

from django.dispatch import Signal

# Sent by services.report_start when it created a new status report (kwarg: report), just
# before saving it: receivers may set fields of the report, which is saved right after.
report_started = Signal()

# Sent by services.report_refresh_board for an existing draft (kwarg: report): receivers set
# the board fields (board_todo, board_doing, board_done) from the board as it is now and
# return True if they did (a board without cards returns False and leaves the texts).
board_summary_wanted = Signal()
