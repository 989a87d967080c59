"""Replace files of a package folder at once, only after the new folder has validated.

The new folder is assembled under a temporary name (the package's own name inside a scratch
folder, so the convention name = folder name holds), validated, then swapped in whole by the
portal's one atomic writer (portal.packagefiles); a failed validation leaves the old folder as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from portal import packagefiles
from portal.i18n import _
from portal.publishing.packages import PublishingError


def replace_files(folder: Path, files: dict[str, bytes], *, check: Callable[[Path], list]) -> None:
    """Write FILES over FOLDER's copies; CHECK (e.g. packages.validate) must find no problem."""
    contents = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} | files
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}-check-", dir=folder.parent))
    try:
        staged = work / folder.name
        packagefiles.write_folder(staged, contents, overwrite=False)
        problems = check(staged)
        if problems:
            raise PublishingError(_("The new version does not validate: %(first)s", first=str(problems[0])))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    packagefiles.write_folder(folder, contents)
