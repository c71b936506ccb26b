"""The README's examples run, and its Quickstart matches what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quickstart_commands() -> list[str]:
    section = re.search(r"^## Quickstart\n(.*?)(?=^## )", README, re.M | re.S)
    assert section, "README needs a '## Quickstart' section"
    block = re.search(r"```bash\n(.*?)```", section.group(1), re.S)
    assert block, "the Quickstart needs one bash code block"
    return [line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]


def test_quickstart_has_exactly_two_commands() -> None:
    commands = quickstart_commands()
    assert len(commands) == 2
    assert "compliance check examples" in commands[0]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quickstart_commands()[1] in ci.splitlines()


def test_python_examples_run(monkeypatch: object) -> None:
    import os

    os.chdir(ROOT)
    for number, block in enumerate(re.findall(r"```python\n(.*?)```", README, re.S)):
        exec(compile(block, f"README.md python block {number}", "exec"), {"__name__": "readme"})
