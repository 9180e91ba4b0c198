"""What to say: per-concern coaching tips, suggested replies, rescue messages and QA improvement tips.

Texts are templates filled with what the conversation holds (first name, procedure, quoted price),
in the conversation's language.
"""

from __future__ import annotations

from engine.offline.reading import Reading

CONCERN_LABEL = {
    "pt": {"PRICE": "preço", "RECOVERY_TIME": "tempo de recuperação", "FEAR_PAIN": "medo de dor",
           "TRUST": "confiança na clínica", "COMPETITOR": "comparação com concorrente", "SCHEDULE": "agenda/horário",
           "RESULTS_DOUBT": "dúvida sobre o resultado", "PAYMENT_METHOD": "forma de pagamento", "OTHER": "outro motivo",
           "NONE": "nenhuma objeção", "NO_RESPONSE": "parou de responder"},
    "en": {"PRICE": "price", "RECOVERY_TIME": "recovery time", "FEAR_PAIN": "fear of pain", "TRUST": "trust",
           "COMPETITOR": "a competitor", "SCHEDULE": "scheduling", "RESULTS_DOUBT": "doubts about results",
           "PAYMENT_METHOD": "payment method", "OTHER": "another reason", "NONE": "no objection",
           "NO_RESPONSE": "stopped replying"},
}
_TIP = {
    "pt": {
        "PRICE": "Não baixe o preço de cara: reforce o valor do {proc} (quem aplica, produto, retorno incluso) e ofereça "
                 "parcelamento antes de qualquer desconto.",
        "PAYMENT_METHOD": "Apresente as formas de pagamento com números concretos (ex.: parcelas no cartão e pix com "
                          "desconto) e peça a escolha dela.",
        "RECOVERY_TIME": "Explique o pós do {proc} com honestidade (o que é normal, quantos dias) e sugira um dia que "
                         "não atrapalhe a rotina dela.",
        "FEAR_PAIN": "Acolha o medo antes de argumentar: explique anestesia/conforto no {proc} e ofereça uma avaliação "
                     "sem compromisso.",
        "TRUST": "Mostre prova: formação de quem aplica, registro, produto original e avaliações reais de clientes.",
        "COMPETITOR": "Não fale mal do concorrente: compare o que está incluso (produto, profissional, retorno) e "
                      "destaque o diferencial da clínica.",
        "SCHEDULE": "Ofereça duas opções concretas de horário (incluindo o período que ela pediu) e reserve na hora.",
        "RESULTS_DOUBT": "Mostre antes e depois de casos parecidos, explique quanto tempo dura o {proc} e alinhe "
                         "expectativa de resultado natural.",
        "OTHER": "Pergunte o que falta para ela decidir e responda exatamente a esse ponto, sem pressão.",
        "NONE": "O lead está receptivo: conduza para o próximo passo e proponha um horário para o {proc}.",
    },
    "en": {
        "PRICE": "Don't drop the price right away: restate the value of the {proc} (who performs it, product, "
                 "follow-up included) and offer installments before any discount.",
        "PAYMENT_METHOD": "Lay out the payment options with real numbers (card installments, upfront discount) and "
                          "ask which one works.",
        "RECOVERY_TIME": "Be honest about {proc} aftercare (what is normal, how many days) and suggest a date that "
                         "fits their routine.",
        "FEAR_PAIN": "Acknowledge the fear first, then explain numbing/comfort for the {proc} and offer a no-obligation "
                     "consultation.",
        "TRUST": "Show proof: the practitioner's credentials, licensed products and real client reviews.",
        "COMPETITOR": "Don't criticise the competitor: compare what's included (product, practitioner, follow-up) and "
                      "highlight what sets the clinic apart.",
        "SCHEDULE": "Offer two concrete time slots (including the period they asked for) and book on the spot.",
        "RESULTS_DOUBT": "Share before-and-after photos of similar cases, explain how long the {proc} lasts and set "
                         "natural-result expectations.",
        "OTHER": "Ask what is still missing for them to decide and answer exactly that, without pressure.",
        "NONE": "The lead is receptive: move to the next step and propose a time for the {proc}.",
    },
}
_REPLY = {
    "pt": {
        "PRICE": "{hi} entendo! O valor inclui {proc} com profissional especializada e retorno. Consigo parcelar no "
                 "cartão para caber melhor no seu mês. Quer que eu simule?",
        "PAYMENT_METHOD": "{hi} claro! Para o {proc} dá para parcelar no cartão ou pagar no pix com condição especial. "
                          "Qual fica melhor para você?",
        "RECOVERY_TIME": "{hi} ótima pergunta! No {proc} a maioria volta à rotina no mesmo dia ou no dia seguinte. "
                         "Posso te explicar os cuidados e achar um dia que não atrapalhe seus compromissos?",
        "FEAR_PAIN": "{hi} super normal ter esse receio! No {proc} usamos anestésico e vamos no seu ritmo. Quer vir "
                     "para uma avaliação sem compromisso e conhecer a doutora?",
        "TRUST": "{hi} faz todo sentido querer segurança! Quem faz o {proc} é nossa especialista, com produtos "
                 "originais e registro. Posso te mandar avaliações de clientes?",
        "COMPETITOR": "{hi} é ótimo comparar! Aqui o {proc} inclui avaliação, produto original e retorno. Quer que eu "
                      "te mostre o que está incluso?",
        "SCHEDULE": "{hi} a gente dá um jeito! Tenho horários alternativos para o {proc} nesta semana. Prefere "
                    "começo da manhã ou fim da tarde?",
        "RESULTS_DOUBT": "{hi} entendo! O {proc} tem resultado natural e posso te mostrar antes e depois de casos "
                         "parecidos com o seu. Quer ver?",
        "OTHER": "{hi} fico à disposição! O que ainda falta para você se sentir segura para decidir sobre o {proc}?",
        "NONE": "{hi} que bom! Vamos agendar seu {proc}? Tenho horários nesta semana. Qual dia fica melhor?",
    },
    "en": {
        "PRICE": "{hi} I understand! The price covers the {proc} with a specialist and a follow-up visit. We can split "
                 "it into card installments — want me to work out the numbers?",
        "PAYMENT_METHOD": "{hi} of course! For the {proc} you can pay in card installments or upfront with a special "
                          "rate. Which works best for you?",
        "RECOVERY_TIME": "{hi} great question! After the {proc} most clients are back to their routine the same or "
                         "next day. Shall I walk you through aftercare and find a day that suits you?",
        "FEAR_PAIN": "{hi} that's a very normal concern! For the {proc} we use numbing and go at your pace. Would you "
                     "like a no-obligation consultation first?",
        "TRUST": "{hi} it makes sense to want to feel safe! The {proc} is done by our certified specialist with "
                 "licensed products. Can I send you some client reviews?",
        "COMPETITOR": "{hi} comparing is smart! Here the {proc} includes the consultation, genuine product and a "
                      "follow-up. Want me to show you everything that's included?",
        "SCHEDULE": "{hi} we'll make it work! I have flexible slots for the {proc} this week. Early morning or late "
                    "afternoon?",
        "RESULTS_DOUBT": "{hi} I get it! The {proc} gives a natural result, and I can show you before-and-after photos "
                         "of similar cases. Would you like to see them?",
        "OTHER": "{hi} I'm here to help! What would you need to feel confident about the {proc}?",
        "NONE": "{hi} wonderful! Shall we book your {proc}? I have openings this week — which day suits you?",
    },
}
_RESCUE = {
    "pt": {
        "PRICE": "{hi} pensei em você: consegui uma condição de parcelamento para o {proc} que cabe melhor no bolso. "
                 "Quer que eu te mande os detalhes?",
        "PAYMENT_METHOD": "{hi} separei as opções de pagamento do {proc} (cartão parcelado ou pix). Posso te mandar?",
        "RECOVERY_TIME": "{hi} lembrei da sua dúvida sobre a recuperação do {proc}: dá para escolher um dia que não "
                         "atrapalhe sua rotina. Quer que eu veja uma data?",
        "FEAR_PAIN": "{hi} fiquei pensando no seu receio: o {proc} é feito com anestésico e bem no seu ritmo. Que tal "
                     "uma avaliação sem compromisso?",
        "TRUST": "{hi} te mando as avaliações de clientes e a formação da nossa especialista em {proc}? Assim você "
                 "decide com tranquilidade.",
        "COMPETITOR": "{hi} se ainda estiver comparando, te mostro tudo que está incluso no nosso {proc}. Posso?",
        "SCHEDULE": "{hi} abriram horários novos para o {proc} nesta semana, inclusive no período que você "
                    "precisava. Quer que eu reserve um?",
        "RESULTS_DOUBT": "{hi} separei antes e depois de casos parecidos com o seu no {proc}. Quer ver?",
        "OTHER": "{hi} passando para saber se ficou alguma dúvida sobre o {proc}. Estou por aqui!",
        "NONE": "{hi} ainda tem interesse no {proc}? Tenho horários nesta semana e posso reservar um para você.",
    },
    "en": {
        "PRICE": "{hi} I was thinking of you — I found an installment option for the {proc} that fits the budget "
                 "better. Shall I send the details?",
        "PAYMENT_METHOD": "{hi} I put together the payment options for the {proc} (card installments or upfront). "
                          "Want me to send them?",
        "RECOVERY_TIME": "{hi} about your recovery question for the {proc}: we can pick a day that won't disrupt "
                         "your routine. Shall I find a date?",
        "FEAR_PAIN": "{hi} I kept thinking about your concern — the {proc} is done with numbing, at your pace. How "
                     "about a no-obligation consultation?",
        "TRUST": "{hi} can I send you our client reviews and our specialist's credentials for the {proc}? That way you "
                 "can decide calmly.",
        "COMPETITOR": "{hi} if you're still comparing, I can show you everything included in our {proc}. May I?",
        "SCHEDULE": "{hi} new {proc} slots opened this week, including the times you needed. Want me to hold one?",
        "RESULTS_DOUBT": "{hi} I picked some before-and-after photos of {proc} cases similar to yours. Want to see?",
        "OTHER": "{hi} just checking whether you have any questions about the {proc}. I'm here!",
        "NONE": "{hi} are you still interested in the {proc}? I have openings this week and can hold one for you.",
    },
}
_IMPROVE = {
    "pt": {
        "sla": "Responda cada mensagem do lead em até {sla} min no horário comercial: houve {breaches} atraso(s) "
               "acima do SLA.",
        "first_response": "A primeira resposta levou {first} min: responda em poucos minutos (uma saudação rápida já "
                          "segura o lead) e detalhe depois.",
        "empathy": "Mostre mais empatia: chame o lead pelo nome, valide a preocupação (\"entendo\", \"faz sentido\") "
                   "e evite respostas secas.",
        "persuasion": "Use gatilhos com ética: prova social (resultados de clientes), autoridade (quem aplica) e uma "
                      "condição com prazo real.",
        "closing": "Conduza para o fechamento: trate a objeção principal ({concern}) e proponha um horário concreto.",
    },
    "en": {
        "sla": "Reply to every lead message within {sla} min during business hours: there were {breaches} "
               "late reply(ies).",
        "first_response": "The first reply took {first} min: answer within minutes (a quick greeting keeps the lead) "
                          "and add details after.",
        "empathy": "Show more empathy: use the lead's name, acknowledge the concern (\"I understand\") and avoid curt "
                   "replies.",
        "persuasion": "Use ethical persuasion: social proof (client results), authority (who performs it) and a real "
                      "time-limited offer.",
        "closing": "Drive to the close: address the main objection ({concern}) and propose a specific time.",
    },
}


