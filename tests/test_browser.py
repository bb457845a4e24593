"""One end-to-end run in headless Chromium: log in, add a member, find them without accents."""

import os
import shutil

import pytest
from django.db import connections

from members.models import Member
from unionhub.models import Role

from .factories import user_with_role

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls would
    # trip Django's async-safety check (the live server's run in its own thread).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is not installed: run `make test`, which installs it.")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        yield context.new_page()
        browser.close()


def test_officer_logs_in_adds_member_and_finds_them_without_accents(live_server, page, tree):
    officer = user_with_role(Role.OFFICER, tree.branch_a, username="chutich")
    page.goto(f"{live_server.url}/")
    assert "Đăng nhập" in page.content()
    page.fill("#id_username", officer.username)
    page.fill("#id_password", "Mat-khau-2026!")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert "Tổng quan" in page.content()

    page.click("text=Đoàn viên")
    page.click("text=Thêm đoàn viên")
    page.fill("#id_full_name", "Nguyễn Thị Đào")
    page.select_option("#id_gender", "F")
    page.fill("#id_date_of_birth", "17/05/1985")
    page.select_option("#id_organisation", str(tree.group_a2.pk))
    page.fill("#id_card_number", "BT00001234")
    page.click("button:has-text('Lưu')")
    page.wait_for_selector("h1:has-text('Nguyễn Thị Đào')")
    assert Member.objects.filter(full_name="Nguyễn Thị Đào", organisation=tree.group_a2).exists()

    page.click("nav >> text=Đoàn viên")
    page.fill("input[name=q]", "nguyen thi dao")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("td a:has-text('Nguyễn Thị Đào')")
    assert "1 đoàn viên phù hợp" in page.content()
    page.screenshot(path=os.environ.get("BROWSER_SCREENSHOT", "/tmp/unionhub-browser.png"))
    # Under Playwright's sync API this test body runs in a context of its own, where the ORM
    # call above opened a second connection: close it, or PostgreSQL cannot drop the test
    # database at the end of the run.
    connections.close_all()
