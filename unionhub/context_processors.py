from . import access
from .access import Perm


def navigation(request):
    """What the layout needs on every page: the current organisation and which menus to show."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "current_org": access.home_organisation(user),
        "nav": {
            "orgs": access.can_anywhere(user, Perm.VIEW_ORG),
            "members": access.can_anywhere(user, Perm.VIEW_MEMBERS),
            "manage": access.can_anywhere(user, Perm.MANAGE_MEMBERS),
            "finance": access.can_anywhere(user, Perm.VIEW_FINANCE),
            "emulation": access.can_anywhere(user, Perm.VIEW_EMULATION),
            "admin": access.is_admin(user),
        },
    }
