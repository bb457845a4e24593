"""`python manage.py seed_demo`: load the demo data once, then print the demo logins.

Safe to run on every start (`make run` does): when the demo upper union (code CDVC-DEMO) exists
it only prints the logins. Each app loads its own part of the demo: members.demo (the union, its
members, committees and logins), finance.demo (the books), emulation.demo (awards, ratings,
registrations, initiatives, activities).
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from emulation.demo.seed import seed_emulation
from finance.demo import seed_books
from members.demo.accounts import format_table
from members.demo.data import DEMO_PASSWORD, MARKER_CODE
from members.demo.loader import seed


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu demo (Công đoàn Viên chức tỉnh Bến Tre và bốn CĐCS) nếu chưa có, "
        "rồi in các tài khoản demo. Chạy lại nhiều lần vẫn an toàn."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help=(
                f"mật khẩu chung của các tài khoản demo (mặc định {DEMO_PASSWORD}); "
                "nếu dữ liệu demo đã có, đặt lại mật khẩu các tài khoản demo"
            ),
        )
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            help=(
                "ngày coi là hôm nay cho sổ sách, khen thưởng và hoạt động demo (YYYY-MM-DD, "
                "mặc định hôm nay): cùng một ngày cho cùng một dữ liệu"
            ),
        )

    def handle(self, *args, password=None, today=None, **options):
        if password is not None and not password.strip():
            raise CommandError("Mật khẩu không được để trống.")
        result = seed(password=password)
        vouchers = seed_books(today)
        decisions = seed_emulation(today)
        seconds = f"{result.seconds:.1f}".replace(".", ",")
        if result.created:
            c = result.counts
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã tạo dữ liệu demo trong {seconds} giây: {c['organisations']} tổ chức, "
                    f"{c['members']} đoàn viên ({c['active']} đang sinh hoạt), "
                    f"{c['events']} sự kiện sinh hoạt, {c['positions']} chức vụ."
                )
            )
        if vouchers:
            self.stdout.write(f"Đã tạo sổ sách demo: {vouchers} chứng từ của hai CĐCS.")
        if decisions:
            self.stdout.write(f"Đã tạo {decisions} quyết định khen thưởng demo.")
        if not result.created and password:
            self.stdout.write(f"Dữ liệu demo đã có ({MARKER_CODE}); đã đặt lại mật khẩu.")
        elif not result.created:
            self.stdout.write(f"Dữ liệu demo đã có ({MARKER_CODE}), không tạo lại.")
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Tài khoản demo:"))
        for line in format_table(
            result.accounts, ("Tên đăng nhập", "Vai trò", "Đơn vị", "Mật khẩu")
        ):
            self.stdout.write(f"  {line}")
        self.stdout.write("")
