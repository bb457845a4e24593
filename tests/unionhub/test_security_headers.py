"""Every page carries a Content-Security-Policy that allows only the site's own scripts, and
no page or download for a signed-in user may be kept by a browser or a proxy cache."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Rendered to PDF by WeasyPrint, never sent to a browser, so no policy applies to them.
PDF_ONLY = {"finance/voucher_sheet.html", "reports/document.html"}


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_pages_carry_a_policy_allowing_only_the_sites_own_scripts(client, users, member_a):
    client.force_login(users.officer)
    for url in (reverse("home"), member_a.get_absolute_url(), reverse("members:member_list")):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = policy(response)
        assert directives["default-src"] == ["'self'"]
        assert directives["script-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in directives["style-src"]


def test_the_login_page_carries_the_policy_too(client):
    assert "script-src 'self'" in client.get(reverse("login"))["Content-Security-Policy"]


def test_a_style_element_on_a_page_carries_the_policys_nonce(client, users, tree):
    client.force_login(users.officer)
    response = client.get(reverse("reports:member_report"), {"org": tree.branch_a.pk})
    assert response.status_code == 200
    nonces = re.findall(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    styles = re.findall(r"<style([^>]*)>", response.content.decode())
    assert styles and nonces
    assert all(f'nonce="{nonces[0]}"' in attrs for attrs in styles)


def test_htmx_injects_no_inline_style_and_evaluates_no_code(client, users):
    client.force_login(users.officer)
    html = client.get(reverse("home")).content.decode()
    assert (
        "includeIndicatorStyles&quot;: false" in html or '"includeIndicatorStyles": false' in html
    )
    assert '"allowEval": false' in html


def browser_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if name not in PDF_ONLY:
            yield name, path.read_text()


def test_no_template_has_inline_script_or_event_handler():
    inline = []
    for name, text in browser_templates():
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag:
                inline.append(f"{name}: {tag}")
        for handler in re.findall(r"<[^>]*\son[a-z]+\s*=", text):
            inline.append(f"{name}: {handler[-40:]}")
    assert inline == []


def test_every_style_element_sent_to_a_browser_carries_the_nonce():
    bare = [
        f"{name}: {tag}"
        for name, text in browser_templates()
        for tag in re.findall(r"<style\b[^>]*>", text)
        if "request.csp_nonce" not in tag
    ]
    assert bare == []


def test_pages_and_downloads_for_a_signed_in_user_are_not_stored(client, users, member_a):
    client.force_login(users.officer)
    urls = [
        member_a.get_absolute_url(),
        reverse("members:member_list"),
        reverse("members:member_export"),
        reverse("members:member_import_template"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"no-store", "private"} <= cache_control, url


def test_a_response_that_sets_its_own_caching_keeps_it(client, users):
    client.force_login(users.admin)
    response = client.get(reverse("admin:index"))  # the admin's never_cache
    assert "no-store" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]
