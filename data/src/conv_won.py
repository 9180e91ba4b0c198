"""WON conversations (conv-001 .. conv-016), hand-written.

Message lines: "DD HH:MM W[:type] text" — DD is the day of August 2026, W is
L (lead), S (seller) or B (bot); type is text (default), audio, image or document.
Label keys are short here and expanded by build_dataset.py.
"""

CONVS = [
dict(id=1, seller="Ana", status="WON", value=1290, camp="Agosto_Botox", src="instagram",
     name="Mariana Lopes", ddd=11, now=None,
     labels=dict(concern="FEAR_PAIN", hes=True, qual=True, pc=True, pv=1290,
                 life="NEW_PARENT", drv="SAFETY", trig=["SOCIAL_PROOF"], emp=True),
     msgs="""
03 10:12 L Oi! Vi o anúncio do botox no insta, ainda tá naquele valor?
03 10:14 S Oi Mariana, bom dia! ☺️ Tudo bem? Sou a Ana, da Belle Vie. Tá sim! O botox 3 regiões (testa, entre as sobrancelhas e pé de galinha) tá R$ 1.290 esse mês, com retorno de 15 dias incluso
03 10:15 S Vc já fez botox alguma vez?
03 10:21 L Nunca fiz 🙈 to com 34 e as linhas da testa tão me incomodando mt
03 10:22 L Mas vou ser sincera, tenho pavor de agulha kkk
03 10:24 S Entendo perfeitamente, muita gente chega aqui com esse mesmo medo, fica tranquila 💛 A agulha do botox é bem fininha, tipo de insulina, e a Dra. passa anestésico em creme antes. A maioria das pacientes fala que é só uma picadinha, leva uns 15 min
03 10:25 L Sério? Pq minha irmã falou que arde
03 10:27 S Pode dar uma ardidinha bem rápida na hora, mas passa em segundos. E se vc ficar nervosa a gente vai no seu tempo, pode pausar quantas vezes quiser
03 10:31 L Ah, outra coisa. Sou mãe de primeira viagem, minha bebê tem 7 meses. Parei de amamentar mês passado, tem problema?
03 10:33 S Que fofura, parabéns! 🥰 Como vc já parou de amamentar não tem contraindicação, mas a Dra. Renata confirma tudo na avaliação antes de aplicar, ela é bem criteriosa
03 10:34 S A gente usa só toxina com registro na Anvisa, e o frasco é aberto na sua frente
03 10:40 L Isso me deixa mais tranquila, li umas coisas de produto falsificado e fiquei com medo
03 10:41 S Aqui pode ficar sossegada. Já são mais de 2 mil pacientes atendidas só na unidade Moema 😊
03 10:44 L Tem horário sábado de manhã? É quando meu marido fica com ela
03 10:45 S Tenho sábado dia 8 às 9h30 ou 11h. Qual fica melhor?
03 10:47 L 9h30!
03 10:48 S Perfeito! Pra garantir o horário a gente pede o pagamento antecipado, pode ser pix ou cartão em até 6x. Chave pix CNPJ: 12.345.678/0001-90 (Belle Vie Estética)
03 11:02 L:image [comprovante pix R$ 1.290,00] Pronto, fiz o pix ✅
03 11:03 S Recebido, Mariana! Tá confirmadíssimo sábado 08/08 às 9h30 com a Dra. Renata. Te mando um lembrete na sexta 💛
03 11:04 L Obg Ana, vc foi um amor!!
"""),

dict(id=2, seller="Bruno", status="WON", value=4800, camp="Harmonizacao_Full_Face", src="facebook",
     name="Marcelo Tavares", ddd=11, now=None,
     labels=dict(concern="PAYMENT_METHOD", hes=True, qual=True, pc=True, pv=4800,
                 life="EXECUTIVE", drv="CONVENIENCE", trig=["ANCHORING", "SCARCITY", "URGENCY"], emp=False),
     msgs="""
04 08:47 L Bom dia. Quero entender como funciona essa harmonização full face do anúncio
04 08:49 S Bom dia!! Aqui é o Bruno da Belle Vie 👊 Vc chegou na hora certa, essa condição do full face tá acabando
04 08:49 S Qual seu nome?
04 08:52 L Marcelo
04 08:53 S Marcelo, o full face é um protocolo completo: mandíbula, mento, malar, olheira e bigode chinês, tudo com ácido hialurônico. De R$ 6.200 sai por R$ 4.800 só nesse mês
04 08:55 L Faz em homem tb? Não quero ficar com cara de boneco
04 08:56 S Faz sim, e muito! O Dr. Paulo é especialista em harmonização masculina, foca em mandíbula marcada e queixo. Fica natural, ngm percebe que vc fez, só acha que vc tá descansado
04 08:58 L Quantas sessões?
04 08:58 S Uma sessão só, umas 2h. Retorno de 30 dias incluso
04 09:01 L Ok. Vou ser direto, sou empresário, não tenho tempo pra ficar indo e voltando em clínica
04 09:02 S Perfeito pra vc então! Resolve tudo numa manhã
04 09:02 S E o Dr. Paulo atende sábado
04 09:15 L Sábado me interessa
04 09:16 S Só tenho 2 vagas de sábado em agosto, dia 15 e dia 29. Quer que eu segure uma?
04 09:20 L Calma. E o pagamento? Consigo parcelar?
04 09:21 S Em até 10x sem juros no cartão
04 09:24 L Meu cartão pessoal tá com limite baixo esse mês. Dá pra passar no cartão da empresa?
04 09:26 S Deixa eu confirmar com o financeiro e já te falo
04 09:58 S Marcelo, pode sim, a gente emite a nota no CNPJ
04 10:30 L Mas aí teria que ser tudo no da empresa? Queria dividir, uma parte no pix e o resto no cartão
04 10:32 S Consegue sim! Entrada no pix e o restante em até 10x
04 10:33 S Mas já te adianto que essa condição de 4.800 vale só até sexta
04 11:47 L:audio [áudio 0:38]
04 11:49 S Em 12x tem juros da maquininha, fica 12x de R$ 438
04 11:50 S Se fizer uma entrada de 1.000 no pix, o resto (3.800) fica 10x de 380 sem juros
04 12:20 L Hmm. Deixa eu ver com meu contador
04 12:21 S Tranquilo, mas não demora que o dia 15 tá disputado hein 😅
04 16:40 S E aí Marcelo, conseguiu falar com o contador?
04 18:12 L Ainda não. Amanhã te falo
04 18:13 S Fechado. Vou segurar o dia 15 até amanhã meio-dia, depois libero
05 09:05 S Bom dia Marcelo! Conseguiu ver?
05 10:38 L Bom dia. Contador falou que é melhor fazer no pessoal mesmo
05 10:39 S Show! Então fica: entrada de 1.000 no pix + 3.800 em 10x no seu cartão?
05 10:41 L O limite não dá os 3.800. Posso passar em dois cartões?
05 10:42 S Pode sim, divide como quiser
05 10:44 L Beleza. E se eu precisar remarcar? Minha agenda muda muito
05 10:45 S Remarcação com 48h de antecedência sem custo
05 10:50 L Ok. Tem algum cuidado depois? Tenho reunião com investidor na segunda
05 10:51 S Pode inchar um pouquinho 2-3 dias, mas dá pra trabalhar normal. Só evita academia por 48h
05 10:58 L Certo
05 11:00 S Posso te mandar o pix da entrada então? Pra garantir o dia 15 às 9h
05 11:15 L Manda
05 11:15 S Chave CNPJ: 12.345.678/0001-90 (Belle Vie Estética Ltda). Valor: R$ 1.000
05 11:26 L:image [comprovante pix R$ 1.000,00] Feito
05 11:27 S Recebido! 🙌 Sábado 15/08 às 9h com o Dr. Paulo, unidade Paulista. O restante (3.800) vc passa no dia, nos dois cartões
05 11:28 S Parabéns pela decisão, vai ficar top
05 11:30 L Ok. Obrigado
05 11:31 S Tmj Marcelo! 🤜🤛
15 12:10 S Marcelo, tudo certo? Restante de R$ 3.800 aprovado nos 2 cartões em 10x, tá tudo quitado. Qualquer coisa me chama!
15 12:31 L Tudo certo. Dr. Paulo é bom mesmo, gostei
"""),

dict(id=3, seller="Carla", status="WON", value=1180, camp="Laser_Depilacao_Promo", src="instagram",
     name="Júlia Ramos", ddd=41, now=None,
     labels=dict(concern="NONE", hes=False, qual=True, pc=True, pv=1180,
                 life="STUDENT", drv="PRICE", trig=[], emp=False),
     msgs="""
06 19:40 L Oii, queria fazer a promo do laser axila + virilha
06 19:58 S Oi Júlia, boa noite! Aqui é a Carla 😊 O pacote de 10 sessões axila + virilha completa tá R$ 1.180, dá pra parcelar em até 6x
06 20:03 L Perfeito, é bem o que eu tava procurando. Sou estudante de medicina e o estágio me mata, não aguento mais lâmina kkk
06 20:05 L E foi o preço mais em conta que achei aqui em Curitiba, dei uma pesquisada
06 20:19 S Kkk imagino! Então vamos agendar? Temos horários na unidade Batel
06 20:20 L Bora! Pode ser de manhã cedo? Tipo 7h30, antes da aula
06 20:31 S Abrimos às 8h 😕 Consegue 8h?
06 20:32 L Consigo sim
06 20:40 S Terça 11/08 às 8h, pode ser? Precisa vir com a área raspada de 24 a 48h antes e sem bronzeado
06 20:41 L Fechado!
06 20:43 L Prefiro pagar no cartão, tem link?
06 20:55 S Tem sim! pay.bellevie.com.br/j8K2 (6x de R$ 196,67)
06 21:08 L Pronto, paguei no link em 6x 👍
06 21:25 S Confirmado aqui! Te espero terça 😘
"""),

dict(id=4, seller="Ana", status="WON", value=1490, camp="Preenchimento_Labial_Ago", src="instagram",
     name="Bianca Nogueira", ddd=21, now=None,
     labels=dict(concern="RESULTS_DOUBT", hes=True, qual=True, pc=True, pv=1490,
                 life="YOUNG_PROFESSIONAL", drv="RESULTS", trig=["SOCIAL_PROOF", "AUTHORITY"], emp=True),
     msgs="""
10 13:05 L Oi boa tarde! Vi o anúncio do preenchimento labial. Queria saber valor
10 13:07 S Boa tarde, Bianca! Sou a Ana 😊 O preenchimento labial com 1ml de ácido hialurônico tá R$ 1.490 em agosto, já com retorno pra avaliar
10 13:09 L Hmm ok. Minha maior dúvida é ficar exagerado sabe, vejo umas bocas por aí que Deus me livre 😅
10 13:10 L Vou casar em outubro e não quero olhar as fotos e me arrepender
10 13:13 S Aaah parabéns pelo casamento!! 💍 E sua preocupação faz todo sentido. Aqui a proposta é bem natural, a Dra. Camila trabalha o volume aos pouquinhos, realça o contorno e hidrata, sem aquele efeito "bico de pato"
10 13:13 S Posso te mandar uns antes e depois de pacientes dela?
10 13:14 L Pode!
10 13:16 S:image [3 fotos de antes e depois de preenchimento labial] Essas são todas com 1ml
10 13:16 S Com autorização das pacientes, claro 😉
10 13:22 L Gente que lindo, a do meio é exatamente o que eu quero
10 13:23 L E se eu não gostar?
10 13:25 S O ácido hialurônico é reversível, tem uma enzima que dissolve se precisar. Mas é bem raro, a Dra. Camila tem 12 anos de experiência em harmonização
10 13:27 L Quanto tempo antes do casamento é bom fazer?
10 13:29 S O ideal é uns 30 a 45 dias antes, pra desinchar total e dar tempo do retorno. Se o casamento for no começo de outubro, fazer agora em agosto é perfeito
10 13:35 L É dia 10/10. Então bora!
10 13:36 S Eba! Tenho quinta 20/08 às 14h ou sexta 21 às 10h, unidade Barra
10 13:40 L Quinta 14h. Saio mais cedo do escritório nesse dia. Posso pagar no dia?
10 13:41 S Pode sim! Só me confirma seu nome completo e data de nascimento pro cadastro
10 13:44 L Bianca Nogueira Pires, 14/03/1997
10 13:45 S Agendado ✅ Quinta 20/08 às 14h, Dra. Camila, unidade Barra. Qualquer coisa me chama!
20 16:02 L Ana, acabei de sair, paguei lá no cartão. AMEI o resultado 😍😍
20 16:05 S Que alegria, Bianca!! Vai ser a noiva mais linda 💛
"""),

dict(id=5, seller="Diego", status="WON", value=2600, camp="Bioestimulador_Colageno", src="facebook",
     name="Marlene Souza", ddd=31, now=None,
     labels=dict(concern="RESULTS_DOUBT", hes=True, qual=True, pc=True, pv=2600,
                 life="RETIRED", drv="TRUST", trig=[], emp=False),
     msgs="""
07 09:12 L Bom dia. Gostaria de informações sobre o bioestimulador de colágeno
07 09:12 B Olá! 👋 Bem-vindo(a) à Clínica Belle Vie. Já recebemos sua mensagem e em breve um consultor vai te atender.
07 11:05 S Bom dia, Dona Marlene. Diego aqui. O bioestimulador é R$ 1.300 a sessão, o protocolo indicado são 2 sessões (R$ 2.600)
07 11:18 L:audio [áudio 1:12]
07 11:20 L Desculpa o áudio, meu neto que me ensinou kkk. Tenho 63 anos, sou aposentada. Será que na minha idade ainda adianta? Minha pele tá bem flácida
07 12:48 S Adianta sim. O bioestimulador faz o próprio corpo produzir colágeno. Em pele madura o resultado é mais gradual, aparece em 60 a 90 dias
07 12:55 L Entendi. Quem me indicou foi minha vizinha, a Sônia, ela fez aí com vcs e ficou ótima
07 12:56 L Por isso vim
07 14:30 S Que bom. A Sônia é paciente da Dra. Helena
07 14:41 L Isso! Quero com ela também. Confio muito no que a Sônia falou
07 14:42 L Tem horário de manhã? Pego ônibus e depois das 16h fica muito cheio
07 16:10 S Tenho dia 12 às 10h na Savassi
07 16:25 L Pode ser. Como pago? Não gosto muito de cartão
07 17:50 S Pix ou dinheiro na recepção
07 18:02 L Vou pagar no dia em dinheiro então. Até dia 12
12 11:30 L Diego, fiz a primeira sessão hoje e já paguei as duas lá na recepção. Muito obrigada, a Dra. é um amor
12 13:15 S Obrigado Dona Marlene. Volta dia 12/09 pra segunda sessão
"""),

dict(id=6, seller="Bruno", status="WON", value=1350, camp="Lipo_Papada_Enzimas", src="instagram",
     name="Priscila Moura", ddd=11, now=None,
     labels=dict(concern="RECOVERY_TIME", hes=True, qual=True, pc=True, pv=1350,
                 life="YOUNG_PROFESSIONAL", drv="CONVENIENCE", trig=["ANCHORING", "SCARCITY", "URGENCY"], emp=False),
     msgs="""
11 12:32 L Oi, boa tarde. Essa lipo de papada com enzima precisa ficar de repouso?
11 12:34 S Boa tarde Priscila!! Bruno aqui 😎 Não precisa não! É só aplicação, sem corte, vc sai e volta pra rotina
11 12:35 L Pq eu trabalho em banco, atendo cliente o dia inteiro, não posso aparecer inchada tipo um sapo kkk
11 12:37 S Kkkk relaxa. Pode dar um inchaço leve no dia, a maioria faz na sexta à tarde e segunda já tá normal
11 12:40 L Ahh faz sentido. Quantas sessões?
11 12:41 S O protocolo são 3 sessões com 15 dias de intervalo. De R$ 1.800 sai por R$ 1.350 na promo
11 12:41 S Mas só tenho mais 3 vagas de sexta à tarde esse mês, tá saindo rápido 🔥
11 12:50 L Tenho 34 anos e essa papada me acompanha desde a adolescência, já fiz dieta de tudo
11 12:51 S Enzima é exatamente pra isso, gordura localizada que não sai com dieta
11 12:52 S Quer garantir sexta 14/08 às 17h30? Depois do expediente
11 13:10 L 17h30 é perfeito, saio às 17h e a clínica é pertinho da agência
11 13:11 S Show! Pra reservar é pix de 1.350 ou cartão em 3x. A promo vale só até sábado
11 13:25 L Passei no cartão pelo link, 3x ✔️
11 13:26 S Confirmadíssimo Priscila! Sexta 14/08 17h30, unidade Paulista 🙌
"""),

dict(id=7, seller="Carla", status="WON", value=350, camp=None, src=None,
     name="Fernanda Alves", ddd=31, now=None,
     labels=dict(concern="NONE", hes=False, qual=True, pc=True, pv=350,
                 life="PARENT", drv="CONVENIENCE", trig=[], emp=False),
     msgs="""
13 08:55 L Bom dia! Vcs fazem limpeza de pele? Uma amiga marcou vcs no insta
13 09:09 S Bom dia! Fazemos sim 😊 A limpeza de pele profunda é R$ 350, dura cerca de 1h30
13 09:12 L Ótimo. Tem horário de manhã durante a semana? Deixo meus dois filhos na escola às 7h30 e fico livre até meio dia
13 09:26 S Temos sim! Segunda 17/08 às 8h30 ou quarta 19/08 às 9h, na unidade Savassi
13 09:27 L Segunda 8h30 perfeito, a escola é pertinho
13 09:40 S Agendado! O pagamento é no dia, pix, cartão ou dinheiro
13 09:41 L Combinado, obg!
13 09:55 S Imagina! Até segunda 😊
17 10:12 L Carla, adorei! Paguei no pix aí na recepção, já quero agendar a próxima pro mês que vem
17 10:30 S Que bom que gostou, Fernanda! Te chamo no começo de setembro pra marcar 😊
"""),

dict(id=8, seller="Ana", status="WON", value=1890, camp="GOOGLE", src="google",
     name="Cláudia Bernardes", ddd=11, now=None,
     labels=dict(concern="TRUST", hes=True, qual=True, pc=True, pv=1890,
                 life="UNKNOWN", drv="SAFETY", trig=["AUTHORITY", "RECIPROCITY"], emp=True),
     msgs="""
14 15:20 L Boa tarde, achei vcs no google. Queria saber sobre botox, mas antes preciso perguntar umas coisas
14 15:22 S Boa tarde, Cláudia! Claro, pode perguntar tudo que quiser 😊
14 15:25 L Ano passado fiz numa clínica e fiquei com a sobrancelha caída por 2 meses. Fiquei traumatizada. Quem aplica aí?
14 15:28 S Sinto muito que vc passou por isso, deve ter sido bem frustrante 😔 Aqui quem aplica é a Dra. Renata Figueiredo, dermatologista com 15 anos de experiência e membro da SBD (Sociedade Brasileira de Dermatologia)
14 15:29 S Ela avalia a sua musculatura antes, justamente pra evitar esse tipo de coisa
14 15:33 L E a marca do produto? Naquela clínica nem me mostraram
14 15:35 S Usamos toxina com registro na Anvisa, o frasco é aberto na sua frente e a etiqueta com o lote vai pro seu prontuário
14 15:41 L Ok isso é importante pra mim. Tenho 42 anos, quero algo natural
14 15:43 S Faz todo sentido. Olha, pra vc ficar mais segura, vou te dar uma avaliação gratuita com a Dra. antes de decidir qualquer coisa. Se vcs duas se sentirem confortáveis, ela aplica no mesmo dia
14 15:44 L Gostei disso. Quanto fica?
14 15:46 S O botox full face (testa, glabela, pé de galinha e as ruguinhas do nariz) fica R$ 1.890, em até 6x
14 15:52 L Tá dentro do que eu imaginava. Tem dia 18 à tarde?
14 15:53 S Tenho 18/08 às 16h, unidade Moema
14 15:55 L Marcado
14 15:56 S Perfeito, Cláudia! Te mando um lembrete na véspera 💛
18 17:42 L Ana, fiz! A Dra. Renata é super cuidadosa, explicou tudo. Passei no cartão em 3x
18 17:44 S Que bom, Cláudia!! Fico muito feliz 💛 Dia 01/09 é seu retorno
"""),

dict(id=9, seller="Diego", status="WON", value=3705, camp="Harmonizacao_Full_Face", src="instagram",
     name="Letícia Barros", ddd=21, now=None,
     labels=dict(concern="COMPETITOR", hes=True, qual=True, pc=True, pv=3705,
                 life="EXECUTIVE", drv="STATUS", trig=["SOCIAL_PROOF", "SCARCITY"], emp=False),
     msgs="""
13 10:10 L Oi, quanto tá o full face?
13 10:10 B Olá! 👋 Bem-vindo(a) à Clínica Belle Vie. Já recebemos sua mensagem e em breve um consultor vai te atender.
13 11:32 S Olá Letícia, bom dia. O protocolo full face é R$ 3.900 com a Dra. Camila
13 11:40 L Hmm. Orcei numa clínica em Ipanema e me passaram 3.200 pelo mesmo protocolo
13 11:41 L Vcs cobrem?
13 13:05 S Não trabalhamos com cobertura de preço. Mas o nosso inclui retorno e até 8ml de ácido
13 13:20 L Sei. Vou te falar que o que me chamou atenção é que a Dra Camila fez a harmonização de metade das meninas do meu clube
13 13:22 L Tão todas lindas, super natural
13 14:48 S Sim, ela atende várias pacientes conhecidas. A agenda dela é bem concorrida
13 15:02 L Tenho meu escritório de arquitetura, atendo cliente de alto padrão, aparência conta muito no meu meio
13 15:03 L Prefiro pagar mais e fazer com quem é referência
13 16:30 S Entendido. Tenho dia 21/08 às 15h, unidade Barra
13 16:41 L Fechado. No pix tem desconto?
13 17:59 S 5% no pix, fica R$ 3.705
14 09:15 L Acabei de fazer o pix. Segue
14 09:15 L:image [comprovante pix R$ 3.705,00]
14 10:48 S Recebido. Confirmado dia 21
"""),

dict(id=10, seller="Carla", status="WON", value=990, camp="Agosto_Botox", src="facebook",
     name="Tatiane Souza", ddd=11, now=None,
     labels=dict(concern="SCHEDULE", hes=True, qual=True, pc=True, pv=990,
                 life="PARENT", drv="CONVENIENCE", trig=[], emp=False),
     msgs="""
17 20:15 L Oi boa noite. Vcs atendem sábado? Só consigo sábado 😩
17 20:31 S Oi boa noite! Atendemos sim, sábado das 8h às 13h 😊 Qual procedimento vc tem interesse?
17 20:33 L O botox da promo. Mas só testa e entre as sobrancelhas, o pé de galinha ainda tá ok kkk
17 20:44 S Kkk então fica 2 regiões: R$ 990
17 20:46 L Ótimo. Mas sábado agora tem? Trabalho de segunda a sexta até as 18h e no sábado de manhã eu deixo as crianças com minha mãe
17 21:02 S Esse sábado 22 já tá lotado 😕 Tenho sábado 29/08 às 10h
17 21:04 L Ah, queria antes... Se abrir alguma vaga no dia 22 me avisa?
17 21:15 S Aviso sim! Te coloco na lista de espera e já reservo o dia 29 pra vc não ficar sem, pode ser?
17 21:16 L Pode!
17 21:30 S Combinado então 😉
19 14:20 S Tatiane! Abriu vaga sábado 22 às 11h30, quer?
19 14:52 L QUERO
19 15:05 S Feito! Sábado 22/08 às 11h30. Pagamento pode ser no dia
19 15:06 L Perfeito, obgg
22 12:40 L Paguei lá e já fiz, só senti umas picadinhas. Obrigada pela força Carla!
"""),

dict(id=11, seller="Bruno", status="WON", value=1225.5, camp="Agosto_Botox", src="instagram",
     name="Gabi Martins", ddd=41, now=None,
     labels=dict(concern="PRICE", hes=True, qual=True, pc=True, pv=1225.5,
                 life="YOUNG_PROFESSIONAL", drv="PRICE", trig=["ANCHORING", "URGENCY"], emp=False),
     msgs="""
18 11:02 L oi qnto ta o botox
18 11:03 S Oii! Bruno aqui 😁 O botox 3 regiões tá de R$ 1.690 por R$ 1.290 só em agosto!
18 11:05 L nossa achei q era mais barato
18 11:05 L tenho 26, é preventivo, n tenho tanta ruga assim
18 11:07 S Entendi! Pra preventivo às vezes dá pra usar menos unidades, a Dra. vê na hora. Mas o valor do protocolo é esse, e olha que 1.290 é o menor preço do ano aqui
18 11:07 S No pix ainda tem 5% off, fica R$ 1.225,50
18 11:15 L hmm ainda é salgado p mim, acabei de começar no meu primeiro emprego clt kkk
18 11:16 S Parabéns pelo emprego!! 🎉 Dá pra parcelar em 6x de R$ 215 no cartão tb
18 11:16 S Mas o desconto de agosto acaba dia 31, em setembro volta pro valor cheio
18 11:30 L vou fazer as contas aqui
18 11:31 S Faz sim! Qualquer dúvida tô aqui 😉
18 14:45 L ok, pensei melhor. Vou no pix msm pq com o desconto compensa
18 14:46 S Boa decisão!! Chave CNPJ 12.345.678/0001-90, R$ 1.225,50
18 14:58 L:image [comprovante pix R$ 1.225,50] pronto
18 14:59 S Recebido ✅ Qual dia fica melhor? Tenho 25/08 às 18h ou 27/08 às 12h30 (Batel)
18 15:01 L 25 às 18h
18 15:02 S Agendado! 🙌
"""),

dict(id=12, seller="Ana", status="WON", value=2200, camp="Bioestimulador_Colageno", src="facebook",
     name="Silvia Kowalski", ddd=41, now=None,
     labels=dict(concern="OTHER", hes=True, qual=True, pc=True, pv=2200,
                 life="PARENT", drv="SAFETY", trig=["AUTHORITY"], emp=True),
     msgs="""
19 09:30 L Bom dia! Tenho interesse no bioestimulador. Tenho hipotireoidismo e tomo levotiroxina, posso fazer?
19 09:33 S Bom dia, Silvia! Obrigada por avisar, é super importante 😊 Hipotireoidismo controlado normalmente não impede, mas quem libera é a médica na avaliação, ela vai olhar seus exames
19 09:35 L Ah, então tem avaliação antes? Que bom
19 09:37 S Sempre! A Dra. Marina faz uma anamnese completa. Se puder, traz seus últimos exames de tireoide
19 09:45 L Ótimo. Tenho 48 anos, 3 filhos já criados, agora é minha vez né kkk
19 09:46 S Com certeza, já passou da hora de cuidar de vc! 💛
19 09:48 L Kkkk. Quanto é?
19 09:50 S O bioestimulador com Radiesse fica R$ 2.200 a seringa. Normalmente indicamos 1 ou 2 sessões, a Dra. define na avaliação
19 09:58 L E é seguro mesmo? Ouvi falar de caroço
19 10:00 S Entendo a preocupação. Nódulo é raro e geralmente tá ligado a aplicação ou diluição errada. Aqui é tudo feito por médica, com produto registrado na Anvisa e aplicação com cânula
19 10:05 L Isso me tranquiliza. Pode marcar
19 10:06 S Tenho 24/08 às 14h no Batel. Pode ser?
19 10:08 L Pode
19 10:09 S Agendado, Silvia! Segunda 24/08 às 14h com a Dra. Marina 💛
24 15:50 L Ana, fiz a avaliação e a aplicação, a Dra me liberou. Paguei os 2.200 no débito. Obg pelo atendimento
24 15:52 S Que ótimo, Silvia! Qualquer dúvida no pós, me chama 💛
"""),

dict(id=13, seller="Carla", status="WON", value=1350, camp="Lipo_Papada_Enzimas", src="facebook",
     name="Luana Prado", ddd=21, now=None,
     labels=dict(concern="RESULTS_DOUBT", hes=True, qual=True, pc=True, pv=1350,
                 life="YOUNG_PROFESSIONAL", drv="RESULTS", trig=["SOCIAL_PROOF"], emp=False),
     msgs="""
20 18:02 L Oi! Essa enzima funciona msm? Li uns comentários dizendo que é dinheiro jogado fora
20 18:17 S Oi Luana! Funciona sim, mas depende do caso. Funciona melhor em quem tem gordura localizada na papada, não em flacidez
20 18:20 L Acho que é gordura, mas sei lá
20 18:21 L:image [selfie de perfil mostrando a papada]
20 18:35 S Pela foto parece gordura localizada mesmo, a Dra. confirma na avaliação. Olha alguns resultados reais de pacientes com 3 sessões:
20 18:36 S:image [antes e depois de lipo de papada enzimática - 3 pacientes]
20 18:41 L Nossa, a segunda ficou mto diferente
20 18:42 L Ela fez quantas?
20 18:55 S 3 sessões, o mesmo protocolo da promoção: R$ 1.350
20 19:01 L Vou confiar nessas fotos kkk. Me formei em odonto ano passado e tô atendendo em consultório, então só consigo depois das 18h
20 19:14 S Temos terças e quintas até 20h na Barra. Quinta 27 às 18h30?
20 19:16 L Fechado!! Pode mandar o pix
20 19:30 S 12.345.678/0001-90 ☺️
20 19:48 L Transferido! R$ 1.350
20 20:02 S Recebido, obrigada! Te espero quinta
"""),

dict(id=14, seller="Ana", status="WON", value=1290, camp=None, src=None,
     name="Emily Carter", ddd=11, now=None,
     labels=dict(concern="TRUST", hes=True, qual=True, pc=True, pv=1290,
                 life="UNKNOWN", drv="SAFETY", trig=["AUTHORITY"], emp=True, lang="en"),
     msgs="""
21 11:10 L Hi! Do you speak English? I'm visiting São Paulo and I'd like to get Botox while I'm here
21 11:13 S Hi Emily! Yes, of course 😊 I'm Ana. Happy to help!
21 11:15 L Great. Honestly I'm a bit nervous doing this abroad. Is the doctor licensed? And is it real Botox or some generic stuff?
21 11:19 S Totally understandable! Our doctor, Dr. Renata Figueiredo, is a board-certified dermatologist (member of the Brazilian Society of Dermatology) with 15 years of experience. We only use toxin approved by ANVISA, the Brazilian FDA, and the vial is opened in front of you
21 11:21 L That's reassuring. How much for forehead, frown lines and crow's feet?
21 11:23 S That's our 3-area treatment: R$ 1,290 (around US$ 230). The 15-day follow-up is included, and since you're travelling the doctor can check it by video call
21 11:26 L Wow, that's less than half of what I pay back home in Chicago
21 11:27 L I fly back on the 30th. Any availability this week?
21 11:29 S Yes! Tuesday 25th at 3pm or Wednesday 26th at 10am, at our Moema clinic
21 11:31 L Tuesday 3pm please. Can I pay with a US credit card?
21 11:32 S Sure, we take Visa and Mastercard. You pay on the day
21 11:33 L Perfect, see you Tuesday!
21 11:34 S See you! I'll send you the address and a reminder on Monday 😊
25 16:20 L Done! Paid with my card at the front desk, the doctor was lovely. Thanks Ana!
25 16:22 S So glad to hear that, Emily! Safe travels 💛
"""),

dict(id=15, seller="Diego", status="WON", value=2400, camp="Laser_Depilacao_Promo", src="facebook",
     name="Rafael Costa", ddd=11, now=None,
     labels=dict(concern="PAYMENT_METHOD", hes=True, qual=True, pc=True, pv=2400,
                 life="YOUNG_PROFESSIONAL", drv="PRICE", trig=[], emp=False),
     msgs="""
20 07:50 L Fala, bom dia. Vcs fazem laser em homem? Peito, abdômen e costas
20 07:50 B Olá! 👋 Bem-vindo(a) à Clínica Belle Vie. Já recebemos sua mensagem e em breve um consultor vai te atender.
20 09:35 S Bom dia Rafael. Fazemos sim. Peito + abdômen + costas, pacote de 10 sessões: R$ 2.400
20 09:41 L Sou personal, vivo de regata e cansei de raspar toda semana kkk
20 09:42 L Dá pra parcelar no boleto? Meu cartão tá estourado esse mês
20 11:20 S Boleto não. Só pix ou cartão em até 10x
20 11:26 L Poxa. E dividir no pix? Tipo pago metade agora e metade mês que vem
20 12:50 S Vou ver com a gerente
20 15:10 S Liberaram: 50% no pix agora e 50% no pix antes da 3ª sessão
20 15:14 L Aí sim. Pelo que vi em outros lugares, 2.400 em 10 sessões tá ótimo
20 15:15 L Manda a chave
20 16:40 S 12.345.678/0001-90. R$ 1.200
20 16:52 L:image [comprovante pix R$ 1.200,00] Tá aí, primeira metade
20 18:05 S Ok. Primeira sessão quando?
20 18:07 L Segunda 7h? Kkk
20 19:30 S Abrimos 8h. Segunda 24 às 8h
20 19:31 L Fechou
"""),

dict(id=16, seller="Bruno", status="WON", value=1390, camp="Preenchimento_Labial_Ago", src="instagram",
     name="Isabela Freitas", ddd=31, now=None,
     labels=dict(concern="TRUST", hes=True, qual=True, pc=True, pv=1390,
                 life="STUDENT", drv="TRUST", trig=["SOCIAL_PROOF", "SCARCITY"], emp=False),
     msgs="""
24 16:05 L Oi. Antes de qualquer coisa: vcs são clínica de verdade? Tô vendo muito golpe de perfil falso no insta
24 16:06 S Oi Isabela! Somos sim kkk Clínica Belle Vie, unidade Savassi, Rua Pernambuco 1000. Pode passar aqui pra conhecer 😉
24 16:06 S Temos mais de 2 mil pacientes e nota 4,9 no Google
24 16:10 L Hmm ok. É que um perfil pediu pix adiantado pra uma colega minha e sumiu
24 16:11 S Que horror! Aqui vc pode pagar no dia, na recepção, sem problema nenhum
24 16:15 L Ah aí sim. Quanto o preenchimento labial?
24 16:16 S 1ml tá R$ 1.390 na promo de agosto. E tô com as últimas 2 vagas da Dra. Helena pra essa semana 🔥
24 16:20 L Minha amiga Duda fez aí, acho que com ela msm. Ficou mto linda
24 16:20 L Foi por isso que vim na vdd
24 16:21 S Que bom! Indicação de amiga é tudo 😍
24 16:25 L Kkkk. Tenho 22, faço faculdade de direito de manhã, tem horário à tarde?
24 16:26 S Quinta 27 às 15h, última vaga da semana!
24 16:30 L Fechado. Pago lá no dia então
24 16:31 S Agendado 🙌
27 16:40 L Fiz e paguei no pix aí na recepção. Amei, Bruno!
"""),
]
