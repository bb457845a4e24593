"""Password reset: the mail goes out from a background task, whatever the address typed, and
requests are throttled per client address and per account, counted in the database."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django_tasks.signals import task_enqueued

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
EMAIL = "chutich@example.vn"


@pytest.fixture
def chair():
    return UserFactory(email=EMAIL)


@pytest.fixture
def enqueued():
    names = []

    def record(sender, task_result, **kwargs):
        names.append(task_result.task.name)

    task_enqueued.connect(record)
    yield names
    task_enqueued.disconnect(record)


def ask(client, email, address="203.0.113.1", **meta):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address, **meta)


def test_the_mail_is_sent_by_a_background_task(client, chair, enqueued):
    response = ask(client, EMAIL)
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert enqueued == ["send_password_reset"]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [EMAIL]
    assert "/tai-khoan/reset/" in mail.outbox[0].body


def test_an_unknown_address_gets_the_same_answer_and_the_same_work(client, chair, enqueued):
    known = ask(client, EMAIL, "203.0.113.1")
    unknown = ask(client, "nobody@example.vn", "203.0.113.2")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert enqueued == ["send_password_reset", "send_password_reset"]
    assert [m.to for m in mail.outbox] == [[EMAIL]]


def test_an_account_gets_three_mails_an_hour_and_the_same_answer_after(client, chair):
    answers = [ask(client, EMAIL.upper() if n % 2 else EMAIL, f"203.0.113.{n}") for n in range(5)]
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, reverse("password_reset_done"))
    }
    assert len(mail.outbox) == 3


def test_an_address_gets_five_requests_an_hour_then_a_vietnamese_refusal(client, chair):
    for n in range(5):
        assert ask(client, f"doanvien{n}@example.vn", "203.0.113.9").status_code == 302
    refused = ask(client, EMAIL, "203.0.113.9")
    assert refused.status_code == 429
    assert "Quá nhiều yêu cầu" in refused.content.decode()
    assert mail.outbox == []
    assert ask(client, EMAIL, "198.51.100.1").status_code == 302
    assert len(mail.outbox) == 1


def test_the_counts_live_in_the_database_not_a_process_cache(client, chair):
    for n in range(5):
        ask(client, f"doanvien{n}@example.vn", "203.0.113.9")
    cache.clear()
    assert ask(client, EMAIL, "203.0.113.9").status_code == 429


def test_requests_older_than_an_hour_no_longer_count(client, chair):
    from unionhub.models import PasswordResetRequest

    for _ in range(5):
        ask(client, EMAIL, "203.0.113.9")
    PasswordResetRequest.objects.update(
        requested_at=PasswordResetRequest.objects.first().requested_at - timedelta(minutes=61)
    )
    mail.outbox.clear()
    assert ask(client, EMAIL, "203.0.113.9").status_code == 302
    assert len(mail.outbox) == 1


@override_settings(CLIENT_IP_HEADER="X-Real-IP")
def test_clients_behind_the_proxy_are_throttled_by_their_own_address(client, chair):
    for n in range(5):
        ask(client, f"doanvien{n}@example.vn", "10.0.0.2", HTTP_X_REAL_IP="203.0.113.9")
    assert ask(client, EMAIL, "10.0.0.2", HTTP_X_REAL_IP="203.0.113.9").status_code == 429
    assert ask(client, EMAIL, "10.0.0.2", HTTP_X_REAL_IP="198.51.100.1").status_code == 302
