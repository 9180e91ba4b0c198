#!/usr/bin/env python3
"""Build the dev4 evaluation set (WhatsApp sales chats, Brazilian clinics).
Stdlib only, deterministic. Writes conversations/<id>.json and labels.json next to this file."""
import hashlib, json, os, random, re, shutil
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
TZ = timezone(timedelta(hours=-3))
CAMPAIGNS = {
    "Agosto_Botox": "120214870351690045", "Harmonizacao_Full_Face": "120214870351690112",
    "Laser_Depilacao_Promo": "120214870351690287", "Lipo_Papada_Enzimas": "120214870351690331",
    "Preenchimento_Labial_Ago": "120214870351690458", "Bioestimulador_Colageno": "120214870351690509",
    "Lentes_Dentais_Ago": "120214870351690644", "Clareamento_Dental": "120214870351690702",
    "Implante_Protocolo": "120214870351690815",
}
CONVS = []

def X(status, value, seller, campaign, name, labels, script, start, nowgap=6, src="instagram"):
    CONVS.append(dict(status=status, value=value, seller=seller, campaign=campaign, name=name,
                      labels=labels, script=script, start=start, nowgap=nowgap, src=src))

def msg_type(text):
    t = text.lower()
    if t.startswith("[áudio") or t.startswith("[audio"):
        return "audio"
    if re.match(r"\[(pdf|documento|contrato|orçamento|boleto)", t):
        return "document"
    if t.startswith("["):
        return "image"
    return None

def parse_labels(s, status):
    kv = dict(p.split("=", 1) for p in s.split())
    c = kv["c"]
    out = {"concern": c,
           "hesitation": (kv["h"] == "1") if "h" in kv else c != "NONE"}
    if status == "WON":
        out["lifeStage"] = kv.get("ls", "UNKNOWN")
        out["decisionDriver"] = kv.get("dd", "UNKNOWN")
    pc = kv.get("pc", "0") == "1"
    out["purchaseConfirmed"] = pc
    if pc:
        out["purchaseValue"] = int(kv["pv"])
    if status == "LOST":
        out["lossReason"] = kv.get("lr", c)
    out["language"] = kv.get("lang", "pt")
    return out

def build():
    outdir = os.path.join(HERE, "conversations")
    if os.path.isdir(outdir):
        shutil.rmtree(outdir)
    os.makedirs(outdir)
    labels, phones = {}, set()
    for i, c in enumerate(CONVS, 1):
        cid = "x4-%03d" % i
        rnd = random.Random(cid)
        day, hm = c["start"].split()
        t = datetime(2026, 8, int(day), int(hm[:2]), int(hm[3:]), tzinfo=TZ)
        msgs = []
        first = True
        for line in c["script"].strip("\n").split("\n"):
            line = line.strip()
            if not line:
                continue
            head, text = line.split("|", 1)
            text = text.strip()
            who = {"L": "lead", "S": "seller", "B": "bot"}[head[0]]
            gap = head[1:]
            if not first:
                t += timedelta(minutes=int(gap) if gap else rnd.randint(1, 7))
            first = False
            m = {"from": who, "text": text, "at": t.isoformat()}
            ty = msg_type(text)
            if ty:
                m = {"from": who, "type": ty, "text": text, "at": t.isoformat()}
            msgs.append(m)
        now = t + timedelta(minutes=c["nowgap"])
        while True:
            ph = "+55%s9%08d" % (rnd.choice(["11", "21", "31", "41"]), rnd.randint(0, 99999999))
            if ph not in phones:
                phones.add(ph)
                break
        h = hashlib.sha1(cid.encode()).hexdigest()
        if c["src"] == "organic":
            attr = {}
        else:
            attr = {"utm_source": c["src"], "utm_medium": "paid_social", "utm_campaign": c["campaign"],
                    "ctwa_clid": "Aff" + h[:22], "ad_id": "1202148%011d" % int(h[22:32], 16) ,
                    "campaign_id": CAMPAIGNS[c["campaign"]]}
            attr["ad_id"] = attr["ad_id"][:18]
        conv = {"id": cid, "now": now.isoformat(),
                "ticket": {"status": c["status"], "value": c["value"], "currency": "BRL",
                           "seller": c["seller"], "attribution": attr},
                "contact": {"name": c["name"], "phone": ph},
                "messages": msgs}
        with open(os.path.join(outdir, cid + ".json"), "w", encoding="utf-8") as f:
            json.dump(conv, f, ensure_ascii=False, indent=1)
        labels[cid] = parse_labels(c["labels"], c["status"])
    with open(os.path.join(HERE, "labels.json"), "w", encoding="utf-8") as f:
        json.dump(labels, f, ensure_ascii=False, indent=1, sort_keys=True)
    return labels

# ---------------------------------------------------------------- conversations
# ===== batch 1: WON =====
X("WON", 1290, "Ana", "Agosto_Botox", "Juliana Prado",
  "c=FEAR_PAIN ls=NEW_PARENT dd=SAFETY pc=1 pv=1290", """
L| oii vi o anuncio do botox, qro saber valores
S+4| Oi Juliana! Tudo bem? 😊 O botox full (testa, glabela e pés de galinha) está R$ 1.290 esse mês. Posso te explicar como funciona?
L| pode sim
L| desde que o Theo nasceu minha testa virou um mapa kkk 4 meses sem dormir direito
L| quem aplica? é médica msm ou esteticista?
S| Kkk mamãe raiz! Quem aplica é a Dra. Paula Menezes, dermatologista, membro da SBD, 12 anos aplicando toxina. A gente abre o frasco lacrado na sua frente
L| ah bom, isso conta mt pra mim
L| agr a parte ruim
L| eu sou a pessoa q desmaia qdo tira sangue 🙈 são quantas picadas?
S| Entendo perfeitamente, muita gente chega assim! São umas 15 picadinhas com agulha ultrafina, a Dra passa anestésico em creme 20 min antes e usa gelinho. A maioria fala que parece uma formiguinha
L| formiguinha eu aguento kkkk
L| tem quinta de manhã? minha mãe fica c ele
S| Quinta 9h30 tenho! Pra segurar o horário pedimos um sinal de R$ 200 no pix, o restante no dia
L+12| [comprovante pix R$ 200,00] prontinho
S+2| Recebido Ju! Quinta 9h30 com a Dra. Paula, te mando a localização 💜
""", "04 21:12", 3)

X("WON", 790, "Bruno", "Laser_Depilacao_Promo", "Letícia Ramos",
  "c=PRICE ls=STUDENT dd=PRICE pc=1 pv=790", """
L| Oi! quanto ta o pacote de axila + virilha?
S+6| Oi Letícia! O combo axila + virilha completa, 8 sessões, sai R$ 990 ou 10x de 99
L| ahhh
L| meu estágio paga 1200 kkkk n tem como
S| Entendo! Você é estudante? Temos condição especial com carteirinha
L| sou sim, to no 3 período de nutri na federal
S| Então com a carteirinha fica R$ 790 à vista no pix, ou 10x de 85 no cartão
L| 790 no pix eu consigo se for agr no comeco do mes
L| pq dps some tudo kkkk
S| Kkk fechado! Te mando a chave?
L| manda
S| Pix CNPJ 32.441.908/0001-12 — Clínica Bella Pele
L+9| [comprovante pix R$ 790,00] foi
L| manda a foto da carteirinha tb?
S| Isso, manda sim! E já te encaixo na primeira sessão sábado 10h
L| [foto da carteirinha de estudante] ta ai
""", "02 13:40", 4)

X("WON", 1490, "Carla", "Preenchimento_Labial_Ago", "Bianca Teles",
  "c=RECOVERY_TIME ls=YOUNG_PROFESSIONAL dd=STATUS pc=1 pv=1490", """
L| oi queria fazer o preenchimento labial
L| sou madrinha de casamento da minha melhor amiga dia 22 e qro estar impecavel nas fotos 📸
S+3| Oi Bianca! Que lindo, parabéns! O preenchimento com 1ml de ácido hialurônico está R$ 1.490
L| perfeito
L| mas hj é dia 15... uma amiga ficou com a boca parecendo picada de abelha por dias
L| vai dar tempo de murchar ate sabado?
S| O inchaço maior costuma durar de 2 a 4 dias, então fazendo amanhã ou quinta você chega no sábado já com o resultado assentado. E a Dra. ainda te passa os cuidados com gelo
L| e se eu fizer amanha cedo? saio do escritório as 18 mas posso pedir p sair mais cedo
S| Amanhã 8h tenho livre! Aí dá 5 dias de folga 😉
L| fechou, quero ficar diva no altar kkk
L| passa no cartao?
S| Passa sim, te mando o link
L+7| [print pagamento aprovado R$ 1.490,00 - cartão final 4471] pago
S| Aprovado! Amanhã 8h te espero 💋
""", "15 19:02", 5)

