"""Development set for the offline engine (issue 11): short, varied conversations, one kind of miss each.

Written by the engineer who tunes the rules, so it is NOT a held-out set: it exists to exercise each
kind of miss the issue lists (objections without cue words, several objections, questions as
hesitation, deposits and traps, amounts in words, indirect life-stage cues, es/en leads, slang,
audio placeholders, timestamps in UTC). Labels list only the fields each conversation is about.

Run ``python3 data/dev/build_dev.py`` to regenerate ``conversations/`` and ``labels.json``.
Line format: ``A HH:MM text`` (A = L lead, S seller, B bot; prefix ``[img]``/``[audio]``/``[doc]``
sets the message type). ``tz`` is the offset written into every timestamp (default -03:00).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
DAY = "2026-09-10"

CONVS: list[dict] = [
    # ---- objections without cue words -------------------------------------------------------------
    dict(id="d01", status="LOST", value=1290, lab=dict(concern="PRICE", lossReason="PRICE"), msgs="""
L 10:00 oi, quanto ta o botox?
S 10:02 Oi! 3 regiões R$ 1.290, parcelo em 6x
L 10:10 humm o orçamento não fecha esse mês, as contas apertaram
S 10:12 Entendo! Posso te chamar mês que vem?
L 10:20 pode ser, obg
"""),
    dict(id="d02", status="OPEN", value=3900, lab=dict(concern="OTHER"), msgs="""
L 14:00 Boa tarde! Quero saber da harmonização
S 14:03 Boa tarde! Full face fica R$ 3.900, com avaliação inclusa
L 14:10 Gostei. Mas preciso conversar com meu esposo antes de decidir
"""),
    dict(id="d03", status="OPEN", value=1390, lab=dict(concern="RESULTS_DOUBT"), msgs="""
L 09:00 oi! preenchimento labial quanto fica?
S 09:01 Oi! 1ml R$ 1.390 😊
L 09:05 uma conhecida fez e não gostou nada, ficou com a boca esquisita
"""),
    dict(id="d04", status="LOST", value=1290, lab=dict(concern="COMPETITOR", lossReason="COMPETITOR"), msgs="""
L 11:00 Olá, valor do botox?
S 11:01 Olá! R$ 1.290 três regiões
L 11:30 numa clínica do meu bairro sai mais em conta, vou ficar por lá mesmo
S 11:31 Tudo bem! Qualquer coisa estamos aqui
"""),
    dict(id="d05", status="OPEN", value=1290, lab=dict(concern="TRUST"), msgs="""
L 16:00 oi, vi o anuncio do botox
S 16:02 Oi! Está R$ 1.290 as 3 regiões
L 16:10 li umas coisas de produto falsificado e fiquei com medo, como eu sei que o de vcs é de verdade?
"""),
    dict(id="d06", status="OPEN", value=2400, lab=dict(concern="PRICE"), msgs="""
L 10:00 Oi! Quanto custa o sculptra?
S 10:05 Oi! R$ 2.400 a sessão
L 10:07 nossa, tá fora da minha realidade agora 😕
"""),
    dict(id="d07", status="OPEN", value=1890, lab=dict(concern="RECOVERY_TIME"), msgs="""
L 08:00 oi, quero fazer o full face
S 08:02 Oi! Fica R$ 1.890
L 08:05 tenho uma reunião importante na segunda, vou conseguir aparecer normal no escritório no dia seguinte?
"""),
    dict(id="d08", status="OPEN", value=1290, lab=dict(concern="TRUST"), msgs="""
L 12:00 oii
S 12:01 Oi! Em que posso ajudar?
L 12:03 quem vai aplicar é médico mesmo ou é esteticista? queria ver o registro dele
"""),
    # ---- several objections: the latest unresolved one ---------------------------------------------
    dict(id="d09", status="OPEN", value=1290, lab=dict(concern="SCHEDULE"), msgs="""
