"""The search page: the header's search box leads here."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from lotse.http import AuthedRequest

from . import selectors


@login_required
def results(request: AuthedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[: selectors.MAX_QUERY]
    groups = selectors.search(request.user, query) if query else []
    return render(
        request,
        "search/results.html",
        {"search_query": query, "groups": groups, "count": sum(len(g.hits) for g in groups)},
    )
