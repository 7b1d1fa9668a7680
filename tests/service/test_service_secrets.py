"""Nothing the service sends a trainee carries the answer key or an unheard fact: every
response body of a whole play (start, each reading and turn, reload, submit, lists,
feedback) is searched for the key's text, the facts' ids, gates and summaries, and the wordings and
cues of facts the client never said. (The scorecard's criteria visible now, which the
store gives a trainee by design, are searched like the rest.)"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from simulator.scenario.library import load_case
from simulator.store import Store
from tests.service_server import CASE, SUPERVISOR, Service, strong_play

from .calls import Raw

#: Keys of the scenario and the full turn that must never reach a trainee.
SECRET_KEYS = {
    "answer_key",
    "facts",
    "gate",
    "min_rapport",
    "wordings",
    "cues",
    "urgent_needs",
    "fitting_resources",
    "wrong_resources",
    "red_flags",
    "disclosed",
    "asked_about",
    "cue_fact",
    "followed_cues",
    "recalled",
    "disclosed_facts",
    "missed_cues",
}
#: A placeholder of a wording ({age}); the text around it is what is searched for.
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
IDENTIFIER = re.compile(r"^[a-z0-9_-]+$")


def strings(value: Any) -> Iterator[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def keys(value: Any) -> Iterator[str]:
    """Every key inside a JSON value."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from keys(v)
    elif isinstance(value, list):
        for v in value:
            yield from keys(v)


def fragments(text: str) -> list[str]:
    """The literal parts of a wording long enough to be recognised (8 characters on)."""
    return [part for part in PLACEHOLDER.split(text) if len(part) >= 8]


def test_no_response_of_a_whole_play_holds_a_secret(service: Service) -> None:
    me = Raw(service.url, service.tokens["hanako"])
    seed, moves, forms = strong_play()
    half = len(moves) // 2  # half the interview: some facts stay unheard
    _, started = me.call("POST", "/api/attempts", {"case": CASE, "seed": seed + 1})
    attempt = started["attempt"]["id"]
    for move in moves[:half]:
        if "text" in move:
            me.call("POST", f"/api/attempts/{attempt}/reading", {"text": move["text"]})
        me.call("POST", f"/api/attempts/{attempt}/turns", move)
    readings = sum(1 for m in moves[:half] if "text" in m)
    me.call("GET", f"/api/attempts/{attempt}")
    me.call("GET", "/api/attempts")
    status, body = me.call("POST", f"/api/attempts/{attempt}/submissions", forms)
    assert status == 201, body
    me.call("GET", "/api/submissions")
    me.call("GET", f"/api/submissions/{body['submission']['id']}/feedback")
    me.call("GET", "/api/me")

    scenario, _ = load_case(CASE)
    with Store.open(service.database_url) as store:
        stored = [t.payload for t in store.as_user(SUPERVISOR).turns(attempt)]
    heard = {fid for t in stored for fid in t["disclosed"] + t["recalled"]}
    cued = {t["cue_fact"] for t in stored if t["cue_fact"]}
    assert heard and len(heard) < len(scenario.facts), "the play must leave facts unheard"

    # The key's words (titles, reasons, actions, red-flag people and words) and its own
    # ids; vocabulary values (a category, an urgency kind) and the region's resource ids are
    # public: the forms offer them to every trainee. A word under four characters (夫) is
    # everyday speech the client may use, not the key's.
    key = scenario.answer_key
    secrets = {
        s for s in strings(key.model_dump(mode="json")) if len(s) >= 4 and not IDENTIFIER.match(s)
    }
    secrets |= {x.id for x in [*key.issues, *key.strengths, *key.red_flags]}
    for fact in scenario.facts:
        secrets |= {fact.id, fact.summary.ja, fact.summary.en}
        secrets |= {frag for ex in fact.examples for frag in fragments(ex)}
        if fact.id not in heard:
            secrets |= {frag for w in fact.wordings for frag in fragments(w)}
        if fact.id not in cued:
            secrets |= {frag for c in fact.cues for frag in fragments(c)}

    assert readings and len(me.bodies) == 1 + half + readings + 6
    for text in me.bodies:
        doc = json.loads(text)
        assert not SECRET_KEYS & set(keys(doc)), text[:300]
        said = "\n".join(strings(doc))
        leaked = sorted(s for s in secrets if s in said)
        assert leaked == [], f"{leaked[:3]} in {text[:300]}"
