"""The course as the cohort view shows it: per trainee, the modules completed, the module
they are in and how far, and where the capstone stands (simulator.store.progress)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from .base import RepositoryBase
from .cohort import COHORT_READERS
from .errors import term
from .progress import CAPSTONE, ModuleProgress, stored_progress
from .progress_export import course_modules, module_state, trainees_in
from .roles import Role, deny, require_role


@dataclass(frozen=True)
class CourseProgress:
    """One trainee's way through the course."""

    trainee: str
    display_name: str
    done: int
    total: int
    #: The first module not completed, in course order (None: the whole course is done).
    current: str | None
    #: How far they are in it (progress_export.module_state).
    current_state: str
    capstone: str


def course_progress(
    trainee: str, display_name: str, progress: Mapping[str, ModuleProgress], course: Sequence[str]
) -> CourseProgress:
    """A trainee's row of the course table, from their folded progress (pure)."""
    done = [m for m in course if m in progress and progress[m].completed]
    current = next((m for m in course if m not in done), None)
    return CourseProgress(
        trainee=trainee,
        display_name=display_name,
        done=len(done),
        total=len(course),
        current=current,
        current_state=module_state(progress.get(current)) if current else "completed",
        capstone=module_state(progress.get(CAPSTONE)),
    )


class CourseViewMixin(RepositoryBase):
    """The course table for supervisors (their cohorts), trainers and admins (all)."""

    def _course_scope(self, s: Session, cohort: str | None) -> set[int] | None:
        """The cohorts the actor reads (None: all): ``cohort`` when named and theirs."""
        require_role(self.actor, "read_cohort", *COHORT_READERS)
        scope = self._supervised(s) if self.actor.role == Role.supervisor else None
        if cohort is not None:
            wanted = self._cohort(s, cohort).id
            if scope is not None and wanted not in scope:
                raise deny(self.actor, term("cohort_named", name=cohort))
            scope = {wanted}
        return scope

    def cohort_course(self, cohort: str | None = None) -> list[CourseProgress]:
        """Every trainee of ``cohort`` (default: all the actor may read), by name."""
        require_role(self.actor, "read_cohort", *COHORT_READERS)

        def work(s: Session) -> list[CourseProgress]:
            scope = self._course_scope(s, cohort)
            course = course_modules()
            return [
                course_progress(
                    user.name, user.display_name or "", stored_progress(s, user, scope), course
                )
                for user, _ in trainees_in(s, scope)
            ]

        return self._read(work)

    def cohort_module_progress(
        self, module: str, cohort: str | None = None
    ) -> dict[str, ModuleProgress | None]:
        """Each trainee of ``cohort`` (default: all the actor may read) by name, with their
        progress in ``module`` (None: not started): the facilitator's live figures."""
        require_role(self.actor, "read_cohort", *COHORT_READERS)

        def work(s: Session) -> dict[str, ModuleProgress | None]:
            scope = self._course_scope(s, cohort)
            return {
                user.name: stored_progress(s, user, scope).get(module)
                for user, _ in trainees_in(s, scope)
            }

        return self._read(work)


__all__ = ["CourseProgress", "CourseViewMixin", "course_progress"]
