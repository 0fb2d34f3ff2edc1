from django.urls import URLPattern
from django.urls import URLResolver
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

# A programme's open data, under oeffentlich/<slug:slug>/daten/: the metadata for portals
# (GovData) before the data sets, whose pattern also fits them.
data_pages = [
    path("", views.data, name="data"),
    path("dcat.jsonld", views.dcat, name="dcat"),
    path("dcat.rdf", views.dcat_rdf, name="dcat_rdf"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    path("<slug:name>.<datafmt:fmt>", views.dataset, name="dataset"),
]

# The ideas of the public participation, under oeffentlich/<slug:slug>/ideen/.
idea_pages = [
    path("", ideas.idea_list, name="idea_list"),
    path("einreichen/", ideas.idea_submit, name="idea_submit"),
    path("danke/", ideas.idea_thanks, name="idea_thanks"),
    path("<int:pk>/", ideas.idea_detail, name="idea_detail"),
    path("<int:pk>/unterstuetzen/", ideas.idea_support, name="idea_support"),
    path("<int:pk>/kommentieren/", ideas.idea_comment, name="idea_comment"),
]

# A programme's public pages, under oeffentlich/<slug:slug>/.
programme_pages: list[URLPattern | URLResolver] = [
    path("", views.programme, name="programme"),
    path("themenfelder/<int:pk>/", views.field_of_action, name="field"),
    path("projekte/", views.project_list, name="project_list"),
    path("projekte/<int:pk>/", views.project, name="project"),
    path("daten/", include(data_pages)),
    path("ozg/", views.ozg, name="ozg"),
    path("ozg/leistungen.<datafmt:fmt>", views.ozg_data, name="ozg_data"),
    path("ideen/", include(idea_pages)),
]

# The site-wide pages come first: a programme cannot use their addresses as its slug.
public_site: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("impressum/", views.imprint, name="imprint"),
    path("datenschutz/", views.privacy, name="privacy"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("<slug:slug>/", include(programme_pages)),
]

# Behind one prefix, so that every other address fails here on one comparison (lotse/urls.py
# tries this module early, before the apps of the logged-in pages).
urlpatterns = [
    path("oeffentlich/", include(public_site)),
    path("programme/<slug:slug>/oeffentliche-seiten/", views.manage, name="manage"),
]
