"""Long work outside the request: jobs a user starts and follows (see runner.py).

Apps register their kinds in AppConfig.ready() and start jobs from their views:

    from unionhub import jobs
    jobs.register("members.import.check", check_import, template="jobs/_import_check.html")
    job = jobs.start(request.user, "members.import.check", title, params={...}, upload=file)
    return redirect(job)
"""

from .runner import JobError, Progress, organisation, prune, register, start
from .views import own_job_or_404

__all__ = [
    "JobError",
    "Progress",
    "organisation",
    "own_job_or_404",
    "prune",
    "register",
    "start",
]
