"""Which Studio pages each role may open: the one role -> pages rule (router, pages and tests use it).

Pages are named by their URL path; which file draws a page, its title and icon belong to the Studio
(``studio/navigation.py``): the engine knows no Studio file.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.models import Role

D, C, T, S = Role.DIRECTOR, Role.COORDINATOR, Role.TRAFFIC_MANAGER, Role.SELLER


@dataclass(frozen=True)
class PageRule:
    """One Studio page (by URL path) and the roles that may open it."""

    url_path: str
    roles: frozenset[Role]


# Order matters: a role's first page is its landing page.
PAGES: tuple[PageRule, ...] = (
    PageRule("settings-ai", frozenset({D})),
    PageRule("builder", frozenset({D})),
    PageRule("evaluation", frozenset({D})),
    PageRule("console", frozenset({D, C})),
    PageRule("insights", frozenset({D})),
    PageRule("feed", frozenset({S})),
    PageRule("analytics", frozenset({D, T})),
    PageRule("campaigns", frozenset({D, T})),
    PageRule("meta", frozenset({D})),
)

PAGES_BY_ROLE: dict[Role, tuple[PageRule, ...]] = {
    role: tuple(p for p in PAGES if role in p.roles) for role in Role
}

# Who may press a copilot's macro button (MACRO_BUTTON_CLICKED): the people who work tickets.
MACRO_ROLES: frozenset[Role] = frozenset({D, C, S})

ROLE_LABELS: dict[Role, str] = {
    Role.DIRECTOR: "Diretoria",
    Role.COORDINATOR: "Coordenação",
    Role.TRAFFIC_MANAGER: "Gestão de tráfego",
    Role.SELLER: "Vendedor",
}


def pages_for(role: Role) -> tuple[PageRule, ...]:
    """The pages ``role`` may open, in navigation order."""
    return PAGES_BY_ROLE[role]


def can_open(role: Role, url_path: str) -> bool:
    """True when ``role`` may open the page at ``url_path``."""
    return any(p.url_path == url_path for p in PAGES_BY_ROLE[role])


def can_fire_macro(role: Role) -> bool:
    """True when ``role`` may press a macro button on a ticket."""
    return role in MACRO_ROLES


def page_by_url_path(url_path: str) -> PageRule:
    """The page registered at ``url_path`` (KeyError when unknown)."""
    for p in PAGES:
        if p.url_path == url_path:
            return p
    raise KeyError(url_path)
