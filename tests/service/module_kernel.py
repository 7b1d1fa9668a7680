"""A trainee's kernel with a module page open in service mode, run as its own process by
test_service_progress.py: it opens the page of the module named on the command line,
answers its check wrongly, then rightly, writes the case sheet and prints what it saw
(JSON), with every file it opened under the case library or a database."""

from __future__ import annotations

import json
import sys
from typing import Any

from tests.service.practice_kernel import OPENED, _audit


def main() -> None:
    sys.addaudithook(_audit)
    from simulator.widgets.module_page import ModulePage, show_module

    page = show_module(sys.argv[1])
    assert isinstance(page, ModulePage), getattr(page, "value", page)
    out: dict[str, Any] = {"exercise": "".join(str(getattr(c, "value", "")) for c in page.children)}
    checked = []
    for pick in ("wrong", "right"):
        for q, answer in zip(page.session.module.check, page.answers, strict=True):
            answer.value = q.answer if pick == "right" else (q.answer + 1) % len(q.choices)
        result = page.answer()
        assert result is not None, page.check_result.value
        checked.append(
            {
                "passed": result.passed,
                "score": result.score,
                "shown": page.check_result.value,
                "explained": [e.value for e in page.explanations],
            }
        )
    out["checks"] = checked
    sheet = page.write_case_sheet()
    out["sheet"] = sheet.read_text(encoding="utf-8") if sheet is not None else None
    out["sheet_result"] = page.sheet_result.value
    out["opened"] = OPENED
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
