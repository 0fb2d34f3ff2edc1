"""The public idea platform (seed 003 §2.3: a moderated online idea platform): citizens submit
ideas without an account, read the moderated ideas with their status and support them.

No third parties and no tracking: spam is held off by a honeypot field, a minimum time to fill
in the form (a signed timestamp in the form), and a rate limit per address kept only for an
hour in the cache, under a keyed hash of the address. Supporting an idea sets one cookie: a
random token, signed, that says nothing about the person; the database keeps only a keyed
hash of it. The pages never read the session and never set any other cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST

from lotse.discussion import services as comment_services
from lotse.discussion.selectors import public_comments
from lotse.forms import Form
from lotse.forms import add_service_errors
from lotse.http import paginate
from lotse.ideas import services as idea_services
from lotse.ideas.models import Idea
from lotse.ideas.models import IdeaQuerySet
from lotse.ideas.models import IdeaSettings
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Programme

from . import selectors
from .models import PublicSiteSettings

MIN_FILL_SECONDS = 4
MAX_FORM_AGE_SECONDS = 4 * 3600
SUBMISSIONS_PER_HOUR = 5
SUPPORTS_PER_HOUR = 60
SUPPORT_COOKIE = "lotse_support"
SUPPORT_COOKIE_SALT = "lotse.public.ideas.support"
FORM_SALT = "lotse.public.ideas.form"


# --- what the public may see -------------------------------------------------------------------


def platform_programme(slug: str) -> tuple[Programme, IdeaSettings]:
    """The public programme if its idea platform is on, else 404."""
    programme = selectors.get_public_programme(slug)
    found = IdeaSettings.objects.filter(programme=programme, public_platform=True).first()
    if found is None:
        raise Http404
    return programme, found


def public_ideas(programme: Programme) -> IdeaQuerySet:
    return (
        Idea.objects.publicly_visible()
        .filter(programme=programme)
        .select_related("field_of_action", "project")
        .with_support_counts()
    )


# --- spam protection ---------------------------------------------------------------------------


def _address_key(request: HttpRequest, kind: str) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256)
    return f"ideas-{kind}:{digest.hexdigest()[:32]}"


def over_limit(request: HttpRequest, kind: str, limit: int) -> bool:
    """Count one more event for this address; True once the hour's limit is passed."""
    key = _address_key(request, kind)
    cache.add(key, 0, 3600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, 3600)
        count = 1
    return count > limit


def form_stamp(slug: str) -> str:
    return signing.TimestampSigner(salt=FORM_SALT).sign(slug)


def check_stamp(stamp: str, slug: str) -> str | None:
    """A German reason why the form looks automated, or None."""
    signer = signing.TimestampSigner(salt=FORM_SALT)
    try:
        value = signer.unsign(stamp, max_age=MAX_FORM_AGE_SECONDS)
    except signing.SignatureExpired:
        return _("Das Formular war zu lange geöffnet. Bitte senden Sie es noch einmal ab.")
    except signing.BadSignature:
        return _("Das Formular ist ungültig. Bitte laden Sie die Seite neu.")
    if value != slug:
        return _("Das Formular ist ungültig. Bitte laden Sie die Seite neu.")
    try:
        signer.unsign(stamp, max_age=MIN_FILL_SECONDS)
    except signing.SignatureExpired:
        return None
    return _("Das ging sehr schnell. Bitte prüfen Sie Ihre Angaben und senden Sie erneut ab.")


