"""Money beside the books: the budget and its settlement, charity drives, vouched loans, welfare.
May import: unionhub, members, finance's app-level modules, finance.ledger."""
