"""Paths of đoàn phí (included by finance.urls): the collection grid, arrears, a member's own
dues, the remittance upward, the rules and the members' salary bases."""

from django.urls import path

from . import branch_views, rule_views, views

urlpatterns = [
    path("doan-phi/", views.dues_grid, name="dues_grid"),
    path("doan-phi/no/", branch_views.dues_arrears, name="dues_arrears"),
    path("doan-phi/no.xlsx", branch_views.dues_arrears_xlsx, name="dues_arrears_xlsx"),
    path("doan-phi/cua-toi/", views.my_dues, name="my_dues"),
    path("doan-phi/nop-cap-tren/", branch_views.remittance, name="remittance"),
    path("doan-phi/quy-dinh/", rule_views.dues_rules, name="dues_rules"),
    path("doan-phi/quy-dinh/them/", rule_views.dues_rule_create, name="dues_rule_create"),
    path("doan-phi/quy-dinh/<int:pk>/sua/", rule_views.dues_rule_edit, name="dues_rule_edit"),
    path("doan-phi/quy-dinh/<int:pk>/xoa/", rule_views.dues_rule_delete, name="dues_rule_delete"),
    path("doan-phi/luong/<int:pk>/", rule_views.member_salary, name="member_salary"),
    path("doan-phi/luong/muc/<int:pk>/xoa/", rule_views.salary_delete, name="salary_delete"),
]
