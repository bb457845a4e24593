"""Excel in and out of the member registry (placeholder until the import/export lands)."""

from django.http import Http404


def member_import(request):
    raise Http404


def member_import_template(request):
    raise Http404


def member_export(request):
    raise Http404
