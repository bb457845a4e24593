"""Every page of the emulation app is in a permission table (each module runs its own)."""


def test_every_emulation_url_is_in_a_permission_table():
    from emulation.urls import urlpatterns

    from . import test_index
    from .activities import test_activities, test_year_pages
    from .awards import test_decisions, test_import_pages, test_tables
    from .campaigns import test_campaigns, test_initiative_pages
    from .ratings import test_ratings

    tables = (
        test_index.PAGES
        + test_decisions.PAGES
        + test_import_pages.PAGES
        + test_tables.PAGES
        + test_ratings.PAGES
        + test_campaigns.PAGES
        + test_initiative_pages.PAGES
        + test_activities.PAGES
        + test_year_pages.PAGES
    )
    assert {make.url_name for _name, make, _expected in tables} == {p.name for p in urlpatterns}
