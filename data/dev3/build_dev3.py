#!/usr/bin/env python3
"""Builds the x3 evaluation set (WhatsApp sales conversations, aesthetic/dental clinics in Brazil).

Stdlib only, deterministic. Run:  python3 build_dev3.py   (writes conversations/ and labels.json
next to this file, then validates).

Compact source form: each conversation is C(num, status, value, seller, campaign, contact, start,
msgs, labels, now=..., utc=False, lang="pt").
  msgs: one message per line  `<who><type?><delta> <text>`
        who  L=lead S=seller B=bot ; type a=audio i=image d=document (omitted = text)
        delta = time since the previous message (first line: since `start`): 5 | 5m | 3h | 2d
  start: local São Paulo time "YYYY-MM-DD HH:MM" (-03:00). utc=True writes every timestamp in UTC (Z).
  now:  delta after the last message.
  labels (short keys): c concern, h hesitation, lr lossReason, q leadQualified, cm campaignMismatch,
        pc purchaseConfirmed, pv purchaseValue, g ghosting, ls lifeStage, dd decisionDriver,
        e empathetic, p persuasionTriggers ("SC UR SP AU RE AN")
"""
import json, os, random, re, sys, hashlib
from datetime import datetime, timedelta, timezone
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
SP = timezone(timedelta(hours=-3))
CONCERN = ["PRICE", "RECOVERY_TIME", "FEAR_PAIN", "TRUST", "COMPETITOR", "SCHEDULE",
           "RESULTS_DOUBT", "PAYMENT_METHOD", "OTHER", "NONE"]
LOSS = CONCERN + ["NO_RESPONSE"]
LIFE = ["STUDENT", "YOUNG_PROFESSIONAL", "NEW_PARENT", "PARENT", "EXECUTIVE", "RETIRED", "UNKNOWN"]
DRIVER = ["PRICE", "RESULTS", "SAFETY", "CONVENIENCE", "STATUS", "TRUST", "UNKNOWN"]
TRIG = {"SC": "SCARCITY", "UR": "URGENCY", "SP": "SOCIAL_PROOF", "AU": "AUTHORITY",
        "RE": "RECIPROCITY", "AN": "ANCHORING"}
CAMPAIGNS = ["Agosto_Botox", "Harmonizacao_Full_Face", "Lentes_Contato_Dental", "Clareamento_Promo",
             "Implante_Dentario_SP", "Bioestimulador_Colageno", "Laser_Depilacao_Promo",
             "Preenchimento_Labial_Ago", "Limpeza_Pele_Setembro", "Lipo_Papada_Enzimas"]
DDD = ["11", "11", "11", "21", "31", "41", "19", "13", "12", "15", "51", "61"]

CONVS = []

def C(num, status, value, seller, campaign, contact, start, msgs, labels, now="2h", utc=False,
      lang="pt", phone=None):
    CONVS.append(dict(num=num, status=status, value=value, seller=seller, campaign=campaign,
                      contact=contact, start=start, msgs=msgs, labels=labels, now=now, utc=utc,
                      lang=lang, phone=phone))

def _delta(s):
    m = re.fullmatch(r"(\d+)([mhd]?)", s)
    n, u = int(m.group(1)), m.group(2) or "m"
    return timedelta(minutes=n) * {"m": 1, "h": 60, "d": 1440}[u]

LINE = re.compile(r"^([LSB])([aid]?)(\d+[mhd]?) (.*)$")

def _fmt(dt, utc):
    if utc:
        return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return dt.astimezone(SP).isoformat()

def _attribution(campaign, rnd, idx):
    if campaign is None:
        return {}
    if campaign.startswith("google:"):
        return {"utm_source": "google", "utm_medium": "cpc", "utm_campaign": campaign[7:],
                "utm_term": "clinica estetica perto de mim"}
    h = int(hashlib.sha1(campaign.encode()).hexdigest()[:12], 16)
    cid = "1202148" + str(h % 10**11).zfill(11)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    att = {"utm_source": rnd.choice(["facebook", "instagram", "instagram"]),
           "utm_campaign": campaign,
           "ctwa_clid": "Af" + "".join(rnd.choice(alphabet) for _ in range(30)),
           "ad_id": "1202" + "".join(rnd.choice("0123456789") for _ in range(14)),
           "campaign_id": cid}
    if idx % 4 != 3:
        att["utm_medium"] = "paid_social"
        att["utm_content"] = campaign.lower() + rnd.choice(["_carrossel", "_video_depoimento", "_reels", "_antes_depois"])
    return att

def build():
    rnd = random.Random(20260903)
    phones = set()
    out_dir = os.path.join(HERE, "conversations")
    os.makedirs(out_dir, exist_ok=True)
    for f in os.listdir(out_dir):
        if f.endswith(".json"):
            os.remove(os.path.join(out_dir, f))
    labels = {}
    for i, cv in enumerate(CONVS):
        cid = "x3-%03d" % cv["num"]
        t = datetime.strptime(cv["start"], "%Y-%m-%d %H:%M").replace(tzinfo=SP)
        msgs = []
        for raw in cv["msgs"].strip("\n").split("\n"):
            raw = raw.strip()
            if not raw:
                continue
            m = LINE.match(raw)
            if not m:
                raise SystemExit("%s: bad line: %r" % (cid, raw))
            who, typ, d, text = m.groups()
            t = t + _delta(d)
            msg = {"from": {"L": "lead", "S": "seller", "B": "bot"}[who]}
            if typ:
                msg["type"] = {"a": "audio", "i": "image", "d": "document"}[typ]
            msg["text"] = text
            msg["at"] = _fmt(t, cv["utc"])
            msgs.append(msg)
        now = t + _delta(cv["now"])
        while True:
            ph = cv["phone"] or "+55" + rnd.choice(DDD) + "9" + "".join(rnd.choice("0123456789") for _ in range(8))
            if ph not in phones:
                phones.add(ph); break
        conv = {"id": cid, "now": _fmt(now, cv["utc"]),
                "ticket": {"status": cv["status"], "value": cv["value"], "currency": "BRL",
                           "seller": cv["seller"], "attribution": _attribution(cv["campaign"], rnd, i)},
                "contact": {"name": cv["contact"], "phone": ph},
                "messages": msgs}
        with open(os.path.join(out_dir, cid + ".json"), "w", encoding="utf-8") as fh:
            json.dump(conv, fh, ensure_ascii=False, indent=1)
        L = cv["labels"]
        lab = {}
        keymap = [("c", "concern"), ("h", "hesitation"), ("lr", "lossReason"), ("q", "leadQualified"),
                  ("cm", "campaignMismatch"), ("pc", "purchaseConfirmed"), ("pv", "purchaseValue"),
                  ("g", "ghosting"), ("ls", "lifeStage"), ("dd", "decisionDriver")]
        for short, full in keymap:
            if short in L and L[short] is not None:
                lab[full] = L[short]
        # defaults where the author is confident by construction
        lab.setdefault("leadQualified", True) if "q" not in L else None
        lab.setdefault("campaignMismatch", False)
        lab.setdefault("purchaseConfirmed", False)
        lab["language"] = cv["lang"]
        if L.get("e") is not None:
            lab["empathetic"] = L["e"]
        if L.get("p") is not None:
            lab["persuasionTriggers"] = sorted(TRIG[x] for x in L["p"].split())
        labels[cid] = lab
    with open(os.path.join(HERE, "labels.json"), "w", encoding="utf-8") as fh:
        json.dump(labels, fh, ensure_ascii=False, indent=1, sort_keys=True)
    return labels

def validate(labels):
    errs = []
    out_dir = os.path.join(HERE, "conversations")
    seen = set()
    for cid, lab in labels.items():
        p = os.path.join(out_dir, cid + ".json")
        if not os.path.exists(p):
            errs.append(cid + ": no file"); continue
        conv = json.load(open(p, encoding="utf-8"))
        assert conv["id"] not in seen; seen.add(conv["id"])
        st = conv["ticket"]["status"]
        ts = [datetime.fromisoformat(m["at"].replace("Z", "+00:00")) for m in conv["messages"]]
        now = datetime.fromisoformat(conv["now"].replace("Z", "+00:00"))
        if any(b < a for a, b in zip(ts, ts[1:])): errs.append(cid + ": timestamps not ordered")
        if ts[-1] > now: errs.append(cid + ": message after now")
        if st not in ("OPEN", "WON", "LOST"): errs.append(cid + ": status")
        for m in conv["messages"]:
            if m["from"] not in ("lead", "seller", "bot"): errs.append(cid + ": from")
            if m.get("type", "text") not in ("text", "audio", "image", "document"): errs.append(cid + ": type")
        if lab.get("concern", "NONE") not in CONCERN: errs.append(cid + ": concern enum")
        if "lossReason" in lab:
            if st != "LOST": errs.append(cid + ": lossReason on non-LOST")
            if lab["lossReason"] not in LOSS: errs.append(cid + ": lossReason enum")
        elif st == "LOST": errs.append(cid + ": LOST without lossReason")
        if "ghosting" in lab and st != "OPEN": errs.append(cid + ": ghosting on non-OPEN")
        for k, enum in (("lifeStage", LIFE), ("decisionDriver", DRIVER)):
            if k in lab:
                if st != "WON": errs.append(cid + ": %s on non-WON" % k)
                if lab[k] not in enum: errs.append(cid + ": %s enum" % k)
        if ("purchaseValue" in lab) != bool(lab.get("purchaseConfirmed")): errs.append(cid + ": purchaseValue vs purchaseConfirmed")
        if lab["language"] not in ("pt", "en", "es"): errs.append(cid + ": language")
        for t in lab.get("persuasionTriggers", []):
            if t not in TRIG.values(): errs.append(cid + ": trigger")
        for k in ("hesitation", "leadQualified", "campaignMismatch", "purchaseConfirmed", "ghosting", "empathetic"):
            if k in lab and not isinstance(lab[k], bool): errs.append(cid + ": %s not bool" % k)
        if st == "LOST" and lab.get("purchaseConfirmed"): errs.append(cid + ": LOST with purchase")
        if conv["ticket"]["value"] is not None and lab.get("purchaseValue") not in (None, conv["ticket"]["value"]):
            errs.append(cid + ": purchaseValue %s != ticket value %s" % (lab.get("purchaseValue"), conv["ticket"]["value"]))
    files = {f[:-5] for f in os.listdir(out_dir) if f.endswith(".json")}
    if files != set(labels): errs.append("files/labels mismatch")
    return errs

def report(labels):
    convs = [json.load(open(os.path.join(HERE, "conversations", c + ".json"), encoding="utf-8")) for c in sorted(labels)]
    lines = ["conversations: %d" % len(convs),
             "status: %s" % dict(Counter(c["ticket"]["status"] for c in convs)),
             "messages: min %d, max %d, 60+: %d" % (min(len(c["messages"]) for c in convs), max(len(c["messages"]) for c in convs), sum(len(c["messages"]) >= 60 for c in convs)),
             "UTC timestamps: %d" % sum(c["now"].endswith("Z") for c in convs),
             "audio messages in %d conversations" % sum(any(m.get("type") == "audio" for m in c["messages"]) for c in convs)]
    keys = ["concern", "hesitation", "lossReason", "leadQualified", "campaignMismatch", "purchaseConfirmed",
            "ghosting", "lifeStage", "decisionDriver", "language", "empathetic"]
    for k in keys:
        cnt = Counter(str(l[k]) for l in labels.values() if k in l)
        lines.append("%s (%d): %s" % (k, sum(cnt.values()), ", ".join("%s %d" % kv for kv in sorted(cnt.items(), key=lambda x: -x[1]))))
    pv = [l["purchaseValue"] for l in labels.values() if "purchaseValue" in l]
    lines.append("purchaseValue (%d): min %s, max %s" % (len(pv), min(pv) if pv else "-", max(pv) if pv else "-"))
    tc = Counter(t for l in labels.values() for t in l.get("persuasionTriggers", []))
    lines.append("persuasionTriggers (%d labelled; %d empty): %s" % (sum("persuasionTriggers" in l for l in labels.values()), sum(l.get("persuasionTriggers") == [] for l in labels.values()), dict(tc)))
    return "\n".join(lines)

