"""WhatsApp message content -> a typed record and the readable line agents see (pure, no I/O).

Every message type keeps its content: ``render`` returns the text stored in ``message.body`` (what
the transcript shows, in pt-BR where we add words) and the typed details kept in ``message.extra``
(order items with quantities and prices, flow answers, shared contacts' phones, system changes,
``unsupported`` errors, media ids). ``decorate`` adds what happened to a message later: an edit,
a deletion ("revoke"), reactions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

MEDIA = ("image", "video", "audio", "document", "sticker")
# Items of messages[] that are not a new message from the lead: they change another message or the
# contact, never fire NEW_MESSAGE_RECEIVED, never move the lead's activity nor touch audiences.
NOT_MESSAGES = ("reaction", "edit", "revoke", "system")
FLOW_HIDDEN_KEYS = ("flow_token",)


@dataclass(frozen=True)
class Content:
    body: str
    type: str
    extra: dict[str, Any] = field(default_factory=dict)


def _part(msg: dict[str, Any], key: str) -> dict[str, Any]:
    raw = msg.get(key)
    return raw if isinstance(raw, dict) else {}


def _money(value: Any) -> Decimal | None:
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


def _fmt(d: Decimal) -> str:
    return f"{d:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def _order(part: dict[str, Any]) -> Content:
    items: list[dict[str, Any]] = []
    lines: list[str] = []
    total = Decimal(0)
    currencies: set[str] = set()
    priced = True
    for raw in part.get("product_items") or []:
        if not isinstance(raw, dict):
            continue
        qty, price = _money(raw.get("quantity")), _money(raw.get("item_price"))
        currency = str(raw.get("currency") or "")
        sku = str(raw.get("product_retailer_id") or "?")
        items.append({"sku": sku, "quantity": str(qty) if qty is not None else raw.get("quantity"),
                      "item_price": str(price) if price is not None else raw.get("item_price"), "currency": currency})
        if qty is not None and price is not None:
            subtotal = qty * price
            total += subtotal
            currencies.add(currency)
            lines.append(f"{qty.normalize():f}× {sku} a {_fmt(price)} {currency} = {_fmt(subtotal)} {currency}")
        else:
            priced = False
            lines.append(f"{raw.get('quantity')}× {sku} (preço {raw.get('item_price')!r} ilegível)")
    summary = "Pedido do catálogo: " + "; ".join(lines)
    order: dict[str, Any] = {"catalog_id": part.get("catalog_id"), "items": items}
    if priced and items and len(currencies) == 1:
        currency = currencies.pop()
        order.update(total=str(total), currency=currency)
        summary += f". Total: {_fmt(total)} {currency}"
    if part.get("text"):
        summary += f". Mensagem: {part['text']}"
    return Content(summary, "order", {"order": order})


def _flow(part: dict[str, Any]) -> Content:
    reply = _part(part, "nfm_reply")
    try:
        answers = json.loads(reply.get("response_json") or "{}")
    except (TypeError, ValueError):
        answers = {"response_json": reply.get("response_json")}
    if not isinstance(answers, dict):
        answers = {"resposta": answers}
    shown = {k: v for k, v in answers.items() if k not in FLOW_HIDDEN_KEYS}
    fields = "; ".join(f"{k} = {v}" for k, v in shown.items()) or "(sem campos)"
    name = reply.get("name") or "flow"
    return Content(f"Formulário '{name}' respondido: {fields}", "interactive",
                   {"interactive_type": "nfm_reply", "flow_response": shown, "flow_name": name})


def _contacts(msg: dict[str, Any]) -> Content:
    shared: list[dict[str, Any]] = []
    parts: list[str] = []
    for c in msg.get("contacts") or []:
        if not isinstance(c, dict):
            continue
        name = (c.get("name") or {}).get("formatted_name") or (c.get("name") or {}).get("first_name") or "?"
        phones = [{"phone": p.get("phone"), "wa_id": p.get("wa_id"), "type": p.get("type")}
                  for p in c.get("phones") or [] if isinstance(p, dict)]
        shared.append({"name": name, "phones": phones})
        nums = ", ".join(f"{p['phone'] or p['wa_id']}" + (f" ({p['type']})" if p["type"] else "") for p in phones)
        parts.append(f"{name}: {nums}" if nums else name)
    return Content("Contato compartilhado: " + "; ".join(parts), "contacts", {"contacts": shared})


def _errors_text(errors: Any) -> tuple[str, list[dict[str, Any]]]:
    kept = [e for e in errors or [] if isinstance(e, dict)]
    text = "; ".join(f"{e.get('code', '?')} {e.get('title') or e.get('message') or ''}".strip()
                     + (f": {e['error_data']['details']}" if isinstance(e.get("error_data"), dict)
                        and e["error_data"].get("details") else "") for e in kept)
    return text, kept


def system_change(msg: dict[str, Any]) -> dict[str, Any]:
    """The identity change a ``system`` item announces: {kind, old, new, parent_user_id?, body}."""
    part = _part(msg, "system")
    kind = str(part.get("type") or "")
    if kind == "user_changed_user_id":
        return {"kind": kind, "old": part.get("previous_user_id") or msg.get("from_user_id"),
                "new": part.get("user_id"), "parent_user_id": part.get("parent_user_id"), "body": part.get("body")}
    if kind == "user_changed_number":
        return {"kind": kind, "old": msg.get("from") or part.get("customer"), "new": part.get("wa_id") or part.get("new_wa_id"),
                "body": part.get("body")}
    return {"kind": kind or "unknown", "body": part.get("body")}


def render(msg: dict[str, Any]) -> Content:
    """The stored body and typed extra of one message (or echo) of any type."""
    kind = str(msg.get("type") or "unknown")
    part = _part(msg, kind)
    if kind == "text":
        return Content(str(part.get("body", "")), "text")
    if kind in MEDIA:
        media = {k: part[k] for k in ("id", "mime_type", "filename", "voice", "animated") if k in part}
        body = str(part.get("caption") or part.get("filename") or "")
        return Content(body, kind, {"media": media})
    if kind == "interactive":
        if part.get("type") == "nfm_reply" or "nfm_reply" in part:
            return _flow(part)
        reply = _part(part, "button_reply") or _part(part, "list_reply")
        text = str(reply.get("title", ""))
        if reply.get("description"):
            text += f" — {reply['description']}"
        if not reply and msg.get("errors"):
            detail, errors = _errors_text(msg.get("errors"))
            return Content(f"Resposta interativa ilegível ({detail})", kind, {"errors": errors})
        return Content(text, kind, {"reply_id": reply.get("id"), "interactive_type": part.get("type")})
    if kind == "button":
        return Content(str(part.get("text", "")), kind, {"payload": part.get("payload")})
    if kind == "location":
        name = " — ".join(str(part[k]) for k in ("name", "address") if part.get(k))
        where = f"{part.get('latitude')}, {part.get('longitude')}"
        return Content(f"Localização: {name} ({where})" if name else f"Localização: {where}", kind,
                       {"location": part})
    if kind == "contacts":
        return _contacts(msg)
    if kind == "order":
        return _order(part)
    if kind == "system":
        change = system_change(msg)
        if change["kind"] == "user_changed_number":
            text = f"O lead trocou de número: {change['old'] or '?'} → {change['new'] or '?'}"
        elif change["kind"] == "user_changed_user_id":
            text = f"O lead trocou de identificador no WhatsApp: {change['old'] or '?'} → {change['new'] or '?'}"
        else:
            text = f"Aviso do WhatsApp: {change.get('body') or change['kind']}"
        return Content(text, kind, {"system": change})
    if kind == "unsupported" or msg.get("errors"):
        detail, errors = _errors_text(msg.get("errors"))
        return Content(f"Mensagem que o WhatsApp não entrega à API ({detail or 'sem detalhe'})", "unsupported",
                       {"errors": errors, "original_type": kind})
    return Content(f"Mensagem do tipo '{kind}' (conteúdo não reconhecido)", "unknown", {"original_type": kind,
                                                                                        "raw": part or None})


def decorate(body: str, extra: dict[str, Any], labels: dict[str, str]) -> str:
    """The transcript text of a stored message: deletion, edit and reactions made visible."""
    revoked = extra.get("revoked")
    if isinstance(revoked, dict):
        return "[mensagem apagada pelo autor]"
    text = body
    if isinstance(extra.get("edited"), dict):
        text += " (editada)"
    reactions = extra.get("reactions")
    if isinstance(reactions, dict) and reactions:
        marks = ", ".join(f"{labels.get(who, who)} {emoji}" for who, emoji in sorted(reactions.items()) if emoji)
        if marks:
            text += f" [reação: {marks}]"
    return text
