"""Ids from the query string too large for a database integer (issue 13's probe): the award
list's ?member= of twenty digits drops that filter instead of failing."""

import pytest
from django.urls import reverse

from tests.emulation.awards.test_tables import awards  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("member", ["9" * 20, str(2**63), "-1"])
def test_a_member_id_no_database_holds_drops_the_filter(client, awards, member):  # noqa: F811
    client.force_login(awards.users.officer)
    response = client.get(
        reverse("emulation:award_list"), {"org": awards.tree.branch_a.pk, "member": member}
    )
    assert response.status_code == 200
    assert "member" in response.context["filter"].errors


def test_the_largest_id_a_database_holds_filters_to_nobody(client, awards):  # noqa: F811
    client.force_login(awards.users.officer)
    response = client.get(
        reverse("emulation:award_list"), {"org": awards.tree.branch_a.pk, "member": 2**63 - 1}
    )
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
