"""An organisation's settings for heading and signing its documents: the header, the recipients
and the signature block, from its saved settings or from the tree (defaults)."""

import re
from datetime import date

from members.models import Body, LetterheadSettings, Organisation, Position
from unionhub.documents import Letterhead, Signature
from unionhub.formatting import long_date

NATIONAL_MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO_SUB = "Độc lập - Tự do - Hạnh phúc"
UNION_MOTTO = "CÔNG ĐOÀN VIỆT NAM"

# The abbreviation after "Số: 12/BC-" when an organisation sets none.
DEFAULT_CODES = {
    Organisation.Kind.UPPER: "CĐ",
    Organisation.Kind.BRANCH: "CĐCS",
    Organisation.Kind.SUB_BRANCH: "CĐBP",
    Organisation.Kind.GROUP: "TCĐ",
}
NBSP = "\u00a0"  # kept by HTML, PDF and Word alike, unlike a run of spaces
# "tỉnh Bến Tre", "TP. Hồ Chí Minh", "thành phố Hà Nội" -> the place name alone.
_PLACE_PREFIX = re.compile(r"^(tỉnh|thành phố|tp\.?)\s+", re.IGNORECASE)


def settings_for(org: Organisation) -> LetterheadSettings:
    """The organisation's saved settings, or an unsaved empty row (all defaults)."""
    try:
        return org.letterhead
    except LetterheadSettings.DoesNotExist:
        return LetterheadSettings(organisation=org)


def default_place(org: Organisation) -> str:
    """The last part of the address ("..., tỉnh Bến Tre" -> "Bến Tre"), or empty."""
    last = org.address.rsplit(",", 1)[-1].strip()
    return _PLACE_PREFIX.sub("", last)


def letterhead_for(
    org: Organisation, *, kind_code: str, number: str = "", issued: date
) -> Letterhead:
    """The header of a document of kind `kind_code` ("BC" for a report) issued on `issued`.

    A blank number leaves room for the office to write it in, as paper forms do.
    """
    conf = settings_for(org)
    parent = None if conf.upper_body else Organisation.objects.get_parent(org)
    code = conf.code or DEFAULT_CODES[org.kind]
    motto, motto_sub = {
        LetterheadSettings.Heading.NATIONAL: (NATIONAL_MOTTO, NATIONAL_MOTTO_SUB),
        LetterheadSettings.Heading.UNION: (UNION_MOTTO, ""),
        LetterheadSettings.Heading.CUSTOM: (conf.heading_custom, conf.heading_custom_sub),
    }[conf.heading]
    place = conf.place or default_place(org)
    when = long_date(issued)
    return Letterhead(
        upper_body=(conf.upper_body or (parent.name if parent else "")).upper(),
        issuer=(conf.issuer or org.name).upper(),
        number=f"Số: {number.strip() or NBSP * 8}/{kind_code}-{code}",
        motto=motto.upper(),
        motto_sub=motto_sub,
        place_date=f"{place}, {when}" if place else when[0].upper() + when[1:],
    )


def recipients_for(org: Organisation) -> list[str]:
    """ "Nơi nhận": the saved lines, or the upper union, the committee and the archive."""
    conf = settings_for(org)
    lines = [line.strip().lstrip("-").strip() for line in conf.recipients.splitlines()]
    lines = [line for line in lines if line]
    return lines or default_recipients(org)


def default_recipients(org: Organisation) -> list[str]:
    parent = Organisation.objects.get_parent(org)
    return [
        *([f"{parent.name} (để báo cáo);"] if parent else []),
        "Ban Chấp hành;",
        "Lưu: VT.",
    ]


def signature_for(org: Organisation, day: date) -> Signature:
    """TM. BAN CHẤP HÀNH / CHỦ TỊCH and the name of the executive committee's chair on `day`."""
    conf = settings_for(org)
    name = conf.signer_name
    if not name:
        chair = (
            Position.objects.held_on(day)
            .filter(
                body__organisation=org,
                body__kind=Body.Kind.EXECUTIVE,
                title=Position.Title.CHAIR,
            )
            .select_related("member")
            .first()
        )
        name = chair.member.full_name if chair else ""
    return Signature(
        on_behalf=conf.signer_on_behalf or "TM. BAN CHẤP HÀNH",
        title=conf.signer_title or "CHỦ TỊCH",
        name=name,
    )
