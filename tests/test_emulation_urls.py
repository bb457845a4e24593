"""Every page of the emulation app is in a permission table (each module runs its own)."""


def test_every_emulation_url_is_in_a_permission_table():
    from emulation.urls import urlpatterns

    from . import (
        test_emulation_activities,
        test_emulation_activity_year,
        test_emulation_campaigns,
        test_emulation_decisions,
        test_emulation_import,
        test_emulation_index,
        test_emulation_initiatives,
        test_emulation_ratings,
        test_emulation_tables,
    )

    tables = (
        test_emulation_index.PAGES
        + test_emulation_decisions.PAGES
        + test_emulation_import.PAGES
        + test_emulation_tables.PAGES
        + test_emulation_ratings.PAGES
        + test_emulation_campaigns.PAGES
        + test_emulation_initiatives.PAGES
        + test_emulation_activities.PAGES
        + test_emulation_activity_year.PAGES
    )
    assert {make.url_name for _name, make, _expected in tables} == {p.name for p in urlpatterns}
