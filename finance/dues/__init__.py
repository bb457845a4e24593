"""Đoàn phí: rules, salary bases, expected dues, the groups' collection, arrears, remittance.
May import: unionhub, members, finance's app-level modules, finance.ledger."""
