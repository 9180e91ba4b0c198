"""Action bindings: what an applied insight does outside (Meta CAPI event, retargeting audience).

A binding lives in ``ai_agent.action_binding`` (JSONB) and is edited in the Builder without code::

    {"kind": "capi_event", "eventName": "Purchase", "condition": "purchaseConfirmed == true",
     "mapping": {"value": "purchaseValue", "currency": "currency", "traits": []},
     "autoApply": {"mode": "when", "condition": "confidence >= 0.8"}}

Conditions use a tiny, safe language (parsed here, never ``eval``'d):
``field == true``, ``confidence >= 0.8``, ``lossReason != "PRICE"``, ``a and (b or not c)``,
a bare ``field`` (truthy). Comparisons with a missing field are false.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from engine.errors import InvalidInput
from engine.org_settings import OrgSettings

CAPI_EVENT_NAMES = ("Purchase", "LeadSubmitted", "InitiateCheckout", "AddToCart", "ViewContent")
ActionKind = Literal["capi_event", "audience_add", "capi_custom_data"]


class ConditionError(InvalidInput):
    """A condition does not parse. The message (pt-BR) names the position and what was expected."""


# ------------------------------------------------------------------------------ condition language
_TOKEN = re.compile(
    r"\s*(?:(?P<num>-?\d+(?:\.\d+)?)|(?P<str>\"[^\"]*\"|'[^']*')|(?P<op>==|!=|>=|<=|>|<|\(|\))"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_.]*))"
)
_KEYWORDS = {"and", "or", "not", "true", "false", "null"}


@dataclass(frozen=True)
class _Tok:
    kind: str  # num | str | op | name | kw | end
    value: Any
    pos: int


def _tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise ConditionError(f"condição inválida na posição {pos + 1}: '{text[pos:pos + 10]}'")
        start = m.start(m.lastgroup or 0)
        kind = m.lastgroup or ""
        raw = m.group(kind)
        if kind == "num":
            toks.append(_Tok("num", float(raw), start))
        elif kind == "str":
            toks.append(_Tok("str", raw[1:-1], start))
        elif kind == "name" and raw in _KEYWORDS:
            toks.append(_Tok("kw", raw, start))
        else:
            toks.append(_Tok(kind, raw, start))
        pos = m.end()
    toks.append(_Tok("end", None, len(text)))
    return toks


# AST nodes are plain tuples: ("or", a, b) | ("and", a, b) | ("not", a) | ("cmp", op, field, literal)
# | ("truthy", field). Tuples keep the parsed form hashable and trivially serialisable.
Node = tuple[Any, ...]


class _Parser:
    def __init__(self, text: str) -> None:
        self.toks = _tokenize(text)
        self.i = 0

    def _peek(self) -> _Tok:
        return self.toks[self.i]

    def _next(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        node = self._or()
        tok = self._peek()
        if tok.kind != "end":
            raise ConditionError(f"condição inválida na posição {tok.pos + 1}: esperado 'and', 'or' ou fim")
        return node

    def _or(self) -> Node:
        node = self._and()
        while self._peek().kind == "kw" and self._peek().value == "or":
            self._next()
            node = ("or", node, self._and())
        return node

    def _and(self) -> Node:
        node = self._not()
        while self._peek().kind == "kw" and self._peek().value == "and":
            self._next()
            node = ("and", node, self._not())
        return node

    def _not(self) -> Node:
        if self._peek().kind == "kw" and self._peek().value == "not":
            self._next()
            return ("not", self._not())
        return self._atom()

    def _atom(self) -> Node:
        tok = self._next()
        if tok.kind == "op" and tok.value == "(":
            node = self._or()
            close = self._next()
            if not (close.kind == "op" and close.value == ")"):
                raise ConditionError(f"condição inválida na posição {close.pos + 1}: esperado ')'")
            return node
        if tok.kind != "name":
            raise ConditionError(f"condição inválida na posição {tok.pos + 1}: esperado o nome de um campo")
        nxt = self._peek()
        if nxt.kind == "op" and nxt.value in ("==", "!=", ">=", "<=", ">", "<"):
            self._next()
            lit = self._next()
            if lit.kind in ("num", "str"):
                value: Any = lit.value
            elif lit.kind == "kw" and lit.value in ("true", "false", "null"):
                value = {"true": True, "false": False, "null": None}[lit.value]
            else:
                raise ConditionError(f"condição inválida na posição {lit.pos + 1}: esperado um valor "
                                     "(número, \"texto\", true, false ou null)")
            if nxt.value in (">=", "<=", ">", "<") and not isinstance(value, float):
                raise ConditionError(f"condição inválida na posição {lit.pos + 1}: '{nxt.value}' só compara números")
            return ("cmp", nxt.value, tok.value, value)
        return ("truthy", tok.value)


def parse_condition(text: str) -> Node:
    """Parse a condition; raises ConditionError (pt-BR) on bad syntax."""
    if not text or not text.strip():
        raise ConditionError("condição vazia")
    if len(text) > 500:
        raise ConditionError("condição longa demais (máx. 500 caracteres)")
    return _Parser(text).parse()


def _lookup(payload: dict[str, Any], name: str) -> tuple[bool, Any]:
    cur: Any = payload
    for part in name.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return False, None
        cur = cur[part]
    return True, cur


def _eval(node: Node, payload: dict[str, Any]) -> bool:
    op = node[0]
    if op == "or":
        return _eval(node[1], payload) or _eval(node[2], payload)
    if op == "and":
        return _eval(node[1], payload) and _eval(node[2], payload)
    if op == "not":
        return not _eval(node[1], payload)
    if op == "truthy":
        found, value = _lookup(payload, node[1])
        return found and bool(value)
    _, cmp, name, lit = node
    found, value = _lookup(payload, name)
    if not found:
        return False
    if isinstance(lit, float):
        # bool is an int subclass: `flag >= 1` must not silently compare a boolean.
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        number = float(value)
        return {"==": number == lit, "!=": number != lit, ">=": number >= lit, "<=": number <= lit,
                ">": number > lit, "<": number < lit}[cmp]
    if cmp == "==":
        return bool(value == lit and type(value) is type(lit)) if lit is not None else value is None
    return not (value == lit and (lit is None or type(value) is type(lit)))


def evaluate(condition: str | None, payload: dict[str, Any]) -> bool:
    """True when ``condition`` holds for ``payload`` (an empty condition always holds)."""
    if condition is None or not condition.strip():
        return True
    return _eval(parse_condition(condition), payload)


# ------------------------------------------------------------------------------ binding model
class FieldMapping(BaseModel):
    """Payload fields that feed the outbound request (the ticket fills what the payload lacks)."""

    model_config = ConfigDict(extra="forbid")

    value: str | None = None  # payload field with the amount (currency units); default: the ticket value
    currency: str | None = None  # payload field with the ISO-4217 code; default: the ticket currency
    traits: list[str] = Field(default_factory=list)  # payload fields copied into custom_data


class AutoApplyPolicy(BaseModel):
    """never | always | when <condition> | org (the organisation's policy for this kind)."""

    model_config = ConfigDict(extra="forbid")

    mode: Literal["never", "always", "when", "org"] = "org"
    condition: str | None = None

    @model_validator(mode="after")
    def _condition(self) -> AutoApplyPolicy:
        if self.mode == "when":
            if not self.condition:
                raise ValueError("autoApply 'when' precisa de uma condição, ex.: confidence >= 0.8")
            parse_condition(self.condition)
        return self


class ActionBinding(BaseModel):
    """An agent's action binding (stored camelCase in ``ai_agent.action_binding``)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    kind: ActionKind
    event_name: str | None = Field(default=None, alias="eventName")
    condition: str | None = None
    mapping: FieldMapping = Field(default_factory=FieldMapping)
    auto_apply: AutoApplyPolicy = Field(default_factory=AutoApplyPolicy, alias="autoApply")

    @field_validator("condition")
    @classmethod
    def _parse(cls, v: str | None) -> str | None:
        if v is not None and v.strip():
            parse_condition(v)
            return v.strip()
        return None

    @model_validator(mode="after")
    def _event(self) -> ActionBinding:
        if self.kind == "capi_event":
            if self.event_name not in CAPI_EVENT_NAMES:
                raise ValueError(f"eventName deve ser um de {', '.join(CAPI_EVENT_NAMES)} "
                                 "(a Meta rejeita outros nomes para business_messaging)")
        elif self.kind == "capi_custom_data":
            self.event_name = self.event_name or "Purchase"
        return self

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

    def allows(self, payload: dict[str, Any]) -> bool:
        """The binding's condition holds for this insight payload."""
        return evaluate(self.condition, payload)

    def auto_apply_condition(self, org: OrgSettings) -> str | None:
        """The effective auto-apply condition, or None when auto-apply is off ("" = always)."""
        policy = self.auto_apply
        if policy.mode == "never":
            return None
        if policy.mode == "always":
            return ""
        if policy.mode == "when":
            return policy.condition
        # "org": the organisation-wide policy set on the Meta settings page.
        if self.kind == "capi_event":
            return "confidence >= 0.8" if org.capi_auto_apply else None
        if self.kind == "audience_add" and org.ghosting_auto_apply_risk is not None:
            return f"ghostingRisk >= {org.ghosting_auto_apply_risk:g}"
        return None


DEFAULT_BINDINGS: dict[str, dict[str, Any]] = {
    "capi_auditor": {"kind": "capi_event", "eventName": "Purchase", "condition": "purchaseConfirmed == true",
                     "mapping": {"value": "purchaseValue", "currency": "currency"}},
    "ghosting_sentinel": {"kind": "audience_add", "condition": "addToRetargeting == true"},
    # A qualified lead is Meta's LeadSubmitted (the only lead event business messaging accepts);
    # sent when a person applies the insight.
    "traffic_feedback": {"kind": "capi_event", "eventName": "LeadSubmitted", "condition": "leadQualified == true",
                         "autoApply": {"mode": "never"}},
    # icp_mapper's traits ride on the ticket's Purchase (see engine.actions: late traits are recorded,
    # never sent as a second Purchase).
    "icp_mapper": {"kind": "capi_custom_data", "eventName": "Purchase",
                   "mapping": {"traits": ["persona", "lifeStage", "decisionDriver", "ageRange", "traits"]},
                   "autoApply": {"mode": "never"}},
}


NO_ACTION_KIND = "none"  # stored by the Builder when a director turns a default off


def binding_for(action_binding: dict[str, Any] | None, template_key: str | None) -> ActionBinding | None:
    """The agent's binding: its own when set, else the template default, else None (no action).

    ``{"kind": "none"}`` is an explicit "no action": it overrides a template default."""
    if action_binding and action_binding.get("kind") == NO_ACTION_KIND:
        return None
    if action_binding:
        return ActionBinding.model_validate(action_binding)
    if template_key in DEFAULT_BINDINGS:
        return ActionBinding.model_validate(DEFAULT_BINDINGS[template_key])
    return None


_SELLER_CONFIRMS = re.compile(
    r"\b(pagamento|pix|transfer[êe]ncia|dep[óo]sito|valor)\b[^.?!]{0,40}\b(confirmad[oa]|recebid[oa]|caiu|compensad[oa])"
    r"|\b(recebemos|confirmamos|confirmei|recebi)\b[^.?!]{0,30}\b(pagamento|pix|transfer[êe]ncia|comprovante|valor)"
    r"|\bpayment\b[^.?!]{0,30}\b(received|confirmed|went through)\b|\bwe (received|got) (your|the) payment\b",
    re.IGNORECASE)


def seller_confirms_payment(text: str) -> bool:
    """A seller's (or bot's) message saying the payment arrived (pt-BR / en cues)."""
    return bool(_SELLER_CONFIRMS.search(text))


@dataclass(frozen=True)
class Corroboration:
    """What backs a purchase besides a model's reading of the conversation. A lead saying "paguei"
    is not enough to report a Purchase to Meta by itself: one of these must hold."""

    receipt_media: bool = False  # the lead sent an image or a document (a receipt)
    seller_confirmed: bool = False  # a seller or bot message confirms the payment
    ticket_won: bool = False  # the CRM (a person) marked the ticket won

    def evidence(self) -> list[str]:
        return [name for name, ok in (("comprovante", self.receipt_media), ("vendedor confirmou", self.seller_confirmed),
                                      ("ticket ganho", self.ticket_won)) if ok]


def needs_corroboration(binding: ActionBinding) -> bool:
    """A Purchase sent to Meta (the money event) is auto-applied only when corroborated."""
    return binding.kind in ("capi_event", "capi_custom_data") and binding.event_name == "Purchase"


def auto_apply_policy(binding: ActionBinding | None, org: OrgSettings, payload: dict[str, Any], *,
                      corroboration: Corroboration | None = None) -> str | None:
    """The one auto-apply decision: the condition under which ``binding`` applies ``payload`` by itself
    ("" = always), or None when its policy does not apply it (no binding, auto-apply off, the
    condition or the binding's own condition fails, or a Purchase without corroboration). The worker's
    pre-check passes no ``corroboration`` (not known there: it only rules out what certainly fails);
    ``engine.actions.auto_apply`` passes what the ticket holds."""
    if binding is None:
        return None
    condition = binding.auto_apply_condition(org)
    if condition is None or not evaluate(condition, payload) or not binding.allows(payload):
        return None
    if corroboration is not None and needs_corroboration(binding):
        evidence = corroboration.evidence()
        if not evidence:
            return None  # a claim of payment alone: left for a person to apply
        return f"{condition or 'sempre'} + {', '.join(evidence)}"
    return condition
