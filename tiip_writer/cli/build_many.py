"""`tiip build` of several files or folders: where each .docx goes, the run, the summary.

With a folder or several inputs, `-o` names an output folder (created if missing): a file found
in a folder argument keeps its place below that folder (`samples/a/b.yaml` → `out/a/b.docx`),
a file argument lands as `out/<name>.docx`. Without `-o` each .docx goes next to its YAML, as
for one file. With `--pdf` each PDF lands beside its .docx. Two inputs that would write the
same file are reported, never overwritten.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from tiip_writer.cli.batch import Input, JobResult, cpu_jobs, expand, run
from tiip_writer.cli.build_job import build_one
from tiip_writer.cli.common import EXIT_CLEAN, EXIT_INPUT, echo_err
from tiip_writer.cli.progress import Progress
from tiip_writer.foundation.diagnostics import Text

MESSAGES = {
    "not-a-folder": Text("多個檔案或資料夾時，-o 必須是資料夾：{path} 是檔案",
                         "with several files or a folder, -o must be a folder: {path} is a file"),
    "no-folder": Text("無法建立輸出資料夾 {path}：{reason}", "cannot create the output folder {path}: {reason}"),
    "no-input": Text("{paths} 之中沒有 .yaml 或 .yml 檔案。", "no .yaml or .yml files in {paths}."),
    "collision": Text("與 {other} 輸出到同一個檔案 {path}，未產生", "would write the same file {path} as "
                      "{other}; not built"),
    "summary": Text("共 {total} 份計畫書：已產生 {built} 份（其中草稿 {drafts} 份）、失敗 {failed} 份。",
                    "{total} proposal(s): {built} built ({drafts} draft), {failed} failed."),
    "failure": Text("  ✗ {file}：{reason}", "  ✗ {file}: {reason}"),
}


def _say(key: str, lang: str, **values: object) -> str:
    return MESSAGES[key].get(lang).format(**values)


def build_many(paths: Sequence[Path], output: Path | None, template: str | None,
               markdown: Path | None, draft: bool, jobs: int,
               limits: tuple[float | None, int | None], lang: str, colour: bool = False,
               with_pdf: bool = False, page_numbers: bool = True) -> int:
    """Build every proposal among `paths` into `output` (a folder); return the worst exit code."""
    for folder in (output, markdown):
        problem = _prepare_folder(folder, lang) if folder is not None else None
        if problem:
            echo_err(problem)
            return EXIT_INPUT
    inputs = expand(paths)
    if not inputs:
        echo_err(_say("no-input", lang, paths="、".join(str(p) for p in paths)))
        return EXIT_INPUT
    plans = [(item, _target(item, output, ".docx"), _target(item, markdown, ".md")
              if markdown else None) for item in inputs]
    collisions = _collisions(plans, lang)
    todo = [(item.path, target, template, md, draft, True, limits, lang, colour,
             target.with_suffix(".pdf") if with_pdf else None, page_numbers)
            for item, target, md in plans if item.path not in collisions]
    progress = Progress(len(inputs))
    progress.start()
    results = iter(run(build_one, todo, cpu_jobs(jobs)))
    outcomes: list[tuple[Input, JobResult]] = []
    for item, _target_path, _md in plans:
        result = collisions.get(item.path) or next(results)
        progress.step(str(item.path), err=result.err)
        outcomes.append((item, result))
    progress.finish()
    return _summarise(outcomes, lang)


def _prepare_folder(folder: Path, lang: str) -> str | None:
    """Create the output folder if missing; return a message when it cannot be one."""
    if folder.exists() and not folder.is_dir():
        return _say("not-a-folder", lang, path=folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _say("no-folder", lang, path=folder, reason=exc.strerror or exc)
    return None


def _target(item: Input, folder: Path | None, suffix: str) -> Path:
    if folder is None:
        return item.path.with_suffix(suffix)
    return folder / item.relative.with_suffix(suffix)


def _collisions(plans: list[tuple[Input, Path, Path | None]], lang: str) -> dict[Path, JobResult]:
    """Return a failed result for each input whose output an earlier input already claims."""
    claimed: dict[Path, Path] = {}
    failed: dict[Path, JobResult] = {}
    for item, target, markdown in plans:
        for path in (target, markdown):
            if path is None:
                continue
            key = path.resolve()
            if key in claimed and item.path not in failed:
                reason = _say("collision", lang, other=claimed[key], path=path)
                failed[item.path] = JobResult(EXIT_INPUT, err=(reason,), reason=reason)
            claimed.setdefault(key, item.path)
    return failed


def _summarise(outcomes: list[tuple[Input, JobResult]], lang: str) -> int:
    failed = [(item, result) for item, result in outcomes if result.exit_code != EXIT_CLEAN]
    drafts = sum(1 for _item, result in outcomes if "draft" in result.flags)
    click.echo(_say("summary", lang, total=len(outcomes), built=len(outcomes) - len(failed),
                    drafts=drafts, failed=len(failed)), err=True)
    for item, result in failed:
        echo_err(_say("failure", lang, file=item.path, reason=result.reason or ""))
    return max((result.exit_code for _item, result in outcomes), default=EXIT_CLEAN)