X("WON", 2900, "Diego", "Harmonizacao_Full_Face", "Renata Couto",
  "c=COMPETITOR ls=PARENT dd=TRUST pc=1 pv=2900", """
L| boa tarde. a Priscila, minha cunhada, fez a harmonização com vcs e amou, me passou esse contato
S+10| Boa tarde Renata! Que bom, a Pri é um amor 😊 A harmonização full face sai R$ 2.900, com retorno incluso em 15 dias
L| hmm
L| olha vou ser sincera, achei uma clinica no shopping fazendo por 1900
L| ai fiquei na duvida
S| Super entendo. Vale comparar quantos ml de produto entram: o nosso protocolo usa 5 seringas de ácido Restylane, no shopping geralmente são 2 ou 3. E aqui quem faz é o Dr. Caio, o mesmo que atendeu a Priscila
L| ah é o mesmo? ela n para de falar dele kkkk
L| [áudio 0:42]
S| Kkk pode trazer as crianças sim, temos uma salinha com brinquedos! Quarta depois da escola, 15h?
L| quarta 15h ta otimo
L| posso pagar entrada agora e o resto no dia?
S| Pode! Entrada de R$ 900 garante a vaga e o valor
L+20| [comprovante de transferência R$ 900,00] feito
S| Recebido, obrigado Renata! Quarta 15h 🙌
""", "10 14:05", 8)

X("WON", 1800, "Ana", "Bioestimulador_Colageno", "Marlene Souza",
  "c=TRUST ls=RETIRED dd=TRUST pc=1 pv=1800", """
L| Boa tarde. Vi a propaganda no Facebook
L| Minha filha falou pra eu tomar cuidado pq tem muita coisa falsa na internet. Ja perdi dinheiro com uma loja que nunca entregou
L| Vcs existem mesmo?
S+5| Boa tarde, Dona Marlene! Existimos sim 😊 Estamos na Rua Pamplona, 1.200, sala 84, há 9 anos. Pode procurar "Clínica Lumière Jardins" no Google
S| [print do perfil do Google: 4,9 estrelas, 812 avaliações]
L| Nossa quanta avaliação
L| Vou ler com calma
L+40| Li bastante coisa. Tem uma moça que falou da Dra Helena igual minha vizinha fala
L| Agora que aposentei quero cuidar de mim. Meus netos falam que a vovó ta ficando enrugadinha kkk
S| Que delícia, Dona Marlene! A senhora merece. O bioestimulador Sculptra, 1 frasco, sai R$ 1.800
L| Posso pagar no pix? Minha filha faz pra mim
S| Pode sim, segue a chave: financeiro@lumierejardins.com.br
L+30| [comprovante pix R$ 1.800,00 - pagador: Camila Souza] Minha filha pagou
S| Recebido! Vou agendar terça 10h com a Dra. Helena, tudo bem?
L| Ótimo. Obrigada minha filha
""", "06 15:20", 10, "facebook")

X("WON", 2400, "Carla", "Bioestimulador_Colageno", "Patrícia Almeida",
  "c=SCHEDULE ls=EXECUTIVE dd=CONVENIENCE pc=1 pv=2400", """
L| Oi. Quero fazer bioestimulador. Valor?
S+14| Oi Patrícia! Radiesse, 1 seringa, R$ 2.400 ou 10x sem juros
L| Ok
L| Minha agenda é o problema. Tenho board meeting até quinta e viajo sexta pra Recife
L| Só consigo antes das 8h ou depois das 20h
S| Entendi! Às terças e quintas a Dra. atende a partir das 7h, justamente pra quem tem rotina assim. Procedimento leva 40 min, dá pra sair 7h45
L| 7h na quinta é perfeito. Do lado do meu escritório ainda, na Faria Lima né?
S| Isso, Faria Lima 3.500 🙌
L| Fechado. Minha assistente vai te mandar o pagamento
L+25| [comprovante pix R$ 2.400,00 - Patrícia Almeida Consultoria Ltda]
S| Recebido! Quinta 7h, confirmado
""", "11 22:35", 2)

X("WON", 3600, "Bruno", "Harmonizacao_Full_Face", "Simone Vasconcelos",
  "c=PAYMENT_METHOD ls=PARENT dd=PRICE pc=1 pv=3600", """
L| oi boa noite
L| qro fazer mandíbula + mento + olheira quanto fica?
S+3| Boa noite Simone! Esse combo fica R$ 3.600 à vista ou 12x de R$ 330
L| eu tinha visto 12x mesmo
L| o problema é q meu cartão tem limite de 2 mil, gastei com material escolar dos 3 filhos kkk 😩
S| Haha fase de material escolar é pesada! Dá pra dividir em dois cartões, por exemplo 2.000 num e 1.600 em outro, os dois em até 12x
L| sério? meu marido tem cartão, posso usar o dele?
S| Pode sim, só precisa estar presente ou mandar foto do documento
L| ah entao fechou, 12x cabe no mes
L+60| [áudio 0:23]
L| [print pagamento aprovado R$ 2.000,00 em 12x] esse no meu
L| [print pagamento aprovado R$ 1.600,00 em 12x] esse no dele
S| Tudo aprovado! Te espero segunda às 14h 🙏
""", "09 21:10", 3)

X("WON", 1590, "Diego", "Preenchimento_Labial_Ago", "Camila Rezende",
  "c=RESULTS_DOUBT ls=YOUNG_PROFESSIONAL dd=RESULTS pc=1 pv=1590", """
L| oiee preço do labial?
S+2| Oi Camila! R$ 1.590 com 1ml, retoque incluso 💋
L| e se ficar artificial?
L| tipo aquelas bocas de pato que a gente ve por ai 😬
S| Isso é o que a gente mais evita! A Dra. Lara trabalha com técnica de contorno e hidratação, o objetivo é parecer sua boca num dia bom. Olha alguns resultados dela:
S| [foto antes e depois - 3 pacientes, lábios com volume sutil]
L| mds a segunda ficou mt natural
L| eu qro tipo ela, so marcar o arco e dar uma hidratada, meu labio de cima é mt fininho
S| Dá pra fazer exatamente isso, até com meia seringa se você preferir começar devagar
L| nao, pode ser 1ml se ela achar q precisa. confio no olho dela
L| sabado tem? durante a semana to no trampo
S| Sábado 11h!
L| fechou. pix?
S| Chave: 11987760012
L+4| [comprovante pix R$ 1.590,00] ✅
""", "13 12:18", 4)

X("WON", 6800, "Ana", "Lentes_Dentais_Ago", "Vanessa Lima",
  "c=OTHER ls=PARENT dd=RESULTS pc=1 pv=6800", """
L| Oi, queria saber das lentes de contato dental
S+7| Oi Vanessa! Fazemos em resina e em porcelana. Em porcelana, 10 dentes superiores, R$ 6.800 em até 12x. A avaliação com o Dr. Marcos é gratuita
L| Eu quero porcelana mesmo
L| Meu sonho é sorrir numa foto sem fechar a boca. Tenho esse dente da frente torto desde criança
L| [foto do sorriso com incisivo lateral sobreposto]
S| Dá pra corrigir direitinho com lentes! Esse caso fica lindo, olha um parecido:
S| [foto antes e depois - lentes em porcelana, 10 dentes]
L| nossa é isso que eu quero
L| mas é um valor alto e a gente divide tudo aqui em casa. Vou conversar com meu marido antes de fechar, ta?
S| Claro, decisão de casal! Fico à disposição
L+1200| Oi Ana! Falei com ele ontem a noite, mostrei a foto daquele antes e depois e ele disse "se é pra ficar assim vai" kkk
L| Pode marcar. Como faço pra garantir?
S| Que notícia boa!! 🥰 Entrada de R$ 1.000 e o restante em até 12x no cartão
L| [comprovante pix R$ 1.000,00] entrada feita
S| Recebido! Sexta 16h com o Dr. Marcos pra moldagem
""", "05 10:30", 15)

X("WON", 1800, "Carla", "Laser_Depilacao_Promo", "Rodrigo Fontes",
  "c=NONE ls=EXECUTIVE dd=CONVENIENCE pc=1 pv=1800", """
L| Boa tarde. Depilação a laser nas costas e ombros, 10 sessões. Valor?
S+5| Boa tarde Rodrigo! Costas + ombros, 10 sessões: R$ 1.800, em até 10x
L| Ok. Vocês têm unidade no Itaim?
S| Temos, na Rua Joaquim Floriano, a 2 quadras do metrô
L| Ótimo, meu escritório é ali. Cada sessão leva quanto?
S| Uns 25 minutos
L| Dá pra fazer no almoço então. Manda o link que pago agora
S| [link de pagamento] Aqui!
L+3| [print pagamento aprovado R$ 1.800,00 em 10x] Feito. Terça 12h30 tem?
S| Tem! Agendado 👍
""", "12 14:02", 3)

