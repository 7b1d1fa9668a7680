"""A hub user's nuiawase folder (``~/nuiawase``): the apps' notebooks, made before their
server starts (the config's ``pre_spawn_hook``).

The hub runs as root, and root writing into a user's home could be led elsewhere by a
symlink the user made; so the folder is made by a process running as the user, with the
Python their server uses (``python -m simulator.service.hubhome``).
"""

from __future__ import annotations

import asyncio
import pwd
import sys
from pathlib import Path

#: The folder under the user's home (the config's ``c.Spawner.notebook_dir``).
FOLDER = "nuiawase"
#: Seconds the copy may take on a loaded machine (a ceiling, not a wait).
CEILING = 120.0


async def prepare_home(user: str, python: str) -> None:
    """Make ``~user/nuiawase`` as ``user`` (RuntimeError with its output if it fails)."""
    pw = pwd.getpwnam(user)
    proc = await asyncio.create_subprocess_exec(
        python,
        "-m",
        "simulator.service.hubhome",
        user=pw.pw_uid,
        group=pw.pw_gid,
        extra_groups=[],
        cwd=pw.pw_dir,
        env={"HOME": pw.pw_dir, "USER": user, "PATH": "/usr/bin:/bin"},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(proc.communicate(), CEILING)
    if proc.returncode != 0:
        raise RuntimeError(f"~{user}/{FOLDER} was not made: {output.decode(errors='replace')}")


def main() -> int:
    """Run as the user: create or complete ``~/nuiawase`` (existing files are kept)."""
    from simulator.workspace import init_workspace

    init_workspace(Path.home() / FOLDER)
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["FOLDER", "prepare_home"]