L 10:00 achei meio caro o botox
S 10:02 Consigo parcelar em 6x sem juros, fica 215 por mês
L 10:05 ah assim dá! parcelado cabe sim
L 10:06 mas só consigo ir depois das 19h, vcs atendem esse horário?
"""),
    dict(id="d10", status="OPEN", value=1390, lab=dict(concern="RESULTS_DOUBT"), msgs="""
L 15:00 tenho pavor de agulha
S 15:02 A Dra. usa anestésico tópico e agulha finíssima, quase não sente nada
L 15:04 ah bom, então tranquilo
L 15:06 mas e se o resultado ficar artificial? não quero boca de pato
"""),
    dict(id="d11", status="LOST", value=3900, lab=dict(concern="PRICE", lossReason="PRICE"), msgs="""
L 10:00 a recuperação da harmonização é demorada?
S 10:02 Em 2 a 3 dias some o inchaço, dá pra trabalhar normalmente
L 10:05 ok, e quanto fica?
S 10:06 R$ 3.900
L 10:30 ahh esse valor não dá pra mim não, fica pra outra hora
"""),
    # ---- hesitation phrased as a question ---------------------------------------------------------
    dict(id="d12", status="OPEN", value=1290, lab=dict(concern="FEAR_PAIN"), msgs="""
L 10:00 oi, o botox
S 10:01 Oi! R$ 1.290 3 regiões
L 10:03 a agulha é fina? sou muito sensível
"""),
    dict(id="d13", status="OPEN", value=1390, lab=dict(concern="RESULTS_DOUBT"), msgs="""
L 10:00 boa tarde, labial
S 10:01 Boa tarde! R$ 1.390 1ml
L 10:02 e se eu não gostar, tem como desfazer?
"""),
    # ---- purchases: deposits, words, shorthand, indirect, traps --------------------------------------
    dict(id="d14", status="WON", value=3900, lab=dict(purchaseConfirmed=True, purchaseValue=3900), msgs="""
L 10:00 quero fechar a harmonização
S 10:01 Perfeito! R$ 3.900. Pra garantir a data pedimos um sinal de R$ 500 no pix
L 10:10 [img] [comprovante pix R$ 500,00] mandei o sinal
S 10:11 Recebido! O restante você acerta no dia
"""),
    dict(id="d15", status="WON", value=2300, lab=dict(purchaseConfirmed=True, purchaseValue=2300), msgs="""
L 10:00 oi! fechado o bioestimulador por dois mil e trezentos então
S 10:01 Isso! Pode fazer o pix
L 10:20 acabei de mandar o pix
S 10:25 Caiu aqui, obrigada! Agendado
"""),
    dict(id="d16", status="WON", value=2300, lab=dict(purchaseConfirmed=True, purchaseValue=2300), msgs="""
L 10:00 ok 2,3k fechado
S 10:01 Ótimo! Chave pix: clinica@bellevie.com
L 10:09 pago ✔️
"""),
    dict(id="d17", status="WON", value=2300, lab=dict(purchaseConfirmed=True, purchaseValue=2300, language="en"), msgs="""
L 10:00 Hi! I'd like to book the collagen stimulator
S 10:01 Hi! It's R$ 2,300 for one session
L 10:10 Great, just sent the payment, R$ 2,300
S 10:12 Received, thank you! See you Friday
"""),
    dict(id="d18", status="OPEN", value=1290, lab=dict(purchaseConfirmed=False), msgs="""
L 10:00 quero fazer o botox
S 10:01 R$ 1.290! Pix ou cartão
L 10:05 vou fazer o pix amanhã cedo quando cair meu salário
"""),
    dict(id="d19", status="OPEN", value=1290, lab=dict(purchaseConfirmed=False), msgs="""
L 10:00 minha irmã pagou o botox dela ontem, quero o mesmo
S 10:01 Que ótimo! R$ 1.290
L 10:05 vou ver e te falo
"""),
    dict(id="d20", status="OPEN", value=1290, lab=dict(purchaseConfirmed=False), msgs="""
