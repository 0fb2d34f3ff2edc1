"""A URLconf of its own for tests/test_nav_urls.py."""

from django.http import HttpResponse
from django.urls import path

urlpatterns = [path("anderswo/", lambda request: HttpResponse(), name="home")]
