"""The ``compliance`` command line: parse arguments, call the library, render. No business logic here.

Results go to stdout, diagnostics to stderr. Exit codes: 0 evaluated and nothing at or above ``--fail-on``;
1 findings at or above it (``diff``: decisions changed; ``rules lint``/``test``: issues or failures);
2 bad usage or input, or any record that could not be evaluated; 3 internal error.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, TextIO, TypeVar

import click

import compliance
from compliance import inputs, render, runner
from compliance.errors import ComplianceError, Problem, RulesetError, did_you_mean
from compliance.evaluate import Engine
from compliance.render import RunInfo, summary_line
from compliance.ruleset import Ruleset, load
from compliance.runner import EngineSpec, Evaluated, Failed, Result, Tally

F = TypeVar("F", bound=Callable[..., Any])
REPORT_URL = "https://github.com/compliance/compliance/issues"
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# --- error handling ------------------------------------------------------------------------------------


class SafeGroup(click.Group):
    """A group that turns every failure into a short message and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; ComplianceError -> its exit code, anything unexpected -> 3."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except ComplianceError as exc:
            echo_err(error_text(exc))
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            _silence_stdout()
            ctx.exit(0)
        except KeyboardInterrupt:
            echo_err("compliance: interrupted.")
            ctx.exit(130)
        except Exception as exc:
            echo_err(
                f"compliance: internal error: {type(exc).__name__}: {exc}\n"
                f"This is a bug; please report it at {REPORT_URL} with the command you ran "
                "(set COMPLIANCE_DEBUG=1 to see the traceback)."
            )
            if os.environ.get("COMPLIANCE_DEBUG"):
                raise
            ctx.exit(runner.EXIT_INTERNAL)


def error_text(exc: ComplianceError) -> str:
    """The stderr text of a deliberate error: every problem on its own line."""
    problems: Sequence[Problem] = getattr(exc, "problems", ())
    if isinstance(exc, RulesetError):
        return "compliance: the rules did not load:\n" + "\n".join(f"  {p}" for p in problems)
    if problems:
        return "compliance: " + "\n".join(str(p) for p in problems)
    return f"compliance: {exc}"


def echo_err(text: str) -> None:
    """A diagnostic line on stderr."""
    click.echo(text, err=True)


