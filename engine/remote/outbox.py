"""The training child's outgoing messages, written to the pipe by a thread of their own.

A snapshot message is a megabyte or more and the pipe holds 64 KB, so a write finishes only
as fast as the parent reads, and the parent's reading thread shares its GIL with the GUI,
which paints for milliseconds at a time. Written from the training thread, every snapshot
made training wait for the window's paints; handed to this thread, training goes on while
the bytes drain. One thread writes, in order, so messages arrive as they were sent; the
queue is short, so a parent that reads nothing still holds the child back (no unbounded
memory).
"""

from __future__ import annotations

import queue
import threading
from typing import Any

PIPE_GONE = (BrokenPipeError, EOFError, ConnectionError, OSError)
QUEUE_LENGTH = 4  # messages waiting at most; paced snapshots rarely queue more than one
_CLOSE = object()


class Outbox:
    """`send` queues a message; a writer thread sends them through `conn` in order."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn
        self._queue: queue.Queue[object] = queue.Queue(QUEUE_LENGTH)
        self._gone = threading.Event()
        self._failed: queue.SimpleQueue[BaseException] = queue.SimpleQueue()  # unsent: why
        self._writer = threading.Thread(target=self._write, name="lenet-child-writer",
                                        daemon=True)
        self._writer.start()

    def send(self, msg: object) -> None:
        """Queue `msg`; BrokenPipeError once the parent is gone (as a direct send would).
        An earlier message that could not be sent (it would not pickle, memory ran out)
        raises here, in the sender's thread, as a direct send would have raised there."""
        try:
            failed = self._failed.get_nowait()
        except queue.Empty:
            pass
        else:
            raise failed
        while not self._gone.is_set():
            try:
                self._queue.put(msg, timeout=0.1)
                return
            except queue.Full:
                continue
        raise BrokenPipeError("the parent process is gone")

    def close(self, timeout: float = 5.0) -> None:
        """Send what is queued (at most `timeout` seconds), then stop the writer."""
        if not self._gone.is_set():
            try:
                self._queue.put(_CLOSE, timeout=timeout)
            except queue.Full:
                return
        self._writer.join(timeout)

    def _write(self) -> None:
        while True:
            msg = self._queue.get()
            if msg is _CLOSE:
                return
            try:
                self._conn.send(msg)
            except PIPE_GONE:
                self._gone.set()
                return
            except BaseException as exc:  # noqa: BLE001 - handed to the sender, never lost
                self._failed.put(exc)  # pickling fails before a byte is written: pipe intact
