from django import forms

from members.models import LetterheadSettings, Organisation
from members.organisations.letterhead import DEFAULT_CODES, default_place, default_recipients


class LetterheadForm(forms.ModelForm):
    class Meta:
        model = LetterheadSettings
        fields = [
            "upper_body",
            "issuer",
            "code",
            "place",
            "heading",
            "heading_custom",
            "heading_custom_sub",
            "recipients",
            "signer_on_behalf",
            "signer_title",
            "signer_name",
        ]
        widgets = {"recipients": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # Each empty field shows, greyed, what documents print in its place.
        parent = Organisation.objects.get_parent(organisation)
        defaults = {
            "upper_body": parent.name.upper() if parent else "",
            "issuer": organisation.name.upper(),
            "code": DEFAULT_CODES[organisation.kind],
            "place": default_place(organisation),
            "signer_on_behalf": "TM. BAN CHẤP HÀNH",
            "signer_title": "CHỦ TỊCH",
            "recipients": "\n".join(f"- {line}" for line in default_recipients(organisation)),
        }
        for name, value in defaults.items():
            if value:
                self.fields[name].widget.attrs["placeholder"] = value

    def clean(self):
        data = super().clean()
        if data.get("heading") == LetterheadSettings.Heading.CUSTOM and not data.get(
            "heading_custom"
        ):
            self.add_error("heading_custom", "Nhập dòng tiêu đề khi chọn “Dòng tự nhập”.")
        return data
