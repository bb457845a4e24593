"""Login, logout, password change and reset in Vietnamese; login rate limiting."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Mat-khau-2026!"


def test_anonymous_visitor_is_sent_to_the_vietnamese_login_page(client):
    response = client.get(reverse("members:member_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Đăng nhập" in page.content.decode()
    assert page.headers["Content-Language"] == "vi"


def test_login_with_good_password_then_logout(client):
    user = UserFactory()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    logged_out = client.post(reverse("logout"))
    assert logged_out.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_login_with_wrong_password_explains_in_vietnamese(client):
    user = UserFactory()
    response = client.post(reverse("login"), {"username": user.username, "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_login_even_with_the_right_password(client):
    user = UserFactory()
    for _ in range(3):
        client.post(reverse("login"), {"username": user.username, "password": "sai"})
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_password_change_applies_django_validators(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("password_change")
    weak = client.post(
        url, {"old_password": PASSWORD, "new_password1": "123", "new_password2": "123"}
    )
    assert weak.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    strong = "Cong-doan-co-so-2027"
    done = client.post(
        url, {"old_password": PASSWORD, "new_password1": strong, "new_password2": strong}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(strong)


def test_password_reset_by_email_round_trip(client):
    user = UserFactory(email="chutich@example.vn")
    page = client.get(reverse("password_reset"))
    assert page.status_code == 200 and "Quên mật khẩu" in page.content.decode()
    client.post(reverse("password_reset"), {"email": "chutich@example.vn"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Đặt mật khẩu mới" in form_page.content.decode()
    new = "Mat-khau-moi-2027"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    user.refresh_from_db()
    assert user.check_password(new)
