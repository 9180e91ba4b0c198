"""Ingest: the HTTP API (``engine.ingest.app``), its request models and signatures.

Kept import-light: ``engine.domain`` and the replay CLI import the schemas without FastAPI.
"""
