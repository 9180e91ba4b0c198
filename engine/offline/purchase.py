"""Did the purchase already happen, and for how much? Built to resist the usual traps.

A payment counts only when it is a completed act (past tense, first person or the seller confirming
receipt), not a plan ("vou fazer o pix amanhã"), a condition ("se eu fechar hoje..."), a question
("posso pagar semana que vem?") or someone else's payment ("minha amiga pagou 800"). Lead text that
tries to instruct the analyser is already excluded by the Reading. A value the lead claims must be
plausible: it must match the ticket value or a price the seller quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from engine.offline.lexicon import LEAD_ACT, PAYMENT_WORD, SELLER_RECEIPT, cue
from engine.offline.money import Amount, amounts, installment_total
from engine.offline.reading import Line, Reading

# Short acknowledgements that are a receipt only right after the lead paid or sent an attachment.
SOFT_RECEIPT = cue([r"recebid[oa]s?", r"recebi", r"recebemos", r"received", r"got it", r"confirmad\w*", r"confirmed",
                    r"caiu", r"aprovad[oa]", r"approved", r"chegou (?:aqui|sim|certinho)", r"identific(?:amos|ado|ei)", r"compensou"])
# "Feito ✅" right after the seller sent the pix key or the payment link is the lead paying.
SHORT_DONE = re.compile(r"^(?:(?:pronto|feito|done|listo|prontinho|foi)[!. ]*(?:emo_\w+)?|ok[!. ]*emo_check)[!. ]*"
                        r"(?:(?:r\$ ?)?\d[\d.,]*)?[!. ]*(?:emo_\w+)?[!. ]*$")
# The seller asking for the money (key, link): "pagamento no dia" is not a request, and "ok" to it is no payment.
PAY_REQUEST = cue([r"pix", r"chave", r"link", r"cnpj", r"transferencia", r"dados bancarios"])
# A payment made elsewhere or long ago ("na outra clínica paguei 900") is not this purchase.
ELSEWHERE = cue([r"(?:outra|outro|anterior|antiga|ultima) (?:clinica|lugar|consultorio|vez|profissional)", r"ano passado",
                 r"(?:clinica|lugar|vez) (?:anterior|passada)", r"em outr[oa] \\w+", r"(?:another|other|previous|last) (?:clinic|place|time)",
                 r"last year", r"(?:otra|anterior) clinica"])
# Markers that turn an act into a plan, a condition or a question.
NOT_DONE = cue([
    r"vou", r"vai", r"irei", r"vamos", r"amanha", r"depois", r"mais tarde", r"semana que vem", r"mes que vem",
    r"posso", r"poderia", r"pode", r"se", r"quando", r"caso", r"assim que", r"ainda nao", r"nao", r"nem",
    r"will", r"going to", r"gonna", r"tomorrow", r"later", r"next week", r"can i", r"could i", r"if", r"when",
    r"once", r"would", r"not", r"haven't", r"didn't", r"did not", r"have not",
    r"(?:so )?confirma\w*(?: ai)?(?: para mim)? que",  # "só confirma aí que o pagamento tá feito" asks, it does not pay
])
THIRD_PARTY = cue([
    r"(?:minha|meu|uma|um) (?:amiga|amigo|irma|irmao|prima|primo|colega|vizinha|vizinho|cunhada|conhecida|"
    r"conhecido|tia|sogra|cliente|marido|esposo|esposa|namorado|namorada|noivo|noiva|mae|pai|filha|filho)", r"ela", r"ele", r"elas", r"eles", r"fulana",
    r"(?:my|a) (?:friend|sister|brother|cousin|coworker|colleague|neighbou?r)", r"she", r"he", r"they",
])
# "meu marido pagou pra mim": someone else paying the lead's own purchase is still the purchase.
FOR_ME = cue([r"(?:pra|para|por) mim", r"(?:o|a) (?:meu|minha) (?:procedimento|sessao|aplicacao|botox|tratamento)",
              r"for me", r"my (?:treatment|session|appointment)"])
THIRD_ACT = cue([r"pagou", r"fez o (?:pix|pagamento)", r"transferiu", r"mandou o (?:pix|pagamento)", r"depositou",
                 r"paid", r"sent the (?:payment|money)"])
DEPOSIT = cue([r"sinal", r"entrada", r"reserva", r"metade", r"primeira parcela", r"deposit", r"down payment"])


@dataclass(frozen=True)
class Purchase:
    confirmed: bool
    value: float | None
    currency: str | None
    evidence: Line | None
    trap: Line | None  # the strongest non-payment that mentioned paying (plan, condition, third party)
    trap_kind: str | None  # future | conditional | third_party | implausible
    seller_confirmed: bool


PAY_MENTION = cue([r"pix", r"pagar", r"pago", r"pagou", r"paguei", r"transferi\w*", r"deposit\w*", r"pagamento", r"comprovante", r"fechar",
                   r"fechou", r"pay", r"paid", r"pays", r"payment"])
_SPLIT = re.compile(r"(?<=[.!?;\n])|,\s|\s(?:mas|but|porem)\s")


# The seller saying the money did not arrive: the lead's earlier "fiz o pix" is not a proof yet.
SELLER_DENIAL = cue([r"nao (?:caiu|chegou|entrou|apareceu|consta)", r"ainda nao (?:caiu|chegou|entrou|apareceu|recebi|recebemos|identifiquei)",
                     r"nao (?:recebi|recebemos|identifiquei|identificamos|localizei|localizamos|encontrei)",
                     r"(?:hasn't|has not|didn't|did not) (?:arrive|come through|go through)", r"(?:haven't|have not|didn't) (?:received|get|got)",
                     r"no (?:ha |ha )?llegado", r"(?:deu|voltou|foi) (?:erro|estornad\w*|recusad\w*)"])


def _clause_kind(clause: str, act_pattern: re.Pattern[str], lead: bool, line: str = "") -> str | None:
    """'act' for a completed payment clause, a trap kind for talk about paying, None otherwise."""
    act = bool(act_pattern.search(clause))
    if not act and not (lead and PAY_MENTION.search(clause)):
        return None
    if ELSEWHERE.search(line or clause):
        return "mention"
    if THIRD_PARTY.search(clause):
        if FOR_ME.search(line or clause) and THIRD_ACT.search(clause) and not NOT_DONE.search(clause):
            return "act"  # "meu marido já pagou pra mim": the lead's own purchase, paid by someone else
        return "third_party"
    if "?" in clause or re.search(r"(?<!\w)(?:se|if|caso)(?!\w)", clause):
        return "conditional"
    if NOT_DONE.search(clause) or not act:
        return "future" if act or NOT_DONE.search(clause) else "mention"
    return "act"


def _scan(lines: list[Line], act_pattern: re.Pattern[str], lead: bool) -> tuple[list[Line], Line | None, str | None]:
    acts: list[Line] = []
    trap: Line | None = None
    trap_kind: str | None = None
    for ln in lines:
        kinds = [_clause_kind(c, act_pattern, lead, ln.norm) for c in _SPLIT.split(ln.norm) if c and c.strip()]
        if "act" in kinds:
            acts.append(ln)
        else:
            kind = next((k for k in kinds if k and k != "mention"), None)
            if kind:
                trap, trap_kind = ln, kind
    return acts, trap, trap_kind


def _plausible(value: float, r: Reading) -> bool:
    """A claimed value is plausible when it matches the ticket or a quoted price (or an installment of it)."""
    refs = [v for v in [r.ticket_value, *r.quoted_prices] if v]
    if not refs:  # nothing to compare with: accept an everyday amount, not a fantasy one
        return value <= 20_000
    for ln in r.seller:
        total = installment_total(ln.norm)
        if total:
            refs.append(total)
    return any(abs(value - ref) <= max(1.0, 0.02 * ref) for ref in refs) or any(
        value < ref for ref in refs if value >= 0.1 * ref)  # a deposit ("sinal") below the quoted price


def _amount_in(ln: Line, r: Reading) -> Amount | None:
    found = [a for a in amounts(ln.norm, r.ticket_currency) if a.role != "anchor"]
    return found[-1] if found else None


def _short_acts(r: Reading) -> list[Line]:
    """Short "feito ✅" messages, or a receipt-looking attachment, answering the seller's pix key or payment link."""
    out: list[Line] = []
    prev: Line | None = None
    for ln in r.lines:
        answer = SHORT_DONE.match(ln.norm) or _payment_attachment(ln)
        if ln.author == "lead" and not ln.untrusted and answer and prev is not None and PAY_REQUEST.search(prev.norm):
            out.append(ln)
        if ln.author == "seller":
            prev = ln
    return out


