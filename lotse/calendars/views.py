"""The feeds of dates and deadlines: per programme (signed in, or behind the person's secret
calendar address) and the personal "meine Termine und Fristen" (secret address)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse

from lotse.documents.ical import feed_response
from lotse.governance.views.feeds import token_user
from lotse.http import AnyUser
from lotse.http import AuthedRequest
from lotse.portfolio.models import Programme
from lotse.portfolio.selectors import get_programme_for

from . import feeds


def _programme_feed(request: HttpRequest, user: AnyUser, slug: str) -> HttpResponse:
    programme: Programme = get_programme_for(user, slug)
    body = feeds.programme_calendar(programme, user, request.build_absolute_uri)
    return feed_response(body, f"termine-{programme.slug}")


@login_required
def programme_feed(request: AuthedRequest, slug: str) -> HttpResponse:
    return _programme_feed(request, request.user, slug)


def token_programme_feed(request: HttpRequest, token: str, slug: str) -> HttpResponse:
    user = token_user(token)
    try:
        return _programme_feed(request, user, slug)
    except PermissionDenied:
        raise Http404 from None


def token_personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    user = token_user(token)
    return feed_response(feeds.personal_calendar(user, request.build_absolute_uri), "meine-termine")
