"""Shared by the benchmarks: run on one core, as the targets are stated."""

from __future__ import annotations

import os


def pin_to_one_cpu() -> int | None:
    """Pin this process to one CPU it may use; the CPU number, or None if unsupported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu
