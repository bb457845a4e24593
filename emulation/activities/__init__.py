"""Activities and events (hoạt động, sự kiện): their participants, costs, files, the year view.
May import: unionhub, members, finance, emulation.models, emulation.pages, emulation.lists."""
