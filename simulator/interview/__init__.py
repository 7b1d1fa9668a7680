"""The client interview simulator: state machine, Japanese free-text understanding,
transcript and debrief. No widgets, no Jupyter: usable from scripts and the CLI.

Modules: ``moves`` (a move, JSON Lines input), ``classifier`` (text -> topic, technique),
``rapport`` (technique table), ``gates`` (what opens a fact), ``cues``, ``replies``,
``state``, ``engine`` (the state machine), ``transcript``, ``debrief``, ``bots``,
``evaluation`` (classifier accuracy). Data files live in ``data/``.
"""

from typing import TYPE_CHECKING

from simulator.lazy import lazy_names
from simulator.models.transcript import Deflection

# Eager: the function shares its module's name, and a module imported first would shadow it.
from .debrief import Debrief, debrief

if TYPE_CHECKING:
    from .bots import StrongBot, WeakBot, bot_report, run_bot
    from .classifier import Classification, classify
    from .engine import Interview, SessionOver, play
    from .evaluation import evaluate_classifier
    from .moves import Move, MoveParseError, parse_moves
    from .state import Phase
    from .transcript import MissedCue, Transcript, Turn

__all__ = [
    "Classification",
    "Debrief",
    "Deflection",
    "Interview",
    "MissedCue",
    "Move",
    "MoveParseError",
    "Phase",
    "SessionOver",
    "StrongBot",
    "Transcript",
    "Turn",
    "WeakBot",
    "bot_report",
    "classify",
    "debrief",
    "evaluate_classifier",
    "parse_moves",
    "play",
    "run_bot",
]

# Each module loads when one of its names is first used (see simulator.lazy).
__getattr__ = lazy_names(
    __name__,
    {
        "StrongBot": "bots",
        "WeakBot": "bots",
        "bot_report": "bots",
        "run_bot": "bots",
        "Classification": "classifier",
        "classify": "classifier",
        "Interview": "engine",
        "SessionOver": "engine",
        "play": "engine",
        "evaluate_classifier": "evaluation",
        "Move": "moves",
        "MoveParseError": "moves",
        "parse_moves": "moves",
        "Phase": "state",
        "MissedCue": "transcript",
        "Transcript": "transcript",
        "Turn": "transcript",
    },
)
