"""Live publishing of insights: Redis pub/sub, and Centrifugo (``cent`` client) when configured.

Message (JSON, one per new or changed insight)::

    {"type": "insight.created" | "insight.updated", "insight_id", "organization_id", "ticket_id",
     "agent_id", "agent_name", "agent_icon", "delivery", "engine", "summary", "payload",
     "action_status", "created_at", "citations", "uncited", "refreshed_at", "superseded_by"}

``citations`` repeats the payload's evidence; ``uncited`` marks an insight "sem evidência"; a refresh
(the same finding again, ``engine.insight_cards``) or a supersede publishes ``insight.updated``.

Channels: ``copilot:org_<organization id>`` and ``copilot:ticket_<ticket id>`` (no ticket channel
for organisation-level insights). The same names are used on Redis and on Centrifugo.

Publishing runs after the insight is committed, so a failure never loses it. The worker publishes
inline right after the commit (``publish_now``: a Redis PUBLISH costs less than queueing a job);
only when that fails, or another publisher holds the marker, does it enqueue the publish job,
which raises until it succeeds and is retried by RQ. A per-(insight, version, target) marker
makes both paths safe together: it is claimed with ``SET NX`` (short "in flight" TTL, so a
publisher killed mid-way does not block the retry for long) and turned into a long-lived "done"
marker after the publish succeeded, so nothing is ever published twice. After a Centrifugo failure
inline publishes leave Centrifugo to the job for ``CENTRIFUGO_BACKOFF_SECONDS``, so an outage does
not add the HTTP timeout to every event.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

import redis
from cent import Client, PublishRequest
from cent.exceptions import CentError
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.config import Settings, get_settings
from engine.db import session_scope
from engine.errors import CopilotError
from engine.models import ActionStatus, AiAgent, AiInsight
from engine.queues import enqueue_publish, redis_connection

log = logging.getLogger(__name__)

MARKER_PREFIX = "copilot:published"
INFLIGHT_TTL_SECONDS = 30
DONE_TTL_SECONDS = 7 * 24 * 3600
CENTRIFUGO_TIMEOUT_SECONDS = 5.0
CENTRIFUGO_BACKOFF_SECONDS = 30.0
_centrifugo_backoff_until = 0.0  # per process: monotonic time until inline publishes skip Centrifugo


class PublishError(CopilotError, RuntimeError):
    """A publish target failed; the publish job is retried (the insight is already stored)."""


class PublishInFlight(CopilotError, RuntimeError):
    """Another publisher holds the marker right now; retry later to see whether it finished."""


def org_channel(organization_id: uuid.UUID | str) -> str:
    return f"copilot:org_{organization_id}"


def ticket_channel(ticket_id: uuid.UUID | str) -> str:
    return f"copilot:ticket_{ticket_id}"


def channels_for(message: dict[str, Any]) -> list[str]:
    chans = [org_channel(message["organization_id"])]
    if message.get("ticket_id"):
        chans.append(ticket_channel(message["ticket_id"]))
    return chans


def insight_message(insight: AiInsight, agent: AiAgent) -> dict[str, Any]:
    """The published JSON for an insight (schema in the module docstring)."""
    return message_for(insight, agent_name=agent.name, agent_icon=agent.icon)


def message_for(insight: AiInsight, *, agent_name: str, agent_icon: str) -> dict[str, Any]:
    """``insight_message`` from an insight row and its agent's name and icon (no query)."""
    created = (insight.action_status is ActionStatus.SUGGESTION and insight.actioned_at is None
               and insight.refreshed_at is None and insight.superseded_at is None)
    return {
        "type": "insight.created" if created else "insight.updated",
        "insight_id": str(insight.id),
        "organization_id": str(insight.organization_id),
        "ticket_id": str(insight.ticket_id) if insight.ticket_id else None,
        "agent_id": str(insight.agent_id),
        "agent_name": agent_name,
        "agent_icon": agent_icon,
        "delivery": insight.delivery.value,
        "engine": insight.engine,
        "summary": insight.summary,
        "payload": insight.payload,
        "action_status": insight.action_status.value,
        "created_at": insight.created_at.isoformat(),
        "citations": (insight.payload or {}).get("citations", []),
        "uncited": bool(insight.uncited),
        "refreshed_at": insight.refreshed_at.isoformat() if insight.refreshed_at else None,
        "superseded_by": str(insight.superseded_by) if insight.superseded_by else None,
    }


def message_version(message: dict[str, Any]) -> str:
    """What makes a publish new for one insight: its status, a refresh, being superseded."""
    version = str(message["action_status"])
    if message.get("refreshed_at"):
        version += f"@{message['refreshed_at']}"
    if message.get("superseded_by"):
        version += ":superseded"
    return version


def load_insight_message(session: Session, insight_id: uuid.UUID) -> dict[str, Any] | None:
    """Read the insight and its agent and build its message (None when the insight is gone)."""
    row = session.execute(
        select(AiInsight, AiAgent)
        .join(AiAgent, (AiAgent.id == AiInsight.agent_id) & (AiAgent.organization_id == AiInsight.organization_id))
        .where(AiInsight.id == insight_id)
    ).first()
    return None if row is None else insight_message(row[0], row[1])


