"""Group commit of comment submissions: comments arriving together share one durable commit.

A durable commit costs one fsync (about 4 ms on this machine's disk) and writers take turns, so
one commit per comment caps a SQLite portal near 1 / fsync ≈ 230 comments/s whatever the CPU.
Each worker process therefore has one writer thread: request threads hand it their comment and
wait; it takes every comment waiting, records each in a savepoint of one write transaction
(so one refused comment never undoes another), commits once, then wakes the requests. No
receipt is shown before that commit has returned, so nothing acknowledged can be lost.
"""

from __future__ import annotations

import os
import queue
import threading
from dataclasses import dataclass, field
from datetime import datetime

from flask import Flask
from sqlalchemy.exc import IntegrityError

from portal.consult import services, snapshots
from portal.consult.limiter import RateLimited, SubmissionLimiter
from portal.db import begin_write

#: Most comments one commit carries.
BATCH = 64
#: Seconds the writer thread waits for work before it stops (it restarts on the next comment).
IDLE_SECONDS = 5.0


@dataclass
class Job:
    """One comment waiting for the writer: its inputs, then its comment id or its error."""

    slug: str
    draft: services.NewComment
    token: str
    lang: str
    now: datetime
    #: The client to count against the rate limit in the write transaction (None: counted before).
    client: str | None = None
    comment: services.RecordedComment | None = None
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)


class GroupCommitter:
    """The per-process writer thread of one app."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.jobs: queue.Queue[Job] = queue.Queue()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.pid = 0

    def record(self, job: Job, timeout: float = 120) -> Job:
        """Queue JOB and wait until the commit that carries it has returned."""
        self._ensure_thread()
        self.jobs.put(job)
        if not job.done.wait(timeout):
            job.error = TimeoutError("the comment writer did not answer")
        return job

    def _ensure_thread(self) -> None:
        """Start the writer thread if this process has none running (also after a fork)."""
        with self.lock:
            if self.thread is None or not self.thread.is_alive() or self.pid != os.getpid():
                self.pid = os.getpid()
                self.thread = threading.Thread(target=self._run, name="comment-writer",
                                               daemon=True)
                self.thread.start()

    def _run(self) -> None:
        """Write batches until idle for IDLE_SECONDS."""
        while True:
            try:
                first = self.jobs.get(timeout=IDLE_SECONDS)
            except queue.Empty:
                with self.lock:
                    if self.jobs.empty():
                        self.thread = None
                        return
                continue
            batch = [first]
            while len(batch) < BATCH:
                try:
                    batch.append(self.jobs.get_nowait())
                except queue.Empty:
                    break
            self._write(batch)

    def _write(self, batch: list[Job]) -> None:
        """Record BATCH in one transaction, each comment in its own savepoint; commit once."""
        try:
            with self.app.app_context():
                session = self.app.extensions["db_sessionmaker"]()
                try:
                    begin_write(session)
                    found: dict[str, object] = {}  # one read of each consultation per batch
                    limiter = self.app.extensions["consult_limiter"]
                    for job in batch:
                        _record_one(session, job, self.app.config["SECRET_KEY"], found, limiter)
                    session.commit()
                except BaseException as exc:  # the commit failed: no comment of it was saved
                    session.rollback()
                    for job in batch:
                        job.comment, job.error = None, job.error or exc
                finally:
                    session.close()
        finally:
            for job in batch:
                job.done.set()


def _record_one(session, job: Job, secret: str, found: dict[str, object],
                limiter: SubmissionLimiter) -> None:
    """Count and record one comment inside a savepoint; a refusal is kept on the job.

    FOUND keeps the consultations read in this transaction (their period read afresh; the
    receipt counter is read from the row by each comment's UPDATE … RETURNING). A refused
    comment rolls its savepoint back, count included.
    """
    try:
        with session.begin_nested():
            if job.slug not in found:
                found[job.slug] = snapshots.for_writing(session, job.slug)
            consultation = found[job.slug]
            if consultation is None:
                raise LookupError(job.slug)
            receipt = services.submit_comment(
                session, consultation, job.draft, token=job.token, lang=job.lang,
                now=job.now, secret=secret, admit=_counter(session, job, limiter))
            job.comment = receipt.comment
    except (services.ConsultationClosed, LookupError, IntegrityError, RateLimited) as exc:
        job.error = exc


def _counter(session, job: Job, limiter: SubmissionLimiter):
    """The rate-limit count of JOB's client in this transaction (None when counted before)."""
    if job.client is None:
        return None
    client = job.client

    def admit() -> None:
        wait = limiter.hit_in(session.connection(), client)
        if wait is not None:
            raise RateLimited(wait)

    return admit


def init_app(app: Flask) -> None:
    """Give APP its comment writer (the thread starts with the first comment)."""
    app.extensions["consult_committer"] = GroupCommitter(app)
