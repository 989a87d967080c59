"""The result of a consultation as a Frictionless data package: rows, schemas and descriptor.

Resources: consultation (one row), groups (意見の概要・区の考え方), comments (受付番号 and published
text; excluded ones with their reason and no text), counts (by 施策, category, channel, 地区,
age group) and receipts (the sorted receipt-code hashes the digest is computed over).
Never written: names, contacts, original texts of redacted comments, or per-comment 地区/age
(those are given only as counts, so a comment cannot be tied to a small group of people).
"""

# ruff: noqa: E501 -- one schema field per line reads best; the descriptions are data
from __future__ import annotations

import csv
import io
from typing import Any

from portal.japantime import to_jst
from portal.review.results import ResultView

#: Japanese labels of the data vocabularies (the published values stay the ASCII keys).
CATEGORY_JA = {"reflected": "反映", "partly_reflected": "一部反映", "already_included": "既に記載",
               "for_reference": "今後の参考", "other": "その他"}
CHANNEL_JA = {"web": "ウェブ", "paper": "郵送", "fax": "FAX", "counter": "窓口", "email": "電子メール"}
EXCLUSION_JA = {"spam": "スパム（意見でないもの）", "duplicate": "重複", "off_topic": "案件と関係のないもの"}
AGE_JA = {"under20": "20歳未満", "20s": "20歳代", "30s": "30歳代", "40s": "40歳代", "50s": "50歳代",
          "60s": "60歳代", "70s": "70歳代", "80plus": "80歳以上"}

S, INT, D = "string", "integer", "datetime"


def _field(name: str, type_: str, title: str, description: str) -> dict[str, str]:
    """One Table Schema field."""
    return {"name": name, "type": type_, "title": title, "description": description}


SCHEMAS: dict[str, tuple[str, str, list[dict[str, str]], list[str]]] = {
    "consultation": ("意見募集", "Consultation", [
        _field("slug", S, "ID", "Identifier of the consultation in the portal's URLs."),
        _field("title_ja", S, "件名", "Title as published by the ward."),
        _field("plan_id", S, "計画ID", "Plan the consultation concerns."),
        _field("revision_id", S, "版ID", "Plan revision the comments were made on."),
        _field("opens_at", D, "募集開始", "Opening time (Japan time)."),
        _field("closes_at", D, "募集締切", "Closing minute (Japan time); comments had to arrive by its end."),
        _field("result_published_at", D, "結果公表日時", "When this result was published (Japan time)."),
        _field("people", INT, "提出者数", "Submitters: one per web submission; staff linked parts of one letter."),
        _field("comments", INT, "意見数", "Comments received, including excluded ones."),
        _field("considered", INT, "検討した意見数", "Comments grouped and answered (received minus excluded)."),
        _field("excluded", INT, "除外した意見数", "Comments left out, each with a published reason."),
        _field("receipt_digest", S, "受付コード要約値", "sha256 over the sorted lines of receipts.csv (each hash followed by a line feed)."),
        _field("is_demo", "boolean", "デモ", "True for a demonstration consultation (not a ward consultation)."),
    ], ["slug"]),
    "groups": ("意見の概要と区の考え方", "Opinion groups and the ward's responses", [
        _field("group_id", INT, "番号", "Number of the opinion group within the consultation."),
        _field("measure_node_id", S, "施策ID", "施策 the comments are about; empty for general comments."),
        _field("measure_code", S, "施策番号", "Code of the 施策 as printed."),
        _field("measure_name_ja", S, "施策名", "Name of the 施策 as printed."),
        _field("summary_ja", S, "意見の概要", "Summary of the comments in the group, written by ward staff."),
        _field("comment_count", INT, "件数", "Comments in the group."),
        _field("others", INT, "他N件", "Comments in the group besides the first (the N of 「（他N件）」)."),
        _field("response_ja", S, "区の考え方", "The ward's response."),
        _field("category", S, "区分", "reflected 反映 / partly_reflected 一部反映 / already_included 既に記載 / for_reference 今後の参考 / other その他."),
        _field("category_ja", S, "区分（日本語）", "The category in Japanese."),
        _field("change_revision_id", S, "変更後の版ID", "Revision where the plan changed because of these comments; empty if none."),
        _field("change_node_id", S, "変更後の施策ID", "施策 in that revision carrying the change."),
    ], ["group_id"]),
    "comments": ("提出された意見", "Comments as published", [
        _field("receipt_no", INT, "受付番号", "Receipt number given to the submitter."),
        _field("group_id", INT, "意見の概要の番号", "Opinion group of the comment; empty when excluded."),
        _field("measure_node_id", S, "施策ID", "施策 the comment is about; empty for a general comment."),
        _field("channel", S, "提出方法", "web, paper, fax, counter or email."),
        _field("received_on", "date", "受付日", "Date of receipt (Japan time)."),
        _field("redacted", "boolean", "個人情報を削除", "True when personal information was removed from the text."),
        _field("status", S, "扱い", "considered, or excluded."),
        _field("exclusion_reason", S, "除外の理由", "spam, duplicate or off_topic for an excluded comment."),
        _field("text", S, "意見（公表用）", "Text as published: the comment, with personal information removed where marked; empty when excluded."),
        _field("receipt_code_sha256", S, "受付コードのハッシュ", "sha256 of the receipt code; a submitter can find their comment by it."),
    ], ["receipt_no"]),
    "counts": ("集計", "Counts", [
        _field("dimension", S, "集計の軸", "total, measure, category, channel, chiku or age_group."),
        _field("key", S, "値", "Value of the dimension (empty = not given)."),
        _field("label_ja", S, "名称", "Japanese name of the value."),
        _field("comments", INT, "件数", "Considered comments with this value (total: see the key)."),
    ], ["dimension", "key"]),
    "receipts": ("受付コードのハッシュ一覧", "Receipt-code hashes", [
        _field("receipt_code_sha256", S, "受付コードのハッシュ", "sha256 of each receipt code issued, sorted."),
    ], ["receipt_code_sha256"]),
}


