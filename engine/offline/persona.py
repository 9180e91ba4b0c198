"""ICP cues: life stage, decision driver, traits, age and a short persona, from what the lead wrote.

Only the lead's own words count; when nothing points anywhere the answer is UNKNOWN, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from engine.offline.lexicon import ATTACHMENT, COMMITMENT, LEAD_ACT, cue
from engine.offline.reading import Reading

LIFE_STAGE = {
    "NEW_PARENT": cue([r"mae de primeira viagem", r"(?:meu|minha|o|a) (?:bebe|nenem|recem[- ]nascid\w*)",
                       r"licenca[- ]maternidade", r"amamenta\w*", r"pos[- ]parto", r"puerperio", r"gravida",
                       r"gestante", r"(?:tive|acabei de ter) (?:bebe|neném|nenem|filho|filha)", r"my baby",
                       r"newborn", r"new mom", r"first[- ]time mom", r"postpartum", r"maternity leave",
                       r"breastfeeding", r"(?:mi|el) bebe", r"(?:bebe|nenem|neném) (?:de|tem|com) \d+ (?:mes|meses|semanas)",
                       r"parei de amamentar", r"licencia de maternidad", r"just had a baby",
                       r"desde que (?:o|a) \w+ nasceu", r"(?:\d+|dois|tres|quatro|cinco|seis) meses sem dormir"]),
    "PARENT": cue([r"(?:meus|minhas) (?:filhos|filhas|criancas)", r"(?:meu|minha) (?:filho|filha)",
                   r"(?:as|os) criancas", r"escola (?:das|dos) (?:criancas|meninos|filhos)", r"sou mae", r"sou pai",
                   r"my (?:kids|children|son|daughter)", r"school run", r"criancas", r"creche", r"buscar (?:meu|minha|os|as) \w+ na escola",
                   r"(?:levar|buscar|deixar|pegar|deixo|levo|busco|pego) (?:\w+ )?(?:\w+ )?(?:na|da) escola", r"filhos pequenos",
                   r"(?:meus|minhas|dois|duas|tres|os|as) (?:adolescentes|pequenos|pequenas)", r"adolescentes em casa",
                   r"(?:tengo|tiene) (?:dos|tres|un|una|cuatro) (?:hij\w*|adolescentes|ninos|ninas)", r"(?:mis|los) (?:ninos|chicos|adolescentes)",
                   r"(?:my )?(?:teenagers?|toddler)", r"(?:mis|los) hij[oa]s", r"mi hij[oa]", r"(?:the )?kids",
                   r"pick up my (?:son|daughter|kids)",
                   r"(?:\d|dois|duas|tres|quatro) (?:filhos|filhas)", r"(?:dos|tres|mis|los|dois|meus) nenes",
                   r"(?:uniforme|material|mochila)s? (?:escolar )?(?:novo |nova )?(?:das|dos) (?:meninas|meninos|criancas|filh\w+)", r"filhos (?:ja )?(?:criados|grandes|adultos)"]),
    "EXECUTIVE": cue([r"sou empresari[oa]", r"(?:minha|na) empresa", r"reunia\w*", r"diretor[a]?", r"gerente",
                      r"\bceo\b", r"soci[oa] de", r"executiv[oa]", r"viagem a trabalho", r"agenda lotada",
                      r"business owner", r"(?:my|the) company", r"meetings?", r"executive", r"manager", r"founder",
                      r"empreendedor\w*", r"(?:meu|o) (?:proprio )?negocio", r"minha (?:propria )?(?:loja|empresa|clinica|marca)",
                      r"meus funcionarios", r"sou (?:dona|dono) (?:de|da|do)", r"tenho (?:uma|minha) (?:loja|empresa)",
                      r"(?:mi|una) (?:propia )?empresa", r"my own (?:business|company|firm|shop|store)",
                      r"run (?:a|my|my own) (?:own )?(?:business|company|firm|shop|store|agency)",
                      r"(?:meus|minhas) clientes", r"tenho (?:meu|minha|um|uma) (?:proprio |propria )?(?:escritorio|consultorio|loja|empresa|negocio|salao|clinica|restaurante|agencia)",
                      r"atendo cliente\w*", r"(?:uma|minhas?) clientes? minha", r"(?:minha|uma) cliente (?:me )?(?:passou|indicou)",
                      r"(?:lancar|abrir|inaugurar) (?:a|minha|uma|o|meu) (?:loja|empresa|marca|clinica|negocio|restaurante|salao)",
                      r"(?:a|minha) loja (?:fecha|abre|nova)", r"(?:sou (?:a|o) \w+ )?da (?:\w+ ){0,2}(?:confeitaria|padaria|loja|agencia|construtora|imobiliaria)",
                      r"(?:manage|lead|run) (?:the|a|my) (?:\w+ )?team", r"cartao (?:corporativo|da empresa|pj)", r"(?:minha|a) (?:assistente|secretaria)"]),
    "YOUNG_PROFESSIONAL": cue([r"(?:meu|no|do) trabalho", r"meu chefe", r"primeiro emprego",
                               r"sai do trabalho", r"expediente", r"plantao", r"clt", r"vou casar", r"noiva",
                               r"casamento", r"my boss", r"after work", r"(?:my|at) (?:job|office)",
                               r"getting married", r"wedding", r"bride", r"efetivad\w*", r"trainee", r"recem[- ]formad\w*",
                               r"(?:no|do|meu) escritorio", r"first job", r"(?:mi|el) trabajo", r"la oficina",
                               r"(?:meu )?salario", r"firma", r"(?:no|do) trampo", r"consegui (?:um |o )?(?:trabalho|emprego)", r"fecho publi\w*", r"sou influenc\w*", r"me formei", r"(?:primer|mi primer) (?:trabajo|empleo|sueldo)", r"(?:started|start) my (?:first )?job",
                               r"first job", r"(?:passei no|aprovad[oa] no) concurso", r"tomei posse", r"residencia (?:medica)?", r"residency",
                               r"recem[- ]contratad\w*", r"comecei (?:a trabalhar|no (?:emprego|trabalho)|num emprego)", r"trabalho (?:como|de|numa|num|na|no|em) \w+",
                               r"sou (?:personal|professora?|enfermeir[oa]|advogad[oa]|dentista|engenheir[oa]|arquitet[oa]|"
                               r"vendedora?|designer|jornalista|fisioterapeuta|nutricionista|psicolog[oa]|contador[a]?|"
                               r"farmaceutic[oa]|biomedic[oa]|publicitari[oa]|programador[a]?|analista|secretari[oa]|"
                               r"recepcionista|cabeleireir[oa]|manicure|corretor[a]?|bancari[oa]|policial|atendente|"
                               r"servidor[a]? publico|funcionari[oa] publica?|nurse|teacher|lawyer|engineer|designer)"]),
    "STUDENT": cue([r"estudante", r"faculdade", r"universidade", r"facul", r"formatura", r"provas", r"tcc",
                    r"vestibular", r"intercambio", r"college", r"university", r"student", r"graduation",
                    r"finals", r"campus", r"(?:entre|antes|depois) (?:uma|da|das) aula\w*", r"aulas?", r"semestre",
                    r"republica", r"bolsa de estudo\w*", r"estagi\w*", r"(?:la )?universidad", r"facultad",
                    r"classes", r"dorm", r"internship", r"facu", r"(?:mestrado|doutorado|master'?s|phd|thesis|tesis|dissertac\w*)",
                    r"(?:semestre|ano) (?:de|da|do) (?:\w+ )?(?:facu\w*|curso|direito|medicina|odonto\w*|nutri\w*|psico\w*|enfermagem)"]),
    "RETIRED": cue([r"aposentad\w*", r"aposentei", r"parei de (?:trabalhar|dar aula|lecionar|atender)", r"me aposent\w*", r"net(?:inh)?[oa]s?", r"bisnet\w*", r"terceira idade", r"retired", r"grandchildren",
                    r"grandkids", r"grandson", r"granddaughter", r"parei de trabalhar", r"jubilad[oa]", r"niet[oa]s?",
                    r"(?:my|after) retirement", r"aposentadoria", r"(?:minha|meu) (?:nora|genro)"]),
}
GRADUATED = cue([r"primeiro (?:emprego|salario|trabalho)", r"first (?:job|paycheck|salary)", r"me formei", r"recem[- ]formad\w*",
                 r"(?:just )?graduated", r"(?:primer|mi primer) (?:trabajo|empleo|sueldo)", r"tomei posse", r"(?:passei no|aprovad[oa] no) concurso",
                 r"out of (?:college|university|school)", r"efetivad\w*", r"dou aulas?", r"(?:tenho \d+|meus) alunos"])
VOCATIVE = re.compile(r"(?:bom dia|boa tarde|boa noite|oi|ola|obrigad[ao]|tchau|beijos|deus te abencoe),? "
                      r"(?:minha|meu) (?:filha|filho|querida|querido|flor|anjo)(?=[,!. ]|$)"
                      r"|^(?:minha|meu) (?:filha|filho|querida|querido|flor|anjo)(?=[,!.]|$)")
# Stronger cues (an explicit statement) beat weaker ones (a passing mention).
_STAGE_WEIGHT = {"NEW_PARENT": 3.0, "RETIRED": 3.0, "STUDENT": 2.5, "EXECUTIVE": 2.0, "PARENT": 2.0,
                 "YOUNG_PROFESSIONAL": 1.0}
DRIVER = {
    "PRICE": cue([r"promo\w*", r"desconto", r"barat\w*", r"parcel\w*", r"cabe no bolso",
                  r"condic\w* (?:boa|especial)", r"custo[- ]beneficio", r"caro", r"deal", r"discount", r"price",
                  r"cheap\w*", r"installments?", r"affordable", r"expensive", r"precio", r"(?:mas|mais) bajo", r"(?:o )?menor preco", r"lowest price",
                  r"presupuesto", r"grana (?:ta |esta )?(?:contada|curta|apertada)", r"(?:mais|bem) em conta", r"cheapest", r"(?:para|p/?) estudantes?",
                  r"(?:por|com) esse (?:preco|valor)", r"metade do preco", r"\d+ ?% off", r"(?:o )?orcamento (?:nao fecha|ta apertado|esta apertado)",
                  r"trava\w* (?:o )?(?:preco|valor)", r"carteirinha"]),
    "RESULTS": cue([r"resultado\w*", r"natural", r"antes e depois", r"diferenca", r"diferencia",
                    r"ficou (?:\w+ )?(?:natural|descansad\w*|diferent\w*|rejuvenescid\w*)", r"manch\w*", r"cara de cansad\w*",
                    r"(?:actually|really) works", r"what kind of results", r"rejuvenesc\w*", r"funciona", r"efeito",
                    r"dura quanto", r"quanto tempo dura", r"rugas?", r"flacidez", r"results?", r"wrinkles?",
                    r"look younger", r"does it work", r"last"]),
    "SAFETY": cue([r"segur\w*", r"medo", r"dor", r"doi", r"anvisa", r"medic[oa]", r"anestesi\w*", r"risco\w*",
                   r"efeito colateral", r"alergi\w*", r"safe\w*", r"pain", r"hurt", r"scared", r"afraid",
                   r"side effects?", r"doctor", r"miedo", r"agulha\w*", r"pavor", r"aprovad\w*", r"receio",
                   r"diabet\w*", r"pressao (?:alta|baixa)", r"hipertens\w*", r"(?:tomo|tomando) (?:remedio|medicamento|anticoagulante)", r"remedio para (?:pressao|o coracao)",
                   r"blood thinners?", r"medication", r"cardiolog\w*", r"prejudi\w*", r"contraindica\w*", r"posso fazer (?:tranquil[ao]|sem risco)",
                   r"tireoide", r"is that a problem", r"quem (?:aplica|vai aplicar|faz o procedimento)", r"quien (?:lo |la )?aplica", r"who (?:does|performs|injects) (?:it|the)",
                   r"\bcrm\b", r"registro", r"(?:e|eh) (?:medic[oa]|dentista|dermato\w*)\??", r"formacao", r"(?:tem|ha) (?:algum )?problema (?:eu )?(?:fazer|tomar)", r"amamenta\w*"]),
    "CONVENIENCE": cue([r"horario\w*", r"perto", r"rapid\w*", r"sabado", r"encaixe", r"sem tempo",
                        r"nao tenho tempo", r"almoco", r"agenda", r"correria", r"praticidade", r"quick",
                        r"near\w*", r"close to", r"saturday", r"lunch", r"no time", r"busy", r"convenien\w*",
                        r"(?:antes|depois) do (?:trabalho|expediente)", r"(?:perto|pertinho) de (?:casa|mim)",
                        r"rapidinho", r"(?:unico|so tenho) (?:esse )?horario", r"cerca",
                        r"com quem deixar", r"levar (?:ela|ele|o bebe|a bebe|a nenem|meu filho|minha filha|as criancas) junto", r"estaciona\w*",
                        r"(?:do lado|pertinho|perto) (?:do|da|de) (?:meu |minha )?(?:trabalho|plantao|casa|hotel|escritorio|metro|estacao)",
                        r"(?:e|eh|fica|es) (?:muito )?(?:longe|lejos)\??", r"(?:meu|o) escritorio (?:e|eh|fica) (?:ali|aqui|perto|do lado)", r"(?:cada )?sessao (?:leva|dura) quanto",
                        r"(?:how long|cuanto) (?:does|dura|tarda) (?:each |cada )?(?:session|sesion)", r"sem carro", r"(?:do lado|perto) do metro", r"lunch ?break", r"min(?:utos)? do (?:hotel|trabalho)"]),
    "STATUS": cue([r"casamento", r"festa", r"evento", r"formatura", r"fotos?", r"influencer", r"aniversario",
                   r"viagem", r"impressionar", r"arrasar", r"wedding", r"party", r"event", r"photos?",
                   r"birthday", r"look (?:amazing|great|my best)", r"madrinha", r"debutante", r"bodas", r"reveillon",
                   r"ano novo", r"ensaio", r"boda", r"fiesta", r"graduacion", r"vacaciones", r"ferias", r"reencontro",
                   r"aparencia", r"(?:minha|a) imagem", r"(?:no )?meu meio", r"alto padrao", r"(?:quem|que) (?:e|eh) referencia",
                   r"(?:ficar|estar) (?:linda|lindo|perfeita|perfeito|impecavel|maravilhos[oa]) (?:nas fotos|no dia|para o|para a)",
                   r"(?:my )?(?:appearance|image) (?:matters|counts)", r"camera", r"palco", r"(?:gravo|gravar) (?:videos|conteudo)",
                   r"aparec\w* (?:em|nos|nas) (?:todos |todas )?(?:os |as )?(?:videos|fotos|stories|lives|reels)", r"maid of honou?r", r"madrinha",
                   r"seguidor\w*", r"followers", r"publis?", r"(?:meu|o) publico", r"(?:nos|nas|de) close\w*", r"fotografo", r"telao", r"(?:no )?altar"]),
    "TRUST": cue([r"indica\w*", r"(?:me )?indic(?:ou|aram)", r"confio", r"(?:minha|uma|meu|um) (?:amig[oa]|vizinh[oa]|prim[oa]|irma|irmao|colega|cunhad[oa]|mae|tia|conhecid[oa]|chefe)(?: \w+)? (?:fez|faz|indicou|recomendou|falou (?:bem|muito bem)|ama|amou)",
                  r"confi\w*", r"avaliacoes", r"(?:ja e|sou|ja fui|fui) (?:paciente|cliente)",
                  r"sou (?:irma|irmao|filha|filho|prima|primo|amiga|amigo|cunhada|mae|sobrinha) d[ao] \w+", r"o mesmo (?:combo|procedimento|tratamento|pacote) (?:que|q) (?:ela|ele)",
                  r"(?:ela|ele) (?:disse|falou) (?:que|q) (?:e|eh) com (?:voce|vc)", r"mao de fada", r"(?:ha|faz) anos com (?:a|o) (?:dra?|doutora?)", r"(?:nota|estrelas) (?:no|do) google", r"boca a boca",
                  r"(?:friend|sister|cousin|coworker|mom|mother)(?: \w+)? (?:recommended|referred|goes|went)",
                  r"ja sou cliente", r"ja fiz (?:ai|aqui|com voces)", r"recomend\w*", r"referred", r"recommend\w*",
                  r"reviews?", r"trust\w*", r"me indicaram", r"me recomend\w*", r"me hablaron", r"referral",
                  # a returning patient ("fiz botox com a Dra Paula em março", "lembra de mim?", "como da outra vez")
                  r"(?:fiz|fizemos|tratei) (?:\w+ ){0,3}(?:ai|aqui|com voces|com vcs|com (?:a|o) (?:dra?|doutora?|doutor) \w+)", r"lembra de mim",
                  r"(?:como|igual) (?:da|na) (?:outra|ultima) vez", r"com (?:ela|ele) de novo", r"(?:estou|to|eu|aqui) de volta", r"paciente d[ao] (?:dra?|doutora?|doutor)",
                  r"(?:me )?passou (?:esse|o seu|o teu|teu|seu) (?:contato|numero|whats\w*)", r"(?:e|eh) (?:o|a) mesm[oa] (?:que (?:atendeu|fez|cuidou)|dr|dra|doutor\w*|medic\w*)",
                  r"(?:ela|ele) fez (?:\w+ ){0,2}(?:ai|aqui|com voces|com vcs)", r"(?:fez|faz) (?:\w+ ){0,3}com voces e (?:amou|adorou|gostou)"]),
}
# On a tie the specific motive wins over the everyday ones (scheduling and price talk happen in every chat).
_DRIVER_TIE = ("STATUS", "TRUST", "SAFETY", "RESULTS", "PRICE", "CONVENIENCE")
_CONCERN_TO_DRIVER = {"PRICE": "PRICE", "PAYMENT_METHOD": "PRICE", "COMPETITOR": "PRICE", "FEAR_PAIN": "SAFETY",
                      "TRUST": "TRUST", "SCHEDULE": "CONVENIENCE", "RECOVERY_TIME": "CONVENIENCE",
                      "RESULTS_DOUBT": "RESULTS"}
# A trust objection about being cheated (scam, fake profile) or about reputation is about trust; one about
# who applies or what is injected (licence, original product, Anvisa) is a safety worry.
FRAUD_TRUST = cue([r"fals[ao]s?", r"existem", r"perdi dinheiro", r"golpe\w*", r"fraude", r"scam\w*", r"perfil (?:falso|fake)", r"picaret\w*", r"reclam\w*", r"avaliacoes",
                   r"reviews?", r"enganad[oa]", r"confi\w*", r"trust\w*", r"recommend\w*", r"indica\w*", r"reputac\w*", r"fama", r"de verdade", r"legit\w*", r"sumiu"])
# The lead saying what decided it ("foi por isso que vim", "o que importa pra mim é..."): the driver cues in
# that message, and in the lead message before a back-reference, weigh three times.
MOTIVE = cue([r"por isso (?:que )?(?:eu )?(?:vim|procurei|escolhi|quero|decidi|chamei|fechei)", r"foi por isso", r"(?:e|eh) por isso",
              r"o que (?:mais )?me (?:chamou (?:a )?atencao|convenceu|fez (?:decidir|escolher|vir|fechar)|importa|interessa)",
              r"(?:e|eh|e muito|eh muito|muito|super) importante (?:para|pra) mim", r"o (?:mais )?importante (?:e|eh|para mim)",
              r"(?:isso|o que) (?:e|eh) (?:o mais )?importante", r"prefiro", r"(?:decidi|escolhi) (?:por|voces|ai|aqui|essa)",
              r"(?:pesou|conta|contou) muito", r"(?:minha|a) prioridade", r"(?:so|apenas) (?:quero|busco|preciso)",
              r"o que (?:eu )?(?:quero|busco|procuro) (?:e|eh)", r"(?:me )?(?:convenceu|convenceram|ganhou|ganharam)",
              r"what (?:matters|counts)", r"(?:that's|thats|which is) why i", r"important (?:to|for) me", r"i (?:chose|picked) you",
              r"i prefer", r"lo (?:mas )?importante", r"(?:the )?main reason", r"(?:o )?(?:principal )?motivo (?:e|eh|foi)",
              r"(?:e|eh) (?:isso|exatamente isso) (?:que|o que) (?:eu )?(?:quero|busco|preciso)", r"(?:that's|thats) what i (?:want|need)",
              r"eso (?:es lo que )?quiero", r"escolhi (?:voces|vcs|aqui|ai) (?:porque|pela|pelo)",
              # the purpose of the treatment: an event ahead
              r"(?:e|eh|quero|preciso|seria) (?:para|pro|para o|para a) (?:o |a )?(?:meu |minha )?(?:casamento|formatura|aniversario|evento|festa|viagem|ensaio|batizado|bodas|reveillon)",
              r"(?:meu|minha|o|a) (?:casamento|formatura|aniversario|festa|evento|viagem|ensaio|bodas) (?:e|eh|sera|vai ser|e no|e na) (?:dia|em|no|na|sabado|domingo|semana|mes|daqui)",
              r"sou (?:a )?madrinha", r"por esse (?:preco|valor)", r"(?:preciso|quero|qro) (?:d[ao] |estar |ficar )?(?:\w+ ){0,2}(?:perfeit[oa]|impecavel|linda) (?:nos|nas) (?:close|fotos|videos)",
              r"(?:it's |its )?for (?:my|our|a) (?:wedding|graduation|birthday|party|event|trip|photoshoot)", r"para mi (?:boda|graduacion|cumpleanos|fiesta)"])
BACK_REFERENCE = cue([r"(?:foi|e|eh) por isso", r"(?:e|eh) isso (?:que|o que) (?:eu )?(?:quero|busco)", r"(?:that's|thats) what i want",
                      r"eso quiero", r"por isso (?:que )?(?:eu )?(?:vim|procurei|escolhi|decidi|chamei)",
                      r"(?:that's|thats) why", r"(?:isso|esse) (?:e|eh|foi) o (?:que|motivo)"])
# "Prefiro pagar mais e fazer com quem é referência": price explicitly is not what decides.
NOT_PRICE = cue([r"prefiro pagar mais", r"(?:nao|nem) (?:me )?importa (?:o|com o|tanto o) (?:preco|valor)",
                 r"(?:preco|valor|dinheiro) (?:nao (?:e|eh) (?:o )?problema|e o de menos|nao importa)", r"pagar (?:um pouco )?mais (?:caro )?(?:mas|para)",
                 r"(?:price|money|cost) (?:is not|isn't) (?:an issue|the issue|a problem)", r"(?:rather|happy to) pay more"])
# What the seller offered in the message the lead said yes to ("fechado", "manda a chave", "paguei"): the closing
# argument the lead accepted. Slot offers ("tenho dia 21 às 15h") are in every close and are not read.
SELLER_DRIVER = {
    "PRICE": cue([r"desconto", r"sem juros", r"parcel\w*", r"\d+ ?x (?:de|sem)", r"(?:em|ate) \d+ ?x", r"(?:sai|fica|faco|fecho|consigo) (?:por |a |em )?(?:r\$ ?)?\d+",
                  r"promo\w*", r"condicao (?:especial|boa)", r"cabe no bolso", r"(?:mais )?em conta", r"discount", r"installments?",
                  r"(?:off|%)", r"cupom", r"carteirinha", r"entrada de"]),
    "RESULTS": cue([r"antes e depois", r"resultado\w*", r"natural\w*", r"before and after", r"results?", r"dura (?:de|ate|em media)",
                    r"efeito", r"(?:fotos?|casos?) de (?:pacientes|clientes)"]),
    "SAFETY": cue([r"anvisa", r"restylane", r"juvederm", r"allergan", r"dysport", r"sculptra", r"(?:produto|acido) (?:original|de marca|registrado)", r"segur\w*", r"anestes\w*", r"agulha (?:bem )?fin\w*", r"crm", r"registro", r"original\w*", r"lacrad\w*",
                   r"nao doi", r"indolor", r"esteril\w*", r"safe\w*", r"licensed", r"board[- ]certified", r"especialista", r"habilitad\w*",
                   r"sem risco", r"avaliacao (?:medica|previa)", r"(?:medic[oa]|dermatologista|cirurgia[oa]) (?:que )?(?:aplica|faz|atende)"]),
    "CONVENIENCE": cue([r"sabado", r"encaixe\w*", r"perto", r"estaciona\w*", r"rapid\w*", r"minutos", r"horario (?:de )?almoco",
                        r"(?:antes|depois) do (?:trabalho|expediente)", r"noite", r"domingo", r"a domicilio", r"sem precisar voltar", r"numa (?:sessao|manha)"]),
    "STATUS": cue([r"casamento", r"formatura", r"evento", r"festa", r"fotos do", r"wedding"]),
    "TRUST": cue([r"indica\w*", r"depoimento\w*", r"(?:o|a) mesm[oa] (?:que|da|do) (?:atendeu|fez|cuidou)", r"(?:sua|seu) (?:amiga|amigo|cunhada|irma|prima|mae|vizinha|colega) (?:fez|adorou|amou)", r"avaliac\w* (?:no|do) google", r"pacientes (?:que )?(?:ja|voltam)", r"anos de experiencia",
                  r"recomend\w*", r"reviews?"]),
}
CLOSE_WEIGHT = 0.5
# The seller's reply to the objection overcome says what won the lead over (one point per driver it cues).
ANSWER_WEIGHT = 1.0


def seller_answer(r: Reading, at: int) -> dict[str, float]:
    """Driver cues in the seller's reply to the lead's message ``at`` (the objection overcome)."""
    block: list[str] = []
    for ln in r.lines[at + 1:]:
        if ln.author == "lead":
            if block:
                break
            continue
        if ln.author == "seller":
            block.append(ln.norm)
    text = " \n ".join(block)
    return {k: 1.0 for k, p in SELLER_DRIVER.items() if p.search(text)}


def closing_argument(r: Reading) -> dict[str, float]:
    """Driver cues in the seller's messages right before the lead first said yes or paid."""
    lines = r.lines
    for i, ln in enumerate(lines):
        if ln.author != "lead" or not (COMMITMENT.search(ln.norm) or LEAD_ACT.search(ln.norm)):
            continue
        j = i - 1
        while j >= 0 and lines[j].author == "lead":
            j -= 1
        block: list[str] = []
        while j >= 0 and lines[j].author != "lead":
            if lines[j].author == "seller":
                block.append(lines[j].norm)
            j -= 1
        text = " \n ".join(block)
        return {k: 1.0 for k, p in SELLER_DRIVER.items() if p.search(text)}
    return {}


