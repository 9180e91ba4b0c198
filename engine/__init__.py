"""Copilot 2.0 engine: all domain logic (no Streamlit imports here)."""
