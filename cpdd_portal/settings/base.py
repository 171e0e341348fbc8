"""Settings shared by every environment, read from the environment.

Each environment module (dev, test, prod) imports this one and changes little.
"""

import ipaddress
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The reverse proxies (addresses or networks) whose X-Forwarded-For and
# X-Forwarded-Proto are believed; anyone else's are dropped
# (cpdd_portal.proxy). Checked here so a typo stops the start-up.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=["127.0.0.1", "::1"])
for _proxy in TRUSTED_PROXIES:
    ipaddress.ip_network(_proxy, strict=False)

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    # django.contrib.admin, loaded with the URLs: see cpdd_portal.apps.
    "cpdd_portal.apps.BackOfficeConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "simple_history",
    "import_export",
    "core",
    "members",
    "events",
    "casestudies",
    "cpdd_portal",
    # After core, whose db_worker command (the same worker, plus recovery of
    # tasks a killed worker left running and the periodic jobs) replaces its own.
    "django_tasks_db",
]

MIDDLEWARE = [
    # First: everything after it sees the visitor's address in REMOTE_ADDR.
    "cpdd_portal.proxy.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compress about 3x; Django's gzip pads responses against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "cpdd_portal.middleware.RequestLogMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cpdd_portal.middleware.StaffTwoFactorMiddleware",
    "cpdd_portal.cache.PublicPageCacheMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "cpdd_portal.urls"
WSGI_APPLICATION = "cpdd_portal.wsgi.application"
ASGI_APPLICATION = "cpdd_portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.static",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "cpdd_portal.context_processors.examples",
            ],
        },
    },
]

# Form fields render through Jinja2 (templates/jinja2/django/forms/): see core.forms.
FORM_RENDERER = "core.forms.FormRenderer"

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True


def cache_config(url):
    """A CACHES entry for CACHE_URL. Besides django-environ's schemes,
    diskcache:///folder is diskcache's SQLite-backed cache in that folder,
    which the processes of one machine share, and whose reads and writes cost
    the same with 20,000 entries as with none (Django's file cache lists its
    whole folder on every write)."""
    if url.startswith("diskcache://"):
        return {
            "BACKEND": "cpdd_portal.cache.DiskCache",
            "LOCATION": urlparse(url).path,
            # Evicts the entries stored longest ago beyond this size, a few
            # at a time, through an index: never a scan of the folder.
            "OPTIONS": {"size_limit": 512 * 1024 * 1024},
        }
    return env.cache_url_config(url)


CACHES = {"default": cache_config(env("CACHE_URL", default="locmemcache://"))}
# How many entries of one kind (query strings of one page, counts, search
# rankings) are cached per content version: someone looping over made-up
# queries must not fill the cache (core.content.has_room).
CACHE_ENTRIES_PER_KIND = env.int("CACHE_ENTRIES_PER_KIND", default=1000)

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

SITE_ID = 1

# Internationalisation: English at /, Khmer at /km/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("km", _("Khmer"))]
# Our own catalogue first; vendor/ holds Khmer for allauth and the Django
# strings whose upstream km catalogue is incomplete.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "vendor"]
TIME_ZONE = "Asia/Phnom_Penh"
USE_I18N = True
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Members-only and internal files (documents, photos, MoUs) live outside
# MEDIA_ROOT and are served by a view that checks who is asking.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
# Behind the reverse proxy (deploy/Caddyfile): the URL prefix under which it
# sends PRIVATE_MEDIA_ROOT's files when a view answers with X-Accel-Redirect
# (core.files). Empty: Django streams them itself.
PRIVATE_MEDIA_ACCEL_REDIRECT = env("PRIVATE_MEDIA_ACCEL_REDIRECT", default="")
if env("MEDIA_S3_BUCKET", default=""):
    # Stateless web containers keep uploads on S3-compatible storage.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("MEDIA_S3_BUCKET"),
            "endpoint_url": env("MEDIA_S3_ENDPOINT_URL", default=None),
            "region_name": env("MEDIA_S3_REGION", default=None),
            "access_key": env("MEDIA_S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("MEDIA_S3_SECRET_ACCESS_KEY", default=None),
            "custom_domain": env("MEDIA_S3_CUSTOM_DOMAIN", default=None),
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "core.s3.PrivateS3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "location": "private",
            "custom_domain": None,
            "default_acl": "private",
        },
    }