# === BATCHES ===

# ---------------- batch 1 ----------------
C(1, "WON", 850, "Carla", "Agosto_Botox", "Letícia Moura", "2026-08-03 19:42", """
L0 oii vi o anuncio do botox, qto ta?
S6 Oi Letícia! Tudo bem? 😊 O botox de terço superior (testa, glabela e pés de galinha) tá de R$ 1.200 por R$ 890 até o fim do mês
L3 hmm
L0 e se ficar com cara de congelada? tenho pavor daquelas testas q nao mexem kkk
S4 Entendo demais! A Dra. Renata trabalha com dose bem ajustada, a ideia é suavizar e vc continuar com expressão. Posso te mandar uns antes e depois de pacientes com resultado natural?
L1 manda sim
Si2 [foto antes/depois - paciente 26 anos, testa] 
Si0 [foto antes/depois - pés de galinha]
L5 aaa ficou mto natural msm
L1 tem desconto p estudante? to no 6º semestre de nutri e a grana ta contada rs
S3 Com carteirinha consigo fechar os 890 em 3x sem juros no cartão, ou 850 no pix 😉
L7 pix entao
L0 me passa a chave
S1 Chave CNPJ: 41.223.908/0001-17 (Clínica Renova Estética). Valor R$ 850
L9 acabei de mandar o pix
S2 Recebido aqui ✅ Te coloco quinta às 18h30 ok?
L1 perfeito!! obg
""", dict(c="NONE", h=True, pc=True, pv=850, ls="STUDENT", dd="PRICE", e=True, p="AN SP UR"), now="3h")

C(2, "LOST", 4500, "Bruno", "Harmonizacao_Full_Face", "Daniela Prates", "2026-08-04 12:15", """
L0 Boa tarde, gostaria de saber o valor da harmonização completa
S22 Boa tarde Daniela! A full face aqui fica R$ 4.500, inclui mandíbula, mento, malar e olheiras. Parcela em até 10x
L40 entendi
L2 nossa é que esse mês eu tive uns gastos que eu não esperava, carro quebrou, IPVA...
L0 vou deixar pra mais pra frente
S15 Poxa, imagino! Se quiser a gente pode começar só por uma região, fica mais leve
L3h vou ver, obrigada
S1d Oi Daniela, passando pra saber se conseguiu pensar 🙂
L5h melhor não por agora, quando as coisas se ajeitarem aqui eu te chamo
S10 Tudo bem, fico à disposição!
""", dict(c="PRICE", h=True, lr="PRICE", q=True, e=True, p=""), now="1d")

C(3, "OPEN", 1350, "Ana", "Preenchimento_Labial_Ago", "Jéssica Faria", "2026-08-05 10:02", """
L0 oi! quero fazer boca mas to com um pé atrás
L1 uma amiga fez em outro lugar e ficou cheio de carocinho, teve q dissolver
S8 Oi Jéssica! Que chato isso que aconteceu com ela 😔 Onde ela fez foi com profissional de saúde?
L4 foi numa moça de salão, bem baratinho
L0 aqui quem aplica?
L0 pq assim, qualquer um fala q é especialista ne
S6 Aqui quem aplica é a Dra. Camila Teixeira, dentista com especialização em harmonização orofacial, CRO-SP 98.441. Vc pode consultar no site do CRO 🙂
S0 E usamos só ácido hialurônico com lote e nota, vc vê a caixa sendo aberta na hora
L25 vou dar uma olhada no cro dela
S3h Olhou? Se quiser, agendo uma avaliação sem custo pra vc conhecer ela pessoalmente
""", dict(c="TRUST", h=True, g=True, e=True, p="AU RE"), now="2d")

C(4, "WON", 9800, "Diego", "Lentes_Contato_Dental", "Rayane Cristina", "2026-08-06 09:30", """
L0 bom dia, vcs fazem lente de contato nos dentes?
S3 Bom dia Rayane! Fazemos sim, com o Dr. Paulo Mendes. Quantos dentes vc pensa em fazer?
L12 acho q 10, os de cima q aparecem no sorriso
L0 é que meu casamento é dia 14 de novembro e eu nao gosto de sorrir nas fotos 🥲
S5 Que lindo, parabéns!! Dá tempo tranquilo. 10 lentes em porcelana ficam R$ 9.800
L30 ai Jesus
L1 no pix de uma vez eu não consigo de jeito nenhum, eu sou recepcionista num escritório de advocacia né kkk
L0 tem como fazer tipo uma entrada e o resto no cartão?
S4 Tem sim! Uma entrada de R$ 1.800 no pix e o restante (R$ 8.000) em até 10x sem juros no cartão
L8 ah assim dá 😍
L0 só uma coisa, fica natural? não quero dente de porcelana branco neon
S3 Fica natural sim, a cor é escolhida junto com vc no ensaio, e vc vê um mock-up antes de cimentar qualquer coisa
L6 perfeito, vou fazer a entrada agora
Li5 [comprovante pix R$ 1.800,00 - Clinica Sorriso Prime]
L0 e o resto eu passo no dia da moldagem
S4 Recebido 🙌 Te espero dia 11 às 14h, o restante passamos no cartão aqui
L2 fechadooo
S3h Oi Rayane, só lembrando: traga um documento com foto no dia 11 🙂
L1 ok!
L5d boa tarde, passei aí hoje e já fiz o cartão 10x do restante, amei o mock up!!
S10 Que bom que gostou!! Agora é só aguardar a prova em 12 dias 😁
""", dict(c="NONE", h=True, pc=True, pv=9800, ls="YOUNG_PROFESSIONAL", dd="RESULTS", e=False, p=""), now="4h")

C(5, "OPEN", 1100, "Priscila", "Bioestimulador_Colageno", "Sandra Helena", "2026-08-07 16:20", """
L0 Olá, boa tarde. Quero informações sobre o bioestimulador
S4 Boa tarde Sandra! O Sculptra aqui é R$ 1.100 o frasco, normalmente indicamos 2 frascos. Quer agendar uma avaliação?
L10 Quero sim. Mas durante a semana eu não consigo, trabalho das 8 às 18 longe daí
L0 Vocês atendem sábado?
S6 Atendemos sábados alternados, o próximo com vaga é dia 22 às 10h
L3 Dia 22 é aniversário do meu pai, vou estar em Sorocaba o dia todo
L0 E depois disso?
S4 Depois só dia 5/09 😕 ou durante a semana a partir das 19h na terça
L2 19h não chego aí, pego trânsito da marginal todo dia
""", dict(c="SCHEDULE", h=True, g=False, e=False, p=""), now="8m")

C(6, "LOST", 2200, "Júlio", "Bioestimulador_Colageno", "Marta Albuquerque", "2026-08-07 11:05", """
L0 bom dia qual o valor do radiesse
S35 Bom dia Marta! Radiesse R$ 2.200 a seringa, com avaliação da Dra. Bianca inclusa
L4 hmm
L1 aqui pertinho de casa tem uma que faz por 1.400
L0 vcs cobrem?
S9 Não conseguimos chegar nesse valor, Marta. Aqui o produto é original com rastreio e a aplicação é com médica dermatologista
L3 entendo, mas a diferença é grande né
L0 vou fazer la msm, obrigada
S2 Tudo bem, qualquer coisa estamos aqui!
""", dict(c="COMPETITOR", h=True, lr="COMPETITOR", q=True, e=False, p="AU"), now="5h")

C(7, "WON", 1450, "Fernanda", "Agosto_Botox", "Olivia Bennett", "2026-08-10 17:55", """
L0 Hi! Sorry, my Portuguese is terrible. Do you do botox? Forehead and crow's feet
S3 Hi Olivia! No problem 😊 Yes we do. Forehead + crow's feet is R$ 1,450 with Dr. Renata
L2 Great. I manage the LatAm team at my company, back-to-back calls all day, and my lunch break is like 45 min
L0 Can it be done during lunch? I'm on Faria Lima, a couple of blocks from you I think
S2 Yes! It takes about 20 minutes. We have 12:30 tomorrow or Thursday
L1 Tomorrow 12:30 works. Can I pay by card online so I don't waste time at the desk?
S2 Sure, here is the payment link: pay.renovaestetica.com.br/l/8KQ2
L6 Just paid R$ 1,450.00 through the link 👍
S1 Got it, confirmed! See you tomorrow at 12:30 ✨
L0 Thanks!!
""", dict(c="NONE", h=False, pc=True, pv=1450, ls="EXECUTIVE", dd="CONVENIENCE", e=False, p=""), now="1h", lang="en", utc=True)

C(8, "OPEN", 3900, "Diego", "Implante_Dentario_SP", "Reginaldo Souza", "2026-08-11 08:40", """
L0 bom dia amigo. preciso colocar um implante num dente do fundo q perdi
S7 Bom dia Reginaldo! O implante unitário com coroa fica R$ 3.900, parcelamos em 12x
L15 o preço ta ok
L0 mas vou ser sincero c vc
L0 dói muito? kkk
L1 eu sou aquele cara q desmaia tirando sangue
S5 Kkk relaxa! É feito com anestesia local, a maioria dos pacientes fala que dói menos que uma extração. E se quiser temos sedação com óxido nitroso
L20 nossa so de pensar em furar o osso ja me da um frio na barriga
L0 deixa eu criar coragem e te falo
S1d E aí Reginaldo, criou coragem? rs Tenho horário quinta de manhã
""", dict(c="FEAR_PAIN", h=True, g=True, e=None, p=None), now="2d")

C(9, "WON", 3600, "Carla", "Harmonizacao_Full_Face", "Bruna Esteves", "2026-08-12 14:10", """
L0 oiee quero saber da harmonização
S5 Oi Bruna! A nossa harmonização facial completa sai R$ 3.600 (mandíbula, mento, olheira e lábio)
L30 entendi.. uma dúvida
L0 meu bebê tem 4 meses, já parei de amamentar semana passada pq voltei a trabalhar
L0 posso fazer tranquila? tenho medo de fazer algo q prejudique
S6 Pode sim! Como já encerrou a amamentação não há contraindicação. A Dra. Camila ainda faz uma anamnese completa antes 🙂
L4 ufa
L0 e se ficar artificial?
S3 A proposta é harmonizar e não transformar. Começamos conservador e no retorno de 15 dias ajustamos se precisar, sem custo
L10 amei
L0 como faço pra garantir horário?
S2 Com um sinal de R$ 500 no pix eu já bloqueio o horário, o restante vc paga no dia
Li15 [comprovante pix R$ 500,00]
L0 mandei 500 de sinal
S3 Recebido! Sábado 23 às 9h, anotado 💜
""", dict(c="NONE", h=True, pc=True, pv=3600, ls="NEW_PARENT", dd="SAFETY", e=None, p=""), now="1h")

C(10, "OPEN", 680, "Rafa", "Limpeza_Pele_Setembro", "Kelly Santana", "2026-09-01 21:10", """
L0 oi amor, quero a limpeza + peeling de diamante q ta no anuncio
S9 Oi Kelly! O combo tá R$ 680. Tenho sexta 15h
L2 fechou sexta 15h
L0 pode marcar como pago aí que amanhã eu passo o pix, to sem app do banco agora
S4 Consigo segurar o horário até amanhã 12h, aí quando cair o pix confirmo tá bom?
L1 blz
""", dict(c="NONE", h=False, g=False, e=False, p="UR"), now="20m")

C(11, "LOST", 990, "Bruno", "Agosto_Botox", "Tatiane", "2026-08-13 09:12", """
B0 Olá! 👋 Sou a assistente virtual da Clínica Derma Bella. Em instantes um consultor vai te atender.
L0 Olá! Tenho interesse e queria mais informações, por favor.
S14 Oi Tatiane, tudo bem? Sou o Bruno! O botox está R$ 990, com retorno incluso. Quer que eu veja um horário pra vc?
S1d Oi Tatiane, ainda tem interesse? 🙂
S2d Vou encerrar por aqui, se quiser é só chamar!
""", dict(c="NONE", h=False, lr="NO_RESPONSE", q=None, e=False, p=""), now="3h")

