"""Đoàn phí: the rules and salary bases, what each member owes by month, the groups' collection,
arrears, and the share remitted upward.
May import: unionhub, members, finance's app-level modules, finance.ledger."""
