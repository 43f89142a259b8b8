"""Which chromium the browser tests and the benchmark launch (collaborare/site/localsite.py)."""

from types import SimpleNamespace

import pytest

from collaborare.site import localsite


def fake_playwright(bundled):
    return SimpleNamespace(chromium=SimpleNamespace(executable_path=str(bundled)))


@pytest.fixture
def debian(tmp_path, monkeypatch):
    """Debian's chromium, present or not, at a path of our own."""
    path = tmp_path / "debian-chromium"
    monkeypatch.setattr(localsite, "CHROMIUM", str(path))
    monkeypatch.delenv(localsite.CHROMIUM_ENV, raising=False)
    return path


def executable(path):
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_debian_chromium_is_the_default(debian, tmp_path):
    executable(debian)
    bundled = executable(tmp_path / "bundled")
    assert localsite.chromium_executable(fake_playwright(bundled)) == str(debian)


def test_without_debian_chromium_playwright_s_own_is_used(debian, tmp_path):
    bundled = executable(tmp_path / "bundled")
    assert localsite.chromium_executable(fake_playwright(bundled)) == str(bundled)


def test_none_found_says_how_to_get_one(debian, tmp_path):
    with pytest.raises(LookupError, match="playwright install chromium"):
        localsite.chromium_executable(fake_playwright(tmp_path / "missing"))


def test_the_environment_variable_chooses_the_browser(debian, tmp_path, monkeypatch):
    executable(debian)
    bundled = executable(tmp_path / "bundled")
    chosen = executable(tmp_path / "my-chromium")
    monkeypatch.setenv(localsite.CHROMIUM_ENV, str(chosen))
    assert localsite.chromium_executable(fake_playwright(bundled)) == str(chosen)
    monkeypatch.setenv(localsite.CHROMIUM_ENV, "playwright")
    assert localsite.chromium_executable(fake_playwright(bundled)) == str(bundled)
    monkeypatch.setenv(localsite.CHROMIUM_ENV, str(tmp_path / "missing"))
    with pytest.raises(LookupError, match="COLLABORARE_CHROMIUM"):
        localsite.chromium_executable(fake_playwright(bundled))
    monkeypatch.setenv(localsite.CHROMIUM_ENV, "playwright")
    with pytest.raises(LookupError, match="playwright install chromium"):
        localsite.chromium_executable(fake_playwright(tmp_path / "missing"))
