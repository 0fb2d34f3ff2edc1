"""The URL patterns of the app, all of them in this one module."""

from django.urls import URLPattern
from django.urls import URLResolver
from django.urls import include
from django.urls import path

from .views import imports as import_views
from .views import programme as programme_views
from .views import project as project_views

app_name = "finance"

# A programme's finance pages, under programme/<slug:slug>/finanzen/.
programme_pages = [
    path("", programme_views.overview, name="overview"),
    path("uebersicht.xlsx", programme_views.overview_xlsx, name="overview_xlsx"),
    path("ansatz/neu/", programme_views.programme_line_create, name="programme_line_create"),
    path("ausschuss/", programme_views.committee_page, name="committee"),
    path("ausschuss.pdf", programme_views.committee_pdf, name="committee_pdf"),
    path("ausschuss.xlsx", programme_views.committee_xlsx, name="committee_xlsx"),
    path("foerderungen/", programme_views.fundings, name="fundings"),
    path("foerderungen/neu/", programme_views.funding_create, name="funding_create"),
    path("fristen/neu/", programme_views.deadline_create, name="deadline_create"),
    path("vertraege/neu/", programme_views.contract_create, name="contract_create"),
    path("einstellungen/", programme_views.settings_edit, name="settings"),
    path("import/", import_views.import_actuals, name="import"),
    path("import/<str:token>/", import_views.import_preview, name="import_preview"),
]

# A project's finances, under projekte/<int:pk>/finanzen/.
project_pages = [
    path("", project_views.project_finance, name="project"),
    path("ansatz/neu/", project_views.line_create, name="line_create"),
]

# A budget line's acts, under finanzen/ansaetze/<int:pk>/.
line_pages = [
    path("bearbeiten/", project_views.line_edit, name="line_edit"),
    path("loeschen/", project_views.line_delete, name="line_delete"),
    path("ist/", project_views.actual_enter, name="actual_enter"),
]

# Budget lines, fundings, deadlines, contracts and call-offs by id, under finanzen/.
record_pages: list[URLPattern | URLResolver] = [
    path("ansaetze/<int:pk>/", include(line_pages)),
    path("foerderungen/<int:pk>/", programme_views.funding_edit, name="funding_detail"),
    path("foerderungen/<int:pk>/phase/", programme_views.phase_create, name="phase_create"),
    path("fristen/<int:pk>/", programme_views.deadline_edit, name="deadline_edit"),
    path("vertraege/<int:pk>/", programme_views.contract_detail, name="contract_detail"),
    path("abrufe/<int:pk>/loeschen/", programme_views.call_off_delete, name="call_off_delete"),
]

urlpatterns = [
    path("projekte/<int:pk>/finanzen/", include(project_pages)),
    path("programme/<slug:slug>/finanzen/", include(programme_pages)),
    path("finanzen/", include(record_pages)),
]
