"""Repeatable installs: requirements*.lock pin every package of requirements*.txt (and their
dependencies) to one version with hashes, agree with each other, and are what every install
uses (make, CI through make, the Dockerfile)."""

import re

import pytest
from packaging.requirements import Requirement

from tests.test_settings import ROOT

LOCKS = {"requirements.txt": "requirements.lock", "requirements-dev.txt": "requirements-dev.lock",
         "requirements-bench.txt": "requirements-bench.lock"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)(.*?)(?=^\S|\Z)", re.M | re.S)


def _name(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock):
    found = {}
    for match in PIN.finditer((ROOT / lock).read_text()):
        name, version, rest = match.groups()
        found[_name(name)] = (version, len(re.findall(r"--hash=sha256:[0-9a-f]{64}", rest)))
    return found


def named(requirements):
    names = set()
    for line in (ROOT / requirements).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r "):
            names |= named(line[3:].strip())
        else:
            names.add(_name(Requirement(line).name))
    return names


@pytest.mark.parametrize(("requirements", "lock"), LOCKS.items())
def test_every_requirement_is_pinned_with_hashes(requirements, lock):
    locked = pins(lock)
    assert named(requirements) - set(locked) == set()
    assert [name for name, (_version, hashes) in locked.items() if hashes == 0] == []


def test_the_locks_agree():
    runtime, dev, bench = (pins(lock) for lock in LOCKS.values())
    assert {n: v for n, (v, _h) in runtime.items() if dev[n][0] != v} == {}
    assert {n: v for n, (v, _h) in dev.items() if bench[n][0] != v} == {}


def test_every_install_uses_a_lock_with_hashes():
    makefile = (ROOT / "Makefile").read_text()
    dockerfile = (ROOT / "docker" / "Dockerfile").read_text()
    assert "--require-hashes -r requirements-dev.lock" in makefile
    assert "--require-hashes -r requirements-bench.lock" in makefile
    assert "--require-hashes --no-deps -r requirements.lock" in dockerfile
    installs = [line for line in (makefile + dockerfile).splitlines() if "pip install" in line]
    assert [line for line in installs if "--require-hashes" not in line] == []
    assert "make test" in (ROOT / ".ci" / "run").read_text()
