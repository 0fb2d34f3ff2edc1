import base64
from typing import Any
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.db.models import QuerySet
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST

from lotse.http import AuthedRequest

from . import notifications
from . import selectors
from . import services
from .forms import ApiTokenForm
from .forms import InvitationForm
from .forms import LoginForm
from .forms import NotificationSettingsForm
from .forms import SecondFactorForm
from .models import ApiToken
from .models import ProgrammeRole
from .models import User
from .oidc import provider_logout_url
from .roles import roles_of


def landing_url(user: User, default: str) -> str:
    """Where a fresh login goes: the page asked for, or the page saying whom to ask for access
    when the person holds no role anywhere (e.g. a new directory account without a mapped group)."""
    if user.is_superuser or selectors.holds_any_role(user):
        return default
    return reverse("accounts:no_role")


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), **selectors.login_options()}

    def get_success_url(self) -> str:
        return landing_url(self.request.user, super().get_success_url())  # type: ignore[arg-type]


class LogoutView(auth_views.LogoutView):
    """Ends the Lotse session; after a single sign-on it also ends the session at the provider
    (RP-initiated logout), which then sends the browser back to Lotse's login page."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        provider_url = provider_logout_url(request) if settings.LOTSE_OIDC_ENABLED else None
        response = super().post(request, *args, **kwargs)
        if not provider_url:
            return response
        # A page that moves on to the provider, not a redirect: the Content Security Policy
        # (form-action 'self') forbids a form submission to end up at another site.
        return render(request, "accounts/logged_out_sso.html", {"provider_url": provider_url})


@login_required
def no_role(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "accounts/no_role.html",
        {
            "contact": settings.LOTSE_ACCESS_CONTACT,
            "pmo_people": selectors.pmo_contacts(),
            "has_role": selectors.holds_any_role(request.user),
        },
    )


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: object = None
) -> HttpResponse:
    """django-axes' answer to a locked-out login (AXES_LOCKOUT_CALLABLE): the login page the
    view already rendered, carrying the German message, with status 429."""
    if original_response is not None and original_response.get("Content-Type", "").startswith(
        "text/html"
    ):
        original_response.status_code = 429
        return original_response
    form = LoginForm(request)
    form.add_error(None, LoginForm.error_messages["locked"])
    return render(request, "accounts/login.html", {"form": form}, status=429)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        messages.success(self.request, _("Ihr Passwort wurde geändert."))
        return super().form_valid(form)


@login_required
def profile(request: AuthedRequest) -> HttpResponse:
    form = ApiTokenForm()
    new_secret = None
    if request.method == "POST":
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            _token, new_secret = services.api_token_create(
                user=request.user, name=form.cleaned_data["name"]
            )
            form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    programme_roles = request.user.programme_roles.select_related("programme", "org_unit")
    project_roles = request.user.project_roles.select_related("project")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "tokens": tokens,
            "new_secret": new_secret,
            "programme_roles": programme_roles,
            "project_roles": project_roles,
            "led_projects": request.user.led_projects.all(),
            "roles": roles_of(request.user),
        },
    )


@login_required
@require_POST
def public_name(request: AuthedRequest) -> HttpResponse:
    opt_in = request.POST.get("public_name_opt_in") == "on"
    services.user_set_public_name(user=request.user, opt_in=opt_in)
    if opt_in:
        messages.success(request, _("Ihr Name darf nun auf den öffentlichen Seiten erscheinen."))
    else:
        messages.success(request, _("Ihr Name erscheint nicht auf den öffentlichen Seiten."))
    return redirect("accounts:profile")


@login_required
@require_POST
def token_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.api_token_revoke(token=token)
    messages.success(request, _("Das Token „%(name)s“ wurde widerrufen.") % {"name": token.name})
    return redirect("accounts:profile")


@never_cache
@require_GET
def language_switch(request: HttpRequest, code: str) -> HttpResponse:
    """The language switch is a link, not a button: on the login page the first submit
    button must be "Anmelden". Only the language cookie is set (as Django's `set_language`
    does); `next` must point back into Lotse."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def _programmes_managed_by(user: User) -> QuerySet[Any]:
    """The programmes whose team the person manages (PMO, programme manager, superuser)."""
    programme_model = cast("type[Model]", ProgrammeRole._meta.get_field("programme").related_model)
    programmes = programme_model._default_manager.order_by("name")
    allowed = [p.pk for p in programmes if user.has_perm("accounts.manage_team", p)]
    return programmes.filter(pk__in=allowed)