def _silence_stdout() -> None:
    with contextlib.suppress(Exception):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> None:
    """The console entry point (``compliance = "compliance.cli:main"``)."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="compliance")


# --- parameter types and shared options -------------------------------------------------------------------


def to_date(ctx: click.Context, param: click.Parameter, value: Any) -> dt.date | None:
    """Click callback: an ISO date such as 2025-05-23, or a usage error showing the expected form."""
    del ctx, param
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; write it like 2025-05-23.") from None


DATE: dict[str, Any] = {"metavar": "DATE", "callback": to_date}


def rules_options(func: F) -> F:
    """``--rules/-r`` (repeatable; default: the bundled rulesets or $COMPLIANCE_RULES) and ``--scenario``."""
    func = click.option(
        "--scenario",
        "-s",
        "scenarios",
        multiple=True,
        metavar="NAME|FILE",
        help="Apply a scenario overlay: a file, or a name under <rules>/scenarios/ (repeatable).",
    )(func)
    return click.option(
        "--rules",
        "-r",
        "rules",
        multiple=True,
        envvar="COMPLIANCE_RULES",
        type=click.Path(exists=True),
        metavar="PATH",
        help="Ruleset file or directory (repeatable). Default: $COMPLIANCE_RULES, else the bundled rulesets/.",
    )(func)


def input_options(func: F) -> F:
    """Input paths and ``--input-format``."""
    func = click.option(
        "--input-format",
        type=click.Choice(inputs.INPUT_FORMATS),
        default="auto",
        show_default=True,
        help="Input format; auto uses the extension, or sniffs stdin.",
    )(func)
    return click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True))(func)


def output_options(formats: Sequence[str], default: str) -> Callable[[F], F]:
    """``--format``, ``--output/-o`` and ``--color/--no-color`` (default: colour only on a terminal)."""

    def decorate(func: F) -> F:
        func = click.option(
            "--color/--no-color",
            "color",
            default=None,
            help="Colour the output (default: only when writing to a terminal).",
        )(func)
        func = click.option(
            "--output",
            "-o",
            "output",
            type=click.Path(dir_okay=False, writable=True),
            help="Write results to this file instead of stdout.",
        )(func)
        return click.option(
            "--format",
            "-f",
            "fmt",
            type=click.Choice(formats),
            default=default,
            show_default=True,
            help="Output format.",
        )(func)

    return decorate


@contextlib.contextmanager
def opened_output(path: str | None) -> Iterator[TextIO]:
    """The file at *path* (UTF-8), or stdout."""
    if path is None:
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as stream:
        yield stream


def use_color(flag: bool | None, path: str | None) -> bool:
    """Colour when asked, else only when writing to a terminal."""
    if flag is not None:
        return flag
    return path is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def rules_paths(rules: Sequence[str]) -> tuple[str, ...]:
    """The --rules paths, or the bundled rulesets directory."""
    if rules:
        return tuple(rules)
    default = runner.default_rules()
    if not default.is_dir():
        raise click.UsageError(
            f"no rules given and the bundled rulesets directory {default} does not exist; "
            "pass --rules PATH or set COMPLIANCE_RULES."
        )
    return (str(default),)


def scenario_paths(scenarios: Sequence[str], rules: Sequence[str]) -> tuple[str, ...]:
    """Each --scenario as a file path: given as a path, or a name found under <rules>/scenarios/."""
    return tuple(_scenario_path(s, rules) for s in scenarios)


def _scenario_path(scenario: str, rules: Sequence[str]) -> str:
    if Path(scenario).is_file():
        return scenario
    folders = [Path(r) / "scenarios" for r in rules if Path(r).is_dir()]
    for folder in folders:
        candidate = folder / f"{scenario}.toml"
        if candidate.is_file():
            return str(candidate)
    known = sorted(p.stem for folder in folders if folder.is_dir() for p in folder.glob("*.toml"))
    hint = did_you_mean(scenario, known) or (
        f"Known scenarios: {', '.join(known)}." if known else "Pass the path of a scenario file."
    )
    raise click.BadParameter(f"no scenario file or name '{scenario}'. {hint}", param_hint="'--scenario'")


def engine_spec(rules: Sequence[str], scenarios: Sequence[str]) -> EngineSpec:
    """What to load: rules paths and scenario files resolved."""
    paths = rules_paths(rules)
    return EngineSpec(paths, scenario_paths(scenarios, paths))


def load_ruleset(spec: EngineSpec) -> Ruleset:
    """Load the rules (RulesetError exits 2 with every problem listed)."""
    return load(list(spec.rules), list(spec.scenarios))


def stdin_bytes() -> IO[bytes]:
    """The binary stdin stream."""
    return sys.stdin.buffer


def read_records(paths: Sequence[str], input_format: str) -> Iterator[inputs.Record]:
    """The records of every input path."""
    return inputs.read(paths, stdin_bytes, input_format)


def report_failure(result: Result) -> None:
    """Diagnostics on stderr for a record that could not be evaluated."""
    if isinstance(result, Failed):
        for problem in result.problems:
            echo_err(result.describe(problem))
    elif result.decision.errors:
        echo_err(
            f"{result.where}: {result.decision.transaction_id}: evaluation failed (outcome error): "
            + "; ".join(result.decision.errors)
        )


class Progress:
    """A record counter on stderr, only when stderr is a terminal and the batch runs longer than a second."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.count = 0
        self.started = time.monotonic()
        self.shown = 0.0

    def tick(self) -> None:
        """Count one record; redraw at most five times a second."""
        self.count += 1
        now = time.monotonic()
        if self.enabled and now - self.started > 1 and now - self.shown > 0.2:
            self.shown = now
            rate = self.count / (now - self.started)
            click.echo(f"\rcompliance: {self.count:,} records ({rate:,.0f}/s)", err=True, nl=False)

    def close(self) -> None:
        """Clear the counter line."""
        if self.shown:
            click.echo("\r\033[K", err=True, nl=False)


# --- the commands --------------------------------------------------------------------------------------


@click.group(cls=SafeGroup, context_settings=CONTEXT)
@click.version_option(compliance.__version__, "--version", "-V", prog_name="compliance")
def cli() -> None:
    """Check hypothetical export-control transactions against declarative rulesets, and explain why."""


