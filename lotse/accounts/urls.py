from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("passwort/", views.PasswordChangeView.as_view(), name="password_change"),
    path("profil/", views.profile, name="profile"),
    path("keine-rolle/", views.no_role, name="no_role"),
    path("sprache/<str:code>/", views.language_switch, name="language"),
    path("profil/oeffentlicher-name/", views.public_name, name="public_name"),
    path("tokens/<int:pk>/widerrufen/", views.token_revoke, name="token_revoke"),
]
