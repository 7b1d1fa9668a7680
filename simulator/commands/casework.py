"""`nuiawase print`: a submission as the printable assessment sheet and plan (HTML, PDF);
`nuiawase case-sheet`: a case's public parts for group work, without its answer key."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simulator.i18n import t

from .common import EXIT_FAILURE, EXIT_OK, Subparsers, prepare_out


def cmd_print(args: argparse.Namespace) -> int:
    """Validate a submission, write it as a printable HTML page, and a PDF if asked.

    Invalid submissions raise InvalidFile, which the CLI prints with file, line and field
    path (exit 2). A missing Chromium is reported, with the HTML still written (exit 1).
    """
    from simulator.casework import (
        CaseContext,
        PdfFailed,
        PdfUnavailable,
        atomic_write,
        html_to_pdf,
        load_submission,
        render_html,
    )

    out = Path(args.out)
    prepare_out(out, args.lang)
    if args.pdf is not None:
        prepare_out(Path(args.pdf), args.lang)
    loaded = load_submission(args.submission, args.lang)
    for w in loaded.warnings:
        print(
            t("print.warning", args.lang, file=w.file, path=w.path, message=w.message),
            file=sys.stderr,
        )
    sub = loaded.submission
    context = CaseContext.of(loaded.scenario, loaded.region, sub.transcript)
    page = render_html(sub, context, args.lang).encode("utf-8")
    atomic_write(out, page, mode=0o644)  # a page to share, like any file the user writes
    print(t("print.wrote", args.lang, path=out))
    if args.pdf is None:
        return EXIT_OK
    try:
        pdf = html_to_pdf(out, Path(args.pdf))
    except PdfUnavailable:
        print(t("print.pdf_unavailable", args.lang), file=sys.stderr)
        return EXIT_FAILURE
    except PdfFailed as exc:
        print(t("print.pdf_failed", args.lang, error=exc), file=sys.stderr)
        return EXIT_FAILURE
    print(t("print.wrote", args.lang, path=pdf))
    return EXIT_OK


def cmd_case_sheet(args: argparse.Namespace) -> int:
    """Write the group-work sheet of a case (a path or an id in the library)."""
    from simulator.casework import atomic_write
    from simulator.casework.case_sheet import case_sheet, render_case_sheet
    from simulator.scenario.library import load_case

    out = Path(args.out)
    prepare_out(out, args.lang)
    scenario, region = load_case(args.case, args.lang)
    page = render_case_sheet(case_sheet(scenario, region, args.seed, args.lang), args.lang)
    atomic_write(out, page.encode("utf-8"), mode=0o644)
    print(t("print.wrote", args.lang, path=out))
    return EXIT_OK


def register(sub: Subparsers) -> None:
    """Add this module's subcommands."""
    p = sub.add_parser("print", help="write a submission as the printable assessment and plan")
    p.add_argument("submission", metavar="SUBMISSION.json")
    p.add_argument("--out", required=True, metavar="FILE.html", help="the HTML page to write")
    p.add_argument("--pdf", metavar="FILE.pdf", help="also print to PDF (needs chromium)")
    p.set_defaults(handler=cmd_print)
    p = sub.add_parser("case-sheet", help="write a case's sheet for group work (no answer key)")
    p.add_argument("case", metavar="SCENARIO", help="a scenario file or a case id")
    p.add_argument("--seed", type=int, default=1, help="which variant of the person (default 1)")
    p.add_argument("--out", required=True, metavar="FILE.html", help="the HTML page to write")
    p.set_defaults(handler=cmd_case_sheet)
