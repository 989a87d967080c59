"""Search documents for published consultation results (summaries and the ward's responses)."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session

from portal.consult.models import Consultation
from portal.i18n import _l, localized
from portal.review import results
from portal.search.documents import Document, Kind, SearchAdapter


def result_document(session: Session, consultation: Consultation, lang: str) -> Document:
    """One document for a published result: title, summaries, responses and 施策 names."""
    view = results.result_view(session, consultation)
    title = localized({"ja": f"意見募集の結果：{consultation.title_ja}",
                       "en": f"Result of the public comment: {consultation.title_en}"
                       if consultation.title_en else ""}, lang)
    body = " ".join(f"{g.group.summary_ja} {g.group.response_ja}" for g in view.groups)
    names = " ".join(f"{m.code} {m.name_ja} {m.name_en}" for m in consultation.measures)
    return Document("consultation", consultation.slug, lang, title, body,
                    f"{consultation.slug} パブリックコメント 意見募集 区の考え方 {names}",
                    "consult_result.result", (("slug", consultation.slug),),
                    {"plan": consultation.plan_id}, title_en=consultation.title_en)


def documents(session: Session, lang: str) -> Iterator[Document]:
    """Yield a document per consultation whose result is published."""
    for consultation, _result in results.published_consultations(session):
        yield result_document(session, consultation, lang)


ADAPTER = SearchAdapter({"consultation": Kind(1.5, _l("Public comment"))}, documents)