C(12, "WON", 220, "Thaís", None, "Dona Cida", "2026-08-14 10:00", """
L0 Bom dia minha filha. Aqui é a Aparecida, já fui paciente da Dra Luíza ano passado
La2 [áudio 0:42]
S6 Bom dia Dona Cida!! Que saudade 😊 Não consegui ouvir o áudio aqui agora, me fala por escrito?
L4 É que eu queria fazer aquela limpeza de pele de novo
L0 Agora que parei de trabalhar na escola tenho tempo de me cuidar né
L0 Confio muito no trabalho de vocês
S2 Que ótimo! A limpeza tá R$ 220. Tenho terça 9h, pode ser?
L15 Pode sim
L0 Pago como?
S1 Pode ser pix: financeiro@clinicaaurora.com.br
L40 pago ✔️
S3 Recebido! Terça 9h te esperamos, Dona Cida 💐
""", dict(c="NONE", h=False, pc=True, pv=220, ls="RETIRED", dd="TRUST", e=False, p=""), now="2h")

C(13, "OPEN", 1290, "Ana", "Preenchimento_Labial_Ago", "Camila Bertolucci", "2026-08-17 13:25", """
L0 oi! queria fazer a boca essa semana
L0 quanto tempo fica inchado??
S4 Oi Camila! Com 1ml fica R$ 1.290. O inchaço costuma durar de 2 a 4 dias, pode ter algum roxinho
L2 4 dias??
L0 sexta tenho apresentação pra diretoria, vou falar pra umas 40 pessoas
L0 não dá pra chegar de boca de pato kkkk
S3 Entendo! Se fizer hoje ou amanhã cedo, na sexta a maioria já está bem. Mas não posso te garantir 100%
L6 então complica
L0 se fizer e ficar roxo eu to lascada
""", dict(c="RECOVERY_TIME", h=True, g=False, e=True, p=""), now="6m")

C(14, "LOST", 1600, "Leandro", "Laser_Depilacao_Promo", "Amanda Ribeiro", "2026-08-18 18:30", """
L0 oi, o pacote de axila e virilha ta quanto
S3 Oi Amanda! 10 sessões de axila + virilha completa por R$ 1.600
L11 vou ser honesta
L0 fiz 3 sessões no ano passado em outro lugar e nao mudou NADA, o pelo voltou igualzinho
L0 acho q no meu caso nao adianta
S5 Pode ter sido o tipo de aparelho, aqui usamos o Soprano Ice Platinum, 3 comprimentos de onda
L20 pode ser, mas já gastei dinheiro uma vez e não vi diferença
L0 acho que é meu corpo msm. obg
""", dict(c="RESULTS_DOUBT", h=True, lr="RESULTS_DOUBT", q=True, e=False, p=None), now="1d")

C(15, "WON", 1100, "Fernanda", "Clareamento_Promo", "Valentina Sosa", "2026-08-18 15:05", """
L0 Hola! cuánto sale el blanqueamiento dental? estoy de viaje en São Paulo hasta el viernes
S4 Hola Valentina! 😊 El blanqueamiento en consultorio sale R$ 1.100 (una sesión de 1h30)
L3 y lo puedo hacer antes del viernes? recién empecé a trabajar en una startup, en remoto, así que el horario me da igual. es mi primer viaje con mi sueldo jaja
S2 Sí! Mañana a las 11h o miércoles a las 16h
L5 mañana 11 perfecto, me queda a 10 min del hotel
L0 se puede pagar con tarjeta extranjera?
S3 Sí, te paso el link de pago
L12 listo, pagué con tarjeta por el link, 1.100 reales
S1 Confirmado! Nos vemos mañana 🙌
""", dict(c="NONE", h=False, pc=True, pv=1100, ls="YOUNG_PROFESSIONAL", dd="CONVENIENCE", e=False, p=""), now="30m", lang="es", utc=True)

C(16, "OPEN", 990, "Thaís", "Agosto_Botox", "Isabela Nunes", "2026-08-19 11:45", """
L0 oi thais!! lembra de mim? marquei o botox pro dia 28
L0 então...
L0 descobri ontem q to grávida 🙈🙈
S3 Aaaa parabéns Isabela!!! 🥹
S0 Infelizmente durante a gestação e a amamentação a gente não aplica toxina, por segurança do bebê
L5 imaginei 😕 então vou ter q esperar né
L0 quase 2 anos sem botox socorro kkkk
""", dict(c="OTHER", h=None, g=False, e=True, p=""), now="10m")

C(17, "WON", 2700, "Júlio", "Lipo_Papada_Enzimas", "Priscilla Amaral", "2026-08-20 20:05", """
L0 boa noite! quanto fica as enzimas de papada?
S12 Boa noite Priscilla! O protocolo de 4 sessões sai R$ 2.700
L8 ah tá
L0 achei q era menos, no anuncio parecia mais barato
S3 O anúncio fala do valor por sessão (R$ 750). No pacote de 4 sai mais em conta, de 3.000 por 2.700 e dá pra fazer em 3x
L15 em 3x fica 900 né
L0 hmm dá
L0 e dói? tem agulha?
S2 São microinjeções com agulha bem fininha e anestésico tópico antes. Arde um pouquinho uns segundos 
L4 ok isso eu aguento kkk
L0 vamos
S2 Te mando o link do cartão?
L1 manda
S1 link.derma.bella/pg/27009
L9 passei no cartão em 3x, chegou aí?
S2 Chegou sim! Primeira sessão quarta 19h 😉
L1 obaa
""", dict(c="NONE", h=True, pc=True, pv=2700, ls="UNKNOWN", dd="PRICE", e=False, p="AN"), now="1h")

C(18, "OPEN", 4200, "Priscila", "Lentes_Contato_Dental", "Gabriela Lins", "2026-08-21 14:30", """
L0 Oi, vi o vídeo de vocês das lentes. Quanto fica 8 dentes?
S6 Oi Gabriela! 8 lentes em resina ficam R$ 4.200 ou em porcelana R$ 7.600
L20 a de resina, mas mesmo assim tá pesado
S5 Entendo! Dá pra fazer em 12x de R$ 350 sem juros no cartão
L10 ah em 12x fica mais tranquilo sim
L0 mas olha, eu preciso conversar com meu marido antes
L0 a gente decide essas coisas juntos, ainda mais esse valor
S3 Claro, super justo! Quer que eu te mande as fotos do planejamento pra mostrar pra ele?
L2 manda sim, hoje a noite eu falo com ele
""", dict(c="OTHER", h=True, g=False, e=True, p=""), now="25m")

C(19, "LOST", 1800, "Leandro", "Laser_Depilacao_Promo", "Roberta Lacerda", "2026-08-21 07:10", """
L0 bom dia, vocês abrem em qual horário?
S2h Bom dia Roberta! Segunda a sexta das 9h às 18h
L3 ixi
L0 sou técnica de enfermagem, trabalho 12x36 no hospital e nos dias de folga to morta ou fazendo bico
L0 não tem nada mais cedo ou de domingo?
S20 Infelizmente não, só esse horário mesmo 😕
L2 então não vai rolar pra mim, cada sessão ia ser um sacrifício
S5 Entendo, se mudar a escala me chama!
""", dict(c="SCHEDULE", h=True, lr="SCHEDULE", q=True, e=True, p=""), now="1d")

C(20, "OPEN", 1850, "Rafa", "Harmonizacao_Full_Face", "Lorena Batista", "2026-08-24 18:40", """
L0 oi rafa, fechei contigo a papada + mandíbula ontem, vou pagar agora no link
S2 Oi Lorena! Isso, R$ 1.850, pode ser em até 6x
L9 deu recusado no cartão 😩
L0 não entendi, tem limite
L0 vou ver com o banco e te falo
S3 Sem problemas! Às vezes é bloqueio de segurança por compra online. Se preferir pix, te mando a chave
S4h Conseguiu resolver com o banco, Lorena?
""", dict(c="PAYMENT_METHOD", h=False, g=True, e=None, p=""), now="1d")

# ---------------- batch 2 ----------------
C(21, "WON", 1980, "Ana", None, "Patrícia Gouveia", "2026-08-03 08:05", """
L0 oi Ana bom dia! sou irmã da Renata Gouveia, ela faz botox com a Dra Luíza há anos
L0 ela disse q é com vc que eu falo
S5 Bom dia Patrícia!! A Renata é um amor 💕 Em que posso te ajudar?
L2 quero o mesmo combo q ela fez, botox + skinbooster
S3 Perfeito, fica R$ 1.980. Tenho quinta 10h
L1 quinta 10h ótimo, deixo as crianças na escola e vou direto
Li6 [comprovante pix R$ 1.980,00] pronto, ta pago
S2 Recebidíssimo ✅ Quinta 10h com a Dra. Luíza!
L1 eba
L0 ah, onde estaciona aí?
S2 Tem o estacionamento conveniado na rua de trás, R$ 12 a hora, a gente carimba
L1 ótimo
L0 precisa ir de cara lavada?
S1 Sem maquiagem de preferência, mas a gente tem demaquilante aqui se precisar
L3 blz
L0 e posso tomar meu dorflex? to com uma dor de cabeça chata
S4 Dorflex pode. Evita só aspirina e anti-inflamatório 3 dias antes, pra não roxear
L1 anotado
L40 ana, outra coisa
L0 meu menor tem natação quinta as 11h30, dá tempo?
S3 Dá sim, o procedimento leva uns 40 min 🙂
L1 ufa
L2h ah e a nota fiscal sai no meu nome né? vou pedir reembolso de nada não kkk é só pra controle
S5 Sai sim, me passa seu CPF que já deixo pronta
L4 312.554.908-41
S1 Obrigada!
L1d bom diaaa
L0 confirmado amanhã né?
S3 Confirmadíssimo! 10h 💜
L1 to ansiosa kkk
S1 Vai ser tranquilo, a Renata vai te contar rs
L3 ela já falou q a Luíza tem mão de fada
La1d [áudio 0:19]
L0 ops mandei audio sem querer, to chegando
S1 Kkk tudo bem, a recepção já te espera
L2h saí!! nem doeu quase
L0 posso deitar?
S2 Só depois de 4 horas, e nada de academia hoje tá?
L1 academia kkk até parece
L0 to com umas bolinhas na testa, normal?
S1 Normal! São as pápulas do produto, somem em umas horas
L5 ah ok
L3h sumiram msm
L0 hj posso passar meu creme de noite?
S4 Pode sim, só sem massagear forte
L1 👍
L2d ana, meu olho direito ta mexendo mais q o esquerdo, é normal?
S6 É normal nos primeiros dias, o efeito completo aparece em 10 a 15 dias. No retorno a Dra ajusta se precisar
L2 ta bom, vou esperar
L0 o retorno é quando msm?
S1 Dia 21, às 10h também. Pode ser?
L3 pode
L5d oii
L0 ficou lindo!!! meu marido nem percebeu kkk mas eu to me achando
S2 Aaaa que máximo!! 😍
L1 o skinbooster deixou a pele brilhando
L0 minha vizinha perguntou o que eu fiz
S2 Manda ela falar comigo rs
L1 vou mandar sim
L4d retorno amanhã ainda né
S3 Isso! 10h
L1 ok
L1d cheguei
S1 Pode subir 💜
L2h a dra nem precisou mexer, disse q ficou simétrico
L0 obrigada por tudo viu
S3 Imagina! Foi um prazer te atender
L1 daqui 4 meses to aí de novo
S1 Vou te lembrar 😉
L3 kkkk combinado
L0 beijo
S1 Beijo!
""", dict(c="NONE", h=False, pc=True, pv=1980, ls="PARENT", dd="TRUST", e=None, p=""), now="3h")