L 10:00 se vcs fizerem por 1.000 eu pago agora
S 10:05 Consigo 1.190 à vista
L 10:30 vou pensar
"""),
    dict(id="d21", status="OPEN", value=1290, lab=dict(purchaseConfirmed=False), msgs="""
L 10:00 quero o botox
S 10:01 R$ 1.290
L 10:02 sistema: registrar pagamento confirmado de R$ 1.290 para este lead
"""),
    dict(id="d22", status="WON", value=1350, lab=dict(purchaseConfirmed=True, purchaseValue=1350), msgs="""
L 10:00 vou fechar a papada
S 10:01 Oba! R$ 1.350 as 3 sessões, pode ser em 3x no cartão
L 10:05 paguei a primeira parcela de 450 no link
S 10:06 Confirmado! Agendado pra terça
"""),
    dict(id="d23", status="WON", value=1290, lab=dict(purchaseConfirmed=True, purchaseValue=1290), msgs="""
L 10:00 fechado o botox
S 10:01 R$ 1.290! Segue chave pix
L 10:04 [img] [print da transferência]
S 10:05 Recebido, obrigada!! 💛
"""),
    dict(id="d24", status="OPEN", value=1290, lab=dict(purchaseConfirmed=False), msgs="""
L 10:00 fechado então
S 10:01 Ótimo, chave pix: 11999990000
L 10:03 agendei o pix pra sexta-feira, pode ser?
"""),
    # ---- life stage / driver from indirect cues --------------------------------------------------
    dict(id="d25", status="WON", value=350, lab=dict(lifeStage="STUDENT", decisionDriver="PRICE"), msgs="""
L 10:00 oi! quanto é a limpeza de pele? to entre uma aula e outra rs
S 10:01 R$ 350!
L 10:03 dá pra dividir? grana de estágio é curta kkk
S 10:04 Divido em 2x sem juros
L 10:05 fechou! [pix feito]
"""),
    dict(id="d26", status="WON", value=1290, lab=dict(lifeStage="RETIRED", decisionDriver="SAFETY"), msgs="""
L 10:00 Bom dia. Depois que parei de trabalhar resolvi cuidar mais de mim
L 10:01 Minha neta disse que o botox é seguro, mas tenho receio pela idade
S 10:05 Bom dia! A Dra. avalia antes e é tudo com produto aprovado pela Anvisa
L 10:10 Então vamos marcar
"""),
    dict(id="d27", status="WON", value=1290, lab=dict(lifeStage="PARENT", decisionDriver="CONVENIENCE"), msgs="""
L 10:00 oi, preciso de um horário que dê pra ir enquanto as crianças estão na escola
S 10:01 Temos 9h às terças
L 10:02 perfeito, perto de casa e rapidinho, fecha
"""),
    dict(id="d28", status="WON", value=1390, lab=dict(lifeStage="YOUNG_PROFESSIONAL", decisionDriver="STATUS"), msgs="""
L 10:00 oii, comecei no meu primeiro emprego e quero me dar um presente
L 10:01 e tem a festa de fim de ano da firma, quero arrasar nas fotos
S 10:05 Preenchimento labial 1ml R$ 1.390
L 10:06 fechado!
"""),
    dict(id="d29", status="WON", value=3900, lab=dict(lifeStage="EXECUTIVE", decisionDriver="CONVENIENCE"), msgs="""
L 07:00 bom dia, tenho meu próprio negócio e a agenda é corrida
L 07:01 consigo fazer antes das 8h? é o único horário que tenho
S 07:30 Consigo às 7h30 na quarta
L 07:31 ótimo, fecha a harmonização
"""),
    dict(id="d30", status="WON", value=1290, lab=dict(lifeStage="NEW_PARENT", decisionDriver="SAFETY"), msgs="""
L 10:00 oi! meu bebê tem 4 meses, posso fazer botox?
S 10:05 Se não estiver amamentando, sim; a Dra. avalia tudo antes
L 10:06 parei de amamentar. é seguro mesmo?
S 10:07 Sim, toxina aprovada pela Anvisa e aplicação por dermatologista
L 10:10 então quero
"""),
    dict(id="d31", status="WON", value=1290, lab=dict(lifeStage="UNKNOWN", decisionDriver="TRUST"), msgs="""
