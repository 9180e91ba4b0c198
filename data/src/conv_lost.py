"""LOST conversations (conv-017 .. conv-034), hand-written. Format: see conv_won.py."""

CONVS = [
dict(id=17, seller="Bruno", status="LOST", value=1290, camp="Agosto_Botox", src="facebook",
     name="Vanessa Rocha", ddd=11, now=None,
     labels=dict(concern="PRICE", hes=True, loss="PRICE", qual=False,
                 trig=["ANCHORING", "SCARCITY", "URGENCY", "RECIPROCITY"], emp=False),
     msgs="""
03 19:22 L Olá! Tenho interesse e queria mais informações, por favor.
03 19:23 S Oii! Aqui é o Bruno da Belle Vie 😁 Vc veio pelo anúncio do botox né? Tá de R$ 1.690 por R$ 1.290, 3 regiões!
03 19:30 L Ah, 1.290? Pensei que era bem menos
03 19:31 S É o melhor preço do ano! E só tenho 4 vagas com esse valor
03 19:31 S Fechando hoje ainda consigo um brinde: um skinbooster de cortesia 🎁
03 19:40 L Não dá, tá muito caro pra mim agora. Obg
03 19:41 S Parcela em 6x de 215! Cabe no bolso 🙏
03 19:41 S Posso segurar a vaga até amanhã
03 20:15 L Mesmo parcelado não cabe. Fica pra próxima
03 20:16 S Poxa! Se mudar de ideia é só chamar
"""),

dict(id=18, seller="Carla", status="LOST", value=1290, camp="Agosto_Botox", src="instagram",
     name="Débora Lima", ddd=41, now=None,
     labels=dict(concern="PRICE", hes=True, loss="PRICE", qual=True, trig=["AUTHORITY"], emp=False),
     msgs="""
05 12:10 L Boa tarde, qual o valor do botox?
05 12:31 S Boa tarde! O botox 3 regiões está R$ 1.290 na promoção de agosto 😊
05 12:35 L Ah é? Eu fazia por 900 em outra clínica, mas ela fechou
05 12:36 L Não tem como fazer por uns 1.000?
05 12:58 S Infelizmente não consigo, o valor já é promocional. Mas parcelamos em até 6x sem juros
05 13:02 L Entendo. Mas pra mim não compensa pagar 400 a mais pela mesma coisa
05 13:20 S Aqui a aplicação é feita por dermatologista e o retorno está incluso
05 13:45 L Eu sei, mas tá acima do que eu quero gastar. Vou ver outras opções. Obrigada
05 13:52 S Tudo bem, qualquer coisa estamos à disposição
"""),

dict(id=19, seller="Diego", status="LOST", value=1290, camp="Agosto_Botox", src="facebook",
     name="Aline Cardoso", ddd=21, now=None,
     labels=dict(concern="PRICE", hes=True, loss="PRICE", qual=False, trig=[], emp=False),
     msgs="""
06 10:05 L Oi, bom dia! Quanto tá o botox?
06 10:05 B Olá! 👋 Bem-vindo(a) à Clínica Belle Vie. Já recebemos sua mensagem e em breve um consultor vai te atender.
06 12:40 S Bom dia. R$ 1.290 as 3 regiões
06 12:44 L Nossa, pensei que era uns 500, 600
06 12:45 L Tá bem acima do meu orçamento
06 14:30 S Temos parcelamento em 6x
06 14:48 L Não rola, obrigada. Tô juntando dinheiro pra faculdade do meu filho, não dá pra gastar isso agora
"""),

dict(id=20, seller="Ana", status="LOST", value=690, camp="Agosto_Botox", src="instagram",
     name="Patrícia Gomes", ddd=31, now=None,
     labels=dict(concern="PRICE", hes=True, loss="PRICE", qual=False, trig=[], emp=True),
     msgs="""
10 17:02 L Oi Ana, tudo bem? Vi que o botox tá em promoção. Queria fazer só a testa, quanto fica?
10 17:04 S Oi Patrícia! Tudo ótimo e vc? 😊 Uma região só fica R$ 690. Testa + glabela (entre as sobrancelhas) fica R$ 990, que é o que a Dra. costuma indicar pra não ficar desproporcional
10 17:10 L Hmm... tava pensando em uns 300 😕
10 17:11 L Tô desempregada desde junho, queria me dar um presente sabe
10 17:14 S Poxa, entendo muito, esse momento é difícil mesmo 💛 Dá pra parcelar só a testa em 6x de R$ 115, ajudaria?
10 17:20 L Mesmo assim... parcela de 115 por 6 meses não dá agora
10 17:22 S Entendo perfeitamente. Se quiser algo mais acessível pra se cuidar agora, temos limpeza de pele por R$ 350, que também dá um up 😊 E quando a situação melhorar, te espero pro botox!
10 17:30 L Vc é um amor. Vou pensar, mas acho que agora não dá mesmo. Obrigada
10 17:31 S Imagina! Boa sorte na busca, tô torcendo por vc 🙏
"""),

dict(id=21, seller="Bruno", status="LOST", value=1190, camp="Agosto_Botox", src="instagram",
     name="Jéssica Duarte", ddd=21, now=None,
     labels=dict(concern="PRICE", hes=True, loss="PRICE", qual=True,
                 trig=["ANCHORING", "URGENCY", "SCARCITY"], emp=False),
     msgs="""
12 14:40 L Oi! Quanto tá o botox? Minha amiga pagou 800 aí em março
12 14:41 S Oiii Jéssica! Bruno aqui 😁 Em março devia ser outra promo. Agora tá de R$ 1.690 por R$ 1.290 as 3 regiões
12 14:44 L 1290?? Ela fez as 3 regiões tb e pagou 800
12 14:45 S Pode ter sido só 1 ou 2 regiões. Mas olha, esse preço é só até sexta e tô com as últimas 3 vagas 🔥
12 14:50 L Não sei não... 490 de diferença é muita coisa
12 14:51 S Consigo fazer 1.190 no pix se fechar agora! Só hoje
12 14:58 L Vc baixou 100 em 1 minuto, então dá pra baixar mais né kkk
12 14:59 S Kkk 1.190 é o mínimo mesmo, já é abaixo da tabela
12 15:10 L Vou esperar outra promo de 800 então. Obg
12 15:11 S Quer que eu te avise quando tiver?
12 15:20 L Pode ser
"""),

dict(id=22, seller="Carla", status="LOST", value=1290, camp="Agosto_Botox", src="facebook",
     name="Kelly", ddd=11, now="19 15:30",
     labels=dict(concern="NONE", hes=False, loss="NO_RESPONSE", qual=False, trig=[], emp=False),
     msgs="""
14 21:48 L Olá! Tenho interesse e queria mais informações, por favor.
15 09:05 S Bom dia Kelly! Aqui é a Carla, da Belle Vie 😊 Vi que vc se interessou pelo botox. Em agosto as 3 regiões estão R$ 1.290, parcelado em até 6x. Quer que eu veja um horário pra vc?
17 10:30 S Oi Kelly, tudo bem? Ficou alguma dúvida sobre o botox?
19 15:12 S Kelly, vou encerrar seu atendimento por aqui, mas se quiser retomar é só me chamar 😉
"""),

dict(id=23, seller="Diego", status="LOST", value=4200, camp="Harmonizacao_Full_Face", src="instagram",
     name="Natália Viana", ddd=31, now=None,
     labels=dict(concern="COMPETITOR", hes=True, loss="COMPETITOR", qual=True, trig=[], emp=False),
     msgs="""
17 09:20 L Bom dia! Quero saber valor e horários pra harmonização full face. Queria fazer essa semana se possível
17 09:20 B Olá! 👋 Bem-vindo(a) à Clínica Belle Vie. Já recebemos sua mensagem e em breve um consultor vai te atender.
17 09:45 L Alguém?
17 12:15 S Bom dia Natália. O full face está R$ 4.200. Horário tenho dia 26
17 13:04 L Oi Diego. Nesse meio tempo outra clínica aqui no Funcionários me respondeu, me passou 3.600 e tem horário quinta
17 13:05 L Vcs conseguem algo parecido?
17 15:40 S O nosso valor é esse. Inclui retorno
17 15:52 L Ok, vou fechar lá então. Obrigada
"""),

dict(id=24, seller="Carla", status="LOST", value=1890, camp="Laser_Depilacao_Promo", src="instagram",
     name="Roberta Siqueira", ddd=11, now=None,
     labels=dict(concern="PRICE", hes=True, loss="PRICE", qual=False, mis=True, trig=[], emp=False),
     msgs="""
06 10:15 L Oi! Vi o anúncio de depilação a laser corpo inteiro por 99 reais. Quero!
06 10:28 S Oi Roberta! Que bom 😊 Só um detalhe: os R$ 99 são o valor da sessão avulsa de axila na promoção. O corpo inteiro é pacote: 10 sessões por R$ 1.890 em até 10x
06 10:30 L Oi?? No anúncio tá escrito laser corpo todo a partir de R$ 99
06 10:31 L:image [print do anúncio: "Depilação a laser CORPO TODO a partir de R$99 🔥"]
06 10:47 S Sim, é "a partir de", referente à menor área. Desculpa a confusão
06 10:50 L Isso é propaganda enganosa né. De 99 pra 1.890 é muita diferença
06 10:51 L Eu não tenho 1.890 pra gastar com depilação
06 11:10 S Entendo. Se quiser só axila, os R$ 99 a sessão ainda valem
06 11:12 L Não, obrigada. Queria corpo todo. Deixa pra lá
"""),

dict(id=25, seller="Bruno", status="LOST", value=1350, camp="Lipo_Papada_Enzimas", src="facebook",
     name="Sérgio Hoffmann", ddd=41, now=None,
     labels=dict(concern="OTHER", hes=True, loss="OTHER", qual=False, mis=True,
                 trig=["ANCHORING", "SCARCITY", "RECIPROCITY"], emp=False),
     msgs="""
07 15:00 L Boa tarde. Queria fazer a lipo de papada do anúncio. É com qual cirurgião? Preciso de atestado de quantos dias?
07 15:02 S Boa tarde Sérgio! Bruno aqui 💪 Nossa lipo de papada é com enzimas, sem cirurgia e sem corte! Não precisa de atestado
07 15:05 L Como assim sem cirurgia? O anúncio falava lipo. Eu quero a lipo de verdade, com cânula, lipoaspiração
07 15:07 S Entendi. Lipoaspiração cirúrgica a gente não faz, mas a enzimática tem resultado ótimo! 3 sessões de R$ 1.800 por R$ 1.350, e tô com as últimas vagas do mês
07 15:10 L Já fiz enzima em outro lugar e não resolveu nada, meu caso é cirúrgico, o médico já falou
07 15:11 S Cada caso é um caso, aqui o protocolo é diferente! Vale uma avaliação, faço de graça pra vc
07 15:15 L Não precisa. Vcs deviam deixar claro no anúncio que não é lipo de verdade. Perdi meu tempo
"""),

dict(id=26, seller="Ana", status="LOST", value=1490, camp="Preenchimento_Labial_Ago", src="instagram",
     name="Yasmin 🦋", ddd=11, now=None,
     labels=dict(concern="OTHER", hes=False, loss="OTHER", qual=False, trig=[], emp=True),
     msgs="""
11 16:40 L oiii quanto ta o preenchimento labial???
11 16:41 S Oi Yasmin! Tudo bem? 😊 O preenchimento labial com 1ml está R$ 1.490 esse mês
11 16:43 L aaa eu quero mto!! posso ir sabado?
11 16:44 S Posso ver sim! Antes, só preciso confirmar uma coisinha que a gente pergunta pra todo mundo: qual sua idade?
11 16:46 L tenho 16 mas minha mae deixa, ela vai cmg
11 16:49 S Obrigada por ser sincera, Yasmin 💛 Infelizmente a nossa clínica não faz preenchimento labial em menores de 18 anos, mesmo com autorização dos pais. É uma regra da Dra. por segurança, o rosto ainda tá em formação
11 16:50 L aaaah serio?? minhas amigas fizeram 😭
11 16:52 S Entendo que dá vontade, mas a gente prefere cuidar de vc do jeito certo. Se quiser, temos limpeza de pele, que dá pra fazer com autorização da sua mãe 😊
11 16:55 L n obg, queria a boca msm
"""),

dict(id=27, seller="Carla", status="LOST", value=2400, camp="Bioestimulador_Colageno", src="instagram",
     name="Flávia Martins", ddd=21, now=None,
     labels=dict(concern="RECOVERY_TIME", hes=True, loss="RECOVERY_TIME", qual=True, trig=[], emp=False),
     msgs="""
11 10:20 L Olá, bom dia. Quanto tempo leva pra desinchar depois do bioestimulador?
11 10:38 S Bom dia! Normalmente o inchaço dura de 2 a 3 dias, e pode aparecer algum roxinho nos pontos de aplicação, que some em até uma semana
11 10:42 L Uma semana de roxo? 😬 Sou repórter, gravo quase todo dia
11 10:43 L Não dá pra cobrir com maquiagem?
11 11:01 S Dá pra disfarçar com maquiagem a partir do dia seguinte. Mas não consigo te garantir que não vai aparecer nada
11 11:05 L Entendi. E quanto custa?
11 11:22 S R$ 2.400 a sessão de Sculptra
11 11:30 L Vou esperar minhas férias em dezembro então, agora não dá pra arriscar aparecer roxa no ar
11 11:45 S Tudo bem! Te esperamos em dezembro então
"""),

dict(id=28, seller="Diego", status="LOST", value=1350, camp="Lipo_Papada_Enzimas", src="instagram",
     name="Beatriz Nunes", ddd=11, now=None,
     labels=dict(concern="FEAR_PAIN", hes=True, loss="FEAR_PAIN", qual=True, trig=[], emp=False),
     msgs="""
13 13:10 L Oi, boa tarde. A aplicação da enzima dói?
13 13:10 B Olá! 👋 Bem-vindo(a) à Clínica Belle Vie. Já recebemos sua mensagem e em breve um consultor vai te atender.
13 14:25 S Boa tarde. Arde um pouco
13 14:30 L Quanto é um pouco? Sou muito sensível a dor, desmaiei fazendo exame de sangue mês passado kkk
13 15:50 S Depende da pessoa
13 15:55 L Vcs usam anestesia?
13 17:20 S Não. É aplicação com agulha fina, várias picadas na papada
13 17:24 L Várias picadas?? Ai não, desisto. Obrigada
"""),

dict(id=29, seller="Bruno", status="LOST", value=3900, camp="Harmonizacao_Full_Face", src="facebook",
     name="Mônica Azevedo", ddd=11, now=None,
     labels=dict(concern="TRUST", hes=True, loss="TRUST", qual=True,
                 trig=["ANCHORING", "URGENCY", "SCARCITY", "SOCIAL_PROOF"], emp=False),
     msgs="""
18 11:00 L Oi, bom dia. Quem faz a harmonização aí? É médico ou dentista?
18 11:01 S Bom dia Mônica!! 😁 É o Dr. Paulo, super experiente! Tá com condição imperdível: full face de R$ 5.200 por R$ 3.900, só essa semana
18 11:03 L Mas ele é o que? Médico, dentista, biomédico? Qual o registro dele?
18 11:04 S Ele é especialista em harmonização, já fez mais de mil procedimentos! Posso reservar um horário pra vc?
18 11:06 L Vc não respondeu minha pergunta
18 11:08 S Ele é cirurgião-dentista com especialização em HOF. Mas fica tranquila que ele é top
18 11:08 S E ó, tô com só 2 vagas essa semana, se quiser garantir tem que ser hoje
18 11:12 L Me passa o número do CRO dele pra eu consultar
18 11:15 S Vou pedir pra recepção e te passo. Mas já adianto que a vaga de quinta é a última!
18 11:40 L Olha, sinceramente, tanta pressão pra fechar me deixa com o pé atrás
18 11:41 L Vou procurar um lugar onde eu me sinta mais segura. Obrigada
18 11:42 S Mas Mônica, pode confiar! Consigo fazer 3.500 se fechar agora
18 11:55 L Não, obrigada
"""),

dict(id=30, seller="Carla", status="LOST", value=1180, camp="Laser_Depilacao_Promo", src="facebook",
     name="Amanda Queiroz", ddd=21, now=None,
     labels=dict(concern="SCHEDULE", hes=True, loss="SCHEDULE", qual=True, trig=[], emp=False),
     msgs="""
18 19:45 L Oi, vcs atendem depois das 19h? Trabalho até as 18h no centro e moro em Niterói
18 20:05 S Oi Amanda! Nossa unidade da Barra funciona até 20h às terças e quintas, e sábado até 13h
18 20:09 L Barra pra mim é longe demais, do centro levo mais de 1h. Sábado eu trabalho 😕
18 20:20 S Entendi. Infelizmente não temos unidade no centro nem em Niterói 😕
18 20:22 L Pena, o preço do pacote axila + virilha tava ótimo
18 20:24 L E tem que ir de quanto em quanto tempo?
18 20:40 S A cada 30 a 45 dias, são 10 sessões
18 20:45 L Aí não rola mesmo, 10 vezes atravessando a cidade. Obrigada assim mesmo
"""),

dict(id=31, seller="Ana", status="LOST", value=2200, camp="Bioestimulador_Colageno", src="facebook",
     name="Cristina Mello", ddd=31, now=None,
     labels=dict(concern="RESULTS_DOUBT", hes=True, loss="RESULTS_DOUBT", qual=True,
                 trig=["SOCIAL_PROOF", "RECIPROCITY"], emp=True),
     msgs="""
20 10:02 L Bom dia! Vi o anúncio do bioestimulador. Mas sinceramente, minha cunhada fez (não aí) e não viu diferença nenhuma
20 10:04 S Bom dia, Cristina! Entendo sua desconfiança, é super comum ouvir isso 😊 O bioestimulador tem resultado gradual, aparece entre 60 e 90 dias, e muita gente acha que não funcionou porque esperava efeito imediato
20 10:07 L Ela esperou 4 meses, fez 2 sessões
20 10:10 S Às vezes a indicação não era a ideal pro caso dela, ou o produto e a diluição. Aqui a Dra. Helena avalia antes e só indica se tiver benefício real pra vc
20 10:11 S Posso te mostrar uns antes e depois de 90 dias?
20 10:12 L Pode
20 10:14 S:image [antes e depois de bioestimulador - 90 dias]
20 10:25 L Ah, sei lá. Nas fotos sempre parece bom né, luz diferente kkk
20 10:27 S Kkk justo! Por isso te ofereço uma avaliação gratuita com a Dra., sem compromisso, pra ela te explicar o que dá pra esperar no seu caso
20 10:40 L Obrigada Ana, mas acho que vou investir em outra coisa. Não confio muito nesse procedimento
20 10:41 S Tudo bem, Cristina! Fica à vontade, a porta tá sempre aberta 💛
"""),

dict(id=32, seller="Diego", status="LOST", value=1390, camp="Preenchimento_Labial_Ago", src="instagram",
     name="Larissa Bortolini", ddd=41, now=None,
     labels=dict(concern="PAYMENT_METHOD", hes=True, loss="PAYMENT_METHOD", qual=True, trig=[], emp=False),
     msgs="""
21 14:00 L Oi, quanto o preenchimento labial?
21 14:00 B Olá! 👋 Bem-vindo(a) à Clínica Belle Vie. Já recebemos sua mensagem e em breve um consultor vai te atender.
21 15:12 S Boa tarde Larissa. R$ 1.390 (1ml)
21 15:20 L Parcela no boleto? Ou carnê? Não tenho cartão de crédito
21 16:45 S Não trabalhamos com boleto. Só pix à vista ou cartão
21 16:50 L Nem parcelar no pix? Tipo 3x?
21 18:30 S Não
21 18:35 L Entendi. Não tenho como pagar tudo à vista agora. Obrigada
"""),

dict(id=33, seller="Carla", status="LOST", value=1490, camp=None, src=None,
     name="Sophie Müller", ddd=21, now=None,
     labels=dict(concern="SCHEDULE", hes=True, loss="SCHEDULE", qual=True, trig=[], emp=False, lang="en"),
     msgs="""
20 18:30 L Hello! Do you speak English? I found your clinic on Google Maps. I'd like lip filler before I leave Rio
20 18:52 S Hello Sophie! Yes, a little 😊 Lip filler 1ml is R$ 1,490
20 18:55 L Great price! I leave on Tuesday morning. Do you have anything Saturday or Monday?
20 19:14 S Sorry, Saturday is full. Monday we have 11am. But the doctor need to see you again after 15 days for review
20 19:17 L Oh, is it a problem to fly right after?
20 19:35 S Can have swelling, and the doctor prefer see you in the review. She don't do filler less than 7 days before a travel, sorry
20 19:38 L I see. That's a shame. I'll do it back home then. Thanks anyway!
20 19:50 S Ok, thank you! Come back to Rio 😊
"""),

dict(id=34, seller="Bruno", status="LOST", value=1150, camp=None, src=None,
     name="Eduarda Pacheco", ddd=11, now=None,
     labels=dict(concern="COMPETITOR", hes=True, loss="COMPETITOR", qual=True,
                 trig=["ANCHORING", "AUTHORITY", "URGENCY"], emp=False),
     msgs="""
25 10:10 L Oi, vcs fazem botox? Quanto tá?
25 10:11 S Oiii! Bruno aqui 😁 Fazemos sim! 3 regiões de R$ 1.690 por R$ 1.290
25 10:14 L A clínica aqui do lado de casa faz por 1.100 e a avaliação é grátis
25 10:15 S Mas lá é com médico? Aqui é dermatologista membro da SBD
25 10:18 L É com médica também, já fiz lá uma vez e gostei
25 10:19 S Faço 1.150 pra vc fechar hoje!
25 10:25 L Ainda fica mais caro e mais longe pra mim. Vou continuar lá. Obg!
25 10:26 S Se mudar de ideia tô aqui 😉
"""),
]
