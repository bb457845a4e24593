import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_officer_sees_pages(client, users, member_a, tree):
    client.force_login(users.officer)
    for url in [
        reverse("home"),
        reverse("members:organisation_tree"),
        reverse("members:organisation_detail", args=[tree.branch_a.pk]),
        reverse("members:member_list"),
        reverse("members:member_list") + "?q=nguyen+van+an",
        reverse("members:member_detail", args=[member_a.pk]),
        reverse("members:member_create"),
        reverse("members:member_edit", args=[member_a.pk]),
        reverse("members:application_list"),
        reverse("reports:index"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
