"""`.env.example` is the one list of what can be configured: every variable
that the settings, compose.yaml or gunicorn.conf.py read is in it."""

import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

READERS = {
    # env("X"), env.int("X")…, os.environ.get/setdefault("X"), os.environ["X"]
    "python": re.compile(
        r"""(?:\benv(?:\.\w+)?|os\.environ\.(?:get|setdefault)|os\.getenv)"""
        r"""\(\s*["']([A-Z][A-Z0-9_]*)["']|os\.environ\[["']([A-Z][A-Z0-9_]*)["']\]"""
    ),
    # ${X}, ${X:-default}, ${X:?message}
    "compose": re.compile(r"\$\{([A-Z][A-Z0-9_]*)"),
}


def variables_read():
    found = {}
    sources = [
        *sorted((BASE_DIR / "cpdd_portal" / "settings").glob("*.py")),
        BASE_DIR / "gunicorn.conf.py",
    ]
    for path in sources:
        for match in READERS["python"].finditer(path.read_text()):
            found.setdefault(match[1] or match[2], path.name)
    for match in READERS["compose"].finditer((BASE_DIR / "compose.yaml").read_text()):
        found.setdefault(match[1], "compose.yaml")
    return found


def documented():
    text = (BASE_DIR / ".env.example").read_text()
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", text, re.MULTILINE))


def test_the_scan_finds_the_variables_it_should():
    # Guards the patterns themselves: a scan that finds nothing passes anything.
    found = variables_read()
    for name in ("SECRET_KEY", "DATABASE_URL", "POSTGRES_PASSWORD", "SENTRY_DSN"):
        assert name in found


def test_every_variable_read_is_in_env_example():
    missing = {
        name: where
        for name, where in variables_read().items()
        if name not in documented()
    }
    assert not missing, f"add these to .env.example: {missing}"
