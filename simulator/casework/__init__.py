"""Assessment and plan logic: eligibility hints, cross-checks, drafts, submissions, printing.

No widgets here: the forms in ``simulator.widgets`` are views over :class:`CaseworkSession`,
and the CLI prints and validates submissions with the same code.

Modules: ``context`` (case, region, client, transcript), ``eligibility``, ``checks``,
``paths`` (field paths), ``drafts`` (atomic, debounced autosave), ``submissions``
(frozen versions), ``loading`` (submission files with located errors), ``printing``
(HTML and PDF), ``session`` (the forms' model), ``sample`` (a scripted interview).
"""

from typing import TYPE_CHECKING

from simulator.lazy import lazy_names

if TYPE_CHECKING:
    from .checks import Message, check_assessment, check_casework, check_plan
    from .context import CaseContext
    from .drafts import Debouncer, DraftStore, DraftUnreadable, FileDraftStore, atomic_write
    from .eligibility import EligibilityReport, Verdict, check_eligibility, client_value
    from .loading import LoadedSubmission, check_submission, load_submission
    from .printing import PdfFailed, PdfUnavailable, find_chromium, html_to_pdf, render_html
    from .session import CaseworkSession, SubmitResult
    from .submissions import FileSubmissionStore, SubmissionStore, build_submission

__all__ = [
    "CaseContext",
    "CaseworkSession",
    "Debouncer",
    "DraftStore",
    "DraftUnreadable",
    "EligibilityReport",
    "FileDraftStore",
    "FileSubmissionStore",
    "LoadedSubmission",
    "Message",
    "PdfFailed",
    "PdfUnavailable",
    "SubmissionStore",
    "SubmitResult",
    "Verdict",
    "atomic_write",
    "build_submission",
    "check_assessment",
    "check_casework",
    "check_eligibility",
    "check_plan",
    "check_submission",
    "client_value",
    "find_chromium",
    "html_to_pdf",
    "load_submission",
    "render_html",
]

# Each module loads when one of its names is first used (see simulator.lazy).
__getattr__ = lazy_names(
    __name__,
    {
        "Message": "checks",
        "check_assessment": "checks",
        "check_casework": "checks",
        "check_plan": "checks",
        "CaseContext": "context",
        "Debouncer": "drafts",
        "DraftStore": "drafts",
        "DraftUnreadable": "drafts",
        "FileDraftStore": "drafts",
        "atomic_write": "drafts",
        "EligibilityReport": "eligibility",
        "Verdict": "eligibility",
        "check_eligibility": "eligibility",
        "client_value": "eligibility",
        "LoadedSubmission": "loading",
        "check_submission": "loading",
        "load_submission": "loading",
        "PdfFailed": "printing",
        "PdfUnavailable": "printing",
        "find_chromium": "printing",
        "html_to_pdf": "printing",
        "render_html": "printing",
        "CaseworkSession": "session",
        "SubmitResult": "session",
        "FileSubmissionStore": "submissions",
        "SubmissionStore": "submissions",
        "build_submission": "submissions",
    },
)