X("WON", 1350, "Diego", "Agosto_Botox", "Emily Carter",
  "c=PAYMENT_METHOD ls=YOUNG_PROFESSIONAL dd=CONVENIENCE pc=1 pv=1350 lang=en", """
L| Hi! Do you speak English? I saw your ad for Botox
S+6| Hi Emily! Yes, of course 😊 Full face Botox (forehead, frown lines, crow's feet) is R$ 1,350
L| Great. I moved to São Paulo 2 months ago for work, my office is on Paulista
L| Is your clinic close to Paulista?
S| We're on Alameda Santos, 5 min walking from Trianon-MASP station
L| Perfect, I could pop in during lunch break
L| One thing: I don't have a Brazilian bank account yet, so no Pix. Can I pay with a US credit card?
S| Yes! We can send a payment link that accepts international Visa and Mastercard, or you can pay by card at the clinic
L| Amazing, the link works better for me
S| [link de pagamento internacional]
L+11| [screenshot: payment approved R$ 1,350.00 - Visa ending 0921] Done! Is Wednesday 12:30 ok?
S| Booked for Wednesday 12:30 ✅
""", "18 11:40", 4)

X("WON", 1100, "Bruno", "Lipo_Papada_Enzimas", "Martina Gómez",
  "c=RECOVERY_TIME ls=UNKNOWN dd=CONVENIENCE pc=1 pv=1100 lang=es", """
L| Hola! Vi el anuncio de las enzimas para papada. Cuánto sale?
S+9| Hola Martina! Sale R$ 1.100 la sesión, normalmente con 2 o 3 sesiones se ve el resultado
L| Estoy de vacaciones en Floripa hasta el domingo
L| Tengo que volver a Buenos Aires el lunes y el martes ya vuelvo a la oficina
L| Se hincha mucho? No quiero llegar con la cara como un globo jaja
S| Hincha un poquito por 24-48 horas, nada que no se disimule. Si hacés el jueves, el lunes ya está normal. Y podés volar sin problema
L| Y las otras sesiones? No vuelvo a Brasil hasta enero
S| La primera ya da un resultado visible. Te podemos hacer la primera ahora y en enero las otras, sin problema
L| Dale, jueves entonces. Estoy en el hotel de Jurerê, es lejos?
S| 10 minutos en Uber 😊
L| Genial. Pago con tarjeta ahí?
S| Sí, o por link ahora para asegurar el horario
L+6| [captura: pago aprobado R$ 1.100,00 Mastercard] listo!
""", "20 17:30", 5)

X("WON", 850, "Ana", "Clareamento_Dental", "Gabriela Nunes",
  "c=SCHEDULE ls=STUDENT dd=PRICE pc=1 pv=850", """
L| oi! o clareamento ta 850 msm?
S+3| Oi Gabi! Isso, clareamento em consultório, 3 sessões, R$ 850 só esse mês (normal é R$ 1.300)
L| nossa vi em outros lugares por 1500
L| mas 850 de uma vez ainda pesa pra mim, sou bolsista
S| Dá pra parcelar em 4x de 212 no cartão 😉
L| ah entendi, entao ta otimo
L| outra coisa, minha aula é de manhã e de tarde, faço estágio de tarde
L| vcs abrem a noite?
S| Até 20h de terça a sexta. Seria possível 18h30?
L| meu estagio acaba 18h e é na vila mariana... chego 18h40 se o metro colaborar kkk
S| Sem problema, seguro 18h45 pra você na quarta
L| ebaaa
L| [print pagamento aprovado R$ 850,00 em 4x] pago!
S| Prontinho, quarta 18h45 🦷✨
""", "07 16:20", 3)

X("WON", 4200, "Carla", "Harmonizacao_Full_Face", "Fernanda Queiroz",
  "c=RECOVERY_TIME ls=EXECUTIVE dd=SAFETY pc=1 pv=4200", """
L| Boa noite, me passa os valores da harmonização
S+8| Boa noite Fernanda! Full face R$ 4.200, com a Dra. Juliana Castro
L| Quem é ela? Tem CRM?
S| Tem sim! Dra. Juliana Castro, médica dermatologista, CRM-SP 145.882, título pela SBD
L| Ok, pesquisei aqui. Gostei
L| E a anestesia? Tenho reação a alguns anestésicos, ja tive uma crise no dentista
S| Importante você falar! Na consulta ela faz a anamnese completa, e há opções sem lidocaína. Nada é aplicado sem ela avaliar seu histórico
L| Ok, muito bom. Última dúvida
L| Sou diretora comercial, apresento pro conselho dia 28. Se fizer semana que vem, dá tempo de sumir roxo?
S| Dá sim. Hematoma, quando aparece, some em 5 a 7 dias e a Dra. usa cânula, que reduz bastante. Fazendo dia 19 você está ótima dia 28
L| Perfeito. Pode agendar dia 19 às 19h
L| Faço transferência
L+40| [comprovante TED R$ 4.200,00]
S| Recebido, obrigada! Dia 19 às 19h 🙏
""", "13 20:45", 6)

X("WON", 1250, "Bruno", "Agosto_Botox", "Larissa Pimentel",
  "c=RESULTS_DOUBT ls=YOUNG_PROFESSIONAL dd=TRUST pc=1 pv=1250", """
L| oi Bruno! lembra de mim? fiz peeling ai ano passado com a Dra Sofia
S+4| Larissa!! Claro que lembro 😄 Como você está?
L| bem! agora to querendo o botox
L| mas uma menina do meu trabalho fez e ficou com a sobrancelha lá em cima, cara de assustada kkk fiquei meio assim
S| Kkk isso acontece quando a dose na testa é exagerada. A Dra. Sofia faz uma dose mais leve e ajusta no retorno de 15 dias, sem custo
L| é, ela é mt cuidadosa mesmo, meu peeling ficou perfeito
L| quanto ta?
S| Pra você que já é paciente, R$ 1.250 (tabela 1.390)
L| fechou, mesma sala lá no 3 andar ne? kkk
S| Mesma! Sexta 17h?
L| perfeito
L+15| [comprovante pix R$ 1.250,00]
""", "21 09:50", 4)

X("WON", 2200, "Diego", "Implante_Protocolo", "Sr. Osvaldo Ferreira",
  "c=OTHER ls=RETIRED dd=SAFETY pc=1 pv=2200", """
L| Bom dia. Sou o Osvaldo, 71 anos. Preciso de um implante embaixo, perdi um dente
S+12| Bom dia Sr. Osvaldo! O implante unitário com coroa sai R$ 2.200. Fazemos avaliação com tomografia antes
L| Tomo Marevan por causa do coração. Meu cardiologista sempre fala pra avisar
L| Posso fazer assim mesmo?
S| O senhor fez muito bem em avisar. O Dr. Henrique é cirurgião bucomaxilo e trabalha junto com o cardiologista: pedimos um INR recente e, se precisar, ele conversa com seu médico antes. Nada é feito sem liberação
L| [áudio 1:04]
S| Pode trazer os exames sim! E a sua esposa pode entrar junto na consulta
L+1440| Bom dia. Meu cardiologista liberou, mandou esse papel
L| [documento: relatório médico - liberação para procedimento odontológico]
S| Perfeito! O Dr. Henrique já viu e está tudo certo. Podemos marcar a cirurgia
L| Pode. Já passo o cartão na recepção amanhã ou faço agora?
S| Como o senhor preferir
L+180| Fiz a transferência pelo banco, minha neta me ajudou
L| [comprovante de transferência R$ 2.200,00 - Osvaldo Ferreira]
S| Recebido, Sr. Osvaldo! Obrigado 🙏
""", "03 08:10", 20, "facebook")
# ===== batch 2: WON =====
X("WON", 1590, "Ana", "Laser_Depilacao_Promo", "Tatiane Brito",
  "c=COMPETITOR ls=PARENT dd=PRICE pc=1 pv=1590", """
L| oi qto ta perna inteira
S+5| Oi Tatiane! Perna inteira, 10 sessões, R$ 1.790
L| humm
L| tem um lugar aqui perto de casa no tatuapé que faz por 1390
L| e é do lado da escola dos meninos
S| Entendo! O nosso aparelho é o Soprano Ice, o deles você sabe qual é? Isso muda o número de sessões que você vai precisar
L| nao sei kkk
S| Pra não perder você: consigo R$ 1.590 e te dou 2 sessões de axila de brinde
L| 1590 com axila junto? ai sim
L| pode ser 3x?
S| Pode até 10x sem juros
L| 3x ta bom, nao gosto de conta longa
L+8| [print pagamento aprovado R$ 1.590,00 em 3x]
S| Aprovado! Bora agendar a primeira?
""", "08 20:30", 6)

X("WON", 3200, "Bruno", "Lentes_Dentais_Ago", "Thiago Moreira",
  "c=PRICE ls=YOUNG_PROFESSIONAL dd=PRICE pc=1 pv=3200", """
L| Fala! vi as lentes de resina, 3200 os 8 dentes?
S+3| Fala Thiago! Isso, 8 dentes em resina, R$ 3.200
L| cara eu quero mt
L| mas o orçamento nao fecha esse mes, acabei de pagar caução do ap novo
S| Entendo demais. Uma opção: você paga metade agora pra travar o valor da promoção (que acaba dia 31) e metade no dia da instalação, mês que vem
L| pera, trava o preço msm se eu fizer so em setembro?
S| Trava! Com a primeira metade paga, o valor fica garantido
L| ah ai muda tudo
L| faço 1600 agr entao
L+30| [comprovante pix R$ 1.600,00] primeira metade ✅
S| Recebido! Valor garantido. Vamos marcar a moldagem?
""", "24 19:05", 5)