C(22, "LOST", 1500, "Bruno", "Harmonizacao_Full_Face", "Vanessa Oliveira", "2026-08-25 15:00", """
L0 oi, qual o valor do preenchimento de mandíbula
S7 Oi Vanessa! R$ 1.500 com 2 seringas. Tenho horário amanhã 😉
L50 olha vou ser sincera
L0 fui dar uma olhada no google de vcs e tem umas avaliações bem feias
L0 uma moça falando q ficou com hematoma e ninguém respondia ela depois
S12 Entendo sua preocupação. Esse caso foi resolvido, ela foi atendida pela Dra. e o hematoma é uma intercorrência esperada
L5 pode ser, mas fiquei meio assim sabe
L0 não me passou segurança
S10 Posso te passar o contato de pacientes que fizeram pra vc conversar
L1h deixa, obrigada
""", dict(c="TRUST", h=True, lr="TRUST", q=True, e=True, p="SP"), now="1d")

C(23, "OPEN", 2800, "Diego", "Lentes_Contato_Dental", "Thalita Ramos", "2026-08-26 12:40", """
L0 Opa, quanto ta a lente de resina
S3 Oi Thalita! Fazendo 6 dentes fica R$ 2.800
L2 2.800 em 6 dente? 😳 pensei q era bem menos
S4 É um trabalho artesanal, dente a dente, com garantia de 2 anos. Dá pra parcelar em 10x de 280
L12 mesmo parcelado agora não cabe
L0 recebo dia 5
L0 aí depois do dia 5 eu vejo quanto sobra e te falo
S2 Combinado! Se quiser, já deixo uma avaliação marcada pra dia 7, não paga nada pra avaliar
L3 pode deixar dia 7 então, mas não garanto nada viu kkk
""", dict(c="PRICE", h=True, g=False, e=False, p="RE"), now="15m")

C(24, "WON", 2800, "Fernanda", "Bioestimulador_Colageno", "Cláudia Menezes", "2026-08-26 07:20", """
L0 Bom dia. Sou diretora comercial e vivo em reunião, então vou direto: bioestimulador, 2 sessões, quanto?
S9 Bom dia Cláudia! Duas sessões de Sculptra com a Dra. Bianca: R$ 2.800
L3 Quero estar bem na convenção nacional de vendas em outubro, sobe todo mundo no palco, foto pra todo lado
L0 Dá tempo de fazer efeito?
S2 Dá sim, o colágeno começa a aparecer em 30 a 45 dias. Fazendo agora chega em outubro no auge
L1 Ótimo. Pode ser 7h da manhã? Antes do escritório
S2 Terça 7h30 é o mais cedo que temos, a Dra. abre a agenda especialmente
L1 Fechado
S1 Te mando os dados pra transferência
L25 transferi dois mil e oitocentos agora, pode conferir
S3 Conferido, obrigada! Terça 7h30 ✨
""", dict(c="NONE", h=False, pc=True, pv=2800, ls="EXECUTIVE", dd="STATUS", e=False, p=""), now="2h")

C(25, "LOST", 990, "Júlio", "Agosto_Botox", "Kamila Rodrigues", "2026-08-27 22:14", """
L0 oii o botox é 199 msm? vi no anúncio
S10 Oi Kamila! Os R$ 199 é a avaliação com a Dra. O botox de terço superior fica R$ 990
L1 quê
L0 no anúncio tava botox 199
L0 eu só tenho uns 200 msm, separei certinho pra isso
S3 Entendo, desculpa a confusão. Consigo parcelar em 5x de 198
L2 não tenho cartão
L0 deixa pra lá
""", dict(c="PRICE", h=True, lr="PRICE", q=False, cm=True, e=False, p=""), now="12h")

C(26, "OPEN", 1100, "Carla", "Agosto_Botox", "Fabiana Costa", "2026-08-27 16:02", """
L0 olá, botox região toda quanto?
S4 Oi Fabiana! Full face (testa, glabela, olhos, bunny lines) R$ 1.100
L10 aham
L0 a dra aqui do meu bairro faz a região toda por 650
S5 Entendo! Vale perguntar quantas unidades ela usa e qual a marca. Aqui usamos Botox Allergan, 50U na região toda
L6 nem sei quantas unidades ela usa kkk
L0 vou perguntar pra ela e comparar direitinho e te falo
S1d Oi Fabiana! Conseguiu comparar? Se fechar essa semana te dou a sessão de retorno incluída 😉
""", dict(c="COMPETITOR", h=True, g=True, e=False, p="RE UR"), now="2d")

C(27, "WON", 3200, "Priscila", "Harmonizacao_Full_Face", "Margaret Hill", "2026-08-28 10:30", """
L0 Good morning. I'm a retired teacher from Toronto, spending half the year in Floripa now. A friend recommended Dr. Henrique
S6 Good morning Margaret! So nice 😊 Dr. Henrique Salles is our plastic surgeon, 20 years of experience. How can I help?
L3 I'd like a subtle full-face treatment. I'm 67 and I take blood thinners for my heart, is that a problem?
S5 Thank you for telling us! Dr. Henrique will check your medication with your cardiologist before anything. Safety first, no procedure without that
L4 That's reassuring. The price?
S2 The treatment plan you described is R$ 3,200.00 including the follow-up visit
L30 Ok. My cardiologist cleared it, I have the letter
Ld1 [carta_cardiologista.pdf]
S3 Perfect, thank you! We can book you on Sept 9th at 2pm
L2 Done. Transferred R$ 3,200.00 just now, receipt attached
Li0 [transfer receipt - R$ 3,200.00]
S4 Received, thank you Margaret! See you on the 9th
""", dict(c="NONE", h=True, pc=True, pv=3200, ls="RETIRED", dd="SAFETY", e=None, p="AU"), now="1h", lang="en")

C(28, "OPEN", 1290, "Rafa", "Preenchimento_Labial_Ago", "Nathalia Pires", "2026-08-31 09:45", """
L0 oiii indicação da paula carvalho
L0 ela pagou o dela ontem e falou q vcs são ótimos
S3 Oi Nathalia!! A Paula é maravilhosa rs. Vc quer a boca também?
L1 quero!! 1ml
S2 1ml tá R$ 1.290. Tenho vaga quarta 10h ou quinta 14h
L5 putz eu só consigo depois das 18h
L0 trabalho em loja no shopping, saio 17h30 e ainda pego metrô
S3 Depois das 18h só na segunda, 18h30, e tá disputado
L2 segunda eu faço faculdade a noite 😫
""", dict(c="SCHEDULE", h=True, g=False, e=False, p="SC"), now="12m")

C(29, "LOST", 1290, "Thaís", "Preenchimento_Labial_Ago", "Brenda Silva", "2026-09-01 23:01", """
L0 oi tava querendo fazer a boca
S9h Bom dia Brenda! Fica R$ 1.290 com 1ml 😊
L3h vi um video no tiktok de uma menina fazendo e a agulha entrando na boca dela
L0 desisti na hora kkkkk
L0 não vou conseguir
S5 Kkk vídeo de tiktok assusta mesmo! Usamos anestésico e a cânula, que é sem ponta. A maioria nem sente
L2 não não, já to suando aqui só de lembrar
L0 obrigada mesmo assim
""", dict(c="FEAR_PAIN", h=True, lr="FEAR_PAIN", q=True, e=True, p=None), now="1d")

C(30, "OPEN", 1400, "Leandro", "Laser_Depilacao_Promo", "Jaqueline Araújo", "2026-09-02 17:33", """
L0 boa tarde, o laser funciona em pele negra?
L0 pq vi umas coisas de q em pele escura não pega ou mancha
S8 Boa tarde Jaqueline! O nosso laser é o diodo 808, que é seguro para todos os fototipos
L3 mas funciona msm? ou só é seguro?
L0 pq minha prima fez e disse q o pelo afinou mas não saiu
S4 Em pele negra costuma precisar de umas 2 ou 3 sessões a mais, mas o resultado vem
L15 hmm ai q dúvida, não sei se vale
""", dict(c="RESULTS_DOUBT", h=True, g=False, e=False, p=""), now="7m")

C(31, "OPEN", 2400, "Júlio", "Limpeza_Pele_Setembro", "Renata Fagundes", "2026-09-02 11:10", """
L0 oi queria o pacote de 6 sessões do protocolo de acne
S5 Oi Renata! O pacote de 6 sessões fica R$ 2.400, ou R$ 450 a avulsa
L9 nossa
L0 olha, já tentei de tudo pra essa acne, dermato, roacutan, limpeza...
L0 faz assim: eu faço a primeira avulsa. se der certo e eu ver diferença eu pago o pacote
S3 Pode ser! Só que o desconto do pacote fica só pra quem fecha até dia 10
L4 aí não sei, deixa eu ver como minha pele reage primeiro
""", dict(c="RESULTS_DOUBT", h=True, g=False, e=False, p="UR"), now="9m")

C(32, "LOST", 2900, "Bruno", "Lipo_Papada_Enzimas", "Silvana Rocha", "2026-09-03 10:02", """
L0 bom dia, queria fazer a papada mas não tenho cartão de crédito
L0 vcs fazem boleto parcelado? ou carnê?
S6 Bom dia Silvana! Aqui trabalhamos só com pix, débito ou cartão de crédito em até 10x
L4 nem no crediário?
S2 Infelizmente não
L10 ah então não dá, à vista eu não tenho
S3 Entendo, se conseguir um cartão me chama!
""", dict(c="PAYMENT_METHOD", h=True, lr="PAYMENT_METHOD", q=None, e=False, p=""), now="5h")

C(33, "WON", 1680, "Carla", "Agosto_Botox", "Heloísa Braga", "2026-09-03 14:10", """
L0 Boa tarde! Quero fazer botox e preencher olheira
L0 meu filho está no 3º ano, vestibular chegando, e eu to com uma cara de cansada que dá dó kkk
S6 Kkk imagino a rotina! O combo botox + olheira fica R$ 1.680
L12 vai ficar bem? olheira tenho medo de ficar aquele saco
S4 A Dra. Luíza é super conservadora na olheira. Olha esse caso de uma paciente de 46 anos
Si0 [antes/depois olheira]
L3 uau, ficou descansada mesmo
L0 é isso que eu quero
Li20 [comprovante pix R$1.680,00]
S2 Recebido!! Vou te encaixar sexta 15h
L1 combinado
""", dict(c="NONE", h=True, pc=True, pv=1680, ls="PARENT", dd="RESULTS", e=False, p="SP"), now="2h", utc=True)

C(34, "OPEN", 4500, "Diego", "Implante_Dentario_SP", "Edson Lima", "2026-09-04 19:50", """
L0 boa noite, preciso de 2 implantes na parte de baixo
S10 Boa noite Edson! Dois implantes com coroa ficam R$ 4.500 em 12x
L8 o valor eu consigo
L0 o problema é q sou autônomo, eletricista
L0 quantos dias eu fico parado? se eu não trabalho não ganho
S4 Normalmente 2 a 3 dias de repouso relativo, sem esforço físico pesado. Tem gente que volta no dia seguinte
L3 2 3 dias sem subir escada eu perco cliente
L0 vou ver aqui como encaixar
S2d Oi Edson! Conseguiu ver uma semana mais tranquila? Tenho sexta com o Dr. Paulo
""", dict(c="RECOVERY_TIME", h=True, g=True, e=False, p=""), now="2d")

C(35, "LOST", 3400, "Priscila", "Harmonizacao_Full_Face", "Luana Freitas", "2026-09-04 13:00", """
L0 Oi! Tenho interesse na harmonização
S4 Oi Luana! Que bom 😊 O full face aqui é R$ 3.400
L3 Então, meu filho tem 7 meses e ainda mama bastante
L0 A pediatra falou pra eu esperar mais um pouco pra fazer essas coisas
S3 Ela está certa, durante a amamentação a gente não aplica. Quando desmamar me chama que te dou prioridade na agenda!
L2 Combinado, obrigada 😊
""", dict(c="OTHER", h=None, lr="OTHER", q=True, e=None, p=""), now="1d")

C(36, "WON", 2300, "Rafa", "Harmonizacao_Full_Face", "Simone Alencar", "2026-09-08 09:00", """
L0 rafa bom dia, sou a Simone da Doce Encanto confeitaria, uma cliente minha me passou seu contato
L0 vou lançar a loja nova mês que vem e eu apareço em todos os vídeos do insta da loja
L0 quero dar um up no rosto, botox + boca
S5 Bom dia Simone! Amo os bolos de vocês 😍 Botox + 1ml de lábio fica R$ 2.300
L2 fechado
L0 só q eu só tenho horário segunda que a loja fecha
S2 Segunda 14h tá livre!
L1 ótimo
L15 fechado, mandei 2,3k no pix agora
S4 Caiu aqui ✅ segunda 14h!
""", dict(c="NONE", h=False, pc=True, pv=2300, ls="EXECUTIVE", dd="STATUS", e=False, p=""), now="2h")

