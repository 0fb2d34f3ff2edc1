"""Calendar feeds: per series (session or personal token) and the personal feed."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.accounts.models import User
from lotse.documents.ical import feed_response
from lotse.http import AuthedRequest

from .. import feeds
from .. import selectors
from .. import services
from ..models import CalendarToken
from ..models import Meeting


def _ics(
    request: HttpRequest, name: str, meetings: Iterable[Meeting], filename: str
) -> HttpResponse:
    body = feeds.build_calendar(name, meetings, request.build_absolute_uri)
    return feed_response(body, filename)


@login_required
def series_feed(request: AuthedRequest, pk: int) -> HttpResponse:
    series = selectors.get_series_for(request.user, pk)
    return _ics(request, series.name, feeds.series_meetings(series), f"gremium-{series.pk}")


def token_user(token: str) -> User:
    """The person whose secret calendar address this is; 404 for an unknown or revoked one."""
    user = services.calendar_token_user(token)
    if user is None:
        raise Http404
    return user


def token_series_feed(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    user = token_user(token)
    try:
        series = selectors.get_series_for(user, pk)
    except PermissionDenied:
        raise Http404 from None
    return _ics(request, series.name, feeds.series_meetings(series), f"gremium-{series.pk}")


def token_personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    user = token_user(token)
    return _ics(request, _("Meine Gremien (Lotse)"), feeds.personal_meetings(user), "meine-gremien")


@login_required
def feed_settings(request: AuthedRequest) -> HttpResponse:
    secret = request.session.pop("calendar_secret", None)
    active = CalendarToken.objects.filter(user=request.user, revoked_at__isnull=True).first()
    series = [
        s
        for s in selectors.series_queryset().filter(programme__isnull=False)
        if request.user.has_perm("governance.view_series", s)
    ][:50]
    context = {
        "active": active,
        "secret_url": request.build_absolute_uri(reverse("governance:personal_feed", args=[secret]))
        if secret
        else None,
        "series": series,
        "programmes": sorted({s.programme for s in series}, key=lambda p: p.name),
        "secret": secret,
    }
    return render(request, "governance/feed_settings.html", context)


@login_required
@require_POST
def feed_token_new(request: AuthedRequest) -> HttpResponse:
    # Shown once on the next page, never stored in clear.
    request.session["calendar_secret"] = services.calendar_token_create(user=request.user)
    messages.success(request, _("Neue Kalender-Adresse erzeugt; die bisherige gilt nicht mehr."))
    return redirect("governance:feed_settings")


@login_required
@require_POST
def feed_token_revoke(request: AuthedRequest) -> HttpResponse:
    services.calendar_token_revoke(user=request.user)
    messages.success(request, _("Kalender-Adresse widerrufen."))
    return redirect("governance:feed_settings")
