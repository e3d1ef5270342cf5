"""Processes a build starts die with it: a notebook worker or a Jupyter Book process is killed when the
process that started it dies (Linux's PR_SET_PDEATHSIG), so none outlives a killed build or build server
(a kernel stops by itself when its worker does)."""
from __future__ import annotations

import os
import signal

PARENT = "TRADEFIGHT_PARENT_PID"  # set for a child that is not forked (the Jupyter Book process)


def die_with(parent: int) -> None:
    """Be killed when process `parent`, this one's parent, dies; end now if it already has."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: such processes end when their pipes close, as before
        return
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