@cli.command()
@input_options
@rules_options
@click.option("--as-of", **DATE, help="Evaluate every transaction as of this date (default: its own date).")
@output_options(render.FORMATS, "table")
@click.option(
    "--fail-on",
    type=click.Choice(runner.FAIL_ON_CHOICES),
    default="license_required",
    show_default=True,
    help="Exit 1 when any outcome is at or above this.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes (each builds its own engine); results stay in input order.",
)
@click.option(
    "--batch",
    is_flag=True,
    help="Also give each transaction facts about the whole batch (one end user's combined TPP over all its "
    "orders); reads all input before evaluating.",
)
@click.pass_context
def check(
    ctx: click.Context,
    paths: tuple[str, ...],
    input_format: str,
    rules: tuple[str, ...],
    scenarios: tuple[str, ...],
    as_of: dt.date | None,
    fmt: str,
    output: str | None,
    color: bool | None,
    fail_on: str,
    jobs: int,
    batch: bool,
) -> None:
    """Check transactions in PATHS (files, directories or - for stdin): JSON, JSON Lines, TOML or CSV."""
    spec = engine_spec(rules, scenarios)
    ruleset = load_ruleset(spec)
    engine = Engine(ruleset) if jobs == 1 else None
    records: Iterable[inputs.Record] = read_records(paths, input_format)
    context = None
    if batch:
        records = list(records)
        context = runner.batch_context(records)
    results = runner.evaluate_all(records, spec, as_of, jobs, engine, context)
    info = RunInfo(
        ruleset.digest,
        ruleset.scenarios,
        spec.rules,
        fail_on,
        as_of.isoformat() if as_of else None,
        compliance.__version__,
    )
    tally = Tally(fail_on)
    progress = Progress(sys.stderr.isatty())
    with opened_output(output) as out:
        renderer = render.make(fmt, out, info, use_color(color, output))
        renderer.start()
        for result in results:
            tally.add(result)
            report_failure(result)
            renderer.result(result)
            progress.tick()
        progress.close()
        renderer.finish(tally)
    if fmt != "table" or output is not None:
        echo_err(f"compliance: {summary_line(tally)}")
    ctx.exit(tally.exit_code)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True))
@click.option("--id", "wanted", metavar="TXN", help="Explain only this transaction.")
@click.option(
    "--input-format",
    type=click.Choice(inputs.INPUT_FORMATS),
    default="auto",
    show_default=True,
    help="Input format; auto uses the extension, or sniffs stdin.",
)
@rules_options
@click.option("--as-of", **DATE, help="Evaluate as of this date (default: the transaction's own date).")
@output_options(("text", "json"), "text")
@click.pass_context
def explain(
    ctx: click.Context,
    paths: tuple[str, ...],
    wanted: str | None,
    input_format: str,
    rules: tuple[str, ...],
    scenarios: tuple[str, ...],
    as_of: dt.date | None,
    fmt: str,
    output: str | None,
    color: bool | None,
) -> None:
    """The full story of a decision: findings, evidence, derived facts, licence policy, near misses."""
    from compliance.render import explain as view

    del color
    spec = engine_spec(rules, scenarios)
    engine = Engine(load_ruleset(spec))
    stories: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    with opened_output(output) as out:
        for number, record in enumerate(_selected(paths, input_format, wanted)):
            result = runner.evaluate_record(engine, record, as_of)
            report_failure(result)
            if isinstance(result, Failed):
                errors.append(result.to_dict())
                continue
            misses = engine.near_misses(record.transaction or {}, as_of)
            if fmt == "json":
                stories.append(view.explain_dict(result, misses))
            else:
                click.echo(("\n" if number else "") + view.explain_text(result, misses), file=out)
        if fmt == "json":
            doc = {"schema": view.EXPLAIN_SCHEMA, "explanations": stories, "errors": errors}
            click.echo(json.dumps(doc, indent=2, ensure_ascii=False), file=out)
    ctx.exit(runner.EXIT_INPUT if errors or _any_error(stories) else runner.EXIT_OK)


def _any_error(stories: Sequence[dict[str, Any]]) -> bool:
    return any(s["decision"]["outcome"] == "error" for s in stories)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True))