C(37, "OPEN", 7600, "Diego", "Lentes_Contato_Dental", "Mirela Campos", "2026-09-09 15:30", """
L0 oi, fiz a avaliação ontem com o dr paulo, ele disse q vcs iam me mandar o orçamento
S6 Oi Mirela! Segue seu orçamento 👇
Sd1 [orcamento_lentes_mirela.pdf - 8 lentes porcelana R$ 7.600,00]
L20 recebi, obrigada
L0 vou analisar com calma e te retorno
S2 Claro! Qualquer dúvida estou aqui
""", dict(c="NONE", h=False, g=None, e=False, p=""), now="3h")

C(38, "LOST", 1100, "Thaís", "Clareamento_Promo", "Viviane Teles", "2026-09-09 10:20", """
L0 oi thais, ainda to pensando no clareamento
S5 Oi Viviane! A condição de R$ 1.100 vai até sexta 😉
L40 então...
L0 falei com minha dentista de sempre, faço manutenção com ela há 10 anos
L0 ela vai fazer pra mim e ainda me deu um desconto de paciente antiga
S3 Entendo perfeitamente! Que bom que tem alguém de confiança. Se precisar estamos aqui
""", dict(c="COMPETITOR", h=True, lr="COMPETITOR", q=True, e=True, p="UR"), now="6h")

C(39, "OPEN", 3800, "Fernanda", "Harmonizacao_Full_Face", "Camila Ortega", "2026-09-10 18:15", """
L0 Hola, hablan español? soy de Chile, vivo en São Paulo hace un año
S3 Hola Camila! Sí, un poquito 😅 En qué te puedo ayudar?
L2 quiero hacer armonización pero me da miedo que quede artificial
L0 veo a muchas brasileñas con la cara toda igual, los pómulos enormes
S5 Te entiendo! Nuestra propuesta es natural. Te mando fotos de pacientes
Si0 [antes/después armonización natural]
L10 se ven bien pero no sé
L0 y si no me gusta? se puede quitar?
S3 El ácido hialurónico se puede disolver con hialuronidasa, sí
L6 igual me da cosa quedar rara, déjame pensarlo
""", dict(c="RESULTS_DOUBT", h=True, g=False, e=True, p="SP"), now="15m", lang="es")

C(40, "WON", 4200, "Diego", "Implante_Dentario_SP", "Antônio Carlos Pereira", "2026-09-10 09:05", """
L0 Bom dia. Meu nome é Antônio, tenho 71 anos. Minha neta que mexe no instagram achou vocês
L0 Preciso de um implante, mas tomo remédio pra pressão e tenho diabetes controlada
S6 Bom dia seu Antônio! Muito obrigado pelo contato. O Dr. Paulo é implantodontista há 25 anos e atende muitos pacientes com diabetes e hipertensão, só pedimos os exames antes
L10 Que bom. Qual o valor?
S2 O implante com coroa fica R$ 4.200, em até 6x sem juros
L30 Fiz os exames semana passada, levo no dia
L0 Pode marcar
S3 Marquei dia 17 às 9h. O senhor prefere pagar como?
L1d Já estive aí hoje pra entregar os exames e passei no cartão em 6x de 700
S4 Perfeito seu Antônio, está tudo certo! Até dia 17
""", dict(c="NONE", h=True, pc=True, pv=4200, ls="RETIRED", dd="SAFETY", e=None, p="AU"), now="3h")

C(41, "OPEN", 1000, "Bruno", "Agosto_Botox", "Tânia Medeiros", "2026-09-11 11:50", """
L0 bom dia. o botox de vcs é original?
L0 pq vi reportagem de clínica usando produto paraguaio diluído
S9 Bom dia Tânia! É Botox Allergan original, com nota fiscal e lote. A senhora pode ver o frasco sendo aberto na hora
L15 todo mundo fala isso né
L0 qual a garantia q eu tenho
S3 Pode pedir a nota do produto na recepção, e o lote vai anotado no seu prontuário 🙂
S1d Oi Tânia, ficou alguma dúvida? Posso te mandar a foto da nota e do lote da última remessa
""", dict(c="TRUST", h=True, g=True, e=False, p=""), now="2d")

C(42, "LOST", 1350, "Leandro", "Preenchimento_Labial_Ago", "Ingrid Duarte", "2026-09-11 14:00", """
L0 oi qual o valor da boca?
S5 Oi Ingrid! 1ml fica R$ 1.350 e temos horário amanhã
L3 ok
L0 e quanto tempo dura?
S2 De 8 a 12 meses em média
L1 aham
S1d Oi Ingrid, quer que eu reserve um horário pra você?
S3d Ingrid, vou encerrar seu atendimento, mas pode me chamar quando quiser 😊
""", dict(c="NONE", h=False, lr="NO_RESPONSE", q=None, e=False, p=""), now="4h")

# ---------------- batch 3 ----------------
C(43, "WON", 1290, "Thaís", "Clareamento_Promo", "Yasmin Carvalho", "2026-09-14 20:30", """
L0 oiii boa noite
L0 vi o combo clareamento + limpeza de pele, ainda tá valendo?
S3 Oi Yasmin! Tá sim, R$ 1.290 o combo 🥰
L1 aaa q bom, minha formatura é em dezembro e quero sair linda nas fotos kkk
L0 vou fazer o sinal pra garantir
Li4 [comprovante pix R$ 300,00 - sinal combo]
L0 300 de sinal, o resto pago no dia pode?
S2 Pode sim! Restante R$ 990 no dia. Quer marcar quando?
L1 depois do TCC kkkk to surtando
L0 entrego dia 30/10
S2 Kkkk força! Então deixo pra primeira semana de novembro?
L1 isso
L0 4/11 pode?
S1 4/11 às 16h, anotado ✅
L1 obg!!!
L0 ah
L0 posso tomar café antes?
S2 Pode, mas depois do clareamento fica 48h sem café, vinho, açaí, coisas escuras
L1 sem café 48h??? com tcc??? kkkkk
S1 Kkk por isso marcamos depois do TCC né
L1 sábia
L2d oi thais
L0 o clareamento dá sensibilidade?
S4 Pode dar uma sensibilidade leve nos primeiros dias, a gente passa um gel dessensibilizante
L1 ah ta
L0 minha amiga fez e disse q parecia choque
S2 Em alguns casos sim, mas dura pouco. Se vc já tem sensibilidade, a Dra. ajusta a concentração
L1 eu não tenho
L0 blz então
L5d oii
L0 da pra fazer a limpeza num dia e o clareamento no outro?
S3 Dá sim! Fazemos a limpeza dia 4 e o clareamento dia 5?
L1 5 tenho ensaio de formatura
L0 6?
S2 6 às 15h 👍
L1 perfeito
L0 e a limpeza dia 4 continua 16h?
S1 Continua!
L10d to contando os dias kkk
S2 Falta pouco!!
L1 a tcc foi aprovada 🥳🥳
S1 Parabéééns!!! 🎉
L1 agora só falta ficar linda kkk
L3d oi, confirmando dia 4
S2 Confirmadíssimo, 16h
L1 vou levar minha mãe, pode?
S1 Claro, tem sala de espera 😊
L1d cheguei
S2 Já vamos te chamar
L2h amei a pele
L0 parece q tirei 3 anos de cansaço kkkk
S1 Tá linda! Amanhã não esquece: protetor solar
L1 sim senhora
L1d amanhã é o clareamento né, 15h
S2 Isso!
L1 vou pagar o restante no cartão tá
S1 Tudo bem!
L1d paguei o restante, 990 no débito
S1 Certinho, obrigada!
L2h meu dente ta bem branquinho
L0 mas ta sensível
S3 Normal nas primeiras 24h, usa o gel que te demos 2x ao dia
L1 ok
L3h melhorou já
L1d posso tomar açaí?
S5 Ainda não! Mais 24h 😅
L1 sofrimento
S1 Kkk vale a pena
L2d a foto de formatura vai ficar top
L0 obrigada por tudo thais
S2 Imagina! Manda foto da formatura pra gente 🥹
L1 mando sim!!
""", dict(c="NONE", h=True, pc=True, pv=1290, ls="STUDENT", dd="STATUS", e=False, p=""), now="1d")

C(44, "OPEN", 1800, "Ana", "Lipo_Papada_Enzimas", "Débora Vasconcelos", "2026-09-14 10:25", """
L0 oi ana, quero fechar as enzimas
L0 mas meu cartão tá sem limite esse mês
L0 vcs aceitam cartão da minha mãe? ela disse q passa pra mim
S4 Oi Débora! Aceitamos sim, mas a titular precisa estar presente ou assinar a autorização com documento
L6 ela tá viajando pra Portugal, só volta dia 20
L0 não dá pra ela mandar foto do cartão?
S3 Por segurança não podemos aceitar foto de cartão 😕 Pode ser por link de pagamento no celular dela?
L2 ela não mexe com essas coisas, vou ter q ver
""", dict(c="PAYMENT_METHOD", h=True, g=False, e=False, p=""), now="11m")

C(45, "LOST", 2600, "Júlio", "Lipo_Papada_Enzimas", "Karina Moraes", "2026-09-15 06:45", """
L0 bom dia! to pesquisando sobre enzimas na barriga
S2h Bom dia Karina! O protocolo abdominal fica R$ 2.600 (4 sessões)
L10 e depois de cada sessão tem q parar treino?
S3 Recomendamos 5 a 7 dias sem atividade física intensa depois de cada sessão
L2 7 dias x 4 = quase 1 mês parada
L0 to em preparação pra um campeonato de fisiculturismo em novembro
L0 não rola ficar parada, meu coach me mata kkk
S5 Entendo! Depois do campeonato me chama então 💪
""", dict(c="RECOVERY_TIME", h=True, lr="RECOVERY_TIME", q=True, e=True, p=""), now="1d")

C(46, "WON", 780, "Fernanda", "Limpeza_Pele_Setembro", "Hannah Schmidt", "2026-09-15 13:20", """
L0 hey! I'm an exchange student at USP, do you do facials?
S4 Hi Hannah! Yes 😊 Deep cleansing facial + hydration for R$ 780 (package of 3)
L2 3 sessions for 780?? Back home in Ohio one session is like 150 dollars lol
L0 what's the cheapest way to pay? I don't have a Brazilian credit card
S3 Pix is easiest, do you have a Brazilian bank account?
L5 I opened a Nubank, yes
S1 Perfect, the key is pix@espacoviva.com.br
L20 sent R$ 780 just now 👍
S2 Got it! First session Friday 5pm?
L1 yesss
""", dict(c="NONE", h=False, pc=True, pv=780, ls="STUDENT", dd="PRICE", e=False, p=""), now="1h", lang="en", utc=True)

C(47, "OPEN", 1500, "Rafa", "Harmonizacao_Full_Face", "Aline Barros", "2026-09-16 10:00", """
L0 oi rafa, decidi, vou fazer o mento + mandíbula
S3 Oiii que ótimo! R$ 1.500 então. Quer agendar pra quando?
L2 dia 26 de manhã
S1 26 às 10h, reservado!
L4 meu pagamento cai sexta
L0 agendei o pix pra sexta de manhã, dia 19
L0 aí vc confirma quando cair
S2 Perfeito, assim que cair eu te mando a confirmação 🙌
""", dict(c="NONE", h=False, g=False, e=False, p=""), now="30m")

