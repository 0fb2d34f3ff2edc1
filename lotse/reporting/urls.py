"""The URL patterns of the app, all of them in this one module."""

from django.urls import URLPattern
from django.urls import include
from django.urls import path

from .views import config as config_views
from .views import programme as programme_views
from .views import project as project_views

app_name = "reporting"


def _item_routes(kind: str, segment: str, *, delete: bool = True) -> list[URLPattern]:
    """`<kind>_create` (on the project), `<kind>_edit` and `<kind>_delete` of a milestone, risk
    or decision request: the table-driven item views (`project_views.ITEM_KINDS`)."""
    kind_arg = {"kind": kind}
    routes = [
        path(
            f"projekte/<int:pk>/{segment}/neu/",
            project_views.project_item_form,
            kind_arg | {"new": True},
            name=f"{kind}_create",
        ),
        path(
            f"{segment}/<int:pk>/bearbeiten/",
            project_views.project_item_form,
            kind_arg,
            name=f"{kind}_edit",
        ),
    ]
    if delete:
        routes.append(
            path(
                f"{segment}/<int:pk>/loeschen/",
                project_views.project_item_delete,
                kind_arg,
                name=f"{kind}_delete",
            )
        )
    return routes


# A status report's page and workflow, under berichte/<int:pk>/.
report_pages = [
    path("", project_views.report_detail, name="report_detail"),
    path("bearbeiten/", project_views.report_edit, name="report_edit"),
    path("einreichen/", project_views.report_submit, name="report_submit"),
    path("board-uebernehmen/", project_views.report_refresh_board, name="report_refresh_board"),
    path("pruefen/", project_views.report_review, name="report_review"),
    path("freigeben/", project_views.report_release, name="report_release"),
]

# The programme's cockpit, Projektcheck, controlling and settings, under programme/<slug:slug>/.
programme_pages = [
    path("cockpit/", programme_views.programme_cockpit, name="programme_cockpit"),
    path("cockpit.xlsx", programme_views.programme_cockpit_xlsx, name="programme_cockpit_xlsx"),
    path("projektcheck/", programme_views.projektcheck, name="projektcheck"),
    path("projektcheck.pdf", programme_views.projektcheck_pdf, name="projektcheck_pdf"),
    path("controlling/", programme_views.controlling, name="controlling"),
    path("berichtswesen/", config_views.reporting_settings, name="settings"),
]

# A project's cockpit and the start of its status report, under projekte/<int:pk>/.
project_pages = [
    path("cockpit/", project_views.project_cockpit, name="project_cockpit"),
    path(
        "perioden/<int:period_pk>/bericht-beginnen/",
        project_views.report_start,
        name="report_start",
    ),
    path("bericht-beginnen/", project_views.report_start, name="report_start_current"),
]

urlpatterns = [
    path("projekte/<int:pk>/", include(project_pages)),
    path("berichte/<int:pk>/", include(report_pages)),
    *_item_routes("milestone", "meilensteine"),
    *_item_routes("risk", "risiken"),
    *_item_routes("decision_request", "entscheidungsbedarf", delete=False),
    path(
        "entscheidungsbedarf/<int:pk>/zurueckziehen/",
        project_views.decision_request_withdraw,
        name="decision_request_withdraw",
    ),
    path("programme/<slug:slug>/", include(programme_pages)),
]
