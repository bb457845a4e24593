"""Ratings (xếp loại) of members, monthly grades, ratings of units, and their summary.
May import: unionhub, members, emulation.models, emulation.pages, emulation.lists."""