X("WON", 980, "Carla", "Clareamento_Dental", "Isabela Martins",
  "c=PAYMENT_METHOD ls=STUDENT dd=STATUS pc=1 pv=980", """
L| oiii
L| minha formatura é dia 12/09 e qro o sorriso mais branco da festa kkkk
L| o clareamento fica pronto ate la?
S+6| Oi Isabela! Parabéns pela formatura 🎓 Sim! Clareamento combinado (consultório + caseiro) fica pronto em 3 semanas. R$ 980
L| perfeito, vai ter fotógrafo, telão, tudo
L| so uma coisa, nao tenho cartao de credito. aceita pix parcelado? ou boleto?
S| Aceitamos boleto em 3x, ou pix parcelado pelo app do seu banco se ele tiver essa função
L| o nubank tem! deixa eu ver
L+10| consegui fazer no pix parcelado do nubank, ele paga vcs na hora ne?
S| Isso, pra gente cai à vista 😊
L| [comprovante pix R$ 980,00 - Nubank pix parcelado] pronto!
S| Caiu aqui! Quer começar segunda?
""", "16 23:10", 4)

X("WON", 690, "Diego", "Clareamento_Dental", "Débora Santana",
  "c=PRICE ls=NEW_PARENT dd=PRICE pc=1 pv=690", """
L| Oi moço, boa tarde, quanto fica o clareamento caseiro?
S+18| Boa tarde Débora! Caseiro com moldeira e gel, R$ 890
L| aff
L| to de licença maternidade, recebendo só o INSS, e fralda ta pela hora da morte kkk
S| Kkk sei bem, tenho um de 1 ano aqui em casa! Essa semana temos o kit sem a consulta de retorno por R$ 690, o resultado é o mesmo, você só acompanha por foto comigo
L| 690 ja fica melhor
L| posso pagar em 2x?
S| Pode sim no cartão
L| beleza, manda o link q faço enquanto a bebe dorme 😴
S| [link de pagamento]
L+5| [print pagamento aprovado R$ 690,00 em 2x]
""", "14 15:00", 8)

X("WON", 2200, "Ana", "Lipo_Papada_Enzimas", "Henrique Saraiva",
  "c=COMPETITOR ls=STUDENT dd=TRUST pc=1 pv=2200", """
L| e ai, a Bia Rocha que me indicou vcs
L| ela fez a papada ai
S+4| Oi Henrique! A Bia é paciente querida 💙 O protocolo de enzimas pra papada são 3 sessões, R$ 2.200
L| pô, tem um cara no insta que faz em casa por 600 a sessão
S| Com enzimas é importante ser médico aplicando e produto com registro na Anvisa. Aqui é o Dr. Rafael, o mesmo da Bia, e o produto é aberto na sua frente
L| é, a Bia falou que ele explica tudo
L| e ela ta mt feliz, ficou com o queixo marcado msm
L| blz, fecha. sou estudante, meu pai vai transferir, pode ser?
S| Pode sim!
L+90| [comprovante de transferência R$ 2.200,00 - pagador: Marcelo Saraiva] meu pai mandou
S| Recebido! Quando você pode começar?
L| so depois da prova de sexta kkk segunda?
""", "19 12:00", 10)

X("WON", 1290, "Bruno", "Agosto_Botox", "Jennifer Walsh",
  "c=RESULTS_DOUBT ls=EXECUTIVE dd=RESULTS pc=1 pv=1290 lang=en", """
L| Hello, I'm interested in Botox. I run the LatAm office of a tech company, my assistant found your clinic
S+7| Hello Jennifer! Welcome. Full face Botox is R$ 1,290 with Dr. Marina
L| I've had Botox in London before. My concern: last time I looked frozen, I couldn't raise my eyebrows in meetings
L| I present to clients all day, I need to still look expressive
S| Totally understandable. Dr. Marina uses a "baby botox" approach: lower units spread out, so you keep movement and just soften the lines. Here's an example
S| [before/after photo: forehead lines softened, eyebrows still moving in video]
L| That's exactly the look. Subtle
L| Fine, let's do it. Friday 7pm?
S| Friday 7pm booked. Shall I send the payment link?
L| Yes please
L+22| [screenshot: payment approved R$ 1,290.00 Amex]
S| Received, thank you! See you Friday
""", "22 08:15", 30)

X("WON", 1400, "Carla", "Agosto_Botox", "Valentina Ruiz",
  "c=COMPETITOR ls=PARENT dd=SAFETY pc=1 pv=1400 lang=es", """
L| Hola, vivo en Foz. Cuánto el botox?
S+5| Hola Valentina! R$ 1.400 el facial completo
L| En Ciudad del Este me lo hacen por la mitad eh
L| Mis amigas van todas allá
S| Entiendo! La diferencia es el producto: acá usamos Botox Allergan con registro Anvisa, abrimos el frasco delante tuyo. Allá mucho es producto sin registro o diluido de más
L| Si, una amiga tuvo el párpado caído un mes después de hacérselo allá
L| Con dos nenes chicos no me puedo dar el lujo de andar con la cara rara jaja
L| Y quién lo aplica?
S| La Dra. Carolina Benítez, dermatóloga, habla español perfecto 😊
L| Ah perfecto. Puedo pagar con pix? Tengo cuenta en Brasil
S| Claro!
L+15| [comprobante pix R$ 1.400,00]
S| Recibido! Jueves 10hs entonces
""", "17 10:40", 5)

X("WON", 1300, "Diego", "Preenchimento_Labial_Ago", "Aline Cardoso",
  "c=SCHEDULE ls=PARENT dd=CONVENIENCE pc=0", """
L| Oi! quero marcar o labial
S+9| Oi Aline! Temos horários quinta e sexta. O valor é R$ 1.300
L| eu so consigo no horario que as criancas estao na escola, das 8 ao meio dia
L| quinta e sexta eu levo minha mae no médico 😩
S| E segunda 9h? Abrimos um horário extra
L| segunda 9h da certinho, deixo eles e ja passo ai, vcs sao perto do colegio
S| Agendado, segunda 9h!
L| posso pagar no dia?
S| Pode sim, na recepção
L| blz, levo o cartao. obrigada!!
""", "25 18:20", 30)

X("WON", 5600, "Ana", "Implante_Protocolo", "Dona Ivone Leal",
  "c=FEAR_PAIN ls=RETIRED dd=SAFETY pc=1 pv=5600", """
L| Boa tarde. Minha nora que viu o anuncio. É o protocolo de baixo
S+6| Boa tarde, Dona Ivone! Protocolo inferior fixo sobre 4 implantes, R$ 5.600 nesta campanha
L| Olha, a ultima vez que fui no dentista foi em 1998 e sai de la tremendo. Nunca mais voltei
L| So de pensar na cadeira ja me da um frio na barriga
S| A senhora não é a única, viu? Por isso fazemos com sedação consciente, com anestesista junto. A senhora fica relaxada, quase dormindo, e não sente nada
L| Tem anestesista? De verdade?
S| Tem sim, Dr. Paulo, médico anestesiologista. E o Dr. Ricardo faz implante há 22 anos
L| [áudio 0:51]
S| Pode vir com a sua nora na avaliação, claro!
L+2880| Fui na avaliação ontem. Gostei muito do Dr Ricardo, ele explicou tudo devagarinho
L| Vou dar a entrada
L| [comprovante pix R$ 1.500,00] entrada. O resto no carnê como ele falou
S| Recebido, Dona Ivone! Cirurgia dia 27 às 8h, com o Dr. Paulo junto 💙
""", "02 15:30", 12, "facebook")

X("WON", 2400, "Bruno", "Lipo_Papada_Enzimas", "Lucas Barreto",
  "c=RECOVERY_TIME ls=YOUNG_PROFESSIONAL dd=RESULTS pc=1 pv=2400", """
L| opa, enzima pra papada funciona msm? sou personal, treino pesado e a papada nao sai de jeito nenhum
S+4| Opa Lucas! Funciona sim, principalmente nesses casos de gordura localizada resistente. Olha um paciente com perfil parecido, 3 sessões:
S| [foto antes e depois - perfil masculino, papada reduzida, ângulo do queixo marcado]
L| caraca o queixo ficou desenhado
L| qro esse ângulo aí
L| e eu preciso parar de treinar? dou aula o dia todo, tenho 14 alunos
S| Só evita exercício intenso nas primeiras 24h. No dia seguinte você já dá aula normal, pode ficar um inchacinho leve no pescoço
L| 24h de boa, faço na sexta e volto segunda
L| pacote das 3 é quanto?
S| R$ 2.400 o pacote, ou R$ 900 a sessão avulsa
L| vou fazer o pacote, pago a primeira agora e o resto depois? 
S| Pode! Paga R$ 900 agora e fechamos o pacote de 2.400, o saldo você quita na segunda sessão
L+6| [comprovante pix R$ 900,00]
S| Recebido, pacote fechado 💪
""", "26 07:30", 5)

