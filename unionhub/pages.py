"""The shapes every app's pages share: a form that calls a service, a grid saved at once, a
confirmation page for a POST-only action, a deletion through a service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import apply_service_error


def form_page(
    request, form, *, title, save, cancel_url, crumbs=(), template="form.html", extra=None
):
    """Validate, call the service through `save(form) -> redirect url`, or re-display.

    A service's ValidationError lands on the field it names; nothing is half-saved because
    every service runs in one transaction.
    """
    if request.method == "POST" and form.is_valid():
        try:
            url = save(form)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect(url)
    context = {"form": form, "title": title, "cancel_url": cancel_url, "crumbs": crumbs}
    context.update(extra or {})
    return render(request, template, context)


def grid_saved(request, save, *, done: str, url: str):
    """A grid posted whole (ratings, grades, registrations): on POST call `save()`, the one
    service that saves it all or nothing. Returns (redirect to `url` with `done`, []) when it
    saved, (None, the service's messages) when it refused, and (None, []) on a GET, when the
    page shows the grid (again, as entered)."""
    if request.method != "POST":
        return None, []
    try:
        save()
    except ValidationError as error:
        return None, error.messages
    messages.success(request, done)
    return redirect(url), []


def posted(request):
    """The submitted data, or None for a GET: an empty POST still gets its errors shown."""
    return request.POST if request.method == "POST" else None


def confirm_page(
    request, *, title, message, button, url, cancel_url, crumbs, danger=False, extra=()
):
    """The confirmation page of a POST-only action (the button posts to `url`)."""
    return render(
        request,
        "confirm.html",
        {
            "title": title,
            "message": message,
            "button": button,
            "action_url": url,
            "cancel_url": cancel_url,
            "crumbs": crumbs,
            "danger": danger,
            "details": extra,
        },
    )


def delete_page(request, *, delete, done: str, back: str, title, message, crumbs, extra=()):
    """Delete a row: a confirmation page; on POST `delete()` (a service), then back to `back`
    with `done`, or with the service's refusal."""
    if request.method == "POST":
        try:
            delete()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return redirect(back)
    return confirm_page(
        request,
        title=title,
        message=message,
        button=_("Xóa"),
        url=request.path,
        cancel_url=back,
        danger=True,
        crumbs=crumbs,
        extra=extra,
    )
