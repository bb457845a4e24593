"""The books: accounts, vouchers, transfers, closed periods, attachments, the books and summary.
May import: unionhub, members, finance's app-level modules (models, pages, forms, selectors)."""