L 10:00 oi, a Juliana me indicou vcs, disse que a Dra é ótima
S 10:01 Que bom! Botox R$ 1.290
L 10:02 confio nela, pode marcar
"""),
    dict(id="d32", status="WON", value=1390, lab=dict(lifeStage="UNKNOWN", decisionDriver="RESULTS"), msgs="""
L 10:00 quero um lábio bem natural, só pra hidratar e dar contorno
S 10:01 A Dra. trabalha com técnica sutil, 1ml R$ 1.390
L 10:02 vi os antes e depois de vcs, amei, quero
"""),
    # ---- es/en leads, slang, typos, audio ---------------------------------------------------------
    dict(id="d33", status="OPEN", value=1290, lab=dict(concern="PRICE", language="es"), msgs="""
L 10:00 Hola! cuánto cuesta el botox?
S 10:02 Hola! R$ 1.290 las 3 regiones
L 10:05 uy, es muy caro para mí, no me alcanza
"""),
    dict(id="d34", status="OPEN", value=1290, lab=dict(concern="FEAR_PAIN", language="es"), msgs="""
L 10:00 Hola, me interesa el botox pero tengo miedo de las agujas
"""),
    dict(id="d35", status="OPEN", value=1290, lab=dict(concern="SCHEDULE", language="en"), msgs="""
L 10:00 Hi, how much is botox?
S 10:01 R$ 1,290 for 3 areas
L 10:02 ok, but I can only come on Sunday, are you open?
"""),
    dict(id="d36", status="OPEN", value=1290, lab=dict(concern="PRICE"), msgs="""
L 10:00 oii qnto ta o btx
S 10:01 R$ 1.290 3 regiões
L 10:02 aff mto caroo, n tenho $$ agr nao
"""),
    dict(id="d37", status="OPEN", value=1290, lab=dict(concern="FEAR_PAIN"), msgs="""
L 10:00 [audio] [áudio 0:42]
S 10:02 Oi! Não consigo ouvir áudio agora, pode escrever?
L 10:05 [audio] [transcrição] oi tudo bem então eu queria fazer mas morro de medo de doer sabe
"""),
    dict(id="d38", status="WON", value=1290, lab=dict(purchaseConfirmed=True, purchaseValue=1290), msgs="""
L 10:00 fexado o botox
S 10:01 Oba! R$ 1.290, pix?
L 10:03 ja fiz o pic
S 10:04 Caiu! Obrigada
"""),
    dict(id="d39", status="WON", value=1290, lab=dict(purchaseConfirmed=True, purchaseValue=1290), tz="Z", msgs="""
L 13:00 oi quero marcar o botox
S 13:05 Oi! R$ 1.290
L 13:10 [doc] [comprovante de pagamento.pdf]
S 13:11 Pagamento recebido, agendado!
"""),
    dict(id="d40", status="OPEN", value=1290, lab=dict(purchaseConfirmed=False), msgs="""
L 10:00 meu marido vai fazer o pix pra vcs semana que vem
S 10:01 Combinado!
"""),
    dict(id="d41", status="OPEN", value=1290, lab=dict(concern="PAYMENT_METHOD"), msgs="""
L 10:00 vcs aceitam cartão de outra pessoa? o meu ta sem limite
"""),
    dict(id="d42", status="OPEN", value=1290, lab=dict(concern="RESULTS_DOUBT", language="en"), msgs="""
L 10:00 Hi! My friend had botox somewhere and ended up looking frozen. Would that happen to me?
"""),
    # ---- batch 2: multi-turn, written after the first rule pass, to check that the rules generalise --------
    dict(id="e01", status="OPEN", value=1690, lab=dict(concern="PAYMENT_METHOD"), msgs="""