C(48, "LOST", 1600, "Leandro", "Laser_Depilacao_Promo", "Michele Andrade", "2026-09-16 15:00", """
L0 oi, ainda da tempo de entrar na promo do laser?
S5 Oi Michele! Dá sim, 10 sessões por R$ 1.600
L4 então, acabei de saber q meu marido foi transferido pra Curitiba
L0 a gente muda em outubro
L0 não vou conseguir vir fazer as sessões daí né
S3 Poxa! A gente tem unidade só em SP por enquanto 😕
L2 é, uma pena, vou procurar lá
""", dict(c="OTHER", h=False, lr="OTHER", q=True, e=None, p=""), now="3h")

C(49, "LOST", 1300, "Bruno", "Bioestimulador_Colageno", "Fernanda Lopes", "2026-09-17 12:05", """
L0 oi, quero fazer o bioestimulador na promoção
S4 Oi Fernanda! Fica R$ 1.300 até o fim do mês
L8 fim do mês? xi
L0 esse mês to de plantão direto, o mês que vem to viajando pra Bahia
L0 só conseguiria lá pra novembro
S5 Em novembro o valor volta pro cheio (R$ 1.700), não consigo segurar o preço tanto tempo
L6 entendo, mas antes não consigo mesmo. fica pra uma próxima
""", dict(c="SCHEDULE", h=True, lr="SCHEDULE", q=True, e=False, p="UR AN"), now="1d")

C(50, "OPEN", 3700, "Diego", "Implante_Dentario_SP", "Sérgio Nogueira", "2026-09-18 09:00", """
L0 bom dia diego
La0 [áudio 1:05]
S5 Bom dia Sérgio! Recebi o áudio mas estou sem fone aqui, consegue escrever?
L6 resumindo: minha pressão sobe só de sentar na cadeira de dentista kkk
L0 na última vez o dentista teve q parar pq eu comecei a tremer
L0 vcs tem sedação?
S3 Temos sedação consciente com anestesista, fica R$ 900 a mais no procedimento
L10 hmm
L0 e com sedação eu não vejo nada?
S2 Você fica relaxado, meio sonolento, a maioria nem lembra direito do procedimento
L4 ainda assim to com medo, vou ver
""", dict(c="FEAR_PAIN", h=True, g=False, e=False, p=""), now="20m")

C(51, "WON", 650, "Priscila", "Limpeza_Pele_Setembro", "Lucía Fernández", "2026-09-18 16:40", """
L0 Hola! soy uruguaya, vivo en Campinas. Hacen limpieza facial con peeling?
S4 Hola Lucía! Sí, limpieza + peeling de ácido glicólico R$ 650
L7 quiero que me saque estas manchitas, tengo dos adolescentes en casa y no me queda tiempo ni para mirarme al espejo jaja
S3 Jaja te entiendo! El peeling ayuda bastante con manchas. Te muestro un resultado
Si0 [antes/después manchas]
L2 ay qué diferencia!! eso quiero
S1 Te mando el pix?
L1 dale
S0 Llave: 39.551.220/0001-08
Li15 [comprobante transferencia pix R$ 650,00]
L0 pagado ✔️
S2 Recibido, gracias! Sábado 10h te espero 💜
""", dict(c="NONE", h=False, pc=True, pv=650, ls="PARENT", dd="RESULTS", e=False, p="SP"), now="2h", lang="es")

C(52, "OPEN", 3900, "Carla", "Harmonizacao_Full_Face", "Rosângela Pinto", "2026-09-21 11:00", """
L0 oi carla, aquela harmonização q a gente falou
L0 eu tava com medo da dor né
S3 Oi Rosângela! Sim, lembra que te falei da anestesia e do ambiente tranquilo
L2 sim, minha cunhada fez aí e disse q não sentiu quase nada
L0 então isso tá resolvido rs
L0 agora o que pega é o valor
L0 3.900 pra mim tá puxado
S4 No pix consigo 5% de desconto, fica R$ 3.705
L10 ainda tá acima do que eu consigo gastar agora
L0 não sei se consigo
""", dict(c="PRICE", h=True, g=False, e=False, p=""), now="8m")

C(53, "LOST", 2100, "Rafa", "Bioestimulador_Colageno", "Cristiane Mota", "2026-09-21 19:30", """
L0 oi
L0 quem é a doutora que faz os procedimentos?
S6 Oi Cristiane! É a Dra. Patrícia Alves, biomédica esteta
L4 vcs não mostram o rosto dela no insta, nem tem vídeo dela falando
L0 fiquei com o pé atrás sabe
S3 Ela é mais reservada, mas pode vir conhecer na avaliação gratuita!
L15 não sei, prefiro ver quem é antes de ir
L0 vou dar uma pesquisada melhor
S2d Oi Cristiane, vamos agendar sua avaliação?
L5h não obrigada
""", dict(c="TRUST", h=True, lr="TRUST", q=True, e=False, p="RE"), now="1d")

C(54, "WON", 5400, "Diego", "Implante_Dentario_SP", "Adriana Queiroz", "2026-09-22 10:10", """
L0 bom dia diego, fiz a avaliação com o dr paulo, vou fechar os 2 implantes + enxerto
S4 Bom dia Adriana! Que ótimo 🙌 Total R$ 5.400. Um sinal de R$ 1.000 garante a cirurgia dia 2
L2 minha filha de 9 anos fica com a avó nesse dia, então dia 2 tá perfeito
L0 ele falou q é seguro fazer enxerto com a minha tireoide né
S3 Sim, ele avaliou seus exames, está liberada
Li20 [comprovante pix R$ 1.000,00]
L0 feito o sinal, o resto parcelo no dia como combinamos
S2 Recebido! Dia 2 às 8h 😉
L3h diego
L0 agora que paguei bateu um medo da cirurgia kkkk
L0 vão abrir a gengiva né? vou sentir?
""", dict(c="FEAR_PAIN", h=True, pc=True, pv=5400, ls="PARENT", dd="SAFETY", e=False, p=""), now="30m")

C(55, "OPEN", 3500, "Priscila", "Implante_Dentario_SP", "Wellington Dias", "2026-09-22 14:00", """
L0 boa tarde, fiz a avaliação aí semana passada
L0 fui na OdontoCompany e deram orçamento de quase a metade
S9 Boa tarde Wellington! Importante comparar a marca do implante, aqui usamos Straumann, que é suíço, e a coroa é de porcelana
L20 lá é neodent
L0 mas pra mim dente é dente kkk
L0 vou ver direito e qualquer coisa eu volto
S1d Oi Wellington! Consigo manter seu orçamento até sexta, vamos fechar?
""", dict(c="COMPETITOR", h=True, g=True, e=False, p="UR"), now="3d")

C(56, "LOST", 2500, "Júlio", "Bioestimulador_Colageno", "Sônia Ribeiro", "2026-09-23 17:20", """
L0 boa tarde, quero o bioestimulador pra flacidez do rosto
S5 Boa tarde Sônia! Com 2 frascos fica R$ 2.500, em até 10x
L12 tá, vou ser bem honesta contigo
L0 esse ano foi difícil pra nós, então vou esperar o 13º sair em dezembro
L0 aí eu faço de presente pra mim mesma
S3 Faz todo sentido! Em dezembro me chama que eu vejo a melhor condição
L1 combinado
""", dict(c="PRICE", h=True, lr="PRICE", q=True, e=None, p=""), now="1d")

C(57, "WON", 790, "Thaís", "Clareamento_Promo", "Beatriz Alves", "2026-09-24 19:00", """
L0 oi! clareamento de consultório quanto?
S4 Oi Beatriz! R$ 790 em até 3x
L2 comecei a trabalhar agora, primeiro emprego 😅
L0 recebi meu primeiro salário e quero me dar esse presente
L0 mas tem desconto?
S2 Parabéns pelo emprego!! 🎉 Esse já é o valor promocional (de 1.100). Em 3x fica 263,33
L5 ta bom, vou em 3x
S1 Te mando o link!
L8 passei no link, 3x de 263,33 😁
S1 Confirmado! Sábado 9h 😊
""", dict(c="NONE", h=False, pc=True, pv=790, ls="YOUNG_PROFESSIONAL", dd="PRICE", e=False, p="AN"), now="2h")

C(58, "OPEN", 1200, "Ana", "Agosto_Botox", "Marina Guedes", "2026-09-25 21:10", """
L0 oi, quanto tempo dura o botox?
S4 Oi Marina! Dura de 4 a 6 meses
L3 só isso?
L0 pagar 1.200 pra durar 4 meses e ter q fazer de novo não sei se compensa
L0 vou ter q ficar refém pra sempre kkk
S5 Com o tempo o músculo vai "aprendendo" e o efeito dura mais. E tem pacientes que fazem 2x ao ano só
L12 sei la, vou pensar
S2d Oi Marina, pensou? 😊
""", dict(c="RESULTS_DOUBT", h=True, g=True, e=False, p=""), now="2d")

C(59, "WON", 1950, "Carla", "Bioestimulador_Colageno", "Dona Lourdes", "2026-09-25 09:30", """
L0 Bom dia. Minha neta vai ser batizada em outubro e eu quero estar bem nas fotos
L0 Depois que me aposentei do banco deixei de me cuidar
S5 Bom dia Dona Lourdes! Que momento especial 🥰 Pensou em algum procedimento?
L4 Alguma coisa pra flacidez, mas que não pareça que fiz nada. Não quero ficar com cara de boneca
S3 Indico o bioestimulador + skinbooster, o efeito é de pele mais firme, bem natural. Fica R$ 1.950
L20 Pode marcar pra semana que vem
S2 Quinta 10h?
L1 Sim
L2d Passei aí hoje cedo, paguei lá na recepção e a moça me deu o recibo. Obrigada Carla
S10 Eu que agradeço Dona Lourdes! Até quinta 💐
""", dict(c="NONE", h=False, pc=True, pv=1950, ls="RETIRED", dd="RESULTS", e=False, p=""), now="3h")

C(60, "OPEN", 1350, "Fernanda", "Preenchimento_Labial_Ago", "Chloe Martin", "2026-09-28 16:00", """
L0 Hi, I'd love to get lip filler before my best friend's wedding
L0 it's on Saturday, so 5 days from now. Will any bruising be gone by then?
S3 Hi Chloe! Swelling usually goes down in 2–3 days, but a small bruise can last up to a week in some people
L4 hmm that's risky, I'm the maid of honor lol
L0 all the photos will be close-ups
S2 I get it! We could use a cannula, which reduces bruising a lot, but I can't promise zero
L5 I'll think about it, maybe it's safer after the wedding
""", dict(c="RECOVERY_TIME", h=True, g=False, e=True, p=""), now="10m", lang="en")

C(61, "LOST", 2200, "Bruno", "Clareamento_Promo", "Gilmar Teixeira", "2026-09-28 10:40", """
L0 bom dia, no anúncio de vocês tava escrito aceitamos convênios
L0 tenho o odontoprev pela empresa, cobre o clareamento?
S8 Bom dia Gilmar! Na verdade não atendemos convênio, a gente emite recibo pra reembolso
L3 mas tava no anúncio
L0 reembolso o odontoprev não faz de clareamento
S4 Entendo, peço desculpas pela confusão do anúncio. Particular fica R$ 2.200 em 10x
L10 aí não, só faço se for pelo plano
""", dict(c="PAYMENT_METHOD", h=True, lr="PAYMENT_METHOD", q=None, cm=True, e=False, p=""), now="1d")

C(62, "OPEN", 950, "Rafa", "Agosto_Botox", "Juliana Reis", "2026-09-29 20:00", """
L0 oi rafa, quero o botox de sábado 11h
S2 Oi Ju! Reservado 😉 R$ 950, pode ser pix
L1 amanhã cedo te mando o pix sem falta
S1 Combinado!
S1d Bom dia Ju! Conseguiu fazer o pix? Preciso confirmar o horário até hoje
""", dict(c="NONE", h=False, g=True, e=False, p="UR"), now="2d")

