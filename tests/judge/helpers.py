"""Host-side checks that a sandboxed run left nothing behind."""

import os
from pathlib import Path


def processes_seeing(box: Path) -> list[int]:
    """Host pids whose mount table holds `box`: every process of a sandbox that mounted it."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            mounts = Path(entry.path, "mountinfo").read_text()
        except OSError:
            continue
        if box.name in mounts:
            found.append(int(entry.name))
    return found
