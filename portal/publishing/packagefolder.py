"""Replace files of a package folder all at once, after the new folder has validated.

The new folder is assembled beside the old one (a copy with the new files), validated under the
package's own name, then swapped in with two renames; a failed validation leaves the old folder
untouched. (To be replaced by portal.packagefiles, the shared atomic writer, once it exists.)
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from portal.i18n import _
from portal.publishing.packages import PublishingError


def replace_files(folder: Path, files: dict[str, bytes], *, check: Callable[[Path], list]) -> None:
    """Write FILES over FOLDER's copies; CHECK (e.g. packages.validate) must find no problem."""
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        staged = work / folder.name
        shutil.copytree(folder, staged)
        for name, data in files.items():
            target = staged / name
            if target.parent != staged:
                raise PublishingError(f"unexpected file path {name}")
            target.write_bytes(data)
        problems = check(staged)
        if problems:
            raise PublishingError(_("The new version does not validate: %(first)s", first=str(problems[0])))
        old = work / "previous"
        os.replace(folder, old)
        os.replace(staged, folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
