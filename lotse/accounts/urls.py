from django.urls import path

from . import oidc_views
from . import views

app_name = "accounts"
urlpatterns = [
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("abmelden/", views.LogoutView.as_view(), name="logout"),
    path("sso/anmelden/", oidc_views.authenticate, name="oidc_authenticate"),
    path("sso/callback/", oidc_views.callback, name="oidc_callback"),
    path("passwort/", views.PasswordChangeView.as_view(), name="password_change"),
    path("profil/", views.profile, name="profile"),
    path("keine-rolle/", views.no_role, name="no_role"),
    path("einladen/", views.invite, name="invite"),
    path("zweiter-faktor/", views.second_factor, name="second_factor"),
    path("einladung/<str:token>/", views.invitation, name="invitation"),
    path("benachrichtigungen/", views.notification_settings, name="notifications"),
    path("sprache/<str:code>/", views.language_switch, name="language"),
    path("profil/oeffentlicher-name/", views.public_name, name="public_name"),
    path("tokens/<int:pk>/widerrufen/", views.token_revoke, name="token_revoke"),
]