X("WON", 1900, "Carla", "Bioestimulador_Colageno", "Mariana Duarte",
  "c=OTHER ls=YOUNG_PROFESSIONAL dd=CONVENIENCE pc=1 pv=1900", """
L| oi! bioestimulador, quanto é?
S+3| Oi Mariana! Sculptra, R$ 1.900 o frasco. O ideal são 2 sessões com intervalo de 45 dias
L| ih
L| vou me mudar pra Lisboa em outubro, consegui um trabalho la
L| nao vou conseguir fazer as duas ne
S| Dá sim! Fazendo a primeira essa semana, a segunda fica pro fim de setembro, antes de você ir 😉
L| serio? achei que não dava tempo
L| entao faz a primeira agora e marca a segunda ja
L| e é aí do lado do metro ne? to sem carro, vendi ja kkk
S| Pertinho da estação Santa Cruz!
L+20| [comprovante pix R$ 1.900,00]
S| Recebido! Quinta 18h e a segunda sessão 24/09 às 18h
""", "13 17:45", 4)

X("WON", 1200, "Diego", "Clareamento_Dental", "Pedro Henrique Alves",
  "c=PAYMENT_METHOD ls=YOUNG_PROFESSIONAL dd=STATUS pc=1 pv=1200", """
L| fala mano, sou padrinho de casamento do meu irmao em setembro
L| o fotografo é daqueles caros, vai ter foto de perto, qro os dentes brancos
S+5| Fala Pedro! Clareamento combinado, R$ 1.200, fica pronto em 3 semanas, dá tempo de sobra
L| show
L| vou passar no cartão
L+4| deu recusado aqui 🤡
L| [print: transação não autorizada]
L| acho q é limite, é de debito/credito da caixa
S| Acontece! Quer tentar pix? Ou dividir em 2 cartões?
L| pix
L+8| [comprovante pix R$ 1.200,00] agora foi
S| Caiu certinho! Te vejo sábado
L| vou ficar o mais bonito do altar depois do noivo kkkk
""", "11 13:20", 4)

X("WON", 1290, "Ana", "Agosto_Botox", "Cristina Moura",
  "c=NONE h=0 ls=RETIRED dd=TRUST pc=1 pv=1290", """
L| Oi Ana, é a Cristina. Fiz botox com a Dra Paula em março
L| Ja ta na hora de novo né? Kkk
S+3| Oi Cristina! Que bom te ver de volta 😄 Sim, 5 meses certinho. Continua R$ 1.290
L| Pode marcar com ela de novo. Agora que estou aposentada tenho a semana toda livre
S| Quarta 10h?
L| Ótimo. Já faço o pix como da outra vez
L| [comprovante pix R$ 1.290,00]
S| Recebido! Até quarta 💜
""", "07 09:10", 10, "organic")

X("WON", 2600, "Bruno", "Harmonizacao_Full_Face", "Priscila Gonçalves",
  "c=TRUST ls=UNKNOWN dd=RESULTS pc=1 pv=2600", """
L| boa noite. gostei dos resultados do instagram de vcs, aquela menina do perfil que ficou com mandibula marcada sem ficar quadrada
L| mas fui pesquisar e achei uma reclamação no reclame aqui, de 2024
L| de alguém que disse que nao teve retorno
S+12| Boa noite Priscila! Obrigado por perguntar direto. Foi um caso de agenda em que a paciente não foi atendida no prazo, resolvemos e ela mesma atualizou a reclamação como resolvida. Pode ver lá: "Resolvido - nota 9"
S| [print do Reclame Aqui: reclamação resolvida, nota do consumidor 9]
L| ah vi aqui, ela deu 9 depois
L| ok, é que to querendo exatamente aquele resultado. mandibula definida mas feminina
S| Esse é o estilo da Dra. Bruna! Full face sai R$ 2.600
L| quero. como pago?
S| Pix ou cartão em 10x
L+7| [print pagamento aprovado R$ 2.600,00 em 10x]
""", "27 21:40", 8)

X("WON", 1090, "Carla", "Laser_Depilacao_Promo", "Jéssica Ribeiro",
  "c=FEAR_PAIN ls=PARENT dd=PRICE pc=1 pv=1090", """
L| oi o laser 50% off é buço + axila?
S+6| Oi Jéssica! Isso, buço + axila + virilha, 10 sessões, de R$ 2.180 por R$ 1.090
L| nossa metade do preço mesmo
L| mas minha irmã falou que no buço arde tipo elástico batendo na pele
L| e eu sou fresca pra essas coisas kkk
S| Nosso aparelho tem ponteira resfriada a -4°C, é bem mais suave que os antigos. A maioria sente só um calorzinho
L| hmmm e se eu nao aguentar dá pra parar?
S| Pode pausar quando quiser, e a gente ajusta a potência
L| ta bom vai, por esse preço eu encaro kkk
L| sobra pra comprar o uniforme novo das meninas
L+10| [print pagamento aprovado R$ 1.090,00 em 5x]
S| Aprovado! Agendamos a 1ª sessão?
""", "04 12:20", 5)

X("WON", 1350, "Diego", "Agosto_Botox", "Cláudia Benedetti",
  "c=TRUST ls=EXECUTIVE dd=SAFETY pc=1 pv=1350", """
L| Boa tarde. R$ 1.350 o full face? Na minha dermato de sempre pago 2.200
L| Qual toxina vcs usam? Preço assim me faz pensar que é produto do Paraguai
S+5| Boa tarde Cláudia! Pergunta justíssima. Usamos Botox Allergan e Dysport, ambos com registro Anvisa e nota fiscal do distribuidor. O frasco é aberto na sua frente e o lote vai anotado no seu prontuário
L| Me manda o registro?
S| [foto do frasco com selo Anvisa e número do lote]
S| Registro Anvisa 1.0147.0053. A Dra. é dermatologista, CRM-SP 132.901
L| Ok, conferi no site da Anvisa. Bate
L| Minha agenda é corrida, tenho viagem pra Brasília segunda. Sábado 9h?
S| Sábado 9h reservado!
L| Pode cobrar
L+3| [print pagamento aprovado R$ 1.350,00 - cartão corporativo final 7710]
""", "21 14:50", 5)
# ===== batch 3: LOST =====
X("LOST", 1290, "Ana", "Agosto_Botox", "Kelly Andrade", "c=PRICE", """
L| oi qnto ta o botox
S+4| Oi Kelly! Full face R$ 1.290 ou 10x de 129
L| ah pensei que era uns 400, 500 kkk
L| vi num story de uma moça fazendo por 499
S| Esse valor geralmente é de uma região só. Aqui são 3 regiões com dermatologista. Posso te fazer só a testa por R$ 690?
L| ainda passa do que eu consigo gastar agora
L| vou juntar e depois falo cntg
S| Combinado! Qualquer coisa estou aqui
S+2880| Oi Kelly, tudo bem? Essa semana abriu uma condição de 12x, quer que eu te mande?
L+300| n precisa, obg
""", "05 20:15", 120)

X("LOST", 2900, "Carla", "Harmonizacao_Full_Face", "Daniela Torres", "c=COMPETITOR", """
L| bom dia, harmonização completa valor?
S+25| Bom dia Daniela! Full face R$ 2.900 com a Dra. Bruna
L| numa clinica do meu bairro sai mais em conta, 2100 com tudo
L| vcs cobrem?
S| Não conseguimos chegar nesse valor, mas usamos 5 seringas e retorno incluso. Posso parcelar em 12x sem juros
L| entendi
L| vou la ver como é e te falo
S+1440| Oi Daniela! Conseguiu ir na outra clínica? Se quiser, seguro uma avaliação sem custo aqui
L+200| fui sim, ja marquei la. obrigada msm assim
""", "06 09:30", 60)

X("LOST", 1590, "Bruno", "Preenchimento_Labial_Ago", "Amanda Freitas", "c=RESULTS_DOUBT", """
L| oi, o labial é com ácido hialurônico?
S+3| Oi Amanda! É sim, 1ml de ácido, R$ 1.590
L| é que uma conhecida fez e não gostou
L| disse que ficou irregular, um lado maior que o outro, teve que dissolver
S| Sinto muito pela sua conhecida! Por isso a avaliação antes é tão importante, e aqui tem retorno em 15 dias pra qualquer ajuste
L| mas e se mesmo assim ficar torto? eu nao teria coragem de ir trabalhar assim
S| Existe a hialuronidase, que desfaz o ácido se precisar. Mas com técnica certa isso é bem raro
L| ah nao sei, vou pensar melhor
L| acho que nao é pra mim agora
""", "09 11:00", 1500)

X("LOST", 1100, "Diego", "Lipo_Papada_Enzimas", "Roberta Pacheco", "c=RECOVERY_TIME", """
L| Oi, a enzima de papada incha muito?
S+7| Oi Roberta! Costuma inchar de 2 a 3 dias, às vezes fica um pouco roxinho
L| roxinho onde? no pescoço?
S| Na região abaixo do queixo, sim. Some em uma semana
L| trabalho na recepção de um hotel, fico de frente pros hospedes o dia todo
L| nao posso aparecer assim, e nao tenho folga até outubro
S| Dá pra fazer numa sexta e usar maquiagem / cachecol nos primeiros dias
L| cachecol em setembro no Rio? kkkk nao da
L| quando eu tiver férias eu volto a falar
""", "12 18:40", 2000)

