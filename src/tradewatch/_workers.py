"""Worker processes for the CPU work of polls (`tradewatch._digest.digest`), so that parsing and extraction
use more than one core while the poll threads keep fetching.

Workers are fresh interpreters started with ``python -c`` and the parent's ``sys.path``, talking over their
stdin/stdout in length-prefixed pickles. Not `multiprocessing`: its "spawn" and "forkserver" re-import the
user's main module in every worker (an unguarded script would start a second watcher there), and "fork" copies
a process whose other threads may hold locks. A worker that dies or exceeds its time limit is replaced, and
only the poll it was serving fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import queue
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from typing import IO, Any

from tradewatch._digest import Digest, Job, WorkerError, WorkerLost, WorkerStartError, digest
from tradewatch.extract import Extractor

__all__ = ["WorkerError", "WorkerLost", "WorkerPool", "WorkerStartError", "serve"]

_HEADER = struct.Struct(">Q")
_BOOT = (
    "import json, os, sys; sys.path[:] = json.loads(os.environ['TRADEWATCH_WORKER_PATH']); "
    "from tradewatch._workers import serve; serve()"
)
#: How long a new worker may take to import tradewatch and unpickle the extractor.
START_TIMEOUT = 60.0


def _send(stream: IO[bytes], payload: bytes) -> None:
    stream.write(_HEADER.pack(len(payload)) + payload)
    stream.flush()


def _read_exactly(fd: int, size: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    while size:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise TimeoutError
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


class _Worker:
    def __init__(self, extractor_payload: bytes) -> None:
        env = dict(os.environ, TRADEWATCH_WORKER_PATH=json.dumps(sys.path))
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-c", _BOOT],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
                bufsize=0,
            )
        except OSError as exc:
            raise WorkerStartError(f"cannot start a worker process: {exc}") from exc
        assert self._process.stdin is not None
        assert self._process.stdout is not None
        self._stdin = self._process.stdin
        self._stdout_file = self._process.stdout
        self._stdout = self._stdout_file.fileno()
        self._ready = False
        try:
            _send(self._stdin, extractor_payload)
        except OSError as exc:
            self.kill()
            raise WorkerStartError(f"the worker process exited at once: {exc}") from exc

    def _receive(self, timeout: float) -> tuple[str, Any]:
        deadline = time.monotonic() + timeout
        (size,) = _HEADER.unpack(_read_exactly(self._stdout, _HEADER.size, deadline))
        message: tuple[str, Any] = pickle.loads(_read_exactly(self._stdout, size, deadline))
        return message

    def call(self, job: Job, timeout: float) -> Digest:
        if not self._ready:
            try:
                kind, detail = self._receive(START_TIMEOUT)
            except (OSError, EOFError, TimeoutError, pickle.UnpicklingError) as exc:
                raise WorkerStartError(f"the worker process did not start: {type(exc).__name__}") from None
            if kind != "ready":
                raise WorkerStartError(f"the worker process could not start: {detail}")
            self._ready = True
        try:
            _send(self._stdin, pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
            kind, value = self._receive(timeout)
        except TimeoutError:
            raise WorkerLost(f"parsing and extraction took longer than {timeout:g} s") from None
        except (OSError, EOFError, pickle.UnpicklingError) as exc:
            raise WorkerLost(f"the worker process died ({type(exc).__name__})") from None
        if kind == "ok":
            assert isinstance(value, Digest)
            return value
        raise value

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._stdin.close()  # end of input: the worker's loop ends
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()
        with contextlib.suppress(OSError):
            self._stdout_file.close()

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self._process.kill()
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            self._process.wait(timeout=5)
        for stream in (self._stdin, self._stdout_file):
            with contextlib.suppress(OSError):
                stream.close()


class WorkerPool:
    """`processes` worker processes, each given a copy of `extractor` (which must pickle, and unpickle in a
    fresh interpreter: a class defined in an importable module, not in ``__main__``).

    `run` blocks the calling thread until a worker is free and has digested the job; at most `timeout`
    seconds of work per job. Raises `WorkerStartError` when the workers cannot run at all (use threads
    instead), `WorkerLost` when one failed on this job, and the job's own errors (a `ParseError`).
    """

    def __init__(self, processes: int, extractor: Extractor | None, *, timeout: float = 60.0) -> None:
        if processes < 1:
            raise ValueError(f"processes must be >= 1, not {processes}")
        try:
            self._payload = pickle.dumps(extractor, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            raise WorkerStartError(f"the extractor cannot be sent to a worker process: {exc}") from exc
        self._timeout = timeout
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._workers: list[_Worker] = []
        self._closed = False
        for _ in range(processes):  # started now: they import while the first fetches are under way
            self._add(_Worker(self._payload))

    def _add(self, worker: _Worker) -> None:
        with self._lock:
            self._workers.append(worker)
        self._idle.put(worker)

    def run(self, job: Job) -> Digest:
        while True:
            try:
                worker = self._idle.get(timeout=0.5)
                break
            except queue.Empty:
                if self._closed:  # no worker will come back
                    raise WorkerStartError("the worker pool is closed") from None
        if self._closed:
            raise WorkerStartError("the worker pool is closed")
        try:
            result = worker.call(job, self._timeout)
        except WorkerError as exc:
            worker.kill()
            with self._lock:
                if worker in self._workers:  # close() may have taken it meanwhile
                    self._workers.remove(worker)
                replace = not self._closed and isinstance(exc, WorkerLost)
            if replace:  # a worker that could not start would not start again: the caller falls back
                self._add(_Worker(self._payload))
            raise
        except BaseException:
            self._idle.put(worker)
            raise
        self._idle.put(worker)
        return result

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.close()


def serve() -> None:
    """The worker's side: read the extractor, then digest jobs until the parent closes stdin."""
    # Ctrl-C in a terminal reaches the whole process group; the parent decides when its workers stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print() must not corrupt the replies

    def receive() -> bytes | None:
        header = source.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return None
        return source.read(_HEADER.unpack(header)[0])

    def reply(message: tuple[str, Any]) -> None:
        try:
            data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            error = message[1]
            data = pickle.dumps(("error", WorkerError(f"{type(error).__name__}: {error}")))
        _send(sink, data)

    try:
        payload = receive()
        if payload is None:
            return
        extractor = pickle.loads(payload)
        if extractor is not None and not callable(getattr(extractor, "extract", None)):
            raise TypeError(f"{type(extractor).__name__} is not an extractor")
    except Exception as exc:
        reply(("start_error", f"{type(exc).__name__}: {exc}"))
        return
    reply(("ready", None))
    while (message := receive()) is not None:
        job = pickle.loads(message)
        try:
            reply(("ok", digest(job, extractor)))
        except Exception as exc:
            reply(("error", exc))
