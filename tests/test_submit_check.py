"""Before and at submit the trainee sees every message, each with its field: the count in
a heading is the number of lines under it, and a folded domain panel shows its count."""

from __future__ import annotations

import re
from pathlib import Path

from simulator.widgets.plan_editor import sample_forms


def _items(html: str, cls: str) -> list[str]:
    block = html.split(f'class="{cls}"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r"<li>(.*?)</li>", block)


def test_an_empty_submit_lists_as_many_problems_as_it_counts(tmp_path: Path) -> None:
    _, plan = sample_forms(workspace=tmp_path, locale="ja")
    assert not plan.submit()
    html = plan.result.value
    n = int(re.search(r"直す必要のある項目が (\d+) 件", html).group(1))  # type: ignore[union-attr]
    items = _items(html, "nuiawase-msg-error nuiawase-blocked-list")
    assert len(items) == n > 12  # the list was cut at 12 while the heading said more
    # Each names its field in the form's words, not a path.
    assert all(": " in i and "[" not in i.split(": ", 1)[0] for i in items), items


def test_warnings_are_listed_before_submit_and_counted_on_folded_panels(tmp_path: Path) -> None:
    assessment, plan = sample_forms(workspace=tmp_path, locale="ja")
    session = plan.session
    # A domain with a concern but no evidence: a warning inside a folded panel.
    session.set("assessment.findings[0].status", "concern")
    session.set("assessment.findings[0].notes", "家賃を2か月滞納している。")
    warnings = [m for m in session.messages() if not m.blocking]
    assert any(m.path.startswith("assessment.findings[0]") for m in warnings)
    listing = next(c for c in plan.children if "nuiawase-warning-list" in c._dom_classes)
    n = int(re.search(r"注意 (\d+) 件", listing.value).group(1))  # type: ignore[union-attr]
    assert n == len(warnings) == len(_items(listing.value, "nuiawase-msg-warning"))
    own = [m for m in warnings if m.path.startswith("assessment.findings[0]")]
    assert f"（要確認 {len(own)} 件）" in assessment.findings.titles[0]
    assert "要確認" not in assessment.findings.titles[1]
