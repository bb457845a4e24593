"""What an app higher up adds to a page of an app below it, without the lower app importing it.

A member's page belongs to the registry (members) but also lists the member's awards, ratings,
registrations, initiatives and activities (emulation). Emulation registers a provider for the
"member" page when Django starts (its AppConfig.ready()); the members view merges what every
provider returns into its template context. An app that is not installed adds nothing.
"""

from collections.abc import Callable

# A provider takes the page's object and the user reading it, and returns context entries.
Provider = Callable[[object, object], dict]

_providers: dict[str, list[Provider]] = {}


def provide(page: str, provider: Provider) -> None:
    """Add `provider`'s entries to every rendering of `page` ("member", "organisation")."""
    providers = _providers.setdefault(page, [])
    if provider not in providers:
        providers.append(provider)


def sections(page: str, obj, user) -> dict:
    """The entries every provider of `page` adds for `obj` as `user` reads it."""
    context: dict = {}
    for provider in _providers.get(page, []):
        context.update(provider(obj, user))
    return context
