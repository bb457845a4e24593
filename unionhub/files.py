"""Documents users attach (a voucher's scan, an activity's photos): checked on the way in,
stored under a random name, served only through a permission-checked view.

One check for every kind of attachment: the extension must be one of `types` and the file's
first bytes must agree with it, and the size must stay under settings.ATTACHMENT_MAX_BYTES.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.http import FileResponse
from django.utils.translation import gettext as _

from .audit import save_audited, stored_user

PDF_TYPE = (b"%PDF-", "application/pdf")
PNG_TYPE = (b"\x89PNG\r\n\x1a\n", "image/png")
JPEG_TYPE = (b"\xff\xd8\xff", "image/jpeg")
ZIP_MAGIC = b"PK\x03\x04"  # .docx and .xlsx are zip archives

# Scans and photos: what a voucher may carry.
SCAN_TYPES = {".pdf": PDF_TYPE, ".jpg": JPEG_TYPE, ".jpeg": JPEG_TYPE, ".png": PNG_TYPE}
# Scans, photos and office documents: what an activity may carry.
DOCUMENT_TYPES = SCAN_TYPES | {
    ".docx": (
        ZIP_MAGIC,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ".xlsx": (ZIP_MAGIC, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def accept(types: dict) -> str:
    """The file input's accept= for `types`."""
    return ",".join(types)


def kinds(types: dict) -> str:
    """The kinds of `types` for messages: "PDF, JPG hoặc PNG"."""
    names = list(dict.fromkeys(s[1:].upper().replace("JPEG", "JPG") for s in types))
    return _("%(some)s hoặc %(last)s") % {"some": ", ".join(names[:-1]), "last": names[-1]}


def checked_upload(upload: UploadedFile, types: dict) -> str:
    """The content type of `upload` if it is one of `types` and small enough, else a
    ValidationError on "file" naming the file and the rule."""
    suffix = PurePath(upload.name).suffix.lower()
    magic, content_type = types.get(suffix, (None, None))
    if magic is None:
        raise ValidationError({"file": _("Chỉ đính kèm tệp %(kinds)s.") % {"kinds": kinds(types)}})
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            {
                "file": _("Tệp %(name)s lớn hơn %(limit)s MB.")
                % {"name": upload.name, "limit": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)}
            }
        )
    upload.seek(0)
    if not upload.read(len(magic)) == magic:
        raise ValidationError(
            {
                "file": _("Nội dung tệp %(name)s không phải %(kind)s.")
                % {"name": upload.name, "kind": suffix[1:].upper()}
            }
        )
    upload.seek(0)
    return content_type


def attach(attachment: models.Model, upload: UploadedFile, types: dict, *, actor) -> None:
    """Check `upload` against `types`, then fill the attachment row (its owner already set:
    a voucher, an activity) from it and store file and row, audited."""
    content_type = checked_upload(upload, types)
    attachment.name = PurePath(upload.name).name[:255]
    attachment.content_type = content_type
    attachment.size = upload.size
    attachment.uploaded_by = stored_user(actor)
    store(attachment, upload, lambda: save_audited(attachment, actor=actor))


def store(attachment: models.Model, upload: UploadedFile, save) -> None:
    """Write the file of `attachment` (its `file` field), then the row with `save()`: if the
    row fails, the file goes with it. (A rollback of an outer transaction would leave an
    unreferenced, randomly named file behind, never shown.)"""
    attachment.file.save(upload.name, upload, save=False)
    try:
        save()
    except Exception:
        attachment.file.delete(save=False)
        raise


def delete_on_commit(attachment: models.Model) -> None:
    """Remove the stored file once the deletion of its row is committed."""
    name, storage = attachment.file.name, attachment.file.storage
    transaction.on_commit(lambda: storage.delete(name))


def file_response(attachment: models.Model) -> FileResponse:
    """The stored file under its uploaded name: PDFs and images open in the browser, office
    documents download."""
    inline = attachment.content_type == "application/pdf" or attachment.content_type.startswith(
        "image/"
    )
    return FileResponse(
        attachment.file.open("rb"),
        filename=attachment.name,
        as_attachment=not inline,
        content_type=attachment.content_type,
    )