@click.option("--id", "wanted", metavar="TXN", help="Only this transaction.")
@click.option("--from", "start", **DATE, default="2019-01-01", show_default=True, help="First day shown.")
@click.option("--to", "end", **DATE, default="2027-01-01", show_default=True, help="First day not shown (exclusive).")
@click.option(
    "--input-format",
    type=click.Choice(inputs.INPUT_FORMATS),
    default="auto",
    show_default=True,
    help="Input format; auto uses the extension, or sniffs stdin.",
)
@rules_options
@output_options(("text", "json"), "text")
@click.pass_context
def timeline(
    ctx: click.Context,
    paths: tuple[str, ...],
    wanted: str | None,
    start: dt.date,
    end: dt.date,
    input_format: str,
    rules: tuple[str, ...],
    scenarios: tuple[str, ...],
    fmt: str,
    output: str | None,
    color: bool | None,
) -> None:
    """How each transaction's outcome changes over time, with the rule, parameter or group changes that
    explain every change."""
    from compliance.render import timeline as view
    from compliance.timeline import timeline as segments_of

    del color
    if end <= start:
        raise click.BadParameter(f"--to {end} is not after --from {start}.", param_hint="'--to'")
    engine = Engine(load_ruleset(engine_spec(rules, scenarios)))
    docs: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    with opened_output(output) as out:
        for number, record in enumerate(_selected(paths, input_format, wanted)):
            try:
                if not record.ok:
                    raise compliance.InputError(record.problems)
                segments = segments_of(engine, record.transaction, start, end)
            except compliance.InputError as exc:
                failed = Failed(record.where, inputs.locate(record, exc.problems), record.transaction_id)
                report_failure(failed)
                errors.append(failed.to_dict())
                continue
            txn_id = record.transaction_id or "?"
            if fmt == "json":
                docs.append(view.timeline_dict(txn_id, record.where, segments))
            else:
                click.echo(
                    ("\n" if number else "") + view.timeline_text(txn_id, record.where, segments, start, end), file=out
                )
        if fmt == "json":
            doc = {
                "schema": view.TIMELINE_SCHEMA,
                "from": start.isoformat(),
                "to": end.isoformat(),
                "timelines": docs,
                "errors": errors,
            }
            click.echo(json.dumps(doc, indent=2, ensure_ascii=False), file=out)
    ctx.exit(runner.EXIT_INPUT if errors else runner.EXIT_OK)


def _selected(paths: Sequence[str], input_format: str, wanted: str | None) -> Iterator[inputs.Record]:
    seen: list[str] = []
    for record in read_records(paths, input_format):
        if wanted is None or record.transaction_id == wanted:
            yield record
            if wanted is not None:
                return
        seen.append(record.transaction_id or "?")
    if wanted is not None:
        hint = did_you_mean(wanted, seen) or f"Transactions there: {', '.join(seen[:10]) or 'none'}."
        raise click.BadParameter(f"no transaction '{wanted}' in {', '.join(paths)}. {hint}", param_hint="'--id'")


@cli.command()
@input_options
@rules_options
@click.option(
    "--rules-a",
    multiple=True,
    type=click.Path(exists=True),
    metavar="PATH",
    help="Rules for side A (default: --rules).",
)
@click.option(
    "--rules-b",
    multiple=True,
    type=click.Path(exists=True),
    metavar="PATH",
    help="Rules for side B (default: --rules).",
)
@click.option("--as-of", **DATE, help="Evaluate as of this date (default: each transaction's own date).")
@output_options(("table", "json"), "table")
@click.pass_context
def diff(
    ctx: click.Context,
    paths: tuple[str, ...],
    input_format: str,
    rules: tuple[str, ...],
    scenarios: tuple[str, ...],
    rules_a: tuple[str, ...],
    rules_b: tuple[str, ...],
    as_of: dt.date | None,
    fmt: str,
    output: str | None,
    color: bool | None,
) -> None:
    """Decisions that change between two rule sets: no scenario vs --scenario A, --scenario A vs
    --scenario B, or --rules-a vs --rules-b. Exit 1 when any decision changes."""
    from compliance.render import diff as view

    del color
    side_a, side_b = diff_sides(rules, scenarios, rules_a, rules_b)
    engine_a, engine_b = Engine(load_ruleset(side_a)), Engine(load_ruleset(side_b))
    changes: list[runner.Change] = []
    errors: list[dict[str, Any]] = []
    compared = 0
    for record in read_records(paths, input_format):
        first = runner.evaluate_record(engine_a, record, as_of)
        if isinstance(first, Failed):
            report_failure(first)
            errors.append(first.to_dict())
            continue
        second = runner.evaluate_record(engine_b, record, as_of)
        assert isinstance(second, Evaluated)
        compared += 1
        change = runner.compare(record.where, first.decision, second.decision)
        changes += [change] if change else []
    label_a, label_b = side_label(side_a), side_label(side_b)
    with opened_output(output) as out:
        if fmt == "json":
            doc = view.diff_dict(label_a, label_b, changes, compared, errors)
            click.echo(json.dumps(doc, indent=2, ensure_ascii=False), file=out)
        else:
            click.echo(view.diff_text(label_a, label_b, changes, compared, len(errors)), file=out)
    ctx.exit(runner.EXIT_INPUT if errors else runner.EXIT_FINDINGS if changes else runner.EXIT_OK)


