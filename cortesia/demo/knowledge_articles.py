"""The demo's knowledge base: help-centre articles for the Bottega Cortesia shop.

Twenty articles (eighteen public, two for staff only), each in six languages with the same facts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoArticle:
    key: str  # short ascii id, e.g. "returns-how"
    category: str  # one of the keys of CATEGORIES
    section: str  # one of the keys of SECTIONS
    visibility: str  # "public" or "internal"
    tags: tuple[str, ...]
    texts: dict[str, tuple[str, str]]  # language -> (title, Markdown body)


CATEGORIES: dict[str, dict[str, str]] = {
    "orders": {
        "en": "Orders and delivery",
        "it": "Ordini e spedizioni",
        "fi": "Tilaukset ja toimitukset",
        "bg": "Поръчки и доставка",
        "ro": "Comenzi și livrare",
        "ar": "الطلبات والتوصيل",
    },
    "returns": {
        "en": "Returns and refunds",
        "it": "Resi e rimborsi",
        "fi": "Palautukset ja hyvitykset",
        "bg": "Връщане и възстановяване на суми",
        "ro": "Retururi și rambursări",
        "ar": "الإرجاع واسترداد المبالغ",
    },
    "account": {
        "en": "Account and security",
        "it": "Account e sicurezza",
        "fi": "Asiakastili ja tietoturva",
        "bg": "Профил и сигурност",
        "ro": "Cont și securitate",
        "ar": "الحساب والأمان",
    },
    "payments": {
        "en": "Payments and invoices",
        "it": "Pagamenti e fatture",
        "fi": "Maksut ja laskut",
        "bg": "Плащания и фактури",
        "ro": "Plăți și facturi",
        "ar": "المدفوعات والفواتير",
    },
}

SECTIONS: dict[str, tuple[str, dict[str, str]]] = {
    "shipping": (
        "orders",
        {
            "en": "Shipping and tracking",
            "it": "Spedizione e tracciamento",
            "fi": "Toimitus ja seuranta",
            "bg": "Доставка и проследяване",
            "ro": "Livrare și urmărire",
            "ar": "الشحن والتتبع",
        },
    ),
    "order-changes": (
        "orders",
        {
            "en": "Changing an order",
            "it": "Modificare un ordine",
            "fi": "Tilauksen muuttaminen",
            "bg": "Промяна на поръчка",
            "ro": "Modificarea comenzii",
            "ar": "تعديل الطلب",
        },
    ),
    "product-advice": (
        "orders",
        {
            "en": "Sizes and product advice",
            "it": "Taglie e consigli sui prodotti",
            "fi": "Koot ja tuoteneuvonta",
            "bg": "Размери и съвети за продуктите",
            "ro": "Mărimi și sfaturi despre produse",
            "ar": "المقاسات ونصائح المنتجات",
        },
    ),
    "returning": (
        "returns",
        {
            "en": "Returns and exchanges",
            "it": "Resi e cambi",
            "fi": "Palautukset ja vaihdot",
            "bg": "Връщане и замяна",
            "ro": "Retururi și schimburi",
            "ar": "الإرجاع والاستبدال",
        },
    ),
    "refunds": (
        "returns",
        {
            "en": "Refunds",
            "it": "Rimborsi",
            "fi": "Hyvitykset",
            "bg": "Възстановяване на суми",
            "ro": "Rambursări",
            "ar": "استرداد المبالغ",
        },
    ),
    "faults": (
        "returns",
        {
            "en": "Damaged items and warranty",
            "it": "Articoli danneggiati e garanzia",
            "fi": "Vialliset tuotteet ja takuu",
            "bg": "Повредени артикули и гаранция",
            "ro": "Produse deteriorate și garanție",
            "ar": "المنتجات التالفة والضمان",
        },
    ),
    "sign-in": (
        "account",
        {
            "en": "Signing in",
            "it": "Accesso",
            "fi": "Kirjautuminen",
            "bg": "Вход в профила",
            "ro": "Autentificare",
            "ar": "تسجيل الدخول",
        },
    ),
    "account-data": (
        "account",
        {
            "en": "Personal data",
            "it": "Dati personali",
            "fi": "Henkilötiedot",
            "bg": "Лични данни",
            "ro": "Date personale",
            "ar": "البيانات الشخصية",
        },
    ),
    "paying": (
        "payments",
        {
            "en": "Payment methods",
            "it": "Metodi di pagamento",
            "fi": "Maksutavat",
            "bg": "Начини на плащане",
            "ro": "Metode de plată",
            "ar": "طرق الدفع",
        },
    ),
    "invoices": (
        "payments",
        {
            "en": "Invoices",
            "it": "Fatture",
            "fi": "Laskut",
            "bg": "Фактури",
            "ro": "Facturi",
            "ar": "الفواتير",
        },
    ),
    "gift-loyalty": (
        "payments",
        {
            "en": "Gift cards and loyalty points",
            "it": "Carte regalo e punti fedeltà",
            "fi": "Lahjakortit ja kanta-asiakaspisteet",
            "bg": "Карти за подарък и точки за лоялност",
            "ro": "Carduri cadou și puncte de fidelitate",
            "ar": "بطاقات الهدايا ونقاط الولاء",
        },
    ),
}

ARTICLES: tuple[DemoArticle, ...] = (
    DemoArticle(
        key="delivery-times",
        category="orders",
        section="shipping",
        visibility="public",
        tags=("delivery", "delivery time", "shipping costs", "customs"),
        texts={
            "en": (
                "When will my order arrive?",
                (
                    "Delivery time depends on the country we ship to and on when you place "
                    "your order. Orders placed by 14:00 Italian time on a business day "
                    "leave our warehouse the same day; later orders ship on the next "
                    "business day. You can see the estimated delivery date at checkout and "
                    "in your order confirmation.\n\n"
                    "## Delivery times by country\n"
                    "- **Italy:** 1–3 business days\n"
                    "- **Finland, Bulgaria and Romania:** 3–5 business days\n"
                    "- **USA:** 4–7 business days\n"
                    "- **Saudi Arabia:** 5–8 business days\n\n"
                    "Winter tyres ship separately from our tyre warehouse and may arrive "
                    "1–2 business days after the rest of your order.\n\n"
                    "## Shipping costs\n"
                    "- Italy, Finland, Bulgaria and Romania: €4.90, free on orders over €49\n"
                    "- Saudi Arabia and the USA: €14.90, free on orders over €150\n\n"
                    "## Customs and import taxes\n"
                    "For Saudi Arabia and the USA, import duties and taxes are calculated "
                    "at checkout and included in your total, so there is nothing more to "
                    "pay when the parcel arrives. Customs clearance may add 1–2 business "
                    "days, especially around public holidays."
                ),
            ),
            "it": (
                "Quando arriverà il mio ordine?",
                (
                    "I tempi di consegna dipendono dal Paese di destinazione e dal momento "
                    "in cui viene effettuato l'ordine. Gli ordini ricevuti entro le 14:00 "
                    "(ora italiana) di un giorno lavorativo partono dal nostro magazzino il "
                    "giorno stesso; quelli successivi vengono spediti il giorno lavorativo "
                    "seguente. La data di consegna prevista è indicata al momento del "
                    "pagamento e nella conferma d'ordine.\n\n"
                    "## Tempi di consegna per Paese\n"
                    "- **Italia:** 1–3 giorni lavorativi\n"
                    "- **Finlandia, Bulgaria e Romania:** 3–5 giorni lavorativi\n"
                    "- **Stati Uniti:** 4–7 giorni lavorativi\n"
                    "- **Arabia Saudita:** 5–8 giorni lavorativi\n\n"
                    "Gli pneumatici invernali partono separatamente dal nostro magazzino "
                    "pneumatici e possono arrivare 1–2 giorni lavorativi dopo il resto "
                    "dell'ordine.\n\n"
                    "## Costi di spedizione\n"
                    "- Italia, Finlandia, Bulgaria e Romania: 4,90 €; spedizione gratuita "
                    "per ordini superiori a 49 €\n"
                    "- Arabia Saudita e Stati Uniti: 14,90 €; spedizione gratuita per "
                    "ordini superiori a 150 €\n\n"
                    "## Dogana e imposte di importazione\n"
                    "Per l'Arabia Saudita e gli Stati Uniti, dazi e imposte di importazione "
                    "vengono calcolati al momento del pagamento e sono già compresi nel "
                    "totale: alla consegna non c'è nulla da pagare. Lo sdoganamento può "
                    "richiedere 1–2 giorni lavorativi in più, soprattutto nei periodi "
                    "festivi."
                ),
            ),
            "fi": (
                "Milloin tilaukseni saapuu?",
                (
                    "Toimitusaika riippuu siitä, mihin maahan tilaus toimitetaan ja milloin "
                    "se on tehty. Arkipäivänä klo 14.00 (Italian aikaa) mennessä tehdyt "
                    "tilaukset lähtevät varastostamme samana päivänä, ja myöhemmin tehdyt "
                    "tilaukset lähetetään seuraavana arkipäivänä. Arvioitu toimituspäivä "
                    "näkyy kassalla ja tilausvahvistuksessa.\n\n"
                    "## Toimitusajat maittain\n"
                    "- **Italia:** 1–3 arkipäivää\n"
                    "- **Suomi, Bulgaria ja Romania:** 3–5 arkipäivää\n"
                    "- **Yhdysvallat:** 4–7 arkipäivää\n"
                    "- **Saudi-Arabia:** 5–8 arkipäivää\n\n"
                    "Talvirenkaat lähetetään erikseen omasta rengasvarastostamme, joten ne "
                    "voivat saapua 1–2 arkipäivää muuta tilausta myöhemmin.\n\n"
                    "## Toimituskulut\n"
                    "- Italia, Suomi, Bulgaria ja Romania: 4,90 €, yli 49 euron tilaukset "
                    "toimitetaan maksutta\n"
                    "- Saudi-Arabia ja Yhdysvallat: 14,90 €, yli 150 euron tilaukset "
                    "toimitetaan maksutta\n\n"
                    "## Tullit ja tuontiverot\n"
                    "Saudi-Arabiaan ja Yhdysvaltoihin lähetettävien tilausten tullit ja "
                    "tuontiverot lasketaan jo kassalla ja sisällytetään tilauksen "
                    "loppusummaan, joten paketin saapuessa sinun ei tarvitse maksaa mitään "
                    "ylimääräistä. Tullaus voi pidentää toimitusaikaa 1–2 arkipäivällä "
                    "etenkin juhlapyhien aikaan."
                ),
            ),
            "bg": (
                "Кога ще пристигне поръчката ми?",
                (
                    "Срокът за доставка зависи от държавата, в която изпращаме пратката, и "
                    "от момента, в който е направена поръчката. Поръчките, направени до "
                    "14:00 ч. италианско време в работен ден, напускат склада ни още същия "
                    "ден, а по-късните се изпращат на следващия работен ден. Очакваната "
                    "дата на доставка виждате при завършване на поръчката и в "
                    "потвърждението по имейл.\n\n"
                    "## Срокове за доставка по държави\n"
                    "- **Италия:** 1–3 работни дни\n"
                    "- **Финландия, България и Румъния:** 3–5 работни дни\n"
                    "- **САЩ:** 4–7 работни дни\n"
                    "- **Саудитска Арабия:** 5–8 работни дни\n\n"
                    "Зимните гуми се изпращат отделно от нашия склад за гуми и може да "
                    "пристигнат 1–2 работни дни след останалата част от поръчката.\n\n"
                    "## Цена на доставката\n"
                    "- Италия, Финландия, България и Румъния: 4,90 €, безплатна при поръчки "
                    "над 49 €\n"
                    "- Саудитска Арабия и САЩ: 14,90 €, безплатна при поръчки над 150 €\n\n"
                    "## Мита и вносни такси\n"
                    "При доставка до Саудитска Арабия и САЩ митата и вносните данъци се "
                    "изчисляват при поръчката и са включени в общата сума, така че при "
                    "получаване на пратката не доплащате нищо. Митническото оформяне може "
                    "да отнеме още 1–2 работни дни, особено около официални празници."
                ),
            ),
            "ro": (
                "Când va sosi comanda mea?",
                (
                    "Termenul de livrare depinde de țara în care livrăm și de momentul în "
                    "care plasați comanda. Comenzile plasate până la ora 14:00 (ora "
                    "Italiei) într-o zi lucrătoare pleacă din depozitul nostru în aceeași "
                    "zi, iar cele plasate ulterior sunt expediate în următoarea zi "
                    "lucrătoare. Data estimată de livrare este afișată la finalizarea "
                    "comenzii și în confirmarea comenzii.\n\n"
                    "## Termene de livrare pe țări\n"
                    "- **Italia:** 1–3 zile lucrătoare\n"
                    "- **Finlanda, Bulgaria și România:** 3–5 zile lucrătoare\n"
                    "- **SUA:** 4–7 zile lucrătoare\n"
                    "- **Arabia Saudită:** 5–8 zile lucrătoare\n\n"
                    "Anvelopele de iarnă sunt expediate separat, din depozitul nostru de "
                    "anvelope, și pot sosi cu 1–2 zile lucrătoare după restul comenzii.\n\n"
                    "## Costuri de livrare\n"
                    "- Italia, Finlanda, Bulgaria și România: 4,90 €; livrarea este "
                    "gratuită pentru comenzile de peste 49 €\n"
                    "- Arabia Saudită și SUA: 14,90 €; livrarea este gratuită pentru "
                    "comenzile de peste 150 €\n\n"
                    "## Taxe vamale și de import\n"
                    "Pentru Arabia Saudită și SUA, taxele vamale și de import sunt "
                    "calculate la finalizarea comenzii și incluse în totalul de plată, așa "
                    "că nu aveți nimic de achitat la primirea coletului. Vămuirea poate "
                    "adăuga 1–2 zile lucrătoare, mai ales în perioada sărbătorilor legale."
                ),
            ),
            "ar": (
                "متى يصل طلبي؟",
                (
                    "تعتمد مدة التوصيل على بلد الشحن وعلى وقت تقديم الطلب. تُشحن الطلبات "
                    "المقدَّمة قبل الساعة 14:00 بتوقيت إيطاليا في أيام العمل من مستودعنا في "
                    "اليوم نفسه، أما الطلبات المقدَّمة بعد ذلك فتُشحن في يوم العمل التالي. "
                    "ويظهر تاريخ التوصيل المتوقع عند إتمام الطلب وفي رسالة تأكيد الطلب.\n\n"
                    "## مدة التوصيل حسب البلد\n"
                    "- **إيطاليا:** من 1 إلى 3 أيام عمل\n"
                    "- **فنلندا وبلغاريا ورومانيا:** من 3 إلى 5 أيام عمل\n"
                    "- **الولايات المتحدة:** من 4 إلى 7 أيام عمل\n"
                    "- **المملكة العربية السعودية:** من 5 إلى 8 أيام عمل\n\n"
                    "تُشحن الإطارات الشتوية بشكل منفصل من مستودع الإطارات لدينا، وقد تصل "
                    "بعد بقية الطلب بيوم أو يومَي عمل.\n\n"
                    "## تكاليف الشحن\n"
                    "- إيطاليا وفنلندا وبلغاريا ورومانيا: 4.90 يورو، والشحن مجاني للطلبات "
                    "التي تزيد قيمتها على 49 يورو\n"
                    "- المملكة العربية السعودية والولايات المتحدة: 14.90 يورو، والشحن مجاني "
                    "للطلبات التي تزيد قيمتها على 150 يورو\n\n"
                    "## الجمارك وضرائب الاستيراد\n"
                    "بالنسبة إلى الطلبات المرسلة إلى المملكة العربية السعودية والولايات "
                    "المتحدة، تُحتسب الرسوم الجمركية وضرائب الاستيراد عند إتمام الطلب "
                    "وتُضاف إلى المبلغ الإجمالي، فلا يلزم دفع أي مبلغ إضافي عند استلام "
                    "الشحنة. وقد يستغرق التخليص الجمركي يوماً أو يومين إضافيين من أيام "
                    "العمل، ولا سيما في فترات العطلات الرسمية."
                ),
            ),
        },
    ),
    DemoArticle(
        key="order-tracking",
        category="orders",
        section="shipping",
        visibility="public",
        tags=("tracking", "order status", "parcel", "courier"),
        texts={
            "en": (
                "How do I track my order?",
                (
                    "As soon as your parcel leaves our warehouse, we send you an email with "
                    "the tracking number. You can also follow the status of every order in "
                    "your account at any time.\n\n"
                    "## Where to find the tracking number\n"
                    "1. Sign in and go to **My account > Orders**.\n"
                    "2. Open the order and select **Track parcel**.\n"
                    "3. If you ordered as a guest, you will find the tracking number in "
                    "your shipping confirmation email.\n\n"
                    "If your order is sent in several parcels, for example because it "
                    "includes winter tyres, each parcel has its own tracking number.\n\n"
                    "## What the order statuses mean\n"
                    "- **Awaiting payment:** we are waiting for your bank transfer.\n"
                    "- **Confirmed:** we have received your order and payment.\n"
                    "- **Being packed:** your items are being prepared in our warehouse.\n"
                    "- **Shipped:** the parcel is on its way with the courier.\n"
                    "- **Delivered:** the courier has confirmed delivery.\n\n"
                    "## The tracking hasn't changed\n"
                    "The first tracking update can take up to 24 hours after shipping. If "
                    "there has been no movement for 5 business days, or the parcel shows as "
                    "delivered but you haven't received it, please contact us with your "
                    "order number. We will open an investigation with the courier and keep "
                    "you informed."
                ),
            ),
            "it": (
                "Come posso tracciare il mio ordine?",
                (
                    "Non appena il pacco lascia il nostro magazzino, Le inviamo un'e-mail "
                    "con il numero di tracciamento. Lo stato di ogni ordine è inoltre "
                    "sempre consultabile nel Suo account.\n\n"
                    "## Dove trovare il numero di tracciamento\n"
                    "1. Acceda e vada su **Il mio account > Ordini**.\n"
                    "2. Apra l'ordine e selezioni **Traccia la spedizione**.\n"
                    "3. Se ha ordinato senza registrarsi, trova il numero di tracciamento "
                    "nell'e-mail di conferma della spedizione.\n\n"
                    "Se l'ordine viene spedito in più colli, ad esempio perché comprende "
                    "pneumatici invernali, ogni collo ha un proprio numero di tracciamento.\n\n"
                    "## Cosa significano gli stati dell'ordine\n"
                    "- **In attesa di pagamento:** stiamo aspettando il Suo bonifico.\n"
                    "- **Confermato:** abbiamo ricevuto l'ordine e il pagamento.\n"
                    "- **In preparazione:** gli articoli vengono preparati nel nostro "
                    "magazzino.\n"
                    "- **Spedito:** il pacco è in viaggio con il corriere.\n"
                    "- **Consegnato:** il corriere ha confermato la consegna.\n\n"
                    "## Il tracciamento non si aggiorna\n"
                    "Il primo aggiornamento può comparire fino a 24 ore dopo la spedizione. "
                    "Se il pacco è fermo da 5 giorni lavorativi, oppure risulta consegnato "
                    "ma non l'ha ricevuto, ci contatti indicando il numero d'ordine: "
                    "apriremo una verifica con il corriere e La terremo aggiornata."
                ),
            ),
            "fi": (
                "Miten voin seurata tilaustani?",
                (
                    "Kun pakettisi lähtee varastostamme, lähetämme sinulle "
                    "sähköpostiviestin, jossa on paketin seurantanumero. Voit myös seurata "
                    "jokaisen tilauksesi tilaa omalla tililläsi milloin tahansa.\n\n"
                    "## Mistä löydän seurantanumeron?\n"
                    "1. Kirjaudu sisään ja valitse **Oma tili > Tilaukset**.\n"
                    "2. Avaa tilaus ja valitse **Seuraa pakettia**.\n"
                    "3. Jos tilasit kirjautumatta, löydät seurantanumeron "
                    "lähetysvahvistuksesta, jonka sait sähköpostiisi.\n\n"
                    "Jos tilaus toimitetaan useammassa paketissa esimerkiksi siksi, että "
                    "siihen kuuluu talvirenkaita, jokaisella paketilla on oma "
                    "seurantanumeronsa.\n\n"
                    "## Mitä tilauksen tilat tarkoittavat?\n"
                    "- **Odottaa maksua:** odotamme tilisiirtoasi.\n"
                    "- **Vahvistettu:** olemme vastaanottaneet tilauksesi ja maksusi.\n"
                    "- **Pakataan:** tuotteitasi kerätään ja pakataan varastossamme.\n"
                    "- **Lähetetty:** paketti on matkalla kuljetusyhtiön mukana.\n"
                    "- **Toimitettu:** kuljetusyhtiö on vahvistanut toimituksen.\n\n"
                    "## Seurantatiedot eivät päivity\n"
                    "Ensimmäinen seurantatieto voi näkyä vasta 24 tunnin kuluttua "
                    "lähetyksestä. Jos paketti ei ole liikkunut 5 arkipäivään tai se näkyy "
                    "toimitettuna mutta et ole saanut sitä, ota meihin yhteyttä ja kerro "
                    "tilausnumerosi. Selvitämme asian kuljetusyhtiön kanssa ja kerromme "
                    "sinulle, miten asia etenee."
                ),
            ),
            "bg": (
                "Как да проследя поръчката си?",
                (
                    "Щом пратката Ви напусне склада ни, ще получите имейл с номер за "
                    "проследяване. Освен това можете по всяко време да следите състоянието "
                    "на всяка поръчка в профила си.\n\n"
                    "## Къде да намерите номера за проследяване\n"
                    "1. Влезте в профила си и отворете **Моят профил > Поръчки**.\n"
                    "2. Отворете поръчката и изберете **Проследи пратката**.\n"
                    "3. Ако сте поръчали без регистрация, номерът за проследяване е в "
                    "имейла за потвърждение на изпращането.\n\n"
                    "Ако поръчката е изпратена в няколко пакета, например защото включва "
                    "зимни гуми, всеки пакет има собствен номер за проследяване.\n\n"
                    "## Какво означават статусите на поръчката\n"
                    "- **Очаква плащане:** очакваме Вашия банков превод.\n"
                    "- **Потвърдена:** получихме поръчката и плащането Ви.\n"
                    "- **Подготвя се:** артикулите се подготвят в нашия склад.\n"
                    "- **Изпратена:** пратката е при куриера и пътува към Вас.\n"
                    "- **Доставена:** куриерът е потвърдил доставката.\n\n"
                    "## Проследяването не се обновява\n"
                    "Първата информация може да се появи до 24 часа след изпращането. Ако "
                    "пратката не се е придвижила в продължение на 5 работни дни или е "
                    "отбелязана като доставена, но не сте я получили, свържете се с нас и "
                    "посочете номера на поръчката. Ще направим проверка при куриера и ще Ви "
                    "държим в течение."
                ),
            ),
            "ro": (
                "Cum îmi pot urmări comanda?",
                (
                    "Imediat ce coletul pleacă din depozitul nostru, vă trimitem un e-mail "
                    "cu numărul de urmărire. De asemenea, puteți verifica oricând starea "
                    "fiecărei comenzi în contul dumneavoastră.\n\n"
                    "## Unde găsiți numărul de urmărire\n"
                    "1. Autentificați-vă și accesați **Contul meu > Comenzi**.\n"
                    "2. Deschideți comanda și selectați **Urmărește coletul**.\n"
                    "3. Dacă ați comandat fără cont, numărul de urmărire se află în "
                    "e-mailul de confirmare a expedierii.\n\n"
                    "Dacă comanda este trimisă în mai multe colete, de exemplu pentru că "
                    "include anvelope de iarnă, fiecare colet are propriul număr de "
                    "urmărire.\n\n"
                    "## Ce înseamnă stările comenzii\n"
                    "- **În așteptarea plății:** așteptăm să primim transferul bancar.\n"
                    "- **Confirmată:** am primit comanda și plata.\n"
                    "- **În pregătire:** produsele sunt pregătite în depozitul nostru.\n"
                    "- **Expediată:** coletul este la curier, în drum spre dumneavoastră.\n"
                    "- **Livrată:** curierul a confirmat livrarea.\n\n"
                    "## Informațiile de urmărire nu se actualizează\n"
                    "Prima actualizare poate apărea la până la 24 de ore după expediere. "
                    "Dacă coletul nu s-a mai deplasat de 5 zile lucrătoare sau apare ca "
                    "livrat, dar nu l-ați primit, vă rugăm să ne contactați și să ne "
                    "comunicați numărul comenzii. Vom deschide o verificare la curier și vă "
                    "vom ține la curent."
                ),
            ),
            "ar": (
                "كيف يمكنني تتبُّع طلبي؟",
                (
                    "فور مغادرة الطرد مستودعنا، نرسل إليك رسالة بالبريد الإلكتروني تتضمن "
                    "رقم التتبُّع. ويمكنك أيضاً متابعة حالة كل طلب من حسابك في أي وقت.\n\n"
                    "## أين أجد رقم التتبُّع؟\n"
                    "1. تسجيل الدخول والانتقال إلى **حسابي > الطلبات**.\n"
                    "2. فتح الطلب واختيار **تتبُّع الشحنة**.\n"
                    "3. في حال الطلب دون حساب، يوجد رقم التتبُّع في رسالة تأكيد الشحن "
                    "المرسلة بالبريد الإلكتروني.\n\n"
                    "إذا أُرسل الطلب في أكثر من طرد، كأن يتضمن إطارات شتوية مثلاً، فلكل طرد "
                    "رقم تتبُّع خاص به.\n\n"
                    "## ماذا تعني حالات الطلب؟\n"
                    "- **بانتظار الدفع:** ننتظر وصول التحويل البنكي.\n"
                    "- **مؤكَّد:** استلمنا الطلب والدفعة.\n"
                    "- **قيد التجهيز:** يجري تجهيز المنتجات في مستودعنا.\n"
                    "- **تم الشحن:** الطرد في طريقه مع شركة الشحن.\n"
                    "- **تم التوصيل:** أكدت شركة الشحن تسليم الطرد.\n\n"
                    "## لم تتحدَّث بيانات التتبُّع\n"
                    "قد يستغرق ظهور أول تحديث للتتبُّع ما يصل إلى 24 ساعة بعد الشحن. وإذا "
                    "لم يتحرك الطرد لمدة 5 أيام عمل، أو ظهر على أنه سُلِّم دون أن يصلك، "
                    "فيُرجى التواصل معنا مع ذكر رقم الطلب، وسنفتح تحقيقاً مع شركة الشحن "
                    "ونُطلعك على المستجدات أولاً بأول."
                ),
            ),
        },
    ),
    DemoArticle(
        key="delivery-address-change",
        category="orders",
        section="order-changes",
        visibility="public",
        tags=("delivery address", "change order", "redirect", "cancel order"),
        texts={
            "en": (
                "Can I change the delivery address after ordering?",
                (
                    "Yes, in most cases. What you can do depends on how far your order has "
                    "progressed, so please act as soon as you notice the mistake. You can "
                    "see the current status under **My account > Orders**.\n\n"
                    "## Before your order is packed\n"
                    "While the status is **Awaiting payment** or **Confirmed**, you can "
                    "change the address yourself:\n"
                    "1. Open the order under **My account > Orders**.\n"
                    "2. Select **Change delivery address**.\n"
                    "3. Enter the new address and save. We send you an updated order "
                    "confirmation by email.\n\n"
                    "## After your order is packed or shipped\n"
                    "Once the status is **Being packed** or **Shipped**, the address can no "
                    "longer be changed online. Contact us with your order number and the "
                    "correct address. For parcels to Italy, Finland, Bulgaria and Romania, "
                    "we can usually ask the courier to redirect the parcel free of charge, "
                    "which may add 1–2 business days. For Saudi Arabia and the USA, the "
                    "address cannot be changed after shipping.\n\n"
                    "## Delivering to another country\n"
                    "The delivery country of an existing order cannot be changed, because "
                    "shipping costs and taxes differ. Instead, cancel the order with "
                    "**Cancel order** while it is still **Confirmed**, and place a new one."
                ),
            ),
            "it": (
                "Posso modificare l'indirizzo di consegna dopo aver ordinato?",
                (
                    "Sì, nella maggior parte dei casi. Le possibilità dipendono dallo stato "
                    "di avanzamento dell'ordine, quindi Le consigliamo di intervenire non "
                    "appena si accorge dell'errore. Lo stato attuale è visibile in **Il mio "
                    "account > Ordini**.\n\n"
                    "## Prima che l'ordine sia in preparazione\n"
                    "Finché lo stato è **In attesa di pagamento** o **Confermato**, può "
                    "modificare l'indirizzo in autonomia:\n"
                    "1. Apra l'ordine in **Il mio account > Ordini**.\n"
                    "2. Selezioni **Modifica indirizzo di consegna**.\n"
                    "3. Inserisca il nuovo indirizzo e salvi. Le invieremo per e-mail la "
                    "conferma d'ordine aggiornata.\n\n"
                    "## Dopo la preparazione o la spedizione\n"
                    "Quando lo stato è **In preparazione** o **Spedito**, l'indirizzo non "
                    "può più essere modificato online. Ci contatti indicando il numero "
                    "d'ordine e l'indirizzo corretto. Per i pacchi diretti in Italia, "
                    "Finlandia, Bulgaria e Romania possiamo di norma chiedere gratuitamente "
                    "al corriere di reindirizzare la spedizione, con un possibile ritardo "
                    "di 1–2 giorni lavorativi. Per l'Arabia Saudita e gli Stati Uniti "
                    "l'indirizzo non può essere modificato dopo la spedizione.\n\n"
                    "## Consegna in un altro Paese\n"
                    "Il Paese di consegna di un ordine esistente non può essere cambiato, "
                    "perché costi di spedizione e imposte sono diversi. In questo caso "
                    "annulli l'ordine con **Annulla ordine** finché è ancora **Confermato** "
                    "ed effettui un nuovo ordine."
                ),
            ),
            "fi": (
                "Voinko muuttaa toimitusosoitetta tilauksen jälkeen?",
                (
                    "Useimmissa tapauksissa voit. Vaihtoehdot riippuvat siitä, kuinka "
                    "pitkällä tilauksesi käsittely on, joten toimi heti, kun huomaat "
                    "virheen. Tilauksen tilan näet kohdassa **Oma tili > Tilaukset**.\n\n"
                    "## Ennen kuin tilausta pakataan\n"
                    "Kun tilauksen tila on **Odottaa maksua** tai **Vahvistettu**, voit "
                    "muuttaa osoitteen itse:\n"
                    "1. Avaa tilaus kohdassa **Oma tili > Tilaukset**.\n"
                    "2. Valitse **Muuta toimitusosoitetta**.\n"
                    "3. Kirjoita uusi osoite ja tallenna. Lähetämme sinulle päivitetyn "
                    "tilausvahvistuksen sähköpostitse.\n\n"
                    "## Kun tilausta pakataan tai se on lähetetty\n"
                    "Kun tilauksen tila on **Pakataan** tai **Lähetetty**, osoitetta ei voi "
                    "enää muuttaa verkossa. Ota meihin yhteyttä ja kerro tilausnumerosi "
                    "sekä oikea osoite. Italiaan, Suomeen, Bulgariaan ja Romaniaan "
                    "lähetettävien pakettien osalta voimme yleensä pyytää kuljetusyhtiötä "
                    "ohjaamaan paketin uuteen osoitteeseen maksutta, mikä voi pidentää "
                    "toimitusaikaa 1–2 arkipäivällä. Saudi-Arabiaan ja Yhdysvaltoihin "
                    "lähetettyjen pakettien osoitetta ei voi muuttaa lähettämisen jälkeen.\n\n"
                    "## Toimitus toiseen maahan\n"
                    "Jo tehdyn tilauksen toimitusmaata ei voi vaihtaa, koska toimituskulut "
                    "ja verot vaihtelevat maittain. Peru tilaus valitsemalla **Peru "
                    "tilaus**, kun sen tila on vielä **Vahvistettu**, ja tee sitten uusi "
                    "tilaus."
                ),
            ),
            "bg": (
                "Мога ли да променя адреса за доставка след направена поръчка?",
                (
                    "В повечето случаи – да. Възможностите зависят от етапа, на който се "
                    "намира поръчката, затова действайте веднага щом забележите грешката. "
                    "Текущия статус виждате в **Моят профил > Поръчки**.\n\n"
                    "## Преди поръчката да започне да се подготвя\n"
                    "Докато статусът е **Очаква плащане** или **Потвърдена**, можете сами "
                    "да промените адреса:\n"
                    "1. Отворете поръчката в **Моят профил > Поръчки**.\n"
                    "2. Изберете **Промени адреса за доставка**.\n"
                    "3. Въведете новия адрес и запазете. Ще Ви изпратим актуализирано "
                    "потвърждение на поръчката по имейл.\n\n"
                    "## След като поръчката се подготвя или е изпратена\n"
                    "При статус **Подготвя се** или **Изпратена** адресът вече не може да "
                    "се промени онлайн. Свържете се с нас, като посочите номера на "
                    "поръчката и правилния адрес. За пратки до Италия, Финландия, България "
                    "и Румъния обикновено можем безплатно да помолим куриера да пренасочи "
                    "пратката, което може да добави 1–2 работни дни. За Саудитска Арабия и "
                    "САЩ адресът не може да се променя след изпращането.\n\n"
                    "## Доставка в друга държава\n"
                    "Държавата на доставка на вече направена поръчка не може да се промени, "
                    "тъй като цените на доставката и данъците са различни. В този случай "
                    "откажете поръчката с бутона **Откажи поръчката**, докато статусът ѝ е "
                    "**Потвърдена**, и направете нова."
                ),
            ),
            "ro": (
                "Pot modifica adresa de livrare după ce am plasat comanda?",
                (
                    "Da, în majoritatea cazurilor. Ce puteți face depinde de stadiul în "
                    "care se află comanda, așa că vă rugăm să acționați imediat ce "
                    "observați greșeala. Starea actuală o vedeți în **Contul meu > "
                    "Comenzi**.\n\n"
                    "## Înainte ca comanda să intre în pregătire\n"
                    "Cât timp starea este **În așteptarea plății** sau **Confirmată**, "
                    "puteți modifica singuri adresa:\n"
                    "1. Deschideți comanda din **Contul meu > Comenzi**.\n"
                    "2. Selectați **Modifică adresa de livrare**.\n"
                    "3. Introduceți noua adresă și salvați. Vă trimitem prin e-mail "
                    "confirmarea actualizată a comenzii.\n\n"
                    "## După ce comanda este în pregătire sau a fost expediată\n"
                    "Când starea este **În pregătire** sau **Expediată**, adresa nu mai "
                    "poate fi modificată online. Contactați-ne și comunicați-ne numărul "
                    "comenzii și adresa corectă. Pentru coletele către Italia, Finlanda, "
                    "Bulgaria și România putem de obicei să solicităm gratuit curierului "
                    "redirecționarea coletului, ceea ce poate adăuga 1–2 zile lucrătoare. "
                    "Pentru Arabia Saudită și SUA, adresa nu mai poate fi schimbată după "
                    "expediere.\n\n"
                    "## Livrarea în altă țară\n"
                    "Țara de livrare a unei comenzi existente nu poate fi schimbată, "
                    "deoarece costurile de livrare și taxele diferă. În acest caz, anulați "
                    "comanda cu **Anulează comanda** cât timp este încă **Confirmată** și "
                    "plasați o comandă nouă."
                ),
            ),
            "ar": (
                "هل يمكن تغيير عنوان التوصيل بعد تقديم الطلب؟",
                (
                    "نعم، في معظم الحالات. ويتوقف ذلك على المرحلة التي وصل إليها الطلب، لذا "
                    "يُنصح بالتواصل أو التعديل فور ملاحظة الخطأ. وتظهر الحالة الحالية للطلب "
                    "في **حسابي > الطلبات**.\n\n"
                    "## قبل بدء تجهيز الطلب\n"
                    "ما دامت حالة الطلب **بانتظار الدفع** أو **مؤكَّد**، يمكنك تغيير "
                    "العنوان بنفسك باتباع الخطوات التالية:\n"
                    "1. فتح الطلب من **حسابي > الطلبات**.\n"
                    "2. اختيار **تغيير عنوان التوصيل**.\n"
                    "3. إدخال العنوان الجديد وحفظه، وسنرسل إليك تأكيداً محدَّثاً للطلب "
                    "بالبريد الإلكتروني.\n\n"
                    "## بعد بدء التجهيز أو الشحن\n"
                    "عندما تصبح الحالة **قيد التجهيز** أو **تم الشحن**، لا يعود تغيير "
                    "العنوان عبر الإنترنت ممكناً. يُرجى التواصل معنا مع ذكر رقم الطلب "
                    "والعنوان الصحيح. وبالنسبة إلى الطرود المرسلة إلى إيطاليا وفنلندا "
                    "وبلغاريا ورومانيا، يمكننا عادةً أن نطلب من شركة الشحن إعادة توجيه "
                    "الطرد دون أي تكلفة، وقد يضيف ذلك يوماً أو يومَي عمل. أما الطرود "
                    "المرسلة إلى المملكة العربية السعودية والولايات المتحدة فلا يمكن تغيير "
                    "عنوانها بعد الشحن.\n\n"
                    "## التوصيل إلى بلد آخر\n"
                    "لا يمكن تغيير بلد التوصيل في طلب قائم، لأن تكاليف الشحن والضرائب تختلف "
                    "من بلد إلى آخر. وفي هذه الحالة، يمكن إلغاء الطلب عبر **إلغاء الطلب** "
                    "ما دامت حالته **مؤكَّد**، ثم تقديم طلب جديد."
                ),
            ),
        },
    ),
    DemoArticle(
        key="winter-tyres",
        category="orders",
        section="product-advice",
        visibility="public",
        tags=("winter tyres", "tyre size", "fitting", "size guide"),
        texts={
            "en": (
                "How do I choose the right winter tyres and get them fitted?",
                (
                    "You will find the right size on the sidewall of your current tyres and "
                    "in your vehicle registration document. On the winter tyres page, our "
                    "tyre finder also shows suitable tyres when you enter your car's make, "
                    "model and year.\n\n"
                    "## How to read the tyre size\n"
                    "Take the example **205/55 R16 91H**:\n"
                    "- **205** is the tyre width in millimetres.\n"
                    "- **55** is the sidewall height as a percentage of the width.\n"
                    "- **R16** means a radial tyre for a 16-inch rim.\n"
                    "- **91H** is the load index (91) and the speed rating (H).\n\n"
                    "Choose a load index and speed rating at least as high as those in your "
                    "registration document. Look for the mountain-and-snowflake symbol "
                    "(3PMSF), which shows that the tyre has passed a snow test.\n\n"
                    "## Fitting at a partner garage\n"
                    "At checkout, choose **Deliver to a fitting centre** and select one of "
                    "our partner garages near you. The garage contacts you within 2 "
                    "business days to book an appointment. Fitting is paid at the garage; "
                    "the price for a set of four is shown when you choose it.\n\n"
                    "## Good to know\n"
                    "- We recommend fitting four identical tyres.\n"
                    "- Winter tyres are delivered to Italy, Finland, Bulgaria, Romania and "
                    "the USA, but not to Saudi Arabia.\n"
                    "- Tyres can be returned within 30 days only if they have not been "
                    "fitted."
                ),
            ),
            "it": (
                "Come scelgo gli pneumatici invernali giusti e dove li faccio montare?",
                (
                    "La misura corretta è riportata sul fianco degli pneumatici attuali e "
                    "sul libretto di circolazione. Nella pagina dedicata agli pneumatici "
                    "invernali, inoltre, il nostro configuratore mostra i modelli adatti "
                    "dopo aver inserito marca, modello e anno dell'auto.\n\n"
                    "## Come leggere la misura\n"
                    "Prendiamo ad esempio **205/55 R16 91H**:\n"
                    "- **205** è la larghezza dello pneumatico in millimetri.\n"
                    "- **55** è l'altezza del fianco in percentuale rispetto alla "
                    "larghezza.\n"
                    "- **R16** indica uno pneumatico radiale per cerchio da 16 pollici.\n"
                    "- **91H** indica l'indice di carico (91) e il codice di velocità (H).\n\n"
                    "Scelga un indice di carico e un codice di velocità almeno pari a "
                    "quelli indicati sul libretto. Verifichi inoltre la presenza del "
                    "simbolo della montagna con il fiocco di neve (3PMSF), che attesta il "
                    "superamento dei test su neve.\n\n"
                    "## Montaggio presso un gommista convenzionato\n"
                    "Al momento dell'ordine scelga **Consegna a un centro di montaggio** e "
                    "selezioni uno dei gommisti convenzionati nella Sua zona. Il gommista "
                    "La contatterà entro 2 giorni lavorativi per fissare l'appuntamento. Il "
                    "montaggio si paga direttamente in officina; il prezzo per un treno di "
                    "quattro pneumatici è indicato al momento della scelta.\n\n"
                    "## Da sapere\n"
                    "- Consigliamo di montare quattro pneumatici identici.\n"
                    "- Gli pneumatici invernali vengono consegnati in Italia, Finlandia, "
                    "Bulgaria, Romania e Stati Uniti, ma non in Arabia Saudita.\n"
                    "- Gli pneumatici possono essere restituiti entro 30 giorni solo se non "
                    "sono stati montati."
                ),
            ),
            "fi": (
                "Miten valitsen oikeat talvirenkaat ja saan ne asennettua?",
                (
                    "Oikean rengaskoon löydät nykyisten renkaidesi kyljestä ja auton "
                    "rekisteröintitodistuksesta. Talvirengassivun rengashaku näyttää "
                    "sinulle sopivat renkaat myös, kun syötät auton merkin, mallin ja "
                    "vuosimallin.\n\n"
                    "## Näin luet rengaskoon\n"
                    "Esimerkiksi merkintä **205/55 R16 91H** tarkoittaa seuraavaa:\n"
                    "- **205** on renkaan leveys millimetreinä.\n"
                    "- **55** on renkaan kyljen korkeus prosentteina leveydestä.\n"
                    "- **R16** tarkoittaa vyörengasta 16 tuuman vanteelle.\n"
                    "- **91H** kertoo kantavuusindeksin (91) ja nopeusluokan (H).\n\n"
                    "Valitse kantavuusindeksi ja nopeusluokka, jotka ovat vähintään "
                    "rekisteröintitodistuksessa mainittujen tasolla. Tarkista myös, että "
                    "renkaassa on vuoren ja lumihiutaleen symboli (3PMSF), joka osoittaa "
                    "renkaan läpäisseen lumitestin.\n\n"
                    "## Asennus yhteistyökorjaamolla\n"
                    "Valitse kassalla **Toimitus asennuskorjaamolle** ja valitse lähelläsi "
                    "oleva yhteistyökorjaamomme. Korjaamo ottaa sinuun yhteyttä 2 "
                    "arkipäivän kuluessa ja sopii kanssasi asennusajan. Asennus maksetaan "
                    "suoraan korjaamolle, ja neljän renkaan sarjan asennushinta näkyy jo "
                    "korjaamoa valitessasi.\n\n"
                    "## Hyvä tietää\n"
                    "- Suosittelemme asentamaan autoon neljä samanlaista rengasta.\n"
                    "- Toimitamme talvirenkaita Italiaan, Suomeen, Bulgariaan, Romaniaan ja "
                    "Yhdysvaltoihin, mutta emme Saudi-Arabiaan.\n"
                    "- Renkaat voi palauttaa 30 päivän kuluessa vain, jos niitä ei ole "
                    "asennettu."
                ),
            ),
            "bg": (
                "Как да избера подходящите зимни гуми и къде да ги монтирам?",
                (
                    "Подходящият размер е изписан на страничната стена на сегашните Ви гуми "
                    "и в свидетелството за регистрация на автомобила. На страницата със "
                    "зимни гуми нашата търсачка също показва подходящи модели, след като "
                    "въведете марката, модела и годината на автомобила.\n\n"
                    "## Как да разчетете размера\n"
                    "Да вземем за пример **205/55 R16 91H**:\n"
                    "- **205** е ширината на гумата в милиметри.\n"
                    "- **55** е височината на страничната стена като процент от ширината.\n"
                    "- **R16** означава радиална гума за джанта 16 цола.\n"
                    "- **91H** са индексът на натоварване (91) и скоростният индекс (H).\n\n"
                    "Изберете индекс на натоварване и скоростен индекс, които са поне равни "
                    "на посочените в свидетелството за регистрация. Търсете и символа с "
                    "планина и снежинка (3PMSF), който показва, че гумата е преминала тест "
                    "на сняг.\n\n"
                    "## Монтаж в партньорски сервиз\n"
                    "При поръчката изберете **Доставка до сервиз за монтаж** и посочете "
                    "някой от партньорските ни сервизи близо до Вас. Сервизът ще се свърже "
                    "с Вас в рамките на 2 работни дни, за да уговорите час. Монтажът се "
                    "заплаща директно в сервиза, а цената за комплект от четири гуми се "
                    "вижда още при избора на сервиз.\n\n"
                    "## Полезно да знаете\n"
                    "- Препоръчваме да монтирате четири еднакви гуми.\n"
                    "- Доставяме зимни гуми до Италия, Финландия, България, Румъния и САЩ, "
                    "но не и до Саудитска Арабия.\n"
                    "- Гумите могат да бъдат върнати в срок от 30 дни само ако не са "
                    "монтирани."
                ),
            ),
            "ro": (
                "Cum aleg anvelopele de iarnă potrivite și unde le pot monta?",
                (
                    "Dimensiunea potrivită este inscripționată pe flancul anvelopelor "
                    "actuale și în certificatul de înmatriculare al mașinii. Pe pagina "
                    "anvelopelor de iarnă, căutătorul nostru vă arată și modelele potrivite "
                    "după ce introduceți marca, modelul și anul de fabricație al mașinii.\n\n"
                    "## Cum citiți dimensiunea anvelopei\n"
                    "Să luăm ca exemplu **205/55 R16 91H**:\n"
                    "- **205** este lățimea anvelopei în milimetri.\n"
                    "- **55** este înălțimea flancului, ca procent din lățime.\n"
                    "- **R16** înseamnă anvelopă radială pentru jantă de 16 țoli.\n"
                    "- **91H** reprezintă indicele de sarcină (91) și indicele de viteză "
                    "(H).\n\n"
                    "Alegeți un indice de sarcină și un indice de viteză cel puțin egale cu "
                    "cele din certificatul de înmatriculare. Căutați și simbolul cu munte "
                    "și fulg de zăpadă (3PMSF), care arată că anvelopa a trecut testul pe "
                    "zăpadă.\n\n"
                    "## Montajul la un service partener\n"
                    "La finalizarea comenzii, alegeți **Livrare la un centru de montaj** și "
                    "selectați unul dintre service-urile noastre partenere din apropiere. "
                    "Service-ul vă contactează în cel mult 2 zile lucrătoare pentru a "
                    "stabili o programare. Montajul se plătește direct la service, iar "
                    "prețul pentru un set de patru anvelope este afișat când alegeți "
                    "service-ul.\n\n"
                    "## Bine de știut\n"
                    "- Vă recomandăm să montați patru anvelope identice.\n"
                    "- Livrăm anvelope de iarnă în Italia, Finlanda, Bulgaria, România și "
                    "SUA, dar nu și în Arabia Saudită.\n"
                    "- Anvelopele pot fi returnate în 30 de zile numai dacă nu au fost "
                    "montate."
                ),
            ),
            "ar": (
                "كيف أختار الإطارات الشتوية المناسبة وأين يمكن تركيبها؟",
                (
                    "يوجد المقاس المناسب مطبوعاً على الجدار الجانبي للإطارات الحالية وفي "
                    "وثيقة تسجيل المركبة. كما تعرض أداة البحث عن الإطارات في صفحة الإطارات "
                    "الشتوية الموديلات المناسبة بعد إدخال الشركة المصنِّعة للسيارة وطرازها "
                    "وسنة صنعها.\n\n"
                    "## كيفية قراءة مقاس الإطار\n"
                    "لنأخذ المقاس **205/55 R16 91H** مثالاً:\n"
                    "- **205** هو عرض الإطار بالمليمتر.\n"
                    "- **55** هو ارتفاع الجدار الجانبي كنسبة مئوية من العرض.\n"
                    "- **R16** يعني إطاراً شعاعياً لجنط مقاس 16 بوصة.\n"
                    "- **91H** يمثل مؤشر الحمولة (91) ورمز السرعة (H).\n\n"
                    "يُنصح باختيار مؤشر حمولة ورمز سرعة لا يقلّان عمّا هو مذكور في وثيقة "
                    "تسجيل المركبة، مع التأكد من وجود رمز الجبل وندفة الثلج (3PMSF) الذي "
                    "يدل على اجتياز الإطار اختبار القيادة على الثلج.\n\n"
                    "## التركيب لدى مركز شريك\n"
                    "عند إتمام الطلب، يمكن اختيار **التوصيل إلى مركز تركيب** وتحديد أحد "
                    "مراكز التركيب الشريكة القريبة منك. وسيتواصل المركز معك خلال يومَي عمل "
                    "لتحديد موعد. وتُدفع تكلفة التركيب مباشرة في المركز، ويظهر سعر تركيب "
                    "مجموعة من أربعة إطارات عند اختيار المركز.\n\n"
                    "## معلومات مفيدة\n"
                    "- نوصي بتركيب أربعة إطارات متطابقة.\n"
                    "- نوصل الإطارات الشتوية إلى إيطاليا وفنلندا وبلغاريا ورومانيا "
                    "والولايات المتحدة، ولا نوصلها إلى المملكة العربية السعودية.\n"
                    "- يمكن إرجاع الإطارات خلال 30 يوماً بشرط ألا تكون قد رُكِّبت."
                ),
            ),
        },
    ),
    DemoArticle(
        key="returns-how",
        category="returns",
        section="returning",
        visibility="public",
        tags=("return", "return label", "30 days", "return costs"),
        texts={
            "en": (
                "How do I return an item?",
                (
                    "You can return most items within 30 days of delivery, for any reason. "
                    "Items must be unused and in their original condition, with clothing "
                    "labels still attached. Shoes should only have been tried on indoors.\n\n"
                    "## How to create a return\n"
                    "1. Go to **My account > Orders** and select **Return items**. For "
                    "guest orders, use the **Returns** page with your order number and "
                    "email address.\n"
                    "2. Choose the items and a reason for the return.\n"
                    "3. Print the return label, or show the QR code at a courier drop-off "
                    "point.\n"
                    "4. Drop off the parcel within 7 days of creating the return.\n\n"
                    "For winter tyres, choose **Courier pickup** and the courier will "
                    "collect them from your address.\n\n"
                    "## Return shipping costs\n"
                    "Returns are free from Italy, Finland, Bulgaria and Romania. From Saudi "
                    "Arabia and the USA, the return label costs €9.90, which is deducted "
                    "from your refund.\n\n"
                    "## Items that cannot be returned\n"
                    "- Underwear and swimwear if the hygiene seal has been removed\n"
                    "- Personalised items\n"
                    "- Gift cards\n"
                    "- Winter tyres that have been fitted\n\n"
                    "We will email you as soon as your return has arrived and your refund "
                    "has been issued."
                ),
            ),
            "it": (
                "Come posso restituire un articolo?",
                (
                    "La maggior parte degli articoli può essere restituita entro 30 giorni "
                    "dalla consegna, senza dover indicare un motivo particolare. Gli "
                    "articoli devono essere inutilizzati e nelle condizioni originali, con "
                    "le etichette dei capi ancora attaccate. Le scarpe devono essere state "
                    "provate solo in casa.\n\n"
                    "## Come effettuare un reso\n"
                    "1. Vada su **Il mio account > Ordini** e selezioni **Restituisci "
                    "articoli**. Per gli ordini senza registrazione utilizzi la pagina "
                    "**Resi**, indicando numero d'ordine e indirizzo e-mail.\n"
                    "2. Scelga gli articoli e il motivo del reso.\n"
                    "3. Stampi l'etichetta di reso oppure mostri il codice QR in un punto "
                    "di ritiro del corriere.\n"
                    "4. Consegni il pacco entro 7 giorni dalla creazione del reso.\n\n"
                    "Per gli pneumatici invernali scelga **Ritiro a domicilio**: il "
                    "corriere passerà a ritirarli al Suo indirizzo.\n\n"
                    "## Costi di restituzione\n"
                    "Il reso è gratuito da Italia, Finlandia, Bulgaria e Romania. Da Arabia "
                    "Saudita e Stati Uniti l'etichetta di reso costa 9,90 €, che vengono "
                    "detratti dal rimborso.\n\n"
                    "## Articoli che non possono essere restituiti\n"
                    "- Intimo e costumi da bagno se il sigillo igienico è stato rimosso\n"
                    "- Articoli personalizzati\n"
                    "- Carte regalo\n"
                    "- Pneumatici invernali già montati\n\n"
                    "La avviseremo via e-mail non appena il reso sarà arrivato e il "
                    "rimborso sarà stato emesso."
                ),
            ),
            "fi": (
                "Miten palautan tuotteen?",
                (
                    "Voit palauttaa useimmat tuotteet 30 päivän kuluessa toimituksesta "
                    "ilman erityistä syytä. Tuotteiden on oltava käyttämättömiä ja "
                    "alkuperäisessä kunnossa, ja vaatteiden hintalappujen on oltava vielä "
                    "kiinni. Kenkiä saa sovittaa vain sisätiloissa.\n\n"
                    "## Näin teet palautuksen\n"
                    "1. Valitse **Oma tili > Tilaukset** ja sitten **Palauta tuotteita**. "
                    "Jos tilasit kirjautumatta, käytä **Palautukset**-sivua ja anna "
                    "tilausnumerosi ja sähköpostiosoitteesi.\n"
                    "2. Valitse palautettavat tuotteet ja palautuksen syy.\n"
                    "3. Tulosta palautustarra tai näytä QR-koodi kuljetusyhtiön "
                    "palautuspisteessä.\n"
                    "4. Jätä paketti palautuspisteeseen 7 päivän kuluessa palautuksen "
                    "luomisesta.\n\n"
                    "Jos palautat talvirenkaita, valitse **Nouto kotoa**, jolloin "
                    "kuljetusyhtiö noutaa renkaat osoitteestasi.\n\n"
                    "## Palautuksen kulut\n"
                    "Palautus on maksuton Italiasta, Suomesta, Bulgariasta ja Romaniasta. "
                    "Saudi-Arabiasta ja Yhdysvalloista palautustarra maksaa 9,90 €, joka "
                    "vähennetään hyvityksestä.\n\n"
                    "## Tuotteet, joita ei voi palauttaa\n"
                    "- alusvaatteet ja uima-asut, joiden hygieniasuoja on poistettu\n"
                    "- personoidut tuotteet\n"
                    "- lahjakortit\n"
                    "- jo asennetut talvirenkaat\n\n"
                    "Ilmoitamme sinulle sähköpostitse, kun palautus on saapunut ja hyvitys "
                    "on maksettu."
                ),
            ),
            "bg": (
                "Как да върна артикул?",
                (
                    "Повечето артикули можете да върнете в срок от 30 дни след доставката, "
                    "без да посочвате причина. Артикулите трябва да са неизползвани и в "
                    "оригиналното си състояние, а дрехите – с неотрязани етикети. Обувките "
                    "трябва да са пробвани само на закрито.\n\n"
                    "## Как да заявите връщане\n"
                    "1. Отворете **Моят профил > Поръчки** и изберете **Върни артикули**. "
                    "За поръчки без регистрация използвайте страницата **Връщане**, като "
                    "въведете номера на поръчката и имейл адреса си.\n"
                    "2. Изберете артикулите и причината за връщането.\n"
                    "3. Разпечатайте етикета за връщане или покажете QR кода в офис на "
                    "куриера.\n"
                    "4. Предайте пратката в срок от 7 дни след заявяването на връщането.\n\n"
                    "За зимни гуми изберете **Вземане от куриер** и куриерът ще ги вземе от "
                    "Вашия адрес.\n\n"
                    "## Разходи за връщане\n"
                    "Връщането е безплатно от Италия, Финландия, България и Румъния. От "
                    "Саудитска Арабия и САЩ етикетът за връщане струва 9,90 €, които се "
                    "приспадат от възстановената сума.\n\n"
                    "## Артикули, които не могат да бъдат върнати\n"
                    "- Бельо и бански костюми с премахнат хигиенен стикер\n"
                    "- Персонализирани артикули\n"
                    "- Карти за подарък\n"
                    "- Вече монтирани зимни гуми\n\n"
                    "Ще Ви уведомим по имейл, щом пратката пристигне при нас и сумата бъде "
                    "възстановена."
                ),
            ),
            "ro": (
                "Cum returnez un produs?",
                (
                    "Puteți returna majoritatea produselor în termen de 30 de zile de la "
                    "livrare, fără a preciza motivul. Produsele trebuie să fie nefolosite "
                    "și în starea originală, iar hainele trebuie să aibă etichetele "
                    "atașate. Încălțămintea trebuie să fi fost probată doar în interior.\n\n"
                    "## Cum inițiați un retur\n"
                    "1. Accesați **Contul meu > Comenzi** și selectați **Returnează "
                    "produse**. Pentru comenzile fără cont, folosiți pagina **Retururi**, "
                    "introducând numărul comenzii și adresa de e-mail.\n"
                    "2. Alegeți produsele și motivul returului.\n"
                    "3. Tipăriți eticheta de retur sau arătați codul QR la un punct de "
                    "predare al curierului.\n"
                    "4. Predați coletul în cel mult 7 zile de la inițierea returului.\n\n"
                    "Pentru anvelopele de iarnă, alegeți **Ridicare de către curier**, iar "
                    "curierul le va ridica de la adresa dumneavoastră.\n\n"
                    "## Costurile de retur\n"
                    "Returul este gratuit din Italia, Finlanda, Bulgaria și România. Din "
                    "Arabia Saudită și SUA, eticheta de retur costă 9,90 €, sumă care se "
                    "scade din rambursare.\n\n"
                    "## Produse care nu pot fi returnate\n"
                    "- Lenjeria intimă și costumele de baie, dacă sigiliul de igienă a fost "
                    "îndepărtat\n"
                    "- Produsele personalizate\n"
                    "- Cardurile cadou\n"
                    "- Anvelopele de iarnă care au fost deja montate\n\n"
                    "Vă anunțăm prin e-mail imediat ce returul a ajuns la noi și "
                    "rambursarea a fost efectuată."
                ),
            ),
            "ar": (
                "كيف يمكنني إرجاع منتج؟",
                (
                    "يمكن إرجاع معظم المنتجات خلال 30 يوماً من تاريخ التوصيل لأي سبب. "
                    "ويُشترط أن تكون المنتجات غير مستخدمة وبحالتها الأصلية، وأن تبقى بطاقات "
                    "الملابس مثبتة عليها، وألا تكون الأحذية قد جُرِّبت إلا داخل المنزل.\n\n"
                    "## خطوات طلب الإرجاع\n"
                    "1. الانتقال إلى **حسابي > الطلبات** واختيار **إرجاع المنتجات**. وفي "
                    "حال الطلب دون حساب، تُستخدم صفحة **الإرجاع** مع إدخال رقم الطلب "
                    "والبريد الإلكتروني.\n"
                    "2. اختيار المنتجات المراد إرجاعها وسبب الإرجاع.\n"
                    "3. طباعة ملصق الإرجاع، أو إبراز رمز QR في إحدى نقاط استلام شركة الشحن.\n"
                    "4. تسليم الطرد خلال 7 أيام من إنشاء طلب الإرجاع.\n\n"
                    "ولإرجاع الإطارات الشتوية، يُختار **الاستلام عبر شركة الشحن** ليأتي "
                    "المندوب ويستلمها من عنوانك.\n\n"
                    "## تكاليف شحن الإرجاع\n"
                    "الإرجاع مجاني من إيطاليا وفنلندا وبلغاريا ورومانيا. أما من المملكة "
                    "العربية السعودية والولايات المتحدة، فتبلغ تكلفة ملصق الإرجاع 9.90 يورو "
                    "تُخصم من المبلغ المسترد.\n\n"
                    "## منتجات لا يمكن إرجاعها\n"
                    "- الملابس الداخلية وملابس السباحة إذا أُزيل ملصق النظافة\n"
                    "- المنتجات المخصصة حسب الطلب\n"
                    "- بطاقات الهدايا\n"
                    "- الإطارات الشتوية التي سبق تركيبها\n\n"
                    "وسنرسل إليك رسالة بالبريد الإلكتروني فور وصول المرتجع إلينا وإصدار "
                    "المبلغ المسترد."
                ),
            ),
        },
    ),
    DemoArticle(
        key="exchange-size",
        category="returns",
        section="returning",
        visibility="public",
        tags=("exchange", "size", "size guide", "clothing", "shoes"),
        texts={
            "en": (
                "How do I exchange an item for a different size?",
                (
                    "If clothing or shoes don't fit, you can exchange them free of charge "
                    "for another size of the same item within 30 days of delivery. "
                    "Exchanges are available for orders delivered to Italy, Finland, "
                    "Bulgaria and Romania. For Saudi Arabia and the USA, please return the "
                    "item and place a new order for the size you need.\n\n"
                    "## How to request an exchange\n"
                    "1. Go to **My account > Orders** and select **Return items**.\n"
                    "2. Choose the item, select **Exchange for another size** and pick the "
                    "new size.\n"
                    "3. Send the item back with the free return label within 7 days.\n\n"
                    "We reserve the new size for you and ship it as soon as the courier "
                    "scans your return parcel, so you don't have to wait for it to reach "
                    "our warehouse.\n\n"
                    "## If your size is sold out\n"
                    "If the size you want is no longer in stock, we will let you know by "
                    "email and refund the item instead. To change to a different colour or "
                    "a different product, return the item and place a new order.\n\n"
                    "## Finding the right size\n"
                    "Every product page has a **Size guide** with body measurements in "
                    "centimetres. For shoes, measure your foot from the heel to the longest "
                    "toe and compare the length with the table. If you are between two "
                    "sizes, the product description tells you whether the item runs small "
                    "or large."
                ),
            ),
            "it": (
                "Come posso cambiare la taglia di un articolo?",
                (
                    "Se un capo o un paio di scarpe non Le va bene, può cambiarlo "
                    "gratuitamente con un'altra taglia dello stesso articolo entro 30 "
                    "giorni dalla consegna. Il cambio è disponibile per gli ordini "
                    "consegnati in Italia, Finlandia, Bulgaria e Romania. Per l'Arabia "
                    "Saudita e gli Stati Uniti, La preghiamo di restituire l'articolo ed "
                    "effettuare un nuovo ordine nella taglia desiderata.\n\n"
                    "## Come richiedere il cambio\n"
                    "1. Vada su **Il mio account > Ordini** e selezioni **Restituisci "
                    "articoli**.\n"
                    "2. Scelga l'articolo, selezioni **Cambia taglia** e indichi la nuova "
                    "taglia.\n"
                    "3. Rispedisca l'articolo entro 7 giorni con l'etichetta di reso "
                    "gratuita.\n\n"
                    "Teniamo da parte per Lei la nuova taglia e la spediamo non appena il "
                    "corriere registra il pacco di reso, senza attendere che arrivi al "
                    "nostro magazzino.\n\n"
                    "## Se la taglia è esaurita\n"
                    "Se la taglia desiderata non è più disponibile, La avvisiamo via e-mail "
                    "e rimborsiamo l'articolo. Per cambiare colore o prodotto, restituisca "
                    "l'articolo ed effettui un nuovo ordine.\n\n"
                    "## Come trovare la taglia giusta\n"
                    "In ogni pagina prodotto trova la **Guida alle taglie**, con le misure "
                    "del corpo in centimetri. Per le scarpe, misuri il piede dal tallone "
                    "alla punta del dito più lungo e confronti la lunghezza con la tabella. "
                    "Se è a metà tra due taglie, la descrizione del prodotto indica se il "
                    "modello veste piccolo o grande."
                ),
            ),
            "fi": (
                "Miten vaihdan tuotteen toiseen kokoon?",
                (
                    "Jos vaate tai kengät eivät sovi, voit vaihtaa ne maksutta saman "
                    "tuotteen toiseen kokoon 30 päivän kuluessa toimituksesta. Vaihto on "
                    "mahdollinen Italiaan, Suomeen, Bulgariaan ja Romaniaan toimitetuissa "
                    "tilauksissa. Jos tilauksesi toimitettiin Saudi-Arabiaan tai "
                    "Yhdysvaltoihin, palauta tuote ja tee uusi tilaus oikeasta koosta.\n\n"
                    "## Näin pyydät vaihtoa\n"
                    "1. Valitse **Oma tili > Tilaukset** ja sitten **Palauta tuotteita**.\n"
                    "2. Valitse tuote, valitse **Vaihda kokoa** ja valitse uusi koko.\n"
                    "3. Lähetä tuote takaisin maksuttomalla palautustarralla 7 päivän "
                    "kuluessa.\n\n"
                    "Varaamme uuden koon sinulle ja lähetämme sen heti, kun kuljetusyhtiö "
                    "on skannannut palautuspakettisi. Sinun ei siis tarvitse odottaa, että "
                    "paketti saapuu varastoomme.\n\n"
                    "## Jos kokoa ei ole saatavilla\n"
                    "Jos haluamasi koko on loppunut, ilmoitamme siitä sähköpostitse ja "
                    "hyvitämme tuotteen hinnan. Jos haluat vaihtaa tuotteen toiseen väriin "
                    "tai kokonaan toiseen tuotteeseen, palauta tuote ja tee uusi tilaus.\n\n"
                    "## Näin löydät oikean koon\n"
                    "Jokaisella tuotesivulla on **Kokotaulukko**, jossa mitat on ilmoitettu "
                    "senttimetreinä. Kenkiä varten mittaa jalkasi kantapäästä pisimmän "
                    "varpaan kärkeen ja vertaa pituutta taulukkoon. Jos olet kahden koon "
                    "välillä, tuotekuvauksesta näet, onko tuote koostaan pieni vai suuri."
                ),
            ),
            "bg": (
                "Как да заменя артикул с друг размер?",
                (
                    "Ако дреха или обувки не Ви стават, можете безплатно да ги замените с "
                    "друг размер на същия артикул в срок от 30 дни след доставката. "
                    "Замяната е възможна за поръчки, доставени в Италия, Финландия, "
                    "България и Румъния. За Саудитска Арабия и САЩ, моля, върнете артикула "
                    "и направете нова поръчка в нужния размер.\n\n"
                    "## Как да заявите замяна\n"
                    "1. Отворете **Моят профил > Поръчки** и изберете **Върни артикули**.\n"
                    "2. Изберете артикула, след това **Замяна с друг размер** и новия "
                    "размер.\n"
                    "3. Изпратете артикула обратно с безплатния етикет за връщане в срок от "
                    "7 дни.\n\n"
                    "Запазваме новия размер за Вас и го изпращаме веднага щом куриерът "
                    "сканира пратката Ви за връщане, така че не е нужно да чакате тя да "
                    "пристигне в склада ни.\n\n"
                    "## Ако размерът е изчерпан\n"
                    "Ако желаният размер вече не е наличен, ще Ви уведомим по имейл и ще Ви "
                    "възстановим сумата за артикула. Ако искате друг цвят или друг продукт, "
                    "върнете артикула и направете нова поръчка.\n\n"
                    "## Как да намерите точния размер\n"
                    "На всяка продуктова страница има **Таблица с размери** с мерките на "
                    "тялото в сантиметри. За обувките измерете стъпалото си от петата до "
                    "най-дългия пръст и сравнете дължината с таблицата. Ако сте между два "
                    "размера, в описанието на продукта ще видите дали моделът е по-малък "
                    "или по-голям от стандартния размер."
                ),
            ),
            "ro": (
                "Cum schimb un produs cu o altă mărime?",
                (
                    "Dacă hainele sau încălțămintea nu vă vin bine, le puteți schimba "
                    "gratuit cu o altă mărime a aceluiași produs, în termen de 30 de zile "
                    "de la livrare. Schimbul este disponibil pentru comenzile livrate în "
                    "Italia, Finlanda, Bulgaria și România. Pentru Arabia Saudită și SUA, "
                    "vă rugăm să returnați produsul și să plasați o comandă nouă pentru "
                    "mărimea dorită.\n\n"
                    "## Cum solicitați schimbul\n"
                    "1. Accesați **Contul meu > Comenzi** și selectați **Returnează "
                    "produse**.\n"
                    "2. Alegeți produsul, selectați **Schimbă mărimea** și indicați noua "
                    "mărime.\n"
                    "3. Trimiteți produsul înapoi cu eticheta de retur gratuită, în cel "
                    "mult 7 zile.\n\n"
                    "Rezervăm noua mărime pentru dumneavoastră și o expediem imediat ce "
                    "curierul scanează coletul de retur, așa că nu trebuie să așteptați să "
                    "ajungă în depozitul nostru.\n\n"
                    "## Dacă mărimea nu mai este disponibilă\n"
                    "Dacă mărimea dorită nu mai este în stoc, vă anunțăm prin e-mail și vă "
                    "rambursăm contravaloarea produsului. Pentru o altă culoare sau un alt "
                    "produs, returnați produsul și plasați o comandă nouă.\n\n"
                    "## Cum găsiți mărimea potrivită\n"
                    "Pe fiecare pagină de produs găsiți **Ghidul de mărimi**, cu măsurile "
                    "corpului în centimetri. Pentru încălțăminte, măsurați piciorul de la "
                    "călcâi până la vârful celui mai lung deget și comparați lungimea cu "
                    "tabelul. Dacă sunteți între două mărimi, descrierea produsului vă "
                    "spune dacă modelul vine mai mic sau mai mare."
                ),
            ),
            "ar": (
                "كيف يمكنني استبدال منتج بمقاس آخر؟",
                (
                    "إذا لم يكن مقاس الملابس أو الأحذية مناسباً، يمكن استبدالها مجاناً "
                    "بمقاس آخر من المنتج نفسه خلال 30 يوماً من التوصيل. وتتوفر خدمة "
                    "الاستبدال للطلبات الموصلة إلى إيطاليا وفنلندا وبلغاريا ورومانيا. أما "
                    "في المملكة العربية السعودية والولايات المتحدة، فيُرجى إرجاع المنتج "
                    "وتقديم طلب جديد بالمقاس المطلوب.\n\n"
                    "## خطوات طلب الاستبدال\n"
                    "1. الانتقال إلى **حسابي > الطلبات** واختيار **إرجاع المنتجات**.\n"
                    "2. اختيار المنتج، ثم **استبدال بمقاس آخر**، وتحديد المقاس الجديد.\n"
                    "3. إعادة إرسال المنتج باستخدام ملصق الإرجاع المجاني خلال 7 أيام.\n\n"
                    "نحجز المقاس الجديد لك ونشحنه فور تسجيل شركة الشحن لطرد الإرجاع، فلا "
                    "حاجة إلى انتظار وصوله إلى مستودعنا.\n\n"
                    "## إذا نفد المقاس المطلوب\n"
                    "إذا لم يعد المقاس المطلوب متوفراً، نُبلغك بذلك بالبريد الإلكتروني "
                    "ونردّ قيمة المنتج. ولتغيير اللون أو اختيار منتج مختلف، يُرجى إرجاع "
                    "المنتج وتقديم طلب جديد.\n\n"
                    "## كيفية اختيار المقاس المناسب\n"
                    "تحتوي كل صفحة منتج على **دليل المقاسات** الذي يعرض قياسات الجسم "
                    "بالسنتيمتر. وبالنسبة إلى الأحذية، يُقاس طول القدم من الكعب إلى طرف "
                    "أطول إصبع ثم يُقارن بالجدول. وإذا كان المقاس بين مقاسين، فإن وصف "
                    "المنتج يوضح ما إذا كان الموديل يأتي بمقاس أصغر أو أكبر من المعتاد."
                ),
            ),
        },
    ),
    DemoArticle(
        key="refund-timing",
        category="returns",
        section="refunds",
        visibility="public",
        tags=("refund", "refund time", "money back", "credit note"),
        texts={
            "en": (
                "When will I get my refund?",
                (
                    "We refund you as soon as your return has reached our warehouse and "
                    "been checked. Checking takes up to 5 business days after the parcel "
                    "arrives, and we send you an email as soon as the refund has been "
                    "issued.\n\n"
                    "## How long the refund takes to appear\n"
                    "The refund goes back to the payment method you used for the order:\n"
                    "- **PayPal:** 1–2 business days\n"
                    "- **Bank transfer:** 3–5 business days\n"
                    "- **Card:** 3–10 business days, depending on your bank\n"
                    "- **Gift card:** immediately, as balance on the same gift card\n"
                    "- **Cash on delivery:** by bank transfer within 3–5 business days, to "
                    "the account (IBAN) you give us when creating the return\n\n"
                    "## What is refunded\n"
                    "We refund the price of the returned items. If you return the whole "
                    "order, we also refund the standard shipping cost you paid. For returns "
                    "from Saudi Arabia and the USA, the €9.90 return label is deducted from "
                    "the refund. Loyalty points earned on the returned items are removed "
                    "from your account.\n\n"
                    "## Still waiting?\n"
                    "If the refund hasn't arrived within the times above, check the date in "
                    "our refund email and ask your bank whether the payment has been "
                    "received. If you still can't find it, contact us with your order "
                    "number and we will send you the payment reference."
                ),
            ),
            "it": (
                "Quando riceverò il rimborso?",
                (
                    "Il rimborso viene emesso non appena il reso arriva al nostro magazzino "
                    "ed è stato controllato. Il controllo richiede al massimo 5 giorni "
                    "lavorativi dall'arrivo del pacco e, una volta emesso il rimborso, Le "
                    "inviamo un'e-mail di conferma.\n\n"
                    "## Tempi di accredito\n"
                    "Il rimborso viene effettuato con lo stesso metodo di pagamento "
                    "utilizzato per l'ordine:\n"
                    "- **PayPal:** 1–2 giorni lavorativi\n"
                    "- **Bonifico bancario:** 3–5 giorni lavorativi\n"
                    "- **Carta:** 3–10 giorni lavorativi, a seconda della banca\n"
                    "- **Carta regalo:** immediatamente, come credito sulla stessa carta "
                    "regalo\n"
                    "- **Contrassegno:** con bonifico entro 3–5 giorni lavorativi sul conto "
                    "(IBAN) indicato al momento della richiesta di reso\n\n"
                    "## Cosa viene rimborsato\n"
                    "Rimborsiamo il prezzo degli articoli restituiti. Se restituisce "
                    "l'intero ordine, rimborsiamo anche le spese di spedizione standard "
                    "pagate. Per i resi da Arabia Saudita e Stati Uniti, il costo "
                    "dell'etichetta di reso di 9,90 € viene detratto dal rimborso. I punti "
                    "fedeltà accumulati con gli articoli restituiti vengono stornati dal "
                    "Suo account.\n\n"
                    "## Non ha ancora ricevuto il rimborso?\n"
                    "Se il rimborso non è arrivato entro i tempi indicati, controlli la "
                    "data riportata nella nostra e-mail di rimborso e verifichi con la Sua "
                    "banca se l'accredito è stato ricevuto. Se non lo trova ancora, ci "
                    "contatti indicando il numero d'ordine e Le invieremo il riferimento "
                    "del pagamento."
                ),
            ),
            "fi": (
                "Milloin saan hyvityksen?",
                (
                    "Maksamme hyvityksen heti, kun palautus on saapunut varastoomme ja "
                    "tarkastettu. Tarkastus kestää enintään 5 arkipäivää paketin "
                    "saapumisesta, ja lähetämme sinulle sähköpostia, kun hyvitys on "
                    "maksettu.\n\n"
                    "## Milloin hyvitys näkyy tililläsi?\n"
                    "Hyvitys maksetaan samalla maksutavalla, jota käytit tilauksessa:\n"
                    "- **PayPal:** 1–2 arkipäivää\n"
                    "- **Tilisiirto:** 3–5 arkipäivää\n"
                    "- **Maksukortti:** 3–10 arkipäivää pankistasi riippuen\n"
                    "- **Lahjakortti:** heti saldona samalle lahjakortille\n"
                    "- **Postiennakko:** tilisiirtona 3–5 arkipäivän kuluessa tilille "
                    "(IBAN), jonka ilmoitat palautusta tehdessäsi\n\n"
                    "## Mitä hyvitämme?\n"
                    "Hyvitämme palautettujen tuotteiden hinnan. Jos palautat koko "
                    "tilauksen, hyvitämme myös maksamasi vakiotoimituksen kulut. "
                    "Saudi-Arabiasta ja Yhdysvalloista tehdyistä palautuksista vähennämme "
                    "hyvityksestä palautustarran hinnan, 9,90 €. Palautetuista tuotteista "
                    "kertyneet kanta-asiakaspisteet poistetaan tililtäsi.\n\n"
                    "## Hyvitys ei ole vielä saapunut\n"
                    "Jos hyvitystä ei ole näkynyt edellä mainitussa ajassa, tarkista "
                    "maksupäivä hyvitystä koskevasta sähköpostistamme ja kysy pankistasi, "
                    "onko maksu saapunut. Jos et vieläkään löydä sitä, ota meihin yhteyttä "
                    "ja kerro tilausnumerosi, niin lähetämme sinulle maksun viitetiedot."
                ),
            ),
            "bg": (
                "Кога ще ми бъде възстановена сумата?",
                (
                    "Възстановяваме сумата веднага щом върнатата пратка пристигне в склада "
                    "ни и бъде проверена. Проверката отнема до 5 работни дни след "
                    "пристигането на пратката, а когато сумата бъде възстановена, ще Ви "
                    "изпратим имейл.\n\n"
                    "## За колко време сумата постъпва при Вас\n"
                    "Сумата се възстановява по начина, по който сте платили поръчката:\n"
                    "- **PayPal:** 1–2 работни дни\n"
                    "- **Банков превод:** 3–5 работни дни\n"
                    "- **Карта:** 3–10 работни дни в зависимост от банката Ви\n"
                    "- **Карта за подарък:** веднага, като наличност по същата карта\n"
                    "- **Наложен платеж:** с банков превод в рамките на 3–5 работни дни по "
                    "сметката (IBAN), която посочите при заявяване на връщането\n\n"
                    "## Какво се възстановява\n"
                    "Възстановяваме цената на върнатите артикули. Ако върнете цялата "
                    "поръчка, възстановяваме и платената стандартна доставка. При връщане "
                    "от Саудитска Арабия и САЩ цената на етикета за връщане от 9,90 € се "
                    "приспада от сумата. Точките за лоялност, натрупани с върнатите "
                    "артикули, се премахват от профила Ви.\n\n"
                    "## Все още чакате?\n"
                    "Ако сумата не е постъпила в посочените срокове, проверете датата в "
                    "нашия имейл за възстановяване и попитайте банката си дали плащането е "
                    "получено. Ако все още не го откривате, свържете се с нас с номера на "
                    "поръчката и ще Ви изпратим референцията на плащането."
                ),
            ),
            "ro": (
                "Când primesc banii înapoi?",
                (
                    "Efectuăm rambursarea imediat ce returul a ajuns în depozitul nostru și "
                    "a fost verificat. Verificarea durează cel mult 5 zile lucrătoare de la "
                    "sosirea coletului, iar după efectuarea rambursării vă trimitem un "
                    "e-mail de confirmare.\n\n"
                    "## În cât timp apar banii în cont\n"
                    "Rambursarea se face prin aceeași metodă de plată folosită pentru "
                    "comandă:\n"
                    "- **PayPal:** 1–2 zile lucrătoare\n"
                    "- **Transfer bancar:** 3–5 zile lucrătoare\n"
                    "- **Card:** 3–10 zile lucrătoare, în funcție de bancă\n"
                    "- **Card cadou:** imediat, ca sold pe același card cadou\n"
                    "- **Ramburs:** prin transfer bancar în 3–5 zile lucrătoare, în contul "
                    "(IBAN) indicat la inițierea returului\n\n"
                    "## Ce se rambursează\n"
                    "Rambursăm prețul produselor returnate. Dacă returnați întreaga "
                    "comandă, rambursăm și costul livrării standard pe care l-ați plătit. "
                    "Pentru retururile din Arabia Saudită și SUA, costul etichetei de "
                    "retur, de 9,90 €, se scade din rambursare. Punctele de fidelitate "
                    "obținute pentru produsele returnate se retrag din contul "
                    "dumneavoastră.\n\n"
                    "## Încă nu ați primit banii?\n"
                    "Dacă rambursarea nu a ajuns în termenele de mai sus, verificați data "
                    "din e-mailul nostru de rambursare și întrebați banca dacă plata a fost "
                    "primită. Dacă tot nu o găsiți, contactați-ne cu numărul comenzii și vă "
                    "trimitem referința plății."
                ),
            ),
            "ar": (
                "متى أسترد المبلغ المدفوع؟",
                (
                    "نردّ المبلغ فور وصول المرتجع إلى مستودعنا وفحصه. ويستغرق الفحص 5 أيام "
                    "عمل كحد أقصى من تاريخ وصول الطرد، ونرسل إليك رسالة بالبريد الإلكتروني "
                    "فور إصدار المبلغ المسترد.\n\n"
                    "## متى يظهر المبلغ المسترد؟\n"
                    "يُردّ المبلغ بطريقة الدفع نفسها المستخدمة في الطلب:\n"
                    "- **PayPal:** من يوم إلى يومَي عمل\n"
                    "- **التحويل البنكي:** من 3 إلى 5 أيام عمل\n"
                    "- **البطاقة:** من 3 إلى 10 أيام عمل، بحسب البنك\n"
                    "- **بطاقة الهدايا:** فوراً، كرصيد على بطاقة الهدايا نفسها\n"
                    "- **الدفع عند الاستلام:** بتحويل بنكي خلال 3 إلى 5 أيام عمل إلى الحساب "
                    "(IBAN) المذكور عند إنشاء طلب الإرجاع\n\n"
                    "## ما المبالغ التي تُردّ؟\n"
                    "نردّ ثمن المنتجات المرتجعة. وفي حال إرجاع الطلب بالكامل، نردّ أيضاً "
                    "تكلفة الشحن العادي المدفوعة. وبالنسبة إلى المرتجعات من المملكة العربية "
                    "السعودية والولايات المتحدة، تُخصم تكلفة ملصق الإرجاع البالغة 9.90 يورو "
                    "من المبلغ المسترد. كما تُحذف من الحساب نقاط الولاء المكتسبة على "
                    "المنتجات المرتجعة.\n\n"
                    "## لم يصل المبلغ بعد؟\n"
                    "إذا لم يصل المبلغ خلال المدد المذكورة، يُرجى التحقق من التاريخ الوارد "
                    "في رسالة الاسترداد المرسلة منا، والاستفسار من البنك عمّا إذا كانت "
                    "الدفعة قد وصلت. وإذا تعذّر العثور عليها، يُرجى التواصل معنا مع ذكر رقم "
                    "الطلب، وسنرسل إليك المرجع الخاص بالدفعة."
                ),
            ),
        },
    ),
    DemoArticle(
        key="damaged-wrong-item",
        category="returns",
        section="faults",
        visibility="public",
        tags=("damaged item", "wrong item", "missing item", "replacement"),
        texts={
            "en": (
                "What should I do if my item arrives damaged or is wrong?",
                (
                    "We're sorry if your order didn't arrive as expected. Please let us "
                    "know within 7 days of delivery and we will put it right at no cost to "
                    "you; we reply to every report within 1 business day. If a product "
                    "develops a fault after a period of use, please make a warranty claim "
                    "instead.\n\n"
                    "## If the parcel is visibly damaged\n"
                    "If the box is clearly damaged when the courier arrives, ask the "
                    "courier to note the damage, or refuse the parcel. Take photos of the "
                    "box before opening it.\n\n"
                    "## How to report the problem\n"
                    "1. Go to **My account > Orders**, open the order and select **Report a "
                    "problem**. You can also contact us with your order number.\n"
                    "2. Choose **Damaged item**, **Wrong item** or **Missing item**.\n"
                    "3. Add photos of the item, the packaging and the shipping label.\n\n"
                    "## What happens next\n"
                    "You choose between a replacement and a full refund. If we need the "
                    "item back, we send you a free return label and ship the replacement as "
                    "soon as the courier scans your return. For lower-value items, we may "
                    "simply ask you to keep or recycle the item, so you don't need to send "
                    "anything back."
                ),
            ),
            "it": (
                "Cosa devo fare se ricevo un articolo danneggiato o sbagliato?",
                (
                    "Ci dispiace che l'ordine non sia arrivato come previsto. Ce lo segnali "
                    "entro 7 giorni dalla consegna e risolveremo il problema senza alcun "
                    "costo per Lei; rispondiamo a ogni segnalazione entro 1 giorno "
                    "lavorativo. Se invece un prodotto presenta un difetto dopo un periodo "
                    "di utilizzo, apra una richiesta di garanzia.\n\n"
                    "## Se il pacco è visibilmente danneggiato\n"
                    "Se alla consegna la scatola è chiaramente danneggiata, chieda al "
                    "corriere di annotare il danno oppure rifiuti il pacco. Fotografi la "
                    "scatola prima di aprirla.\n\n"
                    "## Come segnalare il problema\n"
                    "1. Vada su **Il mio account > Ordini**, apra l'ordine e selezioni "
                    "**Segnala un problema**. In alternativa ci contatti indicando il "
                    "numero d'ordine.\n"
                    "2. Scelga **Articolo danneggiato**, **Articolo errato** o **Articolo "
                    "mancante**.\n"
                    "3. Alleghi le foto dell'articolo, dell'imballaggio e dell'etichetta di "
                    "spedizione.\n\n"
                    "## Cosa succede dopo\n"
                    "Può scegliere tra la sostituzione e il rimborso completo. Se abbiamo "
                    "bisogno dell'articolo, Le inviamo un'etichetta di reso gratuita e "
                    "spediamo la sostituzione non appena il corriere registra il reso. Per "
                    "gli articoli di valore più basso potremmo semplicemente chiederLe di "
                    "tenere o riciclare l'articolo, senza doverci rispedire nulla."
                ),
            ),
            "fi": (
                "Mitä teen, jos saamani tuote on vaurioitunut tai väärä?",
                (
                    "Olemme pahoillamme, jos tilauksesi ei saapunut odotetusti. Ilmoita "
                    "asiasta meille 7 päivän kuluessa toimituksesta, niin korjaamme "
                    "tilanteen ilman kuluja sinulle. Vastaamme jokaiseen ilmoitukseen 1 "
                    "arkipäivän kuluessa. Jos tuotteeseen tulee vika vasta käytössä, tee "
                    "sen sijaan takuuvaatimus.\n\n"
                    "## Jos paketti on näkyvästi vaurioitunut\n"
                    "Jos laatikko on selvästi vaurioitunut toimitushetkellä, pyydä "
                    "kuljettajaa merkitsemään vaurio muistiin tai kieltäydy "
                    "vastaanottamasta pakettia. Ota laatikosta kuvia ennen sen avaamista.\n\n"
                    "## Näin ilmoitat ongelmasta\n"
                    "1. Valitse **Oma tili > Tilaukset**, avaa tilaus ja valitse **Ilmoita "
                    "ongelmasta**. Voit myös ottaa meihin yhteyttä ja kertoa "
                    "tilausnumerosi.\n"
                    "2. Valitse **Vaurioitunut tuote**, **Väärä tuote** tai **Puuttuva "
                    "tuote**.\n"
                    "3. Liitä kuvat tuotteesta, pakkauksesta ja osoitetarrasta.\n\n"
                    "## Mitä sen jälkeen tapahtuu?\n"
                    "Voit valita, haluatko korvaavan tuotteen vai koko summan hyvityksenä. "
                    "Jos tarvitsemme tuotteen takaisin, lähetämme sinulle maksuttoman "
                    "palautustarran ja lähetämme korvaavan tuotteen heti, kun kuljetusyhtiö "
                    "on skannannut palautuksesi. Edullisempien tuotteiden kohdalla saatamme "
                    "pyytää, että pidät tuotteen tai kierrätät sen, jolloin sinun ei "
                    "tarvitse lähettää mitään takaisin."
                ),
            ),
            "bg": (
                "Какво да направя, ако артикулът пристигне повреден или сгрешен?",
                (
                    "Съжаляваме, че поръчката Ви не е пристигнала както трябва. Уведомете "
                    "ни в срок от 7 дни след доставката и ще решим проблема без разходи за "
                    "Вас; отговаряме на всеки сигнал в рамките на 1 работен ден. Ако "
                    "продуктът се повреди след известно време на употреба, моля, подайте "
                    "гаранционна рекламация.\n\n"
                    "## Ако пратката е видимо повредена\n"
                    "Ако кутията е видимо повредена при доставката, помолете куриера да "
                    "отбележи повредата или откажете пратката. Снимайте кутията, преди да я "
                    "отворите.\n\n"
                    "## Как да съобщите за проблема\n"
                    "1. Отворете **Моят профил > Поръчки**, изберете поръчката и натиснете "
                    "**Съобщи за проблем**. Можете също да се свържете с нас, като посочите "
                    "номера на поръчката.\n"
                    "2. Изберете **Повреден артикул**, **Грешен артикул** или **Липсващ "
                    "артикул**.\n"
                    "3. Прикачете снимки на артикула, опаковката и етикета на пратката.\n\n"
                    "## Какво следва\n"
                    "Вие избирате между замяна и пълно възстановяване на сумата. Ако "
                    "артикулът трябва да ни бъде върнат, ще Ви изпратим безплатен етикет за "
                    "връщане и ще изпратим новия артикул веднага щом куриерът сканира "
                    "пратката. При артикули с по-ниска стойност може просто да Ви помолим "
                    "да задържите или рециклирате артикула, без да ни го връщате."
                ),
            ),
            "ro": (
                "Ce fac dacă produsul a sosit deteriorat sau am primit alt produs?",
                (
                    "Ne pare rău că această comandă nu a ajuns așa cum vă așteptați. "
                    "Anunțați-ne în cel mult 7 zile de la livrare și vom rezolva problema "
                    "fără niciun cost pentru dumneavoastră; răspundem la fiecare sesizare "
                    "în cel mult 1 zi lucrătoare. Dacă un produs se defectează după o "
                    "perioadă de utilizare, vă rugăm să depuneți o cerere de garanție.\n\n"
                    "## Dacă coletul este vizibil deteriorat\n"
                    "Dacă la livrare cutia este vizibil deteriorată, rugați curierul să "
                    "consemneze deteriorarea sau refuzați coletul. Fotografiați cutia "
                    "înainte de a o deschide.\n\n"
                    "## Cum semnalați problema\n"
                    "1. Accesați **Contul meu > Comenzi**, deschideți comanda și selectați "
                    "**Raportează o problemă**. Ne puteți contacta și direct, indicând "
                    "numărul comenzii.\n"
                    "2. Alegeți **Produs deteriorat**, **Produs greșit** sau **Produs "
                    "lipsă**.\n"
                    "3. Adăugați fotografii ale produsului, ale ambalajului și ale "
                    "etichetei de expediere.\n\n"
                    "## Ce urmează\n"
                    "Puteți alege între înlocuirea produsului și rambursarea integrală. "
                    "Dacă avem nevoie de produs, vă trimitem o etichetă de retur gratuită "
                    "și expediem înlocuirea imediat ce curierul scanează returul. Pentru "
                    "produsele de valoare mai mică, vă putem ruga pur și simplu să păstrați "
                    "sau să reciclați produsul, fără să ne trimiteți nimic înapoi."
                ),
            ),
            "ar": (
                "ماذا أفعل إذا وصل المنتج تالفاً أو مختلفاً عن طلبي؟",
                (
                    "نأسف إذا لم يصل طلبك على النحو المتوقع. يُرجى إبلاغنا خلال 7 أيام من "
                    "التوصيل، وسنعالج المشكلة دون أي تكلفة عليك، ونردّ على كل بلاغ خلال يوم "
                    "عمل واحد. أما إذا ظهر عيب في المنتج بعد فترة من الاستخدام، فيُرجى "
                    "تقديم مطالبة بالضمان بدلاً من ذلك.\n\n"
                    "## إذا كان الطرد تالفاً بشكل واضح\n"
                    "إذا كانت العلبة تالفة بوضوح عند التسليم، يُرجى الطلب من المندوب تدوين "
                    "الضرر أو رفض استلام الطرد، مع تصوير العلبة قبل فتحها.\n\n"
                    "## كيفية الإبلاغ عن المشكلة\n"
                    "1. الانتقال إلى **حسابي > الطلبات** وفتح الطلب واختيار **الإبلاغ عن "
                    "مشكلة**، أو التواصل معنا مع ذكر رقم الطلب.\n"
                    "2. اختيار **منتج تالف** أو **منتج غير صحيح** أو **منتج ناقص**.\n"
                    "3. إرفاق صور للمنتج والتغليف وملصق الشحن.\n\n"
                    "## الخطوات التالية\n"
                    "يعود إليك الاختيار بين استبدال المنتج واسترداد المبلغ كاملاً. وإذا "
                    "احتجنا إلى استعادة المنتج، نرسل إليك ملصق إرجاع مجانياً ونشحن البديل "
                    "فور تسجيل شركة الشحن للطرد المرتجع. أما المنتجات منخفضة القيمة، فقد "
                    "نطلب الاحتفاظ بها أو إعادة تدويرها دون الحاجة إلى إرسال أي شيء إلينا."
                ),
            ),
        },
    ),
    DemoArticle(
        key="warranty-claims",
        category="returns",
        section="faults",
        visibility="public",
        tags=("warranty", "guarantee", "faulty product", "repair"),
        texts={
            "en": (
                "How do I make a warranty claim?",
                (
                    "All products from Bottega Cortesia have a 24-month warranty from the "
                    "date of delivery, in every country we ship to. If a product develops a "
                    "fault during this time, we will repair it, replace it or refund it.\n\n"
                    "## What the warranty covers\n"
                    "The warranty covers manufacturing and material defects, such as a sole "
                    "coming loose, a broken zip or a home appliance that stops working. It "
                    "does not cover:\n"
                    "- normal wear and tear, such as worn soles or tyre tread\n"
                    "- damage caused by accidents, misuse or not following the care "
                    "instructions\n"
                    "- tyre damage from punctures, incorrect pressure or incorrect fitting\n\n"
                    "## How to make a claim\n"
                    "1. Go to **My account > Orders**, open the order and select **Warranty "
                    "claim**.\n"
                    "2. Describe the fault and add photos or a short video.\n"
                    "3. For tyres, add a photo of the sidewall showing the DOT code and, if "
                    "you have one, the garage's report.\n\n"
                    "Your order number is your proof of purchase, so you don't need to send "
                    "a receipt.\n\n"
                    "## What happens next\n"
                    "We reply within 3 business days. If we need to inspect the product, we "
                    "send you a free return label. Repairs usually take 10–15 business "
                    "days; if a repair isn't possible, we offer you a replacement or a "
                    "refund."
                ),
            ),
            "it": (
                "Come posso richiedere un intervento in garanzia?",
                (
                    "Tutti i prodotti di Bottega Cortesia sono coperti da una garanzia di "
                    "24 mesi dalla data di consegna, in tutti i Paesi in cui spediamo. Se "
                    "in questo periodo un prodotto presenta un difetto, provvediamo alla "
                    "riparazione, alla sostituzione o al rimborso.\n\n"
                    "## Cosa copre la garanzia\n"
                    "La garanzia copre i difetti di fabbricazione e dei materiali, ad "
                    "esempio una suola che si stacca, una cerniera rotta o un piccolo "
                    "elettrodomestico che smette di funzionare. Non copre:\n"
                    "- la normale usura, ad esempio di suole o battistrada\n"
                    "- i danni dovuti a incidenti, uso improprio o mancato rispetto delle "
                    "istruzioni di manutenzione\n"
                    "- i danni agli pneumatici causati da forature, pressione errata o "
                    "montaggio scorretto\n\n"
                    "## Come presentare la richiesta\n"
                    "1. Vada su **Il mio account > Ordini**, apra l'ordine e selezioni "
                    "**Richiesta di garanzia**.\n"
                    "2. Descriva il difetto e alleghi foto o un breve video.\n"
                    "3. Per gli pneumatici, alleghi una foto del fianco con il codice DOT "
                    "e, se disponibile, il rapporto del gommista.\n\n"
                    "Il numero d'ordine vale come prova d'acquisto: non è necessario "
                    "inviare lo scontrino.\n\n"
                    "## Cosa succede dopo\n"
                    "Rispondiamo entro 3 giorni lavorativi. Se dobbiamo esaminare il "
                    "prodotto, Le inviamo un'etichetta di reso gratuita. La riparazione "
                    "richiede di solito 10–15 giorni lavorativi; se non è possibile, Le "
                    "proponiamo la sostituzione o il rimborso."
                ),
            ),
            "fi": (
                "Miten teen takuuvaatimuksen?",
                (
                    "Kaikilla Bottega Cortesian tuotteilla on 24 kuukauden takuu "
                    "toimituspäivästä alkaen kaikissa maissa, joihin toimitamme. Jos "
                    "tuotteeseen tulee vika takuuaikana, korjaamme sen, vaihdamme sen "
                    "uuteen tai hyvitämme sen hinnan.\n\n"
                    "## Mitä takuu kattaa?\n"
                    "Takuu kattaa valmistus- ja materiaaliviat, kuten irtoavan pohjan, "
                    "rikkoutuneen vetoketjun tai kodinkoneen, joka lakkaa toimimasta. Takuu "
                    "ei kata:\n"
                    "- tavallista kulumista, kuten kuluneita pohjia tai renkaan "
                    "kulutuspintaa\n"
                    "- vahinkoja, jotka johtuvat onnettomuudesta, väärinkäytöstä tai "
                    "hoito-ohjeiden laiminlyönnistä\n"
                    "- renkaiden vaurioita, jotka johtuvat puhkeamisesta, väärästä "
                    "rengaspaineesta tai virheellisestä asennuksesta\n\n"
                    "## Näin teet takuuvaatimuksen\n"
                    "1. Valitse **Oma tili > Tilaukset**, avaa tilaus ja valitse "
                    "**Takuuvaatimus**.\n"
                    "2. Kuvaile vika ja liitä mukaan kuvia tai lyhyt video.\n"
                    "3. Jos kyse on renkaista, liitä mukaan kuva renkaan kyljestä, jossa "
                    "DOT-koodi näkyy, sekä korjaamon raportti, jos sellainen on.\n\n"
                    "Tilausnumero toimii ostotositteena, joten kuittia ei tarvitse "
                    "lähettää.\n\n"
                    "## Mitä sen jälkeen tapahtuu?\n"
                    "Vastaamme 3 arkipäivän kuluessa. Jos meidän on tutkittava tuote, "
                    "lähetämme sinulle maksuttoman palautustarran. Korjaus kestää yleensä "
                    "10–15 arkipäivää. Jos tuotetta ei voi korjata, tarjoamme tilalle uuden "
                    "tuotteen tai hyvityksen."
                ),
            ),
            "bg": (
                "Как да предявя гаранционна рекламация?",
                (
                    "Всички продукти на Bottega Cortesia имат гаранция 24 месеца от датата "
                    "на доставка във всички държави, в които доставяме. Ако през този "
                    "период продуктът се повреди, ще го ремонтираме, заменим или ще Ви "
                    "възстановим сумата.\n\n"
                    "## Какво покрива гаранцията\n"
                    "Гаранцията покрива производствени дефекти и дефекти на материалите, "
                    "например отлепена подметка, счупен цип или домакински уред, който е "
                    "спрял да работи. Тя не покрива:\n"
                    "- нормалното износване, например на подметки или протектор на гуми\n"
                    "- повреди, причинени от инцидент, неправилна употреба или неспазване "
                    "на указанията за поддръжка\n"
                    "- повреди по гумите от пробиване, неправилно налягане или неправилен "
                    "монтаж\n\n"
                    "## Как да подадете рекламация\n"
                    "1. Отворете **Моят профил > Поръчки**, изберете поръчката и натиснете "
                    "**Гаранционна рекламация**.\n"
                    "2. Опишете дефекта и прикачете снимки или кратко видео.\n"
                    "3. За гуми прикачете снимка на страничната стена с видим DOT код и "
                    "протокола от сервиза, ако разполагате с такъв.\n\n"
                    "Номерът на поръчката служи като доказателство за покупката, така че не "
                    "е нужно да изпращате касова бележка.\n\n"
                    "## Какво следва\n"
                    "Отговаряме в рамките на 3 работни дни. Ако трябва да прегледаме "
                    "продукта, ще Ви изпратим безплатен етикет за връщане. Ремонтът "
                    "обикновено отнема 10–15 работни дни; ако ремонтът не е възможен, ще Ви "
                    "предложим замяна или възстановяване на сумата."
                ),
            ),
            "ro": (
                "Cum depun o cerere de garanție?",
                (
                    "Toate produsele Bottega Cortesia beneficiază de o garanție de 24 de "
                    "luni de la data livrării, în toate țările în care livrăm. Dacă un "
                    "produs se defectează în această perioadă, îl reparăm, îl înlocuim sau "
                    "vă rambursăm contravaloarea.\n\n"
                    "## Ce acoperă garanția\n"
                    "Garanția acoperă defectele de fabricație și de material, de exemplu o "
                    "talpă care se dezlipește, un fermoar stricat sau un electrocasnic care "
                    "nu mai funcționează. Garanția nu acoperă:\n"
                    "- uzura normală, de exemplu a tălpilor sau a benzii de rulare a "
                    "anvelopelor\n"
                    "- deteriorările cauzate de accidente, utilizare necorespunzătoare sau "
                    "nerespectarea instrucțiunilor de întreținere\n"
                    "- deteriorările anvelopelor cauzate de pene, presiune incorectă sau "
                    "montaj greșit\n\n"
                    "## Cum depuneți cererea\n"
                    "1. Accesați **Contul meu > Comenzi**, deschideți comanda și selectați "
                    "**Cerere de garanție**.\n"
                    "2. Descrieți defectul și adăugați fotografii sau un videoclip scurt.\n"
                    "3. Pentru anvelope, adăugați o fotografie a flancului pe care se vede "
                    "codul DOT și, dacă îl aveți, raportul service-ului.\n\n"
                    "Numărul comenzii servește drept dovadă de cumpărare, așa că nu trebuie "
                    "să trimiteți bonul fiscal.\n\n"
                    "## Ce urmează\n"
                    "Vă răspundem în cel mult 3 zile lucrătoare. Dacă trebuie să examinăm "
                    "produsul, vă trimitem o etichetă de retur gratuită. Reparația durează "
                    "de obicei 10–15 zile lucrătoare; dacă nu este posibilă, vă oferim "
                    "înlocuirea produsului sau rambursarea."
                ),
            ),
            "ar": (
                "كيف أقدّم مطالبة بالضمان؟",
                (
                    "تتمتع جميع منتجات Bottega Cortesia بضمان مدته 24 شهراً من تاريخ "
                    "التوصيل، في جميع البلدان التي نشحن إليها. وإذا ظهر عيب في المنتج خلال "
                    "هذه المدة، نتولى إصلاحه أو استبداله أو ردّ قيمته.\n\n"
                    "## ما الذي يشمله الضمان؟\n"
                    "يشمل الضمان عيوب التصنيع والمواد، مثل انفصال نعل الحذاء أو تعطّل "
                    "السحّاب أو توقف جهاز منزلي عن العمل. ولا يشمل:\n"
                    "- الاهتلاك الطبيعي، مثل تآكل النعل أو مداس الإطار\n"
                    "- الأضرار الناتجة عن الحوادث أو سوء الاستخدام أو عدم اتباع تعليمات "
                    "العناية\n"
                    "- أضرار الإطارات الناتجة عن الثقوب أو الضغط غير الصحيح أو التركيب "
                    "الخاطئ\n\n"
                    "## خطوات تقديم المطالبة\n"
                    "1. الانتقال إلى **حسابي > الطلبات** وفتح الطلب واختيار **مطالبة "
                    "بالضمان**.\n"
                    "2. وصف العيب وإرفاق صور أو مقطع فيديو قصير.\n"
                    "3. بالنسبة إلى الإطارات، إرفاق صورة للجدار الجانبي يظهر فيها رمز DOT، "
                    "وتقرير مركز التركيب إن وُجد.\n\n"
                    "يُعدّ رقم الطلب إثباتاً للشراء، فلا حاجة إلى إرسال إيصال.\n\n"
                    "## الخطوات التالية\n"
                    "نردّ خلال 3 أيام عمل. وإذا احتجنا إلى فحص المنتج، نرسل إليك ملصق إرجاع "
                    "مجانياً. ويستغرق الإصلاح عادةً من 10 إلى 15 يوم عمل، وإذا تعذّر "
                    "الإصلاح نعرض عليك منتجاً بديلاً أو استرداد المبلغ."
                ),
            ),
        },
    ),
    DemoArticle(
        key="password-reset",
        category="account",
        section="sign-in",
        visibility="public",
        tags=("password", "forgot password", "sign in", "locked account"),
        texts={
            "en": (
                "How do I reset my password?",
                (
                    "If you have forgotten your password, you can set a new one in a few "
                    "minutes. For your security, our customer service team can never see "
                    "your password or send it to you.\n\n"
                    "## Reset your password\n"
                    "1. On the sign-in page, select **Forgot password?**.\n"
                    "2. Enter the email address of your account.\n"
                    "3. Open the email we send you and select **Set new password**. The "
                    "link is valid for 60 minutes and can be used only once.\n"
                    "4. Choose a new password of at least 12 characters.\n\n"
                    "After the reset, you are signed out on all other devices. If you use "
                    "two-factor login, you will still need your code to sign in.\n\n"
                    "## The email hasn't arrived\n"
                    "- Wait up to 10 minutes and check your spam or junk folder.\n"
                    "- Make sure you entered the address you registered with. For security "
                    "reasons, we don't confirm whether an address has an account.\n"
                    "- If the link has expired, simply request a new one.\n\n"
                    "## Your account is locked\n"
                    "After 5 incorrect passwords in a row, sign-in is blocked for 15 "
                    "minutes. You can still reset your password during this time."
                ),
            ),
            "it": (
                "Come posso reimpostare la password?",
                (
                    "Se ha dimenticato la password, può impostarne una nuova in pochi "
                    "minuti. Per la Sua sicurezza, il nostro servizio clienti non può in "
                    "nessun caso vedere la Sua password né inviargliela.\n\n"
                    "## Reimpostare la password\n"
                    "1. Nella pagina di accesso selezioni **Password dimenticata?**.\n"
                    "2. Inserisca l'indirizzo e-mail del Suo account.\n"
                    "3. Apra l'e-mail che Le inviamo e selezioni **Imposta nuova "
                    "password**. Il link è valido 60 minuti e può essere usato una sola "
                    "volta.\n"
                    "4. Scelga una nuova password di almeno 12 caratteri.\n\n"
                    "Dopo la reimpostazione, le sessioni aperte su tutti gli altri "
                    "dispositivi vengono chiuse. Se utilizza l'accesso in due passaggi, per "
                    "accedere Le servirà comunque il codice.\n\n"
                    "## L'e-mail non è arrivata\n"
                    "- Attenda fino a 10 minuti e controlli la cartella dello spam o della "
                    "posta indesiderata.\n"
                    "- Verifichi di aver inserito l'indirizzo utilizzato per la "
                    "registrazione. Per motivi di sicurezza non confermiamo se un indirizzo "
                    "è associato a un account.\n"
                    "- Se il link è scaduto, ne richieda semplicemente uno nuovo.\n\n"
                    "## L'account è bloccato\n"
                    "Dopo 5 tentativi consecutivi con una password errata, l'accesso viene "
                    "bloccato per 15 minuti. Durante questo periodo può comunque "
                    "reimpostare la password."
                ),
            ),
            "fi": (
                "Miten vaihdan unohtuneen salasanan?",
                (
                    "Jos olet unohtanut salasanasi, voit asettaa uuden muutamassa "
                    "minuutissa. Turvallisuussyistä asiakaspalvelumme ei koskaan näe "
                    "salasanaasi eikä voi lähettää sitä sinulle.\n\n"
                    "## Näin asetat uuden salasanan\n"
                    "1. Valitse kirjautumissivulla **Unohtuiko salasana?**.\n"
                    "2. Anna tilisi sähköpostiosoite.\n"
                    "3. Avaa lähettämämme sähköpostiviesti ja valitse **Aseta uusi "
                    "salasana**. Linkki on voimassa 60 minuuttia, ja sitä voi käyttää vain "
                    "kerran.\n"
                    "4. Valitse uusi salasana, jossa on vähintään 12 merkkiä.\n\n"
                    "Salasanan vaihdon jälkeen sinut kirjataan ulos kaikilta muilta "
                    "laitteilta. Jos käytät kaksivaiheista kirjautumista, tarvitset "
                    "edelleen myös vahvistuskoodin.\n\n"
                    "## Sähköposti ei ole saapunut\n"
                    "- Odota enintään 10 minuuttia ja tarkista roskapostikansio.\n"
                    "- Varmista, että kirjoitit osoitteen, jolla rekisteröidyit. "
                    "Turvallisuussyistä emme kerro, onko osoitteella tiliä.\n"
                    "- Jos linkki on vanhentunut, tilaa uusi linkki.\n\n"
                    "## Tilisi on lukittu\n"
                    "Jos syötät väärän salasanan 5 kertaa peräkkäin, kirjautuminen estetään "
                    "15 minuutin ajaksi. Voit kuitenkin vaihtaa salasanasi tänä aikana."
                ),
            ),
            "bg": (
                "Как да сменя забравената си парола?",
                (
                    "Ако сте забравили паролата си, можете да зададете нова само за няколко "
                    "минути. От съображения за сигурност нашият екип по обслужване на "
                    "клиенти никога не вижда паролата Ви и не може да Ви я изпрати.\n\n"
                    "## Как да зададете нова парола\n"
                    "1. На страницата за вход изберете **Забравена парола?**.\n"
                    "2. Въведете имейл адреса на профила си.\n"
                    "3. Отворете имейла, който ще Ви изпратим, и изберете **Задай нова "
                    "парола**. Връзката е валидна 60 минути и може да се използва само "
                    "веднъж.\n"
                    "4. Изберете нова парола с поне 12 знака.\n\n"
                    "След смяната на паролата ще излезете от профила си на всички други "
                    "устройства. Ако използвате вход в две стъпки, пак ще Ви е нужен кодът "
                    "за вход.\n\n"
                    "## Имейлът не пристига\n"
                    "- Изчакайте до 10 минути и проверете папката за спам или нежелана "
                    "поща.\n"
                    "- Уверете се, че сте въвели адреса, с който сте се регистрирали. От "
                    "съображения за сигурност не потвърждаваме дали даден адрес има профил.\n"
                    "- Ако връзката е изтекла, просто заявете нова.\n\n"
                    "## Профилът Ви е блокиран\n"
                    "След 5 последователни опита с грешна парола входът се блокира за 15 "
                    "минути. През това време все пак можете да смените паролата си."
                ),
            ),
            "ro": (
                "Cum îmi resetez parola?",
                (
                    "Dacă ați uitat parola, puteți seta una nouă în doar câteva minute. "
                    "Pentru siguranța dumneavoastră, echipa noastră de asistență nu vă "
                    "poate vedea parola și nu v-o poate trimite.\n\n"
                    "## Resetarea parolei\n"
                    "1. Pe pagina de autentificare, selectați **Ați uitat parola?**.\n"
                    "2. Introduceți adresa de e-mail asociată contului.\n"
                    "3. Deschideți e-mailul primit de la noi și selectați **Setează o "
                    "parolă nouă**. Linkul este valabil 60 de minute și poate fi folosit o "
                    "singură dată.\n"
                    "4. Alegeți o parolă nouă de cel puțin 12 caractere.\n\n"
                    "După resetare, sesiunile deschise pe toate celelalte dispozitive se "
                    "închid automat. Dacă folosiți autentificarea în doi pași, veți avea "
                    "nevoie în continuare de cod pentru a vă conecta.\n\n"
                    "## Nu ați primit e-mailul\n"
                    "- Așteptați până la 10 minute și verificați dosarul Spam sau Junk.\n"
                    "- Asigurați-vă că ați introdus adresa cu care v-ați înregistrat. Din "
                    "motive de securitate, nu confirmăm dacă o adresă are cont.\n"
                    "- Dacă linkul a expirat, solicitați pur și simplu unul nou.\n\n"
                    "## Contul este blocat\n"
                    "După 5 parole greșite introduse consecutiv, autentificarea este "
                    "blocată timp de 15 minute. În acest interval puteți totuși să vă "
                    "resetați parola."
                ),
            ),
            "ar": (
                "كيف أعيد تعيين كلمة المرور؟",
                (
                    "في حال نسيان كلمة المرور، يمكن تعيين كلمة مرور جديدة خلال دقائق. "
                    "وحرصاً على أمان حسابك، لا يستطيع فريق خدمة العملاء الاطلاع على كلمة "
                    "المرور أو إرسالها إليك مطلقاً.\n\n"
                    "## خطوات تعيين كلمة مرور جديدة\n"
                    "1. اختيار **نسيت كلمة المرور؟** في صفحة تسجيل الدخول.\n"
                    "2. إدخال عنوان البريد الإلكتروني المرتبط بالحساب.\n"
                    "3. فتح الرسالة المرسلة منا واختيار **تعيين كلمة مرور جديدة**. والرابط "
                    "صالح لمدة 60 دقيقة ولا يمكن استخدامه إلا مرة واحدة.\n"
                    "4. اختيار كلمة مرور جديدة لا تقل عن 12 حرفاً.\n\n"
                    "بعد إعادة التعيين، يُسجَّل الخروج تلقائياً من جميع الأجهزة الأخرى. وفي "
                    "حال تفعيل تسجيل الدخول بخطوتين، سيظل الرمز مطلوباً لتسجيل الدخول.\n\n"
                    "## لم تصل الرسالة\n"
                    "- يُرجى الانتظار حتى 10 دقائق والتحقق من مجلد الرسائل غير المرغوب "
                    "فيها.\n"
                    "- يُرجى التأكد من إدخال العنوان المستخدم عند التسجيل. ولأسباب أمنية، "
                    "لا نؤكد ما إذا كان عنوان ما مرتبطاً بحساب.\n"
                    "- إذا انتهت صلاحية الرابط، يكفي طلب رابط جديد.\n\n"
                    "## الحساب مقفل\n"
                    "بعد إدخال كلمة مرور خاطئة 5 مرات متتالية، يُوقَف تسجيل الدخول لمدة 15 "
                    "دقيقة. ومع ذلك، يمكن إعادة تعيين كلمة المرور خلال هذه المدة."
                ),
            ),
        },
    ),
    DemoArticle(
        key="two-factor-login",
        category="account",
        section="sign-in",
        visibility="public",
        tags=("two-factor", "2FA", "authenticator app", "backup codes", "security"),
        texts={
            "en": (
                "How do I turn on two-factor login?",
                (
                    "Two-factor login protects your account even if someone finds out your "
                    "password. When you sign in, you enter your password and then a 6-digit "
                    "code from an authenticator app on your phone. It is optional, but we "
                    "strongly recommend it.\n\n"
                    "## Turn on two-factor login\n"
                    "1. Go to **My account > Security** and select **Turn on two-factor "
                    "login**.\n"
                    "2. Scan the QR code with any authenticator app.\n"
                    "3. Enter the 6-digit code shown in the app to confirm.\n"
                    "4. Save your 10 backup codes in a safe place. Each one can be used "
                    "only once.\n\n"
                    "The code in the app changes every 30 seconds, so always enter the one "
                    "currently shown.\n\n"
                    "## If you lose your phone\n"
                    "Sign in with one of your backup codes, then go to **My account > "
                    "Security** to set up two-factor login on your new phone. If you have "
                    "no backup codes left, contact us: we will verify your identity and "
                    "reset two-factor login within 2 business days.\n\n"
                    "## Turning it off\n"
                    "You can turn off two-factor login under **My account > Security**. To "
                    "confirm, enter your password and a current code. We send you an email "
                    "whenever two-factor login is turned on or off."
                ),
            ),
            "it": (
                "Come attivo l'accesso in due passaggi?",
                (
                    "L'accesso in due passaggi protegge il Suo account anche se qualcuno "
                    "dovesse scoprire la password. Al momento dell'accesso, oltre alla "
                    "password, inserisce un codice di 6 cifre generato da un'app di "
                    "autenticazione sul Suo telefono. È facoltativo, ma lo consigliamo "
                    "vivamente.\n\n"
                    "## Attivare l'accesso in due passaggi\n"
                    "1. Vada su **Il mio account > Sicurezza** e selezioni **Attiva "
                    "l'accesso in due passaggi**.\n"
                    "2. Scansioni il codice QR con un'app di autenticazione a Sua scelta.\n"
                    "3. Per confermare, inserisca il codice di 6 cifre mostrato nell'app.\n"
                    "4. Conservi in un luogo sicuro i 10 codici di backup: ciascuno può "
                    "essere usato una sola volta.\n\n"
                    "Il codice nell'app cambia ogni 30 secondi, quindi inserisca sempre "
                    "quello visualizzato in quel momento.\n\n"
                    "## Se perde il telefono\n"
                    "Acceda con uno dei codici di backup, poi vada su **Il mio account > "
                    "Sicurezza** per configurare l'accesso in due passaggi sul nuovo "
                    "telefono. Se non ha più codici di backup, ci contatti: verificheremo "
                    "la Sua identità e reimposteremo l'accesso in due passaggi entro 2 "
                    "giorni lavorativi.\n\n"
                    "## Disattivazione\n"
                    "Può disattivare l'accesso in due passaggi in **Il mio account > "
                    "Sicurezza**, confermando con la password e un codice valido. Le "
                    "inviamo un'e-mail ogni volta che l'accesso in due passaggi viene "
                    "attivato o disattivato."
                ),
            ),
            "fi": (
                "Miten otan kaksivaiheisen kirjautumisen käyttöön?",
                (
                    "Kaksivaiheinen kirjautuminen suojaa tiliäsi, vaikka joku saisi "
                    "selville salasanasi. Kirjautuessasi annat salasanan lisäksi "
                    "6-numeroisen koodin, jonka puhelimesi todennussovellus luo. "
                    "Kaksivaiheinen kirjautuminen on vapaaehtoinen, mutta suosittelemme "
                    "sitä lämpimästi.\n\n"
                    "## Näin otat sen käyttöön\n"
                    "1. Valitse **Oma tili > Tietoturva** ja sitten **Ota kaksivaiheinen "
                    "kirjautuminen käyttöön**.\n"
                    "2. Skannaa QR-koodi haluamallasi todennussovelluksella.\n"
                    "3. Vahvista käyttöönotto syöttämällä sovelluksen näyttämä 6-numeroinen "
                    "koodi.\n"
                    "4. Tallenna 10 varakoodia turvalliseen paikkaan. Kutakin koodia voi "
                    "käyttää vain kerran.\n\n"
                    "Sovelluksen koodi vaihtuu 30 sekunnin välein, joten syötä aina se "
                    "koodi, joka näkyy sillä hetkellä.\n\n"
                    "## Jos puhelimesi katoaa\n"
                    "Kirjaudu sisään jollakin varakoodillasi ja ota sitten kaksivaiheinen "
                    "kirjautuminen käyttöön uudessa puhelimessa kohdassa **Oma tili > "
                    "Tietoturva**. Jos sinulla ei ole enää varakoodeja, ota meihin "
                    "yhteyttä. Tarkistamme henkilöllisyytesi ja nollaamme kaksivaiheisen "
                    "kirjautumisen 2 arkipäivän kuluessa.\n\n"
                    "## Käytöstä poistaminen\n"
                    "Voit poistaa kaksivaiheisen kirjautumisen käytöstä kohdassa **Oma tili "
                    "> Tietoturva**. Vahvista muutos salasanallasi ja voimassa olevalla "
                    "koodilla. Lähetämme sinulle sähköpostiviestin aina, kun kaksivaiheinen "
                    "kirjautuminen otetaan käyttöön tai poistetaan käytöstä."
                ),
            ),
            "bg": (
                "Как да включа входа в две стъпки?",
                (
                    "Входът в две стъпки защитава профила Ви дори ако някой научи паролата "
                    "Ви. При вход освен паролата въвеждате и 6-цифрен код от приложение за "
                    "удостоверяване на телефона си. Функцията не е задължителна, но силно я "
                    "препоръчваме.\n\n"
                    "## Как да включите входа в две стъпки\n"
                    "1. Отворете **Моят профил > Сигурност** и изберете **Включи входа в "
                    "две стъпки**.\n"
                    "2. Сканирайте QR кода с приложение за удостоверяване по Ваш избор.\n"
                    "3. За потвърждение въведете 6-цифрения код, показан в приложението.\n"
                    "4. Запазете 10-те резервни кода на сигурно място. Всеки от тях може да "
                    "се използва само веднъж.\n\n"
                    "Кодът в приложението се сменя на всеки 30 секунди, затова винаги "
                    "въвеждайте този, който се показва в момента.\n\n"
                    "## Ако загубите телефона си\n"
                    "Влезте с един от резервните кодове и след това отворете **Моят профил "
                    "> Сигурност**, за да настроите входа в две стъпки на новия си телефон. "
                    "Ако нямате останали резервни кодове, свържете се с нас: ще потвърдим "
                    "самоличността Ви и ще нулираме входа в две стъпки в рамките на 2 "
                    "работни дни.\n\n"
                    "## Изключване\n"
                    "Можете да изключите входа в две стъпки от **Моят профил > Сигурност**, "
                    "като потвърдите с паролата си и актуален код. Изпращаме Ви имейл всеки "
                    "път, когато входът в две стъпки бъде включен или изключен."
                ),
            ),
            "ro": (
                "Cum activez autentificarea în doi pași?",
                (
                    "Autentificarea în doi pași vă protejează contul chiar dacă cineva vă "
                    "află parola. La conectare, pe lângă parolă, introduceți un cod de 6 "
                    "cifre generat de o aplicație de autentificare de pe telefon. Este "
                    "opțională, dar o recomandăm cu tărie.\n\n"
                    "## Activarea autentificării în doi pași\n"
                    "1. Accesați **Contul meu > Securitate** și selectați **Activează "
                    "autentificarea în doi pași**.\n"
                    "2. Scanați codul QR cu orice aplicație de autentificare.\n"
                    "3. Introduceți codul de 6 cifre afișat în aplicație pentru confirmare.\n"
                    "4. Păstrați cele 10 coduri de rezervă într-un loc sigur. Fiecare cod "
                    "poate fi folosit o singură dată.\n\n"
                    "Codul din aplicație se schimbă la fiecare 30 de secunde, așa că "
                    "introduceți întotdeauna codul afișat în acel moment.\n\n"
                    "## Dacă pierdeți telefonul\n"
                    "Conectați-vă cu unul dintre codurile de rezervă, apoi accesați "
                    "**Contul meu > Securitate** pentru a configura autentificarea în doi "
                    "pași pe noul telefon. Dacă nu mai aveți coduri de rezervă, "
                    "contactați-ne: vă vom verifica identitatea și vom reseta "
                    "autentificarea în doi pași în cel mult 2 zile lucrătoare.\n\n"
                    "## Dezactivarea\n"
                    "Puteți dezactiva autentificarea în doi pași din **Contul meu > "
                    "Securitate**, confirmând cu parola și cu un cod valabil. Vă trimitem "
                    "un e-mail de fiecare dată când autentificarea în doi pași este "
                    "activată sau dezactivată."
                ),
            ),
            "ar": (
                "كيف أفعّل تسجيل الدخول بخطوتين؟",
                (
                    "يحمي تسجيل الدخول بخطوتين حسابك حتى لو عرف شخص آخر كلمة المرور. فعند "
                    "تسجيل الدخول، يُطلب بعد كلمة المرور رمز مكوَّن من 6 أرقام يُنشئه تطبيق "
                    "مصادقة على الهاتف. وهذه الخاصية اختيارية، لكننا نوصي بها بشدة.\n\n"
                    "## خطوات التفعيل\n"
                    "1. الانتقال إلى **حسابي > الأمان** واختيار **تفعيل تسجيل الدخول "
                    "بخطوتين**.\n"
                    "2. مسح رمز QR باستخدام أي تطبيق مصادقة.\n"
                    "3. إدخال الرمز المكوَّن من 6 أرقام الظاهر في التطبيق للتأكيد.\n"
                    "4. حفظ رموز الاحتياط العشرة في مكان آمن، علماً بأن كل رمز يُستخدم مرة "
                    "واحدة فقط.\n\n"
                    "يتغير الرمز في التطبيق كل 30 ثانية، لذا يجب دائماً إدخال الرمز الظاهر "
                    "في تلك اللحظة.\n\n"
                    "## في حال فقدان الهاتف\n"
                    "يمكن تسجيل الدخول باستخدام أحد رموز الاحتياط، ثم الانتقال إلى **حسابي "
                    "> الأمان** لإعداد تسجيل الدخول بخطوتين على الهاتف الجديد. وإذا نفدت "
                    "رموز الاحتياط، يُرجى التواصل معنا، وسنتحقق من الهوية ونعيد ضبط تسجيل "
                    "الدخول بخطوتين خلال يومَي عمل.\n\n"
                    "## إيقاف الخاصية\n"
                    "يمكن إيقاف تسجيل الدخول بخطوتين من **حسابي > الأمان** بعد التأكيد "
                    "بكلمة المرور ورمز صالح. ونرسل إليك رسالة بالبريد الإلكتروني كلما جرى "
                    "تفعيل هذه الخاصية أو إيقافها."
                ),
            ),
        },
    ),
    DemoArticle(
        key="personal-details",
        category="account",
        section="account-data",
        visibility="public",
        tags=("personal details", "email change", "address book", "data copy"),
        texts={
            "en": (
                "How do I change my personal details?",
                (
                    "You can update your name, email address, phone number and saved "
                    "addresses yourself at any time. Keeping your details up to date helps "
                    "us deliver your orders and contact you if there is a problem.\n\n"
                    "## Name, phone number and date of birth\n"
                    "Go to **My account > Personal details**, make your changes and select "
                    "**Save**. If you add your date of birth, you will receive 100 bonus "
                    "loyalty points on your birthday.\n\n"
                    "## Email address\n"
                    "Enter the new address under **My account > Personal details**. We send "
                    "a confirmation link to the new address, and the change takes effect "
                    "once you open it. The link is valid for 24 hours; until then, you keep "
                    "signing in with your old address.\n\n"
                    "## Saved addresses\n"
                    "Under **My account > Address book**, you can save up to 10 addresses "
                    "and choose a default one. Changes here apply only to future orders. To "
                    "change the address of an order you have already placed, open the order "
                    "under **My account > Orders**.\n\n"
                    "## A copy of your data\n"
                    "Under **My account > Privacy**, select **Download my data** to receive "
                    "a copy of all the personal data we hold about you. The file is ready "
                    "within 48 hours, and we let you know by email."
                ),
            ),
            "it": (
                "Come posso modificare i miei dati personali?",
                (
                    "Può aggiornare in qualsiasi momento nome, indirizzo e-mail, numero di "
                    "telefono e indirizzi salvati. Dati sempre aggiornati ci aiutano a "
                    "consegnare correttamente gli ordini e a contattarLa in caso di "
                    "problemi.\n\n"
                    "## Nome, telefono e data di nascita\n"
                    "Vada su **Il mio account > Dati personali**, apporti le modifiche e "
                    "selezioni **Salva**. Se inserisce la data di nascita, il giorno del "
                    "Suo compleanno riceverà 100 punti fedeltà in regalo.\n\n"
                    "## Indirizzo e-mail\n"
                    "Inserisca il nuovo indirizzo in **Il mio account > Dati personali**. "
                    "Inviamo un link di conferma al nuovo indirizzo e la modifica diventa "
                    "effettiva quando lo apre. Il link è valido 24 ore; fino ad allora, per "
                    "accedere continua a usare l'indirizzo precedente.\n\n"
                    "## Indirizzi salvati\n"
                    "In **Il mio account > Rubrica indirizzi** può salvare fino a 10 "
                    "indirizzi e sceglierne uno predefinito. Le modifiche valgono solo per "
                    "gli ordini futuri. Per cambiare l'indirizzo di un ordine già "
                    "effettuato, apra l'ordine in **Il mio account > Ordini**.\n\n"
                    "## Una copia dei Suoi dati\n"
                    "In **Il mio account > Privacy** selezioni **Scarica i miei dati** per "
                    "ricevere una copia di tutti i dati personali che conserviamo su di "
                    "Lei. Il file è pronto entro 48 ore e La avvisiamo via e-mail."
                ),
            ),
            "fi": (
                "Miten muutan henkilötietojani?",
                (
                    "Voit päivittää nimesi, sähköpostiosoitteesi, puhelinnumerosi ja "
                    "tallennetut osoitteesi itse milloin tahansa. Ajantasaisten tietojen "
                    "avulla toimitamme tilauksesi oikeaan paikkaan ja tavoitamme sinut, jos "
                    "tilauksessa ilmenee ongelmia.\n\n"
                    "## Nimi, puhelinnumero ja syntymäpäivä\n"
                    "Valitse **Oma tili > Henkilötiedot**, tee muutokset ja valitse "
                    "**Tallenna**. Jos lisäät syntymäpäiväsi, saat syntymäpäivänäsi "
                    "lahjaksi 100 kanta-asiakaspistettä.\n\n"
                    "## Sähköpostiosoite\n"
                    "Kirjoita uusi osoite kohtaan **Oma tili > Henkilötiedot**. Lähetämme "
                    "uuteen osoitteeseen vahvistuslinkin, ja muutos tulee voimaan, kun "
                    "avaat linkin. Linkki on voimassa 24 tuntia, ja siihen asti kirjaudut "
                    "edelleen vanhalla osoitteellasi.\n\n"
                    "## Tallennetut osoitteet\n"
                    "Kohdassa **Oma tili > Osoitteet** voit tallentaa enintään 10 osoitetta "
                    "ja valita niistä oletusosoitteen. Muutokset koskevat vain tulevia "
                    "tilauksia. Jos haluat muuttaa jo tehdyn tilauksen toimitusosoitetta, "
                    "avaa tilaus kohdassa **Oma tili > Tilaukset**.\n\n"
                    "## Kopio tiedoistasi\n"
                    "Valitse **Oma tili > Yksityisyys** ja sitten **Lataa omat tietoni**, "
                    "niin saat kopion kaikista sinusta tallentamistamme henkilötiedoista. "
                    "Tiedosto on valmis 48 tunnin kuluessa, ja ilmoitamme siitä sinulle "
                    "sähköpostitse."
                ),
            ),
            "bg": (
                "Как да променя личните си данни?",
                (
                    "Можете по всяко време сами да промените името, имейл адреса, "
                    "телефонния номер и запазените си адреси. Актуалните данни ни помагат "
                    "да доставяме поръчките Ви правилно и да се свържем с Вас, ако възникне "
                    "проблем.\n\n"
                    "## Име, телефон и дата на раждане\n"
                    "Отворете **Моят профил > Лични данни**, направете промените и изберете "
                    "**Запази**. Ако добавите датата си на раждане, на рождения си ден ще "
                    "получите 100 бонус точки за лоялност.\n\n"
                    "## Имейл адрес\n"
                    "Въведете новия адрес в **Моят профил > Лични данни**. Ще изпратим "
                    "връзка за потвърждение на новия адрес, а промяната влиза в сила, след "
                    "като я отворите. Връзката е валидна 24 часа; дотогава продължавате да "
                    "влизате със стария си адрес.\n\n"
                    "## Запазени адреси\n"
                    "В **Моят профил > Адреси** можете да запазите до 10 адреса и да "
                    "изберете един по подразбиране. Промените важат само за бъдещи поръчки. "
                    "За да промените адреса на вече направена поръчка, отворете я в **Моят "
                    "профил > Поръчки**.\n\n"
                    "## Копие на Вашите данни\n"
                    "В **Моят профил > Поверителност** изберете **Изтегли моите данни**, за "
                    "да получите копие на всички лични данни, които съхраняваме за Вас. "
                    "Файлът е готов до 48 часа и ще Ви уведомим по имейл."
                ),
            ),
            "ro": (
                "Cum îmi modific datele personale?",
                (
                    "Vă puteți actualiza oricând numele, adresa de e-mail, numărul de "
                    "telefon și adresele salvate. Datele actualizate ne ajută să vă livrăm "
                    "corect comenzile și să vă contactăm dacă apare o problemă.\n\n"
                    "## Nume, telefon și data nașterii\n"
                    "Accesați **Contul meu > Date personale**, efectuați modificările și "
                    "selectați **Salvează**. Dacă adăugați data nașterii, de ziua "
                    "dumneavoastră veți primi cadou 100 de puncte de fidelitate.\n\n"
                    "## Adresa de e-mail\n"
                    "Introduceți noua adresă în **Contul meu > Date personale**. Trimitem "
                    "un link de confirmare la noua adresă, iar modificarea intră în vigoare "
                    "după ce îl deschideți. Linkul este valabil 24 de ore; până atunci, vă "
                    "conectați în continuare cu adresa veche.\n\n"
                    "## Adresele salvate\n"
                    "În **Contul meu > Agenda de adrese** puteți salva până la 10 adrese și "
                    "puteți alege una implicită. Modificările se aplică doar comenzilor "
                    "viitoare. Pentru a schimba adresa unei comenzi deja plasate, "
                    "deschideți comanda din **Contul meu > Comenzi**.\n\n"
                    "## O copie a datelor dumneavoastră\n"
                    "În **Contul meu > Confidențialitate**, selectați **Descarcă datele "
                    "mele** pentru a primi o copie a tuturor datelor personale pe care le "
                    "deținem despre dumneavoastră. Fișierul este gata în cel mult 48 de ore "
                    "și vă anunțăm prin e-mail."
                ),
            ),
            "ar": (
                "كيف أعدّل بياناتي الشخصية؟",
                (
                    "يمكنك تحديث الاسم وعنوان البريد الإلكتروني ورقم الهاتف والعناوين "
                    "المحفوظة في أي وقت. فالبيانات المحدَّثة تساعدنا على توصيل الطلبات بشكل "
                    "صحيح والتواصل معك عند حدوث أي مشكلة.\n\n"
                    "## الاسم ورقم الهاتف وتاريخ الميلاد\n"
                    "يمكن إجراء التعديلات من **حسابي > البيانات الشخصية** ثم اختيار "
                    "**حفظ**. وعند إضافة تاريخ الميلاد، تُضاف إلى حسابك 100 نقطة ولاء هديةً "
                    "في يوم ميلادك.\n\n"
                    "## عنوان البريد الإلكتروني\n"
                    "يُدخَل العنوان الجديد في **حسابي > البيانات الشخصية**، ثم نرسل رابط "
                    "تأكيد إلى العنوان الجديد، ويسري التغيير بعد فتح الرابط. والرابط صالح "
                    "لمدة 24 ساعة، ويظل تسجيل الدخول بالعنوان القديم حتى ذلك الحين.\n\n"
                    "## العناوين المحفوظة\n"
                    "يمكن حفظ ما يصل إلى 10 عناوين في **حسابي > دفتر العناوين** واختيار "
                    "عنوان افتراضي منها. ولا تنطبق التعديلات إلا على الطلبات المستقبلية. "
                    "ولتغيير عنوان طلب سبق تقديمه، يُرجى فتح الطلب من **حسابي > الطلبات**.\n\n"
                    "## نسخة من بياناتك\n"
                    "لطلب نسخة من جميع البيانات الشخصية التي نحتفظ بها عنك، يُختار **تنزيل "
                    "بياناتي** من **حسابي > الخصوصية**. ويكون الملف جاهزاً خلال 48 ساعة، "
                    "ونُبلغك بذلك بالبريد الإلكتروني."
                ),
            ),
        },
    ),
    DemoArticle(
        key="account-delete",
        category="account",
        section="account-data",
        visibility="public",
        tags=("delete account", "close account", "privacy", "data deletion"),
        texts={
            "en": (
                "How do I delete my account?",
                (
                    "You can delete your Bottega Cortesia account at any time. After a "
                    "30-day waiting period the deletion is permanent and cannot be undone, "
                    "so please read the points below first.\n\n"
                    "## Before you delete your account\n"
                    "- All orders and returns must be completed. If an order is still on "
                    "its way or a refund is pending, please wait until it is finished.\n"
                    "- Your loyalty points will be lost. Gift cards remain valid and can "
                    "still be used at checkout without an account.\n"
                    "- If you only want to stop receiving our newsletter, you don't need to "
                    "delete your account: use the unsubscribe option at the bottom of any "
                    "newsletter or under **My account > Privacy**.\n\n"
                    "## How to delete your account\n"
                    "1. Go to **My account > Privacy** and select **Delete account**.\n"
                    "2. Confirm with your password and, if you use it, your two-factor "
                    "code.\n\n"
                    "Your account is deactivated immediately. If you change your mind, sign "
                    "in within 30 days to cancel the deletion. After 30 days, your account "
                    "and personal data are permanently deleted.\n\n"
                    "## What we keep\n"
                    "We are required by law to keep invoices and the related order data for "
                    "10 years. This information is used only for accounting and tax "
                    "purposes."
                ),
            ),
            "it": (
                "Come posso eliminare il mio account?",
                (
                    "Può eliminare il Suo account Bottega Cortesia in qualsiasi momento. "
                    "Trascorso un periodo di attesa di 30 giorni, l'eliminazione è "
                    "definitiva e non può essere annullata: La invitiamo quindi a leggere "
                    "prima i punti seguenti.\n\n"
                    "## Prima di eliminare l'account\n"
                    "- Tutti gli ordini e i resi devono essere conclusi. Se un ordine è "
                    "ancora in viaggio o un rimborso è in sospeso, attenda che siano "
                    "completati.\n"
                    "- I punti fedeltà andranno persi. Le carte regalo restano valide e "
                    "possono essere utilizzate al momento dell'ordine anche senza account.\n"
                    "- Se desidera soltanto non ricevere più la newsletter, non è "
                    "necessario eliminare l'account: utilizzi l'opzione di disiscrizione in "
                    "fondo a ogni newsletter oppure **Il mio account > Privacy**.\n\n"
                    "## Come eliminare l'account\n"
                    "1. Vada su **Il mio account > Privacy** e selezioni **Elimina "
                    "account**.\n"
                    "2. Confermi con la password e, se lo utilizza, con il codice "
                    "dell'accesso in due passaggi.\n\n"
                    "L'account viene disattivato immediatamente. Se cambia idea, può "
                    "annullare l'eliminazione accedendo entro 30 giorni. Dopo 30 giorni, "
                    "l'account e i dati personali vengono eliminati definitivamente.\n\n"
                    "## Cosa conserviamo\n"
                    "Per legge siamo tenuti a conservare le fatture e i relativi dati degli "
                    "ordini per 10 anni. Queste informazioni vengono utilizzate "
                    "esclusivamente a fini contabili e fiscali."
                ),
            ),
            "fi": (
                "Miten poistan asiakastilini?",
                (
                    "Voit poistaa Bottega Cortesia -tilisi milloin tahansa. Poisto on "
                    "lopullinen 30 päivän odotusajan jälkeen, eikä sitä voi sen jälkeen "
                    "perua, joten lue ensin alla olevat tiedot.\n\n"
                    "## Ennen kuin poistat tilisi\n"
                    "- Kaikkien tilausten ja palautusten on oltava käsitelty loppuun. Jos "
                    "tilaus on vielä matkalla tai hyvitys kesken, odota, kunnes asia on "
                    "hoidettu.\n"
                    "- Kanta-asiakaspisteesi menetetään. Lahjakortit pysyvät voimassa, ja "
                    "niitä voi edelleen käyttää kassalla ilman tiliä.\n"
                    "- Jos haluat vain lopettaa uutiskirjeen tilauksen, tiliä ei tarvitse "
                    "poistaa. Voit perua tilauksen minkä tahansa uutiskirjeen lopusta tai "
                    "kohdassa **Oma tili > Yksityisyys**.\n\n"
                    "## Näin poistat tilisi\n"
                    "1. Valitse **Oma tili > Yksityisyys** ja sitten **Poista tili**.\n"
                    "2. Vahvista poisto salasanallasi ja kaksivaiheisen kirjautumisen "
                    "koodilla, jos käytät sitä.\n\n"
                    "Tilisi poistetaan käytöstä heti. Jos muutat mielesi, kirjaudu sisään "
                    "30 päivän kuluessa, niin poisto perutaan. 30 päivän jälkeen tilisi ja "
                    "henkilötietosi poistetaan pysyvästi.\n\n"
                    "## Mitä säilytämme?\n"
                    "Laki velvoittaa meidät säilyttämään laskut ja niihin liittyvät "
                    "tilaustiedot 10 vuoden ajan. Käytämme näitä tietoja ainoastaan "
                    "kirjanpitoon ja verotukseen."
                ),
            ),
            "bg": (
                "Как да изтрия профила си?",
                (
                    "Можете да изтриете профила си в Bottega Cortesia по всяко време. След "
                    "30-дневен период на изчакване изтриването е окончателно и не може да "
                    "бъде отменено, затова първо прочетете информацията по-долу.\n\n"
                    "## Преди да изтриете профила си\n"
                    "- Всички поръчки и връщания трябва да са приключени. Ако поръчка все "
                    "още пътува или чакате възстановяване на сума, изчакайте да приключи.\n"
                    "- Точките Ви за лоялност ще бъдат загубени. Картите за подарък остават "
                    "валидни и могат да се използват при поръчка и без профил.\n"
                    "- Ако искате само да спрете да получавате нашия бюлетин, не е нужно да "
                    "изтривате профила си: използвайте опцията за отписване в края на всеки "
                    "бюлетин или **Моят профил > Поверителност**.\n\n"
                    "## Как да изтриете профила си\n"
                    "1. Отворете **Моят профил > Поверителност** и изберете **Изтрий "
                    "профила**.\n"
                    "2. Потвърдете с паролата си и, ако използвате вход в две стъпки, с "
                    "кода за вход.\n\n"
                    "Профилът Ви се деактивира веднага. Ако промените решението си, влезте "
                    "в профила в рамките на 30 дни, за да отмените изтриването. След 30 дни "
                    "профилът и личните Ви данни се изтриват окончателно.\n\n"
                    "## Какво запазваме\n"
                    "По закон сме длъжни да съхраняваме фактурите и свързаните с тях данни "
                    "за поръчките в продължение на 10 години. Тази информация се използва "
                    "само за счетоводни и данъчни цели."
                ),
            ),
            "ro": (
                "Cum îmi șterg contul?",
                (
                    "Vă puteți șterge contul Bottega Cortesia oricând. După o perioadă de "
                    "așteptare de 30 de zile, ștergerea devine definitivă și nu mai poate "
                    "fi anulată, așa că vă rugăm să citiți mai întâi informațiile de mai "
                    "jos.\n\n"
                    "## Înainte de a șterge contul\n"
                    "- Toate comenzile și retururile trebuie să fie finalizate. Dacă o "
                    "comandă este încă pe drum sau o rambursare este în curs, așteptați "
                    "până se încheie.\n"
                    "- Punctele de fidelitate se vor pierde. Cardurile cadou rămân valabile "
                    "și pot fi folosite în continuare la plasarea comenzii, chiar și fără "
                    "cont.\n"
                    "- Dacă doriți doar să nu mai primiți newsletterul, nu este nevoie să "
                    "vă ștergeți contul: folosiți opțiunea de dezabonare din partea de jos "
                    "a oricărui newsletter sau din **Contul meu > Confidențialitate**.\n\n"
                    "## Cum ștergeți contul\n"
                    "1. Accesați **Contul meu > Confidențialitate** și selectați **Șterge "
                    "contul**.\n"
                    "2. Confirmați cu parola și, dacă o folosiți, cu codul de autentificare "
                    "în doi pași.\n\n"
                    "Contul este dezactivat imediat. Dacă vă răzgândiți, conectați-vă în "
                    "termen de 30 de zile pentru a anula ștergerea. După 30 de zile, contul "
                    "și datele personale sunt șterse definitiv.\n\n"
                    "## Ce păstrăm\n"
                    "Suntem obligați prin lege să păstrăm facturile și datele aferente "
                    "comenzilor timp de 10 ani. Aceste informații sunt folosite exclusiv în "
                    "scopuri contabile și fiscale."
                ),
            ),
            "ar": (
                "كيف أحذف حسابي؟",
                (
                    "يمكن حذف حسابك في Bottega Cortesia في أي وقت. وبعد فترة انتظار مدتها "
                    "30 يوماً يصبح الحذف نهائياً ولا يمكن التراجع عنه، لذا يُرجى قراءة "
                    "النقاط التالية أولاً.\n\n"
                    "## قبل حذف الحساب\n"
                    "- يجب أن تكون جميع الطلبات والمرتجعات مكتملة. فإذا كان أحد الطلبات لا "
                    "يزال في الطريق أو كان استرداد مبلغ ما قيد المعالجة، يُرجى الانتظار حتى "
                    "اكتماله.\n"
                    "- ستُفقد نقاط الولاء. أما بطاقات الهدايا فتبقى صالحة ويمكن استخدامها "
                    "عند إتمام الطلب حتى دون حساب.\n"
                    "- لإيقاف النشرة الإخبارية فقط، لا حاجة إلى حذف الحساب، إذ يكفي استخدام "
                    "خيار إلغاء الاشتراك في أسفل أي نشرة أو من **حسابي > الخصوصية**.\n\n"
                    "## خطوات حذف الحساب\n"
                    "1. الانتقال إلى **حسابي > الخصوصية** واختيار **حذف الحساب**.\n"
                    "2. التأكيد بكلمة المرور، وبرمز تسجيل الدخول بخطوتين في حال تفعيله.\n\n"
                    "يُعطَّل الحساب فوراً. وفي حال العدول عن القرار، يكفي تسجيل الدخول خلال "
                    "30 يوماً لإلغاء الحذف. وبعد انقضاء 30 يوماً، يُحذف الحساب والبيانات "
                    "الشخصية نهائياً.\n\n"
                    "## البيانات التي نحتفظ بها\n"
                    "يُلزمنا القانون بالاحتفاظ بالفواتير وبيانات الطلبات المرتبطة بها لمدة "
                    "10 سنوات، ولا تُستخدم هذه المعلومات إلا لأغراض محاسبية وضريبية."
                ),
            ),
        },
    ),
    DemoArticle(
        key="payment-methods",
        category="payments",
        section="paying",
        visibility="public",
        tags=("payment methods", "card", "PayPal", "bank transfer"),
        texts={
            "en": (
                "Which payment methods can I use?",
                (
                    "You can pay for your order in several ways. The methods available to "
                    "you are shown at checkout and depend on your delivery country. All "
                    "prices are in euros, and all payments are made over a secure, "
                    "encrypted connection.\n\n"
                    "## Cards\n"
                    "We accept Visa, Mastercard and American Express. Your bank may ask you "
                    "to confirm the payment in its app (3-D Secure). The amount is reserved "
                    "when you order and charged when your order ships.\n\n"
                    "## PayPal\n"
                    "Select PayPal at checkout and sign in to your PayPal account to "
                    "confirm the payment. PayPal is available in all countries we ship to.\n\n"
                    "## Bank transfer\n"
                    "After ordering, you receive our bank details by email. Enter your "
                    "order number as the payment reference. We reserve your items for 7 "
                    "days and ship the order as soon as the payment arrives, which usually "
                    "takes 1–3 business days. If no payment arrives within 7 days, the "
                    "order is cancelled automatically.\n\n"
                    "## Cash on delivery and gift cards\n"
                    "Cash on delivery is available in Italy, Bulgaria, Romania and Saudi "
                    "Arabia for a fee of €3. You can also pay for all or part of an order "
                    "with a Bottega Cortesia gift card."
                ),
            ),
            "it": (
                "Quali metodi di pagamento posso utilizzare?",
                (
                    "Può pagare l'ordine in diversi modi. I metodi disponibili vengono "
                    "mostrati al momento del pagamento e dipendono dal Paese di consegna. "
                    "Tutti i prezzi sono in euro e ogni pagamento avviene tramite una "
                    "connessione sicura e crittografata.\n\n"
                    "## Carte\n"
                    "Accettiamo Visa, Mastercard e American Express. La Sua banca potrebbe "
                    "chiederLe di confermare il pagamento nella propria app (3-D Secure). "
                    "L'importo viene autorizzato al momento dell'ordine e addebitato alla "
                    "spedizione.\n\n"
                    "## PayPal\n"
                    "Selezioni PayPal al momento del pagamento e acceda al Suo conto PayPal "
                    "per confermare. PayPal è disponibile in tutti i Paesi in cui spediamo.\n\n"
                    "## Bonifico bancario\n"
                    "Dopo l'ordine riceverà via e-mail le nostre coordinate bancarie. "
                    "Indichi il numero d'ordine come causale. Teniamo da parte gli articoli "
                    "per 7 giorni e spediamo l'ordine non appena riceviamo il pagamento, di "
                    "solito entro 1–3 giorni lavorativi. Se il pagamento non arriva entro 7 "
                    "giorni, l'ordine viene annullato automaticamente.\n\n"
                    "## Contrassegno e carte regalo\n"
                    "Il pagamento in contrassegno è disponibile in Italia, Bulgaria, "
                    "Romania e Arabia Saudita, con un supplemento di 3 €. Può inoltre "
                    "pagare l'ordine, in tutto o in parte, con una carta regalo Bottega "
                    "Cortesia."
                ),
            ),
            "fi": (
                "Mitä maksutapoja voin käyttää?",
                (
                    "Voit maksaa tilauksesi usealla eri tavalla. Käytettävissä olevat "
                    "maksutavat näkyvät kassalla, ja ne riippuvat toimitusmaasta. Kaikki "
                    "hinnat ovat euroina, ja kaikki maksut tehdään suojatun, salatun "
                    "yhteyden kautta.\n\n"
                    "## Maksukortit\n"
                    "Hyväksymme Visa-, Mastercard- ja American Express -kortit. Pankkisi "
                    "voi pyytää sinua vahvistamaan maksun pankin sovelluksessa (3-D "
                    "Secure). Summa varataan kortiltasi tilaushetkellä, ja veloitus "
                    "tehdään, kun tilaus lähetetään.\n\n"
                    "## PayPal\n"
                    "Valitse kassalla PayPal ja kirjaudu PayPal-tilillesi vahvistaaksesi "
                    "maksun. PayPal on käytettävissä kaikissa maissa, joihin toimitamme.\n\n"
                    "## Tilisiirto\n"
                    "Saat tilauksen jälkeen pankkitietomme sähköpostitse. Merkitse maksun "
                    "viitteeksi tilausnumerosi. Varaamme tuotteet sinulle 7 päiväksi ja "
                    "lähetämme tilauksen heti, kun maksu on saapunut. Tämä vie yleensä 1–3 "
                    "arkipäivää. Jos maksua ei ole saapunut 7 päivän kuluessa, tilaus "
                    "perutaan automaattisesti.\n\n"
                    "## Postiennakko ja lahjakortit\n"
                    "Postiennakko on käytettävissä Italiassa, Bulgariassa, Romaniassa ja "
                    "Saudi-Arabiassa, ja siitä veloitetaan 3 euron lisämaksu. Voit myös "
                    "maksaa tilauksen kokonaan tai osittain Bottega Cortesian "
                    "lahjakortilla."
                ),
            ),
            "bg": (
                "Какви начини на плащане мога да използвам?",
                (
                    "Можете да платите поръчката си по няколко начина. Наличните начини на "
                    "плащане се показват при завършване на поръчката и зависят от държавата "
                    "на доставка. Всички цени са в евро, а всички плащания се извършват "
                    "през защитена, криптирана връзка.\n\n"
                    "## Карти\n"
                    "Приемаме Visa, Mastercard и American Express. Банката Ви може да "
                    "поиска да потвърдите плащането в приложението си (3-D Secure). Сумата "
                    "се блокира при поръчката и се изтегля, когато поръчката бъде "
                    "изпратена.\n\n"
                    "## PayPal\n"
                    "Изберете PayPal при завършване на поръчката и влезте в профила си в "
                    "PayPal, за да потвърдите плащането. PayPal е достъпен във всички "
                    "държави, в които доставяме.\n\n"
                    "## Банков превод\n"
                    "След поръчката ще получите банковите ни данни по имейл. Посочете "
                    "номера на поръчката като основание за плащане. Запазваме артикулите за "
                    "Вас 7 дни и изпращаме поръчката веднага щом плащането постъпи, което "
                    "обикновено отнема 1–3 работни дни. Ако плащането не постъпи в рамките "
                    "на 7 дни, поръчката се анулира автоматично.\n\n"
                    "## Наложен платеж и карти за подарък\n"
                    "Наложеният платеж е достъпен в Италия, България, Румъния и Саудитска "
                    "Арабия срещу такса от 3 €. Можете също да платите цялата поръчка или "
                    "част от нея с карта за подарък от Bottega Cortesia."
                ),
            ),
            "ro": (
                "Ce metode de plată pot folosi?",
                (
                    "Puteți plăti comanda în mai multe moduri. Metodele disponibile sunt "
                    "afișate la finalizarea comenzii și depind de țara de livrare. Toate "
                    "prețurile sunt în euro, iar toate plățile se fac printr-o conexiune "
                    "securizată și criptată.\n\n"
                    "## Carduri\n"
                    "Acceptăm Visa, Mastercard și American Express. Banca dumneavoastră vă "
                    "poate cere să confirmați plata în aplicația ei (3-D Secure). Suma este "
                    "blocată la plasarea comenzii și încasată la expedierea comenzii.\n\n"
                    "## PayPal\n"
                    "Selectați PayPal la finalizarea comenzii și conectați-vă la contul "
                    "PayPal pentru a confirma plata. PayPal este disponibil în toate țările "
                    "în care livrăm.\n\n"
                    "## Transfer bancar\n"
                    "După plasarea comenzii, primiți prin e-mail datele noastre bancare. "
                    "Menționați numărul comenzii ca referință a plății. Rezervăm produsele "
                    "pentru dumneavoastră timp de 7 zile și expediem comanda imediat ce "
                    "primim plata, de obicei în 1–3 zile lucrătoare. Dacă plata nu ajunge "
                    "în 7 zile, comanda este anulată automat.\n\n"
                    "## Ramburs și carduri cadou\n"
                    "Plata ramburs este disponibilă în Italia, Bulgaria, România și Arabia "
                    "Saudită, cu o taxă de 3 €. De asemenea, puteți plăti integral sau "
                    "parțial o comandă cu un card cadou Bottega Cortesia."
                ),
            ),
            "ar": (
                "ما طرق الدفع المتاحة؟",
                (
                    "تتوفر عدة طرق لدفع قيمة الطلب، وتظهر الطرق المتاحة عند إتمام الطلب "
                    "بحسب بلد التوصيل. وجميع الأسعار بعملة اليورو، وتتم جميع المدفوعات عبر "
                    "اتصال آمن ومشفَّر.\n\n"
                    "## البطاقات\n"
                    "نقبل بطاقات Visa وMastercard وAmerican Express. وقد يطلب البنك تأكيد "
                    "عملية الدفع عبر تطبيقه (3-D Secure). ويُحجز المبلغ عند تقديم الطلب "
                    "ويُخصم عند شحنه.\n\n"
                    "## PayPal\n"
                    "يُختار PayPal عند إتمام الطلب، ثم يُسجَّل الدخول إلى حساب PayPal "
                    "لتأكيد الدفع. وتتوفر هذه الطريقة في جميع البلدان التي نشحن إليها.\n\n"
                    "## التحويل البنكي\n"
                    "بعد تقديم الطلب، تصلك بياناتنا البنكية بالبريد الإلكتروني. ويُرجى ذكر "
                    "رقم الطلب كمرجع للدفع. ونحجز المنتجات لك مدة 7 أيام، ونشحن الطلب فور "
                    "وصول المبلغ، وهو ما يستغرق عادةً من 1 إلى 3 أيام عمل. وإذا لم يصل "
                    "المبلغ خلال 7 أيام، يُلغى الطلب تلقائياً.\n\n"
                    "## الدفع عند الاستلام وبطاقات الهدايا\n"
                    "تتوفر خدمة الدفع عند الاستلام في إيطاليا وبلغاريا ورومانيا والمملكة "
                    "العربية السعودية مقابل رسوم قدرها 3 يورو. ويمكن أيضاً دفع قيمة الطلب "
                    "كلياً أو جزئياً باستخدام بطاقة هدايا من Bottega Cortesia."
                ),
            ),
        },
    ),
    DemoArticle(
        key="cash-on-delivery",
        category="payments",
        section="paying",
        visibility="public",
        tags=("cash on delivery", "COD", "courier", "fee"),
        texts={
            "en": (
                "Can I pay cash on delivery?",
                (
                    "Cash on delivery is available for orders delivered to Italy, Bulgaria, "
                    "Romania and Saudi Arabia. It isn't available in Finland or the USA, "
                    "where you can pay by card, PayPal or bank transfer instead.\n\n"
                    "## Conditions\n"
                    "- A fee of €3 is added to your order.\n"
                    "- The order total must not exceed €500.\n"
                    "- It isn't available for winter tyres delivered to a fitting centre.\n\n"
                    "## Paying the courier\n"
                    "Choose **Cash on delivery** at checkout. When the parcel arrives, pay "
                    "the courier the amount shown in your shipping confirmation email. "
                    "Where the local currency isn't the euro, the amount is converted at "
                    "the exchange rate on the day of shipping. Please have the exact amount "
                    "ready, as couriers may not be able to give change. Some couriers also "
                    "accept cards at the door, but we can't guarantee this.\n\n"
                    "## Refunds and refused parcels\n"
                    "If you return an item, we refund you by bank transfer to the account "
                    "(IBAN) you give us when creating the return. The €3 fee isn't "
                    "refunded. If a cash-on-delivery parcel is refused or not collected and "
                    "the order wasn't cancelled beforehand, we may ask for advance payment "
                    "on your future orders."
                ),
            ),
            "it": (
                "Posso pagare in contrassegno?",
                (
                    "Il pagamento in contrassegno è disponibile per gli ordini consegnati "
                    "in Italia, Bulgaria, Romania e Arabia Saudita. Non è disponibile in "
                    "Finlandia e negli Stati Uniti, dove può pagare con carta, PayPal o "
                    "bonifico bancario.\n\n"
                    "## Condizioni\n"
                    "- All'ordine viene aggiunto un supplemento di 3 €.\n"
                    "- Il totale dell'ordine non può superare 500 €.\n"
                    "- Non è disponibile per gli pneumatici invernali consegnati a un "
                    "centro di montaggio.\n\n"
                    "## Pagamento al corriere\n"
                    "Al momento dell'ordine scelga **Contrassegno**. Alla consegna, paghi "
                    "al corriere l'importo indicato nell'e-mail di conferma della "
                    "spedizione. Se la valuta locale non è l'euro, l'importo viene "
                    "convertito al tasso di cambio del giorno di spedizione. La preghiamo "
                    "di preparare l'importo esatto, perché il corriere potrebbe non avere "
                    "il resto. Alcuni corrieri accettano anche il pagamento con carta alla "
                    "consegna, ma non possiamo garantirlo.\n\n"
                    "## Rimborsi e pacchi rifiutati\n"
                    "Se restituisce un articolo, La rimborsiamo con bonifico sul conto "
                    "(IBAN) indicato al momento della richiesta di reso. Il supplemento di "
                    "3 € non è rimborsabile. Se un pacco in contrassegno viene rifiutato o "
                    "non ritirato senza che l'ordine sia stato annullato in precedenza, per "
                    "gli ordini successivi potremmo richiedere il pagamento anticipato."
                ),
            ),
            "fi": (
                "Voinko maksaa postiennakolla?",
                (
                    "Postiennakko on käytettävissä tilauksissa, jotka toimitetaan Italiaan, "
                    "Bulgariaan, Romaniaan tai Saudi-Arabiaan. Se ei ole käytettävissä "
                    "Suomessa eikä Yhdysvalloissa, joissa voit maksaa kortilla, PayPalilla "
                    "tai tilisiirrolla.\n\n"
                    "## Ehdot\n"
                    "- Tilaukseen lisätään 3 euron postiennakkomaksu.\n"
                    "- Tilauksen loppusumma saa olla enintään 500 €.\n"
                    "- Postiennakko ei ole käytettävissä, kun talvirenkaat toimitetaan "
                    "asennuskorjaamolle.\n\n"
                    "## Maksaminen kuljettajalle\n"
                    "Valitse kassalla **Postiennakko**. Kun paketti saapuu, maksa "
                    "kuljettajalle lähetysvahvistuksessa ilmoitettu summa. Jos paikallinen "
                    "valuutta ei ole euro, summa muunnetaan lähetyspäivän vaihtokurssilla. "
                    "Varaa mukaan tasaraha, sillä kuljettajalla ei välttämättä ole "
                    "vaihtorahaa. Osa kuljetusyhtiöistä hyväksyy myös korttimaksun ovella, "
                    "mutta emme voi taata sitä.\n\n"
                    "## Hyvitykset ja lunastamattomat paketit\n"
                    "Jos palautat tuotteen, hyvitämme summan tilisiirtona tilille (IBAN), "
                    "jonka ilmoitat palautusta tehdessäsi. Postiennakkomaksua (3 €) ei "
                    "hyvitetä. Jos postiennakkopaketista kieltäydytään tai se jätetään "
                    "noutamatta eikä tilausta ole peruttu etukäteen, voimme jatkossa "
                    "edellyttää tilausten maksamista etukäteen."
                ),
            ),
            "bg": (
                "Мога ли да платя с наложен платеж?",
                (
                    "Наложеният платеж е достъпен за поръчки с доставка до Италия, "
                    "България, Румъния и Саудитска Арабия. Той не е достъпен във Финландия "
                    "и САЩ, където можете да платите с карта, PayPal или банков превод.\n\n"
                    "## Условия\n"
                    "- Към поръчката се добавя такса от 3 €.\n"
                    "- Общата сума на поръчката не може да надвишава 500 €.\n"
                    "- Услугата не е достъпна за зимни гуми с доставка до сервиз за монтаж.\n\n"
                    "## Плащане на куриера\n"
                    "Изберете **Наложен платеж** при завършване на поръчката. Когато "
                    "пратката пристигне, платете на куриера сумата, посочена в имейла за "
                    "потвърждение на изпращането. Ако местната валута не е евро, сумата се "
                    "превръща по валутния курс от деня на изпращане. Моля, пригответе "
                    "точната сума, тъй като куриерът може да няма пари за връщане. Някои "
                    "куриери приемат и плащане с карта на място, но не можем да го "
                    "гарантираме.\n\n"
                    "## Възстановяване на суми и отказани пратки\n"
                    "Ако върнете артикул, възстановяваме сумата с банков превод по сметката "
                    "(IBAN), която посочите при заявяване на връщането. Таксата от 3 € не "
                    "се възстановява. Ако пратка с наложен платеж бъде отказана или не бъде "
                    "потърсена, без поръчката да е била анулирана предварително, при "
                    "следващи поръчки може да изискаме предплащане."
                ),
            ),
            "ro": (
                "Pot plăti ramburs, la livrare?",
                (
                    "Plata ramburs este disponibilă pentru comenzile livrate în Italia, "
                    "Bulgaria, România și Arabia Saudită. Nu este disponibilă în Finlanda "
                    "și SUA, unde puteți plăti cu cardul, prin PayPal sau prin transfer "
                    "bancar.\n\n"
                    "## Condiții\n"
                    "- La comandă se adaugă o taxă de 3 €.\n"
                    "- Totalul comenzii nu poate depăși 500 €.\n"
                    "- Plata ramburs nu este disponibilă pentru anvelopele de iarnă livrate "
                    "la un centru de montaj.\n\n"
                    "## Plata către curier\n"
                    "Alegeți **Ramburs** la finalizarea comenzii. Când coletul sosește, "
                    "plătiți curierului suma indicată în e-mailul de confirmare a "
                    "expedierii. Dacă moneda locală nu este euro, suma este convertită la "
                    "cursul de schimb din ziua expedierii. Vă rugăm să pregătiți suma "
                    "exactă, deoarece curierul s-ar putea să nu aibă rest. Unii curieri "
                    "acceptă și plata cu cardul la ușă, dar nu putem garanta acest lucru.\n\n"
                    "## Rambursări și colete refuzate\n"
                    "Dacă returnați un produs, vă rambursăm banii prin transfer bancar în "
                    "contul (IBAN) indicat la inițierea returului. Taxa de 3 € nu se "
                    "rambursează. Dacă un colet cu plata ramburs este refuzat sau nu este "
                    "ridicat, fără ca comanda să fi fost anulată în prealabil, vă putem "
                    "cere plata în avans pentru comenzile viitoare."
                ),
            ),
            "ar": (
                "هل يمكنني الدفع عند الاستلام؟",
                (
                    "تتوفر خدمة الدفع عند الاستلام للطلبات الموصلة إلى إيطاليا وبلغاريا "
                    "ورومانيا والمملكة العربية السعودية. ولا تتوفر في فنلندا والولايات "
                    "المتحدة، حيث يمكن الدفع بالبطاقة أو عبر PayPal أو بالتحويل البنكي.\n\n"
                    "## الشروط\n"
                    "- تُضاف رسوم قدرها 3 يورو إلى الطلب.\n"
                    "- يجب ألا يتجاوز إجمالي الطلب 500 يورو.\n"
                    "- لا تتوفر الخدمة للإطارات الشتوية الموصلة إلى مركز تركيب.\n\n"
                    "## الدفع لمندوب التوصيل\n"
                    "يُختار **الدفع عند الاستلام** عند إتمام الطلب. وعند وصول الطرد، يُدفع "
                    "للمندوب المبلغ المذكور في رسالة تأكيد الشحن. وإذا لم تكن العملة "
                    "المحلية هي اليورو، يُحوَّل المبلغ وفق سعر الصرف في يوم الشحن. يُرجى "
                    "تجهيز المبلغ المطلوب بالضبط، إذ قد لا يتوفر لدى المندوب مبلغ لردّ "
                    "الباقي. ويقبل بعض المندوبين الدفع بالبطاقة عند الباب، لكن لا يمكننا "
                    "ضمان ذلك.\n\n"
                    "## الاسترداد والطرود المرفوضة\n"
                    "عند إرجاع منتج، نردّ المبلغ بتحويل بنكي إلى الحساب (IBAN) المذكور عند "
                    "إنشاء طلب الإرجاع، ولا تُستردّ رسوم الدفع عند الاستلام البالغة 3 يورو. "
                    "وإذا رُفض طرد الدفع عند الاستلام أو لم يُستلم دون إلغاء الطلب مسبقاً، "
                    "فقد نطلب الدفع المسبق في الطلبات المستقبلية."
                ),
            ),
        },
    ),
    DemoArticle(
        key="invoices",
        category="payments",
        section="invoices",
        visibility="public",
        tags=("invoice", "company invoice", "VAT number", "credit note"),
        texts={
            "en": (
                "How do I get an invoice for my order?",
                (
                    "We issue an invoice for every order. It is created when your order "
                    "ships, and whenever you receive a refund we also send you a credit "
                    "note by email.\n\n"
                    "## Download your invoice\n"
                    "1. Go to **My account > Orders** and open the order.\n"
                    "2. Select **Download invoice** to save it as a PDF.\n\n"
                    "If you ordered as a guest, the invoice is attached to your shipping "
                    "confirmation email. If your order ships in several parcels, you still "
                    "receive a single invoice.\n\n"
                    "## Invoices for companies\n"
                    "To receive an invoice in your company's name, tick **I need a company "
                    "invoice** at checkout and enter the company name, address and VAT "
                    "number. We check EU VAT numbers automatically.\n"
                    "- Italian businesses can also enter their SDI code or PEC address to "
                    "receive the electronic invoice.\n"
                    "- Companies in Finland, Bulgaria and Romania with a valid EU VAT "
                    "number receive an invoice without Italian VAT, under the "
                    "reverse-charge scheme.\n\n"
                    "## Correcting an invoice\n"
                    "An invoice cannot be changed once it has been issued. If your details "
                    "are wrong or you forgot to ask for a company invoice, contact us "
                    "within 7 days of the invoice date. We will cancel the invoice with a "
                    "credit note and issue a new one."
                ),
            ),
            "it": (
                "Come posso ottenere la fattura del mio ordine?",
                (
                    "Emettiamo una fattura per ogni ordine. La fattura viene generata al "
                    "momento della spedizione e, ogni volta che riceve un rimborso, Le "
                    "inviamo anche una nota di credito via e-mail.\n\n"
                    "## Scaricare la fattura\n"
                    "1. Vada su **Il mio account > Ordini** e apra l'ordine.\n"
                    "2. Selezioni **Scarica fattura** per salvarla in formato PDF.\n\n"
                    "Se ha ordinato senza registrarsi, la fattura è allegata all'e-mail di "
                    "conferma della spedizione. Anche se l'ordine viene spedito in più "
                    "colli, riceverà un'unica fattura.\n\n"
                    "## Fattura intestata a un'azienda\n"
                    "Per ricevere la fattura intestata alla Sua azienda, selezioni "
                    "**Richiedo fattura intestata all'azienda** al momento dell'ordine e "
                    "inserisca ragione sociale, indirizzo e partita IVA. Le partite IVA "
                    "dell'UE vengono verificate automaticamente.\n"
                    "- Le aziende italiane possono indicare anche il codice destinatario "
                    "SDI o l'indirizzo PEC per ricevere la fattura elettronica.\n"
                    "- Le aziende con sede in Finlandia, Bulgaria e Romania e con partita "
                    "IVA UE valida ricevono una fattura senza IVA italiana, in regime di "
                    "inversione contabile (reverse charge).\n\n"
                    "## Correggere una fattura\n"
                    "Una volta emessa, la fattura non può essere modificata. Se i dati sono "
                    "errati o ha dimenticato di richiedere la fattura aziendale, ci "
                    "contatti entro 7 giorni dalla data della fattura: la storneremo con "
                    "una nota di credito ed emetteremo una nuova fattura."
                ),
            ),
            "fi": (
                "Miten saan laskun tilauksestani?",
                (
                    "Laadimme jokaisesta tilauksesta laskun. Lasku luodaan, kun tilaus "
                    "lähetetään, ja aina kun saat hyvityksen, lähetämme sinulle "
                    "sähköpostitse myös hyvityslaskun.\n\n"
                    "## Näin lataat laskun\n"
                    "1. Valitse **Oma tili > Tilaukset** ja avaa tilaus.\n"
                    "2. Valitse **Lataa lasku**, niin voit tallentaa sen PDF-tiedostona.\n\n"
                    "Jos tilasit kirjautumatta, lasku on lähetysvahvistuksen liitteenä. "
                    "Vaikka tilaus toimitettaisiin useammassa paketissa, saat siitä yhden "
                    "laskun.\n\n"
                    "## Lasku yritykselle\n"
                    "Jos haluat laskun yrityksesi nimiin, valitse kassalla **Tarvitsen "
                    "laskun yritykselle** ja anna yrityksen nimi, osoite ja ALV-tunniste. "
                    "Tarkistamme EU:n ALV-tunnisteet automaattisesti.\n"
                    "- Italialaiset yritykset voivat lisäksi antaa SDI-koodinsa tai "
                    "PEC-osoitteensa sähköisen laskun vastaanottamista varten.\n"
                    "- Suomalaiset, bulgarialaiset ja romanialaiset yritykset, joilla on "
                    "voimassa oleva EU:n ALV-tunniste, saavat laskun ilman Italian "
                    "arvonlisäveroa käännetyn verovelvollisuuden perusteella.\n\n"
                    "## Laskun korjaaminen\n"
                    "Jo laadittua laskua ei voi muuttaa. Jos tiedoissa on virhe tai unohdit "
                    "pyytää laskun yritykselle, ota meihin yhteyttä 7 päivän kuluessa "
                    "laskun päiväyksestä. Mitätöimme laskun hyvityslaskulla ja laadimme "
                    "uuden laskun."
                ),
            ),
            "bg": (
                "Как да получа фактура за поръчката си?",
                (
                    "Издаваме фактура за всяка поръчка. Тя се създава, когато поръчката "
                    "бъде изпратена, а при всяко възстановяване на сума Ви изпращаме и "
                    "кредитно известие по имейл.\n\n"
                    "## Изтегляне на фактурата\n"
                    "1. Отворете **Моят профил > Поръчки** и изберете поръчката.\n"
                    "2. Натиснете **Изтегли фактура**, за да я запазите като PDF файл.\n\n"
                    "Ако сте поръчали без регистрация, фактурата е прикачена към имейла за "
                    "потвърждение на изпращането. Дори поръчката да бъде изпратена в "
                    "няколко пакета, получавате една обща фактура.\n\n"
                    "## Фактура на фирма\n"
                    "За да получите фактура на името на фирмата си, отбележете **Нужна ми е "
                    "фактура на фирма** при завършване на поръчката и въведете името на "
                    "фирмата, адреса и ДДС номера. ДДС номерата от ЕС се проверяват "
                    "автоматично.\n"
                    "- Италианските фирми могат да въведат и своя код SDI или адрес PEC, за "
                    "да получат електронна фактура.\n"
                    "- Фирмите във Финландия, България и Румъния с валиден ДДС номер от ЕС "
                    "получават фактура без италиански ДДС по реда на обратното начисляване.\n\n"
                    "## Корекция на фактура\n"
                    "Издадената фактура не може да бъде променяна. Ако данните са грешни "
                    "или сте пропуснали да заявите фактура на фирма, свържете се с нас в "
                    "срок от 7 дни от датата на фактурата. Ще анулираме фактурата с "
                    "кредитно известие и ще издадем нова."
                ),
            ),
            "ro": (
                "Cum obțin factura pentru comanda mea?",
                (
                    "Emitem o factură pentru fiecare comandă. Factura este generată la "
                    "expedierea comenzii, iar de fiecare dată când primiți o rambursare vă "
                    "trimitem prin e-mail și o factură de stornare.\n\n"
                    "## Descărcarea facturii\n"
                    "1. Accesați **Contul meu > Comenzi** și deschideți comanda.\n"
                    "2. Selectați **Descarcă factura** pentru a o salva în format PDF.\n\n"
                    "Dacă ați comandat fără cont, factura este atașată e-mailului de "
                    "confirmare a expedierii. Chiar dacă o comandă este expediată în mai "
                    "multe colete, primiți o singură factură.\n\n"
                    "## Factură pe firmă\n"
                    "Pentru a primi factura pe numele firmei, bifați **Doresc factură pe "
                    "firmă** la finalizarea comenzii și introduceți denumirea firmei, "
                    "adresa și codul de TVA. Codurile de TVA din UE sunt verificate "
                    "automat.\n"
                    "- Firmele din Italia pot introduce și codul SDI sau adresa PEC pentru "
                    "a primi factura electronică.\n"
                    "- Firmele din Finlanda, Bulgaria și România cu un cod de TVA valabil "
                    "în UE primesc factura fără TVA italian, în regim de taxare inversă.\n\n"
                    "## Corectarea unei facturi\n"
                    "O factură nu mai poate fi modificată după emitere. Dacă datele sunt "
                    "greșite sau ați uitat să solicitați factură pe firmă, contactați-ne în "
                    "cel mult 7 zile de la data facturii. Vom anula factura printr-o "
                    "factură de stornare și vom emite una nouă."
                ),
            ),
            "ar": (
                "كيف أحصل على فاتورة لطلبي؟",
                (
                    "نُصدر فاتورة لكل طلب، وتُنشأ الفاتورة عند شحن الطلب. وفي كل مرة يُردّ "
                    "فيها مبلغ، نرسل إليك أيضاً إشعاراً دائناً بالبريد الإلكتروني.\n\n"
                    "## تنزيل الفاتورة\n"
                    "1. الانتقال إلى **حسابي > الطلبات** وفتح الطلب.\n"
                    "2. اختيار **تنزيل الفاتورة** لحفظها بصيغة PDF.\n\n"
                    "في حال الطلب دون حساب، تكون الفاتورة مرفقة برسالة تأكيد الشحن. وحتى "
                    "إذا شُحن الطلب في عدة طرود، تصدر له فاتورة واحدة فقط.\n\n"
                    "## فواتير الشركات\n"
                    "لإصدار الفاتورة باسم شركة، يُرجى تحديد خيار **أحتاج إلى فاتورة باسم "
                    "شركة** عند إتمام الطلب، وإدخال اسم الشركة وعنوانها ورقم ضريبة القيمة "
                    "المضافة. ونتحقق تلقائياً من أرقام ضريبة القيمة المضافة الصادرة في "
                    "الاتحاد الأوروبي.\n"
                    "- يمكن للشركات الإيطالية أيضاً إدخال رمز SDI أو عنوان PEC لاستلام "
                    "الفاتورة الإلكترونية.\n"
                    "- تحصل الشركات في فنلندا وبلغاريا ورومانيا التي تملك رقم ضريبة قيمة "
                    "مضافة أوروبياً صالحاً على فاتورة دون ضريبة القيمة المضافة الإيطالية، "
                    "وفق آلية الاحتساب العكسي.\n\n"
                    "## تصحيح الفاتورة\n"
                    "لا يمكن تعديل الفاتورة بعد إصدارها. وإذا كانت البيانات غير صحيحة أو لم "
                    "يُطلب إصدار الفاتورة باسم الشركة، يُرجى التواصل معنا خلال 7 أيام من "
                    "تاريخ الفاتورة، وسنلغي الفاتورة بإشعار دائن ونُصدر فاتورة جديدة."
                ),
            ),
        },
    ),
    DemoArticle(
        key="gift-cards",
        category="payments",
        section="gift-loyalty",
        visibility="public",
        tags=("gift card", "voucher", "balance", "gift"),
        texts={
            "en": (
                "How do gift cards work?",
                (
                    "A Bottega Cortesia gift card is a digital card sent by email, ideal "
                    "when you're not sure what to choose. It can be used for any product "
                    "and for delivery to any country we ship to.\n\n"
                    "## Buying a gift card\n"
                    "Choose a value of €25, €50, €100 or €200, or enter any amount from €10 "
                    "to €500. Add the recipient's email address, a personal message and the "
                    "date on which the card should be sent. Gift cards can be paid for by "
                    "card, PayPal or bank transfer.\n\n"
                    "## Using a gift card\n"
                    "1. At checkout, select **Use a gift card** and enter the 16-digit "
                    "code.\n"
                    "2. The value is deducted from your order total. If it doesn't cover "
                    "the whole amount, pay the rest with another payment method.\n\n"
                    "You can use up to 3 gift cards per order. Any remaining balance stays "
                    "on the card for your next order.\n\n"
                    "## Validity and balance\n"
                    "Gift cards are valid for 24 months from the date of purchase. You can "
                    "check the balance under **My account > Gift cards** or on the gift "
                    "card page. Gift cards cannot be exchanged for cash. If a code is lost, "
                    "we can resend it to the buyer on request."
                ),
            ),
            "it": (
                "Come funzionano le carte regalo?",
                (
                    "La carta regalo Bottega Cortesia è una carta digitale inviata via "
                    "e-mail, ideale quando non si sa cosa scegliere. Può essere utilizzata "
                    "per qualsiasi prodotto e per consegne in tutti i Paesi in cui "
                    "spediamo.\n\n"
                    "## Acquistare una carta regalo\n"
                    "Scelga un valore di 25 €, 50 €, 100 € o 200 €, oppure inserisca un "
                    "importo libero da 10 € a 500 €. Indichi l'indirizzo e-mail del "
                    "destinatario, un messaggio personale e la data in cui la carta deve "
                    "essere inviata. Le carte regalo si possono pagare con carta, PayPal o "
                    "bonifico bancario.\n\n"
                    "## Utilizzare una carta regalo\n"
                    "1. Al momento del pagamento selezioni **Usa una carta regalo** e "
                    "inserisca il codice di 16 cifre.\n"
                    "2. Il valore viene detratto dal totale dell'ordine. Se non copre "
                    "l'intero importo, paghi la differenza con un altro metodo di "
                    "pagamento.\n\n"
                    "Può utilizzare fino a 3 carte regalo per ordine. L'eventuale credito "
                    "residuo rimane sulla carta per l'ordine successivo.\n\n"
                    "## Validità e saldo\n"
                    "Le carte regalo sono valide 24 mesi dalla data di acquisto. Il saldo è "
                    "consultabile in **Il mio account > Carte regalo** o nella pagina "
                    "dedicata alle carte regalo. Le carte regalo non possono essere "
                    "convertite in denaro. In caso di smarrimento del codice, possiamo "
                    "inviarlo di nuovo all'acquirente su richiesta."
                ),
            ),
            "fi": (
                "Miten lahjakortit toimivat?",
                (
                    "Bottega Cortesian lahjakortti on sähköpostitse lähetettävä "
                    "digitaalinen kortti, joka sopii lahjaksi silloin, kun et ole varma, "
                    "mitä valita. Sillä voi maksaa mitä tahansa tuotteita, ja sitä voi "
                    "käyttää tilauksiin kaikkiin maihin, joihin toimitamme.\n\n"
                    "## Lahjakortin ostaminen\n"
                    "Valitse arvoksi 25 €, 50 €, 100 € tai 200 €, tai anna mikä tahansa "
                    "summa väliltä 10–500 €. Lisää saajan sähköpostiosoite, "
                    "henkilökohtainen viesti ja päivä, jolloin kortti lähetetään. "
                    "Lahjakortin voi maksaa kortilla, PayPalilla tai tilisiirrolla.\n\n"
                    "## Lahjakortin käyttäminen\n"
                    "1. Valitse kassalla **Käytä lahjakorttia** ja syötä 16-numeroinen "
                    "koodi.\n"
                    "2. Kortin arvo vähennetään tilauksen loppusummasta. Jos arvo ei riitä "
                    "koko summaan, maksa loppuosa jollakin muulla maksutavalla.\n\n"
                    "Voit käyttää yhdessä tilauksessa enintään 3 lahjakorttia. Käyttämättä "
                    "jäänyt saldo säilyy kortilla seuraavaa tilausta varten.\n\n"
                    "## Voimassaolo ja saldo\n"
                    "Lahjakortit ovat voimassa 24 kuukautta ostopäivästä. Voit tarkistaa "
                    "saldon kohdassa **Oma tili > Lahjakortit** tai lahjakorttisivulla. "
                    "Lahjakortteja ei voi vaihtaa rahaksi. Jos koodi katoaa, voimme "
                    "pyynnöstä lähettää sen uudelleen kortin ostajalle."
                ),
            ),
            "bg": (
                "Как работят картите за подарък?",
                (
                    "Картата за подарък от Bottega Cortesia е дигитална карта, която се "
                    "изпраща по имейл – идеална, когато не сте сигурни какво да изберете. "
                    "Тя може да се използва за всеки продукт и за доставка до всяка "
                    "държава, в която изпращаме.\n\n"
                    "## Покупка на карта за подарък\n"
                    "Изберете стойност от 25 €, 50 €, 100 € или 200 € или въведете "
                    "произволна сума между 10 € и 500 €. Добавете имейл адреса на "
                    "получателя, лично послание и датата, на която картата да бъде "
                    "изпратена. Картите за подарък могат да се платят с карта, PayPal или "
                    "банков превод.\n\n"
                    "## Използване на карта за подарък\n"
                    "1. При завършване на поръчката изберете **Използвай карта за подарък** "
                    "и въведете 16-цифрения код.\n"
                    "2. Стойността се приспада от общата сума на поръчката. Ако тя не "
                    "покрива цялата сума, доплатете разликата с друг начин на плащане.\n\n"
                    "Можете да използвате до 3 карти за подарък в една поръчка. "
                    "Неизползваната наличност остава в картата за следващата Ви поръчка.\n\n"
                    "## Валидност и наличност\n"
                    "Картите за подарък са валидни 24 месеца от датата на покупката. "
                    "Наличността можете да проверите в **Моят профил > Карти за подарък** "
                    "или на страницата за карти за подарък. Картите за подарък не могат да "
                    "се обменят срещу пари. При загубен код можем по заявка да го изпратим "
                    "отново на купувача."
                ),
            ),
            "ro": (
                "Cum funcționează cardurile cadou?",
                (
                    "Cardul cadou Bottega Cortesia este un card digital trimis prin e-mail, "
                    "ideal atunci când nu știți ce să alegeți. Poate fi folosit pentru "
                    "orice produs și pentru livrarea în oricare dintre țările în care "
                    "livrăm.\n\n"
                    "## Cumpărarea unui card cadou\n"
                    "Alegeți o valoare de 25 €, 50 €, 100 € sau 200 € ori introduceți orice "
                    "sumă între 10 € și 500 €. Adăugați adresa de e-mail a destinatarului, "
                    "un mesaj personal și data la care trebuie trimis cardul. Cardurile "
                    "cadou pot fi plătite cu cardul, prin PayPal sau prin transfer bancar.\n\n"
                    "## Folosirea unui card cadou\n"
                    "1. La finalizarea comenzii, selectați **Folosește un card cadou** și "
                    "introduceți codul de 16 cifre.\n"
                    "2. Valoarea cardului se scade din totalul comenzii. Dacă nu acoperă "
                    "întreaga sumă, plătiți diferența cu o altă metodă de plată.\n\n"
                    "Puteți folosi cel mult 3 carduri cadou pentru o comandă. Soldul rămas "
                    "se păstrează pe card pentru comanda următoare.\n\n"
                    "## Valabilitate și sold\n"
                    "Cardurile cadou sunt valabile 24 de luni de la data cumpărării. Puteți "
                    "verifica soldul în **Contul meu > Carduri cadou** sau pe pagina "
                    "cardurilor cadou. Cardurile cadou nu pot fi preschimbate în bani. Dacă "
                    "un cod se pierde, îl putem retrimite cumpărătorului, la cerere."
                ),
            ),
            "ar": (
                "كيف تعمل بطاقات الهدايا؟",
                (
                    "بطاقة الهدايا من Bottega Cortesia بطاقة رقمية تُرسل بالبريد "
                    "الإلكتروني، وهي خيار مثالي عند الحيرة في اختيار الهدية. ويمكن "
                    "استخدامها لشراء أي منتج وللتوصيل إلى أي بلد نشحن إليه.\n\n"
                    "## شراء بطاقة هدايا\n"
                    "يمكن اختيار قيمة 25 أو 50 أو 100 أو 200 يورو، أو إدخال أي مبلغ بين 10 "
                    "و500 يورو. ثم يُضاف البريد الإلكتروني للمستلم ورسالة شخصية وتاريخ "
                    "إرسال البطاقة. ويمكن دفع ثمن بطاقات الهدايا بالبطاقة أو عبر PayPal أو "
                    "بالتحويل البنكي.\n\n"
                    "## استخدام بطاقة الهدايا\n"
                    "1. اختيار **استخدام بطاقة هدايا** عند إتمام الطلب وإدخال الرمز "
                    "المكوَّن من 16 رقماً.\n"
                    "2. تُخصم قيمة البطاقة من إجمالي الطلب. وإذا لم تغطِّ المبلغ كاملاً، "
                    "يُدفع الفرق بطريقة دفع أخرى.\n\n"
                    "يمكن استخدام 3 بطاقات هدايا كحد أقصى في الطلب الواحد. ويبقى الرصيد "
                    "المتبقي على البطاقة لاستخدامه في الطلب التالي.\n\n"
                    "## الصلاحية والرصيد\n"
                    "تبقى بطاقات الهدايا صالحة لمدة 24 شهراً من تاريخ الشراء. ويمكن الاطلاع "
                    "على الرصيد من **حسابي > بطاقات الهدايا** أو من صفحة بطاقات الهدايا. "
                    "ولا يمكن استبدال بطاقات الهدايا بمبلغ نقدي. وفي حال فقدان الرمز، "
                    "يمكننا إعادة إرساله إلى المشتري عند الطلب."
                ),
            ),
        },
    ),
    DemoArticle(
        key="loyalty-points",
        category="payments",
        section="gift-loyalty",
        visibility="public",
        tags=("loyalty points", "rewards", "discount", "birthday bonus"),
        texts={
            "en": (
                "How do I collect and use loyalty points?",
                (
                    "With a Bottega Cortesia account, you earn loyalty points on every "
                    "order and can use them for discounts on future purchases. Membership "
                    "is free and starts automatically when you create an account.\n\n"
                    "## Earning points\n"
                    "- You earn 1 point for every €1 you spend, excluding shipping costs "
                    "and gift cards.\n"
                    "- Points are added to your account 30 days after delivery, once the "
                    "return period has ended.\n"
                    "- You receive 100 bonus points on your birthday if your date of birth "
                    "is saved under **My account > Personal details**.\n\n"
                    "Orders placed as a guest don't earn points.\n\n"
                    "## Using points\n"
                    "Every 100 points are worth €5. At checkout, select **Use points** and "
                    "choose how many to redeem, in steps of 100. Points can cover up to 50% "
                    "of the value of the products in your order.\n\n"
                    "## Balance and expiry\n"
                    "You can see your balance and history under **My account > Loyalty "
                    "points**. Points expire 24 months after they are added to your "
                    "account. If you return an item, the points earned on it are removed, "
                    "and any remaining points are lost if you delete your account."
                ),
            ),
            "it": (
                "Come accumulo e utilizzo i punti fedeltà?",
                (
                    "Con un account Bottega Cortesia accumula punti fedeltà a ogni ordine e "
                    "può utilizzarli per ottenere sconti sugli acquisti successivi. "
                    "L'adesione è gratuita e automatica al momento della creazione "
                    "dell'account.\n\n"
                    "## Come si accumulano i punti\n"
                    "- Riceve 1 punto per ogni euro speso, escluse le spese di spedizione e "
                    "le carte regalo.\n"
                    "- I punti vengono accreditati 30 giorni dopo la consegna, cioè al "
                    "termine del periodo di reso.\n"
                    "- Il giorno del Suo compleanno riceve 100 punti in regalo, se la data "
                    "di nascita è salvata in **Il mio account > Dati personali**.\n\n"
                    "Gli ordini effettuati senza registrazione non danno diritto a punti.\n\n"
                    "## Come si utilizzano i punti\n"
                    "Ogni 100 punti valgono 5 €. Al momento del pagamento selezioni **Usa i "
                    "punti** e scelga quanti punti utilizzare, in multipli di 100. I punti "
                    "possono coprire fino al 50% del valore dei prodotti nell'ordine.\n\n"
                    "## Saldo e scadenza\n"
                    "Il saldo e lo storico dei punti sono consultabili in **Il mio account "
                    "> Punti fedeltà**. I punti scadono 24 mesi dopo l'accredito. Se "
                    "restituisce un articolo, i punti ottenuti con quell'articolo vengono "
                    "stornati; in caso di eliminazione dell'account, i punti residui vanno "
                    "persi."
                ),
            ),
            "fi": (
                "Miten kerään ja käytän kanta-asiakaspisteitä?",
                (
                    "Kun sinulla on Bottega Cortesia -tili, saat kanta-asiakaspisteitä "
                    "jokaisesta tilauksesta ja voit käyttää niitä alennuksiin tulevista "
                    "ostoksista. Jäsenyys on maksuton, ja se alkaa automaattisesti, kun "
                    "luot tilin.\n\n"
                    "## Pisteiden kerääminen\n"
                    "- Saat 1 pisteen jokaista käyttämääsi euroa kohden. Toimituskulut ja "
                    "lahjakortit eivät kerrytä pisteitä.\n"
                    "- Pisteet lisätään tilillesi 30 päivää toimituksen jälkeen, kun "
                    "palautusaika on päättynyt.\n"
                    "- Saat syntymäpäivänäsi 100 bonuspistettä, jos syntymäpäiväsi on "
                    "tallennettu kohtaan **Oma tili > Henkilötiedot**.\n\n"
                    "Ilman tiliä tehdyistä tilauksista ei kerry pisteitä.\n\n"
                    "## Pisteiden käyttäminen\n"
                    "Jokainen 100 pisteen erä on arvoltaan 5 €. Valitse kassalla **Käytä "
                    "pisteitä** ja valitse, montako pistettä haluat käyttää, sadan pisteen "
                    "erissä. Pisteillä voi maksaa enintään 50 % tilauksen tuotteiden "
                    "arvosta.\n\n"
                    "## Saldo ja vanhentuminen\n"
                    "Näet pistesaldosi ja pistehistoriasi kohdassa **Oma tili > "
                    "Kanta-asiakaspisteet**. Pisteet vanhenevat 24 kuukauden kuluttua "
                    "siitä, kun ne on lisätty tilillesi. Jos palautat tuotteen, siitä "
                    "saadut pisteet poistetaan. Jos poistat tilisi, jäljellä olevat pisteet "
                    "menetetään."
                ),
            ),
            "bg": (
                "Как да събирам и използвам точки за лоялност?",
                (
                    "С профил в Bottega Cortesia получавате точки за лоялност при всяка "
                    "поръчка и можете да ги използвате за отстъпки при следващи покупки. "
                    "Участието е безплатно и започва автоматично, когато създадете профил.\n\n"
                    "## Как се натрупват точки\n"
                    "- Получавате 1 точка за всяко похарчено 1 €, без разходите за доставка "
                    "и картите за подарък.\n"
                    "- Точките се добавят в профила Ви 30 дни след доставката, когато "
                    "изтече срокът за връщане.\n"
                    "- На рождения си ден получавате 100 бонус точки, ако датата Ви на "
                    "раждане е запазена в **Моят профил > Лични данни**.\n\n"
                    "Поръчките без регистрация не носят точки.\n\n"
                    "## Как се използват точките\n"
                    "Всеки 100 точки се равняват на 5 €. При завършване на поръчката "
                    "изберете **Използвай точки** и посочете колко точки искате да "
                    "използвате, на стъпки от по 100. С точки може да се покрие до 50% от "
                    "стойността на продуктите в поръчката.\n\n"
                    "## Наличност и валидност\n"
                    "Наличността и историята на точките си виждате в **Моят профил > Точки "
                    "за лоялност**. Точките изтичат 24 месеца след добавянето им в профила. "
                    "Ако върнете артикул, точките, получени за него, се премахват, а при "
                    "изтриване на профила оставащите точки се губят."
                ),
            ),
            "ro": (
                "Cum acumulez și folosesc punctele de fidelitate?",
                (
                    "Cu un cont Bottega Cortesia, primiți puncte de fidelitate la fiecare "
                    "comandă și le puteți folosi pentru reduceri la cumpărăturile viitoare. "
                    "Participarea este gratuită și începe automat când vă creați contul.\n\n"
                    "## Cum acumulați puncte\n"
                    "- Primiți 1 punct pentru fiecare 1 € cheltuit, fără costurile de "
                    "livrare și fără cardurile cadou.\n"
                    "- Punctele sunt adăugate în cont la 30 de zile după livrare, după "
                    "încheierea perioadei de retur.\n"
                    "- De ziua dumneavoastră primiți 100 de puncte bonus, dacă data "
                    "nașterii este salvată în **Contul meu > Date personale**.\n\n"
                    "Comenzile plasate fără cont nu aduc puncte.\n\n"
                    "## Cum folosiți punctele\n"
                    "Fiecare 100 de puncte valorează 5 €. La finalizarea comenzii, "
                    "selectați **Folosește punctele** și alegeți câte puncte doriți să "
                    "folosiți, în multipli de 100. Punctele pot acoperi cel mult 50% din "
                    "valoarea produselor din comandă.\n\n"
                    "## Sold și expirare\n"
                    "Soldul și istoricul punctelor le găsiți în **Contul meu > Puncte de "
                    "fidelitate**. Punctele expiră la 24 de luni după ce au fost adăugate "
                    "în cont. Dacă returnați un produs, punctele obținute pentru acesta "
                    "sunt retrase, iar dacă vă ștergeți contul, punctele rămase se pierd."
                ),
            ),
            "ar": (
                "كيف أجمع نقاط الولاء وأستخدمها؟",
                (
                    "يتيح لك حساب Bottega Cortesia كسب نقاط ولاء مع كل طلب واستخدامها "
                    "للحصول على خصومات على المشتريات القادمة. والاشتراك في البرنامج مجاني "
                    "ويبدأ تلقائياً عند إنشاء الحساب.\n\n"
                    "## كسب النقاط\n"
                    "- تُضاف إلى حسابك نقطة واحدة مقابل كل 1 يورو يُنفَق، باستثناء تكاليف "
                    "الشحن وبطاقات الهدايا.\n"
                    "- تُضاف النقاط إلى الحساب بعد 30 يوماً من التوصيل، أي بعد انتهاء مهلة "
                    "الإرجاع.\n"
                    "- تُضاف 100 نقطة مكافأة في يوم ميلادك، بشرط حفظ تاريخ الميلاد في "
                    "**حسابي > البيانات الشخصية**.\n\n"
                    "لا تُكسب نقاط على الطلبات المقدَّمة دون حساب.\n\n"
                    "## استخدام النقاط\n"
                    "كل 100 نقطة تعادل 5 يورو. وعند إتمام الطلب، يُختار **استخدام النقاط** "
                    "ويُحدَّد عدد النقاط المراد استخدامها بمضاعفات الـ100. ويمكن أن تغطي "
                    "النقاط ما يصل إلى 50% من قيمة المنتجات في الطلب.\n\n"
                    "## الرصيد وانتهاء الصلاحية\n"
                    "يظهر رصيد النقاط وسجلها في **حسابي > نقاط الولاء**. وتنتهي صلاحية "
                    "النقاط بعد 24 شهراً من إضافتها إلى الحساب. وعند إرجاع منتج، تُحذف "
                    "النقاط المكتسبة عليه، كما تُفقد النقاط المتبقية عند حذف الحساب."
                ),
            ),
        },
    ),
    DemoArticle(
        key="internal-damaged-parcel",
        category="returns",
        section="faults",
        visibility="internal",
        tags=("internal", "damaged parcel", "courier claim", "procedure"),
        texts={
            "en": (
                "How we handle a damaged parcel claim",
                (
                    "This guide is for customer service staff only. Follow it whenever a "
                    "customer reports a damaged, wrong or missing item. We promise "
                    "customers a reply within 1 business day, so these claims take priority "
                    "over general questions.\n\n"
                    "## 1. Check the claim\n"
                    "- Confirm that the report was made within 7 days of delivery. Later "
                    "reports go to a team lead.\n"
                    "- Make sure we have photos of the item, the outer box and the shipping "
                    "label, and ask for anything missing in your first reply.\n"
                    "- For winter tyres, also ask for a photo of the sidewall showing the "
                    "DOT code.\n"
                    "- Check the tracking history for a damage note from the courier.\n\n"
                    "## 2. Resolve it for the customer\n"
                    "- Offer a replacement or a full refund and let the customer choose.\n"
                    "- If the item is worth less than €30, refund or replace it without "
                    "asking for it back.\n"
                    "- From €30 upwards, send a prepaid return label and release the "
                    "replacement as soon as the courier scans the return.\n\n"
                    "## 3. Claim from the courier\n"
                    "Open a claim in the courier's portal within 10 days of delivery, "
                    "attach the customer's photos and add the tag **courier-claim** to the "
                    "ticket. Never ask customers to contact the courier themselves. If the "
                    "customer has made 3 or more claims in the last 12 months, inform a "
                    "team lead before resolving the ticket."
                ),
            ),
            "it": (
                "Come gestiamo una segnalazione di pacco danneggiato",
                (
                    "Questa guida è riservata al personale del servizio clienti. Va seguita "
                    "ogni volta che un cliente segnala un articolo danneggiato, errato o "
                    "mancante. Ai clienti promettiamo una risposta entro 1 giorno "
                    "lavorativo, quindi queste segnalazioni hanno la precedenza sulle "
                    "richieste generiche.\n\n"
                    "## 1. Verificare la segnalazione\n"
                    "- Controllare che la segnalazione sia arrivata entro 7 giorni dalla "
                    "consegna. Le segnalazioni successive vanno inoltrate a un team leader.\n"
                    "- Assicurarsi di avere le foto dell'articolo, della scatola esterna e "
                    "dell'etichetta di spedizione; quelle mancanti vanno richieste già "
                    "nella prima risposta.\n"
                    "- Per gli pneumatici invernali, chiedere anche una foto del fianco con "
                    "il codice DOT.\n"
                    "- Controllare nella cronologia di tracciamento se il corriere ha "
                    "annotato danni.\n\n"
                    "## 2. Risolvere il problema per il cliente\n"
                    "- Proporre la sostituzione o il rimborso completo e lasciare la scelta "
                    "al cliente.\n"
                    "- Se l'articolo vale meno di 30 €, rimborsarlo o sostituirlo senza "
                    "chiederne la restituzione.\n"
                    "- Da 30 € in su, inviare un'etichetta di reso prepagata e sbloccare la "
                    "sostituzione non appena il corriere registra il reso.\n\n"
                    "## 3. Aprire la pratica con il corriere\n"
                    "Aprire un reclamo sul portale del corriere entro 10 giorni dalla "
                    "consegna, allegare le foto del cliente e aggiungere al ticket il tag "
                    "**courier-claim**. Non chiedere mai al cliente di contattare "
                    "personalmente il corriere. Se il cliente ha presentato 3 o più "
                    "segnalazioni negli ultimi 12 mesi, informare un team leader prima di "
                    "chiudere il ticket."
                ),
            ),
            "fi": (
                "Näin käsittelemme ilmoituksen vaurioituneesta paketista",
                (
                    "Tämä ohje on tarkoitettu vain asiakaspalvelun henkilökunnalle. Noudata "
                    "sitä aina, kun asiakas ilmoittaa vaurioituneesta, väärästä tai "
                    "puuttuvasta tuotteesta. Lupaamme asiakkaille vastauksen 1 arkipäivän "
                    "kuluessa, joten nämä ilmoitukset käsitellään ennen yleisiä kysymyksiä.\n\n"
                    "## 1. Tarkista ilmoitus\n"
                    "- Varmista, että ilmoitus on tehty 7 päivän kuluessa toimituksesta. "
                    "Myöhemmin tehdyt ilmoitukset siirretään tiiminvetäjälle.\n"
                    "- Varmista, että meillä on kuvat tuotteesta, ulkopakkauksesta ja "
                    "osoitetarrasta. Pyydä puuttuvat kuvat jo ensimmäisessä vastauksessasi.\n"
                    "- Jos kyse on talvirenkaista, pyydä myös kuva renkaan kyljestä niin, "
                    "että DOT-koodi näkyy.\n"
                    "- Tarkista seurantahistoriasta, onko kuljetusyhtiö tehnyt merkinnän "
                    "vauriosta.\n\n"
                    "## 2. Ratkaise asia asiakkaan puolesta\n"
                    "- Tarjoa korvaavaa tuotetta tai täyttä hyvitystä ja anna asiakkaan "
                    "valita.\n"
                    "- Jos tuotteen arvo on alle 30 €, hyvitä tai korvaa se pyytämättä "
                    "tuotetta takaisin.\n"
                    "- Jos arvo on 30 € tai enemmän, lähetä asiakkaalle valmiiksi maksettu "
                    "palautustarra ja vapauta korvaava tuote lähetettäväksi heti, kun "
                    "kuljetusyhtiö on skannannut palautuksen.\n\n"
                    "## 3. Tee korvausvaatimus kuljetusyhtiölle\n"
                    "Tee korvausvaatimus kuljetusyhtiön portaalissa 10 päivän kuluessa "
                    "toimituksesta, liitä mukaan asiakkaan kuvat ja lisää tikettiin "
                    "tunniste **courier-claim**. Älä koskaan pyydä asiakasta ottamaan itse "
                    "yhteyttä kuljetusyhtiöön. Jos asiakas on tehnyt vähintään 3 ilmoitusta "
                    "viimeisten 12 kuukauden aikana, kerro asiasta tiiminvetäjälle ennen "
                    "tiketin ratkaisemista."
                ),
            ),
            "bg": (
                "Как обработваме сигнал за повредена пратка",
                (
                    "Това ръководство е само за служителите в обслужването на клиенти. "
                    "Следвайте го всеки път, когато клиент съобщи за повреден, грешен или "
                    "липсващ артикул. Обещаваме на клиентите отговор в рамките на 1 работен "
                    "ден, затова тези сигнали имат предимство пред общите запитвания.\n\n"
                    "## 1. Проверете сигнала\n"
                    "- Уверете се, че сигналът е подаден в срок от 7 дни след доставката. "
                    "По-късните сигнали се предават на ръководител на екип.\n"
                    "- Проверете дали имаме снимки на артикула, външната кутия и етикета на "
                    "пратката, и поискайте липсващите още в първия си отговор.\n"
                    "- При зимни гуми поискайте и снимка на страничната стена с видим DOT "
                    "код.\n"
                    "- Проверете в историята на проследяването дали куриерът е отбелязал "
                    "повреда.\n\n"
                    "## 2. Решете проблема на клиента\n"
                    "- Предложете замяна или пълно възстановяване на сумата и оставете "
                    "клиента да избере.\n"
                    "- Ако артикулът струва по-малко от 30 €, възстановете сумата или го "
                    "заменете, без да искате връщането му.\n"
                    "- При стойност от 30 € нагоре изпратете предплатен етикет за връщане и "
                    "пуснете замяната веднага щом куриерът сканира върнатата пратка.\n\n"
                    "## 3. Предявете претенция към куриера\n"
                    "Подайте претенция в портала на куриера в срок от 10 дни след "
                    "доставката, прикачете снимките от клиента и добавете към тикета "
                    "етикета **courier-claim**. Никога не молете клиента сам да се свързва "
                    "с куриера. Ако клиентът е подал 3 или повече сигнала през последните "
                    "12 месеца, уведомете ръководител на екип, преди да приключите тикета."
                ),
            ),
            "ro": (
                "Cum gestionăm o sesizare pentru un colet deteriorat",
                (
                    "Acest ghid este destinat exclusiv personalului de relații cu clienții. "
                    "Urmați-l de fiecare dată când un client semnalează un produs "
                    "deteriorat, greșit sau lipsă. Le promitem clienților un răspuns în cel "
                    "mult 1 zi lucrătoare, așa că aceste sesizări au prioritate față de "
                    "întrebările generale.\n\n"
                    "## 1. Verificați sesizarea\n"
                    "- Confirmați că sesizarea a fost făcută în cel mult 7 zile de la "
                    "livrare. Sesizările ulterioare se transmit unui coordonator de echipă.\n"
                    "- Asigurați-vă că avem fotografii ale produsului, ale cutiei "
                    "exterioare și ale etichetei de expediere și cereți ce lipsește încă "
                    "din primul răspuns.\n"
                    "- Pentru anvelopele de iarnă, cereți și o fotografie a flancului pe "
                    "care se vede codul DOT.\n"
                    "- Verificați în istoricul de urmărire dacă curierul a consemnat vreo "
                    "deteriorare.\n\n"
                    "## 2. Rezolvați problema clientului\n"
                    "- Oferiți înlocuirea produsului sau rambursarea integrală și lăsați "
                    "clientul să aleagă.\n"
                    "- Dacă produsul valorează sub 30 €, rambursați-l sau înlocuiți-l fără "
                    "să cereți returnarea lui.\n"
                    "- De la 30 € în sus, trimiteți o etichetă de retur preplătită și "
                    "eliberați înlocuirea imediat ce curierul scanează returul.\n\n"
                    "## 3. Deschideți o reclamație la curier\n"
                    "Deschideți o reclamație în portalul curierului în cel mult 10 zile de "
                    "la livrare, atașați fotografiile clientului și adăugați la tichet "
                    "eticheta **courier-claim**. Nu le cereți niciodată clienților să "
                    "contacteze ei înșiși curierul. Dacă clientul a făcut 3 sau mai multe "
                    "sesizări în ultimele 12 luni, informați un coordonator de echipă "
                    "înainte de a rezolva tichetul."
                ),
            ),
            "ar": (
                "كيف نتعامل مع بلاغ عن طرد تالف",
                (
                    "هذا الدليل مخصص لموظفي خدمة العملاء فقط، ويُتَّبع كلما أبلغ أحد "
                    "العملاء عن منتج تالف أو غير صحيح أو ناقص. ونعِد العملاء بالرد خلال يوم "
                    "عمل واحد، لذا تحظى هذه البلاغات بالأولوية على الاستفسارات العامة.\n\n"
                    "## 1. التحقق من البلاغ\n"
                    "- التأكد من تقديم البلاغ خلال 7 أيام من التوصيل، وإحالة البلاغات "
                    "المتأخرة إلى قائد الفريق.\n"
                    "- التأكد من توفر صور للمنتج والعلبة الخارجية وملصق الشحن، وطلب ما ينقص "
                    "منها في الرد الأول.\n"
                    "- في حالة الإطارات الشتوية، طلب صورة للجدار الجانبي يظهر فيها رمز DOT "
                    "أيضاً.\n"
                    "- مراجعة سجل التتبُّع للتحقق مما إذا كانت شركة الشحن قد دوّنت أي ضرر.\n\n"
                    "## 2. حل المشكلة للعميل\n"
                    "- عرض الاستبدال أو استرداد المبلغ كاملاً، وترك الاختيار للعميل.\n"
                    "- إذا كانت قيمة المنتج أقل من 30 يورو، يُردّ المبلغ أو يُستبدل المنتج "
                    "دون طلب إعادته.\n"
                    "- إذا كانت القيمة 30 يورو أو أكثر، يُرسَل ملصق إرجاع مدفوع مسبقاً، "
                    "ويُفرج عن المنتج البديل فور تسجيل شركة الشحن للطرد المرتجع.\n\n"
                    "## 3. المطالبة لدى شركة الشحن\n"
                    "تُفتح مطالبة في بوابة شركة الشحن خلال 10 أيام من التوصيل، مع إرفاق صور "
                    "العميل وإضافة الوسم **courier-claim** إلى التذكرة. ولا يُطلب من العميل "
                    "مطلقاً التواصل مع شركة الشحن بنفسه. وإذا قدّم العميل 3 بلاغات أو أكثر "
                    "خلال آخر 12 شهراً، يُبلَّغ قائد الفريق قبل إغلاق التذكرة."
                ),
            ),
        },
    ),
    DemoArticle(
        key="internal-refund-limits",
        category="returns",
        section="refunds",
        visibility="internal",
        tags=("internal", "refund approval", "limits", "goodwill"),
        texts={
            "en": (
                "Refund approval limits",
                (
                    "This guide is for customer service staff only. It sets out how much "
                    "each role may refund or credit without further approval. The limits "
                    "apply per order and include any refunds already made on that order.\n\n"
                    "## Limits by role\n"
                    "- **Agents:** refunds up to €100 and goodwill credit up to €20 or 500 "
                    "loyalty points.\n"
                    "- **Team leads:** refunds up to €500 and goodwill credit up to €75 or "
                    "1,500 loyalty points.\n"
                    "- **Customer service manager:** anything above these limits.\n\n"
                    "To request approval, add a **Refund approval** task to the ticket with "
                    "the amount and the reason. Approval requests are answered within 1 "
                    "business day.\n\n"
                    "## Always ask a team lead first\n"
                    "- Refunds without the items being returned, except damaged or wrong "
                    "items worth less than €30\n"
                    "- Refunds to a payment method other than the one used for the order\n"
                    "- Refunds for returns received after the 30-day return period\n\n"
                    "## Before you refund\n"
                    "1. Check that no refund has already been issued for the same items.\n"
                    "2. For cash-on-delivery orders, make sure the name of the IBAN account "
                    "holder matches the customer's name.\n"
                    "3. Record the reason code in the ticket, so that refunds can be "
                    "reported correctly at the end of the month."
                ),
            ),
            "it": (
                "Limiti di approvazione dei rimborsi",
                (
                    "Questa guida è riservata al personale del servizio clienti. Stabilisce "
                    "l'importo che ciascun ruolo può rimborsare o accreditare senza "
                    "ulteriori approvazioni. I limiti si intendono per ordine e comprendono "
                    "gli eventuali rimborsi già effettuati sullo stesso ordine.\n\n"
                    "## Limiti per ruolo\n"
                    "- **Operatori:** rimborsi fino a 100 € e credito di cortesia fino a 20 "
                    "€ o 500 punti fedeltà.\n"
                    "- **Team leader:** rimborsi fino a 500 € e credito di cortesia fino a "
                    "75 € o 1.500 punti fedeltà.\n"
                    "- **Responsabile del servizio clienti:** tutto ciò che supera questi "
                    "limiti.\n\n"
                    "Per richiedere un'approvazione, aggiungere al ticket un'attività "
                    "**Approvazione rimborso** indicando importo e motivo. Le richieste "
                    "ricevono risposta entro 1 giorno lavorativo.\n\n"
                    "## Casi che richiedono sempre il parere di un team leader\n"
                    "- Rimborsi senza restituzione degli articoli, tranne per articoli "
                    "danneggiati o errati di valore inferiore a 30 €\n"
                    "- Rimborsi su un metodo di pagamento diverso da quello usato per "
                    "l'ordine\n"
                    "- Rimborsi per resi arrivati dopo il periodo di reso di 30 giorni\n\n"
                    "## Prima di effettuare il rimborso\n"
                    "1. Verificare che non sia già stato emesso un rimborso per gli stessi "
                    "articoli.\n"
                    "2. Per gli ordini in contrassegno, controllare che l'intestatario "
                    "dell'IBAN corrisponda al cliente.\n"
                    "3. Registrare nel ticket il codice motivo, in modo che i rimborsi "
                    "siano rendicontati correttamente a fine mese."
                ),
            ),
            "fi": (
                "Hyvitysten hyväksymisrajat",
                (
                    "Tämä ohje on tarkoitettu vain asiakaspalvelun henkilökunnalle. Siinä "
                    "kerrotaan, kuinka suuren hyvityksen kukin rooli voi tehdä ilman "
                    "erillistä hyväksyntää. Rajat koskevat tilauskohtaisesti kaikkia "
                    "hyvityksiä, myös samaan tilaukseen jo aiemmin tehtyjä.\n\n"
                    "## Rajat rooleittain\n"
                    "- **Asiakaspalvelijat:** hyvitykset enintään 100 € ja "
                    "goodwill-hyvitykset enintään 20 € tai 500 kanta-asiakaspistettä.\n"
                    "- **Tiiminvetäjät:** hyvitykset enintään 500 € ja goodwill-hyvitykset "
                    "enintään 75 € tai 1 500 kanta-asiakaspistettä.\n"
                    "- **Asiakaspalvelupäällikkö:** kaikki näiden rajojen ylittävät summat.\n\n"
                    "Pyydä hyväksyntää lisäämällä tikettiin tehtävä **Hyvityksen "
                    "hyväksyntä**, johon merkitset summan ja perustelun. "
                    "Hyväksyntäpyyntöihin vastataan 1 arkipäivän kuluessa.\n\n"
                    "## Kysy aina ensin tiiminvetäjältä\n"
                    "- hyvitykset ilman tuotteiden palautusta, paitsi vaurioituneet tai "
                    "väärät tuotteet, joiden arvo on alle 30 €\n"
                    "- hyvitykset muulle maksutavalle kuin sille, jolla tilaus maksettiin\n"
                    "- hyvitykset palautuksista, jotka saapuvat 30 päivän palautusajan "
                    "jälkeen\n\n"
                    "## Ennen hyvityksen tekemistä\n"
                    "1. Tarkista, ettei samoista tuotteista ole jo maksettu hyvitystä.\n"
                    "2. Varmista postiennakkotilauksissa, että IBAN-tilin haltijan nimi "
                    "vastaa asiakkaan nimeä.\n"
                    "3. Kirjaa syykoodi tikettiin, jotta hyvitykset raportoidaan oikein "
                    "kuun lopussa."
                ),
            ),
            "bg": (
                "Лимити за одобрение на възстановявания",
                (
                    "Това ръководство е само за служителите в обслужването на клиенти. То "
                    "определя каква сума може да възстанови или кредитира всяка роля без "
                    "допълнително одобрение. Лимитите важат за поръчка и включват всички "
                    "вече направени възстановявания по същата поръчка.\n\n"
                    "## Лимити по роли\n"
                    "- **Служители:** възстановяване до 100 € и компенсация от добра воля "
                    "до 20 € или 500 точки за лоялност.\n"
                    "- **Ръководители на екипи:** възстановяване до 500 € и компенсация от "
                    "добра воля до 75 € или 1500 точки за лоялност.\n"
                    "- **Мениджър „Обслужване на клиенти“:** всичко над тези лимити.\n\n"
                    "За да поискате одобрение, добавете към тикета задача **Одобрение на "
                    "възстановяване** със сумата и причината. На заявките за одобрение се "
                    "отговаря в рамките на 1 работен ден.\n\n"
                    "## Винаги първо питайте ръководител на екип\n"
                    "- Възстановяване без връщане на артикулите, освен при повредени или "
                    "грешни артикули на стойност под 30 €\n"
                    "- Възстановяване по начин на плащане, различен от използвания за "
                    "поръчката\n"
                    "- Възстановяване при връщания, получени след 30-дневния срок за "
                    "връщане\n\n"
                    "## Преди да възстановите сума\n"
                    "1. Проверете дали вече не е възстановена сума за същите артикули.\n"
                    "2. При поръчки с наложен платеж се уверете, че името на титуляря на "
                    "IBAN сметката съвпада с името на клиента.\n"
                    "3. Отбележете кода на причината в тикета, за да бъдат "
                    "възстановяванията отчетени правилно в края на месеца."
                ),
            ),
            "ro": (
                "Limitele de aprobare pentru rambursări",
                (
                    "Acest ghid este destinat exclusiv personalului de relații cu clienții. "
                    "El stabilește ce sumă poate rambursa sau acorda fiecare rol fără o "
                    "aprobare suplimentară. Limitele se aplică pe comandă și includ toate "
                    "rambursările deja efectuate pentru aceeași comandă.\n\n"
                    "## Limite pe roluri\n"
                    "- **Agenți:** rambursări de până la 100 € și compensații comerciale de "
                    "până la 20 € sau 500 de puncte de fidelitate.\n"
                    "- **Coordonatori de echipă:** rambursări de până la 500 € și "
                    "compensații comerciale de până la 75 € sau 1.500 de puncte de "
                    "fidelitate.\n"
                    "- **Managerul serviciului clienți:** tot ce depășește aceste limite.\n\n"
                    "Pentru a cere aprobarea, adăugați la tichet o sarcină **Aprobare "
                    "rambursare**, cu suma și motivul. Cererile de aprobare primesc răspuns "
                    "în cel mult 1 zi lucrătoare.\n\n"
                    "## Cereți întotdeauna mai întâi acordul unui coordonator de echipă\n"
                    "- Rambursări fără returnarea produselor, cu excepția produselor "
                    "deteriorate sau greșite cu o valoare sub 30 €\n"
                    "- Rambursări prin altă metodă de plată decât cea folosită pentru "
                    "comandă\n"
                    "- Rambursări pentru retururi primite după perioada de retur de 30 de "
                    "zile\n\n"
                    "## Înainte de rambursare\n"
                    "1. Verificați dacă nu s-a emis deja o rambursare pentru aceleași "
                    "produse.\n"
                    "2. Pentru comenzile plătite ramburs, asigurați-vă că numele "
                    "titularului contului IBAN coincide cu numele clientului.\n"
                    "3. Înregistrați în tichet codul motivului, pentru ca rambursările să "
                    "fie raportate corect la sfârșitul lunii."
                ),
            ),
            "ar": (
                "حدود اعتماد المبالغ المستردة",
                (
                    "هذا الدليل مخصص لموظفي خدمة العملاء فقط، ويحدد المبلغ الذي يمكن لكل "
                    "دور ردّه أو منحه دون الحاجة إلى اعتماد إضافي. وتُطبَّق الحدود على "
                    "مستوى الطلب الواحد، وتشمل أي مبالغ سبق ردّها على الطلب نفسه.\n\n"
                    "## الحدود حسب الدور\n"
                    "- **موظفو خدمة العملاء:** استرداد حتى 100 يورو، وتعويض ودّي حتى 20 "
                    "يورو أو 500 نقطة ولاء.\n"
                    "- **قادة الفرق:** استرداد حتى 500 يورو، وتعويض ودّي حتى 75 يورو أو "
                    "1500 نقطة ولاء.\n"
                    "- **مدير خدمة العملاء:** كل ما يتجاوز هذه الحدود.\n\n"
                    "لطلب الاعتماد، تُضاف إلى التذكرة مهمة **اعتماد الاسترداد** مع ذكر "
                    "المبلغ والسبب. ويُردّ على طلبات الاعتماد خلال يوم عمل واحد.\n\n"
                    "## حالات تتطلب دائماً موافقة قائد الفريق أولاً\n"
                    "- الاسترداد دون إرجاع المنتجات، باستثناء المنتجات التالفة أو غير "
                    "الصحيحة التي تقل قيمتها عن 30 يورو\n"
                    "- الاسترداد إلى طريقة دفع غير الطريقة المستخدمة في الطلب\n"
                    "- الاسترداد لمرتجعات وصلت بعد انتهاء مهلة الإرجاع البالغة 30 يوماً\n\n"
                    "## قبل تنفيذ الاسترداد\n"
                    "1. التحقق من عدم إصدار استرداد سابق للمنتجات نفسها.\n"
                    "2. في طلبات الدفع عند الاستلام، التأكد من تطابق اسم صاحب حساب IBAN مع "
                    "اسم العميل.\n"
                    "3. تسجيل رمز السبب في التذكرة، حتى تُدرج المبالغ المستردة في تقارير "
                    "نهاية الشهر بشكل صحيح."
                ),
            ),
        },
    ),
)
