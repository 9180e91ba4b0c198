"""Action bindings: the safe condition language, the binding model, defaults and auto-apply policies."""

from __future__ import annotations

import pytest
from loop_support import AUDITOR, GHOST, make_insight, make_org, make_ticket, rows
from pydantic import ValidationError

from engine.actions import auto_apply, on_insight_applied
from engine.actions.binding import ActionBinding, ConditionError, binding_for, evaluate, parse_condition
from engine.models import ActionLogStatus, ActionStatus, AiAgent, AiRun


@pytest.mark.parametrize(("cond", "payload", "expected"), [
    ("purchaseConfirmed == true", {"purchaseConfirmed": True}, True),
    ("purchaseConfirmed == true", {"purchaseConfirmed": "true"}, False),
    ("purchaseConfirmed == true", {}, False),
    ("confidence >= 0.8", {"confidence": 0.8}, True),
    ("confidence >= 0.8", {"confidence": 0.79}, False),
    ("confidence >= 0.8", {"confidence": True}, False),
    ("ghostingRisk > 70 and addToRetargeting", {"ghostingRisk": 71, "addToRetargeting": True}, True),
    ("a == 1 or b == 'x'", {"a": 2, "b": "x"}, True),
    ("not (a == 1 or b == \"x\")", {"a": 2, "b": "y"}, True),
    ("lossReason != \"PRICE\"", {"lossReason": "TRUST"}, True),
    ("evidence == null", {"evidence": None}, True),
    ("x.y == 3", {"x": {"y": 3}}, True),
])
def test_conditions(cond: str, payload: dict, expected: bool) -> None:
    assert evaluate(cond, payload) is expected


@pytest.mark.parametrize("bad", ["", "a ==", "a >= 'x'", "__import__('os')", "a == 1 b", "(a == 1",
                                 "a; drop table", "1 == a"])
def test_bad_conditions_are_rejected_not_evaluated(bad: str) -> None:
    with pytest.raises(ConditionError):
        parse_condition(bad)


def test_binding_model_validates() -> None:
    b = ActionBinding.model_validate({"kind": "capi_event", "eventName": "LeadSubmitted",
                                      "condition": "leadQualified == true",
                                      "autoApply": {"mode": "when", "condition": "confidence >= 0.9"}})
    assert b.to_json()["eventName"] == "LeadSubmitted" and b.to_json()["autoApply"]["mode"] == "when"
    with pytest.raises(ValidationError, match="LeadSubmitted"):
        ActionBinding.model_validate({"kind": "capi_event", "eventName": "Lead"})
    with pytest.raises(ValidationError, match="posição"):
        ActionBinding.model_validate({"kind": "audience_add", "condition": "a =="})
    with pytest.raises(ValidationError, match="condição"):
        ActionBinding.model_validate({"kind": "audience_add", "autoApply": {"mode": "when"}})
    assert binding_for(None, "capi_auditor").condition == "purchaseConfirmed == true"  # type: ignore[union-attr]
    assert binding_for(None, "qa_auditor") is None


def test_auto_apply_follows_org_policy(session) -> None:  # noqa: ANN001
    org = make_org(session, keys=("ghosting_sentinel", "capi_auditor"), ghosting_auto_apply_risk=80)
    t = make_ticket(session, org)
    low = make_insight(session, org, "ghosting_sentinel", t, {**GHOST, "ghostingRisk": 60})
    assert auto_apply(session, organization_id=org.id, insight_id=low.id) == []
    assert low.action_status is ActionStatus.SUGGESTION
    high = make_insight(session, org, "ghosting_sentinel", t, GHOST)
    ids = auto_apply(session, organization_id=org.id, insight_id=high.id)
    assert len(ids) == 1 and high.action_status is ActionStatus.APPLIED and high.actioned_by is None
    assert session.get(AiRun, high.run_id).detail["auto_applied"]["condition"] == "ghostingRisk >= 80"
    assert rows(session, org.id)[0].request["applied_by"] == "policy:ghostingRisk >= 80"
    # capi_auto_apply is off: the auditor insight stays a suggestion
    aud = make_insight(session, org, "capi_auditor", t, AUDITOR)
    assert auto_apply(session, organization_id=org.id, insight_id=aud.id) == []


def test_custom_binding_with_explicit_policy(session) -> None:  # noqa: ANN001
    org = make_org(session, keys=("capi_auditor",))
    agent = session.query(AiAgent).filter_by(organization_id=org.id).one()
    agent.action_binding = {"kind": "capi_event", "eventName": "InitiateCheckout",
                            "condition": "purchaseConfirmed == false",
                            "autoApply": {"mode": "when", "condition": "confidence >= 0.5"}}
    t = make_ticket(session, org)
    ins = make_insight(session, org, "capi_auditor", t, {**AUDITOR, "purchaseConfirmed": False})
    [aid] = auto_apply(session, organization_id=org.id, insight_id=ins.id)
    [row] = rows(session, org.id)
    assert row.id == aid and row.dedupe_key == f"capi:InitiateCheckout:{t.id}"
    assert row.status is ActionLogStatus.PENDING


def test_hooks_are_org_scoped(session) -> None:  # noqa: ANN001
    org = make_org(session, keys=("capi_auditor",))
    other = make_org(session)
    ins = make_insight(session, org, "capi_auditor", make_ticket(session, org), AUDITOR, applied=True)
    with pytest.raises(LookupError):
        on_insight_applied(session, organization_id=other.id, insight_id=ins.id)
