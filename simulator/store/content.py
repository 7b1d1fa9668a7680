"""Scenario and rubric versions, and canned comments: what trainers author.

A version is identified by the SHA-256 of its canonical JSON, so the same file registered
twice is one version, and an attempt names exactly the content it was played on.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from simulator.clock import utc_now

from .base import RepositoryBase
from .documents import DocumentLike, as_document, content_hash, without_answer_key
from .errors import InvalidInput, NotFound, term
from .records import CannedCommentRecord, ContentVersion
from .roles import Role, require_role
from .schema import CannedComment, RubricVersion, ScenarioVersion

AUTHORS = (Role.trainer, Role.admin)
REVIEWERS = (Role.supervisor, Role.trainer, Role.admin)


def _text_id(document: Mapping[str, Any], what: str) -> str:
    value = document.get("id")
    if not isinstance(value, str) or not value:
        raise InvalidInput("store.error.no_id", what=term(what))
    return value


class ContentMixin(RepositoryBase):
    """Trainers write content; everyone reads scenarios, trainees without the answer key."""

    def _scenario_record(self, v: ScenarioVersion) -> ContentVersion:
        document = v.document
        if self.actor.role == Role.trainee:
            document = without_answer_key(document)
        return ContentVersion(
            kind="scenario",
            id=v.id,
            content_id=v.scenario_id,
            content_hash=v.content_hash,
            document=document,
            created_at=v.created_at,
            version=v.version,
        )

    def register_scenario(self, scenario: DocumentLike) -> ContentVersion:
        """Store a scenario's content (trainer, admin); the same content is one version."""
        require_role(self.actor, "register_scenario", *AUTHORS)
        document = as_document(scenario, "scenario")
        scenario_id = _text_id(document, "scenario")
        version = document.get("version", 1)
        if not isinstance(version, int):
            raise InvalidInput(
                "store.error.bad_field", what=term("scenario"), field=term("version")
            )
        digest = content_hash(document)

        def work(s: Session) -> ContentVersion:
            found = s.scalars(
                select(ScenarioVersion).where(ScenarioVersion.content_hash == digest)
            ).one_or_none()
            if found is None:
                found = ScenarioVersion(
                    scenario_id=scenario_id,
                    version=version,
                    content_hash=digest,
                    document=document,
                    created_by=self.actor.user_id,
                    created_at=utc_now(),
                )
                s.add(found)
                s.flush()
            return self._scenario_record(found)

        return self._write(work)

    def scenario_version(self, content_hash: str) -> ContentVersion:
        """One scenario version; a trainee gets it without the answer key."""
        return self._read(lambda s: self._scenario_record(self._scenario(s, content_hash)))

    def scenario_versions(self, scenario_id: str | None = None) -> list[ContentVersion]:
        """Every stored scenario version (of one scenario), oldest first."""

        def work(s: Session) -> list[ContentVersion]:
            query = select(ScenarioVersion).order_by(ScenarioVersion.id)
            if scenario_id is not None:
                query = query.where(ScenarioVersion.scenario_id == scenario_id)
            return [self._scenario_record(v) for v in s.scalars(query)]

        return self._read(work)

    def register_rubric(self, rubric: DocumentLike) -> ContentVersion:
        """Store a rubric's content (trainer, admin); the same content is one version."""
        require_role(self.actor, "register_rubric", *AUTHORS)
        document = as_document(rubric, "rubric")
        rubric_id = _text_id(document, "rubric")
        digest = content_hash(document)

        def work(s: Session) -> ContentVersion:
            found = s.scalars(
                select(RubricVersion).where(RubricVersion.content_hash == digest)
            ).one_or_none()
            if found is None:
                found = RubricVersion(
                    rubric_id=rubric_id,
                    content_hash=digest,
                    document=document,
                    created_by=self.actor.user_id,
                    created_at=utc_now(),
                )
                s.add(found)
                s.flush()
            return ContentVersion(
                kind="rubric",
                id=found.id,
                content_id=found.rubric_id,
                content_hash=found.content_hash,
                document=found.document,
                created_at=found.created_at,
            )

        return self._write(work)

    def add_canned_comment(
        self, rubric_id: str, criterion: str, text: str | Mapping[str, str]
    ) -> CannedCommentRecord:
        """A reusable comment for a criterion (trainer, admin). ``text``: Japanese, or
        {"ja": ..., "en": ...}."""
        require_role(self.actor, "add_canned_comment", *AUTHORS)
        localized = {"ja": text} if isinstance(text, str) else dict(text)
        if not str(localized.get("ja", "")).strip():
            raise InvalidInput("store.error.empty", what=term("comment_text"))

        def work(s: Session) -> CannedCommentRecord:
            row = CannedComment(
                rubric_id=rubric_id,
                criterion=criterion,
                text=localized,
                retired=False,
                created_by=self.actor.user_id,
                created_at=utc_now(),
            )
            s.add(row)
            s.flush()
            return _canned(row)

        return self._write(work)

    def canned_comments(
        self, rubric_id: str, criterion: str | None = None, include_retired: bool = False
    ) -> list[CannedCommentRecord]:
        """Canned comments of a rubric (supervisor, trainer, admin)."""
        require_role(self.actor, "read_canned_comments", *REVIEWERS)

        def work(s: Session) -> list[CannedCommentRecord]:
            query = (
                select(CannedComment)
                .where(CannedComment.rubric_id == rubric_id)
                .order_by(CannedComment.criterion, CannedComment.id)
            )
            if criterion is not None:
                query = query.where(CannedComment.criterion == criterion)
            if not include_retired:
                query = query.where(CannedComment.retired.is_(False))
            return [_canned(c) for c in s.scalars(query)]

        return self._read(work)

    def retire_canned_comment(self, comment_id: int) -> None:
        """Stop offering a canned comment (trainer, admin). Past comments keep their text."""
        require_role(self.actor, "retire_canned_comment", *AUTHORS)

        def work(s: Session) -> None:
            row = s.get(CannedComment, comment_id)
            if row is None:
                raise NotFound("store.notfound.canned_comment", id=comment_id)
            row.retired = True

        self._write(work)


def _canned(c: CannedComment) -> CannedCommentRecord:
    return CannedCommentRecord(
        id=c.id, rubric_id=c.rubric_id, criterion=c.criterion, text=c.text, retired=c.retired
    )
