"""The union's structure: the organisation tree, its terms, bodies and positions, its letterhead.
May import: unionhub, members.models (views.py still imports emulation for the awards shown)."""