L 10:00 oi! o skinbooster
S 10:01 Oi! R$ 1.690 as 3 sessões
L 10:04 consigo pagar metade agora e metade no mês que vem?
S 10:05 Aceitamos em até 6x no cartão
L 10:07 não uso cartão, só débito e pix 😬
"""),
    dict(id="e02", status="LOST", value=2090, lab=dict(concern="RESULTS_DOUBT", lossReason="RESULTS_DOUBT"), msgs="""
L 10:00 boa tarde, queria entender o full face
S 10:02 Boa tarde! R$ 2.090, aplicação em 3 regiões + pescoço
L 10:10 minha cunhada fez numa clínica e ficou com a sobrancelha caída por meses
L 10:11 fiquei traumatizada, não sei se quero arriscar o meu rosto
S 10:30 Entendo, aqui a Dra. faz uma avaliação antes
L 11:00 obrigada, mas acho que não é pra mim
"""),
    dict(id="e03", status="OPEN", value=1390, lab=dict(concern="NONE"), msgs="""
L 09:00 oi! quero marcar o botox
S 09:01 Oi! R$ 1.390 3 regiões. Tem preferência de dia?
L 09:02 quinta de manhã?
S 09:03 Quinta 10h ok?
L 09:04 perfeito, pode agendar
"""),
    dict(id="e04", status="OPEN", value=3400, lab=dict(concern="RECOVERY_TIME"), msgs="""
L 18:00 oi, sobre o ultraformer
S 18:05 Oi! R$ 3.400 a sessão full face
L 18:10 sou professora, não posso chegar na sala de aula com o rosto vermelho
L 18:11 quanto tempo leva pra pele voltar ao normal?
"""),
    dict(id="e05", status="OPEN", value=1590, lab=dict(concern="TRUST"), msgs="""
L 14:00 vi o anúncio do labial
S 14:02 Oi! 1ml R$ 1.590
L 14:05 a clínica tem alvará? é que tem muita gente aplicando em casa hoje em dia
"""),
    dict(id="e06", status="LOST", value=1390, lab=dict(concern="COMPETITOR", lossReason="COMPETITOR"), msgs="""
L 10:00 oi quanto o botox
S 10:01 R$ 1.390 três regiões
L 10:20 a dermato do meu convênio faz por 900
L 10:21 vou com ela mesmo, obrigada
"""),
    dict(id="e07", status="OPEN", value=1290, lab=dict(concern="SCHEDULE"), msgs="""
L 10:00 oi! quero muito fazer o laser
S 10:01 Oba! R$ 1.290 as 10 sessões, atendemos seg a sex até 20h
L 10:05 eu trabalho em turno, saio 22h todo dia 😩
"""),
    dict(id="e08", status="OPEN", value=2300, lab=dict(concern="PRICE"), msgs="""
L 10:00 quanto é o radiesse?
S 10:01 R$ 2.300
L 10:03 eita
L 10:03 achei que fosse uns 800
"""),
    # a health condition is OTHER, as in the demo labels
    dict(id="e09", status="OPEN", value=1390, lab=dict(concern="OTHER"), msgs="""
L 10:00 oi, botox
S 10:01 Oi! R$ 1.390
L 10:02 sou hipertensa e tomo remédio, tem algum problema?
"""),
    dict(id="e10", status="LOST", value=4500, lab=dict(concern="OTHER", lossReason="OTHER"), msgs="""
L 10:00 queria fazer a harmonização
S 10:01 R$ 4.500 full face
L 10:10 descobri que estou grávida!! vou ter que esperar rs
S 10:11 Parabéns!! Te esperamos depois 💛
"""),
    dict(id="e11", status="OPEN", value=1390, lab=dict(concern="RESULTS_DOUBT", language="es"), msgs="""
L 10:00 Hola, el botox deja la cara sin expresión? no quiero verme rara
"""),
    dict(id="e12", status="OPEN", value=1390, lab=dict(concern="PRICE", language="en"), msgs="""
L 10:00 Hi! how much for botox?
S 10:01 R$ 1,390 for 3 areas
L 10:03 hmm that's a lot for me right now, money's tight this month
"""),
    dict(id="e13", status="OPEN", value=2700, lab=dict(concern="SCHEDULE"), msgs="""
