"""The demo logins: their users (the members they are, their roles), the passwords to print for
them on a later run, and the table `seed_demo` prints."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password

from members.models import Member, Organisation
from unionhub.models import Role, RoleAssignment

from .data import DEMO_ACCOUNTS, DEMO_PASSWORD


def _split_name(full_name: str) -> tuple[str, str]:
    """("Nguyễn Văn", "An"): Django's last_name holds họ and tên đệm, first_name the tên."""
    words = full_name.split()
    return " ".join(words[:-1]), words[-1]


def create_users(people: dict[str, Member], viewer_name: str, password: str) -> dict[str, str]:
    """The demo accounts; returns the password to print for each (existing users are kept)."""
    User = get_user_model()
    encoded = make_password(password)  # hashed once: the accounts share it
    shown = {}
    orgs = {
        o.code: o
        for o in Organisation.objects.filter(code__in={a.organisation_code for a in DEMO_ACCOUNTS})
    }
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        member = people.get(account.username)
        if user is None:
            if member is not None:
                last, first = _split_name(member.full_name)
            elif account.role is None:
                last, first = "", "Quản trị viên"
            else:
                last, first = _split_name(viewer_name)
            user = User.objects.create(
                username=account.username,
                password=encoded,
                first_name=first,
                last_name=last,
                email=member.email if member else "",
                is_staff=account.role is None,
                is_superuser=account.role is None,
            )
            shown[account.username] = password
        else:
            shown[account.username] = "(giữ nguyên)"
        if member is not None and not Member.objects.filter(user=user).exists():
            member.user = user
        if account.role:
            RoleAssignment.objects.get_or_create(
                user=user, organisation=orgs[account.organisation_code], role=account.role
            )
    return shown


def reset_passwords(password: str) -> None:
    User = get_user_model()
    User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).update(
        password=make_password(password)
    )


def current_passwords() -> dict[str, str]:
    """What to print for accounts seeded earlier: the default password if it still works."""
    User = get_user_model()
    encoded = dict(
        User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).values_list(
            "username", "password"
        )
    )
    works: dict[str, bool] = {}  # one check per distinct hash: the accounts share one
    shown = {}
    for account in DEMO_ACCOUNTS:
        value = encoded.get(account.username)
        if value is None:
            shown[account.username] = "(không còn)"
            continue
        if value not in works:
            works[value] = check_password(DEMO_PASSWORD, value)
        shown[account.username] = DEMO_PASSWORD if works[value] else "(đã đổi)"
    return shown


def account_rows(passwords: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(username, role, organisation, password) of every demo login, as printed."""
    orgs = {
        o.code: o
        for o in Organisation.objects.filter(code__in={a.organisation_code for a in DEMO_ACCOUNTS})
    }
    rows = []
    for account in DEMO_ACCOUNTS:
        org = orgs.get(account.organisation_code)
        where = org.name if org else account.organisation_code
        if org is not None and org.kind == Organisation.Kind.GROUP:
            where = f"{org.name}, {Organisation.objects.get_parent(org).short_name}"
        if account.role is None:
            where, role = "Toàn hệ thống", "Quản trị hệ thống"
        else:
            role = str(Role(account.role).label)
        rows.append((account.username, role, where, passwords[account.username]))
    return rows


def format_table(rows: list[tuple[str, ...]], headers: tuple[str, ...]) -> list[str]:
    """Plain text columns padded to their widest value, under a line of dashes."""
    widths = [max(len(str(v)) for v in column) for column in zip(headers, *rows, strict=True)]

    def line(values):
        return "  ".join(str(v).ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    return [line(headers), "  ".join("-" * w for w in widths)] + [line(r) for r in rows]
