"""Demo activities of a branch in one year, entered through emulation.activities like an officer
would: the year's usual events, some with their participants listed, some only counted, the
holidays paid by the branch's payment vouchers of that year when its books have them."""

import random
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from emulation.activities import services
from emulation.activities.selectors import cost_vouchers
from emulation.models import Activity
from members.models import Member, Organisation

K = Activity.Kind


@dataclass
class Plan:
    kind: str
    name: str
    month: int
    day: int
    days: int = 1
    place: str = ""
    partners: str = ""
    results: list[str] = field(default_factory=list)
    # Who took part: "all", "women", "some" (listed by name) or "count" (only a number).
    who: str = "count"
    share: float = 0.8  # of the members (or of the invited) who took part
    invited: bool = False
    other_cost: int = 0
    # Words that a payment voucher paying it has in its description.
    paid_by: tuple[str, ...] = ()
    note: str = ""


PLANS = [
    Plan(
        K.TET,
        "Tặng quà Tết Nguyên đán cho đoàn viên",
        1,
        20,
        who="all",
        share=1,
        results=["Tặng quà cho 100% đoàn viên"],
        paid_by=("Tết",),
    ),
    Plan(
        K.WOMEN_0803,
        "Kỷ niệm ngày Quốc tế Phụ nữ 8/3",
        3,
        7,
        place="Hội trường cơ quan",
        who="women",
        share=0.95,
        results=["Tặng hoa, quà cho nữ đoàn viên"],
        paid_by=("ngày 8/3",),
    ),
    Plan(
        K.SPORTS,
        "Hội thao chào mừng ngày thành lập Đoàn TNCS Hồ Chí Minh 26/3",
        3,
        24,
        days=3,
        place="Nhà thi đấu tỉnh",
        partners="Đoàn Thanh niên, Công đoàn ngành",
        who="some",
        share=0.35,
        results=[
            "Giải ba bóng chuyền hơi nữ",
            "Giải khuyến khích kéo co nam",
            "Giải nhì cầu lông đôi nam nữ",
        ],
        other_cost=3_000_000,
        note="Chuyên môn hỗ trợ nước uống, trang phục thi đấu.",
    ),
    Plan(
        K.STUDY,
        "Học tập, quán triệt Nghị quyết Đại hội Công đoàn tỉnh",
        4,
        16,
        place="Hội trường cơ quan",
        partners="Chi bộ, chuyên môn",
        who="count",
        share=0.93,
        invited=True,
    ),
    Plan(
        K.CHILDREN_0106,
        "Tặng quà con đoàn viên nhân ngày Quốc tế Thiếu nhi 1/6",
        5,
        30,
        who="count",
        share=0.6,
        results=["Tặng quà cho con đoàn viên dưới 16 tuổi"],
    ),
    Plan(
        K.TRAINING,
        "Tập huấn nghiệp vụ công tác công đoàn cho cán bộ công đoàn cơ sở",
        6,
        12,
        days=2,
        place="Trường Chính trị tỉnh",
        partners="Liên đoàn Lao động tỉnh",
        who="count",
        share=0.9,
        invited=True,
    ),
    Plan(
        K.TRIP,
        "Tham quan, nghỉ dưỡng hè tại Đà Lạt",
        7,
        10,
        days=3,
        place="Đà Lạt, Lâm Đồng",
        who="some",
        share=0.6,
        other_cost=15_000_000,
        note="Chuyên môn hỗ trợ một phần chi phí xe.",
    ),
    Plan(
        K.HEALTH_CHECK,
        "Khám sức khỏe định kỳ cho đoàn viên",
        8,
        20,
        place="Bệnh viện Đa khoa tỉnh",
        partners="Chuyên môn",
        who="count",
        share=0.85,
        other_cost=40_000_000,
    ),
    Plan(
        K.MID_AUTUMN,
        "Vui Tết Trung thu cho con đoàn viên",
        9,
        15,
        place="Sân cơ quan",
        who="count",
        share=0.5,
        results=["Tặng quà, tổ chức rước đèn cho con đoàn viên"],
    ),
    Plan(
        K.WOMEN_2010,
        "Kỷ niệm ngày Phụ nữ Việt Nam 20/10",
        10,
        19,
        place="Hội trường cơ quan",
        who="women",
        share=0.9,
        results=["Giải nhất hội thi cắm hoa"],
        paid_by=("ngày 20/10",),
    ),
]


def _members(branch: Organisation) -> list[Member]:
    return list(Member.objects.active().in_subtree(branch).order_by("sort_name", "pk"))


def _voucher_for(plan: Plan, vouchers: list, used: set[int]):
    for voucher in vouchers:
        if voucher.pk not in used and any(w in voucher.description for w in plan.paid_by):
            used.add(voucher.pk)
            return voucher
    return None


def seed_activities(branch: Organisation, year: int, actor=None, today: date | None = None) -> int:
    """The year's activities of `branch` (those already past on `today`); nothing when it has
    activities that year. The number created."""
    today = today or date.today()
    if Activity.objects.filter(organisation=branch, starts_on__year=year).exists():
        return 0
    members = _members(branch)
    if not members:
        return 0
    women = [m for m in members if m.gender == Member.Gender.FEMALE]
    rng = random.Random(f"activities-{branch.code}-{year}")
    vouchers = list(cost_vouchers(branch, year)) if any(p.paid_by for p in PLANS) else []
    used: set[int] = set()
    count = 0
    with transaction.atomic():
        for plan in PLANS:
            starts = date(year, plan.month, plan.day)
            ends = date(year, plan.month, plan.day + plan.days - 1) if plan.days > 1 else None
            if (ends or starts) > today:
                continue
            pool = women if plan.who == "women" else members
            invited = len(members) if plan.invited else None
            taking = max(1, round(len(pool) * plan.share))
            activity = Activity(
                organisation=branch,
                kind=plan.kind,
                name=plan.name,
                starts_on=starts,
                ends_on=ends,
                place=plan.place,
                partners=plan.partners,
                invited_count=invited,
                participant_count=taking if plan.who == "count" else None,
                other_cost=plan.other_cost,
                results="\n".join(plan.results),
                note=plan.note,
            )
            services.activity_save(activity=activity, actor=actor)
            if plan.who != "count" and pool:
                chosen = pool if plan.share >= 1 else rng.sample(pool, k=min(taking, len(pool)))
                services.activity_participants_set(activity=activity, members=chosen, actor=actor)
            if plan.paid_by and (voucher := _voucher_for(plan, vouchers, used)):
                services.activity_voucher_link(activity=activity, voucher=voucher, actor=actor)
            count += 1
    return count
