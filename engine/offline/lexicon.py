"""Cue phrases (PT-BR + EN) and text normalisation for the offline engine.

Every cue works on *normalised* text: lowercase, accents stripped, WhatsApp shorthand expanded
("vc" -> "voce", "pq" -> "porque"), emojis mapped to neutral tokens (``emo_pos``, ``emo_neg``...).
Patterns are compiled once at import, so a call only runs ready regexes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ACCENTS = str.maketrans("áàâãäéèêëíìîïóòôõöúùûüçñ", "aaaaaeeeeiiiiooooouuuucn")
# Emojis become neutral tokens so one cue list serves both languages.
_EMOJI = {
    "😍": " emo_pos ", "🥰": " emo_pos ", "❤": " emo_pos ", "😊": " emo_pos ", "😀": " emo_pos ",
    "😁": " emo_pos ", "😄": " emo_pos ", "🙂": " emo_pos ", "💖": " emo_pos ", "🤩": " emo_pos ",
    "👏": " emo_pos ", "🥳": " emo_pos ", "👍": " emo_ok ", "👌": " emo_ok ", "🙏": " emo_thanks ",
    "😢": " emo_neg ", "😭": " emo_neg ", "😔": " emo_neg ", "😕": " emo_neg ", "😞": " emo_neg ",
    "☹": " emo_neg ", "😬": " emo_fear ", "😱": " emo_fear ", "😰": " emo_fear ", "😨": " emo_fear ",
    "🤔": " emo_thinking ", "💸": " emo_money ", "🤑": " emo_money ", "✔": " emo_check ", "✅": " emo_check ",
    "☑": " emo_check ", "✓": " emo_check ", "\ufe0f": "",
}
_EMOJI_TABLE = str.maketrans(_EMOJI)
_SHORTHAND = {
    "vc": "voce", "vcs": "voces", "voc": "voce", "pq": "porque", "pqp": "porque", "tb": "tambem",
    "tbm": "tambem", "tmb": "tambem", "blz": "beleza", "q": "que", "hj": "hoje", "td": "tudo",
    "tds": "todos", "obg": "obrigada", "obgd": "obrigada", "brigada": "obrigada", "vlw": "valeu",
    "msg": "mensagem", "qto": "quanto", "qnto": "quanto", "qt": "quanto", "qdo": "quando",
    "qnd": "quando", "cmg": "comigo", "dps": "depois", "dpois": "depois", "mt": "muito", "mto": "muito",
    "mta": "muita", "agr": "agora", "naum": "nao", "ñ": "nao", "nd": "nada", "tah": "ta", "eh": "e",
    "p": "para", "pra": "para", "pro": "para o", "c": "com", "fds": "fim de semana", "sdds": "saudades",
    "bjs": "beijos", "ctz": "certeza", "pfv": "por favor", "pf": "por favor", "plz": "please",
    "pls": "please", "u": "you", "ur": "your", "thx": "thanks", "im": "i'm", "dont": "don't",
    "cant": "can't", "wont": "won't", "ill": "i'll",
    # frequent typos and spellings of the words the cues rely on
    "pic": "pix", "piks": "pix", "fexado": "fechado", "fexou": "fechou", "obgda": "obrigada", "mds": "meu deus",
    "n": "nao", "nn": "nao", "ss": "sim", "sla": "sei la", "vdd": "verdade", "tmj": "tamo junto", "kd": "cade",
    "qria": "queria", "msm": "mesmo", "mmo": "mesmo", "tlgd": "ta ligado", "sqn": "so que nao", "qm": "quem", "oq": "o que", "qro": "quero", "dinheiros": "dinheiro", "$$": "dinheiro",
}
_SHORTHAND_RE = re.compile(r"(?<![\w$])(" + "|".join(sorted(map(re.escape, _SHORTHAND), key=len, reverse=True))
                           + r")(?![\w'$])")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def normalise(text: str) -> str:
    """Lowercase, strip accents, expand WhatsApp shorthand, map emojis to tokens."""
    t = text.lower().translate(_ACCENTS).translate(_EMOJI_TABLE).replace("’", "'")
    t = _SHORTHAND_RE.sub(lambda m: _SHORTHAND[m.group(1)], t)
    return _SPACES.sub(" ", t).strip()


def cue(patterns: Iterable[str]) -> re.Pattern[str]:
    """One alternation of cue patterns, anchored at word starts (patterns add ``\\w*`` for stems)."""
    return re.compile(r"(?<![\w])(?:" + "|".join(patterns) + r")(?![\w])")


# An attachment's description ("[print pagamento aprovado em 10x]") is not the lead's words; a transcription is.
ATTACHMENT = re.compile(r"\[(?![^\]]*transcri)[^\]]*\]")


# --------------------------------------------------------------------------- concerns (lead text)
# Each concern has strong cues (an objection on its own, weight 2) and weak ones (weight 1).
CONCERN_CUES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "PRICE": (
        cue([r"beyond what i can (?:spend|afford)", r"(?:after|until) (?:my )?(?:next )?pay ?(?:check|day)", r"raised my rent", r"com (?:r\$ ?)?\d+(?: mil)? (?:eu )?(?:pago|faco|compro)", r"nao (?:consigo|da para) justificar",
             r"(?:meu|minha|o|a) (?:estagio|salario|bolsa|aposentadoria|pensao) (?:paga|e de|e so|mal da|so da|nao da)", r"(?:recebendo|ganho|recebo) (?:so|apenas) (?:o |a )?(?:inss|auxilio|bolsa|\d+)", r"pela hora da morte", r"(?:ainda )?pesa (?:pra|para|no) (?:mim|bolso|orcamento)", r"(?:ou nada|pegar ou largar)", r"se (?:fizer|fizerem|faz|fazer) (?:por|a) (?:r\$ ?)?\d+ (?:eu )?(?:pago|fecho|faco)",
             r"caro", r"carissim[oa]", r"car[ao] demais", r"salgad[oa]", r"puxad[oa]",
             r"fora do (?:meu )?orcamento", r"nao cabe no (?:meu )?bolso", r"sem (?:grana|dinheiro|condic\w*)",
             r"nao tenho (?:grana|dinheiro|condic\w*|como pagar)", r"nao (?:consigo|posso|da para) pagar",
             r"(?:valor|preco) (?:alto|salgado|puxado|elevado)", r"mais barat[oa]", r"desconto",
             r"(?:abaixa|abaixar|baixar|melhorar|melhora|fazer um) (?:o |esse |um )?(?:valor|preco|precinho)",
             r"emo_money", r"too expensive", r"expensive", r"pricey", r"(?:can't|cannot) afford",
             r"out of (?:my )?budget", r"over (?:my )?budget", r"cheaper", r"discount", r"lower (?:the )?price",
             r"a bit much", r"too much",
             r"me (?:faz|faca|fazem|da) (?:por )?(?:r\$ ?)?\d[\d.,]*",
             r"(?:da|daria|consegue|rola|tem como) (?:para |de )?(?:fazer|deixar|sair|fechar|ficar) (?:por |a )?(?:r\$ ?)?\d[\d.,]*(?! ?(?:x|vezes|parcelas))", r"(?:baixar|baixa|abaixar|abaixa) mais",
             r"(?:e|eh) muita (?:coisa|diferenca)", r"muita diferenca", r"nao tenho (?:r\$ ?)?\d[\d.,]* para",
             r"esperar (?:outra|uma|a proxima) promo\w*", r"desempregad[oa]", r"sem emprego",
             r"perdi (?:o|meu) emprego", r"unemployed", r"lost my job",
             r"orcamento (?:nao fecha|ta apertado|esta apertado|estourado|nao da)", r"contas (?:apertaram|nao fecham|atrasadas)",
             r"fora da (?:minha )?realidade", r"nao (?:cabe|coube)", r"(?:esse|este|o) valor nao da", r"nao me alcanza",
             r"(?:muy|muito|mto|mt) car[oa]+", r"car[oa]{2,}", r"es (?:muy )?car[oa]", r"no tengo (?:dinero|plata)",
             r"nao tenho dinheiro", r"grana (?:curta|apertada)",
             r"ta puxado", r"nao da para mim",
             r"(?:achei|pensei) que (?:fosse|era|seria|ia ser|custava) (?:uns |bem |mais |so )?(?:menos|\d[\d.,]*|mais barato|mais em conta|mais acessivel|metade)",
             r"(?:that's|thats|it's|its) a lot", r"money(?:'s| is) tight", r"tight this month", r"pense que era menos",
             r"(?:to|estou|tô) (?:pagando|com) (?:a |o |as |os )?(?:reforma|divida\w*|conta\w*|faculdade|financiamento|aluguel|parcelas?)",
             r"outras prioridades", r"(?:muitos|outros) gastos", r"nao (?:rola|da) (?:agora|no momento|esse mes|este mes)",
             # affordability said without "caro": no money now, saving up, waiting for the salary
             r"nao tenho (?:esse|este|o|essa|tanto|todo esse) (?:valor|dinheiro|grana|montante)", r"nao tenho (?:isso|tudo isso) (?:agora|no momento)",
             r"(?:juntar|guardar|economizar|separar) (?:um )?(?:dinheiro|grana|uma grana|um dinheirinho|o valor)",
             r"(?:acima|alem|fora) do que (?:eu )?(?:posso|consigo|pensava|planejei|esperava|imaginava|achava|queria gastar|quero gastar|pretendo gastar|posso gastar)",
             r"nao compensa (?:pagar|gastar)", r"pagar (?:\d+ |r\$ ?\d+ )?a mais", r"(?:pesou|pesa|pesando|pesado) (?:no|pro|para o) (?:meu )?bolso",
             r"nao esperava (?:que fosse |pagar )?(?:tanto|tudo isso|esse valor|tao caro)", r"salgadinh[oa]", r"carinh[oa] (?:demais|hein|ne)",
             r"financeiramente", r"(?:situacao|vida|parte) financeira", r"(?:nao )?(?:consigo|posso|da para) investir (?:isso|esse valor|agora|tudo)",
             r"nao (?:consigo|posso) investir", r"decimo terceiro", r"(?:sair|cair|receber|entrar) (?:o |meu |o meu )?(?:salario|pagamento|decimo)",
             r"(?:tem|teria|existe|rola|nao tem)(?: \w+){0,2} (?:mais|bem mais) (?:acessivel|em conta|baratinh\w*)", r"(?:preco|valor|condicao|precinho) (?:melhor|especial|camarada)",
             r"(?:momento|fase) (?:ta |esta )?(?:dificil|complicad\w*|apertad\w*)", r"(?:estou|to|ando) (?:meio |bem |muito )?(?:apertad[oa]|quebrad[oa]|liso|lisa|dura)",
             r"(?:over|more than|above) what i (?:can|could|wanted to|planned to) (?:spend|afford|pay)", r"(?:can't|cannot|won't be able to) (?:spend|pay) (?:that|this) much",
             r"save up", r"(?:when|once) (?:i get|my) (?:paid|paycheck|salary)", r"no tengo (?:ese|el|tanto|este) dinero",
             r"(?:way |much |a lot |far )?more than i (?:expected|thought|planned|wanted)", r"(?:mas|mucho mas) de lo que (?:pensaba|esperaba|puedo)",
             r"(?:tive|tivemos|to com|estou com|ando com) (?:uns |muitos |alguns |varios )?(?:gastos|imprevistos|contas)", r"gastos (?:que eu )?(?:nao esperava|inesperados|extras)",
             r"(?:carro|geladeira|celular|moto|maquina) (?:quebrou|estragou|deu problema)", r"ipva", r"iptu", r"(?:do|no) meu bolso (?:nao|ia|agora)",
             r"(?:esse|este) ano (?:foi|ta|esta) (?:dificil|complicado|apertado|puxado)", r"esperar o 13", r"(?:so|somente|apenas) tenho (?:uns |mais ou menos |tipo |uns r\$ ?)?(?:r\$ ?)?\d",
             r"separei (?:certinho |so )?(?:para isso|\d)", r"tipo de cambio", r"(?:dolar|cambio) (?:ta|esta) (?:alto|caro)",
             r"(?:can't|cannot|couldn't) justify (?:spending|paying|the (?:cost|price)|it)", r"(?:until|till|after) (?:payday|pay day|i get paid|my paycheck)",
             r"(?:no )?me da el bolsillo", r"bolsillo", r"no me (?:alcanza|da) (?:la plata|el dinero|para)", r"es (?:mucho|demasiado)", r"no (?:me )?alcanza", r"muy car[oa]"]),
        cue([r"dinheiro", r"orcamento", r"budget", r"apertad[oa] (?:de|com) (?:grana|dinheiro)",
             r"(?:mes|mez) (?:ta|esta) (?:apertado|dificil|complicado)"]),
    ),
    "PAYMENT_METHOD": (
        cue([r"parcel\w*", r"em \d{1,2} ?x", r"\d{1,2} ?x (?:sem juros|no cartao)", r"(?:em )?quantas vezes",
             r"boleto", r"(?:aceita|aceitam|passa|passam|tem|trabalham com) (?:cartao|debito|credito|boleto|pix)",
             r"cartao de credito", r"dividir", r"financi\w+", r"installments?", r"payment plans?",
             r"split (?:the |it into )?payments?", r"pay (?:it )?in (?:\w+ )?(?:parts|installments|months)",
             r"(?:do you )?(?:accept|take) (?:credit|debit|cards?|paypal|apple pay)", r"financing",
             r"sem limite", r"cartao de outra pessoa", r"en cuotas", r"aceptan tarjeta",
             r"(?:pagar|acertar) o resto", r"(?:dar|pagar) (?:uma |a )?entrada e", r"metade (?:agora|antes|hoje|no dia)",
             r"(?:o )?resto (?:no dia|depois|na hora|mes que vem)", r"(?:nao uso|nao tenho) cartao", r"so (?:no )?(?:debito|pix)",
             r"pay (?:half|part) (?:now|upfront)", r"em \d{1,2} vezes", r"(?:nome|cpf) (?:ta |esta )?sujo",
             r"crediario", r"(?:fica|ficou|fica muito) pesad[oa]", r"(?:cartao|limite) (?:ta |esta )?(?:estourad\w*|sem limite|bloquead\w*)",
             r"pix parcelado", r"split (?:it |the payment )?(?:across|between|on|into) (?:two|2|multiple|different) cards", r"(?:two|2|dos|dois) (?:cards|tarjetas|cartoes)", r"convenio", r"plano (?:de saude|odontologico|dental)", r"(?:pelo|do|no) (?:meu )?plano", r"reembolso", r"cartao (?:de )?beneficio",
             r"beneficio flexivel", r"vale[- ](?:alimentacao|refeicao|beneficio)", r"(?:com o |pelo )?saldo do (?:meu )?\w+", r"(?:cobre|cobrem|cobria) (?:o|a|esse|essa)",
             r"(?:deu|foi|veio) (?:recusad\w*|negad\w*)", r"(?:cartao|compra|pagamento) (?:foi )?(?:recusad\w*|negad\w*|nao passou|bloquead\w*)",
             r"(?:ver|falar) com o banco", r"cartao (?:no nome|em nome) (?:de|da|do)", r"insurance", r"(?:hsa|fsa) card", r"tarjeta de (?:beneficio|otra persona)", r"(?:pagar|pago|paga) (?:tudo |o valor |o total )?a vista", r"(?:nao tenho|sem) cartao", r"(?:pagar|paga) (?:no|em) (?:dinheiro|especie)", r"maquininha", r"(?:aceita|aceitam) (?:vale|convenio|plano)"]),
        cue([r"cartao", r"credit card", r"entrada", r"down payment"]),
    ),
    "RECOVERY_TIME": (
        cue([r"(?:da|dar|vai dar|daria) tempo de (?:sumir|murchar|desinchar|passar|baixar|melhorar|assentar)", r"(?:sumir|some|somem|passa) (?:o |os )?(?:roxo|hematoma|inchaco)", r"se hincha\w*", r"hinchad\w*", r"(?:boca|cara|rosto) (?:como|parecendo) (?:un |uma? )?(?:globo|balao|picada)", r"(?:\d+|two|three|few) (?:weeks?|days?) without", r"can't (?:drink|eat|work|train|go)", r"(?:sensitivity|downtime) (?:after|last)",
             r"recupera\w*", r"incha\w*", r"hematoma\w*", r"roxid\w*", r"fic\w+ rox[oa]",
             r"(?:voltar|volta) (?:a|ao|para o|para a) (?:trabalh\w*|rotina|academia)",
             r"(?:posso|da para|consigo|pode) (?:trabalhar|ir trabalhar|malhar|treinar|ir a academia|tomar sol)",
             r"repouso", r"afastamento", r"atestado", r"quantos dias (?:de|para|fica|demora|leva)",
             r"(?:fica|ficar) marcad\w*", r"downtime", r"recovery", r"swell\w*", r"swollen", r"bruis\w*",
             r"back to work", r"time off", r"heal(?:ing)?", r"redness", r"desinch\w*",
             r"(?:de|ficar|aparecer|fico|fica|ficam) rox[oa]s?", r"descasca\w*",
             r"(?:trabalhar|aparecer|ir trabalhar|normal|trabalho) no dia seguinte", r"disfarc\w*",
             r"aparecer normal", r"(?:ir|voltar) (?:normal|trabalhar) (?:no|na) (?:dia|segunda|semana)",
             r"(?:rosto|pele|cara|boca) (?:vermelh\w*|inchad\w*|marcad\w*|rox\w*)", r"voltar (?:ao|a ser|a ficar) normal",
             r"(?:pegar|tomar) sol", r"deixa marca\w*", r"praia (?:daqui|em|semana)",
             r"(?:next day|the day after) (?:at work|at the office)", r"recuperacion",
             r"quantos dias (?:sem|ate|eu fico|fico)", r"sem poder (?:ir|trabalhar|treinar|malhar|sair|maquiar|lavar)",
             r"(?:da|vai dar|consigo) para (?:disfarcar|esconder|maquiar)", r"(?:swelling|bruising|redness) (?:go|goes|to go) (?:down|away)",
             r"(?:how long|when) (?:until|before) (?:i can|the swelling)", r"hinchaz\w*", r"morete\w*", r"inflamad[oa]", r"(?:voy a )?quedar (?:hinchad[oa]|morad[oa]|roj[oa]|marcad[oa])", r"hinchad[oa]",
             r"(?:parar|ficar parad[oa]|ficar sem|sem poder) (?:o |de )?(?:treino|treinar|academia|atividade fisica|malhar|correr)", r"ficar parad[oa]",
             r"(?:esse|todo esse|tanto|muito) tempo (?:todo )?(?:com|sem|parad[oa])", r"provisori[oa]", r"quanto tempo demora (?:tudo|a recuperacao|para (?:sarar|cicatrizar|desinchar))",
             r"dente de mentira", r"(?:be gone|go away|heal) (?:by|before) (?:then|the|saturday|sunday|friday)", r"(?:pos|pos-)(?:procedimento|operatorio)\w* (?:e|eh) (?:dificil|chato|tranquilo)"]),
        cue([r"rox[oa]s?", r"vermelh\w*", r"marcas?", r"cicatriz\w*", r"quantos dias", r"how many days",
             r"dia seguinte", r"next day"]),
    ),
    "FEAR_PAIN": (
        cue([r"se siente\?", r"(?:me )?(?:corre|da) (?:un |um )?escalofrio", r"taladro", r"broca", r"casi me levanto", r"quase (?:desmaiei|sai correndo|levantei)",
             r"dor(?! de (?:cabeca|garganta|barriga|dente|estomago|cotovelo))", r"doi", r"doer", r"doid[oa]", r"dolorid\w*", r"medo", r"receio", r"pavor", r"panico",
             r"agulha\w*", r"anestesi\w*", r"efeitos? colatera\w*", r"reac(?:ao|oes) alergica\w*", r"alergi\w*",
             r"perigos[oa]", r"arriscad[oa]", r"machuca\w*", r"pain\w*", r"hurts?", r"hurting",
             r"needles?", r"scared", r"afraid", r"fear\w*", r"nervous", r"side effects?", r"numbing", r"risky",
             r"allerg\w*", r"miedo", r"agujas?", r"duele\w*", r"dolor", r"morro de medo", r"arde\w*", r"ardencia", r"queima\w*",
             r"pele (?:e )?(?:super |muito |bem )?(?:fina|sensivel)", r"incomoda muito",
             r"injec(?:ao|oes|tions?)", r"picad\w*", r"(?:sensivel|sensibilidade) a dor", r"(?:aguento|suporto|tolero) dor", r"fraca para dor",
             r"desmai\w*", r"passar mal", r"(?:e|eh|fica) (?:muito )?(?:dolorido|incomodo|sofrido)", r"sofrimento",
             r"(?:does|will) it hurt", r"(?:is it|is this) painful", r"(?:nao tenho|falta|sem|me falta) coragem",
             r"(?:me )?da (?:um )?(?:no na garganta|no|frio na barriga|arrepio|agonia|calafrio)", r"so de (?:imaginar|pensar)", r"desmai\w*", r"pressao (?:cai|baixa)",
             r"(?:tirar|tiro) sangue", r"(?:vou|vai|vamos) sentir(?: (?:dor|algo|alguma coisa|muito))?\?", r"(?:vao|vai) (?:abrir|cortar|furar)", r"(?:vi|assisti|vendo) (?:um |uns |esse |aquele )?videos? (?:no|do|de) (?:tiktok|insta\w*|youtube)", r"traumatizad\w*", r"(?:me da|da) aflicao", r"aflit\w*", r"duele"]),
        cue([r"emo_fear", r"riscos?", r"(?:e|eh) seguro", r"risks?", r"(?:is it|is this) safe", r"sensivel", r"sensitive"]),
    ),
    "TRUST": (
        cue([r"(?:feel|sentir|sentir-me|me sentir) (?:safe|segur[ao]) com quem", r"feel safe with (?:who|whom|the person)", r"permanently closed", r"(?:doesn't|does not|nao) (?:show up|aparece) (?:anywhere|em lugar nenhum)",
             r"(?:coisa|perfil|clinica|empresa|produto)s? fals[ao]s?", r"existem (?:mesmo|de verdade)", r"reclame aqui", r"perdi dinheiro com", r"(?:e|eh|son|are you) (?:real|de verdade|de confianza)\?", r"nunca entreg\w*",
             r"(?:nao|nem|sem|pouca) (?:\w+ )?confi\w*", r"(?:posso|da para|como|consigo) confiar", r"confiavel\?", r"desconfi\w*", r"golpe", r"fraude", r"picaret\w*", r"reclame aqui",
             r"(?:e|eh) (?:medic[oa]|enfermeir[oa]|biomedic[oa]|dentista) (?:que|quem)",
             r"quem (?:faz|aplica|realiza|vai fazer|vai aplicar)", r"formac\w*", r"registro", r"crm", r"coren",
             r"anvisa", r"(?:produto|marca) (?:e )?original", r"procedencia", r"(?:tem|posso ver|cade) (?:as )?(?:avaliacoes|referencias)",
             r"(?:can i|could i|should i|how can i|how do i|hard to|don't|do not|not sure i can|can't) trust", r"trustworthy", r"scam", r"legit\w*", r"reviews", r"licensed", r"certified", r"credentials",
             r"who (?:does|performs|will do)", r"is (?:it|the doctor|she|he) qualified",
             r"falsificad\w*", r"pirat\w*", r"(?:e|eh|seja) de verdade", r"counterfeit", r"fake (?:product|botox)",
             r"genuine", r"enganad[oa]", r"(?:tiene|tienen) registro",
             r"alvara", r"vigilancia sanitaria", r"licenca (?:sanitaria|de funcionamento)", r"aplicando em casa",
             r"furada", r"como (?:vou|posso|eu vou) saber (?:que|se)", r"nao (?:achei|encontrei|vi|tem) (?:nenhuma )?avaliac\w*",
             r"(?:e|eh|sao) confiave\w*",
             r"(?:sem ser|nao (?:e|sao)) (?:profissional|medic[oa]|habilitad\w*)",
             r"registrad\w* (?:no|na|em) (?:conselho|crm|cfm|cro|anvisa)", r"conselho (?:regional|de medicina|federal)",
             r"reclamac\w*", r"reclamando", r"(?:falam|falando|falaram|fala) mal", r"(?:ma|mas|pessima) (?:fama|reputacao)",
             r"(?:clinica|voces|lugar) (?:e|sao|eh) (?:seri[oa]s?|de confianca|segur[oa]s?)", r"(?:board|properly) certified",
             r"(?:bad|negative) reviews", r"(?:is|are) (?:you|this place|the clinic) (?:legit|reliable)", r"(?:medico|doutora?|dra|dr) de verdade",
             r"(?:tem|ter|possui) (?:formacao|especializacao|certificado|diploma)", r"especialista (?:mesmo|de verdade)",
             r"(?:medic[oa]|doutora?|profissional|doctor|injector) (?:e|es|eh|is) (?:especialista|formad[oa]|habilitad[oa]|medic[oa]|licensed|certified|a doctor)",
             r"(?:nurses?|doctors?) or (?:a )?(?:nurses?|doctors?)", r"(?:enfermeir[oa]|esteticista) ou (?:medic[oa]|doutora?)",
             r"(?:are|is) (?:you|your \w+|the \w+) (?:licensed|certified|real doctors|nurses)", r"(?:is it|is this) (?:real|genuine|original)",
             r"generic (?:stuff|product|brand|botox)", r"avaliac\w* (?:bem |muito )?(?:feias|ruins|negativas|pessimas|horriveis)",
             r"(?:nao )?(?:me )?(?:passou|passa|transmite|transmitiu) (?:seguranca|confianca)", r"pe atras", r"prefiro (?:ver|conhecer|saber) quem",
             r"(?:nao|nem) (?:mostram|mostra|aparece|aparecem) (?:o rosto|a cara|quem|ela|ele)", r"quem (?:e|eh) (?:a |o )?(?:doutora?|dra?|medic[oa]|profissional|dentista)",
             r"(?:produto|botox|toxina) (?:paraguai\w*|diluid\w*|contrabandead\w*|do paraguai)", r"diluid[oa]", r"todo mundo fala isso", r"qual (?:a )?garantia",
             r"reportage\w*", r"(?:saiu|vi) (?:no|na) (?:jornal|reportagem|noticia)", r"(?:a )?real doctor", r"(?:como se|how do i know|how can i know|como saber) (?:que|si|if|that)",
             r"(?:es|sea|is) (?:original|genuin[oa]|real)\?", r"quem garante", r"(?:dao|tem|da|dar) (?:algum )?suporte",
             r"(?:clinica|ela|eles|voces|vcs) sum(?:iu|iram|em)", r"depois some\w*(?! (?:tudo|o dinheiro|a grana|o salario))", r"ninguem (?:respondia|responde|atendia|atende|deu retorno)",
             r"todo (?:lugar|mundo) (?:fala|diz) isso", r"(?:nao )?me sinto (?:segura|seguro|confortavel|a vontade)", r"tinha que ser (?:medic[oa]|dermato\w*)",
             r"(?:fazendo|faz|fazem) (?:coisas|procedimentos?) que nao (?:pode|podia|podem)", r"(?:vi|li) (?:umas |algumas )?noticias"]),
        cue([r"experiencia", r"seguranca", r"experience", r"original"]),
    ),
    "COMPETITOR": (
        cue([r"(?:ta|esta|tao|estao) com promo\w* de (?:r\$ ?)?\d+(?![^?\n]{0,30}\?)", r"ainda (?:e|eh|fica|sai) (?:r\$ ?)?\d+ (?:a mais|mais caro)", r"vou (?:de|na|no) (?!pix|cartao|credito|debito|boleto|dinheiro|manha|tarde|noite|\d)\w+ mesmo",
             r"outra clinica", r"outro lugar", r"outro consultorio", r"outra (?:esteticista|profissional|doutora)",
             r"outro (?:profissional|medico)", r"concorrente", r"em outr[oa] (?:lugar|local|clinica)",
             r"(?:vi|achei|encontrei|fazem|cobram) (?:mais barato|por menos)",
             r"orcamento\w* (?:em|de|na|no) outr\w*", r"(?:ja fiz|vou fazer|fechei|fazer) (?:com|em|na|no) outr\w*",
             r"la (?:na|no) \w+ (?:e|faz|fazem|cobra|cobram|sai|fica) (?:por )?(?:r\$ ?)?\d[\d.,]*",
             r"another (?:clinic|place|provider)", r"other (?:clinic|place|provider)s?", r"somewhere else",
             r"elsewhere", r"competitor", r"(?:found|saw|got) (?:it|a quote) (?:cheaper|for less)",
             r"orc(?:ei|amento) (?:numa|em uma|na|em outra) clinica", r"(?:a|uma|numa|outra) clinica (?:aqui|perto|do lado)",
             r"(?:voces|vcs|voce) cobre[m]?", r"cobrir (?:a|o|essa|esse) (?:oferta|proposta|preco|valor)",
             r"vou continuar (?:la|com ela|com ele)", r"(?:uns|outros) lugares",
             r"(?:ta|esta|estao|tao) fazendo (?:\w+ ){0,3}por",
             r"(?:sai|fica|e) mais em conta", r"(?:numa|em uma|na) clinica (?:do|no|da|perto|aqui)",
             r"otra clinica", r"mas barato", r"vou ficar (?:por la|la|com ela|com a minha)",
             # someone else doing it for a figure ("achei uma clínica no shopping fazendo por 1900", "tem um cara que faz por 600")
             r"(?:achei|vi|encontrei|tem|conheco|conheci) (?:uma?|outr[oa]) (?:clinica|lugar|moca|menina|cara|mulher|profissional|consultorio|salao|esteticista)\b[^.?!]{0,40}?(?:por|a) (?:r\$ ?)?\d+",
             r"(?:me lo|lo|la) (?:hacen|hace|cobran|dejan) (?:por|a) (?:la mitad|menos|\d+)", r"(?:alla|en otro lado|en otra parte) (?:me )?(?:lo )?(?:hacen|cobran|sale)",
             r"(?:faz|fazem|cobra|cobram) (?:\w+ ){0,2}(?:pela|por) (?:a )?metade", r"(?:someone|a girl|a guy|a place) (?:who |that )?(?:does|charges) (?:it )?for (?:r\$ ?)?\d+",
             r"(?:outra|a minha) (?:esteticista|biomedica|dermato) (?:faz|cobra)",
             r"(?:dermato\w*|esteticista|biomedic\w*|profissional|medic[oa]|clinica) do (?:meu )?(?:convenio|plano|bairro)",
             r"vou com (?:ela|ele) mesmo", r"(?:faz|fazem|cobra|cobram|sai) por (?:r\$ ?)?\d[\d.,]*k?",
             r"(?:vendo|orcando|cotando|comparando|pesquisando) (?:com|em) (?:mais |outras? )?(?:\w+ )?clinicas?",
             r"mais (?:duas|tres|uma|umas) clinicas?", r"qual (?:vou|eu vou) escolher",
             r"(?:proposta|oferta|orcamento|preco|condicao) (?:melhor|menor|mais barat\w*) (?:de|em|na|no|numa) (?:outr\w+|\w+ clinica)",
             r"(?:outr[oa]|a outra|o outro) (?:clinica|lugar|consultorio|profissional|esteticista) (?:me )?(?:ofereceu|deu|fez|faz|cobra|passou)",
             r"(?:does|do|did|charges?|offered) (?:it )?(?:for less|cheaper)", r"my (?:dermatologist|derm|doctor|injector|aesthetician) (?:does|charges|offered)",
             r"(?:perto|pertinho) (?:de casa|do meu trabalho|de mim) (?:faz|fazem|cobra|cobram|sai)",
             r"(?:clinic|place|spa|med ?spa|salon)s? (?:near|close to|by|down the street from) (?:me|my \w+)", r"charges? (?:half|less|way less)",
             r"(?:minha|meu) (?:dentista|dermato\w*|medic[oa]|esteticista|biomedic[oa]|doutora?|dra?) (?:de sempre|de confianca|que (?:eu )?ja)",
             r"(?:de )?cortesia", r"de graca", r"abriu (?:uma|um|o|a) (?:clinica|consultorio|espaco|studio)", r"(?:nao tem|sem) como competir", r"paciente antig[oa]",
             r"(?:vai|vao|ela vai|ele vai) fazer (?:para|pra) mim", r"(?:dra?|doutora?|moca|menina|clinica|dentista|esteticista)(?: \w+){0,2} do (?:meu )?bairro",
             r"comparar (?:direitinho|os precos|orcamentos?|valores|com)", r"(?:deram|passaram|fizeram|me deu|me deram|me passaram) (?:um |o )?orcamento",
             r"orcamento de (?:quase )?(?:a )?metade", r"(?:menina|moca|mulher|esteticista|manicure|moco|cara) do (?:salao|bairro|predio|studio|estudio|condominio)",
             r"(?:faz|fazem|cobra|cobram|sai)(?: \w+){0,4} (?:por|pela) (?:a )?metade", r"(?:faz|fazem|cobra|cobram)(?: \w+){1,4} por (?:r\$ ?)?\d[\d.,]*", r"(?:la|ali) (?:perto|no centro|no shopping) (?:faz|fazem|cobra|cobram|sai)"]),
        cue([r"(?:vi|achei) por", r"fazem por", r"cobram"]),
    ),
    "SCHEDULE": (
        cue([r"manter (?:esse |o |um )?(?:intervalo|ritmo|frequencia|cronograma)", r"(?:a )?escala (?:muda|varia)", r"trabalho embarcado", r"(?:vai )?bater com (?:a|o|minha|meu) (?:viagem|plantao|prova|trabalho|escala)",
             r"(?:voces|vcs|ustedes)? ?(?:abrem|atendem|funcionam|abren|atienden) (?:a |de |por la |los )?(?:noite|sabado|domingo|noche|sabados|fim de semana)", r"(?:minha aula|meu estagio|meu plantao|meu turno|meu expediente) (?:e|eh|acaba|termina|vai ate)",
             r"(?:so|somente|apenas) (?:posso|consigo|da|tenho) (?:de|a|no|na|aos|as|depois|sabado|domingo|noite|manha|tarde)\w*",
             r"nao (?:tenho|consigo|acho) (?:tempo|horario|agenda)", r"sem tempo",
             r"fi(?:m|nal) de semana", r"depois (?:das|do) (?:\d+ ?h?|trabalho|expediente|servico)",
             r"horario (?:de )?(?:almoco|noturno|alternativo|mais tarde|mais cedo)", r"(?:to|estou|vou estar) viajando",
             r"agenda (?:lotada|cheia|apertada)", r"correria", r"encaix\w*", r"remarcar", r"reagendar",
             r"(?:can )?only (?:come|do|make it)", r"after work", r"in the evenings?", r"busy",
             r"no time", r"reschedul\w*", r"travel(?:l)?ing", r"leaving (?:on|next|this)",
             r"(?:so|somente|apenas) tenho \w+(?: \w+)? livre", r"saio do (?:trabalho|servico)", r"trabalho ate",
             r"(?:sabado|domingo) (?:eu )?trabalho", r"\d+ ?h nao (?:consigo|posso|da)", r"leave (?:on|next|this|before)",
             r"before i (?:leave|fly|go back)", r"fly (?:back|home|right)",
             r"(?:i )?can only come", r"solo puedo", r"(?:no tengo|sin) tiempo", r"only (?:on )?(?:weekends|sundays|saturdays)",
             r"(?:so|somente|apenas) consigo", r"viajo (?:a trabalho|muito|toda semana)", r"so fico (?:em casa|aqui|na cidade)",
             r"trabalho (?:em turno|a noite|de madrugada)",
             r"(?:nesse|neste|esse) horario (?:eu )?(?:to|estou|trabalho|nao posso|nao consigo)", r"(?:to|estou) no (?:servico|trabalho)",
             r"tenho (?:curso|aula|faculdade|plantao)", r"(?:voces|vcs) fecham",
             r"(?:durante|no meio da|na) semana (?:e |fica |ta )?(?:impossivel|complicad\w*|dificil|inviavel)", r"impossivel (?:para mim|durante|na semana|nesse horario)",
             r"(?:horario|rotina|agenda|tempo) (?:e |ta |esta )?(?:muito |super |bem )?(?:apertad\w*|corrid\w*|complicad\w*|dificil)",
             r"dois empregos", r"12 ?x ?36", r"trabalho (?:o dia (?:todo|inteiro)|ate tarde|a semana (?:toda|inteira)|de segunda a sexta|em horario comercial)",
             r"(?:nesse dia|dia \d+|essa data|nessa data) (?:eu )?(?:viajo|vou viajar|trabalho|nao posso|nao consigo|to fora|estou fora)", r"(?:only|just) have (?:\w+ )?(?:sundays|saturdays|weekends|mornings|evenings|nights|mondays|fridays) (?:free|off)",
             r"(?:solo|solamente) tengo (?:libre )?(?:los )?(?:domingos|sabados|fines de semana|las noches|las mananas)", r"tengo libre (?:solo|solamente)", r"mudaram (?:a |minha |meu )?(?:escala|turno|horario)", r"(?:to|estou|trabalho|fico) no (?:noturno|turno da noite|plantao)",
             r"(?:my |the |crazy |night |long |\d+ ?h )shifts?", r"(?:only|the only) day (?:i'?m|i am) (?:\w+ )?free", r"i work (?:\d|until|till|from|weekends|saturdays|sundays|nights)",
             r"(?:right )?after a \d+ ?h", r"escala (?:de|no|do)", r"(?:dias de )?folgas?", r"nao tem (?:nada )?(?:mais cedo|mais tarde|de domingo|de sabado|a noite|aos sabados|aos domingos)",
             r"(?:seria|ia ser|vai ser) (?:um )?sacrificio", r"(?:durante|na) (?:a )?semana (?:eu )?nao (?:consigo|posso|da)", r"nao chego", r"transito",
             r"(?:vou estar|estarei|to|estou) (?:em|fora|viajando)(?: \w+)? (?:o dia (?:todo|inteiro)|nesse dia|nessa data)", r"(?:mudanca|me mudando|mudar) de (?:cidade|estado)", r"(?:horario|hora) comercial (?:nao|e dificil)", r"(?:sem|nao tenho) folga", r"(?:so )?(?:saio|chego) (?:muito )?tarde",
             r"(?:weekdays|during the week) (?:are|is) (?:impossible|hard|tough)", r"(?:my )?schedule is (?:tight|crazy|packed)"]),
        # Asking for a slot is booking, not an objection: these only add up with a constraint.
        cue([r"(?:tem|teria|voces tem|abre|abrem|atende|atendem) (?:horario|vaga|sabado|domingo|a noite|de noite)",
             r"sabado", r"domingo", r"viagem", r"weekends?", r"saturday", r"sunday",
             r"(?:any|available) (?:slots?|times?|openings?)", r"availability"]),
    ),
    "RESULTS_DOUBT": (
        cue([r"nao (?:e|eh) definitiv\w*", r"(?:para|pra) (?:durar|ter que voltar|voltar) (?:so )?(?:\d+ meses|todo ano|todo mes|a cada)", r"(?:ter|tenho) que (?:voltar|refazer|repetir) (?:todo|toda|a cada)", r"(?:some|sai|resolve) de vez\?",
             r"(?:fez e|que fez|que fizo|lo hizo y) (?:\w+ ){0,2}(?:ficou|quedo) (?:com )?(?:a |o )?(?:\w+ ){0,3}(?:la em cima|torta|torto|estranh\w*|caid\w*|assustad\w*|artificial|horrivel)", r"cara de (?:assustad|congelad|boneca|plastic)\w*", r"(?:fez|fizeram) e nao gostou", r"quedo (?:horrible|rara|fea)",
             r"funciona mesmo", r"(?:sera que|sera) (?:funciona|resolve|fica|vai)", r"(?:e se|caso) (?:eu )?nao (?:gostar|ficar)",
             r"(?:fica|ficar|fique) (?:natural|artificial|estranh\w*|exagerad\w*|deformad\w*)", r"artificial",
             r"exagerad\w*", r"deformad\w*", r"cara de boneca", r"congelad\w*", r"paralisad\w*",
             r"(?:e|eh) duradour\w*", r"durabilidade", r"vale a pena",
             r"nao (?:sei|tenho certeza) se (?:funciona|vale|resolve|vou gostar|fica)", r"da resultado",
             r"does it (?:really )?work", r"will it work", r"look (?:natural|fake|weird|overdone)", r"overdone",
             r"how long (?:does it|will it|do they|do results) last", r"worth it", r"frozen", r"adianta",
             r"nao (?:resolveu|resolve|funcionou|adiantou)", r"nao (?:viu|vi|teve|tive|notei|notou) (?:diferenca|resultado)",
             r"nao confio (?:muito )?(?:nesse|neste|no|em) (?:procedimento|tratamento|resultado)",
             r"(?:fez|fizeram|fiz) e nao gost\w*", r"ficou (?:estranh\w*|esquisit\w*|artificial|horrivel|torto|torta)",
             r"(?:boca|cara|rosto) (?:esquisit\w*|estranh\w*) ", r"boca de pato", r"(?:e se|y si) (?:eu )?nao gostar",
             r"tem como (?:desfazer|reverter)", r"(?:looking|look|looked) (?:frozen|fake|weird|unnatural)",
             r"would that happen", r"no me gusta", r"y si no", r"(?:queda|quede) (?:natural|artificial)",
             r"sin expresion", r"sem expressao", r"(?:verme|quedar|ficar|parecer|fique) (?:rar[oa]|outra pessoa)",
             r"(?:ficou|ficaram) com (?:a |o )?(?:sobrancelha|palpebra|boca|rosto|olho|labio)s? (?:caid\w*|tort\w*|estranh\w*)",
             r"arriscar (?:o )?meu rosto", r"(?:realmente|mesmo) (?:levanta|funciona|resolve|tira|melhora)",
             r"(?:so|e so) marketing", r"promete muito",
             r"nao (?:ver|notar|ter|sentir|perceber|fazer) (?:nenhuma |muita )?(?:diferenca|resultado|efeito)", r"nenhuma diferenca",
             r"(?:faz|fara|vai fazer|fez) (?:alguma |muita )?diferenca", r"plastificad\w*", r"cara de (?:plastic\w*|mascara|cera)",
             
             r"looks? (?:fake|weird|overdone|unnatural|plastic|frozen)", r"(?:what if|if) i (?:don't|do not) like",
             r"(?:nao|no) (?:quero|quiero) (?:ficar|parecer|quedar) (?:com cara|artificial|diferente|outra|estranh\w*)",
             r"(?:ficou|ficaram|ficar) (?:muito )?(?:inchad\w* e )?(?:estranha|esquisita|horrorosa|feia|desproporcional)",
             r"(?:me )?arrepend\w*", r"(?:funciona|resolve) (?:para|no) (?:meu caso|mim)", r"(?:serve|funciona) (?:para|em) (?:quem|pele)",
             r"(?:na minha idade|com a minha idade) (?:ainda )?(?:adianta|funciona|resolve|vale)", r"photoshop", r"(?:filtro|editad[oa]s?)",
             r"(?:nao )?(?:boto|ponho|coloco|tenho) (?:muita )?fe", r"(?:nao entrega|entregam|entrega) o que promete", r"ja tentei de tudo",
             r"se (?:der certo|funcionar|resolver|fizer efeito|eu (?:ver|vir|notar|gostar))", r"(?:ver|vendo) como (?:a )?(?:minha )?(?:pele|rosto|corpo) reage",
             r"(?:will|does) it (?:even )?(?:do anything|make a difference)", r"(?:nao|no) (?:se|sei) (?:si|se) (?:funciona|sirve)",
             r"(?:got it done|had it done|did it|tried it) and (?:hated|didn't like|regretted)", r"hated (?:the|her|his|my) (?:results?|lips|face)",
             r"(?:won't|wouldn't|will not|don't|doesn't) look like (?:me|myself)", r"quedo (?:horrible|fatal|mal|rar[oa]|fe[oa]|deforme|torcid[oa])",
             r"se lo hizo y", r"(?:ficou|ficaram|fiquei) (?:toda |todo |meio |muito |bem )?(?:torta|torto|caida|caido|deformad[oa]|horrivel|pessim[oa]|feia|feio)",
             r"(?:nao|deixar de) (?:parecer|ficar parecendo) (?:eu|comigo)"]),
        cue([r"resultado\w*", r"funciona", r"antes e depois", r"natural", r"results?", r"before and after",
             r"(?:quanto tempo|por quanto tempo) (?:o efeito|o resultado|isso|ele|ela)? ?dura", r"dura quanto", r"(?:o efeito|o resultado) dura"]),
    ),
}
# A stated cause that is none of the categories above (OTHER): someone else decides, health, pregnancy,
# distance, age. It competes with the objections as the latest one still standing.
OTHER_CAUSE = cue([
    r"(?:o )?dinheiro (?:e|eh) (?:do casal|nosso|de nos dois)", r"a gente divide (?:tudo|as contas)", r"(?:our|joint) (?:money|account)",
    r"(?:meu|minha) (?:marido|esposo|esposa|namorad[oa]|noiv[oa]) (?:achou|acha|disse|falou) (?:\w+ ){0,2}(?:besteira|bobagem|desnecessario|que nao precisa)",
    r"(?:ele|ela) (?:que|quem) cuida das contas", r"criar briga", r"marevan", r"varfarina", r"warfarin", r"anticoagula\w*",
    r"(?:le )?sigo dando (?:el )?pecho", r"dando (?:o )?peito", r"(?:tomo|tomando) \w+ (?:por causa|para o|pro|pra) (?:coracao|pressao|tireoide)",
    r"(?:preciso|vou|tenho que|quero) (?:falar|conversar|ver|consultar|combinar|decidir|alinhar) (?:isso )?com (?:o |a )?(?:meu|minha) (?:marido|esposo|esposa|namorad[oa]|noiv[oa]|mae|pai|medic[oa]|dermato\w*|endocrino\w*|cardiologista|ginecologista|obstetra|psiquiatra)",
    r"(?:meu|minha) (?:marido|esposo|namorado|noivo|esposa|mae|pai) (?:nao|acha|disse|falou|prefere|quer que)",
    r"gravida", r"gestante", r"amamentando", r"moro (?:longe|em outra cidade|fora)", r"muito longe",
    r"talk to my (?:husband|wife|partner|boyfriend|girlfriend)", r"too far", r"pregnant", r"breastfeeding",
    r"tenho 1[0-7] anos", r"sou menor", r"menor de idade", r"(?:meu caso e|preciso de) cirurgi\w*",
    r"hipertens\w*", r"pressao alta", r"diabet\w*", r"(?:estou|to) em tratamento", r"(?:consult\w*|liberac\w*) (?:do|da) (?:meu|minha) medic[oa]",
    r"tomo (?:remedio|medicamento|anticoagulante|\w+ina)\w*", r"(?:tenho|sou) (?:hipo|hiper)\w+", r"blood thinners?", r"(?:heart|thyroid) (?:condition|problem)",
    r"(?:check|talk|speak|discuss it) (?:it |this )?with my (?:husband|wife|partner|boyfriend|girlfriend|doctor|mom|dad)",
    r"(?:hablar|hablarlo|consultar|consultarlo|verlo|ver) con mi (?:esposo|marido|pareja|novio|novia|medico|doctor|mama|papa)",
    r"(?:minha |meu |a |o )?(?:dermato\w*|medic[oa]|pediatra|obstetra|ginecologista|dentista|doutora?) (?:falou|disse|mandou|pediu|recomendou|orientou) (?:para|que|esperar)",
    r"nao (?:e|eh) indicad[oa]", r"(?:pode|vai|podia) piorar", r"rosacea", r"roacutan", r"isotretinoina", r"ainda mama", r"amament\w*",
    r"(?:foi|fui|fomos) transferid[oa]", r"(?:a gente|nos|eu) (?:vai )?(?:se )?mud(?:a|o|ar|amos) (?:para|em|de)", r"(?:vou|vamos) (?:me )?mudar",
    r"(?:my )?(?:doctor|dermatologist|obgyn) (?:said|told me)", r"(?:moving|relocating) to",
    r"(?:ela|ele|minha mae|meu pai|meu marido|minha mae) (?:e )?(?:que|quem) (?:vai )?pag(?:a|ar)", r"(?:vou|vou ter que|tenho que) ver com (?:ela|ele)",
    r"my (?:husband|wife|partner|boyfriend|girlfriend|mom|mother|dad) (?:thinks|says|said|doesn't want|does not want|is against)",
    r"mi (?:esposo|marido|novio|novia|pareja|mama|papa) (?:dice|dijo|piensa|cree|no quiere)",
    r"se (?:ela|ele) (?:topa|aceita|deixa|libera)", r"(?:my )?(?:husband|mom|mother|dad|parents) (?:is|are) paying",
])
# A stated reason that is none of the categories above (used for OTHER).
OTHER_REASON = cue([
    r"(?:preciso|vou|tenho que) (?:falar|conversar|ver|consultar) com (?:o |a )?(?:meu|minha) \w+",
    r"(?:meu|minha) (?:marido|esposo|namorado|noivo|esposa|mae|pai) (?:nao|acha|disse|falou)",
    r"gravida", r"gestante", r"amamentando", r"desisti\w*", r"mudei de ideia", r"nao (?:quero|tenho) mais",
    r"sem interesse", r"perdi o interesse", r"nao vou (?:mais|fazer)", r"moro (?:longe|em outra cidade|fora)",
    r"muito longe", r"(?:so|apenas) (?:queria|estava) (?:saber|pesquisando|vendo)", r"so pesquisando", r"curiosidade",
    r"talk to my (?:husband|wife|partner|boyfriend|girlfriend)", r"changed my mind", r"not interested",
    r"too far", r"just (?:looking|checking|curious|browsing)", r"pregnant", r"breastfeeding", r"engano",
    r"wrong number",
    r"tenho 1[0-7] anos", r"sou menor", r"menor de idade", r"(?:meu caso e|preciso de) cirurgi\w*",
    r"hipertens\w*", r"pressao alta", r"diabet\w*", r"tomo (?:remedio|medicamento|anticoagulante|\w+ina)\w*",
    r"(?:tenho|sou) (?:hipo|hiper)\w+", r"(?:estou|to) em tratamento",
])
HESITATION = cue([
    r"vou pensar", r"vou (?:ver|analisar|avaliar)(?! (?:o|a) (?:horario|agenda))", r"deixa eu (?:ver|pensar)",
    r"(?:depois|mais tarde|outro dia|semana que vem) (?:eu )?(?:te )?(?:falo|aviso|retorno|vejo|chamo|respondo)",
    r"te (?:aviso|retorno|falo depois|chamo depois)", r"nao sei", r"sera", r"talvez", r"hm+", r"preciso pensar",
    r"ainda (?:nao decidi|estou pensando|to pensando|estou vendo)", r"(?:to|estou|fiquei) (?:na|em) duvida",
    r"(?:to|estou|fiquei) pensando", r"emo_thinking", r"let me think", r"(?:i'll|i will|i need to|need to) think",
    r"not sure", r"maybe", r"i'll let you know", r"get back to you", r"(?:i'm )?(?:still )?(?:deciding|thinking about it)",
    r"hesitant", r"unsure", r"i don't know",
])
COMMITMENT = cue([
    r"(?:quero|vamos|vou|bora|pode) (?:agendar|marcar|fechar|reservar)", r"fechado", r"fechou", r"bora",
    r"combinado", r"(?:pode|podemos) fechar", r"(?:me )?(?:manda|envia|passa|mande) (?:a |o )?(?:pix|chave|link)",
    r"qual (?:a |e a )?chave", r"(?:vou|quero) (?:sim|fazer sim)", r"quero fazer", r"let's (?:book|schedule|do it|go)",
    r"i want to (?:book|schedule|do it)", r"book (?:me|it)", r"sign me up", r"(?:it's a )?deal", r"go ahead",
    r"send (?:me )?the (?:link|invoice|pix)", r"i'll take it",
])
ENGAGEMENT = cue([
    r"amei", r"adorei", r"perfeito", r"otimo", r"maravilh\w*", r"que bom", r"show", r"top", r"legal", r"gostei",
    r"quero", r"interess\w*", r"emo_pos", r"emo_ok", r"love", r"great", r"perfect", r"awesome", r"interested",
    r"sounds good", r"amazing",
])
INQUIRY_PRICE = cue([r"quanto (?:custa|fica|e|sai|seria|esta|ta|cobra\w*)", r"qual (?:o |e o )?(?:valor|preco)",
                     r"valor(?:es)?", r"preco", r"how much", r"price", r"cost"])
INQUIRY_SCHEDULE = cue([r"(?:quero|queria|gostaria de|posso|como) (?:agendar|marcar)", r"horarios? disponive\w*",
                        r"(?:tem|teria) (?:horario|vaga)", r"agenda", r"book", r"appointment", r"available"])
# Payment acts (lead), receipts (seller) and payment words: used by ``purchase`` and by the transcript trim.
LEAD_ACT = cue([
    r"(?:ja )?(?:fiz|mandei|enviei|realizei|efetuei|fizemos) (?:o |a |um |uma )?(?:pix|pagamento|deposito|ted|transferencia)",
    r"(?:pix|pagamento|deposito|transferencia|ted) (?:ja )?(?:ta |esta |foi )?(?:ja )?(?:feito|realizado|efetuado|enviado|concluido|pago)",
    r"pagad[oa] (?:emo_check|emo_ok)", r"^(?:ya |listo,? )?pagad[oa][!. ]*$",
    r"paguei", r"transferi", r"depositei", r"quitei", r"(?:ja )?(?:esta|ta) quitad[oa]",
    r"acertei (?:tudo|o valor|o pagamento|a conta|o restante|o saldo|com (?:a|o) \w+)", r"(?:ja )?deixei (?:tudo |o sinal |a entrada )?pag[oa]", r"(?:ja )?(?:esta|ta) pago", r"(?:ja )?(?:esta|ta) pag[ao]",
    r"(?:segue|mandei|enviei|aqui esta|ai vai|ta ai|anexei) (?:o |a )?(?:comprovante|recibo)",
    r"comprovante (?:enviado|em anexo|anexo|segue|ai)", r"passei (?:no|o) cartao", r"paguei o sinal",
    r"(?:i )?(?:just )?paid", r"(?:i )?(?:sent|made|completed|did) the (?:payment|transfer|deposit|pix)",
    r"payment (?:sent|done|made|completed)", r"(?:here's|here is|attached(?: is)?) (?:the|my) (?:receipt|proof)",
    r"transferred", r"acabei de (?:mandar|fazer|enviar|pagar|transferir|passar)",
    r"(?:pix|pagamento|transferencia|deposito|ted) (?:mandad[oa]|enviad[oa]|feit[oa]|pag[oa]|realizad[oa])",
    r"transferid[oa]", r"depositad[oa]", r"(?:ja )?pago (?:emo_check|emo_ok)",
    r"^(?:pronto,? )?(?:ja )?pago!*$", r"(?:pix|pagamento) emo_check", r"(?:pronto|feito),? (?:o )?pix",
    r"ya (?:pague|hice el pago|hice la transferencia|transferi)", r"listo,? (?:pagado|pague)",
    r"(?:ya )?(?:esta|quedo) pagad[oa]", r"(?:hice|realice|mande|envie) (?:el|la) (?:pago|deposito|transferencia|pix)", r"ya deposite",
    r"(?:payment|card|transfer) (?:went through|was charged|cleared)", r"(?:sent|paid) (?:it )?(?:via|through|by|on|with) (?:pix|zelle|venmo|paypal|wise|card|bank transfer)",
    r"i (?:venmo|zelle)'?d", r"(?:card|cartao) (?:passou|foi aprovado|aprovado)",
    r"(?:ya )?(?:te )?pague (?:con|por|el|la|via|los|las|en|\d)", r"ya te (?:pague|transferi|mande|envie|deposite)",
    r"(?:just )?sent (?:you )?(?:r\$|\$|us\$|brl|usd)? ?\d[\d.,]*", r"passei (?:no|o|a|pelo|na) (?:cartao|debito|credito|maquininha|link)",
    r"(?:fiz|fizemos) a transferencia", r"paguei (?:pelo|no) link", r"(?:te )?(?:mandei|enviei) o (?:dinheiro|valor)",
    r"(?:mandei|enviei|transferi|paguei|depositei|fiz) (?:os |o )?(?:r\$ ?)?\d[\d.,]*k?(?: reais| mil)?(?: (?:de|do|da|no|pelo) (?:entrada|sinal|pix|reserva))?",
    r"(?:pix|pagamento|transferencia|deposito|sinal|entrada) (?:de )?(?:r\$ ?)?\d[\d.,]*k?(?: reais| mil)? (?:feit[oa]|enviad[oa]|mandad[oa]|pag[oa]|realizad[oa]|ok)",
    r"i(?:'ve| have) (?:just )?(?:paid|sent (?:it|the money|the payment))", r"(?:payment|transfer) (?:is )?done", r"(?:just )?sent (?:you )?the (?:money|payment|transfer)",
])

SELLER_RECEIPT = cue([
    r"(?:pagamento|pix|deposito|transferencia|comprovante|valor|sinal) (?:foi )?(?:recebid\w*|confirmad\w*|aprovad\w*|"
    r"caiu|compensad\w*|identificad\w*)",
    r"recebemos (?:o |a |seu |sua )?(?:pix|pagamento|comprovante|deposito|valor|transferencia|sinal)",
    r"recebi (?:o |a |seu |sua )?(?:pix|pagamento|comprovante|transferencia|sinal)", r"(?:o )?pix caiu",
    r"compra confirmada", r"pagamento ok", r"payment (?:received|confirmed|went through)",
    r"(?:we )?received (?:your |the )?(?:payment|transfer|deposit)", r"(?:ja )?caiu (?:aqui|certinho|sim|ja)",
    r"^caiu", r"pagamento recebido", r"obrigad[ao] pelo (?:pix|pagamento)", r"link (?:foi )?pago",
    r"(?:pagamento|pix) (?:ok|certinho|aprovado)", r"tudo certo com o (?:pix|pagamento)", r"comprovante recebido",
    r"thanks? (?:you )?for (?:the|your) payment", r"pago recibido",
    r"(?:ja )?(?:consta|constou|entrou|apareceu) (?:aqui|no sistema|na conta|no extrato)", r"(?:pix|pagamento|valor|sinal) (?:ja )?(?:consta|entrou)",
    r"(?:ta |esta |ja )?pago emo_check", r"tudo certinho aqui,? pago", r"(?:ja )?(?:ta|esta) (?:tudo )?pag[oa]", r"(?:got it|received)!? (?:thanks|thank you)",
])

PAYMENT_WORD = cue([r"pix", r"pagamento", r"comprovante", r"transferencia", r"sinal", r"payment", r"receipt",
                    r"paid", r"pago", r"paguei"])
# Lead text that tries to instruct the analyser: never trusted, never allowed to change an answer.
INJECTION = cue([
    r"ignor\w* (?:as |todas as |todas |essas |suas )?(?:instruc\w*|regras|orienta\w*|mensagens anteriores)",
    r"instruc\w* (?:anteriores|do sistema)", r"(?:system|sistema) prompt", r"prompt do sistema",
    r"voce (?:e|agora e) (?:um|uma) (?:ia|assistente|modelo|bot)",
    r"(?:marque|marca|registre|considere|coloque|defina) (?:a |como |uma )?(?:compra|venda|pagamento)\w*",
    r"purchase_?confirmed", r"purchasevalue", r"(?:ignore|disregard|forget) (?:all |any |the |your )?(?:previous|prior|above|earlier) (?:instructions|prompts?|rules|messages)",
    r"(?:you are now|act as|pretend to be) (?:an? )?(?:ai|assistant|model|system|auditor)",
    r"mark (?:this |it |the purchase |the sale )?as (?:paid|purchased|confirmed|won)", r"developer mode",
    r"jailbreak", r"responda (?:apenas|somente) (?:com|em) json",
    r"(?:registra|registre|anota|anote|marca|marque|coloca|coloque|considera|considere|bota|poe)(?: ai| isso| no sistema)?"
    r" (?:que|como) (?:eu )?(?:ja )?(?:paguei|pago|pagou|comprei|fechei|quitei)",
    r"(?:registrar|marcar|confirmar) (?:o )?pagamento (?:confirmado|como pago|realizado)", r"output json", r"set \w+ to (?:true|false)",
])


def any_match(pattern: re.Pattern[str], texts: Iterable[str]) -> bool:
    """True when ``pattern`` occurs in any of ``texts``."""
    return any(pattern.search(t) for t in texts)