class IdeaForm(Form):
    title = forms.CharField(label=gettext_lazy("Titel Ihrer Idee"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Beschreibung"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=gettext_lazy("Was soll besser werden, und für wen?"),
    )
    field_of_action = forms.ModelChoiceField(
        label=gettext_lazy("Themenfeld"),
        queryset=FieldOfAction.objects.none(),
        required=False,
        empty_label=gettext_lazy("– weiß nicht –"),
    )
    author_name = forms.CharField(
        label=gettext_lazy("Ihr Name (freiwillig)"), max_length=120, required=False
    )
    author_email = forms.EmailField(
        label=gettext_lazy("Ihre E-Mail-Adresse (freiwillig)"),
        required=False,
        help_text=gettext_lazy("Nur für Rückfragen zu Ihrer Idee; sie wird nie veröffentlicht."),
    )
    contact_consent = forms.BooleanField(
        label=gettext_lazy(
            "Ich bin einverstanden, dass mich die Verwaltung zu dieser Idee per E-Mail anschreibt."
        ),
        required=False,
    )
    # The honeypot: hidden from people (CSS and aria-hidden), filled in by bots.
    website = forms.CharField(label=gettext_lazy("Bitte leer lassen"), required=False)
    stamp = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["field_of_action"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - form set-up
        field.queryset = FieldOfAction.objects.filter(programme=programme).order_by("order", "name")


def _page(template: str, context: dict, status: int = 200) -> HttpResponse:
    context.setdefault("site", PublicSiteSettings.load())
    response = HttpResponse(render_to_string(f"public/{template}", context), status=status)
    response.headers["Content-Language"] = "de"
    return response


# Ideas per page of the public list.
IDEAS_PER_PAGE = 50


# --- views -------------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD"])
def idea_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme, platform = platform_programme(slug)
    ideas = public_ideas(programme)
    field = request.GET.get("themenfeld", "")
    status = request.GET.get("status", "")
    if field.isdigit():
        ideas = ideas.filter(field_of_action_id=int(field))
    if status in Idea.Status.values:
        ideas = ideas.filter(status=status)
    page, query = paginate(request, ideas.order_by("-created_at", "-pk"), IDEAS_PER_PAGE)
    return _page(
        "ideas/list.html",
        {
            "programme": programme,
            "platform": platform,
            "section": "ideas",
            "ideas": page.object_list,
            "page": page,
            "query": query,
            "fields": list(FieldOfAction.objects.filter(programme=programme).order_by("order")),
            "statuses": Idea.Status.choices,
            "chosen_field": field,
            "chosen_status": status,
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
def idea_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme, platform = platform_programme(slug)
    idea = get_object_or_404(public_ideas(programme), pk=pk)
    return _page(
        "ideas/detail.html",
        {
            "programme": programme,
            "platform": platform,
            "section": "ideas",
            "idea": idea,
            "supported": idea.pk in _supported(request),
            "comments": public_comments(idea),
            "comment_stamp": form_stamp(slug),
            "comment_thanks": request.GET.get("kommentar") == "danke",
        },
    )


def _new_form(programme: Programme) -> IdeaForm:
    return IdeaForm(programme=programme, initial={"stamp": form_stamp(programme.slug)})


@csrf_exempt  # no account, no session: the signed stamp and the limits guard the form
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def idea_submit(request: HttpRequest, slug: str) -> HttpResponse:
    programme, platform = platform_programme(slug)
    context = {"programme": programme, "platform": platform, "section": "ideas"}
    if request.method != "POST":
        return _page("ideas/submit.html", {**context, "form": _new_form(programme)})
    form = IdeaForm(request.POST, programme=programme)
    if request.POST.get("website"):
        # A bot filled in the hidden field: answer as if all went well, store nothing.
        return HttpResponseRedirect(reverse("public:idea_thanks", kwargs={"slug": slug}))
    if over_limit(request, "submit", SUBMISSIONS_PER_HOUR):
        form.is_valid()
        form.add_error(
            None,
            _(
                "Von Ihrem Anschluss kamen in der letzten Stunde schon mehrere Ideen. Bitte "
                "versuchen Sie es später noch einmal."
            ),
        )
        return _page("ideas/submit.html", {**context, "form": form}, status=429)
    if form.is_valid():
        problem = check_stamp(form.cleaned_data["stamp"], slug)
        if problem:
            form.add_error(None, problem)
        else:
            try:
                idea_services.idea_submit_public(programme=programme, data=form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return HttpResponseRedirect(reverse("public:idea_thanks", kwargs={"slug": slug}))
    fresh = request.POST.copy()  # what the form was bound to
    fresh["stamp"] = form_stamp(slug)
    form.data = fresh
    return _page("ideas/submit.html", {**context, "form": form}, status=422)


@never_cache
@require_http_methods(["GET", "HEAD"])
def idea_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    programme, platform = platform_programme(slug)
    return _page(
        "ideas/thanks.html",
        {"programme": programme, "platform": platform, "section": "ideas"},
    )


COMMENTS_PER_HOUR = 10


@csrf_exempt  # no account, no session: the signed stamp and the limits guard the form
@require_POST
def idea_comment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A citizen's comment on a public idea; shown once a moderator approves it."""
    programme, _platform = platform_programme(slug)
    idea = get_object_or_404(public_ideas(programme), pk=pk)
    target = reverse("public:idea_detail", kwargs={"slug": slug, "pk": idea.pk})
    if request.POST.get("website"):
        return HttpResponseRedirect(f"{target}?kommentar=danke#kommentare")
    problem = check_stamp(request.POST.get("stamp", ""), slug)
    if problem is None and over_limit(request, "comment", COMMENTS_PER_HOUR):
        problem = _("Von Ihrem Anschluss kamen schon mehrere Kommentare. Bitte später wieder.")
    if problem is None:
        try:
            comment_services.comment_add_public(
                obj=idea,
                body=request.POST.get("body", ""),
                author_name=request.POST.get("author_name", ""),
            )
        except ValidationError as exc:
            problem = " ".join(exc.messages)
    if problem:
        return HttpResponse(problem, status=422, content_type="text/plain; charset=utf-8")
    return HttpResponseRedirect(f"{target}?kommentar=danke#kommentare")


def _supported(request: HttpRequest) -> set[int]:
    raw = request.COOKIES.get(SUPPORT_COOKIE)
    if not raw:
        return set()
    try:
        value = signing.loads(raw, salt=SUPPORT_COOKIE_SALT)
    except signing.BadSignature:
        return set()
    ids = value.get("i", []) if isinstance(value, dict) else []
    return {i for i in ids if isinstance(i, int)}


def _token(request: HttpRequest) -> str:
    raw = request.COOKIES.get(SUPPORT_COOKIE)
    if raw:
        try:
            value = signing.loads(raw, salt=SUPPORT_COOKIE_SALT)
            if isinstance(value, dict) and isinstance(value.get("t"), str):
                return value["t"]
        except signing.BadSignature:
            pass
    return secrets.token_urlsafe(24)


@csrf_exempt  # an anonymous action without a session; limits and the cookie guard it
@require_POST
def idea_support(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme, _platform = platform_programme(slug)
    idea = get_object_or_404(public_ideas(programme), pk=pk)
    target = reverse("public:idea_detail", kwargs={"slug": slug, "pk": idea.pk})
    if over_limit(request, "support", SUPPORTS_PER_HOUR):
        return HttpResponse(
            _("Zu viele Unterstützungen von Ihrem Anschluss. Bitte versuchen Sie es später."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
    token = _token(request)
    idea_services.idea_support(idea=idea, token=token)
    supported = _supported(request) | {idea.pk}
    response = HttpResponseRedirect(f"{target}#unterstuetzen")
    response.set_cookie(
        SUPPORT_COOKIE,
        signing.dumps({"t": token, "i": sorted(supported)[-500:]}, salt=SUPPORT_COOKIE_SALT),
        max_age=365 * 24 * 3600,
        secure=not settings.DEBUG,
        httponly=True,
        samesite="Lax",
    )
    return response
