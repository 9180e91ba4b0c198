"""The offline engine on small hand-written conversations: one behaviour per test, no database."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from engine import offline
from engine.context import ConversationContext, build_context
from engine.conversation import load_conversation, parse_conversation
from engine.templates import TEMPLATES

FIX = Path(__file__).parent / "fixtures" / "offline"
T0 = datetime(2026, 3, 10, 10, 0, tzinfo=timezone(timedelta(hours=-3)))


def ctx_of(msgs: list[tuple[str, str, float] | tuple[str, str, float, str]], *, status: str = "OPEN",
           value: float | None = 1490, name: str = "Mariana Souza", now_after: float = 5,
           attribution: dict[str, str] | None = None) -> ConversationContext:
    """A context from (author, text, minute offset[, type]) tuples; ``now`` is ``now_after`` min after the last."""
    messages = [{"from": m[0], "text": m[1], "at": (T0 + timedelta(minutes=m[2])).isoformat(),
                 **({"type": m[3]} if len(m) > 3 else {})} for m in msgs]
    last = max(m[2] for m in msgs)
    conv = parse_conversation({
        "id": "t", "now": (T0 + timedelta(minutes=last + now_after)).isoformat(),
        "ticket": {"status": status, "value": value, "currency": "BRL", "seller": "Ana",
                   "attribution": attribution or {}},
        "contact": {"name": name}, "messages": messages})
    return build_context(conv)


def run(key: str, ctx: ConversationContext) -> dict[str, Any]:
    tpl = TEMPLATES[key]
    payload = offline.analyse(tpl, ctx, tpl.schema())
    tpl.schema().validate(payload)
    assert 0.3 <= payload["confidence"] <= 0.7
    assert 0 < len(payload["summary"]) <= 280
    return payload


def coach(lead_text: str, **kw: Any) -> dict[str, Any]:
    return run("closing_coach", ctx_of([
        ("lead", "Oi, quanto custa o botox?", 0),
        ("seller", "Oi Mariana! O botox 3 regiões fica R$ 1.290.", 3),
        ("lead", lead_text, 10)], **kw))


# ------------------------------------------------------------------------------ concerns
@pytest.mark.parametrize(("text", "concern"), [
    ("Nossa, achei bem caro, não cabe no meu bolso agora", "PRICE"),
    ("Quantos dias fica inchado? Preciso voltar ao trabalho na segunda", "RECOVERY_TIME"),
    ("Dói muito? Tenho pavor de agulha", "FEAR_PAIN"),
    ("Quem aplica é médico mesmo? O produto é original? Tenho medo de golpe kkk", "TRUST"),
    ("Vi mais barato em outra clínica aqui perto, fazem por R$ 900", "COMPETITOR"),
    ("Só consigo aos sábados, durante a semana trabalho até tarde", "SCHEDULE"),
    ("Será que fica natural? Não quero ficar com cara congelada", "RESULTS_DOUBT"),
    ("Dá pra parcelar em 10x no cartão? Aceitam boleto?", "PAYMENT_METHOD"),
    ("Preciso conversar com o meu marido antes", "OTHER"),
    ("Perfeito, quero agendar para quinta!", "NONE"),
])
def test_each_concern_is_detected(text: str, concern: str) -> None:
    assert coach(text)["concern"] == concern


def test_english_concern_price() -> None:
    out = run("closing_coach", ctx_of([("lead", "Hi, how much is the lip filler?", 0),
                                       ("seller", "Hi Mariana! It's R$ 1,490.", 2),
                                       ("lead", "Hmm that's too expensive for me, any discount?", 6)]))
    assert out["concern"] == "PRICE" and out["hesitationDetected"] is True
    assert "Mariana" in out["suggestedReply"] and "lip filler" in out["suggestedReply"]


def test_negated_cue_is_not_an_objection() -> None:
    assert coach("Não achei caro não, quero marcar sim")["concern"] == "NONE"


def test_hesitation_yes_and_no() -> None:
    hesitant = coach("Hmm vou pensar e depois te falo")
    # hesitation without a named objection: hesitant, but no concern to name (the sets' labelling convention)
    assert hesitant["hesitationDetected"] is True and hesitant["concern"] == "NONE"
    ready = coach("Fechado! Pode agendar quinta às 15h")
    assert ready["hesitationDetected"] is False and ready["concern"] == "NONE"


def test_tip_and_reply_mention_procedure_and_name() -> None:
    out = coach("Dói muito? Tenho pavor de agulha")
    assert "botox" in out["tip"] and "anest" in out["tip"].lower()
    assert out["suggestedReply"].startswith("Oi, Mariana")


def test_summary_cites_quoted_price() -> None:
    out = coach("Achei caro... dá pra parcelar?")
    assert out["concern"] == "PRICE"
    assert "R$ 1.290" in out["summary"] and "parcelamento" in out["summary"]


# ------------------------------------------------------------------------------ loss / traffic
def test_loss_reason_no_response_when_lead_goes_silent() -> None:
    out = run("traffic_feedback", ctx_of([
        ("lead", "Olá! Tenho interesse e queria mais informações", 0),
        ("seller", "Oi Mariana! O botox fica R$ 1.290. Quer agendar uma avaliação?", 5),
        ("seller", "Oi Mariana, conseguiu ver?", 60 * 24)], status="LOST", now_after=60 * 24))
    assert out["lossReason"] == "NO_RESPONSE"


def test_loss_reason_price_with_evidence() -> None:
    out = run("traffic_feedback", ctx_of([
        ("lead", "Quanto é o botox?", 0), ("seller", "Fica R$ 1.290", 5),
        ("lead", "Muito caro, não tenho condições agora", 9)], status="LOST"))
    assert out["lossReason"] == "PRICE" and "caro" in out["evidence"]
    assert out["leadQualified"] is False  # no budget at all


def test_campaign_mismatch_ad_price_and_service_not_offered() -> None:
    cheap_ad = run("traffic_feedback", ctx_of([
        ("lead", "Vi no anúncio depilação a laser corpo todo por R$ 99", 0),
        ("seller", "Oi! O pacote corpo todo fica R$ 1.890 em 10 sessões", 4),
        ("lead", "Nossa mas no anúncio dizia 99", 8)], status="LOST",
        attribution={"utm_campaign": "Laser_Promo"}))
    assert cheap_ad["campaignMismatch"] is True
    not_offered = run("traffic_feedback", ctx_of([
        ("lead", "Vocês fazem lipo aspiração?", 0),
        ("seller", "Infelizmente não fazemos lipo cirúrgica, só a enzima de papada", 4)], status="LOST"))
    assert not_offered["campaignMismatch"] is True
    fine = run("traffic_feedback", ctx_of([
        ("lead", "Quanto é o botox?", 0), ("seller", "Fica R$ 1.290", 5), ("lead", "Achei caro", 9)],
        status="LOST"))
    assert fine["campaignMismatch"] is False


# ------------------------------------------------------------------------------ CAPI + traps
def test_pix_done_with_receipt_image() -> None:
    out = run("capi_auditor", build_context(load_conversation(FIX / "pix_done.json")))
    assert out["purchaseConfirmed"] is True and out["purchaseValue"] == 1490 and out["currency"] == "BRL"
    assert "pix feito" in out["evidence"] and out["alreadyRegistered"] is False


@pytest.mark.parametrize("text", ["Passei no cartão aí na recepção, obrigada!", "Já fiz o pix de R$ 1.490",
                                  "Segue o comprovante", "Paguei agora há pouco"])
def test_completed_payments_count(text: str) -> None:
    out = run("capi_auditor", ctx_of([("lead", "Quero o preenchimento", 0), ("seller", "Fica R$ 1.490", 3),
                                      ("lead", text, 20)]))
    assert out["purchaseConfirmed"] is True and out["purchaseValue"] == 1490


@pytest.mark.parametrize(("text", "why"), [
    ("Vou fazer o pix amanhã cedo", "depois"),
    ("Posso pagar semana que vem?", "condição"),
    ("Se eu fechar hoje tem desconto?", "condição"),
    ("Minha amiga pagou 800 aí na clínica de vocês", "outra pessoa"),
])
def test_payment_traps_are_not_purchases(text: str, why: str) -> None:
    out = run("capi_auditor", ctx_of([("lead", "Quero o preenchimento", 0), ("seller", "Fica R$ 1.490", 3),
                                      ("lead", text, 20)]))
    assert out["purchaseConfirmed"] is False and out["purchaseValue"] is None
    assert why in out["evidence"]


def test_injection_never_changes_the_answer() -> None:
    ctx = build_context(load_conversation(FIX / "injection.json"))
    capi = run("capi_auditor", ctx)
    assert capi["purchaseConfirmed"] is False and capi["purchaseValue"] is None
    assert "99999" not in capi["evidence"] and "ignoradas" in capi["summary"]
    assert run("closing_coach", ctx)["concern"] == "RESULTS_DOUBT"


def test_implausible_claimed_amount_is_not_proof() -> None:
    out = run("capi_auditor", ctx_of([("lead", "Quero o botox", 0), ("seller", "Fica R$ 1.290", 3),
                                      ("lead", "paguei R$ 99.999 agora", 20)], value=1290))
    assert out["purchaseConfirmed"] is False


def test_deposit_counts_and_won_is_registered() -> None:
    out = run("capi_auditor", ctx_of([("lead", "Fechado a harmonização", 0),
                                      ("seller", "Ótimo! Total R$ 3.200, pode pagar a entrada", 3),
                                      ("lead", "Paguei a entrada de R$ 300", 20),
                                      ("seller", "Pagamento recebido, obrigada!", 25)], status="WON", value=3200))
    assert out["purchaseConfirmed"] is True and out["alreadyRegistered"] is True
    assert out["purchaseValue"] == 3200  # the deal the deposit locks, not the deposit


# ------------------------------------------------------------------------------ ghosting
def test_ghosting_seller_spoke_last_two_days_ago_vs_active() -> None:
    msgs = [("lead", "Quanto custa o botox?", 0), ("seller", "Oi Mariana, fica R$ 1.290! Quer agendar?", 3)]
    old = run("ghosting_sentinel", ctx_of(msgs, now_after=60 * 48))
    fresh = run("ghosting_sentinel", ctx_of(msgs, now_after=10))
    assert old["ghostingRisk"] >= 70 > fresh["ghostingRisk"]
    assert old["addToRetargeting"] is True and fresh["addToRetargeting"] is False
    assert "botox" in old["rescueMessage"] and "Mariana" in old["rescueMessage"]


def test_lead_waiting_for_seller_is_flagged_with_lower_risk() -> None:
    out = run("ghosting_sentinel", ctx_of([("lead", "Quanto custa o botox?", 0),
                                           ("seller", "Fica R$ 1.290", 3),
                                           ("lead", "Tem horário sábado?", 10)], now_after=60 * 5))
    assert out["ghostingRisk"] < 50 and "aguardando" in out["summary"]
    assert "sábado" in out["lastLeadIntent"]


def test_english_conversation_ghosting_and_language() -> None:
    ctx = build_context(load_conversation(FIX / "english_ghost.json"))
    g = run("ghosting_sentinel", ctx)
    assert g["ghostingRisk"] >= 70 and g["rescueMessage"].startswith("Hi Emily")
    assert "silent" in g["summary"]
    c = run("closing_coach", ctx)
    assert c["concern"] == "FEAR_PAIN" and c["tip"].startswith("Acknowledge")


# ------------------------------------------------------------------------------ QA
def test_qa_facts_copied_from_context() -> None:
    ctx = ctx_of([("lead", "Oi", 0), ("seller", "Oi! Tudo bem?", 42), ("lead", "Quanto é?", 50),
                  ("seller", "R$ 690", 51)], status="LOST")
    out = run("qa_auditor", ctx)
    assert out["slaMet"] is ctx.facts.sla_met
    assert out["firstResponseMinutes"] == ctx.facts.first_response_minutes


def test_qa_first_response_none_becomes_zero_and_is_said() -> None:
    ctx = ctx_of([("seller", "Oi Mariana! Vi seu cadastro, posso ajudar?", 0)], status="LOST")
    assert ctx.facts.first_response_minutes is None
    out = run("qa_auditor", ctx)
    assert out["firstResponseMinutes"] == 0 and "sem dado" in out["summary"]


def test_persuasion_triggers_and_empathy() -> None:
    warm = run("qa_auditor", ctx_of([
        ("lead", "Tenho medo de doer", 0),
        ("seller", "Entendo perfeitamente, Mariana, fique tranquila! A Dra. Renata é dermatologista com 15 anos "
                   "de experiência.", 2),
        ("seller", "Esse mês o botox sai de R$ 1.690 por R$ 1.290, só até sexta, e restam só 2 vagas. "
                   "Nossas clientes amam! E a avaliação é cortesia.", 3)], status="WON"))
    assert set(warm["persuasionTriggers"]) == {"SCARCITY", "URGENCY", "SOCIAL_PROOF", "AUTHORITY", "RECIPROCITY",
                                               "ANCHORING"}
    cold = run("qa_auditor", ctx_of([("lead", "Tenho medo de doer", 0), ("seller", "Depende", 30),
                                     ("lead", "E parcela?", 40), ("seller", "Não", 90)], status="LOST"))
    assert cold["persuasionTriggers"] == []
    assert warm["empathyScore"] >= 7 > 4 >= cold["empathyScore"]
    assert warm["overallScore"] > cold["overallScore"]
    assert cold["improvementTip"]


# ------------------------------------------------------------------------------ ICP
@pytest.mark.parametrize(("text", "stage", "persona_word"), [
    ("Sou mãe de primeira viagem, meu bebê tem 4 meses", "NEW_PARENT", "primeira viagem"),
    ("Sou empresária, não tenho tempo, só entre uma reunião e outra", "EXECUTIVE", "Empresária"),
    ("Sou estudante, faço faculdade de direito", "STUDENT", "Estudante"),
    ("Sou aposentada e quero ficar bonita pros netos", "RETIRED", "Aposentada"),
    ("Levo meus filhos na escola e depois posso ir", "PARENT", "filhos"),
])
def test_icp_life_stage(text: str, stage: str, persona_word: str) -> None:
    out = run("icp_mapper", ctx_of([("lead", text, 0), ("seller", "Que ótimo! Fica R$ 1.290", 3),
                                    ("lead", "Fechado, paguei no pix", 9)], status="WON"))
    assert out["lifeStage"] == stage and persona_word in out["persona"]


def test_icp_age_and_unknown() -> None:
    aged = run("icp_mapper", ctx_of([("lead", "Tenho 42 anos e muito medo de ficar artificial", 0)], status="WON"))
    assert aged["ageRange"] == "35_44" and aged["decisionDriver"] in ("RESULTS", "SAFETY")
    blank = run("icp_mapper", ctx_of([("lead", "Oi", 0), ("seller", "Oi!", 1)], status="WON"))
    assert blank["lifeStage"] == "UNKNOWN" and blank["ageRange"] == "UNKNOWN"
