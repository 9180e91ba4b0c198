"""Organisation secrets at rest: sealed with SECRETS_KEY (Fernet), usable where needed, masked on screen."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.orm import Session

from engine.actions.graph import graph_target
from engine.config import Settings, get_settings
from engine.ingest.intake import org_credentials
from engine.meta_settings import load_form, save_form
from engine.models import Organization, Role
from engine.org_settings import OrgSettings
from engine.seed import get_or_create_org
from engine.vault import PREFIX, SecretUnavailable, mask, seal, unseal

TOKEN = "EAABsbCS1iHgBAKZBZCZA1x9Zq1"


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch) -> str:
    k = Fernet.generate_key().decode()
    monkeypatch.setenv("SECRETS_KEY", k)
    get_settings.cache_clear()
    yield k
    get_settings.cache_clear()


def test_seal_unseal_and_mask(key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    sealed = seal("s3cret-value")
    assert sealed is not None and sealed.startswith(PREFIX) and "s3cret" not in sealed
    assert unseal(sealed) == "s3cret-value" and seal(sealed) == sealed
    assert unseal("plain-from-before-the-key") == "plain-from-before-the-key"
    assert mask(TOKEN) == "EAAB…9Zq1" and mask("short") == "…" * 3 and mask(None) == ""
    monkeypatch.setenv("SECRETS_KEY", Fernet.generate_key().decode())  # another key
    get_settings.cache_clear()
    with pytest.raises(SecretUnavailable):
        unseal(sealed)
    monkeypatch.delenv("SECRETS_KEY")
    get_settings.cache_clear()
    assert seal("x-value") == "x-value"  # no key: stored as given
    with pytest.raises(SecretUnavailable):
        unseal(sealed)


def test_bad_key_fails_fast() -> None:
    with pytest.raises(ValidationError, match="Fernet key"):
        Settings(secrets_key="not-a-key")


def test_org_secret_and_meta_token_are_sealed_in_the_database(session: Session, key: str) -> None:
    org = get_or_create_org(session, slug="vault-org", name="Vault", events_secret="the-events-secret")
    session.flush()
    raw = session.execute(text("SELECT events_secret FROM organization WHERE id = :i"), {"i": org.id}).scalar_one()
    assert raw.startswith(PREFIX) and "the-events-secret" not in raw
    creds = org_credentials("vault-org", session)
    assert creds is not None and creds.events_secret == "the-events-secret"  # what signature checks use

    save_form(session, organization_id=org.id, role=Role.DIRECTOR, values={"access_token": TOKEN})
    session.flush()
    stored = session.execute(text("SELECT settings FROM organization WHERE id = :i"), {"i": org.id}).scalar_one()
    assert TOKEN not in str(stored) and stored["meta"]["access_token"].startswith(PREFIX)
    form = load_form(session, organization_id=org.id)
    assert form.token_mask == mask(TOKEN) and form.has_token
    # Saving the form again with the mask shown keeps the token (it is not replaced by the mask).
    save_form(session, organization_id=org.id, role=Role.DIRECTOR, values={"access_token": form.token_mask})
    o = session.get(Organization, org.id)
    assert o is not None
    meta = OrgSettings.load(o.settings).meta
    target = graph_target(meta, Settings(meta_sandbox=False))
    assert target is not None and target.access_token == TOKEN
