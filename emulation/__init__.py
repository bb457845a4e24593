"""Thi đua, khen thưởng in four rooms: awards, campaigns, ratings, activities (each may import
emulation.models, emulation.pages and emulation.lists, never a sibling room). pages.py and
lists.py hold what the rooms share and import no room; index_views.py (the front page),
urls.py, sections.py (its parts of the registry's pages), benchmark.py and the demo read the
rooms. May import: unionhub, members, finance."""
