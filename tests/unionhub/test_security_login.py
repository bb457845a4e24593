"""Login lockout (django-axes) counts a username and a client address each on its own, and
behind the reverse proxy takes the client's address from the header the proxy sets."""

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from tests.factories import UserFactory
from unionhub.clients import client_address

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("axes_on")]
PASSWORD = "Mat-khau-2026!"
PROXY = "10.0.0.2"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


def login(client, username, password, **meta):
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


def test_bad_passwords_from_many_addresses_lock_the_username(client):
    chair = UserFactory(username="chutich")
    for n in range(5):
        login(client, chair.username, "sai", REMOTE_ADDR=f"203.0.113.{n + 1}")
    assert login(client, chair.username, PASSWORD, REMOTE_ADDR="198.51.100.9").status_code == 429
    other = UserFactory()
    assert login(client, other.username, PASSWORD, REMOTE_ADDR="203.0.113.1").status_code == 302


def test_bad_passwords_across_usernames_from_one_address_lock_the_address(client):
    for n in range(5):
        login(client, f"doanvien{n}", "sai", REMOTE_ADDR="203.0.113.7")
    user = UserFactory()
    assert login(client, user.username, PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 429
    assert login(client, user.username, PASSWORD, REMOTE_ADDR="203.0.113.8").status_code == 302


@override_settings(CLIENT_IP_HEADER="X-Forwarded-For")
def test_clients_behind_the_proxy_are_counted_by_their_forwarded_address(client):
    sprayer = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    colleague = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    for n in range(5):
        login(client, f"doanvien{n}", "sai", **sprayer)
    user = UserFactory()
    assert login(client, user.username, PASSWORD, **colleague).status_code == 302
    client.logout()
    assert login(client, user.username, PASSWORD, **sprayer).status_code == 429


@override_settings(CLIENT_IP_HEADER="X-Forwarded-For", CLIENT_IP_PROXY_COUNT=1)
def test_the_client_cannot_choose_its_address_by_sending_the_header_itself():
    # nginx appends the address it saw ($proxy_add_x_forwarded_for): what is left of it came
    # from the client and proves nothing.
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7"
    )
    assert client_address(request) == "203.0.113.7"


@override_settings(CLIENT_IP_HEADER="X-Real-IP")
def test_a_missing_or_malformed_header_falls_back_to_the_connection_address():
    factory = RequestFactory()
    assert client_address(factory.get("/", REMOTE_ADDR=PROXY)) == PROXY
    assert client_address(factory.get("/", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="x")) == PROXY
    real = factory.get("/", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="2001:db8::7")
    assert client_address(real) == "2001:db8::7"


def test_without_a_configured_header_the_connection_address_counts():
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_address(request) == PROXY


@pytest.mark.parametrize("minutes", [15, 40])
def test_the_lockout_page_says_the_cool_off_in_force(client, settings, minutes):
    from datetime import timedelta

    settings.AXES_COOLOFF_TIME = timedelta(minutes=minutes)
    chair = UserFactory(username="chutich")
    for _ in range(5):
        login(client, chair.username, "sai")
    page = login(client, chair.username, PASSWORD)
    assert page.status_code == 429
    assert f"thử lại sau {minutes} phút" in page.content.decode()