@login_required
def invite(request: AuthedRequest) -> HttpResponse:
    """The PMO invites a person by e-mail (installations without single sign-on)."""
    programmes = _programmes_managed_by(request.user)
    if not programmes.exists():
        raise PermissionDenied
    if not settings.LOTSE_LOCAL_LOGIN:
        return render(request, "accounts/invite.html", {"local_login": False})
    initial = {}
    chosen = programmes.filter(slug=request.GET.get("programm", "")).first()
    if chosen is not None:
        initial["programme"] = chosen
    form = InvitationForm(request.POST or None, programmes=programmes, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, _link = services.user_invite(
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                programme=data["programme"],
                role=data["role"],
            )
        except ValidationError as error:
            for field, field_messages in error.message_dict.items():
                for message in field_messages:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(
                request,
                _("Die Einladung an %(email)s ist verschickt; der Link gilt %(days)s Tage.")
                % {"email": user.email, "days": settings.LOTSE_INVITATION_DAYS},
            )
            return redirect("portfolio:programme_team", slug=data["programme"].slug)
    return render(request, "accounts/invite.html", {"form": form, "local_login": True})


@never_cache
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The invited person chooses her password and is signed in."""
    user = services.invitation_user(token)
    if user is None:
        return render(request, "accounts/invitation_invalid.html", status=410)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        login(request, user, backend="lotse.accounts.backends.LocalPasswordBackend")
        messages.success(request, _("Willkommen bei Lotse! Ihr Passwort ist gespeichert."))
        return redirect(landing_url(user, reverse("home")))
    return render(request, "accounts/invitation.html", {"form": form, "invited": user})


@login_required
def notification_settings(request: AuthedRequest) -> HttpResponse:
    """Which mails the person receives; every mail links here."""
    current = notifications.settings_for(request.user)
    form = NotificationSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        notifications.settings_save(user=request.user, data=form.cleaned_data)
        messages.success(request, _("Ihre Benachrichtigungseinstellungen sind gespeichert."))
        return redirect("accounts:notifications")
    return render(request, "accounts/notifications.html", {"form": form})


@login_required
def second_factor(request: AuthedRequest) -> HttpResponse:
    """Set up, or remove, the optional second factor (TOTP) of a local account."""
    if not request.user.has_usable_password():
        return render(request, "accounts/second_factor.html", {"directory_account": True})
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and request.POST.get("remove"):
        services.second_factor_remove(user=request.user)
        messages.success(request, _("Der zweite Faktor ist entfernt."))
        return redirect("accounts:second_factor")
    if request.method == "POST" and request.POST.get("start"):
        services.second_factor_start(user=request.user)
        return redirect("accounts:second_factor")
    device = services.second_factor_device(user=request.user)
    if device is None:
        # Nothing stored on a GET: the secret is made when she starts the set-up.
        return render(request, "accounts/second_factor.html", {"device": None})
    if request.method == "POST" and not device.confirmed and form.is_valid():
        if services.second_factor_confirm(user=request.user, token=form.cleaned_data["token"]):
            messages.success(
                request,
                _("Der zweite Faktor ist eingerichtet. Lotse fragt ab jetzt nach dem Code."),
            )
            return redirect("accounts:profile")
        form.add_error(
            "token",
            _(
                "Der Code passt nicht. Bitte prüfen Sie die Uhrzeit des Geräts und versuchen "
                "Sie den nächsten Code."
            ),
        )
    secret = base64.b32encode(device.bin_key).decode() if not device.confirmed else ""
    return render(
        request,
        "accounts/second_factor.html",
        {"device": device, "form": form, "secret": secret, "config_url": device.config_url},
    )
