"""Service quality of the seller: empathy, persuasion triggers, an overall score and the weakest dimension.

SLA and first-response time are never computed here: they are facts from ``ctx.facts``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from engine.offline.lexicon import cue
from engine.offline.reading import Reading

TRIGGERS: dict[str, re.Pattern[str]] = {
    "SCARCITY": cue([r"ultim[oa]s? (?:vagas?|horarios?|unidades?|doses?|encaixes?)",
                     r"(?:so|somente|apenas) (?:restam|resta|tenho|temos|sobrou|sobraram) (?:mais )?(?:\w+ )?(?:vagas?|horarios?|encaixes?)",
                     r"(?:vagas?|horarios?) (?:limitad\w*|acabando|esgotando)", r"(?:quase )?(?:lotad[oa]|esgotad[oa])", r"poucas vagas", r"(?:so|somente) (?:restam|tenho|temos) \w+ (?:vagas?|horarios?)",
                     r"vagas limitadas", r"restam (?:so |apenas )?\w+ (?:vagas?|horarios?)", r"agenda (?:quase )?(?:lotada|cheia)",
                     r"estoque limitado", r"(?:only|just) \w+ (?:spots?|slots?|left)", r"last (?:spots?|slots?|few)",
                     r"limited (?:spots|slots|availability|stock)", r"almost (?:fully )?booked"]),
    "URGENCY": cue([r"(?:garanta|garantir|garante) (?:ja|hoje|agora|o valor|o preco|a condicao|sua vaga)",
                    r"(?:condicao|promocao|valor|preco|desconto) (?:so |somente )?(?:ate|hoje|essa semana|esta semana)",
                    r"(?:fecha|fechar|fechando) (?:hoje|agora)", r"(?:vale|valido|valida) (?:so |somente )?(?:ate|hoje)",r"(?:so|somente|apenas) (?:hoje|ate hoje|essa semana|este mes|esse mes)", r"ate (?:hoje|amanha|sexta|domingo|o fim do mes|dia \d+)",
                    r"(?:promocao|condicao|oferta|desconto|valor) (?:termina|acaba|vale|valida|valido|e valid[oa])",
                    r"acaba hoje", r"ultimo dia", r"por tempo limitado", r"valid[oa] ate", r"nao perca", r"corre",
                    r"aproveit\w*", r"today only", r"ends (?:today|tomorrow|friday|soon)", r"until (?:friday|tomorrow|sunday)",
                    r"limited time", r"expires", r"don't miss", r"last day", r"this week only"]),
    "SOCIAL_PROOF": cue([r"(?:muitas|varias|nossas|minhas) (?:clientes|pacientes)", r"mais de \d+[\d.]* (?:clientes|pacientes|procedimentos|atendimentos)",
                         r"(?:a |o )?mais procurad[oa]", r"mais vendid[oa]", r"todo mundo (?:ama|adora|faz)", r"depoimentos?",
                         r"avaliac\w* (?:5|cinco) estrelas", r"antes e depois",
                         r"(?:varias|muitas|todas as) (?:meninas|mulheres|noivas|maes)", r"(?:fez|fizeram) (?:aqui|com a gente)", r"(?:as )?clientes (?:amam|adoram|aprovam)", r"antes e depois de (?:clientes|pacientes)",
                         r"many (?:clients|patients)", r"(?:our|other) clients", r"hundreds of", r"reviews", r"best ?seller",
                         r"most popular", r"testimonials?", r"5[- ]star"]),
    # Credentials, not a mere mention of who does it ("a Dra. Renata aplica" is not authority).
    "AUTHORITY": cue([r"medic[oa] (?:dermatologista|especialista|responsavel)", r"dermatologista", r"especialista",
                      r"\d+ anos de (?:experiencia|mercado|atuacao)", r"anos de experiencia", r"certificad\w*",
                      r"aprovado pela anvisa", r"registrad[oa] na anvisa", r"crm", r"sbd", r"membro da \w+",
                      r"premiad\w*", r"referencia (?:em|no|na)", r"pos[- ]graduad\w*", r"mestrado", r"doutorado",
                      r"board[- ]certified", r"dermatologist", r"specialist", r"years of experience",
                      r"fda[- ]approved", r"certified"]),
    "RECIPROCITY": cue([r"brinde", r"de presente", r"cortesia", r"gratis", r"gratuit[oa]", r"bonus", r"mimo",
                        r"(?:vou|posso) (?:te )?(?:dar|incluir|oferecer) (?:um|uma)", r"sem custo", r"free",
                        r"complimentary", r"gift", r"on the house", r"at no (?:extra )?cost"]),
    "ANCHORING": cue([r"de (?:r\$|\$|€)\s?[\d.,]+ (?:por|para|sai por)", r"de [\d.,]+ (?:por|para) (?:r\$|\$|€)?\s?[\d.,]+",
                      r"(?:valor|preco) (?:normal|cheio|de tabela)", r"(?:normalmente|geralmente) (?:custa|sai|e)", r"era (?:r\$|\$)\s?[\d.,]+",
                      r"economi[az]\w* (?:de )?(?:r\$|\$)?\s?[\d.,]+", r"\d+ ?% (?:de desconto|off)", r"from \$\s?[\d.,]+ to",
                      r"regular(?:ly)? (?:price|costs?)", r"instead of \$?\s?[\d.,]+", r"(?:save|saving) \$?\s?[\d.,]+",
                      r"was \$\s?[\d.,]+"]),
}
EMPATHY = {
    "understanding": cue([r"entendo", r"compreendo", r"imagino", r"faz (?:todo )?sentido", r"e normal (?:ter|sentir)",
                          r"super normal", r"i understand", r"i hear you", r"makes (?:total )?sense", r"totally normal"]),
    "reassurance": cue([r"fique tranquil[ao]", r"pode ficar tranquil[ao]", r"sem problemas?", r"sem pressa",
                        r"no seu tempo", r"estou aqui", r"estamos aqui", r"conte comigo", r"qualquer duvida",
                        r"no worries", r"no rush", r"take your time", r"i'm here", r"any questions"]),
    "warmth": cue([r"que bom", r"fico feliz", r"ficamos felizes", r"adorei", r"com carinho", r"emo_pos", r"emo_thanks",
                   r"beijos", r"glad", r"happy to help", r"my pleasure", r"lovely"]),
    "courtesy": cue([r"obrigad[ao]", r"por favor", r"com certeza", r"claro", r"imagina", r"desculp\w*",
                     r"sinto muito", r"thank you", r"thanks", r"please", r"of course", r"sorry", r"absolutely"]),
    "discovery": cue([r"o que (?:te )?(?:incomoda|voce gostaria|voce busca|te preocupa)", r"qual (?:e )?(?:o )?seu objetivo",
                      r"me conta", r"como posso (?:te )?ajudar", r"o que voce (?:acha|prefere)", r"what (?:bothers|worries) you",
                      r"what are you looking for", r"tell me more", r"how can i help", r"your goal"]),
}
# Acknowledging the lead's feelings counts more than politeness.
_EMPATHY_WEIGHT = {"understanding": 1.6, "reassurance": 1.4, "warmth": 0.8, "courtesy": 0.6, "discovery": 0.8}
_GREETING = cue([r"oi", r"ola", r"bom dia", r"boa tarde", r"boa noite", r"hi", r"hello", r"hey"])


@dataclass(frozen=True)
class Quality:
    empathy: float
    triggers: list[str]
    curt_replies: int
    score: float
    weakest: str  # sla | first_response | empathy | persuasion | closing


def persuasion(r: Reading) -> list[str]:
    """Persuasion triggers the SELLER used (lead text never counts), in the contract's order."""
    text = " \n ".join(ln.norm for ln in r.seller)
    return [name for name, pat in TRIGGERS.items() if pat.search(text)]


