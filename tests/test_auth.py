"""engine.auth: argon2id parameters per PASSWORD_HASH_PROFILE (production cost unchanged, cheap under test)."""

from __future__ import annotations

import pydantic
import pytest

from engine.auth import hash_password, verify_password
from engine.config import Settings, get_settings

PRODUCTION_PREFIX = "$argon2id$v=19$m=65536,t=3,p=4$"  # RFC 9106 low-memory: 64 MiB, 3 passes, 4 lanes


def test_the_suite_hashes_with_the_cheapest_parameters() -> None:
    assert get_settings().password_hash_profile == "cheapest"
    h = hash_password("s3nha")
    assert h.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    assert verify_password(h, "s3nha") and not verify_password(h, "outra")


def test_production_default_is_rfc_9106_low_memory_and_any_profile_verifies_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PASSWORD_HASH_PROFILE")
    get_settings.cache_clear()
    assert get_settings().password_hash_profile == "rfc_9106_low_memory"
    h = hash_password("s3nha")  # the one production-cost hash of the suite
    assert h.startswith(PRODUCTION_PREFIX)
    monkeypatch.setenv("PASSWORD_HASH_PROFILE", "cheapest")
    get_settings.cache_clear()
    assert verify_password(h, "s3nha") and not verify_password(h, "outra")  # parameters travel in the hash


def test_unknown_profile_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PASSWORD_HASH_PROFILE", "fast")
    with pytest.raises(pydantic.ValidationError, match="password_hash_profile"):
        Settings()
