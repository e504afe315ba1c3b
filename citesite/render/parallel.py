"""Build pages across processes when there is enough work; results come back in page order."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from citesite.incremental.work import PageResult, WorkItem
from citesite.render.page import PageBuilder, RenderJob
from citesite.write import HELD_LOCKS

if TYPE_CHECKING:
    import multiprocessing.context

PR_SET_PDEATHSIG = 1  # prctl option: a signal the kernel sends this process when its parent dies
PARALLEL_THRESHOLD = 150  # below this many pages, starting workers costs more than it saves
_WORKER_JOB: RenderJob | None = None  # set before forking: workers inherit the model instead of unpickling it
_WORKER_BUILDER: PageBuilder | None = None
_WORKER_PAGES: Sequence[WorkItem] = ()


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def build_pages(job: RenderJob, work: Sequence[WorkItem], jobs: int) -> list[PageResult]:
    """Build each (page, body maybe cached, body key); in worker processes when jobs > 1 and the work is large."""
    if jobs > 1 and len(work) >= PARALLEL_THRESHOLD:
        import multiprocessing  # only here: most rebuilds have a few pages to do, and skip the import

        if "fork" in multiprocessing.get_all_start_methods():
            return _build_in_workers(multiprocessing.get_context("fork"), job, work, jobs)
    builder = PageBuilder(job)
    return [builder.build(page, cached, key) for page, cached, key in work]


def _build_in_workers(
    context: multiprocessing.context.BaseContext, job: RenderJob, work: Sequence[WorkItem], jobs: int
) -> list[PageResult]:
    """Build in forked worker processes, which inherit the job instead of receiving it pickled."""
    global _WORKER_JOB, _WORKER_PAGES
    _WORKER_JOB, _WORKER_PAGES = job, work
    try:
        chunk = max(8, len(work) // (jobs * 8))  # enough chunks to balance long and short pages
        with context.Pool(jobs, initializer=_init_worker) as pool:
            results = pool.map(_build_in_worker, range(len(work)), chunksize=chunk)
    finally:
        _WORKER_JOB, _WORKER_PAGES = None, ()
    return results


def _init_worker() -> None:
    """Let go of the parent's output lock, and die with the parent (a killed build leaves no workers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; workers print no traceback
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for fd in list(HELD_LOCKS):
        with contextlib.suppress(OSError):
            os.close(fd)
    HELD_LOCKS.clear()
    if sys.platform.startswith("linux"):
        import ctypes
        import ctypes.util

        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)


def _build_in_worker(position: int) -> PageResult:
    global _WORKER_BUILDER
    if _WORKER_BUILDER is None:
        assert _WORKER_JOB is not None
        _WORKER_BUILDER = PageBuilder(_WORKER_JOB)
    page, cached, key = _WORKER_PAGES[position]
    return _WORKER_BUILDER.build(page, cached, key)