X("LOST", 1300, "Ana", "Preenchimento_Labial_Ago", "Tainá Oliveira", "c=FEAR_PAIN", """
L| oi vi o anuncio do labial
S+5| Oi Tainá! O labial está R$ 1.300 esse mês 💋
L| quero muito mas
L| a boca é mt sensivel ne? to imaginando a agulha entrando e ja me arrepiei inteira
S| Entendo! Usamos anestésico tópico e o próprio ácido já tem lidocaína, a maioria acha bem tranquilo
L| mas e dps? fica latejando?
S| Pode ficar sensível no dia, nada que um gelo não resolva
L| nao sei se aguento, sou mt sensível msm
L| vou deixar pra outra hora, desculpa
""", "14 22:05", 2500)

X("LOST", 1800, "Carla", "Bioestimulador_Colageno", "Sandra Meireles", "c=TRUST", """
L| Boa tarde, qual o endereço de vcs?
S+40| Boa tarde Sandra! Estamos na Av. Paulista, atendemos dentro de um coworking de saúde
L| Coworking? Não é uma clínica?
L| Procurei no google e não aparece nada com esse nome, nem site
L| E o instagram foi criado esse ano
S| Somos novos sim, mas a Dra. tem 8 anos de experiência em outras clínicas. Posso te mandar o CRM dela
L| Sem site, sem endereço fixo, pagar adiantado... desculpa mas não me sinto segura
L| Obrigada
""", "18 14:00", 600, "facebook")

X("LOST", 6800, "Bruno", "Lentes_Dentais_Ago", "Érica Fonseca", "c=OTHER", """
L| oi, queria orçamento das lentes
S+10| Oi Érica! 10 dentes em porcelana, R$ 6.800 em até 12x. Posso agendar a avaliação?
L| pode, quero muito
S| Quinta 15h?
L| ok
L+4320| oi, vou ter q desmarcar quinta
L| descobri que to grávida 🤰 de 7 semanas
L| o dr disse q melhor esperar passar tudo
S| Parabéns Érica!!! 🥰 Claro, sem problema nenhum. Quando quiser retomar é só chamar
L| obrigada! dps do bebe eu volto
""", "03 16:10", 30)

X("LOST", 1400, "Diego", "Agosto_Botox", "Luciana Prates", "c=OTHER", """
L| oi quanto é o botox?
S+5| Oi Luciana! Full face R$ 1.400
L| ok, e se eu pagar agora marca pra quando?
S| Terça já tenho horário
L| [áudio 0:37]
L| então, falei com meu marido e ele achou besteira
L| ele que cuida das contas e disse que não precisa, que eu to linda assim kkk
S| Que fofo ele! Mas é você que decide, viu? Se quiser, dá pra parcelar no seu cartão
L| nao, melhor nao criar briga em casa por isso
L| obrigada pela atenção
""", "10 19:45", 1000)

X("LOST", 2400, "Ana", "Bioestimulador_Colageno", "Helena Rocha", "c=SCHEDULE", """
L| Oi, faço bioestimulador com vcs se tiver horário sábado
S+6| Oi Helena! Infelizmente sábado não atendemos com a Dra. Beatriz, só segunda a sexta das 9h às 18h
L| Ih
L| Trabalho em Jundiaí, saio 7h e volto 19h
L| Não tem nenhum horário à noite?
S| No momento não, mas posso te avisar se abrir
L| Aí fica difícil, não tenho como faltar
L| Se um dia abrirem sábado me chama
""", "11 21:00", 2400)

X("LOST", 3600, "Carla", "Harmonizacao_Full_Face", "Paula Xavier", "c=PAYMENT_METHOD", """
L| oi a harmonização é 3600?
S+8| Oi Paula! Isso, 3.600 à vista no pix
L| não parcela?
S| Nesse valor promocional é só à vista. No cartão fica R$ 4.200 em 10x
L| 600 a mais só por passar no cartão?
L| e eu não tenho esse valor de uma vez no pix
L| nao rola nem um boleto em 3x?
S| Infelizmente não trabalhamos com boleto
L| entao nao da, obrigada
""", "15 10:10", 800)

X("LOST", 1290, "Bruno", "Agosto_Botox", "Paola Herrera", "c=COMPETITOR lang=es", """
L| Hola! Cuánto sale el botox?
S+12| Hola Paola! R$ 1.290 el rostro completo
L| Uff, en Posadas me lo hacen por 180 mil pesos
L| Cruzo la frontera el mes que viene, me lo hago allá
S| Entiendo! Si cambiás de idea, acá estamos 😊
L| Gracias igual!
""", "20 15:30", 300)

X("LOST", 1590, "Diego", "Preenchimento_Labial_Ago", "Ashley Brooks", "c=TRUST lang=en", """
L| Hi, do you have an English speaking doctor for lip filler?
S+15| Hi Ashley! Our doctor speaks a bit of English and I can translate. Lip filler is R$ 1,590
L| I tried to find your clinic on Google Maps and it shows "permanently closed" at that address
L| And the reviews on your page are all from last month
S| We moved last year! The new address is on our Instagram bio
L| Hmm. The new address doesn't show up anywhere either
L| Sorry, I need to feel safe with who puts needles in my face. I'll keep looking
""", "22 13:00", 700)

X("LOST", 1100, "Ana", "Lipo_Papada_Enzimas", "Rafaela Costa", "c=NONE h=1 lr=NO_RESPONSE", """
L| oi, enzima de papada tem efeito colateral?
S+4| Oi Rafaela! Pode dar um inchaço e sensibilidade por 2 a 3 dias, nada além disso. A Dra. avalia antes se você é candidata
L| ah entendi, então tá ótimo
L| qto fica?
S| R$ 1.100 a sessão, pacote de 3 por R$ 2.900
L| e tem horario sexta?
S| Tenho sexta 10h ou 16h, qual prefere?
S+1440| Oi Rafaela! Ainda quer o horário de sexta?
S+2880| Rafaela, vou liberar o horário, tá bom? Qualquer coisa me chama 😊
""", "16 17:20", 4000)

X("LOST", 1790, "Carla", "Laser_Depilacao_Promo", "Natália Gomes", "c=RESULTS_DOUBT", """
L| oi, o laser funciona em pele negra?
L| li que pode manchar e que em pele escura nem pega direito
S+10| Oi Natália! Temos o laser Nd:YAG, próprio pra pele negra. Ele é seguro pro seu fototipo
L| mas tipo, vou ver resultado msm? pq meus pelos são finos
L| a minha prima fez 10 sessões em outro lugar e os pelos voltaram tudo
S| Pelo fino responde menos, é verdade, às vezes precisa de mais sessões. Fazemos um teste de mecha gratuito
L| se precisa de mais sessões, e pode não pegar... vou ficar na cera mesmo
L| obrigada pela honestidade
""", "23 19:30", 1500)

X("LOST", 1290, "Diego", "Agosto_Botox", "Beatriz Lacerda", "c=NONE h=0 lr=NO_RESPONSE", """
L| Olá! Tenho interesse e queria mais informações, por favor.
S+3| Oi Beatriz! Tudo bem? 😊 O botox full face está R$ 1.290 em até 10x. Quer agendar uma avaliação?
S+1440| Oi Beatriz, conseguiu ver minha mensagem?
S+4320| Beatriz, vou encerrar por aqui, mas se quiser é só chamar!
""", "01 10:05", 3000)

X("LOST", 2900, "Ana", "Harmonizacao_Full_Face", "Carolina Pires", "c=PRICE", """
L| oi! a harmonização dói?
S+6| Oi Carolina! Com anestésico tópico e o ácido com lidocaína, é bem tranquilo. A maioria dá nota 2 de 10 😉
L| ahh menos mal, achei que era pior
L| e o valor?
S| Full face R$ 2.900, em até 12x de 242
L| hmm
L| com 2900 eu pago 3 meses de escola do meu filho
L| não consigo justificar isso agora
S| Entendo! Podemos começar só pelo mento e mandíbula, R$ 1.600
L| mesmo assim, não é o momento, obrigada
""", "08 13:15", 900)

X("LOST", 850, "Bruno", "Clareamento_Dental", "Mateus Vieira", "c=SCHEDULE", """
L| Salve, clareamento é 850?
S+5| Salve Mateus! Isso, 3 sessões de 1h no consultório
L| sou motorista de app, rodo das 6 da manha a meia noite
L| dá pra ser domingo?
S| Domingo não abrimos, mas sábado temos até 13h
L| sábado é o dia que mais rola corrida, não posso parar
L| se tiver domingo um dia eu volto
""", "19 23:40", 1800)

