"""A test hook: pause a build at a named moment so a test can kill it there.

Set TRADEFIGHT_PAUSE_AT to a moment name (execute, sphinx, publish) and TRADEFIGHT_PAUSE_FILE to a
path; on reaching that moment the build writes the file and waits (up to a minute) to be killed.
Without the variables this does nothing.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from .cache import write_whole

MOMENTS = ("execute", "sphinx", "publish")


def pause(moment: str) -> None:
    """Wait here if a test asked to stop the build at this moment."""
    if os.environ.get("TRADEFIGHT_PAUSE_AT") != moment:
        return
    marker = os.environ.get("TRADEFIGHT_PAUSE_FILE")
    if marker:
        write_whole(Path(marker), str(os.getpid()))
    time.sleep(60)
