"""The package-folder writer: readers see the old folder or the new one, whole; failures change nothing."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from portal import packagefiles

NAMES = ["datapackage.json", "a.csv", "b.csv", "data/c.csv"]
SIZE = 256 * 1024


def generation(gen: int) -> dict[str, bytes]:
    """Files of one generation: each starts and ends with its generation and has a known size."""
    mark = f"gen={gen:06d}\n".encode()
    return {name: mark + b"x" * (SIZE - 2 * len(mark)) + mark for name in NAMES}


def read_snapshot(folder: Path) -> set[int] | None:
    """Generations found in FOLDER's files, read through one open folder; None if it was superseded.

    Fails the test if FOLDER is missing or a file is cut short.
    """
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)  # FileNotFoundError: the folder was missing
    try:
        gens = set()
        for name in NAMES:
            try:
                with open(name, "rb", opener=lambda p, f: os.open(p, f, dir_fd=fd)) as fh:
                    data = fh.read()
            except FileNotFoundError:
                # Only a folder already swapped out (being deleted) may lose files.
                assert os.fstat(fd).st_ino != os.stat(folder).st_ino, f"{name} missing in the live folder"
                return None
            assert len(data) == SIZE and data[:11] == data[-11:], f"{name} half-written"
            gens.add(int(data[4:10]))
        return gens
    finally:
        os.close(fd)


def test_a_reader_never_sees_a_missing_or_half_written_folder(tmp_path: Path) -> None:
    """While the folder is rewritten 40 times, a reader always finds it, whole and of one generation."""
    folder = tmp_path / "pkg"
    packagefiles.write_folder(folder, generation(0))
    done = threading.Event()
    seen: set[int] = set()
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            while not done.is_set():
                gens = read_snapshot(folder)
                if gens is not None:
                    assert len(gens) == 1, f"files of generations {gens} mixed in one folder"
                    seen.update(gens)
        except BaseException as exc:  # handed to the test thread
            errors.append(exc)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for gen in range(1, 41):
            packagefiles.write_folder(folder, generation(gen))
    finally:
        done.set()
        thread.join()
    assert not errors, errors[0]
    assert read_snapshot(folder) == {40}
    assert len(seen) > 1, "the reader never overlapped a rewrite"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"], "a temporary folder was left behind"


class FailingFiles(Mapping[str, bytes]):
    """Files whose third one cannot be produced (as if the disk filled up mid-write)."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    def __getitem__(self, key: str) -> bytes:
        return self.files[key]

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[str]:
        for i, name in enumerate(self.files):
            if i == 2:
                raise OSError(28, "No space left on device")
            yield name


def test_a_failure_mid_write_leaves_the_old_folder_intact(tmp_path: Path) -> None:
    """A write that fails part-way leaves the old folder byte for byte, and no temporary folder."""
    folder = tmp_path / "pkg"
    packagefiles.write_folder(folder, generation(1))
    with pytest.raises(OSError, match="No space left"):
        packagefiles.write_folder(folder, FailingFiles(generation(2)))
    assert {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()} \
        == generation(1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]


def test_the_new_folder_holds_exactly_the_new_files(tmp_path: Path) -> None:
    """Files the new generation does not have are gone (the folder is replaced, not merged)."""
    folder = tmp_path / "pkg"
    packagefiles.write_folder(folder, {"old.csv": b"a\n", "datapackage.json": b"{}\n"})
    written = packagefiles.write_folder(folder, {"datapackage.json": b"{ }\n"})
    assert written == [folder / "datapackage.json"]
    assert [p.name for p in folder.iterdir()] == ["datapackage.json"]
    assert oct(folder.stat().st_mode & 0o777) == "0o755"


def test_an_existing_folder_is_kept_when_overwriting_is_refused(tmp_path: Path) -> None:
    """overwrite=False (releases are immutable) refuses to replace a folder and leaves it as it was."""
    folder = tmp_path / "1.0.0"
    packagefiles.write_folder(folder, {"manifest.json": b"old"}, overwrite=False)
    with pytest.raises(OSError):
        packagefiles.write_folder(folder, {"manifest.json": b"new"}, overwrite=False)
    assert (folder / "manifest.json").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1.0.0"]


def test_without_renameat2_the_folder_is_still_replaced_whole(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Where renameat2 is missing, the fallback (rename aside, rename in) still gives the new folder."""
    monkeypatch.setattr(packagefiles, "_renameat2", None)
    folder = tmp_path / "pkg"
    packagefiles.write_folder(folder, generation(1))
    packagefiles.write_folder(folder, generation(2))
    assert read_snapshot(folder) == {2}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]


@pytest.mark.parametrize("name", ["/etc/passwd", "../outside.csv", "a/../../b.csv", ""])
def test_file_names_stay_inside_the_folder(tmp_path: Path, name: str) -> None:
    """A file name that would land outside the folder is refused and nothing is written."""
    with pytest.raises(ValueError):
        packagefiles.write_folder(tmp_path / "pkg", {name: b"x"})
    assert list(tmp_path.iterdir()) == []


def test_package_files_follow_the_portal_convention() -> None:
    """CSV: UTF-8, LF, quoted only when needed, None empty; datapackage.json indented with a newline."""
    desc = {"name": "p", "resources": [{"name": "r", "path": "r.csv",
                                        "schema": {"fields": [{"name": "id"}, {"name": "名前"}]}}]}
    files = packagefiles.package_files(desc, {"r": [{"id": 1, "名前": "世田谷, 区"}, {"id": None}]})
    assert files["r.csv"] == 'id,名前\n1,"世田谷, 区"\n,\n'.encode()
    assert files["datapackage.json"].decode().startswith('{\n  "name": "p",')
    assert files["datapackage.json"].endswith(b"}\n")
    with pytest.raises(ValueError):
        packagefiles.csv_bytes(["id"], [{"id": 1, "extra": 2}])
