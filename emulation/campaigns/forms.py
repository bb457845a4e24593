"""Forms of the campaigns (phong trào thi đua). They check input only; the rules live in
emulation.campaigns.services. The registration and evaluation grids read their rows straight
from the POST, as the rating grids do."""

from django import forms
from django.utils.translation import gettext_lazy as _

from emulation.models import Campaign
from finance.forms import date_field
from unionhub.dates import PLANNED_YEARS


class CampaignForm(forms.ModelForm):
    """A campaign's name, launcher, period, who takes part, description, and whether it runs."""

    starts_on = date_field(_("Từ ngày"), required=False)
    ends_on = date_field(_("Đến ngày"), required=False, future_years=PLANNED_YEARS)

    class Meta:
        model = Campaign
        fields = [
            "name",
            "launcher",
            "starts_on",
            "ends_on",
            "for_members",
            "for_groups",
            "for_branches",
            "description",
            "active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "name": {"required": _("Tên phong trào: nhập tên, ví dụ “Lao động giỏi”.")},
        }


ACTIVE_CHOICES = [("", _("Tất cả")), ("1", _("Đang phát động")), ("0", _("Đã ngừng"))]


class CampaignFilterForm(forms.Form):
    """The campaign list's filters; a wrong value drops that filter only."""

    q = forms.CharField(label=_("Tìm"), max_length=100, required=False)
    active = forms.ChoiceField(label=_("Trạng thái"), choices=ACTIVE_CHOICES, required=False)
