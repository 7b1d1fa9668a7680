"""Loading the interview engine's own YAML data files (rapport table, replies, classifier rules).

These files ship inside the package. They are validated with pydantic on first use, so a
typo in a technique name or a broken regular expression fails loudly with the file name,
instead of a rule silently never firing.
"""

from __future__ import annotations

from importlib import resources
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML

M = TypeVar("M", bound=BaseModel)


class DataFileError(ValueError):
    """A packaged interview data file is malformed."""


def read_yaml(name: str) -> Any:
    """Parse ``simulator/interview/data/<name>`` (safe loader: plain data only)."""
    text = resources.files(__package__).joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return YAML(typ="safe").load(text)


def load_model(name: str, model: type[M]) -> M:
    """Parse and validate one data file; errors name the file and the field path."""
    raw = read_yaml(name)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        lines = [f"{name}: invalid interview data"]
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"])
            lines.append(f"  {where}: {err['msg']}")
        raise DataFileError("\n".join(lines)) from exc
