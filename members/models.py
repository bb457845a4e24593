"""The union's structure (organisations, terms, bodies, positions) and its member registry."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node

from .querysets import (
    MemberEventQuerySet,
    MemberQuerySet,
    OrganisationManager,
    PositionQuerySet,
    ScopedByOrganisationQuerySet,
)

# Profile rules shared by the forms and the Excel import.
EARLIEST_BIRTH = date(1900, 1, 1)
MINIMUM_AGE = 15  # Bộ luật Lao động: a worker is at least 15 years old
# Shown only to users with Perm.VIEW_PERSONAL (profile, form, audit trail, Excel columns).
PERSONAL_FIELDS = ("national_id", "salary_basis")


def age_on(born: date, day: date) -> int:
    """Whole years: the birthday itself counts, the day before it does not."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def birth_date_problem(born: date, today: date) -> str | None:
    """Why a birth date is implausible for a worker, or None: one rule for forms and imports."""
    if not (EARLIEST_BIRTH <= born <= today):
        return _("Ngày sinh không hợp lý (phải từ 01/01/1900 đến hôm nay).")
    if age_on(born, today) < MINIMUM_AGE:
        return _("Người lao động phải từ đủ %(age)s tuổi.") % {"age": MINIMUM_AGE}
    return None


class Organisation(MP_Node):
    """A node of the union hierarchy: upper union, CĐCS, công đoàn bộ phận or tổ công đoàn.

    Materialized path (django-treebeard): a subtree is `path LIKE 'prefix%'` on an indexed column.
    """

    class Kind(models.TextChoices):
        UPPER = "upper", _("Công đoàn cấp trên")
        BRANCH = "branch", _("Công đoàn cơ sở")
        SUB_BRANCH = "sub_branch", _("Công đoàn bộ phận")
        GROUP = "group", _("Tổ công đoàn")

    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    code = models.CharField(_("mã"), max_length=32, unique=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    employer_unit = models.CharField(_("đơn vị sử dụng lao động"), max_length=255, blank=True)

    history = HistoricalRecords(excluded_fields=["path", "depth", "numchild"])
    objects = OrganisationManager()

    # Which kinds may sit directly under which: the parent's kind -> allowed children.
    ALLOWED_CHILDREN = {
        None: {Kind.UPPER, Kind.BRANCH},
        Kind.UPPER: {Kind.UPPER, Kind.BRANCH},
        Kind.BRANCH: {Kind.SUB_BRANCH, Kind.GROUP},
        Kind.SUB_BRANCH: {Kind.GROUP},
        Kind.GROUP: set(),
    }

    class Meta:
        verbose_name = _("tổ chức công đoàn")
        verbose_name_plural = _("tổ chức công đoàn")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("members:organisation_detail", args=[self.pk])


class Term(models.Model):
    """A term (nhiệm kỳ) of an organisation, opened by its congress (Đại hội)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="terms", verbose_name=_("tổ chức")
    )
    congress_number = models.PositiveSmallIntegerField(_("Đại hội lần thứ"))
    congress_date = models.DateField(_("ngày Đại hội"), null=True, blank=True)
    start = models.DateField(_("bắt đầu"))
    end = models.DateField(_("kết thúc"))

    history = HistoricalRecords()
    objects = ScopedByOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["organisation", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="term_end_after_start"
            ),
            models.UniqueConstraint(
                fields=["organisation", "congress_number"], name="term_unique_congress"
            ),
        ]

    def __str__(self) -> str:
        return _("Nhiệm kỳ %(start)s–%(end)s") % {"start": self.start.year, "end": self.end.year}

    def clean(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("Ngày kết thúc phải sau ngày bắt đầu.")})


class Body(models.Model):
    """An elected or appointed body of an organisation for a term: BCH, UBKT, Ban Nữ công..."""

    class Kind(models.TextChoices):
        EXECUTIVE = "executive", _("Ban Chấp hành")
        STANDING = "standing", _("Ban Thường vụ")
        INSPECTION = "inspection", _("Ủy ban Kiểm tra")
        WOMEN = "women", _("Ban Nữ công")
        PEOPLES_INSPECTION = "peoples_inspection", _("Ban Thanh tra nhân dân")
        GROUP_LEADERSHIP = "group_leadership", _("Ban điều hành tổ công đoàn")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="bodies", verbose_name=_("tổ chức")
    )
    term = models.ForeignKey(
        Term,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name=_("nhiệm kỳ"),
    )
    kind = models.CharField(_("loại"), max_length=32, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = ScopedByOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("các cơ quan")
        ordering = ["organisation", "kind", "-term__start"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "term", "kind"], name="body_unique_per_term"
            ),
        ]

    def __str__(self) -> str:
        label = self.name or self.get_kind_display()
        return f"{label} ({self.term})" if self.term_id else label

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("members:body_detail", args=[self.pk])


class LevelChoice(models.Model):
    """An editable entry of a profile list: professional, political, language, IT, ethnicity."""

    class Kind(models.TextChoices):
        PROFESSIONAL = "professional", _("Trình độ chuyên môn")
        POLITICAL = "political", _("Trình độ lý luận chính trị")
        LANGUAGE = "language", _("Ngoại ngữ")
        IT = "it", _("Tin học")
        ETHNICITY = "ethnicity", _("Dân tộc")

    kind = models.CharField(_("danh mục"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=100)
    aliases = models.CharField(
        _("cách viết khác"),
        max_length=255,
        blank=True,
        help_text=_("Các cách viết khác khi nhập từ Excel, cách nhau bởi dấu ;"),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("mục danh mục")
        verbose_name_plural = _("danh mục trình độ")
        ordering = ["kind", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="levelchoice_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    """A union member (đoàn viên). Status mirrors the latest lifecycle event."""

    class Gender(models.TextChoices):
        MALE = "M", _("Nam")
        FEMALE = "F", _("Nữ")

    class Employment(models.TextChoices):
        PERMANENT = "permanent", _("Biên chế")
        CONTRACT = "contract", _("Hợp đồng")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang sinh hoạt")
        TRANSFERRED_OUT = "transferred_out", _("Đã chuyển đi")
        RETIRED = "retired", _("Nghỉ hưu")
        LEFT = "left", _("Ra khỏi tổ chức")
        DECEASED = "deceased", _("Từ trần")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("tổ công đoàn / đơn vị"),
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    # Accent-free forms for search and Vietnamese sorting (given name first); set by services.
    search_name = models.CharField(max_length=150, editable=False, db_index=True)
    sort_name = models.CharField(max_length=200, editable=False)
    gender = models.CharField(_("giới tính"), max_length=1, choices=Gender.choices)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    ethnicity = models.ForeignKey(
        LevelChoice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": LevelChoice.Kind.ETHNICITY},
        verbose_name=_("dân tộc"),
    )
    party_member = models.BooleanField(_("đảng viên"), default=False)
    employment = models.CharField(
        _("loại hình"), max_length=16, choices=Employment.choices, blank=True
    )
    professional_level = models.ForeignKey(
        LevelChoice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": LevelChoice.Kind.PROFESSIONAL},
        verbose_name=_("trình độ chuyên môn"),
    )
    political_level = models.ForeignKey(
        LevelChoice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": LevelChoice.Kind.POLITICAL},
        verbose_name=_("lý luận chính trị"),
    )
    language_level = models.ForeignKey(
        LevelChoice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": LevelChoice.Kind.LANGUAGE},
        verbose_name=_("ngoại ngữ"),
    )
    it_level = models.ForeignKey(
        LevelChoice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": LevelChoice.Kind.IT},
        verbose_name=_("tin học"),
    )
    card_number = models.CharField(
        _("số thẻ đoàn viên"), max_length=32, null=True, blank=True, unique=True
    )
    national_id = models.CharField(_("số CCCD"), max_length=20, blank=True)
    # Whole đồng (the đồng has no minor unit): the salary basis dues are computed from.
    salary_basis = models.BigIntegerField(
        _("lương làm căn cứ đóng đoàn phí"), null=True, blank=True
    )
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    joined_on = models.DateField(_("ngày vào công đoàn"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member",
        verbose_name=_("tài khoản"),
    )

    history = HistoricalRecords()
    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("đoàn viên")
        verbose_name_plural = _("đoàn viên")
        ordering = ["sort_name", "id"]
        indexes = [
            # Covering indexes: counts per organisation and the list page (sorted, filtered by
            # organisation and searched) are answered from the index without reading rows.
            models.Index(
                fields=[
                    "organisation",
                    "status",
                    "gender",
                    "party_member",
                    "search_name",
                    "card_number",
                ],
                name="member_org_counts_idx",
            ),
            models.Index(
                fields=["status", "sort_name", "id", "organisation", "search_name", "card_number"],
                name="member_list_idx",
            ),
            models.Index(fields=["full_name", "date_of_birth"], name="member_dup_idx"),
            # Statistics at a date (members.statistics) count every profile figure from it.
            models.Index(
                fields=[
                    "organisation",
                    "status",
                    "gender",
                    "party_member",
                    "employment",
                    "date_of_birth",
                    "political_level",
                    "professional_level",
                    "language_level",
                    "it_level",
                ],
                name="member_stats_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_basis__isnull=True) | Q(salary_basis__gte=0),
                name="member_salary_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("members:member_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class MemberEvent(models.Model):
    """A dated step in a member's life in the union, with the decision that made it.

    The latest event on or before a date answers "was this person a member, and where?".
    """

    class Kind(models.TextChoices):
        ADMITTED = "admitted", _("Kết nạp")
        TRANSFERRED = "transferred", _("Chuyển sinh hoạt")
        TRANSFERRED_OUT = "transferred_out", _("Chuyển đi đơn vị khác")
        RETIRED = "retired", _("Nghỉ hưu")
        LEFT = "left", _("Ra khỏi tổ chức")
        DECEASED = "deceased", _("Từ trần")
        REINSTATED = "reinstated", _("Sinh hoạt trở lại")

    # The events that end a membership, most frequent first (forms, statistics, services).
    ENDINGS = (Kind.RETIRED, Kind.TRANSFERRED_OUT, Kind.LEFT, Kind.DECEASED)

    # The member's status once the event has happened.
    STATUS_AFTER = {
        Kind.ADMITTED: Member.Status.ACTIVE,
        Kind.TRANSFERRED: Member.Status.ACTIVE,
        Kind.TRANSFERRED_OUT: Member.Status.TRANSFERRED_OUT,
        Kind.RETIRED: Member.Status.RETIRED,
        Kind.LEFT: Member.Status.LEFT,
        Kind.DECEASED: Member.Status.DECEASED,
        Kind.REINSTATED: Member.Status.ACTIVE,
    }

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="events", verbose_name=_("đoàn viên")
    )
    kind = models.CharField(_("sự kiện"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("ngày"))
    # Where the member belongs after the event (the destination of a transfer).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    from_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("từ đơn vị"),
    )
    status_after = models.CharField(max_length=16, choices=Member.Status.choices)
    decision_no = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    destination = models.CharField(_("nơi chuyển đến"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords()
    objects = MemberEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("quá trình sinh hoạt")
        verbose_name_plural = _("quá trình sinh hoạt")
        ordering = ["member", "date", "id"]
        indexes = [
            models.Index(fields=["member", "date", "id"]),
            models.Index(fields=["date", "id", "organisation"], name="memberevent_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class AdmissionApplication(models.Model):
    """A worker's application to join (đơn xin gia nhập), decided by the BCH."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xét")
        APPROVED = "approved", _("Đã kết nạp")
        REJECTED = "rejected", _("Không kết nạp")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("tổ công đoàn / đơn vị"),
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    gender = models.CharField(_("giới tính"), max_length=1, choices=Member.Gender.choices)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    submitted_on = models.DateField(_("ngày nộp đơn"))
    note = models.TextField(_("ghi chú"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    decision_no = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    member = models.OneToOneField(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="application"
    )

    history = HistoricalRecords()
    objects = ScopedByOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn xin gia nhập")
        verbose_name_plural = _("đơn xin gia nhập")
        ordering = ["-submitted_on", "-id"]

    def __str__(self) -> str:
        return self.full_name


class Position(models.Model):
    """A member holding a position in a body over a period; ending it keeps the history."""

    class Title(models.TextChoices):
        CHAIR = "chair", _("Chủ tịch")
        VICE_CHAIR = "vice_chair", _("Phó Chủ tịch")
        HEAD = "head", _("Chủ nhiệm")
        VICE_HEAD = "vice_head", _("Phó Chủ nhiệm")
        LEADER = "leader", _("Trưởng ban")
        DEPUTY_LEADER = "deputy_leader", _("Phó Trưởng ban")
        GROUP_LEADER = "group_leader", _("Tổ trưởng")
        GROUP_DEPUTY = "group_deputy", _("Tổ phó")
        MEMBER = "member", _("Ủy viên")

    # Display order inside a body: leaders first.
    RANK = {title: rank for rank, title in enumerate(Title)}
    # Titles one person holds at a time in a body (a body has several vice-chairs, one chair).
    SINGLE_SEATS = {Title.CHAIR, Title.HEAD, Title.LEADER, Title.GROUP_LEADER}

    class Method(models.TextChoices):
        ELECTED = "elected", _("Bầu tại Đại hội")
        BY_ELECTION = "by_election", _("Bầu bổ sung")
        APPOINTED = "appointed", _("Chỉ định / bổ nhiệm")

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="positions", verbose_name=_("cơ quan")
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="positions", verbose_name=_("đoàn viên")
    )
    title = models.CharField(_("chức vụ"), max_length=16, choices=Title.choices)
    start = models.DateField(_("từ ngày"))
    # The first day the seat is no longer held (as with lifecycle events), so a successor
    # elected that day does not overlap.
    end = models.DateField(
        _("thôi giữ từ ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày đầu tiên không còn giữ chức vụ; để trống nếu đang giữ."),
    )
    method = models.CharField(_("hình thức"), max_length=16, choices=Method.choices)
    decision_no = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        ordering = ["body", "start", "id"]
        indexes = [models.Index(fields=["body", "start", "end"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="position_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_title_display()}: {self.member}"

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Ngày kết thúc không được trước ngày bắt đầu.")})


class PartyRecommendation(models.Model):
    """The BCH recommends an outstanding member to the Party (giới thiệu đoàn viên ưu tú)."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Đang xem xét")
        ADMITTED = "admitted", _("Đã được kết nạp Đảng")
        NOT_ADMITTED = "not_admitted", _("Chưa được kết nạp")

    member = models.ForeignKey(
        Member,
        on_delete=models.CASCADE,
        related_name="party_recommendations",
        verbose_name=_("đoàn viên"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    recommended_on = models.DateField(_("ngày giới thiệu"))
    decision_no = models.CharField(_("số văn bản"), max_length=64, blank=True)
    outcome = models.CharField(
        _("kết quả"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_on = models.DateField(_("ngày kết nạp Đảng"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giới thiệu đoàn viên ưu tú cho Đảng")
        verbose_name_plural = _("giới thiệu đoàn viên ưu tú cho Đảng")
        ordering = ["-year", "member"]
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="party_rec_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.year})"

    def clean(self) -> None:
        errors = {}
        if self.recommended_on:
            if self.recommended_on > date.today():
                errors["recommended_on"] = _("Ngày giới thiệu không được ở tương lai.")
            elif self.year and self.recommended_on.year != self.year:
                errors["recommended_on"] = _("Ngày giới thiệu phải thuộc năm đã chọn.")
        if self.outcome == self.Outcome.ADMITTED and not self.outcome_on:
            errors["outcome_on"] = _("Nhập ngày được kết nạp Đảng.")
        if self.outcome_on and (
            self.outcome_on > date.today()
            or (self.recommended_on and self.outcome_on < self.recommended_on)
        ):
            errors["outcome_on"] = _("Ngày kết nạp Đảng phải từ ngày giới thiệu đến hôm nay.")
        if errors:
            raise ValidationError(errors)


class LetterheadSettings(models.Model):
    """How an organisation heads and signs its documents (Nghị định 30/2020/NĐ-CP, Phụ lục I).

    Every field may stay empty: `members.organisations.letterhead.letterhead_for` then derives
    it from the organisation (its parent's name, its own name, its address, its chair).
    """

    class Heading(models.TextChoices):
        NATIONAL = "national", _("Quốc hiệu và Tiêu ngữ (Cộng hòa xã hội chủ nghĩa Việt Nam)")
        UNION = "union", _("Tên Công đoàn Việt Nam (văn bản của tổ chức Công đoàn)")
        CUSTOM = "custom", _("Dòng tự nhập")

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="letterhead",
        verbose_name=_("tổ chức"),
    )
    upper_body = models.CharField(
        _("tên cơ quan cấp trên"),
        max_length=255,
        blank=True,
        help_text=_("Dòng đầu bên trái, chữ in hoa. Để trống: tên tổ chức cấp trên."),
    )
    issuer = models.CharField(
        _("tên cơ quan ban hành"),
        max_length=255,
        blank=True,
        help_text=_("Dòng thứ hai bên trái, in hoa đậm. Để trống: tên tổ chức."),
    )
    code = models.CharField(
        _("chữ viết tắt tên cơ quan"),
        max_length=32,
        blank=True,
        help_text=_("Dùng trong số, ký hiệu văn bản, ví dụ “CĐCS” trong “Số: 12/BC-CĐCS”."),
    )
    place = models.CharField(
        _("địa danh"),
        max_length=64,
        blank=True,
        help_text=_("Ví dụ “Hà Nội” trong “Hà Nội, ngày 15 tháng 5 năm 2017”."),
    )
    heading = models.CharField(
        _("dòng tiêu đề bên phải"),
        max_length=16,
        choices=Heading.choices,
        default=Heading.NATIONAL,
    )
    heading_custom = models.CharField(_("dòng tiêu đề tự nhập"), max_length=255, blank=True)
    heading_custom_sub = models.CharField(
        _("dòng dưới tiêu đề tự nhập"), max_length=255, blank=True
    )
    recipients = models.TextField(
        _("nơi nhận"),
        blank=True,
        help_text=_("Mỗi dòng một nơi nhận, dòng cuối là “Lưu: ...”. Để trống: mặc định."),
    )
    signer_on_behalf = models.CharField(
        _("thẩm quyền ký"), max_length=64, blank=True, help_text=_("Mặc định “TM. BAN CHẤP HÀNH”.")
    )
    signer_title = models.CharField(
        _("chức vụ người ký"), max_length=64, blank=True, help_text=_("Mặc định “CHỦ TỊCH”.")
    )
    signer_name = models.CharField(
        _("họ tên người ký"),
        max_length=128,
        blank=True,
        help_text=_("Để trống: Chủ tịch Ban Chấp hành tại ngày lập văn bản."),
    )

    history = HistoricalRecords()

    class Meta:
        # Defined here because every domain app's documents read it (members must not import
        # reports); registered with the reports app, which keeps its table and its migrations
        # unchanged.
        app_label = "reports"
        verbose_name = _("mẫu văn bản")
        verbose_name_plural = _("mẫu văn bản")

    def __str__(self) -> str:
        return str(self.organisation)