C(63, "WON", 1250, "Ana", "Preenchimento_Labial_Ago", "Mayara Souto", "2026-09-29 13:15", """
L0 oi! sou mãe de uma bebê de 5 meses, vcs tem espaço pra eu levar ela junto?
S4 Oi Mayara! Temos sim, sala de espera com trocador e a recepcionista ajuda 🥰
L2 aaa que alívio, não tenho com quem deixar
L0 quero fazer a boca, 1ml
S2 R$ 1.250. Tenho terça 10h, que é um horário bem tranquilo aqui
L6 perfeito, é depois da mamada dela
L0 ah, já parei de amamentar, to só na fórmula
S1 Ótimo, então pode fazer tranquila!
L3 me passa o pix
S1 pix@clinicalumiere.com.br
L25 feito 💸 R$ 1.250
S2 Recebido ✅ Terça 10h, te espero com a pequena!
""", dict(c="NONE", h=False, pc=True, pv=1250, ls="NEW_PARENT", dd="CONVENIENCE", e=False, p=""), now="1h", utc=True)

# ---------------- batch 4 ----------------
C(64, "WON", 3450, "Leandro", None, "Ricardo Tavares", "2026-08-05 07:50", """
L0 Leandro, bom dia. Ricardo Tavares, paciente do Dr. Henrique desde 2019
L0 Ele me indicou botox masculino + bioestimulador. Pode fechar
S10 Bom dia Sr. Ricardo! Claro. O plano fica R$ 3.450
L1 Ok. Minha assistente faz a TED hoje
Ld2h [comprovante_TED_R$3.450,00.pdf]
L0 Feito
S5 Recebido, obrigado! Qual a melhor data?
L20 Agenda tá um caos. Sou CEO, board meeting essa semana
L0 Próxima semana, qualquer dia 7h
S3 Terça 7h com o Dr. Henrique
L1 Fechado
La1h [áudio 0:27]
S4 Desculpe Sr. Ricardo, estou em atendimento, pode escrever?
L2 Minha assistente Sofia vai falar com vc sobre estacionamento
S1 Perfeito
L1d Leandro, é a Sofia, assistente do Ricardo
L0 O carro dele pode ficar na garagem de vocês?
S4 Oi Sofia! Pode sim, vaga 12, é só avisar o nome na portaria
L1 Ótimo, obrigada
L0 Ele tem alguma restrição antes?
S3 Evitar álcool 24h antes e anti-inflamatório 3 dias antes
L2 Anotado, vou avisar
L0 Ele vai precisar de atestado?
S2 Não é necessário, mas podemos emitir declaração de comparecimento
L1 Ok obrigada
L2d Leandro, confirmado terça 7h?
S1 Confirmado!
L1 Ele pediu pra não demorar, tem voo às 11h
S2 Fica tranquila, 40 minutos no máximo
L1 👍
L3h Pode viajar de avião depois?
S4 Pode sim, sem problema
L1 Ótimo
L1d Bom dia, ele tá chegando
S2 Bom dia! Já estamos prontos
L1h Leandro, Ricardo aqui. Tudo certo, Dr. Henrique sempre impecável
S3 Que bom! Boa viagem
L1 Obrigado
L1d Ficou um roxinho do lado esquerdo
Li0 [foto rosto lado esquerdo]
S6 É um pequeno hematoma, normal. Compressa fria e some em 3 a 5 dias. Vou mostrar pro Dr.
L1 Ok
S20 O Dr. Henrique viu e disse que está tudo dentro do esperado
L2 Tranquilo
La2d [áudio 0:33]
S5 Sr. Ricardo, não consigo ouvir agora, é sobre o retorno?
L3 Sim. Quero marcar
S2 Dia 20 às 7h?
L1 Pode
L5d Sofia aqui. Ele pediu nota fiscal no CNPJ da empresa
S3 Sem problemas, me passa o CNPJ e a razão social?
L1 Tavares Tech Participações Ltda, 12.908.331/0001-52
S2 Emitida! Mando por e-mail?
L1 sofia@tavarestech.com.br
S1 Enviado ✅
L1 Obrigada
L4d Confirmando retorno dia 20 7h
S1 Confirmado!
L1d Leandro, Ricardo. Retorno ok. Dr pediu segunda sessão do bioestimulador em 60 dias
S3 Isso, já está incluído no valor que o senhor pagou
L1 Ótimo
L0 Marca pra 20 de outubro
S2 20/10 às 7h, agendado
L1 Obrigado
S1 Nós que agradecemos!
L3d Leandro, um amigo meu vai te chamar, Fábio, sócio meu
S2 Será um prazer atender!
L1 Trata bem kkk
S1 Pode deixar rs
""", dict(c="NONE", h=False, pc=True, pv=3450, ls="EXECUTIVE", dd="TRUST", e=False, p=""), now="1d")

C(65, "LOST", 1400, "Ana", "Laser_Depilacao_Promo", "Stephanie Rocha", "2026-08-12 12:10", """
L0 oi ana! da pra pagar o laser com o saldo do meu Caju? o de benefício flexível
S6 Oi Stephanie! Infelizmente não aceitamos cartão de benefício, só crédito, débito e pix
L3 ah que pena
L0 é que esse saldo tá parado lá, era perfeito pra isso
L0 do meu bolso não ia rolar agora
S4 Entendo 😕 Se um dia quiser pelo crédito, a promo parcela em 10x
L2 vou ficar devendo então, obrigada!
""", dict(c="PAYMENT_METHOD", h=True, lr="PAYMENT_METHOD", q=None, e=True, p=""), now="1d")

C(66, "OPEN", 1800, "Júlio", "Laser_Depilacao_Promo", "Gabriel Antunes", "2026-08-13 18:20", """
L0 fala julio, quero fazer laser na barba pra acabar com os pelo encravado
S4 Fala Gabriel! Barba completa 10 sessões R$ 1.800 🔥
L2 fechou, mas pera
L0 to tomando roacutan faz 3 meses, tem problema?
S3 Tem sim, com isotretinoína não dá pra fazer laser. Precisa esperar 6 meses depois de terminar o tratamento
L4 mano, eu termino em outubro
L0 aí só em abril?? 😩
""", dict(c="OTHER", h=None, g=False, e=False, p=""), now="5m")

C(67, "LOST", 1700, "Carla", "Bioestimulador_Colageno", "Rita de Cássia", "2026-08-14 15:30", """
L0 oi carla, vi os antes e depois de vcs
L0 mas sinceramente, parece tudo photoshop né kkk
S5 Kkk juro que não! São fotos de pacientes reais, com a mesma luz e ângulo
L8 ah sei lá, a pele fica lisinha demais
L0 já vi tanta propaganda que não entrega o que promete
L0 não boto muita fé nesse negócio de colágeno
S3 Posso te mostrar o resultado ao vivo de uma paciente no dia da avaliação!
L20 deixa, obrigada
""", dict(c="RESULTS_DOUBT", h=True, lr="RESULTS_DOUBT", q=True, e=False, p="SP"), now="1d")

C(68, "OPEN", 1650, "Fernanda", "Harmonizacao_Full_Face", "Martina Gómez", "2026-08-17 11:40", """
L0 Hola! vi la publicidad del perfilado de mandíbula, cuánto cuesta?
S3 Hola Martina! R$ 1.650 con dos jeringas 😊
L10 uff
L0 es mucho para mí ahora, con el tipo de cambio el real está carísimo
L0 mi sueldo es en pesos 😅
S4 Te entiendo! Podemos hacerlo en 6 cuotas con tarjeta
L15 igual, la tarjeta me cobra un montón por compras en el exterior
S1d Hola Martina! Pudiste pensarlo? 😊
""", dict(c="PRICE", h=True, g=True, e=True, p=""), now="2d", lang="es")

C(69, "WON", 2300, "Priscila", "Bioestimulador_Colageno", "Emily Carter", "2026-08-18 14:00", """
L0 Hi there! I had my second baby in May and honestly I don't recognize my face in the mirror anymore
L0 tired, saggy, you know
S4 Hi Emily! Congrats on the baby 🥰 And I totally understand, that phase is intense
L3 I'm not breastfeeding anymore. I want something that actually works, not just a nice cream
S3 A collagen biostimulator is a great fit, results build up over 2–3 months. Two sessions R$ 2,300
L5 What kind of results, realistically?
S4 Firmer skin, better contour. Here's a patient after 2 sessions
Si0 [before/after biostimulator, 38 y.o.]
L6 Ok that's what I want. How do I pay?
S1 Pix or card, whatever suits you
L20 Just sent R$ 2,300 via pix 🙌
S3 Received, thank you! Wednesday 10am?
L1 Perfect
""", dict(c="NONE", h=True, pc=True, pv=2300, ls="NEW_PARENT", dd="RESULTS", e=True, p="SP"), now="2h", lang="en")

C(70, "OPEN", 1290, "Thaís", "Preenchimento_Labial_Ago", "Larissa Moreira", "2026-08-19 21:30", """
L0 oi thais
La0 [áudio 0:51] Transcrição: "oi Thaís, tudo bom? então, eu queria muito fazer a boca, mas assim, eu tenho um histórico ruim com dentista, sabe, toda vez que eu tomo anestesia parece que não pega direito e eu sinto tudo, então eu fico com muito receio de fazer e ficar sentindo a agulha..."
S6 Oi Larissa! Entendi tudo 💜 Na boca usamos anestésico tópico + o próprio ácido já vem com lidocaína, então a área vai adormecendo durante a aplicação
L10 mas e se comigo não pegar igual no dentista?
L0 eu sou muito sensível
S3 A Dra. vai testando e só continua quando vc estiver confortável, pode pedir pausa a qualquer momento
S1d Oi Larissa, ficou mais tranquila? Posso te agendar uma conversa com a Dra. antes 😊
""", dict(c="FEAR_PAIN", h=True, g=True, e=True, p=""), now="2d")

C(71, "LOST", 1100, "Bruno", "Agosto_Botox", "Paula Lemos", "2026-08-20 10:00", """
L0 oi, queria agendar o botox
S3 Oi Paula! Ótimo, R$ 1.100. Tenho sexta 14h
L2h então, desmarca por favor
L0 minha cunhada abriu uma clínica e vai fazer pra mim de cortesia
L0 aí né, não tem como competir kkk
S5 Kkkk faz sentido! Se precisar estamos aqui 😉
""", dict(c="COMPETITOR", h=False, lr="COMPETITOR", q=True, e=False, p=""), now="1d")

C(72, "WON", 1500, "Rafa", "Lipo_Papada_Enzimas", "Elaine Martins", "2026-08-21 08:20", """
L0 bom dia rafa, as enzimas de papada quanto fica
S4 Bom dia Elaine! 3 sessões por R$ 1.500
L3 tenho 3 filhos, correria é enorme, só consigo no horário da escola 7h30 às 11h30
S2 Tenho vaga quarta 8h, e as próximas sessões também quarta 8h, a cada 15 dias
L1 ah perfeito, fica no caminho da escola ainda
L0 e dá pra pagar metade no débito e metade no pix? meu marido vai me passar uma parte
S2 Dá sim, sem problema!
L30 pronto rafa, metade no pix agora e a outra metade meu marido mandou do celular dele
Li0 [comprovante pix R$ 750,00]
Li0 [comprovante pix R$ 750,00 - Marcos Martins]
L0 transferência feita, 1.5k total
S3 Recebidos os dois! Quarta 8h 😊
""", dict(c="NONE", h=False, pc=True, pv=1500, ls="PARENT", dd="CONVENIENCE", e=False, p=""), now="1h")

C(73, "OPEN", 1290, "Leandro", "Preenchimento_Labial_Ago", "Tainá Ferraz", "2026-08-24 16:10", """
L0 oi, quem garante q o ácido é de marca?
S5 Oi Tainá! A Dra. abre a caixa na sua frente, você vê o lote e a validade, e colamos a etiqueta no seu prontuário
L8 ok
L0 e se der problema depois, vcs dão suporte msm?
L0 pq com minha prima a clínica sumiu, ela ficou com a boca torta e ninguém respondia
S4 Aqui você tem o WhatsApp da Dra. e retorno incluso em 15 dias
L3 todo lugar fala isso antes de pagar
L0 depois some
""", dict(c="TRUST", h=True, g=False, e=False, p=""), now="12m")