TRAITS: list[tuple[re.Pattern[str], str, str]] = [
    (cue([r"sem tempo", r"nao tenho tempo", r"correria", r"agenda (?:lotada|cheia)", r"no time", r"busy"]),
     "sem tempo", "time-poor"),
    (cue([r"caro", r"desconto", r"barat\w*", r"parcel\w*", r"expensive", r"discount", r"cheaper"]),
     "sensível a preço", "price-sensitive"),
    (cue([r"medo", r"dor", r"doi", r"agulha\w*", r"afraid", r"scared", r"pain", r"needles?"]),
     "medo de dor", "afraid of pain"),
    (cue([r"natural", r"discret\w*", r"sem exagero", r"subtle"]), "busca naturalidade", "wants a natural look"),
    (cue([r"indica\w*", r"(?:amiga|amigo) (?:fez|indicou|recomendou)", r"referred", r"recommended"]),
     "veio por indicação", "came by referral"),
    (cue([r"casamento", r"festa", r"formatura", r"evento", r"aniversario", r"wedding", r"party", r"event"]),
     "evento próximo", "upcoming event"),
    (cue([r"nunca fiz", r"primeira vez", r"never (?:done|had|tried)", r"first time"]),
     "primeira vez", "first-timer"),
    (cue([r"outra clinica", r"outro lugar", r"orcamento\w*", r"another clinic", r"elsewhere"]),
     "pesquisa concorrentes", "shops around"),
    (cue([r"ja fiz", r"de novo", r"retoque", r"manutencao", r"again", r"touch[- ]up"]),
     "já fez procedimentos", "has had procedures before"),
]
_AGE = re.compile(
    r"(?:tenho|completei|completo|fiz|vou fazer|farei|estou com|to com|idade:?) (\d{2}) anos"
    r"|(\d{2}) anos de idade|(?:i'm|i am|i turned|i'll be) (\d{2})(?!\s?(?:minutes|mins?|hours|km|miles|%|x|days|min))"
    r"|(\d{2}) years old|(?:age|aged|idade) (\d{2})"
)


