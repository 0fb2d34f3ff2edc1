"""The glossary and the principles: everyone in the programme reads them, the programme
office (PMO, programme manager) keeps them."""

import rules

from lotse.accounts.rules import is_superuser
from lotse.accounts.rules import reads_programme
from lotse.accounts.rules import runs_programme

rules.add_perm("glossary.view", is_superuser | reads_programme)
rules.add_perm("glossary.change", is_superuser | runs_programme)