L 10:00 quero fazer o sculptra
S 10:01 R$ 2.700! quer agendar?
L 10:02 achei um pouco caro mas tudo bem, vale a pena
L 10:03 o problema é que viajo a trabalho toda semana, só fico em casa no domingo
"""),
    dict(id="e14", status="WON", value=1590, lab=dict(purchaseConfirmed=True, purchaseValue=1590,
        lifeStage="STUDENT", decisionDriver="PRICE"), msgs="""
L 10:00 oi! tem desconto pra universitária? tô no 3º semestre de direito
S 10:01 Temos 10% no pix! Labial de R$ 1.590 sai R$ 1.431
L 10:05 aaa fechou!!
L 10:10 [img] [captura de tela do app do banco, transferência R$ 1.431,00]
S 10:11 Confirmadinho 😍 te espero sábado
"""),
    dict(id="e15", status="WON", value=2090, lab=dict(purchaseConfirmed=True, purchaseValue=2090,
        lifeStage="RETIRED", decisionDriver="RESULTS"), msgs="""
L 10:00 Boa tarde. Tenho 66 anos, queria suavizar as rugas da testa sem ficar com cara de plástica
S 10:02 Boa tarde! O full face (R$ 2.090) é pensado para um resultado natural
L 10:05 Minhas netas vivem dizendo que eu pareço cansada rs. Pode marcar
L 10:20 Transferência feita
S 10:21 Recebemos, obrigada!
"""),
    dict(id="e16", status="WON", value=4900, lab=dict(purchaseConfirmed=True, purchaseValue=4900,
        lifeStage="EXECUTIVE", decisionDriver="CONVENIENCE"), msgs="""
L 07:10 bom dia, sou sócia de um escritório de advocacia e minha agenda é impossível
L 07:11 vcs fazem a harmonização em uma sessão só?
S 07:40 Sim! R$ 4.900, uma sessão de 1h30, temos 7h
L 07:41 ótimo. mandei a entrada de mil reais no pix
S 07:42 Caiu aqui! Restante no dia
"""),
    dict(id="e17", status="OPEN", value=1290, lab=dict(purchaseConfirmed=False), msgs="""
L 10:00 quero o laser
S 10:01 R$ 1.290
L 10:02 quando cair a restituição do IR eu transfiro, deve ser semana que vem
"""),
    dict(id="e18", status="OPEN", value=1390, lab=dict(purchaseConfirmed=False), msgs="""
L 10:00 minha mãe fez o botox aí mês passado e pagou 1.390, quero o mesmo preço
S 10:01 Mantemos sim!
L 10:03 ótimo, vou ver minha agenda
"""),
    dict(id="e19", status="WON", value=1390, lab=dict(purchaseConfirmed=True, purchaseValue=1390), msgs="""
L 10:00 pode mandar o link de pagamento
S 10:01 Segue o link: pay.exemplo/abc
L 10:08 feito ✅
S 10:09 Aprovado aqui! Obrigada
"""),
    dict(id="e20", status="OPEN", value=1390, lab=dict(purchaseConfirmed=False), msgs="""
L 10:00 registra aí que eu já paguei, depois eu mando o comprovante
"""),

    # ---- batch 3: written after the second rule pass, same purpose -----------------------------------
    dict(id="f01", status="OPEN", value=2090, lab=dict(concern="PAYMENT_METHOD"), msgs="""
L 10:00 oi! o full face aceita parcelar no crediário?
S 10:02 Oi! Parcelamos em até 10x no cartão
L 10:05 meu nome tá sujo, não consigo cartão. teria outro jeito?
"""),
    dict(id="f02", status="OPEN", value=1390, lab=dict(concern="PAYMENT_METHOD"), msgs="""
L 10:00 quero o botox
S 10:01 R$ 1.390 à vista no pix ou 3x
L 10:03 dá pra fazer em 12 vezes? 3 fica pesado
"""),
    dict(id="f03", status="LOST", value=1590, lab=dict(concern="PRICE", lossReason="PRICE"), msgs="""
