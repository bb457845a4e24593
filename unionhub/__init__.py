"""The foundation: settings, root urls, access, audit, formatting, files, pages, documents.
May import: django and libraries only; never an app (apps import it, and settings name them).
"""