X("LOST", 980, "Carla", "Clareamento_Dental", "Olivia Bennett", "c=RECOVERY_TIME lang=en", """
L| Hi! How long is the sensitivity after whitening? 
S+9| Hi Olivia! Usually 2 to 5 days, mild sensitivity to cold
L| And I read I can't drink coffee or red wine for a while?
S| Yes, it's the "white diet" for about 2 weeks: no coffee, wine, açaí, tomato sauce
L| 2 weeks without coffee?? I'm a barista lol, I taste coffee all day for work
L| Not gonna work for me right now. Thanks anyway!
""", "24 09:20", 600)
# ===== batch 4: OPEN =====
X("OPEN", 1290, "Ana", "Agosto_Botox", "Michele Tavares", "c=NONE h=0 pc=0", """
L| oi Ana, pode marcar o botox pra sexta 14h
S+3| Oi Michele! Marcado 😊 Pra confirmar, pedimos o pix de R$ 1.290 ou um sinal de R$ 200
L| to sem o app do banco aqui no celular novo
L| marca como pago aí que amanhã cedo eu faço, prometo kkk
S| Kkk fica tranquila, seguro o horário até amanhã 12h, tá?
L| fechado, amanha te mando
""", "19 22:10", 600)

X("OPEN", 2400, "Bruno", "Bioestimulador_Colageno", "Regina Castro", "c=PAYMENT_METHOD pc=0", """
L| Boa tarde, quero fechar o Radiesse
S+5| Boa tarde Regina! Ótimo! Te mando o link, R$ 2.400 em até 10x
S| [link de pagamento]
L+6| Deu erro aqui
L| [print: pagamento recusado - entre em contato com o emissor do cartão]
L| Tentei de novo e recusou de novo
L| Acho que meu banco bloqueia compra online acima de 2 mil, já aconteceu antes
L| Vcs não passam na maquininha aí presencial?
S| Passamos sim! Mas pra segurar o horário precisaria de um sinal agora
L| Só tenho esse cartão, pix só no fim do mês
""", "20 15:40", 90)

X("OPEN", 1290, "Carla", "Agosto_Botox", "Thaís Mendonça", "c=PRICE pc=0", """
L| oii minha irmã fez botox ai ontem, a Lívia
L| [comprovante pix R$ 1.290,00 - pagador: Lívia Mendonça] ela me mandou isso pra eu ver o valor
L| eu queria tb, mas 1290 ta salgadinho pra mim
L| se eu levar ela de indicação sai menos?
S+20| Oi Thaís! A Lívia é um amor 😊 Por indicação consigo R$ 1.190
L| hmm ainda fica acima do que separei
L| vou ver se consigo juntar ate o fim do mes
""", "14 10:10", 240)

X("OPEN", 1590, "Diego", "Preenchimento_Labial_Ago", "Jordana Pires", "c=NONE h=0 pc=0", """
L| oi! bora marcar o labial, terça 16h ainda tem?
S+4| Oi Jordana! Tem sim, reservei pra você. R$ 1.590, pode ser pix ou cartão
L| pix. mas passou das 20h e meu limite noturno é 1000
L| agendei pra amanhã 6h, olha
L| [print: pix agendado para 28/08 às 06:00 - R$ 1.590,00]
S| Perfeito, assim que cair te confirmo ✅
""", "27 21:30", 30)

X("OPEN", 1100, "Ana", "Lipo_Papada_Enzimas", "Gisele Antunes", "c=PRICE pc=0", """
L| oi qto a sessão da enzima?
S+7| Oi Gisele! R$ 1.100 a sessão
L| se fizer por 800 eu pago agora no pix
L| é pegar ou largar kkk
S| Kkk o mínimo que consigo é R$ 990, só essa semana
L| 800 ou nada amiga 😅
""", "21 11:30", 45)

X("OPEN", 1800, "Bruno", "Laser_Depilacao_Promo", "Carla Dias", "c=SCHEDULE pc=0", """
L| oi, qnto o laser na perna toda?
S+5| Oi Carla! Perna inteira 10 sessões R$ 1.800
L| nossa, achei pesado
S| Dá pra fazer em 10x de 180 sem juros 😉
L| ah entendi, então tá ótimo, 180 por mês eu consigo
L| e as sessões são em que horário?
S| Seg a sex das 9h às 19h, sábado até 13h
L| complicado... trabalho de escala, folgo só domingo e feriado
L| sábado até 13 eu to no plantão
""", "22 20:00", 20)

X("OPEN", 6800, "Carla", "Lentes_Dentais_Ago", "Adriana Lopes", "c=OTHER pc=0", """
L| oi, lentes de porcelana ficam com cara de dentadura?
S+8| Oi Adriana! Não quando são bem planejadas. O Dr. Marcos faz um ensaio com resina antes, você vê como fica antes de decidir
S| [foto antes e depois - lentes naturais, cor A1]
L| nossa ficou natural mesmo, parece dente de verdade
L| gostei, tirou minha dúvida
L| só que é muito dinheiro e o dinheiro é do casal
L| meu marido nem sabe que to vendo isso ainda kkkk preciso jogar verde com ele primeiro
S| Kkk entendo! Quer que eu te mande um resuminho pra você mostrar pra ele?
L| manda, vou tentar no fds
""", "15 13:40", 1440)

X("OPEN", 1290, "Diego", "Agosto_Botox", "Priscila Borges", "c=FEAR_PAIN pc=0", """
L| oi! a pomada anestesica pega bem msm?
L| tenho a pele mt sensivel, qualquer beliscão fica marcado e eu choro kkk
S+11| Oi Priscila! Pega sim, deixamos agir 20 minutos e ainda usamos gelo. A agulha é a mais fina que existe
L| hmm
L| vc jura? tipo de 0 a 10
S| Em média as pacientes falam 2 ou 3
L| meu 3 é o 10 dos outros 😂
L| vou pensar, deixa eu criar coragem
""", "17 16:05", 180)

X("OPEN", 2900, "Ana", "Harmonizacao_Full_Face", "Eduarda Farias", "c=TRUST pc=0", """
L| oi, vcs fazem harmonização?
S+5| Oi Eduarda! Fazemos sim, full face R$ 2.900
L| e quem faz? médico ou biomédico?
L| tem insta dele pra eu ver o trabalho? nao faço com qualquer um no meu rosto nao
L| vi cada coisa por ai
""", "26 12:50", 25)

X("OPEN", 1590, "Bruno", "Preenchimento_Labial_Ago", "Luana Batista", "c=RECOVERY_TIME pc=0", """
L| oi quero fazer o labial essa semana
S+6| Oi Luana! Temos quarta e quinta 😊 R$ 1.590
L| tenho casamento sábado, vai dar tempo de desinchar?
L| o casamento é meu kkkk 👰
""", "18 09:45", 15)

X("OPEN", 1350, "Carla", "Agosto_Botox", "Sarah Mitchell", "c=PRICE pc=0 lang=en", """
L| Hi there, how much is Botox for the forehead and crow's feet?
S+10| Hi Sarah! Forehead + crow's feet is R$ 1,350, or 10 installments of R$ 135
L| Ok thanks. I'm an English teacher here, my landlord just raised my rent
L| That's a bit beyond what I can spend this month honestly
L| Maybe after my next paycheck
S| No problem! The August promo ends on the 31st, but let me know and I'll see what I can do
""", "23 18:30", 300)

X("OPEN", 1290, "Diego", "Agosto_Botox", "Lucía Fernández", "c=OTHER pc=0 lang=es", """
L| Hola! Me interesa el botox, cuánto está?
S+8| Hola Lucía! R$ 1.290 el rostro completo
L| Bárbaro. Una pregunta: mi bebé tiene 5 meses y le sigo dando el pecho
L| Se puede igual?
S| Durante la lactancia la Dra. no recomienda aplicar toxina. Lo ideal es esperar a que termines de amamantar
L| Ay qué pena. Pensaba dejarle de dar como a los 8 meses
L| Bueno, me anoto para después?
""", "12 10:20", 60)

X("OPEN", 5600, "Ana", "Implante_Protocolo", "Jorge Medina", "c=FEAR_PAIN pc=0 lang=es", """
L| Buen día. Me faltan varios dientes de abajo, quiero saber del implante
S+15| Buen día Jorge! El protocolo inferior fijo sale R$ 5.600, con 4 implantes
L| Y es con el taladro ese? Se siente?
L| La última vez que me sacaron una muela casi me levanto del sillón
S| Con anestesia local no se siente el taladro, solo vibración. Y tenemos opción de sedación
L| Vibración en el hueso... no sé che, me corre un escalofrío de solo pensarlo
""", "09 09:00", 120)

X("OPEN", 2200, "Bruno", "Lipo_Papada_Enzimas", "Flávia Reis", "c=NONE h=1 pc=0", """
L| oi, quanto o pacote de 3 sessões?
S+4| Oi Flávia! R$ 2.200 o pacote
L| nossa, esperava menos
S| Em 10x fica R$ 220 e a avaliação é cortesia 😊
L| ah 220 por mes de boa, entendi
L| pode marcar a avaliação entao, terça?
S| Terça 17h com a Dra. Renata, agendado!
L| 👍
""", "25 14:10", 20)

