"""Absurd numbers and lists get a positioned finding, within 2 s and 300 MB each.

Every integer field of the schema is set to 10²⁰, −1 and 0 in turn on every sample; every
number field to .inf, -.inf, .nan, ±1e300 (and 1.5 where an integer is meant); lists grow to a
million values; and every number at its schema maximum at once must still check, build, budget
and review. The cases run in a subprocess under an address-space limit (see extremes.py), so
a loop or table sized by a user's number fails here instead of swapping.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from typing import Any

from tests.fuzz.extremes import (
    ANY_KEY,
    ITEM,
    ROOT,
    SAMPLES,
    Field,
    dump,
    number_fields,
    place,
    place_everywhere,
    sample_data,
)

MEMORY = 300 * 2**20   # bytes each case may add to the worker's size after its imports
SECONDS = 2.0
INTEGERS = [field for field in number_fields() if field.integer]
NUMBERS = number_fields()


def run_jobs(jobs: list[dict[str, Any]], workers: int = 2) -> list[dict[str, Any]]:
    """Run the jobs in limited workers (side by side); return one outcome per job, in order."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    shares = [jobs[n::workers] for n in range(workers)]
    processes = [subprocess.Popen(
        [sys.executable, "-m", "tests.fuzz.extremes", str(MEMORY)], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
        for _ in shares]
    outcomes: list[dict[str, Any]] = [{} for _ in jobs]
    for n, (process, share) in enumerate(zip(processes, shares)):
        stdout, stderr = process.communicate(json.dumps(share), timeout=60 + 5 * len(share))
        done = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
        assert len(done) == len(share), stderr[-3000:]
        outcomes[n::workers] = done
    return outcomes


def job(name: str, data: Any, pointer: str | None, commands: tuple[str, ...] = ()) -> dict:
    return {"name": name, "text": dump(data), "pointer": pointer, "commands": list(commands)}


def assert_answered(outcome: dict[str, Any], field: Field | None, value: Any) -> None:
    """The case ended in time, without a crash; a value out of the schema's range is an error
    at its own position; every error has a position."""
    name = outcome["name"]
    assert "crash" not in outcome, (name, outcome.get("trace"))
    assert outcome["seconds"] < SECONDS, (name, outcome["seconds"])
    assert all(line and column for _rule, _pointer, line, column in outcome["errors"]), name
    if field is None or not field.allows(value):
        assert outcome["errors"], f"{name}: no error"          # tiip check exits 1
    if field is not None and not field.allows(value):
        assert outcome["at_pointer"], f"{name}: nothing reported at the value"
        assert all(line and column for _rule, line, column in outcome["at_pointer"]), name


def test_every_number_field_of_the_schema_is_found_and_placed() -> None:
    paths = {"/".join(f.path) for f in INTEGERS}
    # a few that must be among them, so that the walk cannot silently find nothing
    assert {"period/months", f"work/{ITEM}/items/{ITEM}/end_month", "programme/year",
            f"budget/units/{ANY_KEY}/equipment_new/{ITEM}/sets"} <= paths
    unplaced = [f.path for f in NUMBERS if not any(place(sample_data(s), f, 1) for s in SAMPLES)]
    assert unplaced == []


def test_integer_fields_at_huge_negative_and_zero_on_every_sample() -> None:
    jobs, fields = [], []
    for sample in SAMPLES:
        for field in INTEGERS:
            for value in (10**20, -1, 0):
                data = sample_data(sample)
                pointer = place(data, field, value)
                if pointer is None:
                    continue
                jobs.append(job(f"{sample.stem} {pointer} = {value}", data, pointer))
                fields.append((field, value))
    assert len(jobs) >= 3 * len(INTEGERS) * 2
    for outcome, (field, value) in zip(run_jobs(jobs), fields):
        assert_answered(outcome, field, value)


def test_number_fields_at_infinity_nan_and_beyond() -> None:
    # Two of the extreme values per field, rotating, so every value meets a third of the fields
    # (non-finite numbers are caught by the loader whatever the field, bounds by the schema).
    jobs, fields = [], []
    for number, field in enumerate(NUMBERS):
        values: list[Any] = [float("inf"), float("-inf"), float("nan"), 1e300, -1e300,
                             1.5 if field.integer else 10**20]
        sample = next(s for s in SAMPLES[number % len(SAMPLES):] + SAMPLES
                      if place(sample_data(s), field, 0) is not None)
        for value in (values[number % 6], values[(number + 3) % 6]):
            data = sample_data(sample)
            pointer = place(data, field, value)
            jobs.append(job(f"{sample.stem} {pointer} = {value}", data, pointer))
            fields.append((field, value))
    assert len(jobs) >= 2 * 60
    for outcome, (field, value) in zip(run_jobs(jobs), fields):
        assert_answered(outcome, field, value)


def test_lists_of_a_million_values_and_of_too_many_rows() -> None:
    jobs = []
    for sample in SAMPLES:
        data = sample_data(sample)
        data["summary"]["keywords"] = "@@MANY@@"
        many = "[" + ", ".join(["k"] * 10**6) + "]"
        text = dump(data).replace("'@@MANY@@'", many)
        jobs.append({"name": f"{sample.stem} a million keywords", "text": text,
                     "pointer": None, "commands": []})
        data = sample_data(sample)
        # copies, not the same rows again: YAML would write repeated rows as aliases, which
        # the loader refuses as alias amplification before the schema sees the rows
        data["risks"] = [copy.deepcopy(risk)
                         for risk in data["risks"] * (5001 // len(data["risks"]) + 1)]
        jobs.append(job(f"{sample.stem} {len(data['risks'])} risks", data, "/risks"))
    outcomes = run_jobs(jobs)
    for outcome in outcomes:
        assert_answered(outcome, None, None)
    rules = [{rule for rule, *_ in outcome["errors"]} for outcome in outcomes]
    assert rules[0::2] == [{"yaml.too-many-nodes"}] * len(SAMPLES)
    assert all("schema.max-items" in found for found in rules[1::2])


def _at_maximum(data: Any) -> None:
    """Set every number in `data` to the largest value its schema field allows."""
    for field in NUMBERS:
        if field.maximum is not None:
            place_everywhere(data, field, int(field.maximum) if field.integer else field.maximum)


def test_every_number_at_its_maximum_checks_builds_budgets_and_reviews() -> None:
    jobs = []
    for sample in SAMPLES:
        data = sample_data(sample)
        _at_maximum(data)
        assert data["period"]["months"] == 60
        jobs.append(job(f"{sample.stem} at maximum", data, None,
                        ("build", "budget", "review")))
    for outcome in run_jobs(jobs):
        assert "crash" not in outcome, (outcome["name"], outcome.get("trace"))
        assert outcome["seconds"] < 4 * SECONDS, (outcome["name"], outcome["seconds"])
        assert outcome["exits"]["build"] in (0, 1), outcome
        assert set(outcome["exits"].values()) <= {0, 1}, outcome
