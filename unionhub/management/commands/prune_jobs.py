"""Forget jobs older than JOB_KEEP_DAYS with their files, fail the ones whose worker died, and
prune the task queue's finished rows. Starting a job does the first two as well; run this daily
(a systemd timer or cron) so a quiet installation cleans up too."""

from django.core.management import BaseCommand, call_command
from django_tasks import default_task_backend
from django_tasks_db import DatabaseBackend

from unionhub import jobs
from unionhub.jobs.runner import KEEP


class Command(BaseCommand):
    help = "Delete old jobs and their files; prune finished task rows."

    def handle(self, *args, **options):
        deleted = jobs.prune()
        if isinstance(default_task_backend, DatabaseBackend):
            call_command("prune_db_task_results", "--min-age-days", str(KEEP.days), verbosity=0)
        self.stdout.write(f"{deleted} old job(s) deleted.")
