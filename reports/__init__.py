"""The top layer: the dashboard, the reports composed from every app, letterhead settings pages.
May import: unionhub, members, finance, emulation; nothing imports reports.
"""
