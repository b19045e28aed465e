"""text.taiwan-term: a mainland term where Taiwan uses another (軟件→軟體, 信息→資訊, 質量→品質,
網絡→網路, 數據→資料, 計劃→計畫 …).

The table is data (text/data/taiwan-terms.yaml), matched after converting Simplified characters
to Traditional, so 「软件」 is found as well. OpenCC's own phrase conversion is not used for the
replacement: it writes 計劃 where Taiwan's official usage is 計畫. One finding per occurrence.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.rules.prose import text_fields
from tiip_writer.text.chinese import mainland_terms


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding per mainland term, with the Taiwan term."""
    for pointer, text in text_fields(ctx.proposal):
        for issue in mainland_terms(text):
            yield Finding(pointer, Text(
                f"「{issue.found}」是中國大陸用語，臺灣用「{issue.suggestion}」",
                f"'{issue.found}' is mainland usage; Taiwan writes '{issue.suggestion}'"),
                Text(f"改為「{issue.suggestion}」", f"write '{issue.suggestion}'"),
                char=issue.offset)


RULE = Rule(
    id="text.taiwan-term",
    title=Text("使用臺灣用語", "Taiwan usage instead of mainland terms"),
    check=check,
    about="審查委員是臺灣的產業與學界專家，中國大陸用語（軟件、信息、質量、網絡、數據…）會讓計畫書"
          "顯得是複製而來。本規則以 taiwan-terms.yaml 的對照表比對每一個文字欄位（簡體寫法也會找到），"
          "並提出臺灣用語。計畫名稱與內文中的「計劃」一律建議寫「計畫」，這是政府公文的用法。")
