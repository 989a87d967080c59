"""The DCAT catalogue graph in Turtle and RDF/XML: rdflib re-serialises the JSON-LD document.

Serialising takes a large part of a second, so each (document, format) pair is kept: the document
changes only when a release is published or the configuration changes.
"""

from __future__ import annotations

import json
import warnings
from functools import lru_cache
from typing import Any

from rdflib import Graph

#: Serialisations offered, by media type: (rdflib format name, file suffix).
FORMATS = {"application/ld+json": ("json-ld", "jsonld"), "text/turtle": ("turtle", "ttl"),
           "application/rdf+xml": ("xml", "rdf")}


def graph(document: dict[str, Any]) -> Graph:
    """Parse a JSON-LD document into an rdflib Graph."""
    with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        return Graph().parse(data=json.dumps(document), format="json-ld")


@lru_cache(maxsize=8)
def _serialise(document_json: str, rdf_format: str) -> bytes:
    """Serialise a JSON-LD text into RDF_FORMAT (cached per text)."""
    result = graph(json.loads(document_json)).serialize(format=rdf_format, encoding="utf-8")
    return result if isinstance(result, bytes) else result.encode("utf-8")


def serialise(document: dict[str, Any], mediatype: str) -> bytes:
    """Return DOCUMENT in the serialisation of MEDIATYPE (one of FORMATS but JSON-LD)."""
    return _serialise(json.dumps(document, sort_keys=True, ensure_ascii=False), FORMATS[mediatype][0])


def negotiate(accept: Any) -> str:
    """Pick the serialisation an Accept header prefers (JSON-LD when it names none of ours)."""
    return accept.best_match(list(FORMATS), default="application/ld+json")
