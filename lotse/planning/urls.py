"""The URL patterns of the app, all of them in this one module."""

from django.urls import URLPattern, path

from .views import capacity as capacity_views
from .views import project as project_views
from .views import roadmap as roadmap_views

app_name = "planning"


def _plan_item_routes(kind: str, segment: str) -> list[URLPattern]:
    """`<kind>_create` and `<kind>_edit` of a phase or work package on the project's plan: the
    table-driven item form (`project_views.PLAN_ITEM_KINDS`)."""
    base = f"projekte/<int:pk>/planung/{segment}"
    view, kind_arg = project_views.plan_item_form, {"kind": kind}
    return [
        path(f"{base}/neu/", view, kind_arg, name=f"{kind}_create"),
        path(f"{base}/<int:item_pk>/", view, kind_arg, name=f"{kind}_edit"),
    ]


urlpatterns = [
    # the project's plan
    path("projekte/<int:pk>/planung/", project_views.project_plan, name="project_plan"),
    path(
        "projekte/<int:pk>/planung/phasenmodell/",
        project_views.phases_from_model,
        name="phases_from_model",
    ),
    *_plan_item_routes("phase", "phase"),
    path("phasen/<int:pk>/beginnen/", project_views.phase_start, name="phase_start"),
    path("phasen/<int:pk>/tor/", project_views.gate_pass, name="gate_pass"),
    *_plan_item_routes("work_package", "arbeitspaket"),
    path(
        "projekte/<int:pk>/planung/ist-import/",
        project_views.actual_effort_import,
        name="actual_import",
    ),
    path(
        "projekte/<int:pk>/planung/arbeitspakete.xlsx",
        project_views.work_packages_xlsx,
        name="work_packages_xlsx",
    ),
    path(
        "projekte/<int:pk>/planung/zuordnung/",
        project_views.allocation_add,
        name="allocation_add",
    ),
    path(
        "zuordnungen/<int:pk>/loeschen/",
        project_views.allocation_delete,
        name="allocation_delete",
    ),
    path("arbeitspakete/<int:pk>/", project_views.work_package_detail, name="work_package"),
    path(
        "arbeitspakete/<int:pk>/loeschen/",
        project_views.work_package_delete,
        name="work_package_delete",
    ),
    path("arbeitspakete/<int:pk>/schritte/", project_views.step_add, name="step_add"),
    path("schritte/<int:pk>/erledigt/", project_views.step_toggle, name="step_toggle"),
    path("arbeitspakete/<int:pk>/schaetzung/", project_views.estimate_add, name="estimate_add"),
    path("schaetzungen/<int:pk>/loeschen/", project_views.estimate_delete, name="estimate_delete"),
    path("arbeitspakete/<int:pk>/ist/", project_views.actual_effort_add, name="actual_add"),
    path("arbeitspakete/<int:pk>/karte/", project_views.card_create, name="card_create"),
    # capacity across org units
    path("programme/<slug:slug>/kapazitaet/", capacity_views.heat_map_page, name="heat_map"),
    path(
        "programme/<slug:slug>/kapazitaet.xlsx", capacity_views.heat_map_xlsx, name="heat_map_xlsx"
    ),
    path(
        "programme/<slug:slug>/kapazitaet/einheit/<int:unit>/",
        capacity_views.org_unit_page,
        name="org_unit",
    ),
    path(
        "programme/<slug:slug>/kapazitaet/verfuegbarkeit/",
        capacity_views.availability_page,
        name="availability",
    ),
    path(
        "verfuegbarkeiten/<int:pk>/bearbeiten/",
        capacity_views.availability_edit,
        name="availability_edit",
    ),
    path(
        "verfuegbarkeiten/<int:pk>/loeschen/",
        capacity_views.availability_delete,
        name="availability_delete",
    ),
    path(
        "programme/<slug:slug>/phasenmodell/",
        capacity_views.phase_model_page,
        name="phase_model",
    ),
    path(
        "programme/<slug:slug>/phasenmodell/phasen/",
        capacity_views.phase_list_edit,
        name="phase_list",
    ),
    path(
        "programme/<slug:slug>/phasenmodell/speichern/",
        capacity_views.phase_model_update,
        name="phase_model_update",
    ),
    # the roadmap and knock-on
    path("programme/<slug:slug>/roadmap/", roadmap_views.roadmap_page, name="roadmap"),
    path("programme/<slug:slug>/roadmap.pdf", roadmap_views.roadmap_pdf, name="roadmap_pdf"),
    path(
        "programme/<slug:slug>/abhaengigkeiten/",
        roadmap_views.dependency_map_page,
        name="dependency_map",
    ),
    path(
        "abhaengigkeiten/<int:pk>/entscheidungsbedarf/",
        roadmap_views.knock_on_raise,
        name="knock_on_raise",
    ),
]
