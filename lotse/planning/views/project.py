"""The project's plan: phases with their gates, work packages, who carries it when."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from lotse.http import AuthedRequest

from .. import selectors


@login_required
def project_plan(request: AuthedRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for(request.user, pk)
    return render(request, "planning/project_plan.html", {"project": project})


@login_required
def work_package_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    work_package = selectors.get_work_package_for(request.user, pk)
    return render(
        request,
        "planning/work_package.html",
        {"work_package": work_package, "project": work_package.project},
    )
