"""The only frictionless import: find, validate and read data packages into plain dataclasses."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from frictionless import Package, Resource, Schema

#: Resources a plan package must carry (docs/dataset-conventions.md).
PLAN_RESOURCES = ("plans", "revisions", "nodes", "indicators", "observations")
#: Resources a reference (areas) package must carry.
AREA_RESOURCES = ("chiiki", "chiku", "chome")
#: Plan items printed as carried out in every 地区 (read by the 地区 pages, no table).
ROLLOUT_RESOURCES = ("rollout",)
#: The registry of ward documents and their pages (datasets/plan-documents).
DOCUMENT_RESOURCES = ("documents", "document_pages")
#: A document kept as text with source spans (datasets/next-basic-plan-approach).
TEXT_RESOURCES = ("texts",)
KINDS = {"plan": PLAN_RESOURCES, "reference": AREA_RESOURCES, "consultation": (),
         "rollout": ROLLOUT_RESOURCES, "documents": DOCUMENT_RESOURCES, "text": TEXT_RESOURCES}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a package, located by file, row and field where known."""

    package: str
    file: str
    message: str
    row: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field '{self.field}'"
        return f"{self.package}: {where}: {self.message}"


@dataclass
class ResourceData:
    """A tabular resource with its typed rows and the checksum of its file."""

    name: str
    position: int
    path: str
    descriptor: dict[str, Any]
    rows: list[dict[str, Any]]
    bytes: int
    sha256: str


@dataclass
class PackageData:
    """A validated package: its descriptor, resources and a hash over all its files."""

    name: str
    version: str
    kind: str
    folder: Path
    descriptor: dict[str, Any]
    content_hash: str
    resources: list[ResourceData] = field(default_factory=list)

    def resource(self, name: str) -> ResourceData | None:
        """Return the resource called NAME, if the package has one."""
        return next((r for r in self.resources if r.name == name), None)

    def rows(self, name: str) -> list[dict[str, Any]]:
        """Return the rows of resource NAME, or an empty list."""
        res = self.resource(name)
        return res.rows if res else []


def discover(datasets_dir: str | Path) -> list[Path]:
    """List package folders (those holding a datapackage.json) in name order."""
    base = Path(datasets_dir)
    if not base.is_dir():
        return []
    return sorted(p.parent for p in base.glob("*/datapackage.json"))


def _load_descriptor(folder: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Parse datapackage.json, reporting syntax errors with their line."""
    path = folder / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8")), []
    except json.JSONDecodeError as exc:
        return None, [Problem(folder.name, "datapackage.json", f"not valid JSON: {exc.msg}",
                              row=exc.lineno)]
    except UnicodeDecodeError:
        return None, [Problem(folder.name, "datapackage.json", "not UTF-8 text")]


def _convention_problems(folder: Path, desc: dict[str, Any]) -> list[Problem]:
    """Check the portal's own rules on top of the Data Package profile."""
    name = folder.name
    problems = []
    if desc.get("name") != name:
        problems.append(Problem(name, "datapackage.json",
                                f"name '{desc.get('name')}' must equal the folder name '{name}'"))
    if not desc.get("version"):
        problems.append(Problem(name, "datapackage.json", "version is required"))
    kind = (desc.get("portal") or {}).get("kind")
    if kind not in KINDS:
        problems.append(Problem(name, "datapackage.json",
                                f"portal.kind must be one of {sorted(KINDS)}, not {kind!r}"))
        return problems
    present = {r.get("name") for r in desc.get("resources", [])}
    for missing in [r for r in KINDS[kind] if r not in present]:
        problems.append(Problem(name, "datapackage.json", f"resource '{missing}' is required"))
    for res in desc.get("resources", []):
        path = str(res.get("path", ""))
        if path.startswith(("/", "http:", "https:")) or ".." in Path(path).parts:
            problems.append(Problem(name, "datapackage.json",
                                    f"resource path '{path}' must be a file inside the package"))
    return problems


def validate(folder: str | Path) -> list[Problem]:
    """Validate one package with frictionless and the portal's conventions; [] when valid."""
    folder = Path(folder)
    desc, problems = _load_descriptor(folder)
    if desc is None:
        return problems
    problems = _convention_problems(folder, desc)
    if problems:
        return problems
    report = Package(str(folder / "datapackage.json")).validate()
    for error in report.errors:
        problems.append(Problem(folder.name, "datapackage.json", error.message))
    for task in report.tasks:
        for error in task.errors:
            problems.append(Problem(
                folder.name, Path(task.place).name if task.place else task.name,
                error.message, row=getattr(error, "row_number", None),
                field=getattr(error, "field_name", None),
            ))
    return problems


def _plain(value: Any) -> Any:
    """Turn frictionless cell values into JSON- and database-friendly ones."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime | date):
        return value
    return value


def _file_digest(path: Path) -> tuple[int, str]:
    """Return the size and sha256 of a file."""
    data = path.read_bytes()
    return len(data), hashlib.sha256(data).hexdigest()


def read(folder: str | Path) -> PackageData:
    """Read a (validated) package: descriptor, typed rows of every resource, checksums."""
    folder = Path(folder)
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    package = Package(str(folder / "datapackage.json"))
    overall = hashlib.sha256((folder / "datapackage.json").read_bytes())
    resources = []
    for position, res_desc in enumerate(desc.get("resources", [])):
        resource = package.get_resource(res_desc["name"])
        rows = [{k: _plain(v) for k, v in row.items()} for row in resource.read_rows()]
        size, digest = _file_digest(folder / res_desc["path"])
        overall.update(digest.encode())
        resources.append(ResourceData(res_desc["name"], position, res_desc["path"], res_desc,
                                      rows, size, digest))
    return PackageData(
        name=desc["name"], version=str(desc["version"]), kind=desc["portal"]["kind"],
        folder=folder, descriptor=desc, content_hash=overall.hexdigest(), resources=resources,
    )


def content_hash(folder: str | Path) -> str:
    """Hash a package the way read() does (descriptor bytes, then each resource's sha256)."""
    folder = Path(folder)
    raw = (folder / "datapackage.json").read_bytes()
    overall = hashlib.sha256(raw)
    for res_desc in json.loads(raw.decode("utf-8")).get("resources", []):
        overall.update(_file_digest(folder / res_desc["path"])[1].encode())
    return overall.hexdigest()


@dataclass(frozen=True)
class CellProblem:
    """A cell that breaks a Table Schema: data row (1 = first after the header), field, kind."""

    row: int
    field: str
    value: str
    kind: str  # frictionless error type: type-error, constraint-error, …
    note: str


def check_rows(schema: dict[str, Any], header: list[str], rows: list[list[str]]) -> list[CellProblem]:
    """Validate text ROWS against a Table Schema with frictionless (types, constraints) only.

    Used for uploads that are not yet a package (keys across tables are checked by the caller).
    """
    fields = {f["name"]: f for f in schema.get("fields", [])}
    partial = {"fields": [fields.get(h, {"name": h, "type": "string"}) for h in header],
               "missingValues": schema.get("missingValues", [""])}
    report = Resource(data=[header, *rows], schema=Schema.from_descriptor(partial)).validate(
        limit_errors=100_000)
    return [CellProblem(error.row_number - 1, error.field_name, str(error.cell), error.type,
                        error.note)
            for task in report.tasks for error in task.errors
            if getattr(error, "field_name", None) and getattr(error, "row_number", None)]


def frictionless_version() -> str:
    """Return the version of the frictionless library that validated the packages."""
    from importlib.metadata import version

    return version("frictionless")
