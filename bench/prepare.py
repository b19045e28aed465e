"""Write the k× proposal and its same-content Markdown; run by bench/run.py as a child process.

    python bench/prepare.py SAMPLE SCALE FOLDER   → prints {"draft": true|false} as JSON

The heavy lifting (importing the project, checking, rendering a 100× proposal) happens here and
not in the benchmark's own process: Linux carries a parent's peak memory into the max RSS of
every child it starts, so a lean parent is what keeps the children's peak figures honest.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(1, str(BENCH.parent))

from same_content import same_content_markdown
from scale import scaled_text

from tiip_writer.checking.pipeline import check_file


def prepare(sample: Path, scale: int, folder: Path) -> dict[str, object]:
    """Write proposal-<k>x.yaml and proposal-<k>x.md into `folder`; say if it needs --draft."""
    proposal = folder / f"proposal-{scale}x.yaml"
    proposal.write_text(scaled_text(sample, scale), encoding="utf-8")
    checked = check_file(proposal)
    if checked.proposal is None:
        rules = sorted({d.rule for d in checked.diagnostics})
        raise SystemExit(f"the {scale}× proposal is not schema-valid: {', '.join(rules)}")
    markdown = folder / f"proposal-{scale}x.md"
    markdown.write_text(same_content_markdown(proposal), encoding="utf-8")
    return {"draft": checked.has_errors}


if __name__ == "__main__":
    print(json.dumps(prepare(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))))
