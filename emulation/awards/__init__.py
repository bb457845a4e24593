"""Awards: the titles catalogue in use, award decisions (entered or imported), the year tables.
May import: unionhub, members, finance, emulation.models, emulation.pages, emulation.lists."""
