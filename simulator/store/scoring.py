"""Scoring on receipt: the store, not the trainee's kernel, makes every scorecard.

A submission is checked against the attempt it belongs to (scenario, version, seed) and
scored with the real rubric engine inside the write that stores it. Whatever scorecard a
caller might hold is never asked for, so a trainee running their own code cannot hand in
a score. The same pass decides the risk-first flag (要至急確認, simulator.rubric.risk).

The scenario comes from the stored version (answer key included); its region from the
case library of this process (the store does not keep regions), and the rubric is the
shipped default, named by its stored version when a trainer registered it.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

if TYPE_CHECKING:
    # The models are imported with the first scoring, not with the store: an app that only
    # lists the review queue starts without them.
    from simulator.models.region import Region
    from simulator.models.rubric import Rubric
    from simulator.models.scenario import Scenario

from .documents import as_document, content_hash
from .errors import InvalidInput

#: Parsed scenarios kept per content hash: parsing one costs more than scoring with it.
_SCENARIO_CACHE = 64


@dataclass(frozen=True)
class Scored:
    """What the store keeps of one scoring: the card, its total and the risk flags."""

    scorecard: dict[str, Any]
    total: float
    #: The same-day risks the plan leaves without action (empty: not 要至急確認).
    urgent: tuple[str, ...]
    rubric_hash: str


class StoreScorer:
    """The rubric engine as the store uses it: one per process, safe across threads."""

    def __init__(self, rubric: Rubric | None = None) -> None:
        from simulator.rubric.files import default_rubric
        from simulator.rubric.scorecard import Scorer

        self.rubric = rubric or default_rubric()
        self.rubric_hash = content_hash(as_document(self.rubric))
        self._scorer = Scorer(self.rubric)
        self._scenarios: OrderedDict[str, Scenario] = OrderedDict()
        self._lock = threading.Lock()

    def scenario(self, digest: str, document: dict[str, Any]) -> Scenario:
        """The stored scenario version as a model (InvalidInput if it cannot be scored)."""
        from simulator.models.scenario import Scenario

        with self._lock:
            found = self._scenarios.get(digest)
            if found is not None:
                self._scenarios.move_to_end(digest)
                return found
        try:
            scenario = Scenario.model_validate_json(json.dumps(document))
        except ValidationError:
            raise InvalidInput("store.error.not_scorable_scenario", hash=digest[:12]) from None
        with self._lock:
            self._scenarios[digest] = scenario
            while len(self._scenarios) > _SCENARIO_CACHE:
                self._scenarios.popitem(last=False)
        return scenario

    def score(
        self,
        scenario_hash: str,
        scenario_document: dict[str, Any],
        payload: dict[str, Any],
        seed: int,
    ) -> Scored:
        """Check ``payload`` is a submission of this scenario and seed, then score it."""
        from simulator.models.submission import Submission
        from simulator.rubric.risk import urgent_flags

        scenario = self.scenario(scenario_hash, scenario_document)
        try:
            submission = Submission.model_validate_json(json.dumps(payload))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "-"
            raise InvalidInput("store.error.not_a_submission", field=where) from None
        played = submission.transcript
        wanted = (scenario.id, scenario.version, seed)
        if (submission.scenario_id, submission.scenario_version, submission.seed) != wanted or (
            played.scenario_id,
            played.scenario_version,
            played.seed,
        ) != wanted:
            raise InvalidInput(
                "store.error.wrong_attempt",
                scenario=submission.scenario_id,
                version=submission.scenario_version,
                seed=submission.seed,
            )
        card = self._scorer.score(submission, scenario, region_of(scenario.region))
        return Scored(
            scorecard=as_document(card),
            total=float(card.total),
            # A plan with a harmful action (rubric safety 0, 要確認) goes first in the queue too.
            urgent=tuple(k.value for k in urgent_flags(submission, scenario))
            + (("harmful_action",) if card.needs_review else ()),
            rubric_hash=self.rubric_hash,
        )


@cache
def region_of(region_id: str) -> Region:
    """A region of the case library by id (InvalidInput when there is none)."""
    from simulator.scenario.library import default_cases_dir, find_region

    region = find_region(region_id, default_cases_dir() / "_")
    if region is None:
        raise InvalidInput("store.error.no_region", region=region_id)
    return region


_default: StoreScorer | None = None
_default_lock = threading.Lock()


def default_scorer() -> StoreScorer:
    """The process's scorer with the shipped rubric (built on first use)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = StoreScorer()
        return _default


__all__ = ["Scored", "StoreScorer", "default_scorer", "region_of"]
