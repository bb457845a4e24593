"""The reports app's table: an organisation's letterhead settings.

The model is defined with the organisations (members.models), because the documents of every
domain app read it; it is registered with this app (app_label "reports"), which keeps its table
and its migrations.
"""

from members.models import LetterheadSettings

__all__ = ["LetterheadSettings"]
