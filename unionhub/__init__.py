"""The foundation: settings, root urls, access and tree (roles on organisation paths), audit,
formatting, text, files, uploads, tables, forms, pages, sections, documents/, benchmark.
May import: django and libraries only; never an app (apps import it, and settings name them).
"""
