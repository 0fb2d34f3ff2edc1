"""The URL patterns of the app, all of them in this one module."""

from django.urls import URLPattern
from django.urls import include
from django.urls import path

from .views import capacity as capacity_views
from .views import project as project_views
from .views import roadmap as roadmap_views

app_name = "planning"


def _plan_item_routes(kind: str, segment: str) -> list[URLPattern]:
    """`<kind>_create` and `<kind>_edit` of a phase or work package on the project's plan: the
    table-driven item form (`project_views.PLAN_ITEM_KINDS`)."""
    view, kind_arg = project_views.plan_item_form, {"kind": kind}
    return [
        path(f"{segment}/neu/", view, kind_arg, name=f"{kind}_create"),
        path(f"{segment}/<int:item_pk>/", view, kind_arg, name=f"{kind}_edit"),
    ]


# The project's plan, under projekte/<int:pk>/planung/.
plan_pages = [
    path("", project_views.project_plan, name="project_plan"),
    path("phasenmodell/", project_views.phases_from_model, name="phases_from_model"),
    *_plan_item_routes("phase", "phase"),
    *_plan_item_routes("work_package", "arbeitspaket"),
    path("ist-import/", project_views.actual_effort_import, name="actual_import"),
    path("arbeitspakete.xlsx", project_views.work_packages_xlsx, name="work_packages_xlsx"),
    path("zuordnung/", project_views.allocation_add, name="allocation_add"),
]

# A work package's page and acts, under arbeitspakete/<int:pk>/.
work_package_pages = [
    path("", project_views.work_package_detail, name="work_package"),
    path("loeschen/", project_views.work_package_delete, name="work_package_delete"),
    path("schritte/", project_views.step_add, name="step_add"),
    path("schaetzung/", project_views.estimate_add, name="estimate_add"),
    path("ist/", project_views.actual_effort_add, name="actual_add"),
    path("karte/", project_views.card_create, name="card_create"),
]

# The programme's capacity, phase model, roadmap and dependencies, under
# programme/<slug:slug>/.
programme_pages = [
    path("kapazitaet/", capacity_views.heat_map_page, name="heat_map"),
    path("kapazitaet.xlsx", capacity_views.heat_map_xlsx, name="heat_map_xlsx"),
    path("kapazitaet/einheit/<int:unit>/", capacity_views.org_unit_page, name="org_unit"),
    path("kapazitaet/verfuegbarkeit/", capacity_views.availability_page, name="availability"),
    path("phasenmodell/", capacity_views.phase_model_page, name="phase_model"),
    path("phasenmodell/phasen/", capacity_views.phase_list_edit, name="phase_list"),
    path("phasenmodell/speichern/", capacity_views.phase_model_update, name="phase_model_update"),
    path("roadmap/", roadmap_views.roadmap_page, name="roadmap"),
    path("roadmap.pdf", roadmap_views.roadmap_pdf, name="roadmap_pdf"),
    path("abhaengigkeiten/", roadmap_views.dependency_map_page, name="dependency_map"),
]

# A phase's acts, under phasen/<int:pk>/.
phase_pages = [
    path("beginnen/", project_views.phase_start, name="phase_start"),
    path("tor/", project_views.gate_pass, name="gate_pass"),
]

# An availability's acts, under verfuegbarkeiten/<int:pk>/.
availability_pages = [
    path("bearbeiten/", capacity_views.availability_edit, name="availability_edit"),
    path("loeschen/", capacity_views.availability_delete, name="availability_delete"),
]

urlpatterns = [
    path("projekte/<int:pk>/planung/", include(plan_pages)),
    path("phasen/<int:pk>/", include(phase_pages)),
    path(
        "zuordnungen/<int:pk>/loeschen/", project_views.allocation_delete, name="allocation_delete"
    ),
    path("arbeitspakete/<int:pk>/", include(work_package_pages)),
    path("schritte/<int:pk>/erledigt/", project_views.step_toggle, name="step_toggle"),
    path("schaetzungen/<int:pk>/loeschen/", project_views.estimate_delete, name="estimate_delete"),
    path("verfuegbarkeiten/<int:pk>/", include(availability_pages)),
    path("programme/<slug:slug>/", include(programme_pages)),
    path(
        "abhaengigkeiten/<int:pk>/entscheidungsbedarf/",
        roadmap_views.knock_on_raise,
        name="knock_on_raise",
    ),
]
