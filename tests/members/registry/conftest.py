"""Fixtures the registry's tests share."""

import pytest


@pytest.fixture
def _uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
