"""Jobs (unionhub.jobs): run once however often the task is delivered, fail with a message,
report progress cheaply, expire, and are seen only by the user who started them."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from tests.pages import ROLES
from unionhub import jobs
from unionhub.jobs import runner
from unionhub.jobs import urls as job_urls
from unionhub.models import Job

pytestmark = pytest.mark.django_db

RUNS = []


def _count(job, progress):
    RUNS.append(job.pk)
    job.summary = {"ran": len(RUNS)}
    job.report = "<p id='report'>Xong &amp; đủ</p>"


def _refuse(job, progress):
    raise jobs.JobError("Tệp không đọc được.")


def _crash(job, progress):
    raise ValueError("a bug")


def _make_file(job, progress):
    job.result_file.save("ket-qua.xlsx", ContentFile(b"PK-data"), save=False)
    job.result_name = "ket-qua.xlsx"


@pytest.fixture(autouse=True)
def _kinds():
    RUNS.clear()
    jobs.register("test.count", _count)
    jobs.register("test.refuse", _refuse)
    jobs.register("test.crash", _crash)
    jobs.register("test.file", _make_file)


def test_a_job_runs_once_however_often_its_task_is_delivered(users):
    job = jobs.start(users.officer, "test.count", "Đếm")

    runner.run_job.call(job.pk)  # delivered again (a worker crashed before acknowledging)
    runner.run_job.call(job.pk)

    job.refresh_from_db()
    assert RUNS == [job.pk]
    assert (job.state, job.percent, job.summary) == ("done", 100, {"ran": 1})
    assert job.finished_at is not None


def test_a_follow_up_is_started_once(users):
    first = jobs.start(users.officer, "test.count", "Kiểm tra")

    one = jobs.start(users.officer, "test.count", "Nhập", parent=first)
    two = jobs.start(users.officer, "test.count", "Nhập", parent=first)

    assert one.pk == two.pk and len(RUNS) == 2


def test_a_job_error_is_the_users_message_and_a_crash_says_it_was_logged(users, caplog):
    refused = jobs.start(users.officer, "test.refuse", "Kiểm tra")
    crashed = jobs.start(users.officer, "test.crash", "Kiểm tra")

    assert (refused.state, refused.error) == ("failed", "Tệp không đọc được.")
    assert crashed.state == "failed" and "đã được ghi lại" in crashed.error
    assert "a bug" not in crashed.error
    assert any("test.crash" in r.getMessage() for r in caplog.records)


def test_an_unknown_kind_cannot_start():
    with pytest.raises(LookupError):
        jobs.start(None, "test.nothing", "?")


def test_progress_is_written_at_most_twice_a_second(users):
    job = Job.objects.create(user=users.officer, kind="test.count", title="Đọc")
    progress = jobs.Progress(job)
    progress.INTERVAL = 3600  # this test's loop is faster than any interval; no timing race
    report = progress.span(10, 90, "Đã đọc %(rows)s dòng")

    with CaptureQueriesContext(connection) as queries:
        for row in range(1, 20_001):
            report(row, 20_000)

    assert len(queries) == 0  # the span's first step was written when it began
    job.refresh_from_db()
    assert job.step == "Đã đọc 0 dòng" and job.percent == 10
    progress.INTERVAL = 0
    report(10_000, 20_000)
    job.refresh_from_db()
    assert (job.percent, job.step) == (50, "Đã đọc 10000 dòng")


def test_old_jobs_expire_with_their_files_and_silent_ones_fail(users):
    old = jobs.start(users.officer, "test.file", "Xuất")
    stored = old.result_file.path
    fresh = jobs.start(users.officer, "test.count", "Đếm")
    silent = Job.objects.create(user=users.officer, kind="test.count", title="Treo")
    Job.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    Job.objects.filter(pk=silent.pk).update(
        state=Job.State.RUNNING, updated_at=timezone.now() - timedelta(hours=2)
    )

    assert jobs.prune() == 1

    assert not Job.objects.filter(pk=old.pk).exists()
    assert not __import__("os").path.exists(stored)
    assert Job.objects.filter(pk=fresh.pk).exists()
    silent.refresh_from_db()
    assert silent.state == "failed" and "gián đoạn" in silent.error


def test_the_prune_command_deletes_old_jobs(users):
    old = jobs.start(users.officer, "test.count", "Đếm")
    Job.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=30))
    out = __import__("io").StringIO()

    call_command("prune_jobs", stdout=out)

    assert "1 old job(s) deleted." in out.getvalue()
    assert not Job.objects.filter(pk=old.pk).exists()


def test_the_database_backend_queues_and_the_worker_runs(users, monkeypatch):
    # Between tasks the worker closes connections it finds in a transaction: the test's is one.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    backend = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=backend):
        job = jobs.start(users.officer, "test.count", "Đếm")
        assert job.state == "queued" and RUNS == []  # the request returns at once

        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    job.refresh_from_db()
    assert job.state == "done" and RUNS == [job.pk]


# --- the pages -----------------------------------------------------------------------------------


def test_my_jobs_lists_only_mine(client, users):
    mine = jobs.start(users.officer, "test.count", "Việc của tôi")
    jobs.start(users.officer_b, "test.count", "Việc của người khác")
    client.force_login(users.officer)

    body = client.get(reverse("jobs:list")).content.decode()

    assert "Việc của tôi" in body and "Việc của người khác" not in body
    assert reverse("jobs:detail", args=[mine.pk]) in body


def test_my_jobs_has_an_empty_state(client, users):
    client.force_login(users.member)
    assert "Bạn chưa chạy công việc nào" in client.get(reverse("jobs:list")).content.decode()


def test_the_job_list_query_count_does_not_grow(client, users):
    client.force_login(users.officer)

    def count(n):
        for _ in range(n):
            jobs.start(users.officer, "test.file", "Xuất")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("jobs:list")).status_code == 200
        return len(queries)

    assert count(2) == count(20)


def test_another_users_job_is_404_everywhere(client, users):
    job = jobs.start(users.officer, "test.file", "Xuất")
    client.force_login(users.officer_b)
    for name in ("detail", "status", "file"):
        assert client.get(reverse(f"jobs:{name}", args=[job.pk])).status_code == 404, name
    client.force_login(users.officer)
    for name in ("detail", "status", "file"):
        assert client.get(reverse(f"jobs:{name}", args=[job.pk])).status_code == 200, name


def test_anonymous_users_are_sent_to_log_in(client, users):
    job = jobs.start(users.officer, "test.count", "Đếm")
    for url in (reverse("jobs:list"), reverse("jobs:detail", args=[job.pk])):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response.url


def test_a_running_job_is_polled_and_a_finished_one_reloads_the_page(client, users):
    job = Job.objects.create(
        user=users.officer, kind="test.count", title="Đọc", state="running", percent=40
    )
    client.force_login(users.officer)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert f'hx-get="{reverse("jobs:status", args=[job.pk])}"' in page
    assert 'value="40"' in page

    Job.objects.filter(pk=job.pk).update(percent=75, step="Đã đọc 15000 dòng")
    fragment = client.get(reverse("jobs:status", args=[job.pk]))
    assert (
        "Đã đọc 15000 dòng" in fragment.content.decode()
        and 'value="75"' in fragment.content.decode()
    )

    Job.objects.filter(pk=job.pk).update(state="done")
    assert client.get(reverse("jobs:status", args=[job.pk]))["HX-Refresh"] == "true"


def test_a_finished_job_shows_its_report_escaped_as_rendered_and_its_file(client, users):
    job = jobs.start(users.officer, "test.file", "Xuất")
    client.force_login(users.officer)

    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    download = client.get(reverse("jobs:file", args=[job.pk]))

    assert reverse("jobs:file", args=[job.pk]) in page and "hx-get" not in page
    assert b"".join(download.streaming_content) == b"PK-data"
    assert 'filename="ket-qua.xlsx"' in download["Content-Disposition"]


@pytest.mark.parametrize("role", ROLES)
def test_every_jobs_url_by_role_own_and_anothers(client, users, role):
    """Every role has its own jobs; another user's job is a 404 on every URL that names one."""
    user = getattr(users, role)
    mine = jobs.start(user, "test.file", "Của tôi")
    theirs = jobs.start(users.officer if role != "officer" else users.admin, "test.file", "Khác")
    client.force_login(user)
    tested = set()
    for pattern in job_urls.urlpatterns:
        tested.add(pattern.name)
        if pattern.name == "list":
            assert client.get(reverse("jobs:list")).status_code == 200
            continue
        assert client.get(reverse(f"jobs:{pattern.name}", args=[mine.pk])).status_code == 200
        assert client.get(reverse(f"jobs:{pattern.name}", args=[theirs.pk])).status_code == 404
    assert tested == {"list", "detail", "status", "file"}
