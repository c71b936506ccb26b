"""The ``markdown`` format: a section per decision with its findings, then errors and the summary."""

from __future__ import annotations

from compliance.model import Finding
from compliance.render import Renderer, summary_line
from compliance.runner import Evaluated, Failed, Tally


def escape(text: str) -> str:
    """Escape characters that Markdown would otherwise interpret inside a line."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def finding_lines(finding: Finding) -> list[str]:
    """A finding as a bullet with its citation, link, confidence and remedy."""
    where = finding_location_text(finding)
    head = f"- **{finding.severity.value}** `{finding.rule_id}`{where}: {escape(finding.explanation)}"
    lines = [head]
    cite = escape(finding.citation)
    lines.append(f"  - Citation: [{cite}]({finding.url})" if finding.url else f"  - Citation: {cite}")
    lines.append(
        f"  - Confidence: {finding.confidence}"
        + (f" ({escape(finding.confidence_note)})" if finding.confidence_note else "")
    )
    if finding.authorized_by:
        lines.append(f"  - Authorized by: {escape(finding.authorized_by)}")
    if finding.remedy:
        lines.append(f"  - Remedy: {escape(finding.remedy)}")
    return lines


def finding_location_text(finding: Finding) -> str:
    """`` (item 0, party 1)`` or empty."""
    text = ", ".join(
        p
        for p in (
            f"item {finding.item}" if finding.item is not None else "",
            f"party {finding.party}" if finding.party is not None else "",
        )
        if p
    )
    return f" ({text})" if text else ""


class MarkdownRenderer(Renderer):
    """A report to paste into a ticket or a pull request."""

    def start(self) -> None:
        """The title."""
        self._errors: list[Failed] = []
        self.write("# Compliance report")

    def decision(self, result: Evaluated) -> None:
        """A section with the outcome and every finding."""
        d = result.decision
        self.write()
        self.write(f"## {escape(d.transaction_id)}: {d.outcome.value}")
        self.write()
        self.write(f"As of {d.as_of.isoformat()}; source `{result.where}`.")
        if d.findings or d.authorized or d.errors:
            self.write()
        for finding in d.findings:
            self.write("\n".join(finding_lines(finding)))
        for finding in d.authorized:
            self.write("\n".join(finding_lines(finding)))
        for error in d.errors:
            self.write(f"- **error**: {escape(error)}")

    def error(self, result: Failed) -> None:
        """Kept for the errors section."""
        self._errors.append(result)

    def finish(self, tally: Tally) -> None:
        """Errors and the summary."""
        if self._errors:
            self.write()
            self.write("## Records that could not be evaluated")
            self.write()
            for failed in self._errors:
                for problem in failed.problems:
                    self.write(f"- `{failed.where}`: {escape(str(problem))}")
        self.write()
        self.write("## Summary")
        self.write()
        self.write(summary_line(tally))
        self.write()
        self.write(
            f"Ruleset `{self.info.ruleset_digest}`"
            + (f", scenarios {', '.join(self.info.scenarios)}" if self.info.scenarios else "")
            + f"; compliance {self.info.version}."
        )