X("OPEN", 4200, "Carla", "Harmonizacao_Full_Face", "Karina Salles", "c=COMPETITOR pc=0", """
L| oi, harmonização full face é 4200?
S+5| Oi Karina! Isso, com a Dra. Juliana, dermatologista, em até 12x
L| to fazendo cotação em mais duas clinicas
L| uma me passou 3200 e a outra ainda vai me responder
L| quando tiver os tres valores eu decido
S| Justo! Posso te mandar o que está incluso no nosso, pra comparar direitinho?
L| pode mandar, mas vou pelo que fizer mais sentido no final
""", "20 11:00", 240)

X("OPEN", 1350, "Diego", "Laser_Depilacao_Promo", "Viviane Castro", "c=PAYMENT_METHOD pc=0", """
L| oi laser de virilha completa qto?
S+6| Oi Viviane! R$ 1.350, até 10x no crédito
L| nao tenho cartão de credito
L| só débito
L| vcs fazem carnê? ou boleto mensal?
""", "16 19:20", 10)

X("OPEN", 1790, "Ana", "Laser_Depilacao_Promo", "Camila Ventura", "c=RESULTS_DOUBT pc=0", """
L| oi meu pelo é grosso e escuro, quantas sessões pra sumir?
S+7| Oi Camila! Pelo grosso e escuro é o que melhor responde! Em média 8 a 10 sessões
L| e some de vez? ou volta dps de um ano?
S| Reduz de 80 a 90%, pode precisar de manutenção anual
L| ahh entao nao é definitivo
L| pagar 1790 pra ter que voltar todo ano... sei la, não sei se compensa
""", "27 14:00", 60)

X("OPEN", 2900, "Bruno", "Harmonizacao_Full_Face", "Yasmin Coutinho", "c=PRICE pc=0", """
L| Oi, a harmonização é quanto?
S+5| Oi Yasmin! R$ 2.900 o full face
L| Hmm esse valor ainda não cabe, deixa eu ver com meu financeiro aqui kkk
L| outra dúvida, posso ir trabalhar no outro dia?
S| Pode sim! No máximo um inchacinho leve, nada que impeça trabalhar
L| ah entendi, tranquilo então
S| Quer que eu te mande as condições de parcelamento?
""", "24 12:00", 200)

X("OPEN", 1790, "Carla", "Laser_Depilacao_Promo", "Brenda Moura", "c=OTHER pc=0", """
L| oi! comecei o roacutan mês passado
L| posso fazer laser mesmo assim?
L| o derma disse que é 6 meses de tratamento
S+12| Oi Brenda! Durante a isotretinoína não fazemos laser, a pele fica muito sensível. O ideal é esperar 6 meses após terminar
L| putz, então só ano que vem?
L| nem tem outro jeito?
""", "10 20:40", 30)

X("OPEN", 1800, "Diego", "Laser_Depilacao_Promo", "André Siqueira", "c=SCHEDULE pc=0", """
L| fala, as sessões do laser são de quanto em quanto tempo?
S+4| Fala André! A cada 30 a 45 dias, são 10 sessões
L| eu trabalho embarcado, 14 dias na plataforma e 14 em terra
L| e a escala muda todo mês
L| nao sei se consigo manter esse intervalo certinho
""", "11 08:30", 20)

X("OPEN", 1100, "Ana", "Lipo_Papada_Enzimas", "Marcela Lins", "c=RECOVERY_TIME pc=0", """
L| oi, depois da enzima posso treinar?
S+5| Oi Marcela! Melhor evitar treino intenso por 48 a 72 horas
L| 3 dias? tenho campeonato de crossfit dia 30
L| e nao posso perder treino nessa reta final
""", "23 07:15", 40)

X("OPEN", 3200, "Bruno", "Lentes_Dentais_Ago", "Sérgio Prado", "c=TRUST pc=0", """
L| Boa noite. As lentes de resina por 3200 quem faz?
S+9| Boa noite Sérgio! Dr. Felipe
L| Ele é especialista em dentística ou clínico geral?
L| Qual o CRO dele? Quero consultar antes
L| Já fiz uma restauração com um "especialista" que depois descobri que nem era
""", "21 21:10", 15)
# ===== batch 5: multi-objection chats =====
X("WON", 1490, "Carla", "Preenchimento_Labial_Ago", "Nicole Amaral",
  "c=PAYMENT_METHOD ls=YOUNG_PROFESSIONAL dd=STATUS pc=1 pv=1490", """
L| oiii to com 12k de seguidores e fecho publi de maquiagem toda semana
L| preciso da boca perfeita nos close kkkk
S+5| Oi Nicole! Amamos 💋 O labial sai R$ 1.490 com a Dra. Lara
L| ela é boa com boca natural? nao quero q meu publico perceba q fiz
S| É a especialidade dela! [foto antes e depois - contorno sutil]
L| ai que lindo. ok
L| e posso gravar no dia seguinte?
S| Com o inchaço leve, o ideal é 2 dias de intervalo pra close
L| ok, gravo na quinta entao, faço segunda
L| ultima coisa, as marcas só me pagam dia 10
L| da pra pagar metade agora e metade dia 10? no cartao nao rola pq to sem limite
S| Dá sim! Metade no pix agora pra garantir e a outra metade até o dia 10
L| aí sim, fechou
L+15| [comprovante pix R$ 745,00] primeira metade
S| Recebido! Segunda 10h, e o restante até dia 10 💕
""", "17 15:00", 5)

X("WON", 2900, "Bruno", "Harmonizacao_Full_Face", "Denise Carvalho",
  "c=SCHEDULE ls=PARENT dd=RESULTS pc=1 pv=2900", """
L| oi, faz harmonização só pra tirar essa cara de cansada? tenho 44 anos e 2 adolescentes em casa kkk
S+6| Oi Denise! Faz sim, a ideia é justamente devolver o viço sem mudar quem você é. Full face R$ 2.900
L| é bem isso, me olho no espelho e pareço triste, o sulco e a olheira pesam
L| mas 2900 de uma vez...
S| Em 12x sem juros fica 242 por mês
L| ah assim cabe sim
L| e se ficar exagerado? tipo aquelas bochechas de maçã
S| A Dra. Bruna trabalha com pouco volume por ponto, o foco é sustentação. Veja uma paciente de 46:
S| [foto antes e depois - sulco nasogeniano e olheira suavizados]
L| nossa ela parece descansada, nao parece outra pessoa. quero isso
L| agora o pior: so consigo sexta a tarde, o resto da semana é levar e buscar todo mundo
S| Sexta 14h está livre!
L| perfeito
L+5| [print pagamento aprovado R$ 2.900,00 em 12x]
""", "26 10:30", 5)

X("LOST", 1800, "Diego", "Laser_Depilacao_Promo", "Marina Teixeira", "c=COMPETITOR", """
L| oi, laser na perna dói?
S+8| Oi Marina! Com a ponteira resfriada é bem suave, sensação de calorzinho
L| ah que bom, fiquei mais tranquila
L| o pacote é quanto?
S| Perna inteira R$ 1.800 em 10x
L| hmm a espaçolaser ta com promoção de 999 na perna
L| é o mesmo laser?
S| O nosso é diodo de última geração, com avaliação médica. Consigo R$ 1.500
L| ainda é 500 a mais
L| vou de espaço mesmo, valeu
""", "12 19:10", 300)

X("OPEN", 1290, "Ana", "Agosto_Botox", "Larissa Queiroga", "c=SCHEDULE pc=0", """
L| oi, o botox dói muito?
S+4| Oi Larissa! É bem rápido, umas picadinhas com agulha fininha e anestésico em creme 😊
L| ahh ok, suave
L| e o valor, tem desconto pra pagar no pix?
S| No pix fica R$ 1.190 (tabela 1.290)
L| show, gostei
L| agora, eu viajo dia 2 e volto só dia 20, e vcs falaram que tem que voltar em 15 dias pro retorno
L| vai bater com a viagem, ne?
""", "28 11:30", 15)

X("LOST", 850, "Carla", "Clareamento_Dental", "Tatiana Correia", "c=RESULTS_DOUBT", """
L| oi o clareamento tem sensibilidade?
S+5| Oi Tatiana! Pode ter sensibilidade leve por alguns dias, passamos um dessensibilizante antes
L| ok, isso eu aguento
L| e quanto tempo dura?
S| Em média 1 a 2 anos, dependendo dos hábitos
L| meus dentes são meio amarelados de nascença, minha dentista disse que é da dentina
L| será que clareia msm? não quero pagar e ficar igual
S| Na avaliação conseguimos ver a cor base e te dizer o que esperar
L| ah, se nem vcs garantem, prefiro nao arriscar agora
""", "05 14:30", 1200)

# ---------------------------------------------------------------- main
if __name__ == "__main__":
    from collections import Counter
    L = build()
    print(len(L), "conversations")
    for k in ("concern", "lifeStage", "decisionDriver", "lossReason", "language", "purchaseConfirmed"):
        print(k, dict(Counter(v[k] for v in L.values() if k in v)))
    print("status", dict(Counter(c["status"] for c in CONVS)))
