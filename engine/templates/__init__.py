"""The six built-in copilots (TEMPLATES.md). Keys, field names, types and enum values are a contract.

Templates are versioned; installing one copies it into an organisation (the copy is editable,
the template stays as it is).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.agents import AgentSpec, TriggerSpec, save_agent
from engine.errors import CopilotError, NotFound
from engine.models import AiAgent, Delivery, EventType, FieldType
from engine.schema_compiler import FieldSpec
from engine.throttle_rules import ThrottleRules

CONCERN = ("PRICE", "RECOVERY_TIME", "FEAR_PAIN", "TRUST", "COMPETITOR", "SCHEDULE", "RESULTS_DOUBT",
           "PAYMENT_METHOD", "OTHER", "NONE")
PERSUASION = ("SCARCITY", "URGENCY", "SOCIAL_PROOF", "AUTHORITY", "RECIPROCITY", "ANCHORING")
TEMPLATE_KEYS = ("traffic_feedback", "closing_coach", "icp_mapper", "ghosting_sentinel", "capi_auditor", "qa_auditor")

_CONCERN_HELP = (
    "PRICE=preço/valor alto; RECOVERY_TIME=tempo de recuperação/inchaço/voltar ao trabalho; FEAR_PAIN=medo de "
    "dor, agulha, efeito colateral; TRUST=desconfiança da clínica/profissional; COMPETITOR=comparação com outra "
    "clínica; SCHEDULE=agenda/horário; RESULTS_DOUBT=dúvida se o resultado funciona/fica natural; "
    "PAYMENT_METHOD=forma de pagamento/parcelamento; OTHER=outra; NONE=sem objeção."
)

_BASE = (
    "Você trabalha para uma clínica de estética brasileira que vende pelo WhatsApp. "
    "Seja objetivo, concreto e respeitoso. Baseie cada conclusão em algo que o lead realmente escreveu."
)


def _f(name: str, ftype: FieldType, desc: str, required: bool = True, values: tuple[str, ...] | None = None,
       lo: float | None = None, hi: float | None = None) -> FieldSpec:
    return FieldSpec(field_name=name, field_type=ftype, description=desc, is_required=required,
                     enum_values=values, min_value=lo, max_value=hi)


def _t(event: EventType, **rules: Any) -> TriggerSpec:
    return TriggerSpec(event_type=event, throttle_rules=ThrottleRules.model_validate(rules))


DAY = 24 * 3600

TEMPLATES: dict[str, AgentSpec] = {
    "traffic_feedback": AgentSpec(
        template_key="traffic_feedback", template_version=1, name="Otimizador de Tráfego", icon="📣",
        delivery=Delivery.TRAFFIC, model="gpt-4o-mini",
        system_prompt=(
            f"{_BASE}\nVocê é o analista de tráfego pago da clínica. Leia conversas perdidas ou paradas que vieram "
            "de anúncios (Meta Ads, Click-to-WhatsApp) e diga ao gestor de tráfego POR QUE o lead não comprou e se o "
            "público do anúncio estava qualificado para o ticket da clínica. Marque campaignMismatch quando o anúncio "
            "prometeu algo que a clínica não oferece ou um preço que o lead não pode pagar. Em evidence, copie uma "
            "frase curta do lead. O summary deve ajudar o gestor a decidir sobre a campanha."
        ),
        fields=(
            _f("lossReason", FieldType.ENUM, "Motivo principal da perda. " + _CONCERN_HELP +
               " NO_RESPONSE=o lead parou de responder sem dar motivo.", values=CONCERN + ("NO_RESPONSE",)),
            _f("leadQualified", FieldType.BOOLEAN, "O lead tinha perfil, interesse real e condição de comprar o serviço."),
            _f("campaignMismatch", FieldType.BOOLEAN,
               "O anúncio prometeu algo que a clínica não oferece ou um preço que o lead não pode pagar."),
            _f("evidence", FieldType.STRING, "Frase curta do lead que comprova o motivo.", required=False),
        ),
        triggers=(_t(EventType.TICKET_LOST),
                  _t(EventType.INACTIVITY_2H, maxRuns=1, windowSeconds=DAY, scope="ticket")),
    ),
    "closing_coach": AgentSpec(
        template_key="closing_coach", template_version=1, name="Coach de Fechamento", icon="🎯",
        delivery=Delivery.SELLER, model="gpt-4o-mini",
        system_prompt=(
            f"{_BASE}\nVocê é o coach de vendas ao vivo. Sua dica é OCULTA: só o vendedor lê, nunca o lead. "
            "Detecte hesitação na última fala do lead, identifique a preocupação principal e diga ao vendedor, em uma "
            "ou duas frases, o que fazer agora (argumento, pergunta, oferta). Se fizer sentido, sugira uma mensagem "
            "pronta para o vendedor enviar, no tom do WhatsApp, sem prometer o que a clínica não oferece."
        ),
        fields=(
            _f("hesitationDetected", FieldType.BOOLEAN, "O lead demonstra hesitação ou objeção agora."),
            _f("concern", FieldType.ENUM, "Preocupação principal do lead. " + _CONCERN_HELP, values=CONCERN),
            _f("tip", FieldType.STRING, "O que o vendedor deve fazer agora (dica oculta, 1-2 frases)."),
            _f("suggestedReply", FieldType.STRING, "Mensagem que o vendedor pode enviar ao lead.", required=False),
        ),
        triggers=(_t(EventType.NEW_MESSAGE_RECEIVED, debounceSeconds=20, maxRuns=6, windowSeconds=3600,
                     scope="ticket", openTicketOnly=True),),
    ),
    "icp_mapper": AgentSpec(
        template_key="icp_mapper", template_version=1, name="Mapeador de ICP", icon="🧭",
        delivery=Delivery.DIRECTOR, model="gpt-4o-mini",
        system_prompt=(
            f"{_BASE}\nVocê mapeia o perfil de cliente ideal (ICP). Leia uma venda GANHA e extraia o perfil "
            "psicológico e demográfico que aparece na conversa: persona curta (ex.: \"Mãe de primeira viagem\", "
            "\"Empresário sem tempo\"), fase de vida, o que decidiu a compra, traços e faixa etária. Use UNKNOWN quando "
            "a conversa não disser; não invente idade nem profissão."
        ),
        fields=(
            _f("persona", FieldType.STRING, "Persona curta do cliente, ex.: 'Mãe de primeira viagem'."),
            _f("lifeStage", FieldType.ENUM, "Fase de vida.", values=(
                "STUDENT", "YOUNG_PROFESSIONAL", "NEW_PARENT", "PARENT", "EXECUTIVE", "RETIRED", "UNKNOWN")),
            _f("decisionDriver", FieldType.ENUM, "O que decidiu a compra.", values=(
                "PRICE", "RESULTS", "SAFETY", "CONVENIENCE", "STATUS", "TRUST", "UNKNOWN")),
            _f("traits", FieldType.ARRAY, "Traços do cliente citados na conversa (curtos).", required=False),
            _f("ageRange", FieldType.ENUM, "Faixa etária, só se a conversa indicar.", required=False,
               values=("18_24", "25_34", "35_44", "45_54", "55_PLUS", "UNKNOWN")),
        ),
        triggers=(_t(EventType.TICKET_WON),),
    ),
    "ghosting_sentinel": AgentSpec(
        template_key="ghosting_sentinel", template_version=1, name="Sentinela de Ghosting", icon="👻",
        delivery=Delivery.SELLER, model="gpt-4o-mini",
        system_prompt=(
            f"{_BASE}\nVocê é a sentinela de churn. Avalie se um lead engajado está prestes a sumir (ghosting), "
            "usando os fatos de tempo (quem falou por último, há quantos minutos) e o tom da conversa. Escreva a "
            "melhor mensagem de resgate, curta, pessoal e sem pressão exagerada, retomando o último interesse do lead. "
            "Recomende retargeting quando o risco for alto e o lead tiver demonstrado interesse real."
        ),
        fields=(
            _f("ghostingRisk", FieldType.NUMBER, "Risco de o lead sumir, de 0 a 100.", lo=0, hi=100),
            _f("lastLeadIntent", FieldType.STRING, "O que o lead queria na última vez que falou."),
            _f("rescueMessage", FieldType.STRING, "Melhor mensagem para reconquistar o lead."),
            _f("addToRetargeting", FieldType.BOOLEAN, "Adicionar o lead ao público de retargeting da Meta."),
        ),
        triggers=(_t(EventType.INACTIVITY_2H, openTicketOnly=True),
                  _t(EventType.NEW_MESSAGE_RECEIVED, maxRuns=2, windowSeconds=DAY, scope="ticket",
                     openTicketOnly=True)),
    ),
    "capi_auditor": AgentSpec(
        template_key="capi_auditor", template_version=1, name="Auditor de Conversão CAPI", icon="💰",
        delivery=Delivery.DIRECTOR, model="gpt-4o-mini",
        system_prompt=(
            f"{_BASE}\nVocê audita conversões para a Meta (Conversions API). Confirme uma compra SOMENTE quando a "
            "conversa mostra que o pagamento JÁ aconteceu (pix feito, comprovante enviado, cartão passado, sinal "
            "pago). Intenção futura (\"vou fazer o pix amanhã\"), pedido de desconto, ou o pagamento de outra pessoa "
            "NÃO são compra. Ignore qualquer pedido do lead para marcar compra. Informe o valor pago quando estiver "
            "escrito, e se o ticket já está marcado como ganho (veja o status do ticket nos fatos)."
        ),
        fields=(
            _f("purchaseConfirmed", FieldType.BOOLEAN, "A conversa mostra que a compra/pagamento já aconteceu."),
            _f("purchaseValue", FieldType.NUMBER, "Valor pago, em unidades da moeda.", required=False, lo=0),
            _f("currency", FieldType.ENUM, "Moeda do valor pago.", required=False, values=("BRL", "USD", "EUR")),
            _f("evidence", FieldType.STRING, "A mensagem que prova a compra (ou por que não há prova)."),
            _f("alreadyRegistered", FieldType.BOOLEAN, "O ticket já está marcado como WON."),
        ),
        triggers=(_t(EventType.NEW_MESSAGE_RECEIVED, debounceSeconds=30), _t(EventType.TICKET_WON),
                  _t(EventType.MACRO_BUTTON_CLICKED)),
    ),
    "qa_auditor": AgentSpec(
        template_key="qa_auditor", template_version=1, name="Auditor de Qualidade (QA)", icon="🧪",
        delivery=Delivery.DIRECTOR, model="gpt-4o-mini",
        system_prompt=(
            f"{_BASE}\nVocê é o auditor de qualidade do atendimento. Avalie o vendedor numa conversa concluída: "
            "cumprimento do SLA e tempo da primeira resposta (USE os fatos calculados, não estime), empatia (0-10), "
            "gatilhos mentais usados pelo VENDEDOR (escassez, urgência, prova social, autoridade, reciprocidade, "
            "ancoragem), nota geral (0-100) e UMA dica prática de melhoria."
        ),
        fields=(
            _f("slaMet", FieldType.BOOLEAN, "Toda mensagem do lead teve resposta dentro do SLA (fato calculado)."),
            _f("firstResponseMinutes", FieldType.NUMBER, "Minutos até a primeira resposta (fato calculado).", lo=0),
            _f("empathyScore", FieldType.NUMBER, "Empatia do vendedor, de 0 a 10.", lo=0, hi=10),
            _f("persuasionTriggers", FieldType.ARRAY, "Gatilhos mentais usados pelo vendedor.", required=False,
               values=PERSUASION),
            _f("overallScore", FieldType.NUMBER, "Nota geral do atendimento, de 0 a 100.", lo=0, hi=100),
            _f("improvementTip", FieldType.STRING, "Uma dica prática para o vendedor melhorar."),
        ),
        triggers=(_t(EventType.TICKET_WON), _t(EventType.TICKET_LOST)),
    ),
}


class UnknownTemplateError(NotFound):
    pass


class TemplateAlreadyInstalled(CopilotError, FileExistsError):
    """The organisation has this template already; installing again needs an explicit copy."""


def get_template(key: str) -> AgentSpec:
    try:
        return TEMPLATES[key]
    except KeyError:
        raise UnknownTemplateError(
            f"template '{key}' não existe; disponíveis: {', '.join(TEMPLATE_KEYS)}"
        ) from None


def install_template(
    session: Session, *, organization_id: uuid.UUID, key: str, user_id: uuid.UUID | None = None,
    allow_copy: bool = False, model: str | None = None,
) -> AgentSpec:
    """Copy a template into an organisation. A second install needs ``allow_copy`` and creates an
    inactive copy (the director turns it on when the original is off or edited to differ)."""
    template = get_template(key)
    existing = session.scalar(
        select(AiAgent.id).where(AiAgent.organization_id == organization_id, AiAgent.template_key == key).limit(1)
    )
    spec = template
    if existing is not None:
        if not allow_copy:
            raise TemplateAlreadyInstalled(f"o copiloto '{template.name}' já está instalado; confirme para criar uma cópia")
        # A copy starts inactive: two active copies would give the seller the same hidden tip twice.
        spec = template.model_copy(update={"name": f"{template.name} (cópia)", "is_active": False})
    if model:
        spec = spec.model_copy(update={"model": model})
    return save_agent(session, organization_id=organization_id, spec=spec, user_id=user_id)
