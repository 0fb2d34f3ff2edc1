"""Who may see and change the roles of a programme's people."""

import rules

from lotse.portfolio.rules import is_superuser, reads_programme, runs_programme

rules.add_perm("accounts.view_team", is_superuser | reads_programme)
rules.add_perm("accounts.manage_team", is_superuser | runs_programme)
