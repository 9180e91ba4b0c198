"""Offline engine rules (issue 11, the rules part): each general kind of miss, on short synthetic chats.

No database. Every sentence here was written for these tests; none is copied from an evaluation set.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.eval_offline import run_all
from engine.offline import signals
from engine.offline.lexicon import normalise
from engine.offline.reading import Line
from tests.test_offline_engine import T0, ctx_of, run

DEV3 = Path(__file__).resolve().parents[1] / "data" / "dev3"
QUOTE = [("lead", "oi, queria saber do botox"), ("seller", "Oi! O botox 3 regiões fica R$ 1.290.")]


def _chat(msgs: list[tuple[str, str]] | list[tuple[str, str, str]], **kw: Any) -> Any:
    return ctx_of([(m[0], m[1], float(i * 3), *m[2:]) for i, m in enumerate(msgs)], **kw)


def concern(*msgs: tuple[str, str], status: str = "OPEN") -> str:
    return str(run("closing_coach", _chat([*QUOTE, *msgs], status=status))["concern"])


def capi(*msgs: tuple[str, str] | tuple[str, str, str], status: str = "OPEN", value: float | None = 1290) -> tuple[bool, Any]:
    out = run("capi_auditor", _chat([("lead", "quero fechar o botox"), ("seller", "Fica R$ 1.290, chave pix 12.345.678/0001-90"),
                                     *msgs], status=status, value=value))
    return out["purchaseConfirmed"], out.get("purchaseValue")


def icp(*lead_lines: str) -> dict[str, Any]:
    msgs: list[tuple[str, str]] = [("lead", "oi, queria saber do botox"), ("seller", "Oi! R$ 1.290")]
    for t in lead_lines:
        msgs += [("lead", t), ("seller", "Entendi!")]
    msgs += [("lead", "fechado, manda o pix"), ("seller", "chave 123"), ("lead", "paguei ✅"), ("seller", "Recebido!")]
    return run("icp_mapper", _chat(msgs, status="WON"))


# ------------------------------------------------------------------ objections said without the old cue words
@pytest.mark.parametrize(("text", "expected"), [
    ("vou ter que juntar dinheiro primeiro", "PRICE"),
    ("esse mês tive uns gastos que eu não esperava, o carro quebrou", "PRICE"),
    ("quando sair meu salário eu vejo", "PRICE"),
    ("it's a bit over what I can spend right now", "PRICE"),
    ("meu plano odontológico cobre isso?", "PAYMENT_METHOD"),
    ("deu recusado no cartão, vou ver com o banco", "PAYMENT_METHOD"),
    ("uma moça perto de casa faz por 800", "COMPETITOR"),
    ("minha dentista de sempre vai fazer pra mim", "COMPETITOR"),
    ("a clinic near me charges half", "COMPETITOR"),
    ("vi umas avaliações bem feias de vocês no google", "TRUST"),
    ("quem garante que o produto não é diluído?", "TRUST"),
    ("não me sinto segura com quem não é médico", "TRUST"),
    ("fico quantos dias sem poder treinar?", "RECOVERY_TIME"),
    ("will the bruising be gone by saturday?", "RECOVERY_TIME"),
    ("tenho pavor de injeção, desmaio fácil", "FEAR_PAIN"),
    ("trabalho 12x36 e nos dias de folga não dá", "SCHEDULE"),
    ("durante a semana eu não consigo", "SCHEDULE"),
    ("parece tudo photoshop essas fotos", "RESULTS_DOUBT"),
    ("não quero ficar com cara de plastificada", "RESULTS_DOUBT"),
    ("tengo que hablarlo con mi esposo", "OTHER"),
    ("minha dermato disse que com rosácea não é indicado", "OTHER"),
    ("to tomando roacutan, tem problema?", "OTHER"),
    ("I can't justify spending that much", "PRICE"),
    ("la verdad ahora no me da el bolsillo", "PRICE"),
    ("can I split it across two cards?", "PAYMENT_METHOD"),
    ("my friend got it done and hated the result", "RESULTS_DOUBT"),
    ("mi prima se lo hizo y quedó horrible", "RESULTS_DOUBT"),
    ("¿cómo sé que el producto es original?", "TRUST"),
    ("¿voy a quedar hinchada para el trabajo?", "RECOVERY_TIME"),
    ("solo tengo libre los domingos", "SCHEDULE"),
    ("my husband thinks it's a waste", "OTHER"),
    ("a menina do salão faz por metade", "COMPETITOR"),
])
def test_objection_paraphrases(text: str, expected: str) -> None:
    assert concern(("lead", text)) == expected


def test_portuguese_no_is_not_a_negation() -> None:
    # "no centro" is "in the centre": the competitor's price still counts
    assert concern(("lead", "um consultório no centro faz por 250 cada")) == "COMPETITOR"
    assert concern(("lead", "no es caro")) == "NONE"  # Spanish "no" before a verb still negates


@pytest.mark.parametrize("text", ["e foi o preço mais em conta que achei", "vou confiar nessas fotos kkk",
                                  "minha irmã recomendou, ela trusts the doctor", "ah, então tem avaliação antes? que bom"])
def test_praise_and_consult_talk_are_no_objection(text: str) -> None:
    assert concern(("lead", text)) == "NONE"


# ------------------------------------------------------------------ several objections, resolution, order
def test_a_stated_cause_after_a_resolved_objection_is_current() -> None:
    assert concern(("lead", "vi mais barato em outra clínica"), ("seller", "Aqui inclui retorno"),
                   ("lead", "faz sentido, prefiro aí então"), ("lead", "mas preciso ver com meu marido antes")) == "OTHER"


def test_of_two_standing_objections_the_later_comparable_one_is_current() -> None:
    assert concern(("lead", "meu medo é ficar inchada no trabalho"), ("seller", "Some em 2 dias"), ("lead", "hmm, e dói?")) == "FEAR_PAIN"


@pytest.mark.parametrize(("msgs", "expected"), [
    ([("lead", "hum, tá bem acima do que eu imaginava"), ("seller", "Parcelo em 10x"), ("lead", "vou pensar, obrigada")], "PRICE"),
    ([("lead", "dá pra fazer 1000?"), ("seller", "Não consigo"), ("lead", "então não rola")], "PRICE"),
    ([("lead", "eu fazia por 900 em outra clínica"), ("seller", "Aqui é com dermatologista"),
      ("lead", "eu sei, mas tá acima do que eu quero gastar")], "PRICE"),
    ([("lead", "dia 30 eu viajo"), ("seller", "E durante a semana?"), ("lead", "não consigo, trabalho o dia todo")], "SCHEDULE"),
])
def test_loss_reason_of_a_lost_chat(msgs: list[tuple[str, str]], expected: str) -> None:
    assert run("traffic_feedback", _chat([*QUOTE, *msgs], status="LOST", now_after=600))["lossReason"] == expected


def test_a_service_the_clinic_does_not_do_is_lost_for_another_reason() -> None:
    ctx = _chat([("lead", "quero a lipo de papada, preciso de atestado de quantos dias?"),
                 ("seller", "Lipoaspiração cirúrgica a gente não faz, só a enzimática"),
                 ("lead", "então não serve, meu caso é cirúrgico")], status="LOST")
    out = run("traffic_feedback", ctx)
    assert out["lossReason"] == "OTHER" and out["campaignMismatch"] is True


def test_a_payment_rule_is_no_missing_service() -> None:
    ctx = _chat([("lead", "quero o botox"), ("seller", "Para esse procedimento não trabalhamos com boleto, só pix"),
                 ("lead", "ah ok")], status="LOST")
    assert run("traffic_feedback", ctx)["campaignMismatch"] is False


def test_every_objection_accepted_away_leaves_no_current_concern() -> None:
    assert concern(("lead", "dói muito?"), ("seller", "Usamos anestésico"), ("lead", "ah que bom, fiquei mais tranquila")) == "NONE"


def test_logistics_give_way_to_a_comparable_objection() -> None:
    assert concern(("lead", "is the doctor licensed? is it real botox? I'm nervous"),
                   ("seller", "Yes, board certified"), ("lead", "I fly back on the 30th, any availability?"),
                   status="WON") == "TRUST"


def test_a_worry_raised_after_paying_is_the_concern() -> None:
    assert concern(("lead", "fechado"), ("seller", "chave pix 123"), ("lead", "paguei o pix"), ("seller", "Recebido!"),
                   ("lead", "agora bateu um medo, vou sentir muita dor?"), status="WON") == "FEAR_PAIN"


def test_fear_of_an_objection_makes_that_objection_louder() -> None:
    ln = Line(0, "lead", "x", normalise("fiquei traumatizada, quem aplica aí?"), "text", T0, False)
    assert signals._line_scores(ln) == {"TRUST": 2.5}


# ------------------------------------------------------------------ purchases: indirect acts and traps
@pytest.mark.parametrize("msgs", [
    [("lead", "mandei 500 de entrada"), ("seller", "recebido!")],
    [("lead", "pix de 1,29k feito")],
    [("lead", "quitei tudo ontem")],
    [("seller", "o valor já consta aqui, obrigada")],
    [("lead", "listo, pagué con tarjeta por el link")],
    [("lead", "sent R$ 1,290 just now")],
    [("lead", "ontem passei o débito aí na recepção")],
    [("lead", "feito 💸 R$ 1.290")],
    [("lead", "meu marido transferiu pra vc agora pouco, é pro meu botox")],
    [("lead", "[imagem]", "image")],  # right after the seller's pix key
    [("lead", "pix tá feito")],
    [("lead", "pagado ✔️")],
    [("lead", "acertei tudo na recepção hoje")],
    [("lead", "já deixei pago o sinal, o resto pago lá")],
    [("lead", "pronto"), ("seller", "Show, tá pago!")],
])
def test_indirect_payments(msgs: list[tuple[str, str]]) -> None:
    assert capi(*msgs) == (True, 1290)


@pytest.mark.parametrize("msgs", [
    [("lead", "fiz o pix"), ("seller", "não caiu aqui ainda"), ("lead", "estranho, vou ver")],
    [("lead", "a clínica anterior eu paguei 900")],
    [("seller", "Pagamento no dia, tá?"), ("lead", "ok")],
    [("lead", "[selfie mostrando a papada]", "image"), ("seller", "Recebi a foto, obrigada! Vou mostrar pra Dra.")],
    [("lead", "[exames_tireoide.pdf]", "document"), ("seller", "Recebido!")],
    [("lead", "só confirma aí pra mim que o pagamento tá feito")],
    [("lead", "payment is on its way")],
    [("lead", "vou acertar o restante no dia")],
])
def test_payment_traps(msgs: list[tuple[str, str]]) -> None:
    assert capi(*msgs)[0] is False


def test_a_receipt_image_without_words_still_counts() -> None:
    assert capi(("lead", "[imagem]", "image"), ("seller", "Recebido, obrigada!"))[0] is True
    assert capi(("lead", "[foto do comprovante]", "image"), ("seller", "Recebido, obrigada!"))[0] is True


def test_a_later_receipt_still_confirms_after_a_denial() -> None:
    assert capi(("lead", "fiz o pix"), ("seller", "não caiu ainda"), ("seller", "caiu agora, obrigada!"))[0] is True


# ------------------------------------------------------------------ life stage and decision driver
@pytest.mark.parametrize(("text", "stage"), [
    ("me aposentei ano passado e agora tenho tempo", "RETIRED"),
    ("minha netinha faz aniversário e quero estar bonita", "RETIRED"),
    ("I run my own company and travel a lot", "EXECUTIVE"),
    ("vou lançar a loja nova mês que vem", "EXECUTIVE"),
    ("meu filho está no 3º ano, vestibular chegando", "PARENT"),
    ("tengo dos adolescentes en casa", "PARENT"),
    ("I just started my first job out of college", "YOUNG_PROFESSIONAL"),
    ("passei no concurso e tomei posse mês passado", "YOUNG_PROFESSIONAL"),
    ("estoy en el último año de la facu", "STUDENT"),
    ("I'm finishing my master's thesis", "STUDENT"),
])
def test_life_stage_paraphrases(text: str, stage: str) -> None:
    assert icp(text)["lifeStage"] == stage


def test_a_vocative_is_no_child() -> None:
    assert icp("bom dia minha filha, parei de dar aula e agora tenho tempo")["lifeStage"] == "RETIRED"


@pytest.mark.parametrize(("lines", "driver"), [
    (["minha amiga fez aí e amou, foi por isso que procurei vcs"], "TRUST"),
    (["prefiro pagar mais e fazer com quem é referência, aparência conta muito no meu meio"], "STATUS"),
    (["tomo remédio pra pressão e tenho diabetes, posso fazer tranquila?"], "SAFETY"),
    (["o produto é aprovado pela anvisa? quem aplica é médica?"], "SAFETY"),
    (["não tenho com quem deixar minha bebê, posso levar ela junto?"], "CONVENIENCE"),
    (["uau ficou descansada mesmo", "é isso que eu quero"], "RESULTS"),
    (["com presupuesto de estudiante jaja, tem desconto?"], "PRICE"),
])
def test_decision_driver_weighs_the_whole_chat(lines: list[str], driver: str) -> None:
    assert icp(*lines)["decisionDriver"] == driver


# ------------------------------------------------------------------ the independent development set
@pytest.mark.skipif(not (DEV3 / "labels.json").is_file(), reason="no data/dev3")
def test_dev3_stays_read() -> None:
    scores, _ = run_all(DEV3)
    floors = {"concern (closing_coach)": 0.75, "lossReason (LOST)": 0.8, "purchaseConfirmed": 0.95,
              "purchaseValue (both confirmed)": 0.95, "lifeStage (WON)": 0.9, "decisionDriver (WON)": 0.75}
    for name, floor in floors.items():
        assert scores[name].accuracy >= floor, (name, scores[name].misses)


def test_dev3_labels_are_complete() -> None:
    labels = json.loads((DEV3 / "labels.json").read_text(encoding="utf-8"))
    assert len(labels) == 90 and all((DEV3 / "conversations" / f"{k}.json").is_file() for k in labels)


# ------------------------------------------------------------------ second round (issue 11): concern and decisionDriver
DEV4 = Path(__file__).resolve().parents[1] / "data" / "dev4"


@pytest.mark.parametrize(("text", "expected"), [
    ("minha bolsa mal dá pro aluguel", "PRICE"),
    ("ainda pesa pra mim esse valor", "PRICE"),
    ("se fizer por 600 eu fecho hoje", "PRICE"),
    ("vi uma moça no bairro que faz por 400", "COMPETITOR"),
    ("en Encarnación me lo hacen por la mitad", "COMPETITOR"),
    ("dá tempo de desinchar até a formatura?", "RECOVERY_TIME"),
    ("¿se hincha mucho los primeros días?", "RECOVERY_TIME"),
    ("two weeks without wine? no way", "RECOVERY_TIME"),
    ("tem muito perfil falso por aí, vocês existem mesmo?", "TRUST"),
    ("minha colega fez e ficou com a boca torta", "RESULTS_DOUBT"),
    ("usa broca? só de ouvir me dá um escalofrio", "FEAR_PAIN"),
    ("vocês atendem sábado? meu plantão vai até sexta", "SCHEDULE"),
    ("meu noivo achou bobagem gastar com isso", "OTHER"),
    ("tomo varfarina, posso fazer?", "OTHER"),
    ("honestly that's beyond what I can afford, maybe after payday", "PRICE"),
    ("com 1500 eu pago o mês de creche, não dá", "PRICE"),
    ("então não é definitivo? pagar tudo isso pra ter que voltar todo ano", "RESULTS_DOUBT"),
    ("minha escala muda toda semana, difícil manter o intervalo", "SCHEDULE"),
    ("I need to feel safe with whoever does it and your listing says permanently closed", "TRUST"),
    ("a outra rede tá com promoção de 899", "COMPETITOR"),
    ("é caro, e o dinheiro é do casal, vou ver com ele", "OTHER"),
])
def test_second_round_objection_kinds(text: str, expected: str) -> None:
    assert concern(("lead", text)) == expected


def test_a_receipt_caption_is_no_payment_objection() -> None:
    # "[... em 10x]" describes the attachment: installments there are how it was paid, not an objection
    msgs = [("lead", "quero fechar"), ("seller", "link enviado"), ("lead", "[print pagamento aprovado R$ 1.290,00 em 10x] feito")]
    assert concern(*msgs, status="WON") == "NONE"


def test_an_objection_before_paying_something_else_stands() -> None:
    assert concern(("lead", "o orçamento não fecha esse mês, acabei de pagar a matrícula da escola")) == "PRICE"


def test_a_won_deal_reports_the_last_objection_overcome() -> None:
    msgs = [("lead", "achei caro"), ("seller", "Parcelo em 10x"), ("lead", "ah, assim dá"),
            ("lead", "e fica muito inchado? tenho reunião segunda"), ("seller", "Some em 2 dias"),
            ("lead", "fechado, paguei ✅"), ("seller", "Recebido!")]
    assert concern(*msgs, status="WON") == "RECOVERY_TIME"


@pytest.mark.parametrize(("lines", "driver"), [
    (["oi, lembra de mim? fiz preenchimento aí com a Dra Carla em maio"], "TRUST"),
    (["quem aplica? tem CRM?"], "SAFETY"),
    (["tenho 30 mil seguidores e gravo publi toda semana"], "STATUS"),
    (["minha festa de 15 anos é dia 20, quero estar linda nas fotos"], "STATUS"),
    (["vocês ficam do lado do metrô? to sem carro"], "CONVENIENCE"),
    (["por esse preço eu faço kkk"], "PRICE"),
])
def test_second_round_driver_kinds(lines: list[str], driver: str) -> None:
    assert icp(*lines)["decisionDriver"] == driver


def test_the_closing_argument_breaks_a_tie() -> None:
    # one price cue and one convenience cue from the lead; the seller's offer the lead said yes to was a discount
    msgs: list[tuple[str, str]] = [("lead", "oi, quanto o botox? tem horário no almoço?"), ("seller", "R$ 1.290"),
                                   ("lead", "tá um pouco caro"), ("seller", "No pix faço com 10% de desconto, fica R$ 1.160"),
                                   ("lead", "fechado, manda a chave"), ("seller", "chave 123"), ("lead", "paguei ✅")]
    from engine.offline.persona import closing_argument
    from engine.offline.reading import Reading
    assert closing_argument(Reading(_chat(msgs, status="WON"))) == {"PRICE": 1.0}


@pytest.mark.skipif(not (DEV4 / "labels.json").is_file(), reason="no data/dev4")
def test_dev4_stays_read() -> None:
    scores, _ = run_all(DEV4)
    floors = {"concern (closing_coach)": 0.75, "decisionDriver (WON)": 0.7, "purchaseConfirmed": 0.95}
    for name, floor in floors.items():
        assert scores[name].accuracy >= floor, (name, scores[name].misses)


@pytest.mark.parametrize(("text", "stage"), [
    ("desde que a Lia nasceu eu não durmo, 3 meses sem dormir", "NEW_PARENT"),
    ("preciso comprar o material escolar dos meninos ainda", "PARENT"),
    ("con mis dos nenes no tengo tiempo", "PARENT"),
    ("pago no cartão corporativo, pode ser?", "EXECUTIVE"),
    ("durante a semana to no trampo", "YOUNG_PROFESSIONAL"),
    ("sou professora de pilates, dou aula o dia todo", "YOUNG_PROFESSIONAL"),
    ("quem me mandou o anúncio foi minha nora", "RETIRED"),
])
def test_second_round_life_stage_kinds(text: str, stage: str) -> None:
    assert icp(text)["lifeStage"] == stage


@pytest.mark.parametrize("text", ["vou de pix mesmo", "vocês tão com promo de 999?", "é o mesmo preço no cartão?",
                                  "sou servidora pública"])
def test_second_round_cues_do_not_over_read(text: str) -> None:
    # a payment choice, a question about this clinic's promo: no competitor; no trust or status read into them either
    assert concern(("lead", text)) in ("NONE", "PAYMENT_METHOD")
    assert icp(text)["decisionDriver"] not in ("TRUST", "STATUS")
