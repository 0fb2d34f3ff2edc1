from django.urls import path

from . import views

app_name = "council_reports"

urlpatterns = [
    path("programme/<slug:slug>/berichte/", views.index, name="index"),
    path("programme/<slug:slug>/berichte/vorschau/", views.preview, name="preview"),
    path("berichte/<int:pk>/herunterladen/", views.download, name="download"),
    path("berichtspflichten/<int:pk>/bericht-erstellen/", views.for_duty, name="for_duty"),
]
