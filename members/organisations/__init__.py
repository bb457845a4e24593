"""The union's structure: the organisation tree, its terms, bodies and positions, its letterhead.
May import: unionhub, members.models (emulation adds the awards shown through unionhub.sections)."""
