"""Password hashing (argon2id) and credential checks. Login throttling lives with the Studio session code."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.models import User

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def authenticate(session: Session, *, email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None (same answer for unknown e-mail)."""
    user = session.scalar(select(User).where(func.lower(User.email) == email.strip().lower(), User.is_active))
    if user is None:
        _hasher.hash(password)  # spend the same time as a real check: no user enumeration by timing
        return None
    return user if verify_password(user.password_hash, password) else None
