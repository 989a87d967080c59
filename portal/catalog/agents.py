"""Who publishes the catalogue (configurable PUBLISHER_*) and who wrote the source documents (the ward).

In the demonstration the portal's operator publishes the data sets; 世田谷区 is the creator of the
plan documents they were extracted from. A deployment run by the ward sets PORTAL_PUBLISHER_* to
the ward's own identity. DCAT, schema.org and the CKAN organisation all read the same Agent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: 全国地方公共団体コード of 世田谷区 (5-digit code 13112 plus its check digit).
WARD_CODE = "131121"
WARD_HOMEPAGE = "https://www.city.setagaya.lg.jp/"


@dataclass(frozen=True)
class Agent:
    """An organisation as catalogues name it: IRI, names in Japanese and English, homepage, e-mail."""

    iri: str
    name_ja: str
    name_en: str
    homepage: str
    email: str = ""

    def name(self, lang: str) -> str:
        """The name in LANG (Japanese for every language but English)."""
        return self.name_en if lang == "en" else self.name_ja


def publisher(config: Any) -> Agent:
    """The configured publisher; IRI and homepage default to addresses on PUBLIC_BASE_URL."""
    base = config["PUBLIC_BASE_URL"].rstrip("/")
    return Agent(iri=config.get("PUBLISHER_IRI") or f"{base}/#publisher",
                 name_ja=config["PUBLISHER_NAME_JA"], name_en=config["PUBLISHER_NAME_EN"],
                 homepage=config.get("PUBLISHER_HOMEPAGE") or f"{base}/",
                 email=config.get("PUBLISHER_EMAIL", ""))


def ward(config: Any) -> Agent:
    """世田谷区, creator of the plan documents (an IRI on the portal: the ward publishes none)."""
    base = config["PUBLIC_BASE_URL"].rstrip("/")
    return Agent(iri=f"{base}/#setagaya-city", name_ja="世田谷区", name_en="Setagaya City",
                 homepage=WARD_HOMEPAGE)
