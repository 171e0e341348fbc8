# syntax=docker/dockerfile:1
# The portal's production image: gunicorn (gunicorn.conf.py) serving Django,
# whitenoise serving the collected, pre-compressed static files, as a user
# that cannot write the code. Configured only from the environment (see
# cpdd_portal/settings/prod.py); it never reads a .env file (.dockerignore).
#
#   docker build -t cpdd-portal .
#   docker run -e SECRET_KEY=... -e ALLOWED_HOSTS=... -e DATABASE_URL=... \
#     -e SMTP_HOST=... -p 8000:8000 cpdd-portal
#
# Migrations are a separate one-shot command (compose.yaml's `migrate`), so
# scaling the web containers never runs them twice at once.

# Python's minor version and the Debian release, both pinned: a new default
# Debian under the same tag would change system libraries under us.
ARG PYTHON_IMAGE=python:3.12-slim-trixie
# The database's major version (compose.yaml), on the same Debian release.
ARG POSTGRES_IMAGE=postgres:15-trixie
# The reverse proxy (compose.yaml's `proxy`, target `proxy`): Caddy's minor
# version pinned, its patch releases taken.
ARG CADDY_IMAGE=caddy:2.11-alpine

# ---- dependencies: a virtualenv with the runtime requirements only -----------
# Its own stage so the final image has no pip cache or build leftovers, and a
# package without a wheel can get a compiler here without shipping one.
FROM ${PYTHON_IMAGE} AS deps
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
# The lock (`make lock`): every package with its hashes, nothing else.
COPY requirements.lock /tmp/requirements.lock
RUN /opt/venv/bin/pip install --no-cache-dir --require-hashes --no-deps \
    --requirement /tmp/requirements.lock

# ---- PostgreSQL client tools, matching compose.yaml's postgres:15 ------------
FROM ${POSTGRES_IMAGE} AS pgclient

# ---- runtime ------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS web
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=cpdd_portal.settings.prod \
    PORT=8000

# pg_dump and pg_restore for `manage.py backup` and `restore`, of the same
# major version as compose.yaml's database (Debian's own client is newer, and
# a newer pg_restore writes settings an older server rejects). They need only
# libpq (stable across versions: Debian's) and the compression libraries; the
# build fails here if one is missing.
COPY --from=pgclient /usr/lib/postgresql/15/bin/pg_dump \
    /usr/lib/postgresql/15/bin/pg_restore /usr/lib/postgresql/15/bin/
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 liblz4-1 libzstd1 zlib1g \
    && rm -rf /var/lib/apt/lists/* \
    && /usr/lib/postgresql/15/bin/pg_dump --version

RUN groupadd --system --gid 10001 cpdd \
    && useradd --system --no-log-init --uid 10001 --gid cpdd \
        --home-dir /app --shell /usr/sbin/nologin cpdd

COPY --from=deps /opt/venv /opt/venv
WORKDIR /app
COPY . .

# Static files are collected (hashed names, gzip and brotli copies) at build
# time. collectstatic needs the production settings to import, so it gets
# throwaway values on this one command line: they are not ENV, so they are
# not in the image's configuration and never reach a running container.
# Translations ship as committed .mo files (`make messages`): no gettext here.
# Code and static files stay root-owned: the app cannot rewrite itself.
RUN SECRET_KEY=collectstatic-at-build-time-only-never-used-to-sign-anything \
    ALLOWED_HOSTS=localhost \
    DATABASE_URL=postgres://build@127.0.0.1:1/unused \
    SMTP_HOST=localhost \
    python manage.py collectstatic --noinput --verbosity 1 \
    && python -m compileall -q -j 0 /app \
    && mkdir -p /app/media /app/private-media /app/backups \
    && chown cpdd:cpdd /app/media /app/private-media /app/backups

# Numeric, so a platform (runAsNonRoot) can verify it is not root.
USER 10001:10001
EXPOSE 8000

# No curl in slim images: Python's urllib. /healthz is exempt from the HTTPS
# redirect; the Host header is the first of ALLOWED_HOSTS so Django accepts it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; host = (os.environ.get('ALLOWED_HOSTS') or 'localhost').split(',')[0].strip().lstrip('*.') or 'localhost'; u.urlopen(u.Request('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), headers={'Host': host}), timeout=4)"]

CMD ["gunicorn", "-c", "gunicorn.conf.py", "cpdd_portal.wsgi"]

# ---- proxy: Caddy with this build's static files ----------------------------
# Built from the same sources, so the pages and the hashed static names they
# refer to always match. The Caddyfile is mounted by compose.yaml (copied here
# too, so the image also runs on its own).
FROM ${CADDY_IMAGE} AS proxy
COPY --from=web /app/staticfiles /srv/static
COPY deploy/Caddyfile /etc/caddy/Caddyfile

# ---- the default target: the web image ---------------------------------------
FROM web
