"""Loader error messages, word for word; every error of a file is reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.errors import RulesetError
from compliance.ruleset import load

BROKEN = """\
[ruleset]
id = "broken"
title = "Broken rules"
jurisdiction = "US"
authority = "BIS"

[[rules]]
id = "US-EAR-EDA-2025"
title = "Licence required for EDA software to China"
citation = "BIS is-informed letters of 2025-05-23"
confidence = "V"
severity = "license_required"
effective_from = 2025-05-23
effective_until = 2025-07-02
when = "item.ecn in ('3D991', '3E991') and party.country == 'CN'"
explain = "EDA to {party.name}."

[[rules]]
id = "R-TYPE"
title = "Wrong type"
citation = "test citation"
confidence = "S"
severity = "review"
effective_from = 2024-01-01
when = "item.tpp >= 'high'"
explain = "x"

[[rules]]
id = "R-DATES"
title = "Dates reversed"
citation = "test citation"
confidence = "S"
severity = "review"
effective_from = 2025-07-02
effective_until = 2025-05-23
when = "item.tpp >= 4800"
explain = "x"

[[rules]]
id = "R-TYPE"
title = "Duplicate id"
citation = "test citation"
confidence = "S"
severity = "review"
effective_from = 2024-01-01
when = "item.tpp >= 4800"
explain = "x"

[[rules]]
id = "R-PLACEHOLDER"
title = "Bad placeholder"
citation = "test citation"
confidence = "M"
severity = "review"
effective_from = 2024-01-01
when = "item.tpp >= 4800"
explain = "TPP {item.tp} for {party.name}"

[[rules]]
id = "R-BADDATE"
title = "Quoted date"
citation = "test citation"
confidence = "S"
severity = "review"
effective_from = "May 23"
when = "item.tpp >= 4800"
explain = "x"
"""

EXPECTED = [
    "broken.toml:35: rule R-DATES: effective_until ({u}) is not after effective_from ({f}); "
    "effective_until is the first day the rule no longer applies.",
    "broken.toml:39: duplicate rule 'R-TYPE'; first defined at broken.toml:18. Ids are unique and never reused.",
    "broken.toml:53: rule R-PLACEHOLDER: confidence M needs a confidence_note saying what is unverified.",
    "broken.toml:65: rule R-BADDATE: effective_from: Input should be a valid date or datetime, "
    "input is too short. Write dates unquoted, such as 2025-05-23.",
    "broken.toml:15: rule US-EAR-EDA-2025: when: 'item.ecn' is not a transaction field. Did you mean 'item.eccn'?",
    "broken.toml:25: rule R-TYPE: when: 'item.tpp' is a number and cannot be compared with 'high' (string). "
    "Use a number such as 4800.",
]


def test_every_error_of_a_file_is_reported_word_for_word(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN)
    with pytest.raises(RulesetError) as caught:
        load([path])
    lines = [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems]
    expected = [e.format(u="2025-05-23", f="2025-07-02") for e in EXPECTED]
    assert lines == expected


def test_unresolved_placeholder_is_reported(tmp_path: Path) -> None:
    text = BROKEN.split('[[rules]]\nid = "R-TYPE"')[0] + (
        '[[rules]]\nid = "R-P"\ntitle = "Bad placeholder"\ncitation = "test citation"\nconfidence = "S"\n'
        'severity = "review"\neffective_from = 2024-01-01\nwhen = "item.tpp >= 4800"\n'
        'explain = "TPP {item.tp} for {party.name}"\n'
    )
    path = tmp_path / "p.toml"
    path.write_text(text.replace("item.ecn", "item.eccn_base"))
    with pytest.raises(RulesetError) as caught:
        load([path])
    assert [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems] == [
        "p.toml:26: rule R-P: explain: placeholder {item.tp} does not resolve. Did you mean 'item.tpp'?",
        "p.toml:26: rule R-P: explain: placeholder {party.name}: the rule's condition binds no party. "
        "Test a party field in 'when', or drop the placeholder.",
    ]


def test_invalid_toml_gives_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[ruleset]\nid = "x"\ntitle = broken\n')
    with pytest.raises(RulesetError) as caught:
        load([path])
    problem = caught.value.problems[0]
    assert (problem.line, problem.hint) == (3, "Check quoting and that dates are written like 2025-05-23.")
