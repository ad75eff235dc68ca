"""The training child's outbox (engine.remote.outbox): messages reach the pipe in the order
they were sent, `close` delivers what is still queued, and a parent that has gone away
shows up as BrokenPipeError on the next send, as a direct pipe write would raise."""

from __future__ import annotations

import multiprocessing as mp
import threading
import time

import pytest

from engine.remote.outbox import QUEUE_LENGTH, Outbox


class _Conn:
    """A pipe end that records what it is sent; `gate` holds each write until it is set."""

    def __init__(self, fail_after: int | None = None) -> None:
        self.sent: list[object] = []
        self.gate = threading.Event()
        self.gate.set()
        self.fail_after = fail_after

    def send(self, msg: object) -> None:
        self.gate.wait()
        if self.fail_after is not None and len(self.sent) >= self.fail_after:
            raise BrokenPipeError("reader closed")
        self.sent.append(msg)


def test_messages_arrive_in_order_and_close_flushes_the_queue() -> None:
    conn = _Conn()
    conn.gate.clear()  # the writer is stuck on the first message while more queue up
    box = Outbox(conn)
    for i in range(QUEUE_LENGTH):
        box.send(i)
    conn.gate.set()
    box.close()
    assert conn.sent == list(range(QUEUE_LENGTH))


def test_a_gone_parent_raises_broken_pipe_on_a_later_send() -> None:
    conn = _Conn(fail_after=2)
    box = Outbox(conn)
    with pytest.raises(BrokenPipeError):
        for i in range(1000):  # the writer fails on the third; sends then stop being taken
            box.send(i)
    assert conn.sent == [0, 1]
    box.close()  # closing after the parent went does not hang


def test_through_a_real_pipe() -> None:
    reader, writer = mp.Pipe(duplex=False)
    box = Outbox(writer)
    payload = [{"step": i, "data": bytes(200_000)} for i in range(10)]  # larger than the pipe
    received: list[object] = []
    drain = threading.Thread(target=lambda: received.extend(reader.recv() for _ in payload))
    drain.start()
    for msg in payload:
        box.send(msg)
    box.close()
    drain.join(30)
    assert [m["step"] for m in received] == list(range(10))  # type: ignore[index]
    writer.close()
    reader.close()


def test_a_message_that_cannot_be_sent_is_raised_to_the_sender_and_the_rest_go_on() -> None:
    class _Picky(_Conn):
        def send(self, msg: object) -> None:
            if msg == "bad":
                raise TypeError("cannot pickle this")
            super().send(msg)

    conn = _Picky()
    box = Outbox(conn)
    box.send("bad")
    with pytest.raises(TypeError, match="cannot pickle"):
        for i in range(1000):  # raised on a later send, in the sender's thread
            box.send(i)
            time.sleep(0.001)  # the writer takes "bad" meanwhile
    box.send("error report")  # the writer is still there for what follows
    box.close()
    assert conn.sent[-1] == "error report"
