from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.http import AuthedRequest

from . import services
from .forms import ApiTokenForm, ThrottledLoginForm
from .models import ApiToken
from .roles import roles_of


class LoginView(auth_views.LoginView):
    form_class = ThrottledLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
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
