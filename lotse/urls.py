from django.contrib import admin
from django.urls import include
from django.urls import path

from lotse.api.urls import api
from lotse.portfolio.views import home

urlpatterns = [
    path("", home, name="home"),
    # Public pages first: all behind one prefix (lotse/public/urls.py), so the others pay one
    # comparison, and an anonymous visitor's address is not tried against every app.
    path("", include("lotse.public.urls")),
    path("konto/", include("lotse.accounts.urls")),
    path("", include("lotse.portfolio.urls")),
    path("", include("lotse.reporting.urls")),
    path("", include("lotse.finance.urls")),
    path("", include("lotse.ozg.urls")),
    path("", include("lotse.okr.urls")),
    path("", include("lotse.boards.urls")),
    path("", include("lotse.governance.urls")),
    path("", include("lotse.planning.urls")),
    path("", include("lotse.ideas.urls")),
    path("", include("lotse.discussion.urls")),
    path("", include("lotse.attachments.urls")),
    path("", include("lotse.search.urls")),
    path("", include("lotse.portfolio_import.urls")),
    path("", include("lotse.glossary.urls")),
    path("", include("lotse.council_reports.urls")),
    path("", include("lotse.calendars.urls")),
    path("", include("lotse.jobs.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
