"""Reads of the glossary and the principles."""

from django.db.models import Q
from django.db.models import QuerySet

from lotse.portfolio.models import Programme

from .models import GlossaryTerm
from .models import Principle


def terms_of(programme: Programme, query: str = "") -> QuerySet[GlossaryTerm]:
    qs = GlossaryTerm.objects.filter(programme=programme)
    query = (query or "").strip()
    if query:
        qs = qs.filter(Q(term__icontains=query) | Q(definition__icontains=query))
    return qs.order_by("term")


def principles_of(programme: Programme) -> list[Principle]:
    return list(Principle.objects.filter(programme=programme).order_by("order", "pk"))
