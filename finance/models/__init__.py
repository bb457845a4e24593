"""The finance tables: the ledger, dues, and the funds beside the ledger."""

from .dues import DuesPayment, DuesRule, SalaryBasis
from .funds import BudgetLine, Drive, DriveContribution, DriveForward, Loan
from .ledger import (
    Account,
    Attachment,
    Category,
    ClosedPeriod,
    Voucher,
    VoucherQuerySet,
    VoucherSequence,
    _attachment_path,
)

__all__ = [
    "Account",
    "Attachment",
    "BudgetLine",
    "Category",
    "ClosedPeriod",
    "Drive",
    "DriveContribution",
    "DriveForward",
    "DuesPayment",
    "DuesRule",
    "Loan",
    "SalaryBasis",
    "Voucher",
    "VoucherQuerySet",
    "VoucherSequence",
    "_attachment_path",
]
