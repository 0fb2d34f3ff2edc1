from django.urls import path, register_converter

from . import ideas, views

app_name = "public"


class DatasetFormat:
    regex = "csv|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(DatasetFormat, "datafmt")

# The site-wide pages come first: a programme cannot use their addresses as its slug.
urlpatterns = [
    path("oeffentlich/", views.index, name="index"),
    path("oeffentlich/impressum/", views.imprint, name="imprint"),
    path("oeffentlich/datenschutz/", views.privacy, name="privacy"),
    path("oeffentlich/barrierefreiheit/", views.accessibility, name="accessibility"),
    path("oeffentlich/<slug:slug>/", views.programme, name="programme"),
    path(
        "oeffentlich/<slug:slug>/themenfelder/<int:pk>/",
        views.field_of_action,
        name="field",
    ),
    path("oeffentlich/<slug:slug>/projekte/", views.project_list, name="project_list"),
    path("oeffentlich/<slug:slug>/projekte/<int:pk>/", views.project, name="project"),
    path("oeffentlich/<slug:slug>/daten/", views.data, name="data"),
    path("oeffentlich/<slug:slug>/ozg/", views.ozg, name="ozg"),
    # Metadata for portals (GovData): before the data sets, whose pattern also fits them.
    path("oeffentlich/<slug:slug>/daten/dcat.jsonld", views.dcat, name="dcat"),
    path("oeffentlich/<slug:slug>/daten/dcat.rdf", views.dcat_rdf, name="dcat_rdf"),
    path("oeffentlich/<slug:slug>/daten/datapackage.json", views.datapackage, name="datapackage"),
    path("oeffentlich/<slug:slug>/ozg/leistungen.<datafmt:fmt>", views.ozg_data, name="ozg_data"),
    path(
        "oeffentlich/<slug:slug>/daten/<slug:name>.<datafmt:fmt>",
        views.dataset,
        name="dataset",
    ),
    path("oeffentlich/<slug:slug>/ideen/", ideas.idea_list, name="idea_list"),
    path("oeffentlich/<slug:slug>/ideen/einreichen/", ideas.idea_submit, name="idea_submit"),
    path("oeffentlich/<slug:slug>/ideen/danke/", ideas.idea_thanks, name="idea_thanks"),
    path("oeffentlich/<slug:slug>/ideen/<int:pk>/", ideas.idea_detail, name="idea_detail"),
    path(
        "oeffentlich/<slug:slug>/ideen/<int:pk>/unterstuetzen/",
        ideas.idea_support,
        name="idea_support",
    ),
    path(
        "oeffentlich/<slug:slug>/ideen/<int:pk>/kommentieren/",
        ideas.idea_comment,
        name="idea_comment",
    ),
    path("programme/<slug:slug>/oeffentliche-seiten/", views.manage, name="manage"),
]