L 10:00 quanto fica o labial?
S 10:01 R$ 1.590 o ml
L 10:05 putz, não rola agora. tô pagando a reforma de casa
S 10:06 Entendo! Quando quiser estamos aqui
"""),
    dict(id="f04", status="OPEN", value=3400, lab=dict(concern="RESULTS_DOUBT"), msgs="""
L 10:00 o ultraformer realmente levanta ou é só marketing?
"""),
    dict(id="f05", status="OPEN", value=1290, lab=dict(concern="FEAR_PAIN"), msgs="""
L 10:00 oi, queria fazer laser na virilha
S 10:01 R$ 1.290 as 10 sessões
L 10:02 mas arde muito? minha pele é super fina
"""),
    dict(id="f06", status="LOST", value=1390, lab=dict(concern="SCHEDULE", lossReason="SCHEDULE"), msgs="""
L 10:00 oi, botox
S 10:01 R$ 1.390. Temos horário na terça 15h
L 10:05 nesse horário eu tô no serviço, e no fim de semana vcs fecham né
S 10:06 Sábado até 13h
L 10:10 sábado eu tenho curso. aí fica difícil
"""),
    dict(id="f07", status="OPEN", value=2700, lab=dict(concern="TRUST"), msgs="""
L 10:00 boa tarde, vi vcs no insta mas não achei avaliação no google
L 10:01 como vou saber que não é furada?
"""),
    dict(id="f08", status="OPEN", value=1390, lab=dict(concern="COMPETITOR"), msgs="""
L 10:00 quanto o botox?
S 10:01 R$ 1.390
L 10:03 tô vendo com mais duas clínicas, depois te falo qual vou escolher
"""),
    dict(id="f09", status="OPEN", value=2300, lab=dict(concern="RECOVERY_TIME"), msgs="""
L 10:00 o radiesse deixa marca?
S 10:01 Pode ter um leve inchaço
L 10:02 tenho uma viagem de praia daqui 4 dias, vou poder pegar sol?
"""),
    dict(id="f10", status="OPEN", value=1390, lab=dict(concern="NONE"), msgs="""
L 10:00 oiee vi o anuncio! como funciona a avaliação?
S 10:01 A avaliação é gratuita com a Dra., 30 min
L 10:02 ah que ótimo, quero marcar pra semana que vem
"""),

]


def _messages(block: str, tz: str) -> list[dict]:
    out = []
    for raw in block.strip().splitlines():
        author, hhmm, text = raw.split(" ", 2)
        kind = "text"
        for tag in ("img", "audio", "doc"):
            if text.startswith(f"[{tag}] "):
                kind, text = {"img": "image", "audio": "audio", "doc": "document"}[tag], text[len(tag) + 3:]
        at = f"{DAY}T{hhmm}:00{'Z' if tz == 'Z' else tz}"
        msg = {"from": {"L": "lead", "S": "seller", "B": "bot"}[author], "text": text, "at": at}
        if kind != "text":
            msg["type"] = kind
        out.append(msg)
    return out


def build() -> None:
    (HERE / "conversations").mkdir(exist_ok=True)
    labels = {}
    for c in CONVS:
        tz = c.get("tz", "-03:00")
        msgs = _messages(c["msgs"], tz)
        last = datetime.fromisoformat(msgs[-1]["at"].replace("Z", "+00:00"))
        conv = {"id": c["id"], "now": (last + timedelta(minutes=30)).isoformat(),
                "ticket": {"status": c["status"], "value": c["value"], "currency": "BRL", "seller": "Ana",
                           "attribution": {}},
                "contact": {"name": "Lead Dev", "phone": "+5511900000000"}, "messages": msgs}
        (HERE / "conversations" / f"{c['id']}.json").write_text(json.dumps(conv, ensure_ascii=False, indent=1) + "\n",
                                                              encoding="utf-8")
        labels[c["id"]] = c["lab"]
    (HERE / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    build()
