"""Lotse settings: everything comes from environment variables, with safe local defaults.

Production mode (LOTSE_DEBUG=0) refuses to start with the development secret key or without
ALLOWED_HOSTS, so a forgotten variable cannot become an insecure installation.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "lotse-development-only-not-secret"  # noqa: S105


def env_str(name: str, default: str = "") -> str:
    """A string setting; NAME_FILE (a path) wins over NAME, for container secrets."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("LOTSE_DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", DEV_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")

if not DEBUG:
    if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "LOTSE_DEBUG=0 (production mode) needs SECRET_KEY (or SECRET_KEY_FILE) set to a "
            "random value of at least 32 characters; the development default is refused."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "LOTSE_DEBUG=0 (production mode) needs ALLOWED_HOSTS, e.g. "
            "ALLOWED_HOSTS=lotse.example.org"
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "lotse.accounts",
    "lotse.portfolio",
    "lotse.jobs",
    "lotse.discussion",
    "lotse.attachments",
    "lotse.glossary",
    "lotse.finance",
    "lotse.ozg",
    "lotse.reporting",
    "lotse.okr",
    "lotse.boards",
    "lotse.governance",
    "lotse.planning",
    "lotse.ideas",
    "lotse.public",
    "lotse.council_reports",
    "lotse.search",
    "lotse.portfolio_import",
    "lotse.api",
    "lotse.documents",
    "lotse.backup",
    "lotse.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lotse.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lotse.middleware.GermanFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Innermost: replaces Django's technical 404 page before the others finish the response.
    "lotse.middleware.OwnNotFoundPageMiddleware",
    # django-axes: turns a locked-out login into the 429 page (AXES_LOCKOUT_CALLABLE).
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # In production static files come from STATIC_ROOT (collectstatic), served by WhiteNoise.
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "lotse.urls"
WSGI_APPLICATION = "lotse.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lotse" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "lotse.context_processors.navigation",
            ],
            # {% nav_url %}: the links every page repeats, reversed once per process;
            # {% labelled_field %}: a filter form's fields put together in Python.
            "libraries": {"nav_urls": "lotse.nav_urls", "form_renderer": "lotse.form_renderer"},
        },
    },
]
# Selects put together in Python, other widgets from Django's templates (lotse/form_renderer.py).
FORM_RENDERER = "lotse.form_renderer.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers continue while one writer works; IMMEDIATE avoids lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Local password login for everybody (1) or only for superusers, the break-glass account (0).
LOTSE_LOCAL_LOGIN = env_bool("LOTSE_LOCAL_LOGIN", True)
AUTHENTICATION_BACKENDS = [
    # First: refuses every login while the user name and address are locked out.
    "lotse.accounts.backends.LoginProtectionBackend",
    "rules.permissions.ObjectPermissionBackend",
    "lotse.accounts.backends.LocalPasswordBackend",
]
# Second factor (TOTP, django-otp) for local accounts: the issuer shown in authenticator apps.
OTP_TOTP_ISSUER = env_str("LOTSE_TOTP_ISSUER", "Lotse")
# Where someone without a role is sent, e.g. "das PMO (pmo@stadt.example) oder den
# IT-Servicedesk, Tel. 1234"; shown on the page a user without any role sees after login.
LOTSE_ACCESS_CONTACT = env_str("LOTSE_ACCESS_CONTACT")
# How long an invitation link (PMO invites a person by e-mail) stays valid, in days.
LOTSE_INVITATION_DAYS = env_int("LOTSE_INVITATION_DAYS", 7)

