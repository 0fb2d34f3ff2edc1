"""Two requests at once, for tests of races between transactions (with `transactional_db`).

On PostgreSQL each request runs in its own thread with its own connection, and both pause at
one step (`pause_at`, an attribute such as a manager's `create`) until the other has got there
too, or a second has passed: without a lock both have read before either writes, which makes
the race certain; with a lock the second waits for the first to commit before it gets there.
On SQLite, which serialises writing transactions, the requests run one after the other.
"""

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.db import connections

WAIT = 1.0  # seconds a request waits at the step for the other


def at_once(requests: list[Callable[[], Any]], *, pause_at: tuple[Any, str]) -> list[Exception]:
    """Run the requests at once; return what they raised."""
    errors: list[Exception] = []
    if connection.vendor != "postgresql":
        for request in requests:
            try:
                request()
            except Exception as exc:  # reported to the caller
                errors.append(exc)
        return errors
    owner, name = pause_at
    step = getattr(owner, name)
    own = name in vars(owner)
    meeting = threading.Barrier(len(requests), timeout=WAIT)
    paused = threading.local()

    def pausing(*args: Any, **kwargs: Any) -> Any:
        if not getattr(paused, "once", False):
            paused.once = True
            # Broken: the other request is held by a lock (or already done).
            with contextlib.suppress(threading.BrokenBarrierError):
                meeting.wait()
        return step(*args, **kwargs)

    def run(request: Callable[[], Any]) -> None:
        try:
            request()
        except Exception as exc:  # reported to the caller
            errors.append(exc)
        finally:
            connections.close_all()  # this thread's own connection

    setattr(owner, name, pausing)
    try:
        threads = [threading.Thread(target=run, args=(request,)) for request in requests]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        if own:
            setattr(owner, name, step)
        else:
            delattr(owner, name)
    return errors