@dataclass(frozen=True)
class Profile:
    life_stage: str
    driver: str
    traits: list[str]
    age: int | None
    feminine: bool


def stated_age(r: Reading) -> int | None:
    """An age the lead states about themself ("tenho 42 anos", "I'm 35"), else None."""
    for ln in r.lead:
        for m in _AGE.finditer(ln.norm):
            age = int(next(g for g in m.groups() if g))
            if 14 <= age <= 95:
                return age
    return None


def age_range(age: int | None) -> str:
    if age is None:
        return "UNKNOWN"
    if age < 25:
        return "18_24"
    if age < 35:
        return "25_34"
    if age < 45:
        return "35_44"
    if age < 55:
        return "45_54"
    return "55_PLUS"


def driver_scores(r: Reading, resolved_concern: str, concern_scores: dict[str, float] | None = None,
                  concern_text: str = "", concern_at: int | None = None) -> dict[str, float]:
    """Evidence per decision driver over the whole conversation (not the first cue that matches).

    Each lead message adds one per driver it cues (presence, not repetition); a message in which the lead
    says what decided it ("o que importa pra mim é ficar natural", "foi por isso que vim") weighs three
    times, and so does the message such a back-reference points at. The objection the seller overcame
    adds two, every other objection raised on the way one. "Prefiro pagar mais" takes price out.
    """
    scores = dict.fromkeys(DRIVER, 0.0)
    lead = r.lead
    boost = [1.0] * len(lead)
    for i, ln in enumerate(lead):
        if MOTIVE.search(ln.norm):
            boost[i] = 3.0
            if BACK_REFERENCE.search(ln.norm) and i > 0:
                boost[i - 1] = max(boost[i - 1], 3.0)
    for ln, w in zip(lead, boost, strict=True):
        norm = ATTACHMENT.sub(" ", ln.norm)  # "[print pagamento aprovado]" describes a file, it is not the lead's words
        for k, p in DRIVER.items():
            n = len(p.findall(norm))
            if n:
                scores[k] += w * (1.0 + 0.25 * (n - 1))
    mapped = _CONCERN_TO_DRIVER.get(resolved_concern)
    if resolved_concern == "TRUST" and not FRAUD_TRUST.search(concern_text):
        mapped = "SAFETY"
    answer = seller_answer(r, concern_at) if concern_at is not None else {}
    if resolved_concern == "COMPETITOR" and answer and "PRICE" not in answer:
        mapped = None  # a cheaper place named and still paid here: what the seller answered with decided, not price
    if mapped:  # the objection the seller overcame usually decided the sale
        scores[mapped] += 1.0 if resolved_concern == "PAYMENT_METHOD" else 2.0
    for k, v in answer.items():
        scores[k] += ANSWER_WEIGHT * v
    for name, score in (concern_scores or {}).items():  # every objection raised on the way says what mattered
        if name in _CONCERN_TO_DRIVER and name != resolved_concern and score >= 2.0:
            scores[_CONCERN_TO_DRIVER[name]] += 1.0
    for k, v in closing_argument(r).items():
        scores[k] += CLOSE_WEIGHT * v
    if any(NOT_PRICE.search(ln.norm) for ln in lead):
        scores["PRICE"] = 0.0
    return scores