def diff_sides(
    rules: Sequence[str], scenarios: Sequence[str], rules_a: Sequence[str], rules_b: Sequence[str]
) -> tuple[EngineSpec, EngineSpec]:
    """The two sides of a diff from the options; usage errors say which combinations work."""
    base_a, base_b = rules_paths(rules_a or rules), rules_paths(rules_b or rules)
    if len(scenarios) > 2:
        raise click.UsageError("give at most two --scenario options: A, or A and B.")
    if not scenarios and tuple(base_a) == tuple(base_b):
        raise click.UsageError("nothing to compare: pass --scenario A [--scenario B], or --rules-a and --rules-b.")
    names_a = scenarios[:1] if len(scenarios) == 2 else ()
    names_b = scenarios[1:] if len(scenarios) == 2 else tuple(scenarios)
    return (EngineSpec(base_a, scenario_paths(names_a, base_a)), EngineSpec(base_b, scenario_paths(names_b, base_b)))


def side_label(spec: EngineSpec) -> str:
    """``rulesets + scenarios/busan.toml``."""
    return ", ".join(spec.rules) + (" + " + ", ".join(spec.scenarios) if spec.scenarios else "")


# --- rules -----------------------------------------------------------------------------------------------


@cli.group(context_settings=CONTEXT)
def rules() -> None:
    """List, show, lint, test and document rules."""


@rules.command("list")
@rules_options
@click.option("--in-force", **DATE, help="Only rules in force on this date.")
@output_options(("table", "json"), "table")
def rules_list(
    rules: tuple[str, ...],
    scenarios: tuple[str, ...],
    in_force: dt.date | None,
    fmt: str,
    output: str | None,
    color: bool | None,
) -> None:
    """Every rule: id, kind or severity, dates in force, confidence."""
    from compliance.render import rules as view

    del color
    ruleset = load_ruleset(engine_spec(rules, scenarios))
    chosen = [r for r in ruleset.rules if in_force is None or r.spec.in_force(in_force)]
    with opened_output(output) as out:
        if fmt == "json":
            click.echo(json.dumps([view.rule_dict(r) for r in chosen], indent=2, ensure_ascii=False), file=out)
        else:
            click.echo(view.rules_table(chosen), file=out)


@rules.command("show")
@click.argument("rule_id")
@rules_options
@output_options(("text", "json"), "text")
def rules_show(
    rule_id: str, rules: tuple[str, ...], scenarios: tuple[str, ...], fmt: str, output: str | None, color: bool | None
) -> None:
    """Everything about one rule, and where it is defined."""
    from compliance.render import rules as view

    del color
    ruleset = load_ruleset(engine_spec(rules, scenarios))
    try:
        rule = ruleset.rule(rule_id)
    except KeyError as exc:
        raise click.BadParameter(str(exc.args[0]), param_hint="'RULE_ID'") from None
    with opened_output(output) as out:
        text = json.dumps(view.rule_dict(rule), indent=2, ensure_ascii=False) if fmt == "json" else view.rule_text(rule)
        click.echo(text, file=out)


