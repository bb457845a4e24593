"""Fixtures every finance test shares: the books of branches A and B, and uploads kept in a
temporary media folder."""

import pytest

from tests.finance.factories import make_books


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def fin(tree, users):
    """Books at branch A (kept by its accountant) and at branch B (by its officer)."""
    return type(
        "Fin",
        (),
        {
            "tree": tree,
            "a": make_books(tree.branch_a, users.accountant),
            "b": make_books(tree.branch_b, users.officer_b),
        },
    )