def _fill(template: str, r: Reading) -> str:
    lang = r.lang
    proc = r.procedure or ("procedimento" if lang == "pt" else "treatment")
    name = r.first_name
    hi = (f"Oi, {name}," if lang == "pt" else f"Hi {name},") if name else ("Oi," if lang == "pt" else "Hi,")
    text = template.format(proc=proc, hi=hi)
    return text[0].upper() + text[1:]


def tip(concern: str, r: Reading) -> str:
    """Hidden coaching tip for the seller about ``concern``."""
    return _fill(_TIP[r.lang].get(concern, _TIP[r.lang]["OTHER"]), r)


def suggested_reply(concern: str, r: Reading) -> str:
    """A message the seller may send, addressing ``concern``."""
    return _fill(_REPLY[r.lang].get(concern, _REPLY[r.lang]["OTHER"]), r)


def rescue_message(concern: str, r: Reading) -> str:
    """A short win-back message that picks up the lead's last concern."""
    return _fill(_RESCUE[r.lang].get(concern, _RESCUE[r.lang]["NONE"]), r)


def improvement_tip(weakest: str, r: Reading, concern: str) -> str:
    """One practical tip on the seller's weakest dimension."""
    f = r.ctx.facts
    first = f"{f.first_response_minutes:.0f}" if f.first_response_minutes is not None else "—"
    return _IMPROVE[r.lang][weakest].format(sla=f.sla_minutes, breaches=f.sla_breaches, first=first,
                                            concern=CONCERN_LABEL[r.lang].get(concern, concern))