# Attachments that are plainly something else (a selfie, exams, a doctor's letter): "Recebi!" to them is no receipt.
OTHER_ATTACHMENT = cue([r"selfie\w*", r"fotos? (?:d[oa]s?|de|mostrando) \w+", r"foto\w*", r"photo\w*", r"exame\w*", r"receita\w*", r"laudo\w*", r"carta\w*",
                        r"letter", r"antes e depois", r"before[ /]after", r"anuncio", r"(?:rg|cnh|documento de identidade)", r"orcamento\w*",
                        r"atestado", r"video", r"rosto", r"face", r"pele", r"skin", r"testa", r"papada", r"boca", r"labios?", r"sorriso", r"dentes?"])


def _payment_attachment(ln: Line) -> bool:
    return ln.type in ("image", "document") and (bool(PAYMENT_WORD.search(ln.norm)) or not OTHER_ATTACHMENT.search(ln.norm))


def _soft_receipts(r: Reading, acts: list[Line]) -> list[Line]:
    """Seller acknowledgements ("Recebido!") that follow a lead payment act or a payment-looking attachment."""
    out: list[Line] = []
    paid_at = {ln.index for ln in acts} | {ln.index for ln in r.lead if _payment_attachment(ln)}
    if not paid_at:
        return out
    for ln in r.seller:
        if OTHER_ATTACHMENT.search(ln.norm) and not PAYMENT_WORD.search(ln.norm):
            continue  # "recebi a foto, vou mostrar pra Dra."
        if SOFT_RECEIPT.search(ln.norm) and not NOT_DONE.search(ln.norm.split(",")[0]) and any(
                0 < ln.index - i <= 3 for i in paid_at):
            out.append(ln)
    return out


