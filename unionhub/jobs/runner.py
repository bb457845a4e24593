"""Running jobs: the kinds apps register, starting a job (the request returns at once), the one
task the worker runs for every kind, progress as the work goes, and old results expiring.

The queue is the django-tasks API (Django 6's django.tasks): TASKS in settings picks the backend
(the database by default, so SQLite needs no broker; the immediate backend in tests).
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from unionhub import access
from unionhub.models import Job
from unionhub.tree import organisation_model

logger = logging.getLogger(__name__)

# Results are kept this long, then the job and its files go (opportunistically when a job
# starts, and by `manage.py prune_jobs`).
KEEP = timedelta(days=getattr(settings, "JOB_KEEP_DAYS", 7))
# A job that says nothing for this long has lost its worker (a restart, a crash).
SILENT = timedelta(hours=1)
# A job still waiting after this long will not be run: no worker is running.
UNCLAIMED = timedelta(days=1)


class JobError(Exception):
    """The work cannot go on; the message, in Vietnamese, is what the user reads."""


@dataclass(frozen=True)
class Kind:
    run: Callable  # run(job, progress): does the work, fills job.summary/report/result_file
    # The template of the job page's result part (rendered in the request: forms may follow).
    template: str = "jobs/_result.html"


_KINDS: dict[str, Kind] = {}


def register(kind: str, run: Callable, *, template: str = "jobs/_result.html") -> None:
    """Make `kind` runnable: apps call this from their AppConfig.ready()."""
    _KINDS[kind] = Kind(run, template)


def kind_of(job: Job) -> Kind:
    return _KINDS.get(job.kind, Kind(run=_unknown))


def _unknown(job, progress):
    raise JobError(_("Loại công việc này không còn được hỗ trợ."))


def start(user, kind: str, title: str, *, params=None, upload=None, parent=None) -> Job:
    """Queue `kind` for `user` and return its job (already finished with the immediate backend).

    `upload` (an uploaded file) is stored with the job. With `parent`, the job continues that
    one, at most once: a second start (a double click, a resent form) returns the first.
    """
    if kind not in _KINDS:
        raise LookupError(kind)
    prune()
    try:
        with transaction.atomic():
            job = Job.objects.create(
                user=user, kind=kind, title=title[:300], params=params or {}, parent=parent
            )
    except IntegrityError:
        if parent is None:
            raise
        return Job.objects.get(parent=parent)
    if upload is not None:
        upload.seek(0)
        job.upload.save(_safe_name(upload.name), upload, save=False)
        Job.objects.filter(pk=job.pk).update(upload=job.upload.name)
    run_job.enqueue(job.pk)
    job.refresh_from_db()
    return job


def _safe_name(name: str) -> str:
    """The stored upload's name: its extension only (the user's file name stays in params)."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else "bin"
    return f"tai-len.{suffix if suffix.isalnum() and len(suffix) <= 5 else 'bin'}"


@task()
def run_job(job_id: int) -> None:
    """Run one job, once: a job already claimed (the task delivered twice after a crash, or
    started by two workers) is left alone, so an import is never applied twice."""
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, step=_("Đang bắt đầu"), updated_at=timezone.now()
    )
    if not claimed:
        return
    job = Job.objects.get(pk=job_id)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            kind_of(job).run(job, Progress(job))
    except JobError as error:
        _finish(job, Job.State.FAILED, error=str(error))
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(
            job,
            Job.State.FAILED,
            error=_(
                "Có lỗi ngoài dự kiến khi chạy công việc; lỗi đã được ghi lại. Không có gì "
                "được lưu dở dang. Hãy thử lại, hoặc báo quản trị viên nếu lỗi lặp lại."
            ),
        )
    else:
        _finish(job, Job.State.DONE)


def organisation(job: Job, perm, refused: str):
    """In a job: the organisation its params name (an import's target, an export's branch),
    where its user must still hold `perm` (else the job fails with `refused`)."""
    organisation = organisation_model().objects.filter(pk=job.params.get("organisation")).first()
    if organisation is None or not access.can(job.user, perm, organisation):
        raise JobError(refused)
    return organisation


def _finish(job: Job, state: str, *, error: str = "") -> None:
    job.state = state
    job.error = error
    job.finished_at = timezone.now()
    if state == Job.State.DONE:
        job.percent = 100
        job.step = ""
    job.save()


class Progress:
    """`progress(percent, step)` as the work goes: written at most twice a second, so a loop
    over 20,000 rows may call it for every row. `rows(done, expected)` maps rows read onto a
    span of the bar."""

    INTERVAL = 0.5

    def __init__(self, job: Job):
        self.job = job
        self._written = 0.0
        self._last = (job.percent, job.step)

    def __call__(self, percent: int, step: str | None = None, *, phase: bool = True) -> None:
        """Say how far the work is. A new step (`phase`) is written at once; otherwise at most
        every INTERVAL seconds."""
        percent = max(0, min(int(percent), 99))
        step = self._last[1] if step is None else step[:200]
        now = time.monotonic()
        if (percent, step) == self._last:
            return
        if not (phase and step != self._last[1]) and now - self._written < self.INTERVAL:
            return
        self._written, self._last = now, (percent, step)
        self.job.percent, self.job.step = percent, step
        Job.objects.filter(pk=self.job.pk).update(
            percent=percent, step=step, updated_at=timezone.now()
        )

    def span(self, start: int, end: int, step: str, *, then: str | None = None):
        """A `progress(rows_read, rows_expected)` callback for a reader, filling start..end of
        the bar with `step` (of %(rows)s); once every expected row is read, `then`."""

        def report(done: int, expected: int | None = None) -> None:
            if expected:
                percent = start + (end - start) * min(done, expected) / expected
            else:
                percent = start
            finished = then is not None and expected and done >= expected
            text = (then if finished else step) % {"rows": done}
            self(int(percent), text, phase=bool(finished))

        self(start, step % {"rows": 0})
        return report


def prune(now=None) -> int:
    """Forget old jobs and their files; fail the ones that lost their worker. Returns how many
    jobs were deleted."""
    now = now or timezone.now()
    Job.objects.filter(state=Job.State.RUNNING, updated_at__lt=now - SILENT).update(
        state=Job.State.FAILED,
        finished_at=now,
        error=_(
            "Công việc bị gián đoạn (máy chủ khởi động lại?). Không có gì được lưu dở dang; "
            "hãy chạy lại."
        ),
    )
    Job.objects.filter(state=Job.State.QUEUED, created_at__lt=now - UNCLAIMED).update(
        state=Job.State.FAILED,
        finished_at=now,
        error=_("Công việc không được chạy: bộ xử lý nền chưa chạy. Hãy báo quản trị viên."),
    )
    old = list(Job.objects.filter(created_at__lt=now - KEEP).only("pk", "upload", "result_file"))
    for job in old:
        for field in (job.upload, job.result_file):
            if field:
                field.delete(save=False)
    Job.objects.filter(pk__in=[job.pk for job in old]).delete()
    return len(old)
