"""execution.duplicate-code: codes are unique — applicant ids, sub-plan and work-item codes,
person ids and checkpoint codes — so that every reference means one thing.

Not in the first catalogue; added because a repeated code makes every reference to it
ambiguous and the other execution rules silently pick one of the two.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding at each repeat of a code already used."""
    p = ctx.proposal
    units = [(c.id, c.ptr, "id") for c in p.applicants.companies]
    units += [(partner.id, partner.ptr, "id") for partner in p.applicants.partners]
    groups = {
        ("申請單位代號", "applicant id"): units,
        ("分項或工作項目代號", "sub-plan or work-item code"):
            [(s.code, s.ptr, "code") for s in p.work] + [(i.code, i.ptr, "code")
                                                         for i in p.work_items],
        ("人員編號", "person id"): [(person.id, person.ptr, "id") for person in p.team],
        ("查核點編號", "checkpoint code"): [(cp.code, cp.ptr, "code") for cp in p.checkpoints],
    }
    for (zh, en), entries in groups.items():
        seen: set[str] = set()
        for code, pointer, key in entries:
            if code in seen:
                yield Finding(join_pointer(pointer, key), Text(
                    f"{zh}「{code}」重複使用", f"the {en} '{code}' is used twice"),
                    Text("每個代號只能用一次，引用時才不會混淆",
                         "give each a code of its own so references are unambiguous"))
            seen.add(code)


RULE = Rule(
    id="execution.duplicate-code",
    title=Text("代號不重複", "codes are unique"),
    check=check)
