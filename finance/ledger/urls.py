"""Paths of the books (included by finance.urls): the index, vouchers and transfers, accounts
and their books, attachments, the summary and its files, closed periods."""

from django.urls import path

from . import attachments, book_views, downloads, exchange, views, voucher_views

urlpatterns = [
    path("", views.index, name="index"),
    path("chung-tu/", views.voucher_list, name="voucher_list"),
    path("chung-tu/them/", voucher_views.voucher_create, name="voucher_create"),
    path("chung-tu/chung-tu.xlsx", exchange.voucher_export, name="voucher_export"),
    path("chung-tu/nhap-excel/", exchange.voucher_import, name="voucher_import"),
    path(
        "chung-tu/mau-nhap.xlsx", exchange.voucher_import_template, name="voucher_import_template"
    ),
    path("chung-tu/<int:pk>/", voucher_views.voucher_detail, name="voucher_detail"),
    path("chung-tu/<int:pk>/sua/", voucher_views.voucher_edit, name="voucher_edit"),
    path("chung-tu/<int:pk>/xoa/", voucher_views.voucher_delete, name="voucher_delete"),
    path("chung-tu/<int:pk>/ghi-so/", voucher_views.voucher_post, name="voucher_post"),
    path("chung-tu/<int:pk>/dieu-chinh/", voucher_views.voucher_reverse, name="voucher_reverse"),
    path("chuyen-tien/", views.transfer_create, name="transfer_create"),
    path("tai-khoan/them/", book_views.account_create, name="account_create"),
    path("tai-khoan/<int:pk>/sua/", book_views.account_edit, name="account_edit"),
    path("chung-tu/<int:pk>/phieu.pdf", downloads.voucher_pdf, name="voucher_pdf"),
    path("chung-tu/<int:pk>/dinh-kem/", attachments.attachment_add, name="attachment_add"),
    path("dinh-kem/<int:pk>/", attachments.attachment_file, name="attachment_file"),
    path("dinh-kem/<int:pk>/xoa/", attachments.attachment_delete, name="attachment_delete"),
    path("so/<int:pk>/", book_views.account_book, name="account_book"),
    path("so/<int:pk>/so.xlsx", downloads.book_excel, name="book_xlsx"),
    path("so/<int:pk>/so.pdf", downloads.book_pdf, name="book_pdf"),
    path("bao-cao/", book_views.summary, name="summary"),
    path("bao-cao/theo-thang/", book_views.by_month, name="by_month"),
    path("bao-cao/bao-cao.pdf", downloads.summary_pdf, name="summary_pdf"),
    path("bao-cao/bao-cao.docx", downloads.summary_docx, name="summary_docx"),
    path("bao-cao/cong-khai.pdf", downloads.disclosure_pdf, name="disclosure_pdf"),
    path("bao-cao/cong-khai.docx", downloads.disclosure_docx, name="disclosure_docx"),
    path("bao-cao/theo-thang.xlsx", downloads.by_month_excel, name="by_month_xlsx"),
    path("bao-cao/theo-thang.pdf", downloads.by_month_pdf, name="by_month_pdf"),
    path("bao-cao/thu-chi.xlsx", downloads.summary_excel, name="summary_xlsx"),
    path("khoa-so/", book_views.periods, name="periods"),
    path("khoa-so/khoa/", book_views.period_close, name="period_close"),
    path("khoa-so/<int:pk>/mo-lai/", book_views.period_reopen, name="period_reopen"),
]
