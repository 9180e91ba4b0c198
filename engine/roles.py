"""Which Studio pages each role may open: the one role -> pages mapping (router, pages and tests use it).

Paths are relative to ``studio/``. A page whose file does not exist yet is left out of the
navigation by the router, never shown as a broken link.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.models import Role

D, C, T, S = Role.DIRECTOR, Role.COORDINATOR, Role.TRAFFIC_MANAGER, Role.SELLER


@dataclass(frozen=True)
class PageDef:
    """One Studio page: file (relative to ``studio/``), URL path, pt-BR title, icon, section and roles."""

    path: str
    url_path: str
    title: str
    icon: str
    section: str
    roles: frozenset[Role]


# Order matters: a role's first page is its landing page; sections keep this order.
PAGES: tuple[PageDef, ...] = (
    PageDef("pages/gallery.py", "settings-ai", "Galeria de Copilotos", "🤖", "Copilotos", frozenset({D})),
    PageDef("pages/builder.py", "builder", "Agent Builder", "🛠️", "Copilotos", frozenset({D})),
    PageDef("pages/evaluation.py", "evaluation", "Avaliação", "🧪", "Copilotos", frozenset({D})),
    PageDef("pages/console.py", "console", "Console de Insights", "🗂️", "Insights", frozenset({D, C})),
    PageDef("pages/insights.py", "insights", "Todos os insights", "📋", "Insights", frozenset({D})),
    PageDef("pages/feed.py", "feed", "Meu feed", "💬", "Insights", frozenset({S})),
    PageDef("pages/analytics.py", "analytics", "Análises", "📊", "Tráfego", frozenset({D, T})),
    PageDef("pages/spend.py", "campaigns", "Campanhas e gastos", "💸", "Tráfego", frozenset({D, T})),
    PageDef("pages/meta_settings.py", "meta", "Integração Meta", "🔗", "Configurações", frozenset({D})),
)

PAGES_BY_ROLE: dict[Role, tuple[PageDef, ...]] = {
    role: tuple(p for p in PAGES if role in p.roles) for role in Role
}

ROLE_LABELS: dict[Role, str] = {
    Role.DIRECTOR: "Diretoria",
    Role.COORDINATOR: "Coordenação",
    Role.TRAFFIC_MANAGER: "Gestão de tráfego",
    Role.SELLER: "Vendedor",
}


def pages_for(role: Role) -> tuple[PageDef, ...]:
    """The pages ``role`` may open, in navigation order."""
    return PAGES_BY_ROLE[role]


def can_open(role: Role, url_path: str) -> bool:
    """True when ``role`` may open the page at ``url_path``."""
    return any(p.url_path == url_path for p in PAGES_BY_ROLE[role])


def page_by_url_path(url_path: str) -> PageDef:
    """The page registered at ``url_path`` (KeyError when unknown)."""
    for p in PAGES:
        if p.url_path == url_path:
            return p
    raise KeyError(url_path)