def profile(r: Reading, resolved_concern: str, concern_scores: dict[str, float] | None = None,
            concern_text: str = "", concern_at: int | None = None) -> Profile:
    """Life stage, decision driver and traits from the lead's words (and the objection that was overcome)."""
    text = " \n ".join(ln.norm for ln in r.lead)
    stage_scores = dict.fromkeys(LIFE_STAGE, 0.0)
    for ln in r.lead:
        norm = VOCATIVE.sub(" ", ln.norm)  # "bom dia minha filha" addresses the seller, it is no child
        found = {k: len(p.findall(norm)) for k, p in LIFE_STAGE.items()}
        if found["PARENT"] or found["NEW_PARENT"]:
            found["STUDENT"] = 0  # "meu filho está no 3º ano, vestibular chegando": the child studies
        if GRADUATED.search(norm):  # "first job out of college": the studies are behind her
            found["STUDENT"] = 0
            found["YOUNG_PROFESSIONAL"] += 2
        for k, c in found.items():
            stage_scores[k] += c * _STAGE_WEIGHT[k]
    age = stated_age(r)
    if age is not None:
        if age >= 62:
            stage_scores["RETIRED"] += 1.5
        elif age <= 22:
            stage_scores["STUDENT"] += 1.5
        elif age <= 34:
            stage_scores["YOUNG_PROFESSIONAL"] += 0.8
    stage = max(stage_scores, key=lambda k: (stage_scores[k], _STAGE_WEIGHT[k]))
    if stage_scores[stage] <= 0:
        stage = "UNKNOWN"
    scores = driver_scores(r, resolved_concern, concern_scores, concern_text, concern_at)
    driver = max(scores, key=lambda k: (scores[k], -_DRIVER_TIE.index(k)))
    if scores[driver] < 1:
        driver = "UNKNOWN"
    traits = [pt if r.lang == "pt" else en for pat, pt, en in TRAITS if pat.search(text)]
    feminine = not re.search(r"\bobrigado\b|\bsou (?:empresario|pai|casado|noivo)\b", text)
    return Profile(stage, driver, traits[:6], age, feminine)