# Backups (manage.py backup / restore, cpdd_portal.backups): dated folders in
# BACKUP_ROOT, kept BACKUP_KEEP_DAYS days, copied off-site to an S3-compatible
# bucket when BACKUP_S3_BUCKET is set.
BACKUP_ROOT = env.path("BACKUP_ROOT", default=BASE_DIR / "backups")
BACKUP_KEEP_DAYS = env.int("BACKUP_KEEP_DAYS", default=14)
BACKUP_S3 = {
    "BUCKET": env("BACKUP_S3_BUCKET", default=""),
    "PREFIX": env("BACKUP_S3_PREFIX", default="cpdd-portal"),
    "ENDPOINT_URL": env("BACKUP_S3_ENDPOINT_URL", default=""),
    "REGION": env("BACKUP_S3_REGION", default=""),
    "ACCESS_KEY_ID": env("BACKUP_S3_ACCESS_KEY_ID", default=""),
    "SECRET_ACCESS_KEY": env("BACKUP_S3_SECRET_ACCESS_KEY", default=""),
}

# Email: console in development, SMTP from the environment in production.
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="CPDD Portal <noreply@cpdd.org.kh>"
)
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
SECRETARIAT_EMAILS = env.list("SECRETARIAT_EMAILS", default=["secretariat@cpdd.org.kh"])
# How long an emailed representative invitation works (renewable in the back-office).
REPRESENTATIVE_INVITATION_DAYS = env.int("REPRESENTATIVE_INVITATION_DAYS", default=14)
# Who gets server errors by email: ADMINS="Name <name@example.org>,ops@example.org".
ADMINS = env.list("ADMINS", default=[])
EMAIL_SUBJECT_PREFIX = env("EMAIL_SUBJECT_PREFIX", default="[CPDD Portal] ")
# Every email goes through the background worker (core.mail); this bounds how
# long one delivery attempt may wait on the SMTP server.
SMTP_TIMEOUT = env.int("SMTP_TIMEOUT", default=10)
if env("SMTP_HOST", default=""):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env("SMTP_HOST"),
                "port": env.int("SMTP_PORT", default=587),
                "username": env("SMTP_USERNAME", default=""),
                "password": env("SMTP_PASSWORD", default=""),
                "use_tls": env.bool("SMTP_USE_TLS", default=True),
                "timeout": SMTP_TIMEOUT,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
# A failed delivery is tried again after MAIL_RETRY_DELAY seconds, doubling
# each time up to six hours: 18 attempts span about two days.
MAIL_MAX_ATTEMPTS = env.int("MAIL_MAX_ATTEMPTS", default=18)
MAIL_RETRY_DELAY = env.int("MAIL_RETRY_DELAY", default=30)
MAIL_RETRY_MAX_DELAY = env.int("MAIL_RETRY_MAX_DELAY", default=6 * 60 * 60)

# Background tasks: a table in PostgreSQL and `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")
    }
}

# Accounts: django-allauth, sign in by email, verified addresses only.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "cpdd_portal.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# ACCOUNT_RATE_LIMITS is left unset on purpose: allauth's defaults then apply
# (login failures, sign-ups, password resets, confirmation emails).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "CPDD Portal"

# Security headers that hold in every environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# Browser features the portal never uses, denied to every page and frame so
# that nothing injected can ask for them. Left at the browser's default
# (this origin only): clipboard-write, which allauth's recovery-codes page uses
# to copy the codes. Two-factor is TOTP: turning on passkeys
# (MFA_SUPPORTED_TYPES) needs publickey-credentials-create/-get for "self".
# Only features Chromium knows: it logs an error for each one it does not
# (bluetooth and web-share on desktop Linux; tests/e2e/test_headers.py).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "clipboard-read",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "picture-in-picture",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    )
}

# Spreadsheets: CSV and XLSX only (core.imports); an import is all rows or
# none. The pending file between preview and confirm holds contact data: it
# lives in private storage, which every web container shares (a temp folder
# would not be), and is removed when done (core.imports).
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_TMP_STORAGE_CLASS = "core.imports.PrivateImportStorage"
STORAGES["import_export"] = STORAGES.get(
    "private", {"BACKEND": "core.files.PrivateFileSystemStorage"}
)
# Back-office exports of more rows than this are written by the worker
# (core.jobs) and downloaded from the job's page; fewer are sent at once.
# Imports always run in the worker.
EXPORT_IN_BACKGROUND_ABOVE = env.int("EXPORT_IN_BACKGROUND_ABOVE", default=2000)
# How long a finished import's or export's page and file are kept.
BACKGROUND_JOB_KEEP = timedelta(hours=env.int("BACKGROUND_JOB_KEEP_HOURS", default=24))

# Uploads: images are checked and re-encoded by core.images.
MAX_IMAGE_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json"},
        # Server errors to ADMINS, queued for the worker like any email.
        "mail_admins": {
            "class": "core.errors.QueuedAdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "cpdd_portal.requests": {
            "handlers": ["console"],
            "level": env("REQUEST_LOG_LEVEL", default="INFO"),
            "propagate": False,
        },
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.request": {
            "handlers": ["console", "mail_admins"],
            "level": "WARNING",
            "propagate": False,
        },
        "django_tasks_db": {
            "handlers": ["console"],
            "level": "INFO",
            "propagate": False,
        },
    },
}
