"""The compliance CLI: every command and format against golden files, the error contract, exit codes."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import compliance
from compliance.cli import cli
from compliance.inputs import read_jsonl
from tests.cli.conftest import RULES, golden, run
from tests.cli.sarif_check import problems as sarif_problems

INPUTS = ("fixtures/txns.json", "fixtures/txn.toml")
ROOT = Path(__file__).resolve().parents[2]


# --- check: every format ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "sarif", "markdown", "csv"])
def test_check_formats_match_golden(fmt: str) -> None:
    result = run("check", *RULES, "--format", fmt, *INPUTS)
    assert result.exit_code == 1, result.stderr
    golden(f"check.{fmt}", result.stdout)


def test_check_json_is_the_documented_report() -> None:
    report = json.loads(run("check", *RULES, "-f", "json", *INPUTS).stdout)
    assert list(report) == ["schema", "decisions", "errors", "summary"]
    assert report["schema"] == "compliance/report@1"
    for decision in report["decisions"]:
        assert {"transaction_id", "as_of", "outcome", "findings"} <= set(decision)
        for finding in decision["findings"]:
            assert {"rule_id", "severity", "citation", "explanation", "evidence"} <= set(finding)
    assert report["summary"]["records"] == 5 and report["summary"]["exit_code"] == 1


def test_check_json_equals_the_library_decisions() -> None:
    report = json.loads(run("check", *RULES, "-f", "json", "fixtures/txns.json").stdout)
    engine = compliance.load_rules("fixtures/rules")
    transactions = json.loads(Path("fixtures/txns.json").read_text(encoding="utf-8"))
    expected = [d.model_dump(mode="json") for d in engine.evaluate_many(transactions)]
    assert [{k: v for k, v in d.items() if k != "source"} for d in report["decisions"]] == expected


def test_sarif_is_valid_2_1_0() -> None:
    log = json.loads(run("check", *RULES, "-f", "sarif", *INPUTS, "fixtures/batch.jsonl").stdout)
    assert sarif_problems(log) == []
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_table_fits_80_columns() -> None:
    out = run("check", *RULES, "fixtures/batch.jsonl", "fixtures/erp.csv", *INPUTS).stdout
    assert max(len(line) for line in out.splitlines()) <= 80


def test_check_jsonl_prints_one_record_per_line() -> None:
    lines = run("check", *RULES, "-f", "jsonl", "fixtures/batch.jsonl").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 9
    assert ["error" in r for r in records] == [False, True, True, True, True, True, True, True, False]


# --- bad input: the batch goes on and the counts reconcile ---------------------------------------------


def test_corrupt_batch_counts_reconcile_and_stderr_is_exact() -> None:
    result = run("check", *RULES, "-f", "json", "fixtures/batch.jsonl")
    assert result.exit_code == 2
    summary = json.loads(result.stdout)["summary"]
    assert summary["records"] == summary["decisions"] + summary["errors"] == 9
    assert (summary["decisions"], summary["errors"]) == (2, 7)
    golden("batch.stderr", result.stderr)


def test_csv_mapping_groups_rows_and_names_cells() -> None:
    result = run("check", *RULES, "-f", "json", "fixtures/erp.csv")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    first = report["decisions"][0]
    assert first["transaction_id"] == "SO-1001" and first["outcome"] == "license_required"
    assert report["decisions"][1]["authorized"][0]["authorized_by"] == "BIS licence D123456"
    assert report["summary"]["records"] == 5
    golden("csv.stderr", result.stderr)


def test_stdin_is_sniffed() -> None:
    text = Path("fixtures/txn.toml").read_text(encoding="utf-8")
    result = run("check", *RULES, "-f", "jsonl", "-", input=text)
    assert [json.loads(line)["transaction_id"] for line in result.stdout.splitlines()] == ["TX-TOML-MO", "TX-TOML-EL"]
    jsonl = Path("fixtures/batch.jsonl").read_bytes()
    assert run("check", *RULES, "-f", "jsonl", "-", input=jsonl).stdout.count("\n") == 9


def test_jsonl_reader_is_lazy() -> None:
    line = Path("fixtures/batch.jsonl").read_bytes().splitlines(keepends=True)[0]

    def endless() -> Any:
        while True:
            yield line

    records = read_jsonl(endless(), "endless")
    assert [next(records).transaction_id for _ in range(3)] == ["TX-1"] * 3


def test_jobs_give_the_same_results_in_order() -> None:
    args = ("check", *RULES, "-f", "jsonl", "fixtures/batch.jsonl", "fixtures/erp.csv", *INPUTS)
    assert run(*args, "--jobs", "3").stdout == run(*args).stdout


def test_as_of_overrides_each_transaction_date() -> None:
    report = json.loads(run("check", *RULES, "-f", "json", "--as-of", "2025-08-01", "fixtures/txns.json").stdout)
    assert {d["as_of"] for d in report["decisions"]} == {"2025-08-01"}
    assert report["decisions"][1]["outcome"] == "clear"  # the EDA window closed on 2025-07-02


# --- exit codes ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fail_on", "code"), [("never", 0), ("prohibited", 1), ("license_required", 1),
                                               ("clear", 1)])
def test_fail_on(fail_on: str, code: int) -> None:
    assert run("check", *RULES, "--fail-on", fail_on, "fixtures/txn.toml").exit_code == code


def test_prohibited_threshold_passes_licence_findings() -> None:
    assert run("check", *RULES, "--fail-on", "prohibited", "fixtures/txns.json").exit_code == 0


def test_evaluation_error_counts_as_not_evaluated(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("backend exploded")

    monkeypatch.setattr("compliance.evaluate.Engine._decide", broken)
    result = run("check", *RULES, "--fail-on", "never", "fixtures/txn.toml")
    assert result.exit_code == 2
    assert result.stderr == (
        "fixtures/txn.toml:1: TX-TOML-MO: evaluation failed (outcome error): RuntimeError: backend exploded\n"
        "fixtures/txn.toml:19: TX-TOML-EL: evaluation failed (outcome error): RuntimeError: backend exploded\n")


def test_internal_error_is_short_and_exits_3(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object, **__: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr("compliance.runner.evaluate_record", boom)
    result = run("check", *RULES, "fixtures/txn.toml")
    assert result.exit_code == 3
    assert result.stderr.endswith(
        "compliance: internal error: ValueError: boom\n"
        "This is a bug; please report it at https://github.com/compliance/compliance/issues with the command "
        "you ran (set COMPLIANCE_DEBUG=1 to see the traceback).\n")
    assert "Traceback" not in result.stderr


def test_broken_rules_exit_2_with_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rules]]\nid = "X-1"\ntitle = "Broken"\ncitation = "None at all"\nconfidence = "V"\n'
                   'severity = "review"\neffective_from = 2025-01-01\nwhen = "item.tpp >= \'high\'"\n'
                   'explain = "x"\n', encoding="utf-8")
    result = run("check", "-r", str(bad), "fixtures/txn.toml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("compliance: the rules did not load:\n  " + str(bad) + ":8: rule X-1: when: ")


def test_bad_usage_exits_2() -> None:
    result = run("check", *RULES, "--as-of", "2025-13-01", "fixtures/txn.toml")
    assert result.exit_code == 2
    assert "Invalid value for '--as-of': '2025-13-01' is not a date; write it like 2025-05-23." in result.stderr
    missing = run("check", *RULES, "no-such-file.json")
    assert missing.exit_code == 2 and "does not exist" in missing.stderr


def test_unknown_scenario_names_the_known_ones() -> None:
    result = run("check", *RULES, "--scenario", "higher-treshold", "fixtures/txn.toml")
    assert result.exit_code == 2
    assert "no scenario file or name 'higher-treshold'. Did you mean 'higher-threshold'?" in result.stderr


def test_output_file_and_summary_on_stderr(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = run("check", *RULES, "-f", "json", "-o", str(target), *INPUTS)
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["decisions"] == 4 + 1
    assert result.stderr == ("compliance: 5 records read: 5 decisions, 0 errors; outcomes: 1 prohibited, "
                             "3 license_required, 1 clear.\n")


# --- explain, timeline, diff --------------------------------------------------------------------------


def test_explain_text_and_json() -> None:
    text = run("explain", *RULES, "fixtures/txns.json", "--id", "TX-GPU-CN")
    assert text.exit_code == 0
    golden("explain.txt", text.stdout)
    doc = run("explain", *RULES, "fixtures/txn.toml", "-f", "json")
    golden("explain.json", doc.stdout)


def test_explain_unknown_id_suggests() -> None:
    result = run("explain", *RULES, "fixtures/txns.json", "--id", "TX-GPU-CM")
    assert result.exit_code == 2
    assert "no transaction 'TX-GPU-CM' in fixtures/txns.json. Did you mean 'TX-GPU-CN'?" in result.stderr


def test_timeline() -> None:
    text = run("timeline", *RULES, "fixtures/txns.json", "--from", "2024-01-01", "--to", "2026-01-01")
    assert text.exit_code == 0
    golden("timeline.txt", text.stdout)
    doc = json.loads(run("timeline", *RULES, "fixtures/txns.json", "--id", "TX-EDA-CN", "-f", "json").stdout)
    outcomes = [s["outcome"] for s in doc["timelines"][0]["segments"]]
    assert outcomes == ["clear", "license_required", "clear"]


def test_diff_scenario() -> None:
    result = run("diff", *RULES, "--scenario", "higher-threshold", *INPUTS)
    assert result.exit_code == 1
    golden("diff.txt", result.stdout)
    doc = json.loads(run("diff", *RULES, "-s", "higher-threshold", "-f", "json", *INPUTS).stdout)
    assert [(c["transaction_id"], c["before"], c["after"]) for c in doc["changes"]] == [
        ("TX-GPU-CN", "license_required", "clear"), ("TX-TOML-MO", "license_required", "review")]


def test_diff_two_rule_directories_and_nothing_to_compare() -> None:
    same = run("diff", "--rules-a", "fixtures/rules", "--rules-b", "fixtures/rules/mini.toml", *INPUTS)
    assert same.exit_code == 0 and "0 decisions changed out of 5 compared." in same.stdout
    nothing = run("diff", *RULES, *INPUTS)
    assert nothing.exit_code == 2 and "nothing to compare" in nothing.stderr


# --- rules ---------------------------------------------------------------------------------------------


def test_rules_list_show_docs() -> None:
    golden("rules-list.txt", run("rules", "list", *RULES).stdout)
    golden("rules-show.txt", run("rules", "show", "MINI-3A090-D5", *RULES).stdout)
    golden("rules-docs.md", run("rules", "docs", *RULES).stdout)
    listed = json.loads(run("rules", "list", *RULES, "-f", "json", "--in-force", "2025-08-01").stdout)
    assert "MINI-EDA-WINDOW" not in {r["id"] for r in listed}
    unknown = run("rules", "show", "MINI-3A090-D6", *RULES)
    assert unknown.exit_code == 2 and "Did you mean 'MINI-3A090-D5'?" in unknown.stderr


def test_rules_lint() -> None:
    result = run("rules", "lint", *RULES)
    assert result.exit_code == 1
    golden("rules-lint.txt", result.stdout)
    codes = {i["code"] for i in json.loads(run("rules", "lint", *RULES, "-f", "json").stdout)["issues"]}
    assert codes == {"CIT001", "URL001", "TST001", "UNR001", "USE002", "USE003"}
    assert run("rules", "lint", *RULES, "--ignore", "TST001").stdout.count("TST001") == 0


def test_rules_test_ends_with_counts() -> None:
    result = run("rules", "test", *RULES)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "2 passed, 1 failed"
    golden("rules-test.txt", result.stdout)


# --- screen and schema -------------------------------------------------------------------------------


class _Entry:
    list = "EL"
    name = "Example Technologies Co., Ltd."
    citation = "89 FR 0000"
    source = "fixture"


class _Candidate:
    entry = _Entry()
    matched_name = "Example Tech"
    level = "review"
    score = 91.25
    why = "fuzzy name match; country agrees"
    footnotes = (4,)


class _Screener:
    sources = ("fixture@2025-01-01",)

    def screen(self, name: str, **options: Any) -> list[Any]:
        assert options["country"] == "CN"
        return [_Candidate()]


def test_screen_json_and_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("compliance.cli.bundled_screener", _Screener)
    golden("screen.json", run("screen", "Example Tech", "--country", "CN", "-f", "json").stdout)
    golden("screen.txt", run("screen", "Example Tech", "--country", "CN").stdout)


def test_screen_without_the_screening_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "compliance.screening", None)
    result = run("screen", "Example Tech")
    assert result.exit_code == 2
    assert result.stderr.startswith("compliance: screening is not available: ")


@pytest.mark.parametrize("what", ["transaction", "ruleset"])
def test_schema(what: str) -> None:
    doc = json.loads(run("schema", what).stdout)
    assert doc["$schema"].startswith("https://json-schema.org/")
    assert ("transaction_id" if what == "transaction" else "rules") in doc["properties"]


# --- help and README ---------------------------------------------------------------------------------


def commands() -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for name, command in sorted(cli.commands.items()):
        subcommands = getattr(command, "commands", {})
        out += [(name, sub) for sub in sorted(subcommands)] or [(name,)]
    return out


@pytest.mark.parametrize("path", commands(), ids=" ".join)
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert re.search(r"\n  \S", result.stdout), "help needs a description"


@pytest.mark.parametrize("path", commands(), ids=" ".join)
def test_every_command_is_in_the_readme(path: tuple[str, ...]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"compliance {' '.join(path)}" in readme, f"README.md does not mention 'compliance {' '.join(path)}'"