# Single sign-on with OpenID Connect (mozilla-django-oidc): on when a discovery URL is set.
LOTSE_OIDC_DISCOVERY_URL = env_str("LOTSE_OIDC_DISCOVERY_URL")
LOTSE_OIDC_ENABLED = bool(LOTSE_OIDC_DISCOVERY_URL)
# The button reads "Anmelden mit <label>", e.g. "Dienstkonto (Keycloak)".
LOTSE_OIDC_LABEL = env_str("LOTSE_OIDC_LABEL")
LOTSE_OIDC_USERNAME_CLAIM = env_str("LOTSE_OIDC_USERNAME_CLAIM", "preferred_username")
LOTSE_OIDC_GROUPS_CLAIM = env_str("LOTSE_OIDC_GROUPS_CLAIM", "groups")
# Where the provider sends the browser after its logout (registered there as post-logout URI).
LOTSE_OIDC_POST_LOGOUT_PATH = "/konto/anmelden/"
OIDC_RP_CLIENT_ID = env_str("LOTSE_OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("LOTSE_OIDC_CLIENT_SECRET")
OIDC_RP_SCOPES = env_str("LOTSE_OIDC_SCOPES", "openid profile email groups")
OIDC_RP_SIGN_ALGO = env_str("LOTSE_OIDC_SIGN_ALGO", "RS256")
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_STORE_ID_TOKEN = True  # for the RP-initiated logout
OIDC_TIMEOUT = env_int("LOTSE_OIDC_TIMEOUT", 10)
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
if LOTSE_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.insert(-1, "lotse.accounts.oidc.OIDCBackend")

# LDAP / Active Directory (django-auth-ldap, optional extra `lotse[ldap]`): on when a server is set.
LOTSE_LDAP_SERVER_URI = env_str("LOTSE_LDAP_SERVER_URI")
if LOTSE_LDAP_SERVER_URI:
    from lotse.accounts.ldap_config import ldap_settings

    globals().update(
        ldap_settings(
            server_uri=LOTSE_LDAP_SERVER_URI,
            bind_dn=env_str("LOTSE_LDAP_BIND_DN"),
            bind_password=env_str("LOTSE_LDAP_BIND_PASSWORD"),
            user_base=env_str("LOTSE_LDAP_USER_BASE"),
            user_filter=env_str("LOTSE_LDAP_USER_FILTER", "(uid=%(user)s)"),
            group_base=env_str("LOTSE_LDAP_GROUP_BASE"),
            group_type=env_str("LOTSE_LDAP_GROUP_TYPE", "group_of_names"),
            start_tls=env_bool("LOTSE_LDAP_START_TLS", False),
            ca_file=env_str("LOTSE_LDAP_CA_FILE"),
            require_cert=env_bool("LOTSE_LDAP_TLS_REQUIRE_CERT", True),
        )
    )
    # Before the local passwords: a directory account is checked against the directory.
    AUTHENTICATION_BACKENDS.insert(-1, "lotse.accounts.ldap_backend.DirectoryBackend")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Failed logins per account and address before a pause, and the pause in seconds.
LOGIN_FAILURE_LIMIT = env_int("LOTSE_LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_SECONDS = env_int("LOTSE_LOGIN_LOCKOUT_SECONDS", 900)
# Reverse proxies (addresses) whose X-Forwarded-For is believed for the client address.
LOTSE_TRUSTED_PROXIES = env_list("LOTSE_TRUSTED_PROXIES")
# Login protection (django-axes): failures are stored in the database, so every worker sees
# them without Redis; a user name is locked per address, never all addresses at once.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_LOCKOUT_SECONDS)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "lotse.accounts.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "lotse.accounts.views.locked_out"
AXES_VERBOSE = False
# How long browsers and proxies may cache the public transparency pages, in seconds.
LOTSE_PUBLIC_MAX_AGE = env_int("LOTSE_PUBLIC_MAX_AGE", 300)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache"
        if not env_str("CACHE_URL")
        else "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("CACHE_URL", "lotse"),
    }
}

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "lotse" / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "lotse" / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Attachments (on disk) and the files background jobs produce (lotse.jobs, under jobs/):
# served only through Lotse's permission-checked downloads, never by the web server.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))


def attachments_storage() -> dict:
    """Attachments lie on disk under MEDIA_ROOT, or in S3-compatible storage (MinIO, Ceph,
    AWS, …) when ATTACHMENTS_S3_BUCKET is set (django-storages). Never publicly readable:
    downloads go through Lotse's permission check."""
    bucket = env_str("ATTACHMENTS_S3_BUCKET")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env_str("ATTACHMENTS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("ATTACHMENTS_S3_REGION") or None,
            "access_key": env_str("ATTACHMENTS_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("ATTACHMENTS_S3_SECRET_ACCESS_KEY") or None,
            "location": env_str("ATTACHMENTS_S3_PREFIX", "lotse"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


ATTACHMENTS_MAX_MB = env_int("ATTACHMENTS_MAX_MB", 10)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "attachments": attachments_storage(),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Background jobs (lotse.jobs): a queue in the database, worked by `manage.py db_worker`
# (`make run` starts one beside the server; production runs it under systemd).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Days a finished job (its row and its file) is kept; `manage.py prune_jobs` deletes older ones
# (the worker runs it at start and daily). 0 keeps every job.
LOTSE_JOB_RETENTION_DAYS = env_int("LOTSE_JOB_RETENTION_DAYS", 30)

EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "lotse@localhost")
# Where replies to Lotse's mails go (e.g. the programme office's mailbox); empty: no Reply-To.
LOTSE_MAIL_REPLY_TO = env_str("LOTSE_MAIL_REPLY_TO", "")
# Where people reach Lotse; links in e-mails are built from it.
LOTSE_BASE_URL = env_str("LOTSE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Django's database sessions, read with one SQL statement (lotse/accounts/sessions.py).
SESSION_ENGINE = "lotse.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if not DEBUG else None
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

NINJA_PAGINATION_PER_PAGE = 100

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
