from django.urls import include
from django.urls import path
from django.urls import register_converter

from . import ideas
from . import views

app_name = "public"


class DatasetFormat:
    regex = "csv|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(DatasetFormat, "datafmt")

# The site-wide pages come first: a programme cannot use their addresses as its slug.
public_site = [
    path("", views.index, name="index"),
    path("impressum/", views.imprint, name="imprint"),
    path("datenschutz/", views.privacy, name="privacy"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("<slug:slug>/", views.programme, name="programme"),
    path(
        "<slug:slug>/themenfelder/<int:pk>/",
        views.field_of_action,
        name="field",
    ),
    path("<slug:slug>/projekte/", views.project_list, name="project_list"),
    path("<slug:slug>/projekte/<int:pk>/", views.project, name="project"),
    path("<slug:slug>/daten/", views.data, name="data"),
    path("<slug:slug>/ozg/", views.ozg, name="ozg"),
    # Metadata for portals (GovData): before the data sets, whose pattern also fits them.
    path("<slug:slug>/daten/dcat.jsonld", views.dcat, name="dcat"),
    path("<slug:slug>/daten/dcat.rdf", views.dcat_rdf, name="dcat_rdf"),
    path("<slug:slug>/daten/datapackage.json", views.datapackage, name="datapackage"),
    path("<slug:slug>/ozg/leistungen.<datafmt:fmt>", views.ozg_data, name="ozg_data"),
    path(
        "<slug:slug>/daten/<slug:name>.<datafmt:fmt>",
        views.dataset,
        name="dataset",
    ),
    path("<slug:slug>/ideen/", ideas.idea_list, name="idea_list"),
    path("<slug:slug>/ideen/einreichen/", ideas.idea_submit, name="idea_submit"),
    path("<slug:slug>/ideen/danke/", ideas.idea_thanks, name="idea_thanks"),
    path("<slug:slug>/ideen/<int:pk>/", ideas.idea_detail, name="idea_detail"),
    path(
        "<slug:slug>/ideen/<int:pk>/unterstuetzen/",
        ideas.idea_support,
        name="idea_support",
    ),
    path(
        "<slug:slug>/ideen/<int:pk>/kommentieren/",
        ideas.idea_comment,
        name="idea_comment",
    ),
]

# Behind one prefix, so that every other address fails here on one comparison (lotse/urls.py
# tries this module early, before the apps of the logged-in pages).
urlpatterns = [
    path("oeffentlich/", include(public_site)),
    path("programme/<slug:slug>/oeffentliche-seiten/", views.manage, name="manage"),
]
