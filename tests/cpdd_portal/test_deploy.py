"""Production configuration: the settings a container starts with, and gunicorn's.

Each settings test runs Python in a subprocess with only the environment a
container would have, because settings are read once, at import, and the test
process has already imported the test settings.
"""

import json
import logging
import os
import re
import runpy
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
LOCAL_DATABASE_URL = "postgres://postgres@127.0.0.1:54329/cpdd"
# Base settings read a .env file when the checkout has one; production has
# none, and these tests must not pass or fail because of a developer's file.
IGNORE_DOTENV = (
    "import environ\nenviron.Env.read_env = classmethod(lambda cls, *a, **k: None)\n"
)


def production_env(**changes):
    """What a production container gets; a change of None removes the variable."""
    env = {
        "PATH": os.environ["PATH"],
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "cpdd_portal.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "cpdd.example.org",
        # Parsed, never connected to: no check here touches the database.
        "DATABASE_URL": os.environ.get("DATABASE_URL", LOCAL_DATABASE_URL),
        "SMTP_HOST": "smtp.example.org",
    }
    env.update(changes)
    return {name: value for name, value in env.items() if value is not None}


def run(args, env):
    # Our own interpreter and fixed arguments: nothing untrusted is executed.
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_python(code, env):
    return run(["-c", IGNORE_DOTENV + code], env)


def test_check_deploy_has_no_warnings():
    done = run_python(
        "import runpy, sys\n"
        "sys.argv = ['manage.py', 'check', '--deploy', '--fail-level', 'WARNING']\n"
        "runpy.run_path('manage.py', run_name='__main__')\n",
        production_env(),
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "System check identified no issues" in done.stdout, output
    assert "WARNING" not in output


@pytest.mark.parametrize(
    "variable", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "SMTP_HOST"]
)
def test_production_refuses_to_start_without(variable):
    done = run_python(
        "import django\ndjango.setup()\n", production_env(**{variable: None})
    )
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
    assert f"Set the {variable} environment variable" in done.stderr


def production_settings(**changes):
    done = run_python(
        "import json\n"
        "from django.conf import settings as s\n"
        "print(json.dumps({name: getattr(s, name) for name in (\n"
        "    'DEBUG', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_PRELOAD',\n"
        "    'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_SSL_REDIRECT',\n"
        "    'SECURE_PROXY_SSL_HEADER', 'SECURE_REDIRECT_EXEMPT',\n"
        "    'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE')}))\n",
        production_env(**changes),
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_production_is_https_only():
    settings = production_settings()
    assert settings["DEBUG"] is False
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_hsts_starts_short_and_binds_no_subdomain_until_switched_on():
    # A certificate mistake on day one must not lock visitors out for a year,
    # nor bind subdomains the coalition may not serve over HTTPS.
    settings = production_settings()
    assert 0 < settings["SECURE_HSTS_SECONDS"] <= 60 * 60
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert settings["SECURE_HSTS_PRELOAD"] is False


def test_hsts_switches_and_max_age_come_from_the_environment():
    settings = production_settings(
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="true",
        SECURE_HSTS_PRELOAD="true",
    )
    assert settings["SECURE_HSTS_SECONDS"] == 31536000
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert settings["SECURE_HSTS_PRELOAD"] is True


@pytest.mark.parametrize("switched_on", ["false", "true"])
def test_check_deploy_is_clean_with_hsts_switches_off_or_on(switched_on):
    done = run_python(
        "import runpy, sys\n"
        "sys.argv = ['manage.py', 'check', '--deploy', '--fail-level', 'WARNING']\n"
        "runpy.run_path('manage.py', run_name='__main__')\n",
        production_env(
            SECURE_HSTS_INCLUDE_SUBDOMAINS=switched_on,
            SECURE_HSTS_PRELOAD=switched_on,
        ),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stdout + done.stderr


def test_health_check_is_reachable_over_http():
    # The container's HEALTHCHECK calls http://127.0.0.1/healthz: an HTTPS
    # redirect there would mark every container unhealthy.
    exempt = production_settings()["SECURE_REDIRECT_EXEMPT"]
    assert any(re.search(pattern, "healthz") for pattern in exempt)


def test_ssl_redirect_can_be_turned_off_for_local_benchmarks():
    assert (
        production_settings(SECURE_SSL_REDIRECT="false")["SECURE_SSL_REDIRECT"] is False
    )


# gunicorn.conf.py


def gunicorn_config(**env):
    done = run(
        [
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "--print-config",
            "cpdd_portal.wsgi",
        ],
        production_env(**env),
    )
    assert done.returncode == 0, done.stderr
    lines = [line.split("=", 1) for line in done.stdout.splitlines() if "=" in line]
    return {name.strip(): value.strip() for name, value in lines}


def test_gunicorn_defaults_for_a_container():
    config = gunicorn_config()
    assert config["bind"] == "['0.0.0.0:8000']"
    assert config["worker_class"] == "sync"
    assert 1 <= int(config["workers"]) <= 8
    assert int(config["max_requests"]) > 0
    assert int(config["max_requests_jitter"]) > 0
    assert config["preload_app"] == "True"
    assert config["accesslog"] == "-"


def test_gunicorn_takes_its_settings_from_the_environment():
    config = gunicorn_config(
        PORT="9000", WEB_CONCURRENCY="3", FORWARDED_ALLOW_IPS="10.0.0.0/8"
    )
    assert config["bind"] == "['0.0.0.0:9000']"
    assert config["workers"] == "3"
    assert config["forwarded_allow_ips"] == "['10.0.0.0/8']"
    bound = gunicorn_config(GUNICORN_BIND="127.0.0.1:8123")["bind"]
    assert bound == "['127.0.0.1:8123']"


def test_gunicorn_access_log_is_one_json_object_per_request():
    from gunicorn.config import Config

    logger_class = runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))[
        "JsonAccessLogger"
    ]
    config = Config()
    config.set("accesslog", "-")
    logger = logger_class(config)
    lines = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())
    logger.access_log.addHandler(handler)

    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    request = SimpleNamespace(headers=[("USER-AGENT", 'Quote " agent')])
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/km/?q=ខ្មែរ",
        "PATH_INFO": "/km/",
        "QUERY_STRING": "q=ខ្មែរ",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.1.2.3",
        "HTTP_USER_AGENT": 'Quote " agent',
    }
    logger.access(
        response, request, environ, timedelta(milliseconds=12, microseconds=300)
    )

    entry = json.loads(lines[-1])
    assert entry["name"] == "gunicorn.access"
    assert entry["method"] == "GET"
    assert entry["path"] == "/km/"
    assert entry["query"] == "q=ខ្មែរ"
    assert entry["status"] == 200
    assert entry["bytes"] == 1234
    assert entry["duration_ms"] == 12.3
    assert entry["remote_addr"] == "10.1.2.3"
    assert entry["user_agent"] == 'Quote " agent'


def test_gunicorn_believes_the_same_proxies_as_django():
    config = gunicorn_config(TRUSTED_PROXIES="172.30.80.2")
    assert config["forwarded_allow_ips"] == "['172.30.80.2']"


def test_a_mistyped_trusted_proxy_stops_the_start_up():
    done = run_python(
        "import django\ndjango.setup()\n",
        production_env(TRUSTED_PROXIES="172.30.80.2,proxy.local"),
    )
    assert done.returncode != 0
    assert "proxy.local" in done.stderr
