"""The organisation tree as the foundation sees it: materialized paths (django-treebeard).

The foundation imports no app: the organisation model is reached through the foreign key of a
role assignment, and a subtree is a range of paths.
"""

from django.db.models import Model, Q
from treebeard.exceptions import PathOverflow

from .models import RoleAssignment


def organisation_model() -> type[Model]:
    """The model of the tree's nodes (members.Organisation), without importing its app."""
    return RoleAssignment._meta.get_field("organisation").related_model


def subtree_q(path: str, field: str = "path") -> Q:
    """Rows whose organisation path lies in the subtree rooted at `path`.

    Written as the range [path, next sibling's path) rather than LIKE 'path%': a plain range
    uses the path index on every backend, where LIKE needs a case-sensitive LIKE (SQLite) or a
    pattern operator class (PostgreSQL). Paths use only [0-9A-Z], which every collation orders
    the same way.
    """
    try:
        # The tree's own alphabet and step length decide what the next sibling's path is.
        upper = organisation_model()(path=path)._inc_path()
    except PathOverflow:
        return Q(**{f"{field}__startswith": path})
    return Q(**{f"{field}__gte": path, f"{field}__lt": upper})