def _iso(value) -> str:
    """A naive-UTC time as ISO 8601 in Japan time."""
    return to_jst(value).replace(microsecond=0).isoformat() if value else ""


def consultation_rows(view: ResultView, digest: str, published_at) -> list[dict[str, Any]]:
    """The one row of consultation.csv."""
    c = view.consultation
    excluded = sum(view.excluded_counts().values())
    return [{"slug": c.slug, "title_ja": c.title_ja, "plan_id": c.plan_id,
             "revision_id": c.revision_id, "opens_at": _iso(c.opens_at),
             "closes_at": _iso(c.closes_at), "result_published_at": _iso(published_at),
             "people": view.people(), "comments": len(view.comments),
             "considered": len(view.comments) - excluded, "excluded": excluded,
             "receipt_digest": digest, "is_demo": "true" if c.is_demo else "false"}]


def group_rows(view: ResultView) -> list[dict[str, Any]]:
    """Rows of groups.csv."""
    return [{"group_id": g.group.position, "measure_node_id": g.group.node_id or "",
             "measure_code": g.measure.code if g.measure else "",
             "measure_name_ja": g.measure.name_ja if g.measure else "",
             "summary_ja": g.group.summary_ja, "comment_count": len(g.comments), "others": g.others,
             "response_ja": g.group.response_ja, "category": g.group.category or "",
             "category_ja": CATEGORY_JA.get(g.group.category or "", ""),
             "change_revision_id": g.group.change_revision_id or "",
             "change_node_id": g.group.change_node_id or ""} for g in view.groups]


def comment_rows(view: ResultView) -> list[dict[str, Any]]:
    """Rows of comments.csv: published texts only."""
    rows = []
    for c in view.comments:
        review = view.reviews.get(c.id)
        group = view.group_of(c)
        excluded = review.exclusion if review else None
        rows.append({"receipt_no": c.receipt_no, "group_id": group.group.position if group else "",
                     "measure_node_id": c.node_id or "", "channel": c.channel,
                     "received_on": to_jst(c.received_at).date().isoformat(),
                     "redacted": "true" if review and review.published_text is not None else "false",
                     "status": "excluded" if excluded else "considered",
                     "exclusion_reason": excluded or "",
                     "text": "" if excluded else next(t for x, t in group.comments if x.id == c.id),
                     "receipt_code_sha256": c.receipt_code_sha256})
    return rows


def count_rows(view: ResultView, chiku_names: dict[str, str]) -> list[dict[str, Any]]:
    """Rows of counts.csv."""
    measures = {m.node_id: f"{m.code} {m.name_ja}".strip() for m in view.consultation.measures}
    rows = [{"dimension": "total", "key": key, "label_ja": label, "comments": n} for key, label, n in (
        ("comments", "意見数", len(view.comments)), ("people", "提出者数", view.people()),
        ("considered", "検討した意見数", len(view.considered())))]
    rows += [{"dimension": "total", "key": f"excluded_{k}", "label_ja": f"除外：{EXCLUSION_JA[k]}",
              "comments": n} for k, n in sorted(view.excluded_counts().items())]
    dims = (("measure", view.counts("node_id"), lambda k: measures.get(k, "全般的な意見")),
            ("category", view.category_counts(), lambda k: CATEGORY_JA.get(k, "")),
            ("channel", view.counts("channel"), lambda k: CHANNEL_JA.get(k, k)),
            ("chiku", view.counts("residence"),
             lambda k: "区外" if k == "outside" else chiku_names.get(k, "回答なし")),
            ("age_group", view.counts("age_group"), lambda k: AGE_JA.get(k, "回答なし")))
    for dim, counter, label in dims:
        rows += [{"dimension": dim, "key": k, "label_ja": label(k), "comments": n}
                 for k, n in sorted(counter.items())]
    return rows


def to_csv(name: str, rows: list[dict[str, Any]]) -> bytes:
    """A resource's rows as UTF-8 CSV with LF line ends and a header."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, [f["name"] for f in SCHEMAS[name][2]], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def resource_descriptor(name: str) -> dict[str, Any]:
    """The descriptor of one resource, following docs/dataset-conventions.md."""
    title_ja, title, fields, key = SCHEMAS[name]
    return {"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "title": title,
            "title_ja": title_ja, "description": title,
            "schema": {"fields": fields, "primaryKey": key, "missingValues": [""]}}
