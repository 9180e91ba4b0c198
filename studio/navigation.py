"""How the Studio draws each page the engine's role rules name (``engine.roles``): file, title, icon, section.

File paths are relative to ``studio/``. A page whose file does not exist yet is left out of the
navigation by the router, never shown as a broken link.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.models import Role
from engine.roles import PAGES, pages_for

STUDIO_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class PageView:
    """One Studio page: URL path (the engine's name for it), file, pt-BR title, icon and sidebar section."""

    url_path: str
    path: str
    title: str
    icon: str
    section: str

    @property
    def exists(self) -> bool:
        return (STUDIO_DIR / self.path).exists()


VIEWS: dict[str, PageView] = {v.url_path: v for v in (
    PageView("settings-ai", "pages/gallery.py", "Galeria de Copilotos", "🤖", "Copilotos"),
    PageView("builder", "pages/builder.py", "Editor de copilotos", "🛠️", "Copilotos"),
    PageView("evaluation", "pages/evaluation.py", "Avaliação", "🧪", "Copilotos"),
    PageView("console", "pages/console.py", "Console de Insights", "🗂️", "Insights"),
    PageView("insights", "pages/insights.py", "Todos os insights", "📋", "Insights"),
    PageView("feed", "pages/feed.py", "Meu feed", "💬", "Insights"),
    PageView("analytics", "pages/analytics.py", "Análises", "📊", "Tráfego"),
    PageView("campaigns", "pages/spend.py", "Campanhas e gastos", "💸", "Tráfego"),
    PageView("meta", "pages/meta_settings.py", "Integração Meta", "🔗", "Configurações"),
)}
assert set(VIEWS) == {p.url_path for p in PAGES}, "every page rule needs a view (and no view without a rule)"


def views_for(role: Role) -> list[PageView]:
    """The pages ``role`` may open that exist, in navigation order (the first is the landing page)."""
    return [VIEWS[p.url_path] for p in pages_for(role) if VIEWS[p.url_path].exists]


def all_views() -> list[PageView]:
    """Every existing page, in the engine's order."""
    return [VIEWS[p.url_path] for p in PAGES if VIEWS[p.url_path].exists]
