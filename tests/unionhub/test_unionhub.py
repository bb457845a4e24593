"""Cross-cutting pieces: Vietnamese text folding, display formats, settings safety."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import formats, translation

from unionhub.formatting import money, opening_sentence, padded, vn_date
from unionhub.text import clean_spaces, fold, sort_key

ROOT = Path(__file__).resolve().parents[2]  # the repository: tests/unionhub/ is two below


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Nguyễn Văn An", "nguyen van an"),
        ("  ĐẶNG   thị  Đào ", "dang thi dao"),
        ("Thạc sỹ", "thac sy"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_strips_accents_case_and_spaces(raw, folded):
    assert fold(raw) == folded


def test_fold_matches_decomposed_unicode_input():
    decomposed = "Nguye\u0302\u0303n"  # "Nguyễn" typed with combining marks
    assert fold(decomposed) == "nguyen"


def test_sort_key_orders_by_given_name_first():
    names = ["Nguyễn Thị Bình", "Trần Văn An", "Lê Đức Anh"]
    assert sorted(names, key=sort_key) == ["Trần Văn An", "Lê Đức Anh", "Nguyễn Thị Bình"]


def test_clean_spaces_keeps_accents():
    assert clean_spaces("  Tổ\u00a0 Văn   phòng ") == "Tổ Văn phòng"


def test_money_uses_dot_separators_and_dong_sign():
    assert money(16_050_000) == "16.050.000đ"
    assert money(0) == "0đ"
    assert money(-1500) == "-1.500đ"
    assert money(None) == ""


def test_padded_counts_and_dates():
    assert padded(7) == "07"
    assert padded(56) == "56"
    assert vn_date(date(2017, 4, 30)) == "30/04/2017"


def test_django_formats_dates_dd_mm_yyyy_in_vietnamese():
    with translation.override("vi"):
        assert formats.date_format(date(2026, 3, 8), "SHORT_DATE_FORMAT") == "08/03/2026"
        rendered = Template("{% load vn %}{{ d|date }} {{ m|money }}").render(
            Context({"d": date(2026, 3, 8), "m": 2_340_000})
        )
    assert rendered == "08/03/2026 2.340.000đ"


def _manage(*args, **env):
    ignored = {"SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full_env = {k: v for k, v in os.environ.items() if k not in ignored}
    full_env.update(env)
    full_env["DJANGO_SETTINGS_MODULE"] = "unionhub.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_startup_without_secret_key_and_debug_off_fails_with_clear_message():
    result = _manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set and DEBUG is off" in result.stderr


def test_production_settings_pass_check_deploy_without_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="p" * 20 + "-Kx9!rT2#vL8@qW5$zN3%mB7^hJ4&fD6*gS1",
        ALLOWED_HOSTS="unionhub.example.vn",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_person_name_is_in_vietnamese_order():
    from django.contrib.auth.models import User

    from unionhub.formatting import person_name

    assert person_name(User(username="nguyen", last_name="Trần Hữu", first_name="Nguyên")) == (
        "Trần Hữu Nguyên"
    )
    assert person_name(User(username="ketoan")) == "ketoan"


def test_readme_lists_every_demo_login_and_the_password():
    from members.demo.data import DEMO_ACCOUNTS, DEMO_PASSWORD

    readme = (ROOT / "README.md").read_text()
    assert DEMO_PASSWORD in readme
    for account in DEMO_ACCOUNTS:
        assert f"| `{account.username}`" in readme, account.username


def test_opening_sentence_names_groups_only_where_there_are_some():
    assert opening_sentence(56, 28, 7) == (
        "Tổng số cán bộ, đoàn viên hiện nay là 56 đồng chí (28 nữ), với 07 tổ Công đoàn."
    )
    assert opening_sentence(9, 0, 0, date(2022, 6, 30)) == (
        "Tổng số cán bộ, đoàn viên tại ngày 30/06/2022 là 09 đồng chí (00 nữ)."
    )
