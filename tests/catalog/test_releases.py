"""Releases never change: a data change needs a new version, old versions stay downloadable."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from portal import create_app
from tests.helpers import make_config


def _build(app):
    """Run `portal build` without the index and return the CLI result."""
    return app.test_cli_runner().invoke(args=["build", "--no-index"])


def _bump(folder: Path, version: str, old: str, new: str) -> None:
    """Change one observation's value text and set the package's version."""
    csv_path = folder / "observations.csv"
    csv_path.write_text(csv_path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    desc["version"] = version
    (folder / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False, indent=2),
                                             encoding="utf-8")


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under FOLDER with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _download(client, url: str) -> bytes:
    """GET a file and close the response."""
    with client.get(url) as response:
        assert response.status_code == 200, url
        return response.get_data()


def test_a_new_version_keeps_the_old_one_and_latest_moves(tmp_path, datasets_copy):
    app = create_app(make_config(tmp_path, datasets_copy))
    assert _build(app).exit_code == 0
    client = app.test_client()
    old_csv = _download(client, "/datasets/tiny-plan/1.0.0/observations.csv")
    _bump(datasets_copy / "tiny-plan", "1.1.0", "28地区", "29地区")

    result = _build(app)

    assert result.exit_code == 0, result.output
    assert _download(client, "/datasets/tiny-plan/1.0.0/observations.csv") == old_csv
    assert b"29" in _download(client, "/datasets/tiny-plan/1.1.0/observations.csv")
    latest = client.get("/datasets/tiny-plan/latest/observations.csv")
    assert latest.headers["Location"].endswith("/datasets/tiny-plan/1.1.0/observations.csv")
    meta = client.get("/api/v1/datasets/tiny-plan").get_json()
    assert meta["version"] == "1.1.0" and meta["versions"] == ["1.1.0", "1.0.0"]
    newest = meta["changelog"][0]["changes"]
    assert newest["previous_version"] == "1.0.0"
    observations = next(r for r in newest["resources"] if r["name"] == "observations")
    assert (observations["added"], observations["removed"], observations["changed"]) == (0, 0, 1)
    old_page = client.get("/en/datasets/tiny-plan/1.0.0/").get_data(as_text=True)
    assert "This is an older version." in old_page


def test_changed_bytes_under_a_released_version_are_refused_and_change_nothing(tmp_path, datasets_copy):
    app = create_app(make_config(tmp_path, datasets_copy))
    assert _build(app).exit_code == 0
    before = _tree(tmp_path / "releases")
    csv_path = datasets_copy / "tiny-plan" / "observations.csv"
    csv_path.write_text(csv_path.read_text(encoding="utf-8").replace("28地区", "29地区"), encoding="utf-8")

    result = _build(app)

    assert result.exit_code != 0
    assert "tiny-plan: datapackage.json: version 1.0.0 is already published with different contents" \
        in result.output
    assert "bump 'version'" in result.output
    assert _tree(tmp_path / "releases") == before
    assert "28" in _download(app.test_client(), "/datasets/tiny-plan/1.0.0/observations.csv").decode()


TRICKS = [
    "/datasets/tiny-plan/1.0.0/..%2F..%2F..%2Fsecret.txt",
    "/datasets/tiny-plan/1.0.0/%2E%2E%2F%2E%2E%2F%2E%2E%2Fsecret.txt",
    "/datasets/tiny-plan/..%2F..%2F..%2F/secret.txt",
    "/datasets/..%2F..%2F/1.0.0/secret.txt",
    "/datasets/tiny-plan/1.0.0/%2Ftmp%2Fsecret.txt",
    "/datasets/tiny-plan/1.0.0/manifest.json",
    "/datasets/tiny-plan/1.0.0/../../../secret.txt",
    "/datasets/tiny-plan/..%5C..%5C/secret.txt",
    "/datasets/tiny-plan/1.0.0/secret.txt",
    "/datasets/tiny-plan/9.9.9/observations.csv",
]


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file next to the releases folder that must never be read through a download URL."""
    path = tmp_path / "secret.txt"
    path.write_text("do not serve", encoding="utf-8")
    return path


@pytest.fixture
def opened_paths(secret):
    """Record every file the process opens while the test runs (Python audit hook)."""
    seen: list[str] = []
    active = [True]

    def hook(event: str, args: tuple) -> None:
        if active[0] and event == "open" and isinstance(args[0], str | bytes | Path):
            seen.append(str(args[0]))

    sys.addaudithook(hook)
    yield seen
    active[0] = False


@pytest.mark.parametrize("url", TRICKS)
def test_path_tricks_are_404_without_touching_files_outside_the_releases(app, url, opened_paths):
    with app.test_client().get(url) as response:
        assert response.status_code == 404
        assert b"do not serve" not in response.get_data()
    assert not [p for p in opened_paths if "secret" in p]
