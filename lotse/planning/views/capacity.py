"""Capacity across org units: the heat map, the overload list, the drill-down."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from lotse.http import AuthedRequest

from .. import selectors


@login_required
def heat_map_page(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_for(request.user, slug)
    return render(request, "planning/heat_map.html", {"programme": programme})
