"""Settings for IJmond Werkt, read from the environment (docs/configuration.md).

Defaults run a local checkout with nothing installed: a SQLite file and Celery
tasks executed in-process. They fail closed: DEBUG is off unless asked for and
there is no SECRET_KEY default outside DEBUG.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ijmondwerkt.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
PRODUCTION = env_bool("PRODUCTION", default=False)
if DEBUG and PRODUCTION:
    raise ImproperlyConfigured("DEBUG and PRODUCTION cannot both be on.")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY to a long random value, "
            "or set DEBUG=true for local development."
        )
    SECRET_KEY = "local-development-only-not-secret"  # noqa: S105

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "ijmondwerkt.admin.IJmondAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "oauth2_provider",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "ijmondwerkt.accounts",
    "ijmondwerkt.inbox",
    "ijmondwerkt.partners",
    "ijmondwerkt.audit",
    "clients",
    "employers",
    "trajectories",
    "budgets",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy; Permissions-Policy and no-store on personal data.
    "csp.middleware.CSPMiddleware",
    "ijmondwerkt.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # First after static files: a BSN in a query string is refused before
    # anything (sessions, views, logging) sees the request.
    "ijmondwerkt.bsn_guard.BsnInUrlMiddleware",
    "ijmondwerkt.request_guard.RequestGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every write in the request is recorded as done by request.user (for the
    # API: the partner system, authenticated by DRF inside the view).
    "ijmondwerkt.audit.middleware.AuditActorMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ijmondwerkt.accounts.middleware.SecurityContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages: an idle logout tells the user why on the login page.
    "ijmondwerkt.accounts.middleware.IdleTimeoutMiddleware",
    "ijmondwerkt.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ijmondwerkt.rest.middleware.ApiVersionMiddleware",
    # Writes the access log of client data shown in the response (doelbinding).
    "ijmondwerkt.privacy.ClientReadsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its answer.
    "axes.middleware.AxesMiddleware",
]
CSRF_FAILURE_VIEW = "ijmondwerkt.errors.csrf_failure"
# The largest request body and number of form fields, for pages and the API alike
# (ijmondwerkt/request_guard.py answers 413 or 400 beyond them).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 1000)

ROOT_URLCONF = "ijmondwerkt.urls"
WSGI_APPLICATION = "ijmondwerkt.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ijmondwerkt.accounts.navigation.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Screens run short queries whose cost estimates still cross PostgreSQL's
    # JIT threshold (ranking 60,000 files: 0.5 s compiling, 0.2 s running).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Logging in: password, then a TOTP code from an app (django-otp, see
# ijmondwerkt/accounts/twofactor.py); lock-out after repeated failures per
# username and IP address (django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
OTP_TOTP_ISSUER = "IJmond Werkt"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # no secret keys or QR codes in the admin
# Demo users (bin/demo) may skip the second factor, never without DEBUG.
OTP_EXEMPT_DEMO = DEBUG and env_bool("OTP_EXEMPT_DEMO", default=True)
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
AXES_COOLOFF_TIME = AXES_COOLOFF_MINUTES / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "ijmondwerkt.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "ijmondwerkt.accounts.security.client_ip"
AXES_CLIENT_STR_CALLABLE = "ijmondwerkt.accounts.security.axes_client_str"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken"]
# Proxies in front of the app that append the client to X-Forwarded-For; 0
# trusts no header (behind a proxy every client then shares its address).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Days that django-axes' login records (AccessLog, AccessAttempt) are kept.
LOGIN_HISTORY_DAYS = env_int("LOGIN_HISTORY_DAYS", 365)
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "ijmondwerkt" / "locale"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "ijmondwerkt" / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"

# E-mail: printed to the console unless an SMTP host is configured.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
# Daily task digest by e-mail; on by default once an SMTP host is configured.
INBOX_EMAIL = env_bool("INBOX_EMAIL", default=bool(EMAIL_HOST))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "IJmond Werkt <noreply@localhost>")

# Trajectories: a placement counts as sustainable outflow when the person still
# works this many months after its start; a wage-value assessment is due again
# this many months after it was made (unless the assessor sets another date).
SUSTAINABLE_OUTFLOW_MONTHS = env_int("SUSTAINABLE_OUTFLOW_MONTHS", 6)
WAGE_VALUE_REASSESSMENT_MONTHS = env_int("WAGE_VALUE_REASSESSMENT_MONTHS", 12)

# Celery: without a broker, tasks run in-process so the app needs no Redis.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL) or None
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "inbox-daily-digest": {
        "task": "ijmondwerkt.inbox.tasks.send_daily_digest",
        "schedule": crontab(hour=7, minute=0),
    },
    "clients-daily-reminders": {
        "task": "clients.tasks.generate_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
    "clear-expired-sessions": {
        "task": "ijmondwerkt.accounts.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=15),
    },
    "prune-login-history": {
        "task": "ijmondwerkt.accounts.tasks.prune_login_history",
        "schedule": crontab(hour=3, minute=25),
    },
    "employers-expire-vacancies": {
        "task": "employers.tasks.expire_vacancies",
        "schedule": crontab(hour=0, minute=30),
    },
    "employers-follow-up-reminders": {
        "task": "employers.tasks.follow_up_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
    "budgets-rebuild-commitments": {
        "task": "budgets.tasks.rebuild_commitments",
        "schedule": crontab(hour=1, minute=15),
    },
    "budgets-exhaustion-alerts": {
        "task": "budgets.tasks.exhaustion_alerts",
        "schedule": crontab(hour=6, minute=40),
    },
    "trajectories-daily-reminders": {
        "task": "trajectories.tasks.generate_reminders",
        "schedule": crontab(hour=6, minute=35),
    },
    # On the 1st (Amsterdam time, CELERY_TIMEZONE): last month's reports.
    "reports-monthly": {
        "task": "reports.tasks.monthly_reports",
        "schedule": crontab(hour=5, minute=30, day_of_month=1),
    },
}

# OAuth2 for partner systems (client credentials), following RFC 9700 throughout.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER = {
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "ACCESS_TOKEN_EXPIRE_SECONDS": env_int("OAUTH2_ACCESS_TOKEN_EXPIRE_SECONDS", 3600),
    # Only active partner systems obtain tokens.
    "OAUTH2_VALIDATOR_CLASS": "ijmondwerkt.partners.oauth.PartnerOAuth2Validator",
}

# Partner API (docs/api.md): NL API Design Rules, problem+json, scopes per resource.
API_VERSION = "1.0.0"
API_THROTTLE_RATE = env_str("API_THROTTLE_RATE", "1200/minute")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": [
        "djangorestframework_camel_case.render.CamelCaseJSONRenderer"
    ],
    "DEFAULT_PARSER_CLASSES": ["ijmondwerkt.rest.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "ijmondwerkt.partners.authentication.PartnerAuthentication",
        "ijmondwerkt.accounts.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["ijmondwerkt.rest.permissions.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["ijmondwerkt.rest.throttling.CallerRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "ijmondwerkt.rest.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": [
        "ijmondwerkt.rest.filters.CamelFilterBackend",
        "ijmondwerkt.rest.filters.CamelOrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "ijmondwerkt.rest.schema.Schema",
    "EXCEPTION_HANDLER": "ijmondwerkt.rest.exceptions.problem_exception_handler",
    "ORDERING_PARAM": "ordering",
    "URL_FORMAT_OVERRIDE": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "IJmond Werkt API",
    "DESCRIPTION": (
        "API voor ketenpartners van IJmond Werkt (UWV, re-integratiebedrijven, "
        "uitkeringssystemen, BI). Volgt de NL API Design Rules: Nederlandse "
        "resourcenamen, camelCase-velden, UUID's als identificatie, fouten als "
        "application/problem+json. Toegang, tokens en scopes: zie de beschrijving "
        "in het document (ijmondwerkt.rest.schema.description)."
    ),
    "VERSION": API_VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Paths relative to the server URL, which carries the version (/api/v1).
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "drf_spectacular.contrib.djangorestframework_camel_case.camelize_serializer_fields",
        "ijmondwerkt.rest.schema.add_problem_responses",
        "ijmondwerkt.rest.schema.add_info_and_servers",
    ],
    "ENUM_NAME_OVERRIDES": {
        "WerkzoekendeStatusEnum": "clients.models.client.Status",
        "VacatureStatusEnum": "employers.models.Vacancy.Status",
        "VoordrachtStatusEnum": "employers.api.serializers.proposal_status_values",
        "AanbiederSoortEnum": "trajectories.models.ProviderKind",
        "TrajectSoortEnum": "trajectories.models.TrajectoryKind",
        "InzetStatusEnum": "trajectories.models.DeploymentStatus",
    },
    # Staff may also use their browser session; the document describes the partner way in.
    "AUTHENTICATION_WHITELIST": [
        "ijmondwerkt.partners.authentication.PartnerAuthentication"
    ],
}

# Shared cache (throttling counters) in Redis when configured, else in-process.
# In-process counters count per worker process, so production requires Redis.
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        "CACHE_URL must be a Redis URL (redis://, rediss:// or unix://)."
    )
if PRODUCTION and not CACHE_URL:
    raise ImproperlyConfigured(
        "PRODUCTION=true needs a shared cache: set CACHE_URL to a Redis URL "
        "(e.g. redis://redis:6379/1). Without it every worker process keeps its "
        "own API throttling counters."
    )
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
        }
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): scripts, styles and images only from this
# origin, no inline script or style anywhere. htmx is configured in base.html to
# need neither; the API docs page loads its start script and styles as files
# (templates/drf_spectacular/swagger_ui.html).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

if PRODUCTION:
    # Served behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^health$"]  # probed over plain HTTP inside the network
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SILENCED_SYSTEM_CHECKS: list[str] = []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "filters": {
        "client_errors": {"()": "ijmondwerkt.log_filters.ClientErrorsOnOneLine"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["client_errors"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Logins, logouts, lock-outs, second factor, password changes.
    "loggers": {"ijmondwerkt.security": {"level": "INFO"}},
}
SECURITY_LOG_FILE = env_str("SECURITY_LOG_FILE")
if SECURITY_LOG_FILE:
    LOGGING["handlers"]["security_file"] = {  # type: ignore[index]
        "class": "logging.handlers.WatchedFileHandler",
        "filename": SECURITY_LOG_FILE,
        "formatter": "plain",
        "filters": ["client_errors"],
    }
    LOGGING["loggers"]["ijmondwerkt.security"]["handlers"] = ["security_file"]  # type: ignore[index]
