"""Settings from the environment. The only place that reads os.environ."""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# litellm fetches its model price map from the internet at import time unless told not to.
# Set before any litellm import (engine.gateway imports this module first).
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
# ...and must not fetch anything else on its own (tokenizers, beta headers, feeds).
os.environ.setdefault("LITELLM_OFFLINE_MODE", "true")
# Real tokenizer, no download: tiktoken reads the encodings litellm ships inside its wheel.
_litellm_spec = importlib.util.find_spec("litellm")
if _litellm_spec is not None and _litellm_spec.origin:
    os.environ.setdefault(
        "TIKTOKEN_CACHE_DIR", str(Path(_litellm_spec.origin).parent / "litellm_core_utils" / "tokenizers")
    )


class Settings(BaseSettings):
    """Every environment variable the product reads (see README, "Environment")."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore", case_sensitive=False)

    database_url: str = "postgresql://postgres@127.0.0.1:5432/copilot"
    redis_url: str = "redis://127.0.0.1:6379/0"

    whatsapp_app_secret: SecretStr | None = None
    whatsapp_verify_token: SecretStr | None = None

    openai_api_key: SecretStr | None = None
    groq_api_key: SecretStr | None = None
    openai_compatible_base_url: str | None = None
    openai_compatible_api_key: SecretStr | None = None

    centrifugo_api_url: str | None = None
    centrifugo_api_key: SecretStr | None = None

    # Model gateway
    model_timeout_seconds: float = Field(default=30.0, gt=0)
    model_max_retries: int = Field(default=3, ge=0, le=10)
    model_retry_backoff_seconds: float = Field(default=1.0, ge=0)  # first retry wait; doubles each retry
    # Shared provider limits per model route, e.g. {"gpt-4o-mini": {"rpm": 500, "tpm": 200000}} (JSON)
    model_rate_limits: dict[str, dict[str, int]] = Field(default_factory=dict)
    model_rate_limit_max_wait_seconds: float = Field(default=20.0, ge=0)
    # Model calls one worker process keeps in flight (the model stage); 0 = every run inline in its job.
    model_concurrency: int = Field(default=64, ge=0, le=1024)
    # Older OpenAI-compatible servers only know JSON mode: set false to send json_object + schema in prompt.
    openai_compatible_json_schema: bool = True
    context_token_budget: int = Field(default=3000, ge=200)
    # Evaluation: model calls in flight at once per evaluation run (the offline engine runs in-line).
    eval_concurrency: int = Field(default=16, ge=1, le=64)

    # Meta Graph API (closed loop); per-organisation ids live in organization.settings
    meta_graph_base_url: str = "https://graph.facebook.com"
    meta_api_version: str = "v25.0"
    # Sandbox (demo): every Graph call goes to the local stand-in (python -m engine.actions.sandbox).
    meta_sandbox: bool = Field(default=False, validation_alias=AliasChoices("meta_sandbox", "copilot_meta_sandbox"))
    meta_sandbox_url: str = "http://127.0.0.1:8799"

    # Ingest
    max_body_bytes: int = 256 * 1024

    # Passwords (argon2id). Production: RFC 9106's low-memory profile (t=3, m=64 MiB, p=4), argon2-cffi's
    # default. "cheapest" (t=1, m=8 KiB, p=1) exists for the test suite only: never set it in production.
    password_hash_profile: Literal["rfc_9106_low_memory", "cheapest"] = "rfc_9106_low_memory"
    # Fernet key encrypting organisation secrets at rest (engine.vault); unset: stored as given.
    secrets_key: SecretStr | None = None
    # Reverse proxies in front of the Studio whose X-Forwarded-For is trusted (0: none; the login
    # throttle then keys on the socket address). With N, the client is the N-th address from the right.
    trusted_proxy_hops: int = Field(default=0, ge=0, le=5)

    @field_validator("secrets_key")
    @classmethod
    def _fernet_key(cls, v: SecretStr | None) -> SecretStr | None:
        """Fail fast on a key Fernet cannot use (32 url-safe base64-encoded bytes)."""
        import base64
        import binascii

        if v is not None:
            try:
                ok = len(base64.urlsafe_b64decode(v.get_secret_value().encode())) == 32
            except (binascii.Error, ValueError):
                ok = False
            if not ok:
                raise ValueError("SECRETS_KEY must be a Fernet key (32 url-safe base64-encoded bytes)")
        return v

    # Studio sessions: the cookie is signed with this secret (required to run the Studio; no default,
    # `make demo` generates one). At least 32 characters.
    studio_session_secret: SecretStr | None = None
    studio_session_idle_hours: float = Field(default=12.0, gt=0)  # idle time before a session expires
    studio_cookie_secure: bool = False  # set true behind HTTPS: the cookie is then sent over HTTPS only

    @field_validator("studio_session_secret")
    @classmethod
    def _long_secret(cls, v: SecretStr | None) -> SecretStr | None:
        if v is not None and len(v.get_secret_value()) < 32:
            raise ValueError("STUDIO_SESSION_SECRET must have at least 32 characters (python -c "
                             "'import secrets; print(secrets.token_urlsafe(32))')")
        return v

    @field_validator("database_url")
    @classmethod
    def _psycopg_driver(cls, v: str) -> str:
        """Accept plain postgresql:// URLs; SQLAlchemy needs the psycopg (v3) driver name."""
        if v.startswith("postgres://"):
            v = "postgresql://" + v[len("postgres://") :]
        if v.startswith("postgresql://"):
            v = "postgresql+psycopg://" + v[len("postgresql://") :]
        if not v.startswith("postgresql+psycopg://"):
            raise ValueError("DATABASE_URL must be a PostgreSQL URL (postgresql://user@host:port/db)")
        return v


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Process-wide settings (cached; tests clear the cache after changing the environment)."""
    return Settings()
