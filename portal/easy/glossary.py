"""The 用語集: the plan words residents meet on the portal, each explained twice by the portal
team (ordinary Japanese and やさしい日本語). These are the portal's explanations for reading the
pages, not the ward's definitions; the page says so."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One word of the 用語集: its anchor, the word as printed and its two explanations."""

    slug: str
    word: str
    ja: str
    easy: str


#: The terms, in the order of the page (the plan's structure first, then figures, then comments).
TERMS: tuple[Term, ...] = (
    Term("shisaku", "施策",
         "区が計画の目標に向けて進める取組みのまとまりです。一つの施策はいくつかの事業からなります。",
         "区が する 仕事の まとまりです。1つの 施策の 中に、いくつかの 事業が あります。"),
    Term("jigyo", "事業",
         "施策を実現するために区が行う、一つ一つの取組みです。",
         "区が する 1つ 1つの 仕事です。"),
    Term("shohyo", "指標",
         "取組みの進み具合を数値で測るための項目です。行動量と成果指標があります。",
         "仕事が どのくらい 進んだかを はかる 数です。"),
    Term("kodoryo", "行動量",
         "事業でどれだけ活動するかを表す量です（講座の開催回数、参加人数など）。"
         "年度ごとに計画の値と実績が示されます。",
         "区が どれだけ 仕事を するかを 表す 数です。たとえば 会の 回数や、来た 人の 数です。"),
    Term("seika-shihyo", "成果指標",
         "施策によってどれだけ成果が上がったかを測る指標です（割合や人数など）。",
         "仕事の 結果、どれだけ よく なったかを はかる 数です。"),
    Term("soryo", "総量",
         "計画期間全体での行動量です。指標によって、各年度の値の合計の場合と、"
         "最終年度に到達する値の場合があります。",
         "計画の 期間 全部の 数です。毎年の 数を 足した ものの ときと、最後の 年の 数の ときが あります。"),
    Term("ruikei", "累計",
         "それまでの各年度の値を足し合わせた合計です。",
         "それまでの 数を 全部 足した 数です。"),
    Term("mikomi", "見込み",
         "年度が終わる前に示された、その年度末の見通しの数値です。確定した実績ではありません。",
         "年が 終わる 前に 出した、よそうの 数です。決まった 数では ありません。"),
    Term("genkyochi", "現況値",
         "計画をつくった時点の値です。目標と比べるときの出発点になります。",
         "計画を 作った ときの 数です。ここから どれだけ 変わったかを 見ます。"),
    Term("jisseki", "実績",
         "実際に行った結果の数値です。",
         "本当に できた ことの 数です。"),
    Term("mokuhyochi", "目標値",
         "計画で目指す数値です。",
         "計画で めざす 数です。"),
    Term("shokanbu", "所管部",
         "その施策や事業を担当する区の部です。",
         "その 仕事を 担当する 区の 部です。"),
    Term("chiku", "地区",
         "世田谷区を28に分けた区域です。地区ごとにまちづくりセンターがあります。",
         "世田谷区を 28に 分けた 場所です。それぞれに まちづくりセンターが あります。"),
    Term("public-comment", "パブリックコメント",
         "区が計画などを決める前に案を公表し、区民などから意見を募集する手続きです。投票ではありません。",
         "区が 計画を 決める 前に、みんなの 意見を 集める ことです。投票では ありません。"),
    Term("ku-no-kangaekata", "区の考え方",
         "パブリックコメントで寄せられた意見に対して、区が示す回答です。",
         "集めた 意見への 区の 答えです。"),
)

BY_WORD = {term.word: term for term in TERMS}


def explanation(term: Term, easy: bool) -> str:
    """TERM's explanation in やさしい日本語 when EASY, else in ordinary Japanese."""
    return term.easy if easy else term.ja
