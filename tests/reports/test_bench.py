"""`manage.py bench`: each suite builds its data and prints its figures end to end."""

import re
from contextlib import ExitStack
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command

from finance.models import Voucher
from reports.management.commands import bench


@pytest.mark.django_db
def test_bench_command_runs_end_to_end_on_a_small_dataset():
    out = StringIO()
    call_command(
        "bench", "members", "--members", "120", "--repeat", "1", "--import-rows", "15", stdout=out
    )
    text = out.getvalue()
    assert text.startswith("Calibration: Python loop")
    assert "first page" in text and "p95" in text
    assert "Import of 15 rows" in text
    assert "Export of 60 rows" in text


@pytest.mark.django_db
def test_bench_organisations_runs_on_a_small_federation():
    out = StringIO()
    call_command("bench", "organisations", "--organisations", "1200", "--repeat", "1", stdout=out)
    text = out.getvalue()
    assert "organisations under one federation" in text
    assert "member search across the federation" in text


@pytest.mark.django_db
def test_bench_finance_runs_on_small_books():
    out = StringIO()
    call_command("bench", "finance", "--vouchers", "300", "--repeat", "1", stdout=out)
    text = out.getvalue()
    assert "300 vouchers over 10 years" in text
    assert "cash book page, this month" in text and "voucher list, first page" in text
    assert set(Voucher.objects.values_list("state", flat=True)) == {"posted"}


@pytest.mark.parametrize("suite", ["members", "organisations", "finance", "awards"])
def test_every_suite_prints_the_calibration_line_first(suite):
    runs = ["run_members", "run_organisations", "run_finance", "run_awards"]
    out = StringIO()
    with ExitStack() as stack:
        for run in runs:
            stack.enter_context(mock.patch.object(bench, run, return_value=iter(["figures"])))
        call_command("bench", suite, stdout=out)
    first, second = out.getvalue().splitlines()
    assert re.fullmatch(
        r"Calibration: Python loop +\d+\.\d ms, SQLite query +\d+\.\d ms "
        r"\(best of 3; Python 3\.\d+\.\d+, SQLite 3\.\d+\.\d+\)",
        first,
    ), first
    assert second == "figures"