# ------------------------------------------------------------------------------ targets
def publish_redis(conn: redis.Redis, message: dict[str, Any]) -> int:
    """PUBLISH to the organisation and ticket channels in one MULTI. Returns receivers reached."""
    data = json.dumps(message, ensure_ascii=False)
    pipe = conn.pipeline(transaction=True)
    for chan in channels_for(message):
        pipe.publish(chan, data)
    return int(sum(pipe.execute()))


def centrifugo_client(settings: Settings) -> Client | None:
    """A cent client when CENTRIFUGO_API_URL and CENTRIFUGO_API_KEY are both set, else None."""
    if not settings.centrifugo_api_url or settings.centrifugo_api_key is None:
        return None
    return Client(settings.centrifugo_api_url.rstrip("/"), settings.centrifugo_api_key.get_secret_value(),
                  timeout=CENTRIFUGO_TIMEOUT_SECONDS)


def centrifugo_idempotency_key(message: dict[str, Any]) -> str:
    """The insight id; a status change gets its own key, else Centrifugo (which keeps idempotency keys
    for 5 minutes) would drop an "applied" update that follows its creation within that window."""
    if message["type"] == "insight.created":
        return str(message["insight_id"])
    return f"{message['insight_id']}:{message_version(message)}"


def publish_centrifugo(client: Client, message: dict[str, Any]) -> None:
    """One ``publish`` per channel through the cent client. Raises PublishError on any API error
    (an HTTP 200 carrying ``{"error": ...}``, a 401, other statuses, network errors)."""
    key = centrifugo_idempotency_key(message)
    for chan in channels_for(message):
        try:
            client.publish(PublishRequest(channel=chan, data=message, idempotency_key=key))
        except CentError as err:
            raise PublishError(f"Centrifugo publish to {chan} failed: {err!r}") from err


# ------------------------------------------------------------------------------ dedupe + entry point
def marker_key(insight_id: str, action_status: str, target: str) -> str:
    return f"{MARKER_PREFIX}:{insight_id}:{action_status}:{target}"


def _once(conn: redis.Redis, key: str, send: Callable[[], object]) -> bool:
    """Run ``send`` unless the marker says it already ran. True if it ran now."""
    if not conn.set(key, "inflight", nx=True, ex=INFLIGHT_TTL_SECONDS):
        state = conn.get(key)
        if state in (b"done", "done"):
            return False
        raise PublishInFlight(f"{key} is being published by another worker")
    try:
        send()
    except BaseException:
        conn.delete(key)  # let the retry publish
        raise
    conn.set(key, "done", ex=DONE_TTL_SECONDS)
    return True


def publish_message(conn: redis.Redis, message: dict[str, Any], *, settings: Settings | None = None,
                    centrifugo: bool = True) -> list[str]:
    """Publish ``message`` to every configured target at most once per (insight, status, target).

    ``centrifugo=False`` leaves Centrifugo out (the caller hands it to the publish job).
    Returns the targets published now (empty when a retry found them all done)."""
    settings = settings or get_settings()
    iid, status = str(message["insight_id"]), message_version(message)
    done: list[str] = []
    if _once(conn, marker_key(iid, status, "redis"), lambda: publish_redis(conn, message)):
        done.append("redis")
    client = centrifugo_client(settings) if centrifugo else None
    if client is not None and _once(conn, marker_key(iid, status, "centrifugo"),
                                    lambda: publish_centrifugo(client, message)):
        done.append("centrifugo")
    return done


def publish_insight(insight_id: uuid.UUID | str, *, session: Session | None = None,
                    connection: redis.Redis | None = None, settings: Settings | None = None) -> list[str]:
    """Publish the current state of a stored insight (the publish job calls this)."""
    iid = uuid.UUID(str(insight_id))
    if session is not None:
        message = load_insight_message(session, iid)
    else:
        with session_scope() as s:
            message = load_insight_message(s, iid)
    if message is None:
        return []
    return publish_message(connection or redis_connection(), message, settings=settings)


def publish_now(conn: redis.Redis, message: dict[str, Any], *, settings: Settings | None = None) -> bool:
    """Inline publish right after the insight's commit (the worker's normal path).

    Never raises for a publish failure: when a target fails, another publisher holds its marker, or
    Centrifugo is backing off, the publish job is enqueued to finish the job exactly once (markers).
    Returns True when everything was published inline."""
    global _centrifugo_backoff_until
    settings = settings or get_settings()
    use_centrifugo = time.monotonic() >= _centrifugo_backoff_until
    complete = use_centrifugo or centrifugo_client(settings) is None
    try:
        publish_message(conn, message, settings=settings, centrifugo=use_centrifugo)
    except PublishError as err:
        _centrifugo_backoff_until = time.monotonic() + CENTRIFUGO_BACKOFF_SECONDS
        log.warning("inline publish of %s failed (%s); the publish job retries", message["insight_id"], err)
        complete = False
    except (PublishInFlight, redis.exceptions.RedisError) as err:
        log.warning("inline publish of %s deferred to the publish job: %r", message["insight_id"], err)
        complete = False
    if not complete:
        enqueue_publish(uuid.UUID(str(message["insight_id"])), connection=conn)
    return complete
