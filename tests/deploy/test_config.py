"""The proxy's configuration and compose.yaml, checked without running them:
Caddy's own validation and formatting, and what compose would start."""

import ipaddress
import os
import re
import stat
import subprocess

import yaml

from bench.server import CADDYFILE, caddy_binary, caddy_env

BASE_DIR = CADDYFILE.parent.parent


def caddy(*args, tmp_path, **env):
    return subprocess.run(  # noqa: S603
        [caddy_binary(), *args],
        env={
            "PATH": os.environ["PATH"],
            "HOME": str(tmp_path),
            "XDG_DATA_HOME": str(tmp_path),
            "XDG_CONFIG_HOME": str(tmp_path),
            **caddy_env(),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_caddy_accepts_the_caddyfile_for_a_real_site(tmp_path):
    done = caddy(
        "validate",
        "--config",
        str(CADDYFILE),
        "--adapter",
        "caddyfile",
        tmp_path=tmp_path,
        SITE_ADDRESS="cpdd.example.org",
    )
    assert done.returncode == 0, done.stderr
    assert "Valid configuration" in done.stdout + done.stderr


def test_the_caddyfile_is_formatted_as_caddy_formats_it(tmp_path):
    done = caddy("fmt", str(CADDYFILE), tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == CADDYFILE.read_text(), "run: caddy fmt --overwrite"


def compose():
    """compose.yaml with its variables at their defaults, as an unset .env
    leaves them (required ones get a placeholder)."""
    text = (BASE_DIR / "compose.yaml").read_text()
    text = re.sub(r"\$\{(\w+):\?[^}]*\}", r"<\1>", text)
    text = re.sub(r"(?<!\$)\$\{(\w+):-([^}]*)\}", r"\2", text)
    return yaml.safe_load(text)


def test_the_proxy_is_the_only_way_in():
    services = compose()["services"]
    assert "ports" not in services["web"]
    published = {port.split(":")[0] for port in services["proxy"]["ports"]}
    assert published == {"80", "443"}


def test_the_app_believes_the_proxy_alone_about_the_visitor():
    config = compose()
    proxy_address = config["services"]["proxy"]["networks"]["default"]["ipv4_address"]
    web_env = config["services"]["web"]["environment"]
    assert web_env["TRUSTED_PROXIES"] == proxy_address
    # Fixed inside the network, outside the range other containers get.
    (network,) = config["networks"]["default"]["ipam"]["config"]
    assert ipaddress.ip_address(proxy_address) in ipaddress.ip_network(
        network["subnet"]
    )
    assert ipaddress.ip_address(proxy_address) not in ipaddress.ip_network(
        network["ip_range"]
    )


def test_the_proxy_reads_the_media_the_web_container_writes():
    services = compose()["services"]
    web = {v.split(":")[0]: v.split(":")[1] for v in services["web"]["volumes"]}
    proxy = {v.split(":")[0]: v for v in services["proxy"]["volumes"]}
    for volume in ("media", "private-media"):
        assert volume in web
        assert proxy[volume].endswith(":ro"), "the proxy never writes uploads"
    caddyfile = CADDYFILE.read_text()
    assert "{$MEDIA_DIR:/srv/media}" in caddyfile
    assert proxy["media"].split(":")[1] == "/srv/media"
    assert proxy["private-media"].split(":")[1] == "/srv/private-media"
    # Django's X-Accel-Redirect prefix is the one the Caddyfile takes off.
    prefix = services["web"]["environment"]["PRIVATE_MEDIA_ACCEL_REDIRECT"]
    assert f"uri strip_prefix {prefix.rstrip('/')}" in caddyfile
    assert f"handle {prefix}*" in caddyfile


def test_the_site_is_the_first_allowed_host_unless_named(tmp_path):
    # The proxy's command, run with a stand-in for Caddy that prints the site.
    command = compose()["services"]["proxy"]["command"]
    stub = tmp_path / "caddy"
    stub.write_text('#!/bin/sh\necho "$SITE_ADDRESS"\n')
    stub.chmod(stub.stat().st_mode | stat.S_IEXEC)

    def site(**env):
        done = subprocess.run(  # noqa: S603
            [c.replace("$$", "$") for c in command],
            env={"PATH": f"{tmp_path}:/usr/bin:/bin", **env},
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    assert site(ALLOWED_HOSTS="cpdd.org.kh,www.cpdd.org.kh") == "cpdd.org.kh"
    assert site(ALLOWED_HOSTS="cpdd.org.kh", SITE_ADDRESS="localhost") == "localhost"


def test_the_proxy_image_carries_the_static_files_of_the_same_build():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    proxy_stage = dockerfile.split(" AS proxy\n", 1)[1].split("\nFROM ", 1)[0]
    assert "COPY --from=web /app/staticfiles /srv/static" in proxy_stage
    # The web image stays the default target (the last stage).
    assert dockerfile.rstrip().splitlines()[-1] == "FROM web"