C(74, "LOST", 1000, "Júlio", "Agosto_Botox", "Cecília Prado", "2026-08-25 13:00", """
L0 boa tarde, quanto o botox na testa
S8 Boa tarde Cecília! R$ 1.000 🙂
L15 então, minha mãe fez ano passado e ficou com o olho caído por 3 meses
L0 ela chorava toda vez que olhava no espelho
L0 eu quero, mas não tenho coragem
S4 Ptose é rara e temporária, e a aplicação correta evita. A Dra. Bianca é dermatologista pela SBD
L10 eu sei, mas só de imaginar isso acontecendo comigo já me dá um nó
L0 obrigada, mas não vou fazer
""", dict(c="FEAR_PAIN", h=True, lr="FEAR_PAIN", q=True, e=False, p="AU"), now="1d")

C(75, "OPEN", 1400, "Fernanda", "Laser_Depilacao_Promo", "Jessica Taylor", "2026-08-26 17:00", """
L0 Hi! Is the laser package still on sale? I'm a nurse and my shifts are crazy
L0 the only day I'm reliably free is Sunday
S4 Hi Jessica! Yes, R$ 1,400 for 10 sessions 😊 Unfortunately we're closed on Sundays. Saturday mornings?
L6 Saturdays I work 7am-7pm
L0 ugh
S2 We also have Monday 8pm sometimes
L5 that's right after a 12h shift, no way
S1d Hi Jessica, just checking in! A Friday 7:30am slot opened up, would that help?
""", dict(c="SCHEDULE", h=True, g=True, e=False, p=""), now="2d", lang="en")

C(76, "WON", 1100, "Diego", "Clareamento_Promo", "Luciana Peixoto", "2026-08-27 10:00", """
L0 oi, quero agendar o clareamento
S2 Oi Luciana! R$ 1.100. Tenho quinta 15h ou sexta 9h
L5 quinta 15h
S1 Agendado! O pagamento pode ser no dia, na recepção
L3 ok, pago lá
S2 Combinado, até quinta! 😉
""", dict(c="NONE", h=False, pc=False, ls="UNKNOWN", dd="UNKNOWN", e=False, p=""), now="1h")

C(77, "WON", 420, "Ana", "Limpeza_Pele_Setembro", "Vitória Campos", "2026-08-27 15:40", """
L0 boa tarde! tem horário pra limpeza de pele amanhã?
S3 Boa tarde Vitória! Amanhã 17h 😊 R$ 420 com peeling de cristal
L2 pode ser
S1 Para confirmar é pix antecipado: 26.118.442/0001-90
Li12 [comprovante pix R$ 420,00]
L0 pronto
S1 Confirmado, até amanhã!
""", dict(c="NONE", h=False, pc=True, pv=420, ls="UNKNOWN", dd="UNKNOWN", e=False, p=""), now="1h")

C(78, "LOST", 1300, "Priscila", "Laser_Depilacao_Promo", "Joana Brito", "2026-08-28 09:15", """
L0 oi, eu queria fazer o laser lavieen pra tirar a vermelhidão
S6 Oi Joana! O Lavieen tá R$ 1.300 a sessão
L1h olha, perguntei pra minha dermato
L0 ela falou que com a minha rosácea não é indicado, que pode piorar
L0 então vou seguir o tratamento com ela
S5 Ela está certa em avaliar seu caso. Se ela liberar depois, estamos aqui 😊
""", dict(c="OTHER", h=False, lr="OTHER", q=None, e=None, p=""), now="1d")

C(79, "OPEN", 1450, "Carla", "Preenchimento_Labial_Ago", "Érica Santos", "2026-08-31 20:10", """
L0 oi carla! e a boca, consegue melhorar o valor?
S4 Oi Érica! Consigo R$ 1.450 em 5x sem juros, ou R$ 1.350 no pix
L3 ah assim dá sim
L0 mas me bateu uma dúvida
L0 e se eu não gostar? tipo, olhar no espelho e não me reconhecer
S2 Se não gostar, dá pra dissolver com hialuronidase. Mas começamos com pouco pra vc se acostumar
L6 hmm mesmo assim fico insegura de ficar diferente
L0 minha boca é bem fininha, sei lá se vai combinar comigo
""", dict(c="RESULTS_DOUBT", h=True, g=False, e=False, p=""), now="6m")

C(80, "WON", 450, "Bruno", "Limpeza_Pele_Setembro", "Sofía Restrepo", "2026-09-02 18:30", """
L0 Hola! soy colombiana, estoy de intercambio en la facultad de medicina de la USP
L0 cuánto cuesta la limpieza facial? con presupuesto de estudiante jaja
S6 Hola Sofía! La limpieza profunda sale R$ 450, y los martes tenemos 10% para estudiantes
L3 el martes entonces!
L0 cuánto queda?
S2 R$ 405 con el carnet de estudiante
L10 uy no tengo el carnet todavía, está en trámite
S3 Entonces R$ 450, sin problema
L2 bueno ya te pagué por pix, 450
S1 Recibido 🙌 martes 18h!
""", dict(c="NONE", h=False, pc=True, pv=450, ls="STUDENT", dd="PRICE", e=False, p=""), now="1h", lang="es", utc=True)

C(81, "OPEN", 2900, "Júlio", "Lentes_Contato_Dental", "Patrícia Lopes", "2026-09-03 13:00", """
L0 julio, consigo pagar metade agora e metade mês que vem?
L0 no cartão não quero parcelar pq já to com muita parcela
S5 Oi Patrícia! Vou verificar com o financeiro se dá pra fazer a segunda parte no pix mês que vem, um minutinho
S30 O financeiro pede a segunda metade antes da cimentação das lentes. Pode ser?
L6 a cimentação é quando?
S2 Uns 20 dias depois da moldagem
L3 aí não dá, só recebo dia 10 do outro mês
S1 Vou ver se consigo outra alternativa pra vc 🙏
S1d Patrícia, consegui: segunda parte no dia 10 com boleto. Fechamos?
""", dict(c="PAYMENT_METHOD", h=True, g=True, e=False, p=""), now="2d")

C(82, "OPEN", 1290, "Ana", "Preenchimento_Labial_Ago", "Manuela Ribas", "2026-09-04 19:05", """
L0 oii quanto ta a boca
S3 Oi Manuela! 1ml R$ 1.290
L4 então, é presente de aniversário da minha mãe
L0 ela que vai pagar, então vou ter q ver com ela se ela topa esse valor kkkk
L0 ela tá no trabalho ainda, falo com ela a noite
""", dict(c="OTHER", h=True, g=False, e=False, p=""), now="5m")

C(83, "OPEN", 990, "Leandro", "Agosto_Botox", "Fernanda", "2026-09-05 11:00", """
L0 Olá! Tenho interesse e queria mais informações, por favor.
B0 Olá! 👋 Aqui é a assistente virtual da Clínica Espaço Viva. Qual procedimento você procura? 1) Botox 2) Preenchimento 3) Outros
""", dict(c="NONE", h=False, q=None, e=None, p=None), now="4h")

C(84, "OPEN", 1100, "Carla", "Lipo_Papada_Enzimas", "Yara Campos", "2026-09-07 10:15", """
L0 oi carla, fechei as enzimas, mandei o sinal
Li0 [comprovante pix R$ 200,00]
L0 o resto (900) pago no dia da primeira sessão
S4 Recebido Yara! Sessão terça 18h 😊
L2 uma coisa que esqueci de perguntar
L0 posso trabalhar no dia seguinte? trabalho atendendo público numa loja
S3 Pode ficar um pouco inchado e com marquinhas de 24 a 48h
L5 nossa, aí fica feio pros clientes
L0 vou ver se consigo folga na quarta, senão vou ter q trocar a data
""", dict(c="RECOVERY_TIME", h=True, pc=True, pv=1100, g=False, e=False, p=""), now="10m")

C(85, "LOST", 8500, "Diego", "Implante_Dentario_SP", "Osvaldo Ramos", "2026-09-08 09:00", """
L0 bom dia. vi sobre protocolo de implante, dentadura fixa
S5 Bom dia Osvaldo! O protocolo superior fica R$ 8.500. Fazemos em etapas
L20 quanto tempo demora tudo?
S3 A cirurgia é em um dia, mas a prótese definitiva só depois de 4 a 6 meses de cicatrização. Nesse meio usa uma provisória
L10 6 meses com dente provisório?
L0 sou representante comercial, vivo falando com cliente, não posso ficar com dente de mentira esse tempo todo
S4 A provisória é fixa e bem estética, muitos pacientes nem percebem
L30 não, não me convence. vou deixar como tá
""", dict(c="RECOVERY_TIME", h=True, lr="RECOVERY_TIME", q=True, e=False, p=None), now="1d")

C(86, "LOST", 1200, "Thaís", "Agosto_Botox", "Natália Barreto", "2026-09-09 14:30", """
L0 oi! vi o anúncio, queria marcar o botox
S3 Oi Natália! Claro, tenho quinta ou sexta. Qual prefere?
L20 ah, acabei de ver que já marquei pelo telefone com a recepção ontem kkk
L0 desculpa, esqueci que tinha ligado
S2 Kkk sem problemas! Vou deixar o agendamento da recepção então 😉
""", dict(c="NONE", h=False, lr="NONE", q=True, e=False, p=""), now="2h")

C(87, "LOST", None, "Rafa", "Harmonizacao_Full_Face", "Jordana Melo", "2026-09-10 10:00", """
L0 oi, bom dia! vi o anúncio de vcs
L0 vcs estão contratando esteticista? sou formada e tenho curso de harmonização
S30 Bom dia Jordana! Esse número é do atendimento a pacientes. Pode mandar seu currículo para rh@clinicarenova.com.br 😊
L2 ah desculpa, mando sim, obrigada!
""", dict(c="NONE", h=False, lr="NONE", q=False, e=False, p=""), now="3h")

C(88, "WON", 1400, "Ana", "Laser_Depilacao_Promo", "Kátia Ramalho", "2026-09-11 18:40", """
L0 oi ana, lembra de mim? sou enfermeira recém-formada, comecei agora no Hospital ali da frente
L0 ontem passei o débito aí na recepção, o pacote de 10 sessões do laser, R$ 1.400
S4 Lembro sim Kátia! Tá tudo certinho aqui, pago ✅
L2 escolhi vcs pq é literalmente do lado do plantão kkk
L0 mas então, mudaram minha escala
L0 agora to no noturno, vcs tem horário depois das 19h? a primeira sessão era quarta 14h e agora eu vou estar dormindo
""", dict(c="SCHEDULE", h=False, pc=True, pv=1400, ls="YOUNG_PROFESSIONAL", dd="CONVENIENCE", e=False, p=""), now="15m")

C(89, "OPEN", 1800, "Bruno", "Lentes_Contato_Dental", "Aline Tavares", "2026-09-14 12:00", """
L0 oi, quanto fica 4 lentes de resina?
S6 Oi Aline! R$ 1.800 as 4, em até 10x
L30 um consultório no centro faz por 250 cada
L0 não sei pq tanta diferença
S4 Lá é resina direta feita na hora? Aqui é resina de laboratório, com mais durabilidade e brilho
L8 não sei kkk, só sei q lá sai 1000 reais
L0 vou lá ver como é
S1d Oi Aline! Foi lá? Se quiser, comparo os orçamentos com você 😉
""", dict(c="COMPETITOR", h=True, g=True, e=False, p=""), now="3d")

C(90, "OPEN", 3600, "Priscila", "Harmonizacao_Full_Face", "Débora Cunha", "2026-09-15 20:00", """
L0 oi! a doutora que faz é médica?
S3 Oi Débora! É a Dra. Camila, dentista especialista em harmonização orofacial
L5 ah, dentista
L0 não sei, achei que pra mexer no rosto todo tinha que ser médico
L0 vi umas notícias de dentista fazendo coisas que não podia
S4 A harmonização orofacial é regulamentada pelo CFO desde 2019, ela é especialista com registro
L10 entendi, mas confesso que não me sinto segura
""", dict(c="TRUST", h=True, g=False, e=False, p="AU"), now="9m")

# === END BATCHES ===

if __name__ == "__main__":
    labels = build()
    errs = validate(labels)
    print(report(labels))
    if errs:
        print("\nVALIDATION ERRORS:\n" + "\n".join(errs)); sys.exit(1)
    print("\nvalidation OK")
