"""The books: accounts, categories, vouchers, transfers, closed periods, attachments, each
account's book, the summary and its documents, vouchers in and out of Excel.
May import: unionhub, members, finance's app-level modules (models, pages, forms, selectors)."""