def empathy(r: Reading) -> tuple[float, int]:
    """0-10 from seller empathy markers, the lead's name, and penalties for curt replies."""
    if not r.seller:
        return 0.0, 0
    text = " \n ".join(ln.norm for ln in r.seller)
    kinds = sum(_EMPATHY_WEIGHT[k] for k, pat in EMPATHY.items() if pat.search(text))
    hits = sum(len(pat.findall(text)) for pat in EMPATHY.values())
    name = r.first_name
    uses_name = bool(name and re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", text))
    curt = sum(1 for ln in r.seller if len(ln.norm.split()) <= 3 and ln.type == "text" and not _GREETING.search(ln.norm)
               and not EMPATHY["courtesy"].search(ln.norm))
    score = 3.0 + kinds + min(2.0, 0.25 * hits) + (1.0 if uses_name else 0.0)
    score -= min(4.0, 1.5 * curt)
    if r.ctx.facts.first_response_pending:
        score -= 1.0
    return round(max(0.0, min(10.0, score)), 1), curt


def assess(r: Reading, purchased: bool) -> Quality:
    """Combine SLA (a fact), first response (a fact), empathy, triggers and outcome into 0-100."""
    f = r.ctx.facts
    emp, curt = empathy(r)
    trig = persuasion(r)
    frm = f.first_response_minutes if f.first_response_minutes is not None else 0.0
    parts = {
        "sla": 25.0 if f.sla_met else max(0.0, 25.0 - 8.0 * f.sla_breaches),
        "first_response": 0.0 if f.first_response_pending else 10.0 if frm <= 5 else 7.0 if frm <= 15
        else 4.0 if frm <= 60 else 0.0,
        "empathy": emp * 2.5,
        "persuasion": min(3, len(trig)) * 5.0,
        "closing": 25.0 if r.status == "WON" or purchased else 5.0 if r.status == "LOST" else 12.0,
    }
    maxima = {"sla": 25.0, "first_response": 10.0, "empathy": 25.0, "persuasion": 15.0, "closing": 25.0}
    # The weakest dimension is the one furthest from its maximum, relative to its weight.
    weakest = min(parts, key=lambda k: (parts[k] / maxima[k], -maxima[k]))
    return Quality(emp, trig, curt, round(sum(parts.values()), 1), weakest)