_PERSONA_PT = {
    "NEW_PARENT": ("Mãe de primeira viagem", "Pai de primeira viagem"),
    "PARENT": ("Mãe que concilia filhos e rotina", "Pai que concilia filhos e rotina"),
    "EXECUTIVE": ("Empresária sem tempo", "Empresário sem tempo"),
    "YOUNG_PROFESSIONAL": ("Jovem profissional", "Jovem profissional"),
    "STUDENT": ("Estudante universitária", "Estudante universitário"),
    "RETIRED": ("Aposentada que cuida de si", "Aposentado que cuida de si"),
    "UNKNOWN": ("Cliente", "Cliente"),
}
_PERSONA_EN = {"NEW_PARENT": "First-time parent", "PARENT": "Busy parent", "EXECUTIVE": "Time-poor executive",
               "YOUNG_PROFESSIONAL": "Young professional", "STUDENT": "University student",
               "RETIRED": "Retiree investing in self-care", "UNKNOWN": "Client"}
_DRIVER_PT = {"PRICE": "atenta ao preço", "RESULTS": "focada em resultado", "SAFETY": "que busca segurança",
              "CONVENIENCE": "que valoriza praticidade", "STATUS": "com evento em vista",
              "TRUST": "que decide por confiança"}
_DRIVER_EN = {"PRICE": "price-conscious", "RESULTS": "results-driven", "SAFETY": "safety-minded",
              "CONVENIENCE": "convenience-seeking", "STATUS": "with an event ahead", "TRUST": "trust-driven"}


def persona(p: Profile, lang: str) -> str:
    """A short persona such as "Mãe de primeira viagem" or "Cliente focada em resultado"."""
    if lang == "en":
        base = _PERSONA_EN[p.life_stage]
        extra = _DRIVER_EN.get(p.driver)
        return f"{base}, {extra}" if extra and p.life_stage == "UNKNOWN" else base if p.life_stage != "UNKNOWN" \
            else (f"{extra.capitalize()} client" if extra else "Client (no profile cues)")
    base = _PERSONA_PT[p.life_stage][0 if p.feminine else 1]
    if p.life_stage != "UNKNOWN":
        return "Noiva" if "evento próximo" in p.traits and p.life_stage == "YOUNG_PROFESSIONAL" and p.feminine \
            and p.driver == "STATUS" else base
    extra = _DRIVER_PT.get(p.driver)
    if extra:
        return f"Cliente {extra if p.feminine else extra.replace('atenta', 'atento').replace('focada', 'focado')}"
    return "Cliente (sem pistas de perfil)"
