"""Who may switch a programme's public pages on or off: the programme office."""

import rules

from lotse.accounts.rules import is_superuser
from lotse.accounts.rules import runs_programme

rules.add_perm("public.manage_publication", is_superuser | runs_programme)
