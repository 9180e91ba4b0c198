"""Copilot 2.0 engine: all domain logic (no Streamlit imports here).

Importing the package loads ``engine.config`` first: it points litellm at its bundled price map and
tokenizers (no network) before any module imports litellm.
"""

from engine import config as _config  # noqa: F401
