"""The locks that make, CI and the image install from (`make lock`) hold what
requirements*.txt ask for: a pin changed without `make lock` fails here, not
on a server weeks later."""

import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;\\]+)", re.MULTILINE)


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(filename):
    text = (BASE_DIR / filename).read_text()
    return {normalise(name): version for name, version in PIN.findall(text)}


def entries(filename):
    """Each locked package's block: the pin line and its --hash lines."""
    text = (BASE_DIR / filename).read_text()
    return re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])


def test_every_requirement_is_locked_at_its_pinned_version():
    for requirements, lock in (
        ("requirements.txt", "requirements.lock"),
        ("requirements-dev.txt", "requirements-dev.lock"),
        ("requirements.txt", "requirements-dev.lock"),
    ):
        wanted, locked = pins(requirements), pins(lock)
        assert wanted, requirements
        stale = {
            name: (version, locked.get(name))
            for name, version in wanted.items()
            if locked.get(name) != version
        }
        assert not stale, f"run `make lock`: {lock} differs from {requirements}"


def test_tests_run_on_the_versions_the_image_installs():
    runtime, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {name: dev.get(name) for name in runtime} == runtime


def test_every_locked_package_has_its_hashes():
    for lock in ("requirements.lock", "requirements-dev.lock"):
        blocks = [block for block in entries(lock) if PIN.match(block)]
        assert len(blocks) == len(pins(lock))
        unhashed = [b.split()[0] for b in blocks if "--hash=sha256:" not in b]
        assert not unhashed, lock
