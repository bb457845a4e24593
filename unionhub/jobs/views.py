"""The user's jobs: "Công việc của tôi", one job's page (followed live with htmx while it runs),
and its result file. A user sees only the jobs they started; anyone else's is a 404."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from unionhub.models import Job

from .runner import KEEP, kind_of

PAGE_SIZE = 25


def own_job_or_404(request, pk, **filters) -> Job:
    """A job of the request's user (`pk` as the browser sent it), else 404."""
    if not str(pk or "").isdecimal() or len(str(pk)) > 18:
        raise Http404
    return get_object_or_404(Job, pk=pk, user=request.user, **filters)


@require_GET
def job_list(request):
    jobs = Job.objects.filter(user=request.user).only(
        "pk", "title", "state", "step", "percent", "created_at", "finished_at", "result_file"
    )
    page = Paginator(jobs, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "jobs/list.html",
        {
            "title": _("Công việc của tôi"),
            "page": page,
            "keep_days": KEEP.days,
            "crumbs": [(_("Công việc của tôi"), "")],
        },
    )


def _crumbs(job: Job):
    return [(_("Công việc của tôi"), reverse("jobs:list")), (job.title, "")]


@require_GET
def job_detail(request, pk):
    job = own_job_or_404(request, pk)
    return render(
        request,
        "jobs/detail.html",
        {
            "title": job.title,
            "job": job,
            "result_template": kind_of(job).template,
            "crumbs": _crumbs(job),
        },
    )


@require_GET
def job_status(request, pk):
    """The progress part of the job's page, polled by htmx; once the job has finished the
    whole page reloads to show the result and what may follow."""
    job = own_job_or_404(request, pk)
    if job.finished:
        response = HttpResponse()
        response["HX-Refresh"] = "true"
        return response
    return HttpResponse(render_to_string("jobs/_status.html", {"job": job}, request=request))


@require_GET
def job_file(request, pk):
    job = own_job_or_404(request, pk, state=Job.State.DONE)
    if not job.result_file:
        raise Http404
    try:
        stored = job.result_file.open("rb")
    except OSError:
        raise Http404 from None
    return FileResponse(stored, as_attachment=True, filename=job.result_name or "ket-qua")
