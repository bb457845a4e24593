"""Money beside the books: the yearly budget and its settlement, charity drives, the loans a
branch vouches for, welfare paid to members.
May import: unionhub, members, finance's app-level modules, finance.ledger."""
