"""The admin's history pages show past versions but never write them back (no "Revert").

django-simple-history's history form view saves a POST without asking the change permission,
so a read-only admin (vouchers, closed periods, accounts) could be rewritten through it.
"""

from datetime import date

import pytest
from django import forms
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from emulation.models import AwardDecision, AwardTitle
from finance.ledger import services
from finance.models import BudgetLine, Category, Drive, DuesRule, Loan, SalaryBasis
from tests.finance.factories import make_books

pytestmark = pytest.mark.django_db


def history_admins():
    return {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, SimpleHistoryAdmin)
    }


@pytest.fixture
def rows(tree, users, member_a, settings, tmp_path):
    """A row with history of every model the admin shows with its history."""
    settings.MEDIA_ROOT = tmp_path
    books = make_books(tree.branch_a, users.accountant)
    services.period_close(organisation=tree.branch_a, year=2023, month=None, actor=users.admin)
    category = Category.objects.get(code="C05")
    title = AwardTitle.objects.order_by("pk").first()
    made = [
        books.receipt,  # a posted voucher: drafted, then posted
        books.cash,  # its account, with an opening balance under posted vouchers
        books.period,
        member_a,
        tree.branch_a,
        category,
        title,
        DuesRule.objects.create(
            organisation=tree.branch_a,
            effective_from=date(2025, 1, 1),
            base_salary=2_340_000,
            kept_dues_percent=60,
            kept_kpcd_percent=75,
        ),
        SalaryBasis.objects.create(member=member_a, effective_from=date(2025, 1, 1), amount=5_000),
        BudgetLine.objects.create(
            organisation=tree.branch_a, year=2025, category=category, amount=1_000_000
        ),
        Drive.objects.create(organisation=tree.branch_a, year=2025, name="Ủng hộ bão lũ"),
        Loan.objects.create(
            organisation=tree.branch_a,
            member=member_a,
            lender="Quỹ tương trợ",
            amount=3_000_000,
            borrowed_on=date(2025, 2, 1),
        ),
        AwardDecision.objects.create(
            organisation=tree.branch_a,
            number="12/QĐ-CĐ",
            signed_on=date(2025, 5, 1),
            issuer="BCH CĐCS",
            year=2025,
            title=title,
        ),
    ]
    for obj in made:
        if not obj.history.exists():  # rows seeded by data migrations have none
            type(obj).history.bulk_history_create([obj])
    return {type(obj): obj for obj in made}


def post_data(form: forms.ModelForm) -> dict:
    """What a browser would post for the form as rendered, with one value changed."""
    data, changed = {}, False
    for name, field in form.fields.items():
        value = form[name].value()
        widget = field.widget
        if isinstance(widget, forms.MultiWidget):
            parts = widget.decompress(value) if not isinstance(value, list) else value
            for i, (sub, part) in enumerate(zip(widget.widgets, parts, strict=False)):
                data[f"{name}_{i}"] = sub.format_value(part) or ""
            continue
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
            continue
        if value is None:
            text = ""
        elif isinstance(field, forms.ChoiceField):
            text = str(value)
        else:
            text = str(widget.format_value(value) or "")
        if not changed and not isinstance(field, forms.ChoiceField):
            if type(field) is forms.IntegerField and text:
                text, changed = str(int(text) + 1), True
            elif type(field) is forms.CharField and text:
                text, changed = text[:-1] + ("x" if text[-1] != "x" else "y"), True
        data[name] = text
    return data


def test_every_history_admin_is_covered(rows):
    assert set(history_admins()) == set(rows)


def test_no_history_view_writes_a_record_back_even_for_a_superuser(client, users, rows):
    client.force_login(users.admin)
    written, answers = [], {}
    for model in history_admins():
        obj = rows[model]
        first = obj.history.order_by("history_date", "history_id").first()
        opts = model._meta
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_simple_history",
            args=[obj.pk, first.history_id],
        )
        page = client.get(url)
        assert page.status_code == 200, url  # the past versions stay readable
        assert "Revert" not in page.content.decode() and 'name="_save"' not in page.content.decode()
        before = list(model.objects.order_by("pk").values())
        history_before = obj.history.count()
        response = client.post(url, post_data(page.context["adminform"].form))
        if list(model.objects.order_by("pk").values()) != before:
            written.append(opts.label)
        if obj.history.count() != history_before:
            written.append(f"{opts.label} history")
        answers[opts.label] = response.status_code
    assert written == []
    assert set(answers.values()) == {403}, answers
