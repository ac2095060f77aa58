"""Settings of the portal, read from the environment through one ``environ.Env()``.

With no environment at all the portal runs as the embedded default: SQLite, Celery
tasks in-process, e-mail to the console, DEBUG on, a fixed development secret.
``DJANGO_ENV=production`` turns the secrets into required variables: a missing one
stops the start with a message that names it.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "production", "build"}:
    raise ImproperlyConfigured(
        f"DJANGO_ENV must be development, production or build, not {DJANGO_ENV!r}."
    )
PRODUCTION = DJANGO_ENV == "production"


def required(name, parse=env.str):
    """A production setting without a default: its absence stops the start."""
    if not env.ENVIRON.get(name):
        raise ImproperlyConfigured(
            f"DJANGO_ENV=production needs the environment variable {name}; "
            "see .env.example and the README, section «Настройка»."
        )
    return parse(name)


# --- core -------------------------------------------------------------------------
if PRODUCTION:
    SECRET_KEY = required("SECRET_KEY")
    ALLOWED_HOSTS = required("ALLOWED_HOSTS", env.list)
    DATABASES = {"default": env.db_url_config(required("DATABASE_URL"))}
    CELERY_BROKER_URL = required("CELERY_BROKER_URL")
else:
    SECRET_KEY = env.str(
        "SECRET_KEY", default="development-only-secret-not-for-production-use-0123456789"
    )
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
    DATABASES = {
        "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    }
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=env.str("REDIS_URL", default=""))

DEBUG = env.bool("DEBUG", default=DJANGO_ENV == "development")
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _pg_options = DATABASES["default"].setdefault("OPTIONS", {})
    _pg_options["connect_timeout"] = 5
    # psycopg 3 sends the parameters apart from the SQL, so a query a connection has run
    # PG_PREPARE_THRESHOLD times is prepared and PostgreSQL no longer parses and plans it on
    # every page: planning was most of the database's work on a card (README, «Замеры»). Behind
    # a pooler in transaction mode (PgBouncer < 1.21) set PG_PREPARE_THRESHOLD to empty.
    _pg_options.setdefault("server_side_binding", True)
    _prepare = env.str("PG_PREPARE_THRESHOLD", default="5")
    _pg_options.setdefault("prepare_threshold", int(_prepare) if _prepare else None)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "project_office.apps.OfficeAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
    "network",
    "initiatives",
    "expertise",
    "portfolio",
    "meetings",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.sessions.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "accounts.second_factor.middleware.SecondFactorRequiredMiddleware",
    "accounts.middleware.ConsentRequiredMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "project_office.urls"
WSGI_APPLICATION = "project_office.wsgi.application"

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
                "django.template.context_processors.i18n",
                "django.template.context_processors.csrf",
                "project_office.context_processors.portal",
            ],
            "builtins": ["rules.templatetags.rules"],
        },
    }
]

AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: it refuses a locked-out sign-in before any password check.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.LoginOrEmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
# A session ends after SESSION_IDLE_SECONDS without a request and SESSION_MAX_AGE_SECONDS after
# signing in (accounts.sessions, which says so on the sign-in page); the stored session outlives
# the idle time by the refresh interval so that the middleware, not the store, ends it.
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=8 * 60 * 60)
SESSION_MAX_AGE_SECONDS = env.int("SESSION_MAX_AGE_SECONDS", default=12 * 60 * 60)
SESSION_ACTIVITY_REFRESH_SECONDS = env.int("SESSION_ACTIVITY_REFRESH_SECONDS", default=300)
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS + SESSION_ACTIVITY_REFRESH_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Sign-in attempts (django-axes): 5 failures of one login from one address lock them for 15 min.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are not logged: the audit trail is ours
AXES_VERBOSE = False
if env.bool("BEHIND_PROXY", default=PRODUCTION):
    AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=1)
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Second factor (django-otp, TOTP): required of the office staff and the head. OTP_EXEMPT_DEMO lets
# the demo's accounts and the test suite sign in with the password alone; it is refused in
# production (here) and whenever DEBUG is off (system check accounts.E001).
OTP_EXEMPT_DEMO = env.bool("OTP_EXEMPT_DEMO", default=False)
if PRODUCTION and OTP_EXEMPT_DEMO:
    raise ImproperlyConfigured("OTP_EXEMPT_DEMO is for the demo only and cannot be set in production.")
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Проектный офис")

# Personal data (152-ФЗ): the version of the consent text people accept at first sign-in.
CONSENT_VERSION = "2025-1"

# --- language and time ----------------------------------------------------------------
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Yekaterinburg")

# --- files ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Front-end packages come from npm (package.json); collectstatic copies them into STATIC_ROOT.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/tom-select/js", NODE_MODULES / "tom-select" / "dist" / "js"),
    ("vendor/tom-select/css", NODE_MODULES / "tom-select" / "dist" / "css"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded files live outside static and are served only through permission-checking views.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Nothing serves MEDIA_URL: files go out only through views that check permissions.
MEDIA_URL = "/_media-not-served/"
FILE_UPLOAD_MAX_MB = env.int("FILE_UPLOAD_MAX_MB", default=20)
# Tables uploaded for imports (organisations, invitations…): accounts.tabular.
TABULAR_UPLOAD_MAX_MB = env.float("TABULAR_UPLOAD_MAX_MB", default=5)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# --- e-mail -------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=EMAIL_CONFIG.get("EMAIL_FILE_PATH", ""))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Проектный офис <office@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery ---------------------------------------------------------------------------
# Without a broker the tasks run in-process (the embedded default).
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://"
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# A task taken by a worker that died without acknowledging it (killed, machine lost) is given
# to another worker this many seconds after it was taken. Longer than the longest task.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "socket_connect_timeout": 3,
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "accounts-daily-digest": {
        "task": "accounts.tasks.send_daily_digests",
        "schedule": crontab(hour=env.int("DIGEST_HOUR", default=7), minute=0),
    },
    "accounts-resend-pending-email": {
        "task": "accounts.tasks.resend_pending_emails",
        "schedule": 300.0,
    },
    "initiatives-remind-progress-reports": {
        "task": "initiatives.tasks.remind_progress_reports",
        "schedule": crontab(hour=env.int("REPORT_REMINDER_HOUR", default=8), minute=0),
    },
    "portfolio-control-point-reminders": {
        "task": "portfolio.tasks.remind_control_points",
        "schedule": crontab(hour=env.int("REPORT_REMINDER_HOUR", default=8), minute=5),
    },
    "network-health-nightly": {
        "task": "network.tasks.compute_network_health",
        "schedule": crontab(hour=2, minute=30),
    },
    "network-event-reminders": {
        "task": "network.tasks.send_event_reminders",
        "schedule": crontab(minute=15),
    },
    "initiatives-remind-reviews": {
        "task": "initiatives.tasks.remind_reviews",
        "schedule": crontab(hour=env.int("REVIEW_REMINDER_HOUR", default=8), minute=30),
    },
    "reports-requeue-waiting": {
        "task": "reports.tasks.requeue_waiting_reports",
        "schedule": 60.0,
    },
}

# Backups (reports/backups.py): nightly copy, weekly restore check, on the «backups» queue.
# Off while BACKUP_ROOT is empty (the embedded default); docker-compose.yml sets /backups.
BACKUP_ROOT = env.str("BACKUP_ROOT", default="")
BACKUP_KEEP_DAILY = env.int("BACKUP_KEEP_DAILY", default=14)
BACKUP_KEEP_WEEKLY = env.int("BACKUP_KEEP_WEEKLY", default=8)
CELERY_TASK_ROUTES = {
    "reports.tasks.nightly_backup": {"queue": "backups"},
    "reports.tasks.weekly_restore_check": {"queue": "backups"},
}
if BACKUP_ROOT:
    CELERY_BEAT_SCHEDULE["reports-nightly-backup"] = {
        "task": "reports.tasks.nightly_backup",
        "schedule": crontab(hour=env.int("BACKUP_HOUR", default=1), minute=30),
    }
    CELERY_BEAT_SCHEDULE["reports-weekly-restore-check"] = {
        "task": "reports.tasks.weekly_restore_check",
        "schedule": crontab(day_of_week="sunday", hour=env.int("BACKUP_HOUR", default=1) + 3,
                            minute=0),
    }

# --- caches ---------------------------------------------------------------------------
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
# The dashboard's figures are counted over whole tables; they are kept this long (0: never).
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=300)

# --- forms ----------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- security -------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
if env.bool("BEHIND_PROXY", default=PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Bootstrap's progress bars and server-drawn SVG charts use style attributes.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- logging --------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- the portal -----------------------------------------------------------------------
PORTAL_NAME = _("Project office")

# Expertise: weighted totals are shown on a 0–REVIEW_TOTAL_SCALE scale; reviews whose totals
# differ by more than REVIEW_DISAGREEMENT_THRESHOLD points are flagged (a form may override it).
REVIEW_TOTAL_SCALE = env.int("REVIEW_TOTAL_SCALE", default=5)
REVIEW_DISAGREEMENT_THRESHOLD = env.str("REVIEW_DISAGREEMENT_THRESHOLD", default="1.5")
REVIEW_REMINDER_DAYS = env.int("REVIEW_REMINDER_DAYS", default=3)
# Test hook only (0 everywhere else): seconds the annual report waits after each section, so
# that the fault tests can kill the worker in the middle of a build.
REPORT_SECTION_PAUSE = env.float("REPORT_SECTION_PAUSE", default=0)
