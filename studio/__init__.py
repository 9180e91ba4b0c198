"""The Streamlit Studio: ``studio/app.py`` routes, ``studio/pages/*.py`` render (no SQL, no model calls)."""
