"""UnionHub settings: everything comes from the environment (django-environ, optional .env).

Local use needs nothing: SQLite under var/. Production sets DATABASE_URL, SECRET_KEY,
ALLOWED_HOSTS and leaves DEBUG off; startup refuses to run without a secret key then.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set and DEBUG is off. Set SECRET_KEY in the environment or in .env "
            "(for local use, DEBUG=1 allows a throwaway development key)."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "treebeard",
    "simple_history",
    "import_export",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "unionhub",
    "members",
    "reports",
    "finance",
    "emulation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "unionhub.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "unionhub.control_chars.RejectControlCharactersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "unionhub.urls"
WSGI_APPLICATION = "unionhub.wsgi.application"

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
                "unionhub.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'unionhub.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for each other instead of failing with "database is locked"; WAL lets
    # readers go on during a write; a 64 MB page cache and memory-mapped reads keep list pages
    # over hundreds of thousands of members fast (SQLite's default cache is 2 MB).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;"
            ),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# The client's address (unionhub.clients): behind a reverse proxy, the header it sets with the
# address it saw (X-Real-IP, or X-Forwarded-For with CLIENT_IP_PROXY_COUNT proxies appending to
# it); unset, the connection's address. Only trust it when nothing but the proxy reaches gunicorn.
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="")
CLIENT_IP_PROXY_COUNT = env.int("CLIENT_IP_PROXY_COUNT", default=1)

# Login rate limiting (django-axes): a username is locked after repeated failures from any
# addresses (guessing one password), and an address after repeated failures on any usernames
# (spraying one password over many), each for the cool-off time.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# django-ipware is not installed, so axes asks this callable for the address.
AXES_CLIENT_IP_CALLABLE = "unionhub.clients.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True

# The admin shows each record's history but never reverts it (unionhub.admin.HistoryAdmin
# refuses the POST; this hides the button and titles the page "View").
SIMPLE_HISTORY_REVERT_DISABLED = True

# Long work (imports, large exports) runs as tasks (the django-tasks API, Django 6's
# django.tasks), never in the request. The default backend keeps them in the database, so SQLite
# needs no broker: `manage.py db_worker` runs them (`make run` starts it beside the server).
# TASKS_BACKEND may name another backend, e.g. django_tasks_rq.RQBackend on Redis.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# A job's result (an import's report, an export's file) is kept this many days.
JOB_KEEP_DAYS = env.int("JOB_KEEP_DAYS", default=7)
# Exports longer than this many rows are written by a job instead of in the request.
EXPORT_INLINE_ROWS = env.int("EXPORT_INLINE_ROWS", default=5000)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["unionhub.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "staticfiles")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "media/"
# Vouchers' attachments (PDF, JPG, PNG) may not be larger than this.
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=5 * 1024 * 1024)
# An .xlsx of past vouchers (about 50,000 rows fit in 5 MB).
VOUCHER_IMPORT_MAX_BYTES = env.int("VOUCHER_IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
# The line of income collected dues are receipted under (finance.Category.code).
DUES_CATEGORY = env.str("DUES_CATEGORY", default="T01")
# The line of income for KPCĐ the employer pays to the branch (part of it goes upward).
KPCD_CATEGORY = env.str("KPCD_CATEGORY", default="T04")
# The line of spending the dues and KPCĐ sent to the upper union are paid under.
REMITTANCE_CATEGORY = env.str("REMITTANCE_CATEGORY", default="C07")
# The line of spending prize money of awards is paid under (chi khen thưởng).
AWARD_CATEGORY = env.str("AWARD_CATEGORY", default="C05")
# The line of spending welfare (thăm hỏi, trợ cấp) is paid under; its sub-lines are the kinds.
WELFARE_CATEGORY = env.str("WELFARE_CATEGORY", default="C02")
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default: larger uploads go to a temp file
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Password-reset mail: EMAIL_URL=smtp+tls://user:password@mail.example.vn:587 sets the SMTP
# server; without it mail is printed to the console (EMAIL_BACKEND can name another backend).
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="unionhub@localhost")
# Password-reset requests an hour: from one client address, and mails to one account.
PASSWORD_RESET_PER_ADDRESS = env.int("PASSWORD_RESET_PER_ADDRESS", default=5)
PASSWORD_RESET_PER_ACCOUNT = env.int("PASSWORD_RESET_PER_ACCOUNT", default=3)

# Member import: files above this size are refused before they are parsed.
MEMBER_IMPORT_MAX_BYTES = env.int("MEMBER_IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
# What an uploaded workbook (members, vouchers, awards) may unpack to, checked before and while
# it is read, so that a small crafted file cannot take gigabytes: the size of one part (a sheet,
# the shared strings) and of all parts, the rows and columns of a sheet, the characters of a
# cell (Excel's own limit).
IMPORT_MAX_PART_BYTES = env.int("IMPORT_MAX_PART_BYTES", default=50 * 1024 * 1024)
IMPORT_MAX_UNPACKED_BYTES = env.int("IMPORT_MAX_UNPACKED_BYTES", default=100 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=100_000)
IMPORT_MAX_COLUMNS = env.int("IMPORT_MAX_COLUMNS", default=100)
IMPORT_MAX_CELL_CHARS = env.int("IMPORT_MAX_CELL_CHARS", default=32_767)
IMPORT_EXPORT_SKIP_ADMIN_LOG = True

# Production hardening; each can be relaxed by the environment (e.g. behind a TLS proxy).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts, styles, fonts and images come only from the
# site itself (Bootstrap, its icons and htmx are vendored under static/); no inline script, no
# event-handler attribute, no eval. A <style> element needs the request's nonce
# (`<style nonce="{{ request.csp_nonce }}">`). style="" attributes stay allowed
# (style-src-attr): the templates size inputs and columns with them, some computed (a
# document's column widths), and an attribute can neither run script nor, under img-src and
# font-src 'self', load anything from elsewhere. Bootstrap's CSS draws its icons as data: SVGs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

FORM_RENDERER = "unionhub.forms.BootstrapFormRenderer"