def detect(r: Reading) -> Purchase:
    """Decide purchaseConfirmed, value and currency from completed payment acts only."""
    receipts, _, _ = _scan(r.seller, SELLER_RECEIPT, lead=False)
    acts, trap, trap_kind = _scan(r.lead, LEAD_ACT, lead=True)
    acts = sorted(set(acts) | set(_short_acts(r)), key=lambda ln: ln.index)
    # "não caiu aqui ainda" after the lead's "fiz o pix": that act is not a proof (a later receipt still is)
    denials = [ln.index for ln in r.seller if SELLER_DENIAL.search(ln.norm)]
    acts = [a for a in acts if not any(d > a.index for d in denials)]
    receipts += [ln for ln in _soft_receipts(r, acts) if ln not in receipts]
    receipts.sort(key=lambda ln: ln.index)
    attachments = [ln for ln in r.lead if _payment_attachment(ln) and (
        PAYMENT_WORD.search(ln.norm) or any(abs(ln.index - a.index) <= 2 for a in receipts + acts))]
    if not acts and not receipts and not attachments:
        return Purchase(False, None, None, None, trap, trap_kind, False)
    # The value: the seller's receipt first, then a plausible claim from the lead, then the ticket / last quote.
    value: float | None = None
    currency: str | None = None
    for ln in receipts + acts:
        a = _amount_in(ln, r)
        if a is None:
            continue
        if ln.author == "seller" or _plausible(a.value, r):
            value, currency = a.value, a.currency
            deal = r.ticket_value or max(r.quoted_prices, default=0.0)
            if deal and value < 0.98 * deal and (DEPOSIT.search(ln.norm) or r.ticket_value):
                value = deal  # a deposit or first instalment locks the whole deal: report the deal value
            break
        if not receipts:  # an unbacked, implausible amount is a claim, not a proof
            return Purchase(False, None, None, None, ln, "implausible", False)
    if value is None:
        value = r.ticket_value or (r.quoted_prices[-1] if r.quoted_prices else None)
    if value is not None and currency is None:
        currency = r.ticket_currency if r.ticket_currency in ("BRL", "USD", "EUR") else None
    evidence = receipts[-1] if receipts else (acts[-1] if acts else attachments[-1])
    if receipts and acts:
        evidence = acts[-1]  # the lead's own words read better as proof, the receipt backs them
    return Purchase(True, value, currency, evidence, trap, trap_kind, bool(receipts))
