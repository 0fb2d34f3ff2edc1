from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("dokumente/", views.mine, name="mine"),
    path("auftraege/<int:pk>/", views.detail, name="detail"),
    path("auftraege/<int:pk>/herunterladen/", views.download, name="download"),
    path("auftraege/<int:pk>/wiederholen/", views.retry, name="retry"),
]