@rules.command("lint")
@rules_options
@click.option("--ignore", multiple=True, metavar="CODE", help="Skip a check by code, e.g. URL001 (repeatable).")
@output_options(("text", "json"), "text")
@click.pass_context
def rules_lint(
    ctx: click.Context,
    rules: tuple[str, ...],
    scenarios: tuple[str, ...],
    ignore: tuple[str, ...],
    fmt: str,
    output: str | None,
    color: bool | None,
) -> None:
    """Check citations, urls, dates, confidence notes, untested and unreachable rules, unused facts,
    parameters and groups. Exit 1 when anything is found."""
    from compliance.cases import load_cases
    from compliance.lint import VALIDATORS, lint

    del color
    spec = engine_spec(rules, scenarios)
    ruleset = load_ruleset(spec)
    cases = [case for path in spec.rules for case in load_cases(Path(path))]
    report = lint(ruleset, cases, ignore)
    with opened_output(output) as out:
        if fmt == "json":
            doc = {
                "schema": "compliance/lint@1",
                "issues": [i.to_dict() for i in report.issues],
                "counts": report.counts(),
                "checks": {v.code: v.description for v in VALIDATORS},
            }
            click.echo(json.dumps(doc, indent=2, ensure_ascii=False), file=out)
        else:
            for found in report.issues:
                click.echo(str(found), file=out)
            counts = ", ".join(f"{n} {code}" for code, n in report.counts().items())
            click.echo(
                f"{len(report.issues)} issue{'' if len(report.issues) == 1 else 's'}"
                + (f" ({counts})" if counts else "")
                + f" in {len(ruleset.rules)} rules.",
                file=out,
            )
    ctx.exit(runner.EXIT_FINDINGS if report.issues else runner.EXIT_OK)


@rules.command("test")
@rules_options
@click.option(
    "--cases",
    "case_paths",
    multiple=True,
    type=click.Path(exists=True),
    metavar="PATH",
    help="Cases file or directory (default: the --rules paths).",
)
@click.pass_context
def rules_test(
    ctx: click.Context, rules: tuple[str, ...], scenarios: tuple[str, ...], case_paths: tuple[str, ...]
) -> None:
    """Run the *.cases.toml files; print each failure and end with 'N passed, N failed'."""
    from compliance.cases import run_cases

    spec = engine_spec(rules, scenarios)
    engine = Engine(load_ruleset(spec))
    passed = failed = 0
    for root in case_paths or spec.rules:
        for result in run_cases(engine, Path(root)):
            if result.passed:
                passed += 1
            else:
                failed += 1
                click.echo(str(result))
    click.echo(f"{passed} passed, {failed} failed")
    ctx.exit(runner.EXIT_FINDINGS if failed else runner.EXIT_OK)


@rules.command("docs")
@rules_options
@click.option(
    "--output",
    "-o",
    "output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the reference to this file instead of stdout.",
)
def rules_docs(rules: tuple[str, ...], scenarios: tuple[str, ...], output: str | None) -> None:
    """A Markdown reference of every rule: citation, url, dates and confidence."""
    from compliance.render import rules as view

    ruleset = load_ruleset(engine_spec(rules, scenarios))
    with opened_output(output) as out:
        out.write(view.docs_markdown(ruleset))


# --- screen and schema -----------------------------------------------------------------------------------


@cli.command()
@click.argument("name")
@click.option("--country", metavar="CC", help="The party's country (ISO 3166-1 alpha-2), used as evidence.")
@click.option("--as-of", **DATE, help="Only list entries in force on this date (default: any date).")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True, help="At most this many.")
@output_options(("table", "json"), "table")
def screen(
    name: str, country: str | None, as_of: dt.date | None, limit: int, fmt: str, output: str | None, color: bool | None
) -> None:
    """Screen a party NAME against the bundled restricted-party lists."""
    from compliance.render import screen as view

    del color
    screener = bundled_screener()
    candidates = screener.screen(name, country=country, as_of=as_of, limit=limit)
    with opened_output(output) as out:
        if fmt == "json":
            doc = view.screen_dict(
                name, country, as_of.isoformat() if as_of else None, candidates, tuple(getattr(screener, "sources", ()))
            )
            click.echo(json.dumps(doc, indent=2, ensure_ascii=False), file=out)
        else:
            click.echo(view.screen_text(name, candidates), file=out)


class ScreeningUnavailable(ComplianceError):
    """The screening package is missing or incomplete."""

    exit_code = 2


def bundled_screener() -> Any:
    """``compliance.screening.Screener.bundled()``, or a clear error when screening is not available."""
    try:
        from compliance.screening import Screener
    except ImportError as exc:
        raise ScreeningUnavailable(
            f"screening is not available: {exc}. The compliance.screening package is "
            "missing or incomplete in this installation."
        ) from None
    return Screener.bundled()


@cli.command()
@click.argument("what", type=click.Choice(["transaction", "ruleset"]))
def schema(what: str) -> None:
    """Print the JSON Schema of a transaction or of a ruleset file (for editors)."""
    from compliance.schemas import ruleset_schema, transaction_schema

    doc = transaction_schema() if what == "transaction" else ruleset_schema()
    click.echo(json.dumps(doc, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
