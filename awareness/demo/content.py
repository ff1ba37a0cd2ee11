"""The demo site's text, in lv, en, ru and uk. See the package docstring.

Layout: small builders for StreamField blocks, then hotlines and settings, then the pages in
the order of the site tree (home, campaigns, help, safety, news). Every page is complete in all
four languages, except ARTICLE_GUIDELINES, which is left without Ukrainian on purpose so that
the site's "not yet translated" note can be demonstrated.

Forms of address: campaigns for young people say "tu" / "ты" / "ти"; everything else uses the
polite "jūs" / "вы" / "ви".
"""

import datetime

QUICK_EXIT_URL = "https://www.google.com/search?q=weather+riga"
MAIN_HOTLINE = "lantern"


# --- Block builders ---------------------------------------------------------------------------
# Each returns one StreamField block as {"type": ..., "value": ...}; names and struct fields
# follow awareness/blocks.py exactly.


def rich(html: str) -> dict:
    """A rich-text paragraph (only <p>, <h2>, <h3>, <b>, <i>, <ul>, <ol>, <li>, <a href>)."""
    return {"type": "paragraph", "value": html}


def quote(text: str, attribution: str) -> dict:
    """A story or quote. The attribution is never a real name."""
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


def warning_signs(heading: str, introduction: str, signs: list[str], conclusion: str) -> dict:
    return {
        "type": "warning_signs",
        "value": {
            "heading": heading,
            "introduction": introduction,
            "signs": signs,
            "conclusion": conclusion,
        },
    }


def faq(heading: str, items: list[tuple[str, str]]) -> dict:
    """Questions and answers; each answer is rich-text HTML."""
    return {
        "type": "faq",
        "value": {
            "heading": heading,
            "items": [{"question": question, "answer": answer} for question, answer in items],
        },
    }


def cta(action: str, heading: str, text: str = "", button_label: str = "", hotline=None) -> dict:
    """A call to action: action is chat, hotline, emergency or page; hotline is a key of
    HOTLINES (the loader turns it into the hotline's id) or None for the main hotline."""
    return {
        "type": "call_to_action",
        "value": {
            "action": action,
            "heading": heading,
            "text": text,
            "button_label": button_label,
            "hotline": hotline,
            "page": None,
        },
    }


def stages(heading: str, items: list[tuple[str, str, str]]) -> dict:
    """Stages of the referral mechanism: (title, who, description as rich-text HTML)."""
    return {
        "type": "stages",
        "value": {
            "heading": heading,
            "stages": [
                {"title": title, "who": who, "description": description}
                for title, who, description in items
            ],
        },
    }


def rights(heading: str, items: list[tuple[str, str]]) -> dict:
    """A victim's rights: (title, plain-text description)."""
    return {
        "type": "rights",
        "value": {
            "heading": heading,
            "rights": [{"title": title, "description": text} for title, text in items],
        },
    }


def plain_summary(heading: str, points: list[str]) -> dict:
    return {"type": "plain_summary", "value": {"heading": heading, "points": points}}


def safety_tip(heading: str, steps: list[str]) -> dict:
    return {"type": "safety_tip", "value": {"heading": heading, "steps": steps}}


# The "How help works" page's slugs, also used for links to it from other pages' rich text.
HELP_SLUGS = {
    "lv": "ka-darbojas-palidziba",
    "en": "how-help-works",
    "ru": "kak-rabotaet-pomoshch",
    "uk": "yak-pratsiuie-dopomoha",
}


def help_link(lang: str, text: str) -> str:
    """A rich-text link to the "How help works" page (a child of the home page) in `lang`."""
    return f'<a href="/{lang}/{HELP_SLUGS[lang]}/">{text}</a>'


# --- Hotlines and settings --------------------------------------------------------------------
# Every number except 112 is fictitious (8000 00xx) and each description says so.

HOTLINES = {
    "lantern": {
        "number": "8000 0001",
        "is_free": True,
        "sort_order": 0,
        "name": {
            "lv": "Lantern uzticības tālrunis",
            "en": "Lantern helpline",
            "ru": "Линия доверия Lantern",
            "uk": "Лінія довіри Lantern",
        },
        "hours": {
            "lv": "P.–Pk. 9:00–20:00",
            "en": "Mon–Fri 9:00–20:00",
            "ru": "Пн–Пт 9:00–20:00",
            "uk": "Пн–Пт 9:00–20:00",
        },
        "schedule": "Mo-Fr 09:00-20:00",
        "languages": {
            "lv": "latviešu, krievu, ukraiņu, angļu",
            "en": "Latvian, Russian, Ukrainian, English",
            "ru": "латышский, русский, украинский, английский",
            "uk": "латиська, російська, українська, англійська",
        },
        "description": {
            "lv": "Anonīmas konsultācijas ikvienam, kam varētu draudēt cilvēku tirdzniecība "
            "vai ekspluatācija, kā arī viņu tuviniekiem un draugiem. Zvans no jebkura "
            "Latvijas tālruņa ir bez maksas. Demonstrācijas vietne: šis numurs ir "
            "izdomāts un nedarbojas.",
            "en": "Anonymous advice for anyone who may be at risk of trafficking or "
            "exploitation, and for their family and friends. Calls are free from any "
            "Latvian phone. Demo site: this number is fictitious and does not work.",
            "ru": "Анонимные консультации для всех, кому может угрожать торговля людьми или "
            "эксплуатация, а также для их близких и друзей. Звонок с любого "
            "латвийского телефона бесплатный. Демонстрационный сайт: этот номер "
            "вымышленный и не работает.",
            "uk": "Анонімні консультації для всіх, кому може загрожувати торгівля людьми чи "
            "експлуатація, а також для їхніх рідних і друзів. Дзвінок з будь-якого "
            "латвійського телефону безкоштовний. Демонстраційний сайт: цей номер "
            "вигаданий і не працює.",
        },
    },
    "labour": {
        "number": "8000 0002",
        "is_free": True,
        "sort_order": 1,
        "name": {
            "lv": "Darba tiesību konsultāciju tālrunis",
            "en": "Labour rights advice line",
            "ru": "Консультации по трудовым правам",
            "uk": "Консультації з трудових прав",
        },
        "hours": {
            "lv": "P.–Pk. 8:00–18:00",
            "en": "Mon–Fri 8:00–18:00",
            "ru": "Пн–Пт 8:00–18:00",
            "uk": "Пн–Пт 8:00–18:00",
        },
        "schedule": "Mo-Fr 08:00-18:00",
        "languages": {
            "lv": "latviešu, krievu, ukraiņu, angļu",
            "en": "Latvian, Russian, Ukrainian, English",
            "ru": "латышский, русский, украинский, английский",
            "uk": "латиська, російська, українська, англійська",
        },
        "description": {
            "lv": "Jautājumi par darba piedāvājumu, līgumu, algu, darba laiku vai darba "
            "devēju, kurš patur jūsu dokumentus, – gan pirms došanās ceļā, gan darba "
            "laikā. Demonstrācijas vietne: šis numurs ir izdomāts un nedarbojas.",
            "en": "Questions about a job offer, a contract, wages, working hours or an "
            "employer who keeps your documents – before you leave and while you work. "
            "Demo site: this number is fictitious and does not work.",
            "ru": "Вопросы о предложении работы, договоре, зарплате, рабочем времени или "
            "работодателе, который удерживает ваши документы, – до отъезда и во время "
            "работы. Демонстрационный сайт: этот номер вымышленный и не работает.",
            "uk": "Питання про пропозицію роботи, договір, зарплату, робочий час або "
            "роботодавця, який утримує ваші документи, – до від’їзду і під час роботи. "
            "Демонстраційний сайт: цей номер вигаданий і не працює.",
        },
    },
    "youth": {
        "number": "8000 0003",
        "is_free": True,
        "sort_order": 2,
        "name": {
            "lv": "Jauniešu un drošības internetā tālrunis",
            "en": "Youth and online safety line",
            "ru": "Линия для молодёжи: безопасность в интернете",
            "uk": "Лінія для молоді: безпека в інтернеті",
        },
        "hours": {
            "lv": "Katru dienu 12:00–22:00",
            "en": "Every day 12:00–22:00",
            "ru": "Ежедневно 12:00–22:00",
            "uk": "Щодня 12:00–22:00",
        },
        "schedule": "Mo-Su 12:00-22:00",
        "languages": {
            "lv": "latviešu, krievu",
            "en": "Latvian, Russian",
            "ru": "латышский, русский",
            "uk": "латиська, російська",
        },
        "description": {
            "lv": "Jauniešiem un viņu vecākiem: spiediens attiecībās internetā, draudi "
            "publiskot intīmus attēlus, piedāvājumi, kas šķiet pārāk labi, lai būtu "
            "patiesi. Savu vārdu vari nesaukt. Demonstrācijas vietne: šis numurs ir "
            "izdomāts un nedarbojas.",
            "en": "For young people and their parents: pressure in an online relationship, "
            "threats to share intimate images, offers that seem too good to be true. "
            "You do not have to give your name. Demo site: this number is fictitious "
            "and does not work.",
            "ru": "Для молодых людей и их родителей: давление в отношениях в интернете, "
            "угрозы опубликовать интимные фото, слишком заманчивые предложения. "
            "Называть имя не обязательно. Демонстрационный сайт: этот номер "
            "вымышленный и не работает.",
            "uk": "Для молоді та їхніх батьків: тиск у стосунках в інтернеті, погрози "
            "оприлюднити інтимні фото, надто привабливі пропозиції. Називати ім’я не "
            "обов’язково. Демонстраційний сайт: цей номер вигаданий і не працює.",
        },
    },
    "victims": {
        # 116 006 is the number the whole European Union keeps for victims of crime; in Latvia
        # it is answered by a state-funded service. The hours here are made up for the demo.
        "number": "116 006",
        "is_free": True,
        "sort_order": 3,
        "name": {
            "lv": "Noziegumos cietušo atbalsta tālrunis",
            "en": "Victims of crime support line",
            "ru": "Линия поддержки пострадавших от преступлений",
            "uk": "Лінія підтримки постраждалих від злочинів",
        },
        "hours": {
            "lv": "Katru dienu 7:00–22:00",
            "en": "Every day 7:00–22:00",
            "ru": "Ежедневно 7:00–22:00",
            "uk": "Щодня 7:00–22:00",
        },
        "schedule": "Mo-Su 07:00-22:00",
        "languages": {
            "lv": "latviešu, krievu, angļu",
            "en": "Latvian, Russian, English",
            "ru": "латышский, русский, английский",
            "uk": "латиська, російська, англійська",
        },
        "description": {
            "lv": "Emocionāls atbalsts un informācija par tiesībām ikvienam, kas cietis no "
            "nozieguma, arī no cilvēku tirdzniecības. Numurs 116 006 ir vienāds visā Eiropas "
            "Savienībā. Demonstrācijas vietne: šīs darba stundas ir izdomātas.",
            "en": "Emotional support and information about your rights for anyone harmed by "
            "a crime, trafficking included. The number 116 006 is the same in the whole "
            "European Union. Demo site: these hours are made up.",
            "ru": "Эмоциональная поддержка и информация о правах для всех, кто пострадал от "
            "преступления, в том числе от торговли людьми. Номер 116 006 одинаков во всём "
            "Европейском союзе. Демонстрационный сайт: эти часы работы вымышлены.",
            "uk": "Емоційна підтримка та інформація про права для всіх, хто постраждав від "
            "злочину, зокрема від торгівлі людьми. Номер 116 006 однаковий у всьому "
            "Європейському Союзі. Демонстраційний сайт: ці години роботи вигадані.",
        },
    },
}

CHAT_HOURS = [(weekday, datetime.time(10, 0), datetime.time(20, 0)) for weekday in range(5)]

STAFF = [
    ("admin", None, True),
    ("editor", "Editors", False),
    ("moderator", "Moderators", False),
    ("operator", "Chat operators", False),
    ("caseworker", "Caseworkers", False),
    ("coordinator", "Coordinators", False),
]

# Ready answers for chat operators (chat.CannedResponse), in every language.
CANNED_RESPONSES = [
    {
        "title": {
            "lv": "Sveiciens",
            "en": "Greeting",
            "ru": "Приветствие",
            "uk": "Привітання",
        },
        "text": {
            "lv": "Labdien! Es esmu konsultants. Šī saruna ir anonīma. Kā es varu palīdzēt?",
            "en": "Hello, I am an adviser. This conversation is anonymous. How can I help?",
            "ru": "Здравствуйте! Я консультант. Этот разговор анонимный. Чем я могу помочь?",
            "uk": "Вітаю! Я консультант. Ця розмова анонімна. Чим я можу допомогти?",
        },
    },
    {
        "title": {
            "lv": "Vai esat drošībā?",
            "en": "Are you safe?",
            "ru": "Вы в безопасности?",
            "uk": "Ви в безпеці?",
        },
        "text": {
            "lv": "Vai jūs šobrīd esat drošībā? Ja jums draud tūlītējas briesmas, zvaniet 112.",
            "en": "Are you safe right now? If you are in immediate danger, call 112.",
            "ru": "Вы сейчас в безопасности? Если вам грозит непосредственная опасность, "
            "звоните 112.",
            "uk": "Ви зараз у безпеці? Якщо вам загрожує безпосередня небезпека, телефонуйте 112.",
        },
    },
    {
        "title": {
            "lv": "Dokumenti",
            "en": "Documents",
            "ru": "Документы",
            "uk": "Документи",
        },
        "text": {
            "lv": "Neviens darba devējs nedrīkst paturēt jūsu pasi vai personas apliecību. "
            "Vai jūsu dokumenti ir pie jums?",
            "en": "No employer may keep your passport or ID card. Do you have your documents "
            "with you?",
            "ru": "Ни один работодатель не имеет права забирать ваш паспорт или удостоверение "
            "личности. Ваши документы у вас?",
            "uk": "Жоден роботодавець не має права забирати ваш паспорт чи посвідчення "
            "особи. Ваші документи у вас?",
        },
    },
    {
        "title": {
            "lv": "Palīdzība Latvijā",
            "en": "Help in Latvia",
            "ru": "Помощь в Латвии",
            "uk": "Допомога в Латвії",
        },
        "text": {
            "lv": "Cietušajiem Latvijā ir tiesības uz valsts apmaksātu sociālo rehabilitāciju "
            "līdz 180 dienām, juridisko palīdzību un 30 dienu pārdomu laiku. Lasiet vairāk: "
            "sadaļā „Kā darbojas palīdzība”.",
            "en": "In Latvia, victims have the right to up to 180 days of state-funded social "
            "rehabilitation, legal aid and a 30-day reflection period. More under "
            "'How help works'.",
            "ru": "В Латвии пострадавшие имеют право на социальную реабилитацию за счёт "
            "государства до 180 дней, юридическую помощь и 30 дней на размышление. "
            "Подробнее в разделе «Как работает помощь».",
            "uk": "У Латвії постраждалі мають право на соціальну реабілітацію за рахунок "
            "держави до 180 днів, правову допомогу та 30 днів на роздуми. Докладніше в "
            "розділі «Як працює допомога».",
        },
    },
]


# --- Home -------------------------------------------------------------------------------------

HOME = {
    "slug": {"lv": "sakums", "en": "home", "ru": "glavnaya", "uk": "holovna"},
    "title": {
        "lv": "Drošs darbs, droša dzīve",
        "en": "Safe work, safe life",
        "ru": "Безопасная работа, безопасная жизнь",
        "uk": "Безпечна робота, безпечне життя",
    },
    "introduction": {
        "lv": "Dodaties strādāt uz ārzemēm, internetā iepazināties ar kādu, kas sola ļoti "
        "daudz, vai jau jūtat, ka nevarat aiziet? Šeit varat pārbaudīt, kas ir "
        "normāli, uzzināt savas tiesības un anonīmi runāt ar mums – latviski, "
        "angliski, krieviski vai ukrainiski.",
        "en": "Going to work abroad, met someone online who promises a lot, or already feel "
        "that you cannot leave? Here you can check what is normal, learn your rights "
        "and talk to us anonymously – in Latvian, English, Russian or Ukrainian.",
        "ru": "Собираетесь на работу за границу, познакомились в интернете с человеком, "
        "который много обещает, или уже чувствуете, что не можете уйти? Здесь можно "
        "проверить, что нормально, а что нет, узнать свои права и анонимно поговорить "
        "с нами – на латышском, английском, русском или украинском.",
        "uk": "Збираєтеся на роботу за кордон, познайомилися в інтернеті з людиною, яка "
        "багато обіцяє, або вже відчуваєте, що не можете піти? Тут можна перевірити, "
        "що нормально, а що ні, дізнатися свої права й анонімно поговорити з нами – "
        "латиською, англійською, російською чи українською.",
    },
    "search_description": {
        "lv": "Informācija un anonīma palīdzība pret cilvēku tirdzniecību un ekspluatāciju "
        "Latvijā četrās valodās.",
        "en": "Information and anonymous help against human trafficking and exploitation in "
        "Latvia, in four languages.",
        "ru": "Информация и анонимная помощь против торговли людьми и эксплуатации в Латвии "
        "на четырёх языках.",
        "uk": "Інформація та анонімна допомога проти торгівлі людьми й експлуатації в Латвії "
        "чотирма мовами.",
    },
    "body": {
        "lv": [
            rich(
                "<p>Cilvēku tirdzniecība reti sākas ar vardarbību. Parasti tā sākas ar "
                "piedāvājumu: labi apmaksātu darbu, bezmaksas ceļojumu, jaunām attiecībām. "
                "<b>Neviens neizvēlas tikt ekspluatēts, un tā nekad nav tā cilvēka vaina, "
                "ar kuru tas notiek.</b> Ja kaut kas jūsu darbā vai attiecībās nešķiet "
                "pareizi, jums nav jāizlemj vienatnē, ko darīt tālāk.</p><p>Mūsu "
                "konsultanti strādā nevalstiskā organizācijā. Saruna ar mums ir bez maksas "
                "un konfidenciāla, un jums nav jāsaka savs vārds vai jāiet uz "
                "policiju.</p>"
            ),
            cta(
                "chat",
                "Runājiet ar mums anonīmi",
                "Rakstiet apmācītam konsultantam tērzēšanā. Jums nav jānorāda savs vārds, "
                "un nekas netiek saglabāts bez jūsu piekrišanas.",
                "Sākt tērzēšanu",
            ),
            cta(
                "emergency",
                "Tūlītējās briesmās? Zvaniet 112",
                "Zvans uz 112 ir bez maksas no jebkura tālruņa, un tur atbild visu "
                "diennakti. Pasakiet, kur atrodaties un ka jums draud briesmas.",
                "Zvanīt",
            ),
        ],
        "en": [
            rich(
                "<p>Trafficking in human beings rarely starts with violence. It usually "
                "starts with an offer: a well-paid job, a free trip, a new relationship. "
                "<b>Nobody chooses to be exploited, and it is never the fault of the "
                "person it happens to.</b> If something in your job or relationship does "
                "not feel right, you do not have to decide on your own what to do "
                "next.</p><p>Our advisers work for a non-governmental organisation. "
                "Talking to us is free and confidential, and you do not have to give your "
                "name or go to the police.</p>"
            ),
            cta(
                "chat",
                "Talk to us anonymously",
                "Write to a trained adviser in the chat. You do not have to give your "
                "name, and nothing is saved unless you agree.",
                "Start a chat",
            ),
            cta(
                "emergency",
                "In immediate danger? Call 112",
                "112 is free from any phone and answers around the clock. Say where you "
                "are and that you are in danger.",
                "Call",
            ),
        ],
        "ru": [
            rich(
                "<p>Торговля людьми редко начинается с насилия. Обычно она начинается с "
                "предложения: хорошо оплачиваемая работа, бесплатная поездка, новые "
                "отношения. <b>Никто не выбирает стать жертвой эксплуатации, и в этом "
                "никогда не виноват тот, с кем это случилось.</b> Если что-то в вашей "
                "работе или отношениях кажется неправильным, вам не нужно в одиночку "
                "решать, что делать дальше.</p><p>Наши консультанты работают в "
                "неправительственной организации. Разговор с нами бесплатный и "
                "конфиденциальный, вам не нужно называть своё имя или обращаться в "
                "полицию.</p>"
            ),
            cta(
                "chat",
                "Поговорите с нами анонимно",
                "Напишите обученному консультанту в чат. Имя называть не нужно, и ничего "
                "не сохраняется без вашего согласия.",
                "Начать чат",
            ),
            cta(
                "emergency",
                "Вам грозит опасность прямо сейчас? Звоните 112",
                "Звонок на 112 бесплатный с любого телефона, там отвечают круглосуточно. "
                "Скажите, где вы находитесь и что вам угрожает опасность.",
                "Позвонить",
            ),
        ],
        "uk": [
            rich(
                "<p>Торгівля людьми рідко починається з насильства. Зазвичай вона "
                "починається з пропозиції: добре оплачувана робота, безкоштовна поїздка, "
                "нові стосунки. <b>Ніхто не обирає стати жертвою експлуатації, і в цьому "
                "ніколи не винна людина, з якою це сталося.</b> Якщо щось у вашій роботі "
                "чи стосунках здається неправильним, вам не потрібно самотужки вирішувати, "
                "що робити далі.</p><p>Наші консультанти працюють у громадській "
                "організації. Розмова з нами безкоштовна й конфіденційна, вам не потрібно "
                "називати своє ім’я чи звертатися до поліції.</p>"
            ),
            cta(
                "chat",
                "Поговоріть з нами анонімно",
                "Напишіть підготовленому консультантові в чат. Ім’я називати не потрібно, "
                "і нічого не зберігається без вашої згоди.",
                "Почати чат",
            ),
            cta(
                "emergency",
                "Вам загрожує небезпека просто зараз? Телефонуйте 112",
                "Дзвінок на 112 безкоштовний з будь-якого телефону, там відповідають "
                "цілодобово. Скажіть, де ви перебуваєте і що вам загрожує небезпека.",
                "Зателефонувати",
            ),
        ],
    },
}


# --- Campaigns --------------------------------------------------------------------------------

CAMPAIGN_INDEX = {
    "slug": {"lv": "kampanas", "en": "campaigns", "ru": "kampanii", "uk": "kampanii"},
    "title": {"lv": "Kampaņas", "en": "Campaigns", "ru": "Кампании", "uk": "Кампанії"},
    "introduction": {
        "lv": "Mūsu kampaņas uzrunā tos, kam risks ir vislielākais: cilvēkus, kas meklē "
        "darbu ārzemēs, un jauniešus. Izvēlieties tēmu, kas ir vistuvāk jūsu "
        "situācijai.",
        "en": "Our campaigns speak to the people most at risk: those looking for work "
        "abroad, and young people. Choose the topic closest to your situation.",
        "ru": "Наши кампании обращены к тем, кто рискует больше всего: к людям, которые ищут "
        "работу за границей, и к молодёжи. Выберите тему, которая ближе всего к вашей "
        "ситуации.",
        "uk": "Наші кампанії звернені до тих, хто ризикує найбільше: до людей, які шукають "
        "роботу за кордоном, і до молоді. Оберіть тему, найближчу до вашої ситуації.",
    },
    "search_description": {
        "lv": "Informatīvās kampaņas par darbaspēka ekspluatāciju, manipulāciju internetā, "
        "fiktīvām laulībām un piespiedu noziedzību.",
        "en": "Awareness campaigns on labour exploitation, online grooming, sham marriage "
        "and forced criminality.",
        "ru": "Кампании о трудовой эксплуатации, вовлечении через интернет, фиктивных браках "
        "и принуждении к преступлениям.",
        "uk": "Кампанії про трудову експлуатацію, вербування через інтернет, фіктивні шлюби "
        "та примус до злочинів.",
    },
    "fields": {"show_in_menus": True},
}

# Labour migrants: job offers abroad, recruitment agencies and documents. The Russian text uses
# the word "вербовщик" (the test suite searches for it); no other language may contain it.
CAMPAIGN_WORK_ABROAD = {
    "slug": {
        "lv": "darbs-arzemes",
        "en": "work-abroad",
        "ru": "rabota-za-granitsei",
        "uk": "robota-za-kordonom",
    },
    "title": {
        "lv": "Darbs ārzemēs: vispirms pārbaudiet",
        "en": "Work abroad: check before you go",
        "ru": "Работа за границей: сначала проверьте",
        "uk": "Робота за кордоном: спершу перевірте",
    },
    "introduction": {
        "lv": "Lielākā daļa darba piedāvājumu ārzemēs ir īsti. Daži nav. Dažas pārbaudes, "
        "pirms parakstāt līgumu vai dodaties ceļā, var pasargāt no mēnešiem ilga "
        "neapmaksāta darba un parādiem.",
        "en": "Most job offers abroad are genuine. Some are not. A few checks before you "
        "sign or travel can save you from months of unpaid work and debt.",
        "ru": "Большинство предложений работы за границей настоящие. Но не все. Несколько "
        "проверок до подписания договора или отъезда могут уберечь вас от месяцев "
        "бесплатной работы и долгов.",
        "uk": "Більшість пропозицій роботи за кордоном справжні. Але не всі. Кілька "
        "перевірок до підписання договору чи від’їзду можуть уберегти вас від місяців "
        "неоплачуваної праці та боргів.",
    },
    "search_description": {
        "lv": "Kā pārbaudīt darba piedāvājumu un darbā iekārtošanas aģentūru pirms darba "
        "ārzemēs un ko darīt, ja darba devējs patur jūsu pasi.",
        "en": "How to check a job offer and a recruitment agency before working abroad, and "
        "what to do if your employer keeps your passport.",
        "ru": "Как проверить предложение работы и кадровое агентство перед работой за "
        "границей и что делать, если работодатель забрал ваш паспорт.",
        "uk": "Як перевірити пропозицію роботи й кадрове агентство перед роботою за кордоном "
        "і що робити, якщо роботодавець забрав ваш паспорт.",
    },
    "fields": {"audience": "labour_migrants", "forms_of_exploitation": ["labour"]},
    "body": {
        "lv": [
            plain_summary(
                "Īsumā",
                [
                    "Pirms braucat, pārbaudiet aģentūru un darba devēju.",
                    "Nekad neatdodiet savu pasi, pat ne „glabāšanā”.",
                    "Saņemiet līgumu valodā, ko saprotat, un paturiet tā kopiju.",
                    "Ja kaut kas nav kārtībā, parunājiet ar mums anonīmi. Briesmās zvaniet 112.",
                ],
            ),
            rich(
                "<h2>Piedāvājums, kas izklausās pārāk labi</h2><p>Darbu bieži atrod caur "
                "paziņām, sociālo tīklu grupām vai aģentūru ar glītu mājaslapu. Alga ir "
                "augsta, valodas zināšanas un pieredze nav vajadzīgas, par ceļu un "
                "dzīvesvietu „jau ir parūpējušies”. Taču uz vietas izrādās, ka līgums ir "
                "cits, alga mazāka, bet ceļa, gultasvietas un darba apģērba izmaksas ir "
                "kļuvušas par parādu, kas ar katru nedēļu aug.</p><p>Tā parasti izskatās "
                "darbaspēka ekspluatācija. Tas ir noziegums, un cilvēks, kurš tika "
                "maldināts, nav izdarījis neko sliktu.</p>"
            ),
            warning_signs(
                "Brīdinājuma zīmes darba piedāvājumā",
                "Esiet piesardzīgi, ja kaut kas no šī saraksta atbilst jūsu situācijai:",
                [
                    "Par darba iegūšanu jāmaksā, vai aģentūra prasa naudu par vīzu vai līgumu.",
                    "Aģentūra nevar uzrādīt licenci, tai nav adreses vai uzņēmuma "
                    "reģistrācijas numura.",
                    "Rakstiska līguma nav, vai jums liek parakstīt līgumu valodā, kuru nesaprotat.",
                    "Alga ir daudz augstāka, nekā par tādu pašu darbu šajā valstī parasti maksā.",
                    "Biļeti nopērk kāds cits un saka, ka to „atmaksāsiet no pirmās algas”.",
                    "Jums iesaka teikt, ka braucat kā tūrists.",
                    "Darba devējs vai starpnieks grib „drošības labad” paturēt jūsu pasi.",
                ],
                "Ja atbilst divas vai vairāk pazīmes, aprunājieties ar mums, pirms "
                "braucat. Tas neko nemaksā, un lēmumu pieņemat jūs.",
            ),
            rich(
                "<h2>Pirms došanās ceļā</h2><ul><li><b>Pārbaudiet aģentūru.</b> Latvijā "
                "aģentūrām, kas palīdz atrast darbu, jābūt Nodarbinātības valsts aģentūras "
                "(NVA) izsniegtai licencei, un NVA publicē šo aģentūru sarakstu. Meklējiet "
                "internetā uzņēmuma nosaukumu kopā ar vārdiem „krāpnieki” vai "
                "„atsauksmes”.</li><li><b>Pieprasiet rakstisku līgumu</b> valodā, kuru "
                "saprotat, ar darba devēja nosaukumu un adresi, algu, darba laiku un "
                "dzīvesvietu. Paturiet kopiju.</li><li><b>Nofotografējiet pasi un "
                "līgumu</b> un nosūtiet attēlus sev un kādam, kuram "
                "uzticaties.</li><li><b>Norunājiet, kā sazināsieties</b>: pastāstiet "
                "radiniekam vai draugam darba vietas adresi un vienojieties par slepenu "
                "vārdu, kas nozīmē „man vajag palīdzību”.</li><li><b>Saglabājiet "
                "numurus</b>: Latvijas vēstniecības attiecīgajā valstī, ārkārtas "
                "palīdzības numuru (112 darbojas visā ES) un mūsu uzticības "
                "tālruni.</li></ul>"
            ),
            quote(
                "Aģentūras vīrietis bija laipns un teica, ka līgums būs angļu valodā, "
                "„tikai formalitāte”. Beigās strādājām pa divpadsmit stundām dienā, un "
                "katru mēnesi parāds par dzīvokli bija lielāks par algu. Domāju, ka pats "
                "esmu vainīgs, jo parakstīju.",
                "Andris, 34 gadi, strādāja noliktavā ārzemēs",
            ),
            faq(
                "Ko mums bieži jautā",
                [
                    (
                        "Darba devējs „drošības labad” patur manu pasi. Vai tas ir atļauts?",
                        "<p>Nē. Pase pieder jums, un neviens darba devējs nedrīkst to paturēt "
                        "pret jūsu gribu. Mierīgi palūdziet to atdot. Ja atsaka vai draud, "
                        "vērsieties policijā, vēstniecībā vai pie mums.</p>",
                    ),
                    (
                        "Esmu parādā aģentūrai par ceļu. Vai man jāstrādā, kamēr parāds būs "
                        "atmaksāts?",
                        "<p>Parāds nekad nedod tiesības piespiest jūs strādāt, paturēt jūsu "
                        "algu vai neļaut jums aiziet. Parāds, kas aug neatkarīgi no tā, cik "
                        "daudz strādājat, ir tipiska ekspluatācijas pazīme. Aprunājieties ar "
                        "mums par iespējām.</p>",
                    ),
                    (
                        "Man nav līguma, vai dokumenti nav kārtībā. Vai man būs nepatikšanas, "
                        "ja lūgšu palīdzību?",
                        "<p>Cilvēki, kurus ekspluatē, ir cietušie, nevis likumpārkāpēji. Mūsu "
                        "konsultanti bez jūsu piekrišanas par jums nevienam neziņo. Ja jūs "
                        "atzīst par cilvēku tirdzniecības upuri, jums Latvijā ir tiesības uz "
                        "palīdzību un aizsardzību – skatiet lapu "
                        + help_link("lv", "Kā darbojas palīdzība")
                        + ".</p>",
                    ),
                    (
                        "Es jau esmu ārzemēs, un kaut kas nav kārtībā. Ko darīt?",
                        "<p>Ja draud briesmas, zvaniet 112. Citādi varat rakstīt mums "
                        "tērzēšanā vai zvanīt Latvijas vēstniecībai. Palīdzēsim apsvērt "
                        "iespējas, sazināties ar organizācijām attiecīgajā valstī un, ja "
                        "vēlaties atgriezties, droši nokļūt atpakaļ Latvijā.</p>",
                    ),
                ],
            ),
            cta(
                "hotline",
                "Neesat pārliecināti par piedāvājumu?",
                "Piezvaniet mums, pirms parakstāt līgumu vai dodaties ceļā. Izvērtēsim "
                "piedāvājumu kopā.",
                "Zvaniet mums",
                "lantern",
            ),
            cta(
                "chat",
                "Ērtāk rakstīt?",
                "Mūsu tērzēšana ir anonīma. Pastāstiet tik daudz vai tik maz, cik vēlaties.",
                "Sākt tērzēšanu",
            ),
        ],
        "en": [
            plain_summary(
                "In short",
                [
                    "Check the agency and the employer before you go.",
                    "Never hand over your passport, not even “for safe keeping”.",
                    "Get a contract in a language you understand, and keep a copy.",
                    "If something is wrong, talk to us anonymously. In danger, call 112.",
                ],
            ),
            rich(
                "<h2>An offer that sounds too good</h2><p>The job is often found through "
                "acquaintances, a social-media group or an agency with a smart website. "
                "The pay is high, no language skills or experience are needed, and the "
                "journey and housing are “already taken care of”. Then, on arrival, the "
                "contract turns out to be different, the wages are lower, and the cost of "
                "the journey, the bed and the work clothes has become a debt that grows "
                "every week.</p><p>This is what labour exploitation usually looks like. It "
                "is a crime, and the person who was deceived has done nothing wrong.</p>"
            ),
            warning_signs(
                "Warning signs in a job offer",
                "Be careful if anything on this list matches your situation:",
                [
                    "You have to pay to get the job, or the agency asks for money for "
                    "a visa or the contract.",
                    "The agency cannot show a licence, or has no address or company "
                    "registration number.",
                    "There is no written contract, or you are asked to sign one in a "
                    "language you do not understand.",
                    "The pay is much higher than what the same work normally pays in that country.",
                    "Someone else buys your ticket and says you will “pay it back from "
                    "your first wages”.",
                    "You are told to say that you are travelling as a tourist.",
                    "The employer or the middleman wants to keep your passport “for safety”.",
                ],
                "If two or more of these are true, talk to us before you go. It costs "
                "nothing, and you make the decision.",
            ),
            rich(
                "<h2>Before you leave</h2><ul><li><b>Check the agency.</b> In Latvia, "
                "agencies that find people jobs must have a licence from the State "
                "Employment Agency (NVA), which publishes a list of them. Search online "
                "for the company's name together with words like “scam” or "
                "“reviews”.</li><li><b>Ask for a written contract</b> in a language you "
                "understand, with the employer's name and address, your pay, your working "
                "hours and where you will live. Keep a copy.</li><li><b>Photograph your "
                "passport and contract</b> and send the pictures to yourself and to "
                "someone you trust.</li><li><b>Agree how you will keep in touch</b>: give "
                "a relative or friend the address of your workplace and agree on a code "
                "word that means “I need help”.</li><li><b>Save these numbers</b>: the "
                "Latvian embassy in that country, the emergency number (112 works "
                "everywhere in the EU) and our helpline.</li></ul>"
            ),
            quote(
                "The man from the agency was friendly and said the contract would be in "
                "English, “just a formality”. In the end we worked twelve hours a day, and "
                "every month the debt for the flat was bigger than our wages. I thought it "
                "was my own fault for signing.",
                "Andris, 34, worked in a warehouse abroad",
            ),
            faq(
                "Questions people often ask us",
                [
                    (
                        "My employer keeps my passport “for safety”. Is that allowed?",
                        "<p>No. Your passport belongs to you, and no employer may keep it "
                        "against your will. Calmly ask for it back. If they refuse or threaten "
                        "you, contact the police, your embassy or us.</p>",
                    ),
                    (
                        "I owe the agency money for the journey. Do I have to keep working "
                        "until the debt is paid?",
                        "<p>A debt never gives anyone the right to force you to work, to keep "
                        "your wages or to stop you from leaving. A debt that keeps growing no "
                        "matter how much you work is a typical sign of exploitation. Talk to "
                        "us about your options.</p>",
                    ),
                    (
                        "I have no contract, or my papers are not in order. Will I get into "
                        "trouble if I ask for help?",
                        "<p>People who are exploited are victims, not offenders. Our advisers "
                        "do not report you to anyone without your consent. If you are "
                        "recognised as a victim of trafficking, you have the right to help and "
                        "protection in Latvia – see " + help_link("en", "How help works") + ".</p>",
                    ),
                    (
                        "I am already abroad and something is wrong. What can I do?",
                        "<p>If you are in danger, call 112. Otherwise, write to us in the chat "
                        "or call the Latvian embassy. We will help you think through your "
                        "options, contact organisations in that country and, if you want to "
                        "come back, return to Latvia safely.</p>",
                    ),
                ],
            ),
            cta(
                "hotline",
                "Not sure about an offer?",
                "Call us before you sign or travel. We will look at the offer together.",
                "Call us",
                "lantern",
            ),
            cta(
                "chat",
                "Prefer to write?",
                "Our chat is anonymous. Tell us as much or as little as you want.",
                "Start a chat",
            ),
        ],
        "ru": [
            plain_summary(
                "Коротко",
                [
                    "Проверьте агентство и работодателя, прежде чем ехать.",
                    "Никогда не отдавайте свой паспорт, даже «на хранение».",
                    "Получите договор на языке, который вы понимаете, и сохраните его копию.",
                    "Если что-то не так, поговорите с нами анонимно. В опасности звоните 112.",
                ],
            ),
            rich(
                "<h2>Предложение, которое звучит слишком хорошо</h2><p>Работу часто "
                "находят через знакомых, группы в соцсетях или через вербовщика из "
                "агентства с красивым сайтом. Зарплата высокая, язык и опыт не нужны, "
                "дорогу и жильё «уже организовали». А на месте оказывается, что договор "
                "другой, зарплата меньше, а расходы на дорогу, койку и рабочую одежду "
                "превратились в долг, который растёт с каждой неделей.</p><p>Так обычно "
                "выглядит трудовая эксплуатация. Это преступление, и человек, которого "
                "обманули, ни в чём не виноват.</p>"
            ),
            warning_signs(
                "Тревожные признаки в предложении работы",
                "Будьте осторожны, если что-то из этого списка совпадает с вашей ситуацией:",
                [
                    "За получение работы нужно заплатить, или агентство просит деньги "
                    "за визу или договор.",
                    "Агентство не может показать лицензию, у него нет адреса или "
                    "регистрационного номера.",
                    "Письменного договора нет, или вас просят подписать его на языке, "
                    "которого вы не понимаете.",
                    "Зарплата намного выше, чем обычно платят за такую же работу в этой стране.",
                    "Билет покупает кто-то другой и говорит, что вы «отдадите с первой зарплаты».",
                    "Вам советуют говорить, что вы едете как турист.",
                    "Вербовщик или работодатель хочет «для надёжности» подержать у "
                    "себя ваш паспорт.",
                ],
                "Если совпадают два признака или больше, поговорите с нами до отъезда. "
                "Это бесплатно, а решение принимаете вы.",
            ),
            rich(
                "<h2>Перед отъездом</h2><ul><li><b>Проверьте агентство.</b> В Латвии "
                "агентства по трудоустройству должны иметь лицензию Государственного "
                "агентства занятости (NVA), которое публикует их список. Поищите в "
                "интернете название фирмы вместе со словами «мошенники» или "
                "«отзывы».</li><li><b>Требуйте письменный договор</b> на понятном вам "
                "языке, с названием и адресом работодателя, зарплатой, рабочим временем и "
                "местом проживания. Сохраните копию.</li><li><b>Сфотографируйте паспорт и "
                "договор</b> и отправьте снимки себе и человеку, которому "
                "доверяете.</li><li><b>Договоритесь о связи</b>: сообщите родственнику или "
                "другу адрес работы и условьтесь о кодовом слове, которое означает «мне "
                "нужна помощь».</li><li><b>Сохраните номера</b> посольства Латвии в этой "
                "стране, номер экстренной помощи (112 работает во всём ЕС) и нашей линии "
                "доверия.</li></ul>"
            ),
            quote(
                "Человек из агентства был приветлив и сказал, что договор будет на "
                "английском, «это просто формальность». В итоге мы работали по двенадцать "
                "часов в день, и каждый месяц долг за жильё был больше зарплаты. Я думал, "
                "что сам виноват, раз подписал.",
                "Андрис, 34 года, работал на складе за границей",
            ),
            faq(
                "О чём нас часто спрашивают",
                [
                    (
                        "Работодатель «для надёжности» держит у себя мой паспорт. Это разрешено?",
                        "<p>Нет. Паспорт принадлежит вам, и никакой работодатель не вправе "
                        "удерживать его против вашей воли. Спокойно попросите его вернуть. "
                        "Если вам отказывают или угрожают, обратитесь в полицию, в посольство "
                        "или к нам.</p>",
                    ),
                    (
                        "Я должен агентству деньги за дорогу. Мне нужно работать, пока не "
                        "верну долг?",
                        "<p>Долг никогда не даёт права заставлять вас работать, удерживать "
                        "вашу зарплату или не отпускать вас. Долг, который растёт, сколько бы "
                        "вы ни работали, – типичный признак эксплуатации. Поговорите с нами о "
                        "том, какие у вас есть варианты.</p>",
                    ),
                    (
                        "У меня нет договора или не в порядке документы. Не будет ли у меня "
                        "проблем, если я попрошу о помощи?",
                        "<p>Люди, которых эксплуатируют, – это пострадавшие, а не нарушители. "
                        "Наши консультанты никому не сообщают о вас без вашего согласия. Если "
                        "вас признают жертвой торговли людьми, в Латвии у вас есть право на "
                        "помощь и защиту – см. страницу "
                        + help_link("ru", "Как работает помощь")
                        + ".</p>",
                    ),
                    (
                        "Я уже за границей, и что-то не так. Что делать?",
                        "<p>Если вам грозит опасность, звоните 112. В остальных случаях "
                        "напишите нам в чат или позвоните в посольство Латвии. Мы поможем "
                        "обдумать варианты, связаться с организациями в этой стране и, если вы "
                        "хотите вернуться, безопасно добраться до Латвии.</p>",
                    ),
                ],
            ),
            cta(
                "hotline",
                "Сомневаетесь в предложении?",
                "Позвоните нам до того, как подпишете договор или уедете. Мы вместе "
                "разберём предложение.",
                "Позвоните нам",
                "lantern",
            ),
            cta(
                "chat",
                "Удобнее написать?",
                "Наш чат анонимный. Расскажите столько, сколько захотите.",
                "Начать чат",
            ),
        ],
        "uk": [
            plain_summary(
                "Коротко",
                [
                    "Перевірте агентство та роботодавця, перш ніж їхати.",
                    "Ніколи не віддавайте свій паспорт, навіть «на зберігання».",
                    "Отримайте договір мовою, яку ви розумієте, і зберігайте його копію.",
                    "Якщо щось не так, поговоріть з нами анонімно. У небезпеці телефонуйте 112.",
                ],
            ),
            rich(
                "<h2>Пропозиція, яка звучить надто добре</h2><p>Роботу часто знаходять "
                "через знайомих, групи в соцмережах або через вербувальника з агентства з "
                "гарним сайтом. Зарплата висока, мова й досвід не потрібні, дорогу й житло "
                "«вже організували». А на місці виявляється, що договір інший, зарплата "
                "менша, а витрати на дорогу, ліжко й робочий одяг перетворилися на борг, "
                "який зростає щотижня.</p><p>Так зазвичай виглядає трудова експлуатація. "
                "Це злочин, і людина, яку ошукали, ні в чому не винна.</p>"
            ),
            warning_signs(
                "Тривожні ознаки в пропозиції роботи",
                "Будьте обережні, якщо щось із цього списку збігається з вашою ситуацією:",
                [
                    "За працевлаштування треба заплатити, або агентство просить гроші "
                    "за візу чи договір.",
                    "Агентство не може показати ліцензію, у нього немає адреси чи "
                    "реєстраційного номера.",
                    "Письмового договору немає, або вас просять підписати його мовою, "
                    "якої ви не розумієте.",
                    "Зарплата значно вища, ніж зазвичай платять за таку саму роботу в цій країні.",
                    "Квиток купує хтось інший і каже, що ви «віддасте з першої зарплати».",
                    "Вам радять казати, що ви їдете як турист.",
                    "Вербувальник або роботодавець хоче «для надійності» потримати у "
                    "себе ваш паспорт.",
                ],
                "Якщо збігаються дві ознаки або більше, поговоріть з нами до від’їзду. "
                "Це безкоштовно, а рішення ухвалюєте ви.",
            ),
            rich(
                "<h2>Перед від’їздом</h2><ul><li><b>Перевірте агентство.</b> У Латвії "
                "агентства з працевлаштування повинні мати ліцензію Державного агентства "
                "зайнятості (NVA), яке публікує їхній перелік. Пошукайте в інтернеті назву "
                "фірми разом зі словами «шахраї» або «відгуки».</li><li><b>Вимагайте "
                "письмовий договір</b> зрозумілою вам мовою, з назвою й адресою "
                "роботодавця, зарплатою, робочим часом і місцем проживання. Збережіть "
                "копію.</li><li><b>Сфотографуйте паспорт і договір</b> та надішліть знімки "
                "собі й людині, якій довіряєте.</li><li><b>Домовтеся про зв’язок</b>: "
                "повідомте родичеві чи другові адресу роботи й домовтеся про кодове слово, "
                "яке означає «мені потрібна допомога».</li><li><b>Збережіть номери</b> "
                "посольства Латвії в цій країні, номер екстреної допомоги (112 працює в "
                "усьому ЄС) і нашої лінії довіри.</li></ul>"
            ),
            quote(
                "Чоловік з агентства був привітний і сказав, що договір буде англійською, "
                "«це просто формальність». Зрештою ми працювали по дванадцять годин на "
                "день, і щомісяця борг за житло був більший за зарплату. Я думав, що сам "
                "винен, бо підписав.",
                "Андріс, 34 роки, працював на складі за кордоном",
            ),
            faq(
                "Про що нас часто запитують",
                [
                    (
                        "Роботодавець «для надійності» тримає у себе мій паспорт. Це дозволено?",
                        "<p>Ні. Паспорт належить вам, і жоден роботодавець не має права "
                        "утримувати його проти вашої волі. Спокійно попросіть його повернути. "
                        "Якщо вам відмовляють або погрожують, зверніться до поліції, "
                        "посольства або до нас.</p>",
                    ),
                    (
                        "Я винен агентству гроші за дорогу. Чи мушу я працювати, доки не "
                        "поверну борг?",
                        "<p>Борг ніколи не дає права змушувати вас працювати, утримувати вашу "
                        "зарплату чи не відпускати вас. Борг, який зростає, скільки б ви не "
                        "працювали, – типова ознака експлуатації. Поговоріть з нами про "
                        "можливі варіанти.</p>",
                    ),
                    (
                        "У мене немає договору або документи не в порядку. Чи не матиму я "
                        "проблем, якщо попрошу про допомогу?",
                        "<p>Люди, яких експлуатують, – потерпілі, а не порушники. Наші "
                        "консультанти нікому не повідомляють про вас без вашої згоди. Якщо вас "
                        "визнають постраждалою від торгівлі людьми особою, у Латвії ви маєте "
                        "право на допомогу й захист – див. сторінку "
                        + help_link("uk", "Як працює допомога")
                        + ".</p>",
                    ),
                    (
                        "Я вже за кордоном, і щось не так. Що робити?",
                        "<p>Якщо вам загрожує небезпека, телефонуйте 112. В інших випадках "
                        "напишіть нам у чат або зателефонуйте до посольства Латвії. Ми "
                        "допоможемо обміркувати варіанти, зв’язатися з організаціями в цій "
                        "країні та, якщо ви хочете повернутися, безпечно дістатися до "
                        "Латвії.</p>",
                    ),
                ],
            ),
            cta(
                "hotline",
                "Сумніваєтеся щодо пропозиції?",
                "Зателефонуйте нам, перш ніж підписати договір чи поїхати. Ми разом "
                "розберемо пропозицію.",
                "Зателефонуйте нам",
                "lantern",
            ),
            cta(
                "chat",
                "Зручніше написати?",
                "Наш чат анонімний. Розкажіть стільки, скільки захочете.",
                "Почати чат",
            ),
        ],
    },
}

# Labour migrants: seasonal work in agriculture and forestry, and debt bondage.
CAMPAIGN_SEASONAL_WORK = {
    "slug": {
        "lv": "sezonas-darbs",
        "en": "seasonal-work",
        "ru": "sezonnaya-rabota",
        "uk": "sezonna-robota",
    },
    "title": {
        "lv": "Sezonas darbs laukos un mežā",
        "en": "Seasonal work on farms and in forests",
        "ru": "Сезонная работа на фермах и в лесу",
        "uk": "Сезонна робота на фермах і в лісі",
    },
    "introduction": {
        "lv": "Ogu lasīšana, koku stādīšana, darbs siltumnīcā – sezonas darbs var būt labs "
        "veids, kā nopelnīt. Bet, ja parāds aug ātrāk nekā alga, kaut kas nav kārtībā.",
        "en": "Picking berries, planting trees, working in a greenhouse: seasonal work can "
        "be a good way to earn money. But when your debt grows faster than your wages, "
        "something is wrong.",
        "ru": "Сбор ягод, посадка деревьев, работа в теплице – сезонная работа может быть "
        "хорошим способом заработать. Но если долг растёт быстрее зарплаты, что-то не "
        "так.",
        "uk": "Збирання ягід, садіння дерев, робота в теплиці – сезонна робота може бути "
        "добрим способом заробити. Але якщо борг зростає швидше за зарплату, щось не "
        "так.",
    },
    "search_description": {
        "lv": "Sezonas darbs lauksaimniecībā un mežsaimniecībā: kā darbojas parādu verdzība, "
        "brīdinājuma zīmes un kur meklēt palīdzību.",
        "en": "Seasonal work in agriculture and forestry: how debt bondage works, the "
        "warning signs and where to get help.",
        "ru": "Сезонная работа в сельском и лесном хозяйстве: как устроена долговая кабала, "
        "тревожные признаки и где искать помощь.",
        "uk": "Сезонна робота в сільському й лісовому господарстві: як працює боргова "
        "кабала, тривожні ознаки та де шукати допомогу.",
    },
    "fields": {"audience": "labour_migrants", "forms_of_exploitation": ["labour"]},
    "body": {
        "lv": [
            rich(
                "<h2>Kad parāds izlemj jūsu vietā</h2><p>Sezonas darbu bieži piedāvā kā "
                "„paketi”: transports, gulta kopīgā mājā, ēdiens un darbarīki – visu "
                "„avansā” apmaksā darba devējs vai starpnieks. Mēneša beigās izmaksas "
                "ietur no algas. Ja izmaksas ir izdomātas vai uzpūstas, parāds nekad "
                "nebeidzas, un cilvēki paliek, jo jūtas parādā. To sauc par <b>parādu "
                "verdzību</b>, un tā ir piespiedu darba forma.</p><p>Latvijā iestādes "
                "nesen ir atklājušas iespējamus cilvēku tirdzniecības gadījumus, kas "
                "saistīti ar lauksaimniecības un mežsaimniecības darbiem. Tas var notikt "
                "gan ārzemēs, gan šeit, Latvijā, – ar Latvijas iedzīvotājiem un ar "
                "cilvēkiem, kas atbraukuši uz Latviju strādāt.</p>"
            ),
            warning_signs(
                "Parādu verdzības pazīmes",
                "Padomājiet par pēdējām nedēļām darbā. Vai kaut kas no šī notiek ar jums?",
                [
                    "Alga ir mazāka, nekā norunāts, to maksā ar nokavēšanos vai nemaksā vispār.",
                    "Jūs saņemat „ieturējumu” sarakstu par dzīvesvietu, transportu, "
                    "ēdienu vai darbarīkiem, par ko nekad neesat vienojušies.",
                    "Parāds paliek tāds pats vai aug, lai cik daudz jūs strādātu.",
                    "Strādājat ļoti garas dienas bez brīvdienām, un jūs soda ar naudas sodiem.",
                    "Dzīvojat darba vietā, un darba devējs izlemj, kad drīkstat aiziet.",
                    "Kāds patur jūsu pasi vai bankas karti.",
                    "Jums saka, ka policija jūs arestēs, ja sūdzēsieties.",
                ],
                "Jums nekas nav jāpierāda, pirms runājat ar mums. Ja kaut viena no šīm "
                "pazīmēm šķiet pazīstama, zvaniet vai rakstiet.",
            ),
            quote(
                "Mums solīja labu naudu par koku stādīšanu. Brigadieris paņēma mūsu pases "
                "„reģistrācijai” un katru piektdienu nolasīja, cik esam parādā par "
                "autobusu, hosteli un ēdienu. Pēc sešām nedēļām nebiju nopelnījusi neko. "
                "Sieviete no atbalsta organizācijas palīdzēja mums atgūt dokumentus.",
                "Oksana, 41 gads, sezonas strādniece mežsaimniecībā",
            ),
            rich(
                "<h2>Ja tas notiek ar jums</h2><ol><li><b>Pierakstiet, ko varat</b>: "
                "nostrādātās stundas, cik jums samaksāja, uzņēmuma nosaukumu, brigadiera "
                "vārdu un adresi. Noder arī istabas un ieturējumu saraksta "
                "fotogrāfijas.</li><li><b>Glabājiet dokumentu kopijas</b> telefonā vai pie "
                "kāda, kuram uzticaties.</li><li><b>Aprunājieties ar kādu no malas</b> – "
                "ar mums, darba tiesību konsultāciju tālruni vai Valsts darba inspekciju. "
                "Varat palikt anonīmi.</li><li><b>Ja jums draud vai jūs nevarat aiziet, "
                "zvaniet 112.</b></li></ol><p>Ja jūs atzīst par cietušo, jums ir tiesības "
                "uz palīdzību neatkarīgi no tā, vai esat no Latvijas vai no citas valsts. "
                "Par savām tiesībām jūs uzzināsiet valodā, kuru saprotat.</p>"
            ),
            faq(
                "Jautājumi un atbildes",
                [
                    (
                        "Vai ir normāli, ka darba devējs ietur naudu par dzīvesvietu?",
                        "<p>Var būt – ja par to rakstiski vienojāties pirms darba sākšanas un "
                        "summa ir godīga par to, ko saņemat. Ieturējumi, par kuriem neesat "
                        "vienojušies vai kuri aprij lielāko daļu algas, ir brīdinājuma "
                        "zīme.</p>",
                    ),
                    (
                        "Atbraucu uz Latviju no citas valsts. Vai varu saņemt palīdzību šeit?",
                        "<p>Jā. Palīdzība nav atkarīga no pilsonības. Ja esat trešās valsts "
                        "(ārpus ES) pilsonis un jūs atzīst par cilvēku tirdzniecības upuri, "
                        "varat saņemt uzturēšanās atļauju un ar to strādāt pie jebkura darba "
                        "devēja Latvijā. Vairāk lapā "
                        + help_link("lv", "Kā darbojas palīdzība")
                        + ".</p>",
                    ),
                    (
                        "Ko darīt, ja maniem kolēģiem ir tāda pati situācija?",
                        "<p>Varat pastāstīt mums arī par viņiem. Bieži cieš visa grupa, un "
                        "risinājumu drošāk meklēt kopā. Mēs ne ar vienu nesazināsimies, "
                        "iepriekš to ar jums nesaskaņojot.</p>",
                    ),
                ],
            ),
            cta(
                "hotline",
                "Jautājumi par algu vai ieturējumiem?",
                "Darba tiesību konsultāciju tālrunī izskaidros, ko darba devējs drīkst un "
                "ko nedrīkst darīt.",
                "",
                "labour",
            ),
            cta(
                "chat",
                "Runājiet ar mums, nenosaucot savu vārdu",
                "Rakstiet latviski, angliski, krieviski vai ukrainiski.",
                "Sākt tērzēšanu",
            ),
        ],
        "en": [
            rich(
                "<h2>When the debt decides for you</h2><p>Seasonal work is often offered "
                "as a “package”: transport, a bed in a shared house, food and tools, all "
                "paid “in advance” by the employer or a middleman. At the end of the month "
                "the costs are deducted from your wages. If the costs are invented or "
                "inflated, the debt never ends, and people stay because they feel they owe "
                "money. This is called <b>debt bondage</b>, and it is a form of forced "
                "labour.</p><p>In Latvia, the authorities have recently identified "
                "possible cases of trafficking linked to agricultural and forestry work. "
                "It can happen abroad and here in Latvia – to people from Latvia and to "
                "people who have come to Latvia to work.</p>"
            ),
            warning_signs(
                "Signs of debt bondage",
                "Think about your last few weeks at work. Is any of this happening to you?",
                [
                    "Your wages are lower than agreed, paid late or not paid at all.",
                    "You get a list of “deductions” for housing, transport, food or "
                    "tools that you never agreed to.",
                    "The debt stays the same or grows, however much you work.",
                    "You work very long days without days off, and you are punished with fines.",
                    "You live at your workplace, and the employer decides when you may leave.",
                    "Someone keeps your passport or bank card.",
                    "You are told that the police will arrest you if you complain.",
                ],
                "You do not have to prove anything before you talk to us. If even one "
                "of these sounds familiar, call or write.",
            ),
            quote(
                "We were promised good money for planting trees. The foreman took our "
                "passports “for registration”, and every Friday he read out how much we "
                "owed for the bus, the hostel and the food. After six weeks I had earned "
                "nothing. A woman from a support organisation helped us get our documents "
                "back.",
                "Oksana, 41, seasonal worker in forestry",
            ),
            rich(
                "<h2>If it is happening to you</h2><ol><li><b>Write down what you can</b>: "
                "the hours you work, what you were paid, the name of the company, the "
                "foreman's name and the address. Photos of your room and of the list of "
                "deductions help too.</li><li><b>Keep copies of your documents</b> on your "
                "phone or with someone you trust.</li><li><b>Talk to someone outside</b> – "
                "us, the labour rights advice line or the State Labour Inspectorate. You "
                "can stay anonymous.</li><li><b>If you are threatened or cannot leave, "
                "call 112.</b></li></ol><p>If you are recognised as a victim, you have the "
                "right to help whether you are from Latvia or from another country. You "
                "will be told about your rights in a language you understand.</p>"
            ),
            faq(
                "Questions and answers",
                [
                    (
                        "Is it normal for the employer to deduct money for housing?",
                        "<p>It can be – if you agreed to it in writing before you started and "
                        "the amount is fair for what you get. Deductions you never agreed to, "
                        "or that swallow most of your wages, are a warning sign.</p>",
                    ),
                    (
                        "I came to Latvia from another country. Can I get help here?",
                        "<p>Yes. Help does not depend on your citizenship. If you are a "
                        "citizen of a country outside the EU and are recognised as a victim of "
                        "trafficking, you can receive a residence permit and, with it, work "
                        "for any employer in Latvia. See "
                        + help_link("en", "How help works")
                        + ".</p>",
                    ),
                    (
                        "What if my workmates are in the same situation?",
                        "<p>You can tell us about them too. Often a whole group is affected, "
                        "and it is safer to look for a way out together. We will not contact "
                        "anyone without agreeing it with you first.</p>",
                    ),
                ],
            ),
            cta(
                "hotline",
                "Questions about wages or deductions?",
                "The labour rights advice line explains what an employer may and may not do.",
                "",
                "labour",
            ),
            cta(
                "chat",
                "Talk to us without giving your name",
                "Write in Latvian, English, Russian or Ukrainian.",
                "Start a chat",
            ),
        ],
        "ru": [
            rich(
                "<h2>Когда за вас решает долг</h2><p>Сезонную работу часто предлагают "
                "«пакетом»: транспорт, койка в общем доме, еда и инструменты – всё это "
                "«авансом» оплачивает работодатель или посредник. В конце месяца расходы "
                "вычитают из зарплаты. Если расходы выдуманы или завышены, долг никогда не "
                "кончается, и люди остаются, потому что чувствуют себя должниками. Это "
                "называется <b>долговой кабалой</b>, и это одна из форм принудительного "
                "труда.</p><p>В Латвии власти недавно выявили возможные случаи торговли "
                "людьми, связанные с сельскохозяйственными и лесными работами. Это может "
                "случиться и за границей, и здесь, в Латвии, – с жителями Латвии и с теми, "
                "кто приехал сюда на заработки.</p>"
            ),
            warning_signs(
                "Признаки долговой кабалы",
                "Вспомните последние недели на работе. Происходит ли с вами что-то из этого?",
                [
                    "Зарплата меньше договорённой, её платят с задержкой или не платят вовсе.",
                    "Вам выдают список «вычетов» за жильё, транспорт, еду или "
                    "инструменты, на которые вы не соглашались.",
                    "Долг не уменьшается или растёт, сколько бы вы ни работали.",
                    "Вы работаете очень долго, без выходных, и вас наказывают штрафами.",
                    "Вы живёте там же, где работаете, и работодатель решает, когда вам можно уйти.",
                    "Кто-то держит у себя ваш паспорт или банковскую карту.",
                    "Вам говорят, что если вы пожалуетесь, вас арестует полиция.",
                ],
                "Вам не нужно ничего доказывать, чтобы поговорить с нами. Если хотя бы "
                "один признак кажется знакомым, позвоните или напишите.",
            ),
            quote(
                "Нам обещали хорошие деньги за посадку леса. Бригадир забрал наши паспорта "
                "«для регистрации» и каждую пятницу зачитывал, сколько мы должны за "
                "автобус, общежитие и еду. Через шесть недель я не заработала ничего. "
                "Женщина из организации поддержки помогла нам вернуть документы.",
                "Оксана, 41 год, сезонная работница в лесном хозяйстве",
            ),
            rich(
                "<h2>Если это происходит с вами</h2><ol><li><b>Записывайте всё, что "
                "можете</b>: отработанные часы, сколько вам заплатили, название фирмы, имя "
                "бригадира и адрес. Помогут и фотографии комнаты и списка "
                "вычетов.</li><li><b>Храните копии документов</b> в телефоне или у "
                "человека, которому доверяете.</li><li><b>Поговорите с кем-то со "
                "стороны</b> – с нами, с линией консультаций по трудовым правам или с "
                "Государственной инспекцией труда. Можно остаться "
                "анонимным.</li><li><b>Если вам угрожают или не дают уйти, звоните "
                "112.</b></li></ol><p>Если вас признают пострадавшим, вы имеете право на "
                "помощь независимо от того, из Латвии вы или из другой страны. О своих "
                "правах вы узнаете на понятном вам языке.</p>"
            ),
            faq(
                "Вопросы и ответы",
                [
                    (
                        "Нормально ли, что работодатель вычитает деньги за жильё?",
                        "<p>Может быть нормально – если вы письменно договорились об этом до "
                        "начала работы и сумма справедлива за то, что вы получаете. Вычеты, на "
                        "которые вы не соглашались или которые съедают большую часть зарплаты, "
                        "– тревожный признак.</p>",
                    ),
                    (
                        "Я из другой страны и работаю в Латвии. Могу ли я получить помощь здесь?",
                        "<p>Да. Помощь не зависит от гражданства. Если вы гражданин страны за "
                        "пределами ЕС и вас признали жертвой торговли людьми, вы можете "
                        "получить вид на жительство и с ним работать у любого работодателя в "
                        "Латвии. Подробнее – на странице "
                        + help_link("ru", "Как работает помощь")
                        + ".</p>",
                    ),
                    (
                        "Что делать, если мои коллеги в такой же ситуации?",
                        "<p>Вы можете рассказать нам и о них. Часто страдает вся группа, и "
                        "искать выход вместе безопаснее. Мы ни с кем не свяжемся, не "
                        "согласовав это с вами.</p>",
                    ),
                ],
            ),
            cta(
                "hotline",
                "Вопросы о зарплате или вычетах?",
                "На линии консультаций по трудовым правам объяснят, что работодатель может "
                "и чего не может делать.",
                "",
                "labour",
            ),
            cta(
                "chat",
                "Поговорите с нами, не называя имени",
                "Пишите на латышском, английском, русском или украинском.",
                "Начать чат",
            ),
        ],
        "uk": [
            rich(
                "<h2>Коли за вас вирішує борг</h2><p>Сезонну роботу часто пропонують "
                "«пакетом»: транспорт, ліжко в спільному будинку, харчування й інструменти "
                "– усе це «авансом» оплачує роботодавець або посередник. Наприкінці місяця "
                "витрати вираховують із зарплати. Якщо витрати вигадані або завищені, борг "
                "ніколи не закінчується, і люди залишаються, бо відчувають себе "
                "боржниками. Це називається <b>борговою кабалою</b>, і це одна з форм "
                "примусової праці.</p><p>У Латвії органи влади нещодавно виявили можливі "
                "випадки торгівлі людьми, пов’язані із сільськогосподарськими та лісовими "
                "роботами. Це може статися і за кордоном, і тут, у Латвії, – з жителями "
                "Латвії та з тими, хто приїхав сюди на заробітки.</p>"
            ),
            warning_signs(
                "Ознаки боргової кабали",
                "Згадайте останні тижні на роботі. Чи відбувається з вами щось із цього?",
                [
                    "Зарплата менша, ніж домовлялися, її платять із запізненням або не "
                    "платять узагалі.",
                    "Вам дають список «відрахувань» за житло, транспорт, харчування чи "
                    "інструменти, на які ви не погоджувалися.",
                    "Борг не зменшується або зростає, скільки б ви не працювали.",
                    "Ви працюєте дуже довго, без вихідних, і вас карають штрафами.",
                    "Ви живете там само, де працюєте, і роботодавець вирішує, коли вам можна піти.",
                    "Хтось тримає у себе ваш паспорт чи банківську картку.",
                    "Вам кажуть, що якщо ви поскаржитеся, вас заарештує поліція.",
                ],
                "Вам не потрібно нічого доводити, щоб поговорити з нами. Якщо хоча б "
                "одна ознака здається знайомою, зателефонуйте або напишіть.",
            ),
            quote(
                "Нам обіцяли добрі гроші за садіння лісу. Бригадир забрав наші паспорти "
                "«для реєстрації» і щоп’ятниці зачитував, скільки ми винні за автобус, "
                "гуртожиток і їжу. Через шість тижнів я не заробила нічого. Жінка з "
                "організації підтримки допомогла нам повернути документи.",
                "Оксана, 41 рік, сезонна працівниця в лісовому господарстві",
            ),
            rich(
                "<h2>Якщо це відбувається з вами</h2><ol><li><b>Записуйте все, що "
                "можете</b>: відпрацьовані години, скільки вам заплатили, назву фірми, "
                "ім’я бригадира та адресу. Допоможуть і фотографії кімнати та списку "
                "відрахувань.</li><li><b>Зберігайте копії документів</b> у телефоні або в "
                "людини, якій довіряєте.</li><li><b>Поговоріть із кимось стороннім</b> – з "
                "нами, з лінією консультацій з трудових прав або з Державною інспекцією "
                "праці. Можна залишатися анонімним.</li><li><b>Якщо вам погрожують або не "
                "дають піти, телефонуйте 112.</b></li></ol><p>Якщо вас визнають "
                "постраждалою особою, ви маєте право на допомогу незалежно від того, чи ви "
                "з Латвії, чи з іншої країни. Про свої права ви дізнаєтеся зрозумілою вам "
                "мовою.</p>"
            ),
            faq(
                "Запитання та відповіді",
                [
                    (
                        "Чи нормально, що роботодавець вираховує гроші за житло?",
                        "<p>Може бути нормально – якщо ви письмово домовилися про це до "
                        "початку роботи і сума справедлива за те, що ви отримуєте. "
                        "Відрахування, на які ви не погоджувалися або які з’їдають більшу "
                        "частину зарплати, – тривожна ознака.</p>",
                    ),
                    (
                        "Я з іншої країни і працюю в Латвії. Чи можу я отримати допомогу тут?",
                        "<p>Так. Допомога не залежить від громадянства. Якщо ви громадянин "
                        "країни поза ЄС і вас визнали постраждалим від торгівлі людьми, ви "
                        "можете отримати посвідку на проживання і з нею працювати в будь-якого "
                        "роботодавця в Латвії. Детальніше – на сторінці "
                        + help_link("uk", "Як працює допомога")
                        + ".</p>",
                    ),
                    (
                        "Що робити, якщо мої колеги в такій самій ситуації?",
                        "<p>Ви можете розповісти нам і про них. Часто страждає вся група, і "
                        "шукати вихід разом безпечніше. Ми ні з ким не зв’яжемося, не "
                        "погодивши цього з вами.</p>",
                    ),
                ],
            ),
            cta(
                "hotline",
                "Питання про зарплату чи відрахування?",
                "На лінії консультацій з трудових прав пояснять, що роботодавець може, а "
                "чого не може робити.",
                "",
                "labour",
            ),
            cta(
                "chat",
                "Поговоріть з нами, не називаючи імені",
                "Пишіть латиською, англійською, російською чи українською.",
                "Почати чат",
            ),
        ],
    },
}

# Young people: the "lover boy" method, online grooming and sextortion.
CAMPAIGN_LOVER_BOY = {
    "slug": {
        "lv": "milestiba-vai-lamatas",
        "en": "love-or-a-trap",
        "ru": "lyubov-ili-lovushka",
        "uk": "kokhannia-chy-pastka",
    },
    "title": {
        "lv": "Mīlestība vai lamatas?",
        "en": "Love or a trap?",
        "ru": "Любовь или ловушка?",
        "uk": "Кохання чи пастка?",
    },
    "introduction": {
        "lv": "Kāds, ko satiki internetā, liek tev justies īpaši, bet tad sāk prasīt lietas, "
        "ko tu negribi darīt. Lūk, kā atpazīt manipulāciju – un kā no tās izkļūt.",
        "en": "Someone you met online makes you feel special, then starts asking for things "
        "you do not want to do. Here is how to recognise manipulation – and how to get "
        "out.",
        "ru": "Кто-то из интернета окружает тебя вниманием, а потом начинает просить то, "
        "чего ты делать не хочешь. Как распознать манипуляцию – и как из неё "
        "выбраться.",
        "uk": "Хтось з інтернету оточує тебе увагою, а потім починає просити те, чого ти "
        "робити не хочеш. Як розпізнати маніпуляцію – і як із неї вибратися.",
    },
    "search_description": {
        "lv": "„Lover boy” metode, pavedināšana internetā un seksuāla izspiešana: "
        "brīdinājuma zīmes jauniešiem un ko darīt, ja kāds draud publiskot tavas "
        "bildes.",
        "en": "Lover boys, online grooming and sextortion: warning signs for young people "
        "and what to do if someone threatens to share your pictures.",
        "ru": "Метод «lover boy», груминг в интернете и секс-шантаж: тревожные признаки для "
        "молодёжи и что делать, если угрожают опубликовать твои фото.",
        "uk": "Метод «lover boy», грумінг в інтернеті та секс-шантаж: тривожні ознаки для "
        "молоді та що робити, якщо погрожують оприлюднити твої фото.",
    },
    "fields": {"audience": "young_people", "forms_of_exploitation": ["sexual"]},
    "body": {
        "lv": [
            rich(
                "<h2>Tas sākas kā mīlasstāsts</h2><p>Kāds, ko satiki internetā vai "
                "ballītē, ir ļoti uzmanīgs: raksta katru dienu, dāvina dāvanas un saka, ka "
                "neviens tevi nesaprot tā kā viņš. Pamazām tu arvien mazāk laika pavadi ar "
                "draugiem un ģimeni. Tad sākas problēmas: parāds, „pakalpojums” draugam, "
                "brauciens uz ārzemēm, intīmas bildes „tikai man”. Cilvēku tirgotāji to "
                "sauc par <i>lover boy</i> metodi. Tā iedarbojas, jo balstās uz īstām "
                "jūtām – tavām.</p><p><b>Ja tas notiek ar tevi, tā nav tava vaina, un tas "
                "nenotiek aiz muļķības.</b> Šie cilvēki visu rūpīgi plāno un dara to atkal "
                "un atkal.</p>"
            ),
            warning_signs(
                "Vai tavas attiecības ir veselīgas?",
                "Pazīmes, ka kāds tevi pamazām ievilina lamatās:",
                [
                    "Viņš grib, lai jūsu attiecības paliek noslēpums no tavas ģimenes un draugiem.",
                    "Ļoti ātri runā par mīlestību, kopdzīvi vai braucienu uz ārzemēm.",
                    "Dāvina dārgas dāvanas un vēlāk saka, ka par tām jānorēķinās.",
                    "Prasa intīmas bildes vai video un dusmojas, ja atsaki.",
                    "Lūdz tevi satikties ar viņa draugiem un „izpatikt” viņiem.",
                    "Pārbauda tavu telefonu, izlemj, ar ko tu drīksti tikties, vai "
                    "paņem tavu naudu.",
                    "Draud publiskot tavas bildes, ja nedarīsi to, ko viņš grib.",
                ],
                "Veselīgās attiecībās tu vari pateikt „nē” bez bailēm. Ja atpazīsti "
                "divas vai vairāk no šīm pazīmēm, aprunājies ar kādu, kam uzticies, – "
                "vai ar mums.",
            ),
            quote(
                "Domāju, ka viņš ir mans puisis. Pēc dažiem mēnešiem viņš teica, ka viņam "
                "ir parādi un ka es varētu palīdzēt „tikai vienu reizi” – satiekoties ar "
                "viņa draugu. Kad atteicos, viņš draudēja aizsūtīt manas bildes mammai. "
                "Piezvanīt uz uzticības tālruni bija pats grūtākais un pats labākais, ko "
                "izdarīju.",
                "Laura, 17 gadi",
            ),
            rich(
                "<h2>Ja kāds draud publiskot tavas bildes</h2><ul><li><b>Nemaksā un vairs "
                "neko nesūti.</b> Samaksa draudus aptur reti.</li><li><b>Saglabā "
                "pierādījumus</b>: uztaisi ekrānuzņēmumus ar ziņām un profilu, pieraksti "
                "lietotājvārdus. Tad bloķē šo cilvēku.</li><li><b>Ziņo par kontu</b> "
                "platformai. Lielākā daļa platformu dzēš intīmus attēlus, kas publicēti "
                "bez piekrišanas.</li><li><b>Pastāsti pieaugušajam, kuram uzticies</b>, "
                "piezvani uz jauniešu tālruni vai uzraksti mums. Ja tev draud briesmas, "
                "zvani 112.</li></ul><p>Uzticēties kādam nav nekas slikts. Noziegumu "
                "izdara tas, kurš tev draud. <b>Tā nav tava vaina.</b></p>"
            ),
            faq(
                "Ko mums jautā jaunieši",
                [
                    (
                        "Sākumā es teicu „jā”. Vai tas kaut ko maina?",
                        "<p>Piekrist attiecībām nenozīmē piekrist tam, ka tevi izmanto. Tu "
                        "vari pārdomāt jebkurā brīdī, un nevienam nav tiesību tevi piespiest, "
                        "pat ja iepriekš teici „jā”.</p>",
                    ),
                    (
                        "Vai jūs pastāstīsiet maniem vecākiem vai policijai?",
                        "<p>Tev nav jāsaka savs vārds. Bez sarunas ar tevi mēs nesazināsimies "
                        "ne ar taviem vecākiem, ne ar policiju. Ja tev vēl nav 18 gadu un tev "
                        "draud nopietnas briesmas, mums var nākties iesaistīt iestādes, kas "
                        "aizsargā bērnus, – bet mēs tev to vienmēr pateiksim iepriekš.</p>",
                    ),
                    (
                        "Kāds no maniem draugiem ir šādās attiecībās. Kā palīdzēt?",
                        "<p>Uzturi kontaktu un nenosodi. Pasaki, ka tu uztraucies un ka esi "
                        "blakus, pat ja sākumā tas izraisa dusmas. Vari arī piezvanīt mums un "
                        "vienkārši lūgt padomu.</p>",
                    ),
                ],
            ),
            cta(
                "hotline",
                "Gribi ar kādu parunāt?",
                "Jauniešu tālrunis atbild katru dienu. Tev nav jāsaka savs vārds.",
                "",
                "youth",
            ),
            cta(
                "chat",
                "Vieglāk rakstīt nekā zvanīt?",
                "Atver tērzēšanu – tā ir anonīma, un nekas netiek saglabāts bez tavas piekrišanas.",
                "Sākt tērzēšanu",
            ),
        ],
        "en": [
            rich(
                "<h2>It starts like a love story</h2><p>Someone you met online or at a "
                "party is very attentive: they write every day, give you presents and say "
                "nobody understands you the way they do. Little by little you spend less "
                "time with your friends and family. Then the problems begin: a debt, a "
                "“favour” for a friend, a trip abroad, intimate pictures “just for me”. "
                "Traffickers call this the <i>lover boy</i> method. It works because it is "
                "built on real feelings – yours.</p><p><b>If this is happening to you, it "
                "is not your fault, and it is not because you were stupid.</b> These "
                "people plan everything carefully, and they do it again and again.</p>"
            ),
            warning_signs(
                "Is your relationship healthy?",
                "Signs that someone is slowly drawing you into a trap:",
                [
                    "They want your relationship to be a secret from your family and friends.",
                    "Very quickly they talk about love, living together or going abroad.",
                    "They give you expensive presents and later say you have to pay them back.",
                    "They ask for intimate pictures or videos and get angry if you say no.",
                    "They ask you to meet their friends and “be nice” to them.",
                    "They check your phone, decide whom you may see, or take your money.",
                    "They threaten to share your pictures if you do not do what they want.",
                ],
                "In a healthy relationship you can say no without being afraid. If you "
                "recognise two or more of these signs, talk to someone you trust – or "
                "to us.",
            ),
            quote(
                "I thought he was my boyfriend. After a few months he said he had debts "
                "and that I could help him “just once” by meeting a friend of his. When I "
                "refused, he threatened to send my pictures to my mum. Calling the "
                "helpline was the hardest and the best thing I have done.",
                "Laura, 17",
            ),
            rich(
                "<h2>If someone threatens to share your pictures</h2><ul><li><b>Do not "
                "pay, and do not send anything more.</b> Paying rarely stops the "
                "threats.</li><li><b>Keep the evidence</b>: take screenshots of the "
                "messages and the profile, and write down the usernames. Then block the "
                "person.</li><li><b>Report the account</b> to the platform. Most platforms "
                "remove intimate images that were shared without consent.</li><li><b>Tell "
                "an adult you trust</b>, call the youth line or write to us. If you are in "
                "danger, call 112.</li></ul><p>There is nothing wrong with trusting "
                "someone. The crime is committed by the person who threatens you. <b>It is "
                "not your fault.</b></p>"
            ),
            faq(
                "What young people ask us",
                [
                    (
                        "I said yes at first. Does that change anything?",
                        "<p>Agreeing to a relationship is not agreeing to be used. You can "
                        "change your mind at any time, and nobody has the right to force you, "
                        "even if you said yes before.</p>",
                    ),
                    (
                        "Will you tell my parents or the police?",
                        "<p>You do not have to tell us your name. We will not contact your "
                        "parents or the police without talking it through with you. If you are "
                        "under 18 and in serious danger, we may have to involve the services "
                        "that protect children – but we will always tell you first.</p>",
                    ),
                    (
                        "A friend of mine is in a relationship like this. How can I help?",
                        "<p>Stay in touch and do not judge. Say that you are worried and that "
                        "you are there for them, even if they get angry at first. You can also "
                        "call us just to ask for advice.</p>",
                    ),
                ],
            ),
            cta(
                "hotline",
                "Want to talk to someone?",
                "The youth line answers every day. You do not have to give your name.",
                "",
                "youth",
            ),
            cta(
                "chat",
                "Rather write than call?",
                "Open the chat – it is anonymous, and nothing is saved unless you agree.",
                "Start a chat",
            ),
        ],
        "ru": [
            rich(
                "<h2>Всё начинается как история любви</h2><p>Новый знакомый из интернета "
                "или с вечеринки очень внимателен: пишет каждый день, дарит подарки и "
                "говорит, что никто не понимает тебя так, как он. Постепенно ты всё меньше "
                "времени проводишь с друзьями и семьёй. Потом начинаются проблемы: долг, "
                "«услуга» для друга, поездка за границу, интимные фото «только для меня». "
                "Торговцы людьми называют это методом <i>lover boy</i>. Он работает, "
                "потому что опирается на настоящие чувства – твои.</p><p><b>Если это "
                "происходит с тобой, в этом нет твоей вины, и дело не в глупости.</b> Эти "
                "люди всё тщательно планируют и делают это снова и снова.</p>"
            ),
            warning_signs(
                "Здоровые ли у тебя отношения?",
                "Признаки того, что тебя постепенно затягивают в ловушку:",
                [
                    "Он хочет, чтобы ваши отношения оставались тайной от твоей семьи и друзей.",
                    "Очень быстро заводит разговор о любви, о том, чтобы жить вместе "
                    "или уехать за границу.",
                    "Дарит дорогие подарки, а потом говорит, что за них нужно расплатиться.",
                    "Просит интимные фото или видео и злится, если ты отказываешь.",
                    "Просит встретиться с его друзьями и «сделать им приятное».",
                    "Проверяет твой телефон, решает, с кем тебе можно видеться, или "
                    "забирает твои деньги.",
                    "Угрожает опубликовать твои фото, если ты не сделаешь то, что он хочет.",
                ],
                "В здоровых отношениях можно сказать «нет» без страха. Если ты узнаёшь "
                "два признака или больше, поговори с тем, кому доверяешь, – или с "
                "нами.",
            ),
            quote(
                "Я думала, что он мой парень. Через несколько месяцев он сказал, что у "
                "него долги и что я могу помочь ему «всего один раз» – встретиться с его "
                "другом. Когда я отказалась, он пригрозил отправить мои фото маме. "
                "Позвонить на линию доверия было самым трудным и самым правильным, что я "
                "сделала.",
                "Лаура, 17 лет",
            ),
            rich(
                "<h2>Если тебе угрожают опубликовать твои фото</h2><ul><li><b>Не плати и "
                "больше ничего не отправляй.</b> Деньги редко останавливают "
                "угрозы.</li><li><b>Сохрани доказательства</b>: сделай скриншоты переписки "
                "и профиля, запиши имена пользователей. Потом заблокируй этого "
                "человека.</li><li><b>Пожалуйся на аккаунт</b> администрации платформы. "
                "Большинство платформ удаляют интимные изображения, опубликованные без "
                "согласия.</li><li><b>Расскажи взрослому, которому доверяешь</b>, позвони "
                "на линию для молодёжи или напиши нам. Если тебе грозит опасность, звони "
                "112.</li></ul><p>Доверять кому-то – не преступление. Преступление "
                "совершает тот, кто тебе угрожает. <b>Это не твоя вина.</b></p>"
            ),
            faq(
                "О чём нас спрашивают молодые люди",
                [
                    (
                        "Вначале я говорил(а) «да». Это что-то меняет?",
                        "<p>Согласие на отношения – не согласие на то, чтобы тебя "
                        "использовали. Ты можешь передумать в любой момент, и никто не вправе "
                        "тебя принуждать, даже если раньше было «да».</p>",
                    ),
                    (
                        "Вы расскажете моим родителям или полиции?",
                        "<p>Называть своё имя не обязательно. Мы не станем связываться ни с "
                        "твоими родителями, ни с полицией, не обсудив это с тобой. Если тебе "
                        "ещё нет 18 и тебе грозит серьёзная опасность, нам, возможно, придётся "
                        "привлечь службы защиты детей, – но мы всегда скажем тебе об этом "
                        "заранее.</p>",
                    ),
                    (
                        "Мой друг или подруга в таких отношениях. Как помочь?",
                        "<p>Оставайся на связи и не осуждай. Скажи, что ты волнуешься и что ты "
                        "рядом, даже если сначала это вызовет раздражение. Ты можешь позвонить "
                        "нам и просто посоветоваться.</p>",
                    ),
                ],
            ),
            cta(
                "hotline",
                "Хочешь с кем-нибудь поговорить?",
                "Линия для молодёжи работает каждый день. Называть имя не нужно.",
                "",
                "youth",
            ),
            cta(
                "chat",
                "Проще написать, чем позвонить?",
                "Открой чат – он анонимный, и ничего не сохраняется без твоего согласия.",
                "Начать чат",
            ),
        ],
        "uk": [
            rich(
                "<h2>Усе починається як історія кохання</h2><p>Новий знайомий з інтернету "
                "чи з вечірки дуже уважний: пише щодня, дарує подарунки й каже, що ніхто "
                "не розуміє тебе так, як він. Поступово ти все менше часу проводиш із "
                "друзями та родиною. Потім починаються проблеми: борг, «послуга» для "
                "друга, поїздка за кордон, інтимні фото «тільки для мене». Торгівці людьми "
                "називають це методом <i>lover boy</i>. Він діє, бо спирається на справжні "
                "почуття – твої.</p><p><b>Якщо це відбувається з тобою, у цьому немає "
                "твоєї провини, і справа не в наївності.</b> Ці люди все ретельно планують "
                "і роблять це знову і знову.</p>"
            ),
            warning_signs(
                "Чи здорові твої стосунки?",
                "Ознаки того, що тебе поступово затягують у пастку:",
                [
                    "Він хоче, щоб ваші стосунки залишалися таємницею від твоєї родини й друзів.",
                    "Дуже швидко починає говорити про кохання, спільне життя чи поїздку за кордон.",
                    "Дарує дорогі подарунки, а потім каже, що за них треба розрахуватися.",
                    "Просить інтимні фото чи відео і злиться, якщо ти відмовляєш.",
                    "Просить зустрітися з його друзями й «зробити їм приємне».",
                    "Перевіряє твій телефон, вирішує, з ким тобі можна бачитися, або "
                    "забирає твої гроші.",
                    "Погрожує оприлюднити твої фото, якщо ти не зробиш того, що він хоче.",
                ],
                "У здорових стосунках можна сказати «ні» без страху. Якщо ти впізнаєш "
                "дві ознаки або більше, поговори з тим, кому довіряєш, – або з нами.",
            ),
            quote(
                "Я думала, що він мій хлопець. За кілька місяців він сказав, що має борги "
                "і що я можу допомогти йому «лише один раз» – зустрітися з його другом. "
                "Коли я відмовилася, він пригрозив надіслати мої фото мамі. Зателефонувати "
                "на лінію довіри було найважчим і найправильнішим, що я зробила.",
                "Лаура, 17 років",
            ),
            rich(
                "<h2>Якщо тобі погрожують оприлюднити твої фото</h2><ul><li><b>Не плати і "
                "більше нічого не надсилай.</b> Гроші рідко зупиняють "
                "погрози.</li><li><b>Збережи докази</b>: зроби скриншоти листування та "
                "профілю, запиши імена користувачів. Потім заблокуй цю "
                "людину.</li><li><b>Поскаржся на акаунт</b> адміністрації платформи. "
                "Більшість платформ видаляють інтимні зображення, оприлюднені без "
                "згоди.</li><li><b>Розкажи дорослому, якому довіряєш</b>, зателефонуй на "
                "лінію для молоді або напиши нам. Якщо тобі загрожує небезпека, телефонуй "
                "112.</li></ul><p>Довіряти комусь – не злочин. Злочин чинить той, хто тобі "
                "погрожує. <b>Це не твоя провина.</b></p>"
            ),
            faq(
                "Про що нас запитують молоді люди",
                [
                    (
                        "Спочатку я казав/казала «так». Це щось змінює?",
                        "<p>Згода на стосунки – не згода на те, щоб тебе використовували. Ти "
                        "можеш передумати будь-коли, і ніхто не має права тебе примушувати, "
                        "навіть якщо раніше було «так».</p>",
                    ),
                    (
                        "Ви розкажете моїм батькам чи поліції?",
                        "<p>Називати своє ім’я не обов’язково. Ми не будемо зв’язуватися ні з "
                        "твоїми батьками, ні з поліцією, не обговоривши цього з тобою. Якщо "
                        "тобі ще немає 18 і тобі загрожує серйозна небезпека, нам, можливо, "
                        "доведеться залучити служби захисту дітей, – але ми завжди скажемо "
                        "тобі про це заздалегідь.</p>",
                    ),
                    (
                        "Мій друг чи подруга в таких стосунках. Як допомогти?",
                        "<p>Залишайся на зв’язку й не засуджуй. Скажи, що ти хвилюєшся і що ти "
                        "поруч, навіть якщо спершу це викличе роздратування. Ти можеш "
                        "зателефонувати нам і просто порадитися.</p>",
                    ),
                ],
            ),
            cta(
                "hotline",
                "Хочеш із кимось поговорити?",
                "Лінія для молоді працює щодня. Називати ім’я не потрібно.",
                "",
                "youth",
            ),
            cta(
                "chat",
                "Простіше написати, ніж зателефонувати?",
                "Відкрий чат – він анонімний, і нічого не зберігається без твоєї згоди.",
                "Почати чат",
            ),
        ],
    },
}

# Young people: sham marriage abroad and forced marriage.
CAMPAIGN_SHAM_MARRIAGE = {
    "slug": {
        "lv": "fiktiva-lauliba",
        "en": "sham-marriage",
        "ru": "fiktivnyi-brak",
        "uk": "fiktyvnyi-shliub",
    },
    "title": {
        "lv": "Laulība „tikai uz papīra”?",
        "en": "Married “just on paper”?",
        "ru": "Брак «только на бумаге»?",
        "uk": "Шлюб «лише на папері»?",
    },
    "introduction": {
        "lv": "Viegls brauciens uz ārzemēm un daži tūkstoši eiro par to, ka pasaki „jā” "
        "svešiniekam. Fiktīvas laulības bieži beidzas ar ekspluatāciju, un dažkārt "
        "spiediens precēties nāk no pašu ģimenes.",
        "en": "An easy trip abroad and a few thousand euros for saying “yes” to a stranger. "
        "Sham marriages often end in exploitation, and sometimes the pressure to marry "
        "comes from your own family.",
        "ru": "Лёгкая поездка за границу и несколько тысяч евро за то, чтобы сказать «да» "
        "незнакомцу. Фиктивный брак часто заканчивается эксплуатацией, а иногда "
        "давление с браком исходит от собственной семьи.",
        "uk": "Легка поїздка за кордон і кілька тисяч євро за те, щоб сказати «так» "
        "незнайомцю. Фіктивний шлюб часто закінчується експлуатацією, а іноді тиск "
        "щодо шлюбу йде від власної родини.",
    },
    "search_description": {
        "lv": "Fiktīvas un piespiedu laulības: kā piedāvājums par naudu apprecēties ārzemēs "
        "pārvēršas ekspluatācijā, brīdinājuma zīmes un kur meklēt palīdzību.",
        "en": "Sham and forced marriage: how an offer to marry abroad for money turns into "
        "exploitation, the warning signs and where to get help.",
        "ru": "Фиктивные и принудительные браки: как предложение вступить в брак за границей "
        "за деньги оборачивается эксплуатацией, тревожные признаки и куда обратиться.",
        "uk": "Фіктивні та примусові шлюби: як пропозиція взяти шлюб за кордоном за гроші "
        "обертається експлуатацією, тривожні ознаки та куди звернутися.",
    },
    "fields": {"audience": "young_people", "forms_of_exploitation": ["marriage", "sexual"]},
    "body": {
        "lv": [
            rich(
                "<h2>„Tā ir tikai formalitāte”</h2><p>Piedāvājums bieži nāk no draudzenes, "
                "radinieka vai jaunas paziņas: aizbrauc uz ārzemēm, apprecies ar vīrieti, "
                "kuram vajag ES dokumentus, un saņem naudu. Viss ir „tikai uz papīra”, un "
                "pēc nedēļas būsi mājās. Patiesībā pasi var atņemt „kāzu kārtošanai”, tevi "
                "var turēt dzīvoklī ar svešiem cilvēkiem, un solītā nauda pārvēršas "
                "parādā, kas jāatstrādā, – dažkārt ar seksu.</p><p>Piespiedu laulība var "
                "notikt arī ģimenē: kad vecāki vai radinieki izlemj, ar ko tu precēsies, "
                "un tu nevari atteikties. Seksuālā ekspluatācija, piespiedu laulības un "
                "darbaspēka ekspluatācija ir visbiežākās cilvēku tirdzniecības formas "
                "Latvijā.</p>"
            ),
            warning_signs(
                "Brīdinājuma zīmes",
                "Uzmanies, ja kāds tev piedāvā laulību un:",
                [
                    "Tev sola naudu, braucienu vai darbu par apprecēšanos.",
                    "Cilvēks, ar kuru tev jāprecas, tev ir pilnīgi svešs.",
                    "Viss jānokārto ātri un jātur noslēpumā.",
                    "Biļetes apmaksā kāds cits un patur tavus dokumentus pie sevis.",
                    "Tev māca, ko teikt amatpersonām laulības reģistrācijā.",
                    "Ģimene draud pārtraukt ar tevi attiecības vai nodarīt tev pāri, "
                    "ja atteiksies.",
                ],
                "Laulībai jābūt tavai brīvai izvēlei. Ja jūti spiedienu, aprunājies ar "
                "mums – arī tad, ja jau teici „jā” vai jau atrodies ārzemēs.",
            ),
            quote(
                "Draudzene teica, ka par nedēļu ārzemēs varu nopelnīt trīs tūkstošus eiro. "
                "Lidostā man paņēma pasi. Naudu es tā arī nesaņēmu, un „vīrs” teica, ka "
                "tagad esmu viņam parādā par dzīvokli. Man bija kauns zvanīt uz mājām. Kad "
                "beidzot piezvanīju, māsa sazinājās ar organizāciju, kas man palīdzēja "
                "atgriezties.",
                "Ieva, 20 gadi",
            ),
            rich(
                "<h2>Ko tu vari darīt</h2><ul><li><b>Pirms piekrīti</b>, pastāsti kādam, "
                "kam uzticies, kurp brauc, ar ko un uz cik ilgu laiku. Atstāj viņam savas "
                "pases kopiju.</li><li><b>Dokumentus glabā pie sevis.</b> Kāzām nevienam "
                "nav jātur tava pase.</li><li><b>Ja jau esi ārzemēs</b> un nevari aiziet, "
                "zvani 112 vai sazinies ar Latvijas vēstniecību. Konsulārās amatpersonas "
                "ir daļa no Latvijas nosūtīšanas mehānisma un zina, kā "
                "palīdzēt.</li><li><b>Ja tevi spiež ģimene</b>, vari konfidenciāli "
                "aprunāties ar mums. Palīdzēsim atrast drošu vietu, kur "
                "palikt.</li></ul><p>Ja tevi ar viltu vai spiedienu iesaistīja fiktīvā "
                "laulībā, tu esi cietusī puse, un tev ir tiesības uz palīdzību.</p>"
            ),
            faq(
                "Jautājumi un atbildes",
                [
                    (
                        "Es piekritu un paņēmu naudu. Vai man joprojām var palīdzēt?",
                        "<p>Jā. Daudzi piekrīt, jo viņiem vajag naudu vai viņi uzticas "
                        "cilvēkam, kurš to piedāvāja. Ja tevi maldināja, tev draud vai neļauj "
                        "aiziet, tu esi cietusī puse, un tev ir tiesības uz palīdzību – "
                        "neatkarīgi no tā, par ko sākumā vienojāties.</p>",
                    ),
                    (
                        "Vai fiktīvu laulību var anulēt?",
                        "<p>Laulību, kas noslēgta bez patiesas gribas, tiesa var atzīt par "
                        "spēkā neesošu. Jurists izskaidros, kā rīkoties tavā gadījumā; cilvēku "
                        "tirdzniecības upuriem pienākas valsts apmaksāta juridiskā "
                        "palīdzība.</p>",
                    ),
                    (
                        "Uztraucos par māsu vai draudzeni, kura brauc uz ārzemēm precēties.",
                        "<p>Mierīgi pastāsti viņai, kas tevi uztrauc, un palūdz atstāt tev "
                        "pases kopiju, adresi un tālruņa numuru. Vienojieties par slepenu "
                        "vārdu. Vari arī piezvanīt mums un lūgt padomu.</p>",
                    ),
                ],
            ),
            cta(
                "hotline",
                "Kaut kas piedāvājumā šķiet aizdomīgs?",
                "Piezvani uz mūsu uzticības tālruni – tev nav jāsaka savs vārds.",
                "Zvanīt mums",
                "lantern",
            ),
            cta(
                "emergency",
                "Jau esi ārzemēs, un tev draud briesmas?",
                "Zvani 112 – šis numurs darbojas visās ES valstīs, un zvans ir bez maksas.",
                "Zvanīt",
            ),
        ],
        "en": [
            rich(
                "<h2>“It's just a formality”</h2><p>The offer often comes from a friend, a "
                "relative or a new acquaintance: travel abroad, marry a man who needs EU "
                "papers, and get paid. It is all “just on paper”, and you will be home in "
                "a week. In reality your passport may be taken “to arrange the wedding”, "
                "you may be kept in a flat with strangers, and the money you were promised "
                "turns into a debt you have to work off – sometimes with sex.</p><p>A "
                "forced marriage can also happen within a family: when parents or "
                "relatives decide whom you will marry and you cannot refuse. Sexual "
                "exploitation, forced marriage and labour exploitation are the most common "
                "forms of human trafficking in Latvia.</p>"
            ),
            warning_signs(
                "Warning signs",
                "Be careful if someone offers you a marriage and:",
                [
                    "You are promised money, a trip or a job for getting married.",
                    "The person you are supposed to marry is a complete stranger to you.",
                    "Everything has to be arranged quickly and kept secret.",
                    "Someone else pays for the tickets and keeps your documents.",
                    "You are told what to say to the officials at the registration.",
                    "Your family threatens to cut you off or hurt you if you refuse.",
                ],
                "A marriage must be your free choice. If you feel pressured, talk to "
                "us – even if you have already said yes or are already abroad.",
            ),
            quote(
                "A friend told me I could earn three thousand euros for a week abroad. At "
                "the airport they took my passport. I never got the money, and the "
                "“husband” said I now owed him for the flat. I was ashamed to call home. "
                "When I finally did, my sister contacted an organisation that helped me "
                "come back.",
                "Ieva, 20",
            ),
            rich(
                "<h2>What you can do</h2><ul><li><b>Before you agree</b>, tell someone you "
                "trust where you are going, with whom and for how long. Leave them a copy "
                "of your passport.</li><li><b>Keep your documents yourself.</b> Nobody "
                "needs to hold your passport for a wedding.</li><li><b>If you are already "
                "abroad</b> and cannot leave, call 112 or contact the Latvian embassy. "
                "Consular officials are part of Latvia's referral mechanism and know how "
                "to help.</li><li><b>If your family is pressuring you</b>, you can talk to "
                "us in confidence. We will help you find a safe place to "
                "stay.</li></ul><p>If you were drawn into a sham marriage by deception or "
                "pressure, you are the injured party, and you have the right to help.</p>"
            ),
            faq(
                "Questions and answers",
                [
                    (
                        "I agreed and took the money. Can I still get help?",
                        "<p>Yes. Many people agree because they need money or trust the person "
                        "who made the offer. If you were deceived, are being threatened or are "
                        "not allowed to leave, you are the injured party and have the right to "
                        "help – whatever was agreed at the start.</p>",
                    ),
                    (
                        "Can a sham marriage be annulled?",
                        "<p>A court can declare a marriage invalid if it was entered into "
                        "without genuine consent. A lawyer will explain what to do in your "
                        "case; victims of trafficking are entitled to state-funded legal "
                        "aid.</p>",
                    ),
                    (
                        "I am worried about my sister or a friend who is going abroad to get "
                        "married.",
                        "<p>Calmly tell her what worries you, and ask her to leave you a copy "
                        "of her passport, the address and a phone number. Agree on a code "
                        "word. You can also call us for advice.</p>",
                    ),
                ],
            ),
            cta(
                "hotline",
                "Something about an offer feels wrong?",
                "Call our helpline – you do not have to give your name.",
                "Call us",
                "lantern",
            ),
            cta(
                "emergency",
                "Already abroad and in danger?",
                "Call 112 – it works in every EU country, and the call is free.",
                "Call",
            ),
        ],
        "ru": [
            rich(
                "<h2>«Это просто формальность»</h2><p>Предложение часто приходит от "
                "подруги, родственника или нового знакомого: съездить за границу, выйти "
                "замуж за мужчину, которому нужны документы ЕС, и получить деньги. Всё "
                "«только на бумаге», и через неделю ты будешь дома. На самом деле паспорт "
                "могут забрать «для оформления свадьбы», тебя могут держать в квартире с "
                "незнакомыми людьми, а обещанные деньги превращаются в долг, который нужно "
                "отработать, – иногда сексом.</p><p>Принудительный брак бывает и внутри "
                "семьи: когда родители или родственники решают, с кем ты вступишь в брак, "
                "и ты не можешь отказаться. Сексуальная эксплуатация, принудительные браки "
                "и трудовая эксплуатация – самые распространённые формы торговли людьми в "
                "Латвии.</p>"
            ),
            warning_signs(
                "Тревожные признаки",
                "Насторожись, если тебе предлагают брак и:",
                [
                    "Тебе обещают деньги, поездку или работу за то, чтобы вступить в брак.",
                    "Человек, с которым нужно вступить в брак, тебе совершенно незнаком.",
                    "Всё нужно сделать быстро и держать в секрете.",
                    "Билеты оплачивает кто-то другой и держит твои документы у себя.",
                    "Тебя учат, что говорить чиновникам при регистрации брака.",
                    "Семья угрожает порвать с тобой отношения или причинить тебе вред, "
                    "если ты откажешься.",
                ],
                "Брак должен быть твоим свободным выбором. Если на тебя давят, "
                "поговори с нами – даже если «да» уже сказано или ты уже за границей.",
            ),
            quote(
                "Подруга сказала, что за неделю за границей я могу заработать три тысячи "
                "евро. В аэропорту у меня забрали паспорт. Денег я так и не получила, а "
                "«муж» сказал, что теперь я должна ему за квартиру. Мне было стыдно "
                "звонить домой. Когда я всё-таки позвонила, сестра связалась с "
                "организацией, которая помогла мне вернуться.",
                "Иева, 20 лет",
            ),
            rich(
                "<h2>Что ты можешь сделать</h2><ul><li><b>Прежде чем соглашаться</b>, "
                "расскажи человеку, которому доверяешь, куда, с кем и надолго ли ты едешь. "
                "Оставь ему копию паспорта.</li><li><b>Храни документы у себя.</b> Для "
                "свадьбы никому не нужно держать твой паспорт.</li><li><b>Если ты уже за "
                "границей</b> и не можешь уйти, звони 112 или свяжись с посольством "
                "Латвии. Консульские работники входят в латвийский механизм "
                "перенаправления и знают, как помочь.</li><li><b>Если на тебя давит "
                "семья</b>, можно конфиденциально поговорить с нами. Мы поможем найти "
                "безопасное место, где можно пожить.</li></ul><p>Если тебя обманом или под "
                "давлением втянули в фиктивный брак, ты – пострадавшая сторона и имеешь "
                "право на помощь.</p>"
            ),
            faq(
                "Вопросы и ответы",
                [
                    (
                        "Деньги уже взяты, согласие дано. Мне ещё могут помочь?",
                        "<p>Да. Многие соглашаются, потому что им нужны деньги или они "
                        "доверяют тому, кто это предложил. Если тебя обманули, тебе угрожают "
                        "или не отпускают, ты – пострадавшая сторона и имеешь право на помощь, "
                        "независимо от того, о чём договаривались вначале.</p>",
                    ),
                    (
                        "Можно ли аннулировать фиктивный брак?",
                        "<p>Брак, заключённый без настоящего волеизъявления, суд может "
                        "признать недействительным. Юрист объяснит, как действовать в твоём "
                        "случае; жертвам торговли людьми полагается юридическая помощь за счёт "
                        "государства.</p>",
                    ),
                    (
                        "Я волнуюсь за сестру или подругу, которая едет за границу выходить замуж.",
                        "<p>Спокойно расскажи ей, что тебя тревожит, и попроси оставить тебе "
                        "копию паспорта, адрес и номер телефона. Договоритесь о кодовом слове. "
                        "Ты также можешь позвонить нам и посоветоваться.</p>",
                    ),
                ],
            ),
            cta(
                "hotline",
                "Что-то в предложении настораживает?",
                "Позвони на нашу линию доверия – называть имя не нужно.",
                "Позвонить нам",
                "lantern",
            ),
            cta(
                "emergency",
                "Ты уже за границей, и тебе грозит опасность?",
                "Звони 112 – этот номер работает во всех странах ЕС, звонок бесплатный.",
                "Позвонить",
            ),
        ],
        "uk": [
            rich(
                "<h2>«Це лише формальність»</h2><p>Пропозиція часто надходить від подруги, "
                "родича чи нового знайомого: з’їздити за кордон, вийти заміж за чоловіка, "
                "якому потрібні документи ЄС, і отримати гроші. Усе «лише на папері», і за "
                "тиждень ти будеш удома. Насправді паспорт можуть забрати «для оформлення "
                "весілля», тебе можуть тримати в квартирі з незнайомими людьми, а обіцяні "
                "гроші перетворюються на борг, який треба відпрацювати, – іноді "
                "сексом.</p><p>Примусовий шлюб буває і в родині: коли батьки чи родичі "
                "вирішують, з ким ти візьмеш шлюб, і ти не можеш відмовитися. Сексуальна "
                "експлуатація, примусові шлюби та трудова експлуатація – найпоширеніші "
                "форми торгівлі людьми в Латвії.</p>"
            ),
            warning_signs(
                "Тривожні ознаки",
                "Будь насторожі, якщо тобі пропонують шлюб і:",
                [
                    "Тобі обіцяють гроші, поїздку чи роботу за те, щоб узяти шлюб.",
                    "Людина, з якою треба взяти шлюб, тобі зовсім незнайома.",
                    "Усе треба зробити швидко й тримати в таємниці.",
                    "Квитки оплачує хтось інший і тримає твої документи в себе.",
                    "Тебе вчать, що казати посадовцям під час реєстрації шлюбу.",
                    "Родина погрожує розірвати з тобою стосунки або заподіяти тобі "
                    "шкоду, якщо ти відмовишся.",
                ],
                "Шлюб має бути твоїм вільним вибором. Якщо на тебе тиснуть, поговори з "
                "нами – навіть якщо «так» уже сказано або ти вже за кордоном.",
            ),
            quote(
                "Подруга сказала, що за тиждень за кордоном я можу заробити три тисячі "
                "євро. В аеропорту в мене забрали паспорт. Грошей я так і не отримала, а "
                "«чоловік» сказав, що тепер я винна йому за квартиру. Мені було соромно "
                "телефонувати додому. Коли я все ж зателефонувала, сестра зв’язалася з "
                "організацією, яка допомогла мені повернутися.",
                "Ієва, 20 років",
            ),
            rich(
                "<h2>Що ти можеш зробити</h2><ul><li><b>Перш ніж погодитися</b>, розкажи "
                "людині, якій довіряєш, куди, з ким і на скільки ти їдеш. Залиш їй копію "
                "паспорта.</li><li><b>Тримай документи при собі.</b> Для весілля нікому не "
                "потрібно тримати твій паспорт.</li><li><b>Якщо ти вже за кордоном</b> і "
                "не можеш піти, телефонуй 112 або зв’яжися з посольством Латвії. "
                "Консульські працівники входять до латвійського механізму перенаправлення "
                "і знають, як допомогти.</li><li><b>Якщо на тебе тисне родина</b>, можна "
                "конфіденційно поговорити з нами. Ми допоможемо знайти безпечне місце, де "
                "можна пожити.</li></ul><p>Якщо тебе обманом чи під тиском утягнули у "
                "фіктивний шлюб, ти – постраждала сторона і маєш право на допомогу.</p>"
            ),
            faq(
                "Запитання та відповіді",
                [
                    (
                        "Гроші вже взято, згоду дано. Чи можуть мені ще допомогти?",
                        "<p>Так. Багато хто погоджується, бо потребує грошей або довіряє тому, "
                        "хто це запропонував. Якщо тебе обманули, тобі погрожують чи не "
                        "відпускають, ти – постраждала сторона і маєш право на допомогу, "
                        "незалежно від того, про що домовлялися спочатку.</p>",
                    ),
                    (
                        "Чи можна скасувати фіктивний шлюб?",
                        "<p>Шлюб, укладений без справжнього волевиявлення, суд може визнати "
                        "недійсним. Юрист пояснить, як діяти у твоєму випадку; постраждалим "
                        "від торгівлі людьми належить правова допомога за рахунок держави.</p>",
                    ),
                    (
                        "Я хвилююся за сестру чи подругу, яка їде за кордон виходити заміж.",
                        "<p>Спокійно розкажи їй, що тебе турбує, і попроси залишити тобі копію "
                        "паспорта, адресу й номер телефону. Домовтеся про кодове слово. Ти "
                        "також можеш зателефонувати нам і порадитися.</p>",
                    ),
                ],
            ),
            cta(
                "hotline",
                "Щось у пропозиції насторожує?",
                "Зателефонуй на нашу лінію довіри – називати ім’я не потрібно.",
                "Зателефонувати нам",
                "lantern",
            ),
            cta(
                "emergency",
                "Ти вже за кордоном, і тобі загрожує небезпека?",
                "Телефонуй 112 – цей номер працює в усіх країнах ЄС, дзвінок безкоштовний.",
                "Зателефонувати",
            ),
        ],
    },
}

# Everyone: forced criminality (shoplifting, drug couriers, "money mules") and forced begging.
CAMPAIGN_FORCED_CRIMINALITY = {
    "slug": {
        "lv": "kad-liek-zagt-vai-ubagot",
        "en": "forced-to-steal-or-beg",
        "ru": "kogda-zastavlyayut-vorovat",
        "uk": "koly-zmushuiut-krasty",
    },
    "title": {
        "lv": "Kad liek zagt vai ubagot",
        "en": "Forced to steal or beg",
        "ru": "Когда заставляют воровать или просить милостыню",
        "uk": "Коли змушують красти або жебракувати",
    },
    "introduction": {
        "lv": "Dažus cilvēkus piespiež zagt veikalos, pārvadāt narkotikas, atvērt bankas "
        "kontus citu vajadzībām vai ubagot uz ielas – un pēc tam atdot visu, ko viņi "
        "iegūst. Ja tas notiek ar jums, jūs esat cietusī puse, nevis noziedznieks.",
        "en": "Some people are made to shoplift, carry drugs, open bank accounts for others "
        "or beg in the street – and then hand over everything they get. If this is "
        "happening to you, you are the victim, not the criminal.",
        "ru": "Некоторых людей заставляют воровать в магазинах, перевозить наркотики, "
        "открывать банковские счета для других или просить милостыню на улице – и "
        "отдавать всё, что они получают. Если это происходит с вами, вы – пострадавшая "
        "сторона, а не преступник.",
        "uk": "Деяких людей змушують красти в магазинах, перевозити наркотики, відкривати "
        "банківські рахунки для інших або жебракувати на вулиці – і віддавати все, що "
        "вони отримують. Якщо це відбувається з вами, ви – постраждала сторона, а не "
        "злочинець.",
    },
    "search_description": {
        "lv": "Piespiedu noziedzība un piespiedu ubagošana: kā cilvēkiem liek izdarīt "
        "noziegumus citu labā un kāpēc viņi ir cietušie.",
        "en": "Forced criminality and forced begging: how people are made to commit crimes "
        "for others, and why they are victims.",
        "ru": "Принуждение к преступлениям и попрошайничеству: как людей заставляют "
        "совершать преступления в чужих интересах и почему они – пострадавшие.",
        "uk": "Примус до злочинів і жебракування: як людей змушують скоювати злочини в чужих "
        "інтересах і чому вони – постраждалі.",
    },
    "fields": {"audience": "everyone", "forms_of_exploitation": ["criminality", "begging"]},
    "body": {
        "lv": [
            rich(
                "<h2>Kad noziegums nav jūsu izvēle</h2><p>Cilvēku tirgotāji meklē tos, "
                "kurus ir viegli kontrolēt: cilvēkus ar parādiem, atkarību vai "
                "invaliditāti, bez mājokļa vai bez neviena, pie kā vērsties. Viņi piedāvā "
                "naktsmājas vai „darbu”, bet pēc tam pieprasa, lai cilvēks zog, pārdod vai "
                "pārvadā narkotikas vai ubago – katru dienu un ar noteiktu normu. Nauda "
                "nonāk pie kāda cita.</p><p>Jaunāks veids ir <b>„naudas mūļi”</b>: "
                "cilvēkam samaksā vai viņu piespiež ļaut noziedzniekiem izmantot savu "
                "bankas kontu vai uz sava vārda atvērt kontus un ņemt kredītus. Parādi un "
                "krimināllieta pēc tam gulstas uz to, kurš tika izmantots.</p>"
            ),
            warning_signs(
                "Pazīmes, ka kādu piespiež",
                "Tās varat pamanīt sevī vai kādā sev tuvā cilvēkā:",
                [
                    "Cilvēkam jāatdod visa iegūtā nauda, citādi viņu soda.",
                    "Viņu katru dienu atved uz vienu un to pašu vietu un vakarā aizved.",
                    "Viņš šķiet nobijies, uzraudzīts vai nespēj runāt pats par sevi.",
                    "Viņa dokumenti, bankas karte vai telefons ir pie kāda cita.",
                    "Viņam iestāstīts, ka neviens viņam neticēs: „tagad tu pats esi noziedznieks”.",
                    "Sveši cilvēki lūguši izmantot viņa bankas kontu vai ņemt kredītus "
                    "uz viņa vārda.",
                ],
                "Ja atpazīstat savu situāciju, aprunājieties ar mums. Ja uztraucaties "
                "par kādu citu, nestājieties pretī cilvēkiem, kas viņu kontrolē, – "
                "zvaniet mums vai policijai.",
            ),
            quote(
                "Biju parādā cilvēkiem, pie kuriem dzīvoju. Viņi teica, ka varu atdot "
                "parādu, iznesot preces no veikaliem. Kad mani aizturēja policija, biju "
                "pārliecināts, ka nonākšu cietumā. Tā vietā kāds beidzot pajautāja, kā es "
                "tur biju nonācis.",
                "Jānis, 27 gadi",
            ),
            faq(
                "Jautājumi un atbildes",
                [
                    (
                        "Vai mani sodīs par to, ko man lika darīt?",
                        "<p>Cilvēku tirdzniecības upurus nevajadzētu sodīt par noziegumiem, "
                        "kurus viņi bija spiesti izdarīt. Pastāstiet izmeklētājam, savam "
                        "advokātam vai mums, kas notika un kurš jūs piespieda. Ja jūs atzīst "
                        "par cilvēku tirdzniecības upuri, jums pienākas valsts apmaksāta "
                        "juridiskā palīdzība un atbalsts kriminālprocesā līdz 150 stundām.</p>",
                    ),
                    (
                        "Kāds, ko pazīstu, ubago uz ielas un šķiet nobijies. Ko darīt?",
                        "<p>Nestājieties nevienam pretī un neriskējiet ar sevi. Pierakstiet "
                        "vietu, laiku un to, ko redzējāt, un pastāstiet policijai vai mums. Ja "
                        "domājat, ka kādam draud tūlītējas briesmas, zvaniet 112.</p>",
                    ),
                    (
                        "Ļāvu kādam izmantot savu bankas kontu. Ko tagad darīt?",
                        "<p>Pārtrauciet visus pārskaitījumus, sazinieties ar savu banku un pēc "
                        "iespējas ātrāk aprunājieties ar mums vai policiju. Jo ātrāk "
                        "rīkosieties, jo vieglāk būs parādīt, ka jūs izmantoja.</p>",
                    ),
                ],
            ),
            cta(
                "chat",
                "Varat mums pastāstīt, kas notika",
                "Saruna ar mums nenozīmē krimināllietas sākšanu. Mēs uzklausīsim un "
                "palīdzēsim izlemt, ko darīt.",
                "Sākt tērzēšanu",
            ),
            cta(
                "hotline",
                "Ērtāk zvanīt?",
                "Mūsu konsultanti runā latviski, krieviski, ukrainiski un angliski.",
                "Zvanīt mums",
                "lantern",
            ),
        ],
        "en": [
            rich(
                "<h2>When the crime is not your choice</h2><p>Traffickers look for people "
                "who are easy to control: people with debts, an addiction or a disability, "
                "with no home or no one to turn to. They offer a place to sleep or a "
                "“job”, and then demand that the person steals, sells or carries drugs, or "
                "begs – every day, with a quota to meet. The money goes to someone "
                "else.</p><p>A newer form is the <b>“money mule”</b>: someone is paid or "
                "pressured to let criminals use their bank account, or to open accounts "
                "and take out loans in their own name. The debts and the criminal case "
                "then fall on the person who was used.</p>"
            ),
            warning_signs(
                "Signs that someone is being forced",
                "You may notice them in yourself or in someone close to you:",
                [
                    "The person has to hand over all the money they get, or they are punished.",
                    "They are brought to the same place every day and picked up in the evening.",
                    "They seem frightened, watched or unable to speak for themselves.",
                    "Someone else holds their documents, bank card or phone.",
                    "They have been told that nobody will believe them: “you're a "
                    "criminal yourself now”.",
                    "Strangers have asked to use their bank account or to take out "
                    "loans in their name.",
                ],
                "If you recognise your own situation, talk to us. If you are worried "
                "about someone else, do not confront the people who control them – "
                "call us or the police.",
            ),
            quote(
                "I owed money to the people I lived with. They said I could pay it back by "
                "taking things from shops. When the police stopped me, I was sure I would "
                "go to prison. Instead, someone finally asked me how I had ended up there.",
                "Jānis, 27",
            ),
            faq(
                "Questions and answers",
                [
                    (
                        "Will I be punished for what I was made to do?",
                        "<p>Victims of trafficking should not be punished for crimes they were "
                        "forced to commit. Tell the investigator, your lawyer or us what "
                        "happened and who forced you. If you are recognised as a victim of "
                        "trafficking, you are entitled to state-funded legal aid and up to 150 "
                        "hours of support during criminal proceedings.</p>",
                    ),
                    (
                        "Someone I know begs in the street and seems frightened. What can I do?",
                        "<p>Do not confront anyone, and do not put yourself at risk. Note the "
                        "place, the time and what you saw, and tell the police or us. If you "
                        "think someone is in immediate danger, call 112.</p>",
                    ),
                    (
                        "I let someone use my bank account. What now?",
                        "<p>Stop all transfers, contact your bank and talk to us or the police "
                        "as soon as you can. The sooner you act, the easier it is to show that "
                        "you were used.</p>",
                    ),
                ],
            ),
            cta(
                "chat",
                "You can tell us what happened",
                "Talking to us does not start a criminal case. We will listen and help you "
                "decide what to do.",
                "Start a chat",
            ),
            cta(
                "hotline",
                "Prefer to call?",
                "Our advisers speak Latvian, Russian, Ukrainian and English.",
                "Call us",
                "lantern",
            ),
        ],
        "ru": [
            rich(
                "<h2>Когда преступление – не ваш выбор</h2><p>Торговцы людьми ищут тех, "
                "кого легко контролировать: людей с долгами, зависимостью или "
                "инвалидностью, без жилья или без тех, к кому можно обратиться. Они "
                "предлагают ночлег или «работу», а потом требуют, чтобы человек воровал, "
                "продавал или перевозил наркотики или просил милостыню – каждый день, с "
                "обязательной нормой. Деньги достаются другим.</p><p>Более новая форма – "
                "<b>«денежные мулы»</b>: человеку платят или его принуждают позволить "
                "преступникам пользоваться его банковским счётом либо открывать счета и "
                "брать кредиты на своё имя. Долги и уголовное дело потом ложатся на того, "
                "кого использовали.</p>"
            ),
            warning_signs(
                "Признаки принуждения",
                "Их можно заметить у себя или у близкого человека:",
                [
                    "Человек должен отдавать все полученные деньги, иначе его наказывают.",
                    "Его каждый день привозят на одно и то же место и вечером забирают.",
                    "Он выглядит испуганным, находится под присмотром или не может "
                    "говорить сам за себя.",
                    "Его документы, банковская карта или телефон находятся у кого-то другого.",
                    "Ему внушили, что ему никто не поверит: «ты теперь сам преступник».",
                    "Незнакомые люди просили воспользоваться его банковским счётом или "
                    "взять кредиты на его имя.",
                ],
                "Если вы узнаёте свою ситуацию, поговорите с нами. Если вы "
                "беспокоитесь о ком-то другом, не вступайте в конфликт с теми, кто его "
                "контролирует, – позвоните нам или в полицию.",
            ),
            quote(
                "Я был должен людям, у которых жил. Они сказали, что я могу вернуть долг, "
                "вынося товары из магазинов. Когда меня задержала полиция, я был уверен, "
                "что попаду в тюрьму. А вместо этого кто-то наконец спросил, как я там "
                "оказался.",
                "Янис, 27 лет",
            ),
            faq(
                "Вопросы и ответы",
                [
                    (
                        "Меня накажут за то, что меня заставили сделать?",
                        "<p>Жертв торговли людьми не следует наказывать за преступления, "
                        "которые их принудили совершить. Расскажите следователю, своему "
                        "адвокату или нам, что произошло и кто вас заставлял. Если вас "
                        "признают жертвой торговли людьми, вам положены юридическая помощь за "
                        "счёт государства и поддержка в уголовном процессе до 150 часов.</p>",
                    ),
                    (
                        "Знакомый просит милостыню на улице и выглядит испуганным. Что делать?",
                        "<p>Не вступайте ни с кем в конфликт и не подвергайте себя риску. "
                        "Запишите место, время и то, что вы видели, и сообщите в полицию или "
                        "нам. Если вы думаете, что кому-то грозит непосредственная опасность, "
                        "звоните 112.</p>",
                    ),
                    (
                        "Кто-то пользовался моим банковским счётом с моего разрешения. Что теперь?",
                        "<p>Прекратите все переводы, свяжитесь со своим банком и как можно "
                        "скорее поговорите с нами или с полицией. Чем раньше вы начнёте "
                        "действовать, тем проще будет показать, что вас использовали.</p>",
                    ),
                ],
            ),
            cta(
                "chat",
                "Вы можете рассказать нам, что случилось",
                "Разговор с нами не означает возбуждения уголовного дела. Мы выслушаем и "
                "поможем решить, что делать.",
                "Начать чат",
            ),
            cta(
                "hotline",
                "Удобнее позвонить?",
                "Наши консультанты говорят на латышском, русском, украинском и английском.",
                "Позвонить нам",
                "lantern",
            ),
        ],
        "uk": [
            rich(
                "<h2>Коли злочин – не ваш вибір</h2><p>Торгівці людьми шукають тих, кого "
                "легко контролювати: людей із боргами, залежністю чи інвалідністю, без "
                "житла або без тих, до кого можна звернутися. Вони пропонують нічліг чи "
                "«роботу», а потім вимагають, щоб людина крала, продавала чи перевозила "
                "наркотики або жебракувала – щодня, з обов’язковою нормою. Гроші "
                "дістаються іншим.</p><p>Новіша форма – <b>«грошові мули»</b>: людині "
                "платять або її примушують дозволити злочинцям користуватися її "
                "банківським рахунком чи відкривати рахунки й брати кредити на своє ім’я. "
                "Борги та кримінальна справа потім лягають на того, кого використали.</p>"
            ),
            warning_signs(
                "Ознаки примусу",
                "Їх можна помітити в себе або в близької людини:",
                [
                    "Людина мусить віддавати всі отримані гроші, інакше її карають.",
                    "Її щодня привозять на одне й те саме місце і ввечері забирають.",
                    "Вона виглядає наляканою, перебуває під наглядом або не може "
                    "говорити сама за себе.",
                    "Її документи, банківська картка чи телефон перебувають у когось іншого.",
                    "Їй навіяли, що їй ніхто не повірить: «тепер ти теж злочинець».",
                    "Незнайомі люди просили скористатися її банківським рахунком або "
                    "взяти кредити на її ім’я.",
                ],
                "Якщо ви впізнаєте свою ситуацію, поговоріть з нами. Якщо ви "
                "хвилюєтеся за когось іншого, не вступайте в конфлікт з тими, хто цю "
                "людину контролює, – зателефонуйте нам або в поліцію.",
            ),
            quote(
                "Я був винен людям, у яких жив. Вони сказали, що я можу повернути борг, "
                "виносячи товари з магазинів. Коли мене затримала поліція, я був певен, що "
                "потраплю до в’язниці. А натомість хтось нарешті запитав, як я там "
                "опинився.",
                "Яніс, 27 років",
            ),
            faq(
                "Запитання та відповіді",
                [
                    (
                        "Мене покарають за те, що мене змусили зробити?",
                        "<p>Постраждалих від торгівлі людьми не слід карати за злочини, до "
                        "яких їх примусили. Розкажіть слідчому, своєму адвокатові або нам, що "
                        "сталося і хто вас змушував. Якщо вас визнають постраждалою від "
                        "торгівлі людьми особою, вам належать правова допомога за рахунок "
                        "держави та підтримка в кримінальному процесі до 150 годин.</p>",
                    ),
                    (
                        "Знайомий жебракує на вулиці й виглядає наляканим. Що робити?",
                        "<p>Не вступайте ні з ким у конфлікт і не наражайте себе на ризик. "
                        "Запишіть місце, час і те, що ви бачили, і повідомте поліцію або нас. "
                        "Якщо ви вважаєте, що комусь загрожує безпосередня небезпека, "
                        "телефонуйте 112.</p>",
                    ),
                    (
                        "Хтось користувався моїм банківським рахунком з мого дозволу. Що тепер?",
                        "<p>Припиніть усі перекази, зв’яжіться зі своїм банком і якнайшвидше "
                        "поговоріть з нами або з поліцією. Що раніше ви почнете діяти, то "
                        "легше буде показати, що вас використали.</p>",
                    ),
                ],
            ),
            cta(
                "chat",
                "Ви можете розповісти нам, що сталося",
                "Розмова з нами не означає порушення кримінальної справи. Ми вислухаємо і "
                "допоможемо вирішити, що робити.",
                "Почати чат",
            ),
            cta(
                "hotline",
                "Зручніше зателефонувати?",
                "Наші консультанти розмовляють латиською, російською, українською та англійською.",
                "Зателефонувати нам",
                "lantern",
            ),
        ],
    },
}

CAMPAIGNS = [
    CAMPAIGN_WORK_ABROAD,
    CAMPAIGN_SEASONAL_WORK,
    CAMPAIGN_LOVER_BOY,
    CAMPAIGN_SHAM_MARRIAGE,
    CAMPAIGN_FORCED_CRIMINALITY,
]


# --- How help works ---------------------------------------------------------------------------
# Latvia's national referral mechanism (Ministry of the Interior, seeds 002/003; design.md).

HELP = {
    "slug": HELP_SLUGS,
    "title": {
        "lv": "Kā darbojas palīdzība",
        "en": "How help works",
        "ru": "Как работает помощь",
        "uk": "Як працює допомога",
    },
    "introduction": {
        "lv": "Latvijā cilvēku tirdzniecības upuriem ir tiesības uz bezmaksas valsts "
        "palīdzību. Lūk, kas notiek pēc tam, kad esat vērsušies pēc palīdzības, – soli "
        "pa solim – un kādas ir jūsu tiesības.",
        "en": "In Latvia, victims of trafficking have the right to free help from the state. "
        "Here is what happens after you reach out – step by step – and what rights you "
        "have.",
        "ru": "В Латвии пострадавшие от торговли людьми имеют право на бесплатную помощь "
        "государства. Вот что происходит после того, как вы обратились за помощью, – "
        "шаг за шагом, – и какие у вас есть права.",
        "uk": "У Латвії постраждалі від торгівлі людьми мають право на безкоштовну допомогу "
        "держави. Ось що відбувається після того, як ви звернулися по допомогу, – крок "
        "за кроком, – і які у вас є права.",
    },
    "search_description": {
        "lv": "Latvijas nacionālais nosūtīšanas mehānisms cilvēku tirdzniecības upuriem: "
        "trīs palīdzības posmi un cietušā tiesības.",
        "en": "Latvia's national referral mechanism for victims of trafficking: the three "
        "stages of help and a victim's rights.",
        "ru": "Национальный механизм перенаправления жертв торговли людьми в Латвии: три "
        "этапа помощи и права пострадавших.",
        "uk": "Національний механізм перенаправлення постраждалих від торгівлі людьми в "
        "Латвії: три етапи допомоги та права постраждалих.",
    },
    "fields": {"show_in_menus": True},
    "body": {
        "lv": [
            rich(
                "<p>Palīdzība cilvēku tirdzniecības upuriem Latvijā notiek pēc kārtības, "
                "par kuru vienojušās valsts iestādes, pašvaldības un nevalstiskās "
                "organizācijas. To sauc par <b>nacionālo nosūtīšanas mehānismu</b>. Lai "
                "lūgtu palīdzību, jums nav jāzina, kā tas darbojas, – tas, ar ko runāsiet "
                "vispirms, palīdzēs jums tālāk. Taču, ja soļus zināt iepriekš, tie šķiet "
                "mazāk biedējoši.</p>"
            ),
            stages(
                "Trīs palīdzības posmi",
                [
                    (
                        "1. Kāds pamana un uzklausa",
                        "Pirmie reaģētāji: policija, Valsts robežsardze, konsulārās "
                        "amatpersonas Latvijas vēstniecībās, pašvaldību sociālie dienesti, "
                        "nevalstiskās organizācijas – un tērzēšana šajā vietnē",
                        "<p>Pirmais reaģētājs ir ikviens speciālists, kas apmācīts atpazīt "
                        "iespējamu cilvēku tirdzniecības gadījumu. Viņa uzdevums ir uzklausīt, "
                        "pārliecināties, ka šobrīd esat drošībā, un pastāstīt, kāda palīdzība "
                        "ir pieejama. Ar jūsu piekrišanu viņš nodod jūsu gadījumu "
                        "organizācijai, kas var jūs atzīt par cietušo. Bez jums nekas netiek "
                        "izlemts.</p>",
                    ),
                    (
                        "2. Atzīšana par cietušo un rehabilitācija",
                        "Valsts pilnvarota nevalstiskā organizācija vai kompetentā iestāde",
                        "<p>Par cilvēku tirdzniecības upuri jūs var atzīt trīs veidos: ar "
                        "kriminālprocesa virzītāja lēmumu, ar Latvijas vai ārvalstu "
                        "tiesībaizsardzības iestādes izziņu vai ar speciālistu komisijas "
                        "atzinumu. Pēdējam veidam krimināllieta nav vajadzīga.</p><p>Pēc tam "
                        "valsts apmaksā sociālās rehabilitācijas "
                        "pakalpojumu:</p><ul><li>sociālā rehabilitācija līdz <b>180 dienām</b> "
                        "– pirmā tikšanās, lai noskaidrotu steidzamākās vajadzības, "
                        "individuāls rehabilitācijas plāns, psihosociālais atbalsts, sociālā "
                        "darbinieka, psihologa, jurista un ārsta konsultācijas, materiāla "
                        "palīdzība un, ja esat ārzemēs, palīdzība atgriezties "
                        "Latvijā;</li><li><b>5 speciālistu konsultācijas</b> pēc "
                        "rehabilitācijas kursa beigām;</li><li>atbalsts kriminālprocesā līdz "
                        "<b>150 stundām</b>;</li><li><b>5 speciālistu konsultācijas ģimenes "
                        "locekļiem</b>, ja cietušais ir nepilngadīgs.</li></ul>",
                    ),
                    (
                        "3. Atgriešanās ikdienas dzīvē",
                        "Pašvaldību sociālie dienesti un Nodarbinātības valsts aģentūra",
                        "<p>Reintegrācija nozīmē atkal veidot stabilu dzīvi. Jūsu pašvaldības "
                        "sociālais dienests izvērtē, kāda palīdzība jums vajadzīga, piemēram, "
                        "komunālo maksājumu segšanai, medicīniskajai aprūpei vai pārtikai. "
                        "Nodarbinātības valsts aģentūra palīdz atrast darbu un piedāvā "
                        "profesionālo apmācību. Pilnvarotā organizācija uztur ar viņiem saikni "
                        "un izskaidro jūsu vajadzības, lai jums nebūtu savs stāsts jāstāsta "
                        "atkal un atkal.</p>",
                    ),
                ],
            ),
            rights(
                "Jūsu tiesības",
                [
                    (
                        "Laiks pārdomām – 30 dienas",
                        "30 dienu pārdomu periods ļauj atgūties un mierīgi izlemt, vai "
                        "vēlaties sadarboties ar tiesībaizsardzības iestādēm.",
                    ),
                    (
                        "Sociālā rehabilitācija – līdz 180 dienām",
                        "Valsts apmaksāta speciālistu palīdzība līdz 180 dienām un pēc tam vēl "
                        "5 konsultācijas.",
                    ),
                    (
                        "Juridiskā palīdzība",
                        "Valsts apmaksāts jurists izskaidro jūsu tiesības un pārstāv jūs, "
                        "piemēram, kriminālprocesā vai prasot kompensāciju.",
                    ),
                    (
                        "Kompensācija",
                        "Jūs varat prasīt kompensāciju par jums nodarīto kaitējumu. Pieteikumu "
                        "palīdzēs sagatavot jurists vai sociālais darbinieks.",
                    ),
                    (
                        "Neatliekamā medicīniskā palīdzība",
                        "Jums ir tiesības saņemt neatliekamo medicīnisko palīdzību neatkarīgi "
                        "no pilsonības.",
                    ),
                    (
                        "Izglītība",
                        "Jums ir tādas pašas tiesības kā citiem mācīties un turpināt izglītību.",
                    ),
                    (
                        "Darbs",
                        "Nodarbinātības valsts aģentūra palīdz meklēt darbu un piedāvā "
                        "profesionālo apmācību.",
                    ),
                    (
                        "Uzturēšanās atļauja",
                        "Ja esat trešās valsts (ārpus ES) pilsonis un jūs atzīst par cilvēku "
                        "tirdzniecības upuri, kompetentā valsts iestāde iesniedz dokumentus "
                        "uzturēšanās atļaujas saņemšanai. Ar šo atļauju varat strādāt pie "
                        "jebkura darba devēja Latvijā.",
                    ),
                    (
                        "Aizsardzība, ja liecināt",
                        "Ja sniedzat liecību kriminālprocesā, jūsu dzīvībai, veselībai un "
                        "citām likumiskajām interesēm var nodrošināt īpašu aizsardzību.",
                    ),
                ],
            ),
            faq(
                "Biežāk uzdotie jautājumi",
                [
                    (
                        "Vai man jāiet uz policiju, lai saņemtu palīdzību?",
                        "<p>Nē. Vispirms varat anonīmi aprunāties ar mums vai citu "
                        "organizāciju. Par cietušo jūs var atzīt ar speciālistu komisijas "
                        "atzinumu, bez krimināllietas. Vai ziņot par noziegumu – to izlemjat "
                        "jūs.</p>",
                    ),
                    (
                        "Vai palīdzība ir maksas?",
                        "<p>Nē. Sociālo rehabilitāciju, juridisko palīdzību un iepriekš "
                        "minētās konsultācijas apmaksā valsts.</p>",
                    ),
                    (
                        "Man nav Latvijas pilsonības. Vai tas attiecas arī uz mani?",
                        "<p>Jā. Palīdzība ir pieejama neatkarīgi no pilsonības. Trešo valstu "
                        "pilsoņiem pēc atzīšanas par cietušajiem ir arī tiesības uz "
                        "uzturēšanās atļauju.</p>",
                    ),
                    (
                        "Vai palīdzību var saņemt arī mana ģimene?",
                        "<p>Ja cietušais ir nepilngadīgs, viņa ģimenes locekļi var saņemt 5 "
                        "speciālistu konsultācijas. Pastāstiet mums, kas vajadzīgs jūsu "
                        "ģimenei.</p>",
                    ),
                ],
            ),
            cta(
                "chat",
                "Pirmais solis",
                "Rakstiet mums anonīmi. Mēs uzklausīsim, izskaidrosim iespējas un, ja "
                "piekritīsiet, palīdzēsim sazināties ar organizāciju, kas sniedz valsts "
                "apmaksātu palīdzību.",
                "Sākt tērzēšanu",
            ),
            cta(
                "hotline",
                "Vai zvaniet mums",
                "Zvans no jebkura Latvijas tālruņa ir bez maksas.",
                "Zvanīt mums",
                "lantern",
            ),
        ],
        "en": [
            rich(
                "<p>Help for victims of trafficking in Latvia follows a procedure agreed "
                "between state institutions, municipalities and non-governmental "
                "organisations. It is called the <b>national referral mechanism</b>. You "
                "do not need to know how it works to ask for help – whoever you talk to "
                "first will guide you. But knowing the steps in advance can make them less "
                "frightening.</p>"
            ),
            stages(
                "Three stages of help",
                [
                    (
                        "1. Someone notices and listens",
                        "First responders: police, State Border Guard, consular officials at "
                        "Latvian embassies, municipal social services, non-governmental "
                        "organisations – and the chat on this website",
                        "<p>A first responder is any specialist trained to recognise a "
                        "possible case of trafficking. Their job is to listen, make sure you "
                        "are safe right now, and tell you what help is available. With your "
                        "consent, they pass your case on to the organisation that can "
                        "recognise you as a victim. Nothing is decided without you.</p>",
                    ),
                    (
                        "2. Identification and rehabilitation",
                        "The mandated non-governmental organisation or the competent authority",
                        "<p>You can be recognised as a victim of trafficking in one of three "
                        "ways: by a decision of the official in charge of criminal "
                        "proceedings, by a statement from a law enforcement institution in "
                        "Latvia or abroad, or by the assessment of a commission of "
                        "specialists. The last way does not require a criminal "
                        "case.</p><p>After that, the state pays for a social rehabilitation "
                        "service:</p><ul><li>social rehabilitation for up to <b>180 days</b> – "
                        "a first meeting to find out what you need most urgently, a personal "
                        "rehabilitation plan, psychosocial support, consultations with a "
                        "social worker, a psychologist, a lawyer and a doctor, material "
                        "assistance and, if you are abroad, help to return to "
                        "Latvia;</li><li><b>5 specialist consultations</b> after the "
                        "rehabilitation course ends;</li><li>support in criminal proceedings "
                        "for up to <b>150 hours</b>;</li><li><b>5 specialist consultations for "
                        "family members</b> of a victim who is a minor.</li></ul>",
                    ),
                    (
                        "3. Back to everyday life",
                        "Municipal social services and the State Employment Agency",
                        "<p>Reintegration means building a stable life again. The social "
                        "service of your municipality assesses what help you need – for "
                        "example with utility bills, medical care or food. The State "
                        "Employment Agency helps you find work and offers vocational training. "
                        "The mandated organisation stays in touch with them and explains your "
                        "needs, so that you do not have to tell your story again and "
                        "again.</p>",
                    ),
                ],
            ),
            rights(
                "Your rights",
                [
                    (
                        "Time to think – 30 days",
                        "A 30-day reflection period lets you recover and decide calmly whether "
                        "you want to cooperate with law enforcement.",
                    ),
                    (
                        "Social rehabilitation – up to 180 days",
                        "State-funded help from specialists for up to 180 days, followed by 5 "
                        "further consultations.",
                    ),
                    (
                        "Legal aid",
                        "A lawyer paid by the state explains your rights and represents you, "
                        "for example in criminal proceedings or when you claim compensation.",
                    ),
                    (
                        "Compensation",
                        "You can claim compensation for the harm done to you. A lawyer or a "
                        "social worker will help you with the application.",
                    ),
                    (
                        "Emergency medical care",
                        "You have the right to emergency medical care, whatever your citizenship.",
                    ),
                    (
                        "Education",
                        "You have the same right as anyone else to study and to continue your "
                        "education.",
                    ),
                    (
                        "Work",
                        "The State Employment Agency helps you look for work and offers "
                        "vocational training.",
                    ),
                    (
                        "Residence permit",
                        "If you are a citizen of a country outside the EU and are recognised "
                        "as a victim of trafficking, the competent state institution submits "
                        "the documents for your residence permit. With this permit you may "
                        "work for any employer in Latvia.",
                    ),
                    (
                        "Protection if you testify",
                        "If you give evidence in criminal proceedings, your life, health and "
                        "other legal interests can be given special protection.",
                    ),
                ],
            ),
            faq(
                "Common questions",
                [
                    (
                        "Do I have to go to the police to get help?",
                        "<p>No. You can first talk to us or another organisation anonymously. "
                        "You can be recognised as a victim through the assessment of a "
                        "commission of specialists, without a criminal case. Whether to report "
                        "the crime is your decision.</p>",
                    ),
                    (
                        "Does help cost anything?",
                        "<p>No. Social rehabilitation, legal aid and the consultations "
                        "described above are paid for by the state.</p>",
                    ),
                    (
                        "I am not a Latvian citizen. Does this apply to me?",
                        "<p>Yes. Help is available whatever your citizenship. Citizens of "
                        "countries outside the EU who are recognised as victims also have the "
                        "right to a residence permit.</p>",
                    ),
                    (
                        "Can my family get help too?",
                        "<p>If the victim is a minor, family members can receive 5 "
                        "consultations with specialists. Tell us what your family needs.</p>",
                    ),
                ],
            ),
            cta(
                "chat",
                "Take the first step",
                "Write to us anonymously. We will listen, explain your options and, if you "
                "agree, help you contact the organisation that provides state-funded help.",
                "Start a chat",
            ),
            cta(
                "hotline",
                "Or call us",
                "Calls are free from any Latvian phone.",
                "Call us",
                "lantern",
            ),
        ],
        "ru": [
            rich(
                "<p>Помощь жертвам торговли людьми в Латвии оказывается в порядке, "
                "согласованном между государственными учреждениями, самоуправлениями и "
                "неправительственными организациями. Он называется <b>национальным "
                "механизмом перенаправления</b>. Чтобы попросить о помощи, не нужно знать, "
                "как он устроен, – тот, к кому вы обратитесь первым, подскажет, что "
                "дальше. Но когда знаешь шаги заранее, они пугают меньше.</p>"
            ),
            stages(
                "Три этапа помощи",
                [
                    (
                        "1. Вас замечают и выслушивают",
                        "Первые контактные лица: полиция, Государственная пограничная охрана, "
                        "консульские работники посольств Латвии, социальные службы "
                        "самоуправлений, неправительственные организации – и чат на этом сайте",
                        "<p>Первое контактное лицо – любой специалист, обученный распознавать "
                        "возможные случаи торговли людьми. Его задача – выслушать, убедиться, "
                        "что прямо сейчас вы в безопасности, и рассказать, какая помощь "
                        "доступна. С вашего согласия он передаёт ваш случай организации, "
                        "которая может признать вас пострадавшим. Ничего не решается без "
                        "вас.</p>",
                    ),
                    (
                        "2. Признание пострадавшим и реабилитация",
                        "Уполномоченная государством неправительственная организация или "
                        "компетентное учреждение",
                        "<p>Признать вас жертвой торговли людьми могут тремя способами: "
                        "решением лица, ведущего уголовный процесс, справкой "
                        "правоохранительного учреждения Латвии или другой страны либо "
                        "заключением комиссии специалистов. Для последнего способа уголовное "
                        "дело не требуется.</p><p>После этого государство оплачивает услугу "
                        "социальной реабилитации:</p><ul><li>социальная реабилитация до <b>180 "
                        "дней</b> – первая встреча, чтобы выяснить самые срочные нужды, "
                        "индивидуальный план реабилитации, психосоциальная поддержка, "
                        "консультации социального работника, психолога, юриста и врача, "
                        "материальная помощь и, если вы за границей, помощь с возвращением в "
                        "Латвию;</li><li><b>5 консультаций специалистов</b> после окончания "
                        "курса реабилитации;</li><li>поддержка в уголовном процессе до <b>150 "
                        "часов</b>;</li><li><b>5 консультаций специалистов для членов "
                        "семьи</b> несовершеннолетнего пострадавшего.</li></ul>",
                    ),
                    (
                        "3. Возвращение к обычной жизни",
                        "Социальные службы самоуправлений и Государственное агентство занятости",
                        "<p>Реинтеграция – это восстановление стабильной жизни. Социальная "
                        "служба вашего самоуправления оценивает, какая помощь вам нужна, "
                        "например с оплатой коммунальных услуг, медицинской помощью или "
                        "питанием. Государственное агентство занятости помогает найти работу и "
                        "предлагает профессиональное обучение. Уполномоченная организация "
                        "поддерживает с ними связь и объясняет ваши потребности, чтобы вам не "
                        "приходилось снова и снова пересказывать свою историю.</p>",
                    ),
                ],
            ),
            rights(
                "Ваши права",
                [
                    (
                        "Время подумать – 30 дней",
                        "30-дневный период размышления позволяет прийти в себя и спокойно "
                        "решить, хотите ли вы сотрудничать с правоохранительными органами.",
                    ),
                    (
                        "Социальная реабилитация – до 180 дней",
                        "Оплачиваемая государством помощь специалистов до 180 дней, а затем "
                        "ещё 5 консультаций.",
                    ),
                    (
                        "Юридическая помощь",
                        "Юрист, работу которого оплачивает государство, разъясняет ваши права "
                        "и представляет вас, например в уголовном процессе или при требовании "
                        "компенсации.",
                    ),
                    (
                        "Компенсация",
                        "Вы можете потребовать компенсацию за причинённый вам вред. "
                        "Подготовить заявление помогут юрист или социальный работник.",
                    ),
                    (
                        "Неотложная медицинская помощь",
                        "Вы имеете право на неотложную медицинскую помощь независимо от "
                        "гражданства.",
                    ),
                    (
                        "Образование",
                        "У вас такое же право, как у всех, учиться и продолжать образование.",
                    ),
                    (
                        "Работа",
                        "Государственное агентство занятости помогает искать работу и "
                        "предлагает профессиональное обучение.",
                    ),
                    (
                        "Вид на жительство",
                        "Если вы гражданин страны за пределами ЕС и вас признали жертвой "
                        "торговли людьми, компетентное государственное учреждение подаёт "
                        "документы на получение вида на жительство. С ним вы можете работать у "
                        "любого работодателя в Латвии.",
                    ),
                    (
                        "Защита, если вы даёте показания",
                        "Если вы даёте показания в уголовном процессе, ваша жизнь, здоровье и "
                        "другие законные интересы могут находиться под особой защитой.",
                    ),
                ],
            ),
            faq(
                "Частые вопросы",
                [
                    (
                        "Нужно ли идти в полицию, чтобы получить помощь?",
                        "<p>Нет. Сначала можно анонимно поговорить с нами или другой "
                        "организацией. Признать вас пострадавшим может комиссия специалистов, "
                        "без уголовного дела. Сообщать ли о преступлении – решаете вы.</p>",
                    ),
                    (
                        "Помощь платная?",
                        "<p>Нет. Социальную реабилитацию, юридическую помощь и консультации, о "
                        "которых сказано выше, оплачивает государство.</p>",
                    ),
                    (
                        "У меня нет латвийского гражданства. Это касается и меня?",
                        "<p>Да. Помощь доступна независимо от гражданства. Граждане стран за "
                        "пределами ЕС, признанные пострадавшими, также имеют право на вид на "
                        "жительство.</p>",
                    ),
                    (
                        "Может ли помощь получить и моя семья?",
                        "<p>Если пострадавший несовершеннолетний, члены его семьи могут "
                        "получить 5 консультаций специалистов. Расскажите нам, что нужно вашей "
                        "семье.</p>",
                    ),
                ],
            ),
            cta(
                "chat",
                "Первый шаг",
                "Напишите нам анонимно. Мы выслушаем, объясним варианты и, если вы "
                "согласитесь, поможем связаться с организацией, которая оказывает помощь "
                "за счёт государства.",
                "Начать чат",
            ),
            cta(
                "hotline",
                "Или позвоните нам",
                "Звонок с любого латвийского телефона бесплатный.",
                "Позвонить нам",
                "lantern",
            ),
        ],
        "uk": [
            rich(
                "<p>Допомога постраждалим від торгівлі людьми в Латвії надається в "
                "порядку, узгодженому між державними установами, самоврядуваннями та "
                "громадськими організаціями. Він називається <b>національним механізмом "
                "перенаправлення</b>. Щоб попросити про допомогу, не потрібно знати, як "
                "він влаштований, – той, до кого ви звернетеся першим, підкаже, що далі. "
                "Але коли знаєш кроки заздалегідь, вони лякають менше.</p>"
            ),
            stages(
                "Три етапи допомоги",
                [
                    (
                        "1. Вас помічають і вислуховують",
                        "Ті, хто реагує першими: поліція, Державна прикордонна охорона, "
                        "консульські працівники посольств Латвії, соціальні служби "
                        "самоврядувань, громадські організації – і чат на цьому сайті",
                        "<p>Першим може відреагувати будь-який фахівець, навчений розпізнавати "
                        "можливі випадки торгівлі людьми. Його завдання – вислухати, "
                        "переконатися, що зараз ви в безпеці, і розповісти, яка допомога "
                        "доступна. З вашої згоди він передає ваш випадок організації, яка може "
                        "визнати вас постраждалою особою. Нічого не вирішується без вас.</p>",
                    ),
                    (
                        "2. Визнання постраждалою особою та реабілітація",
                        "Уповноважена державою громадська організація або компетентна установа",
                        "<p>Визнати вас постраждалою від торгівлі людьми особою можуть трьома "
                        "способами: рішенням особи, яка веде кримінальний процес, довідкою "
                        "правоохоронної установи Латвії чи іншої країни або висновком комісії "
                        "фахівців. Для останнього способу кримінальна справа не "
                        "потрібна.</p><p>Після цього держава оплачує послугу соціальної "
                        "реабілітації:</p><ul><li>соціальна реабілітація до <b>180 днів</b> – "
                        "перша зустріч, щоб з’ясувати найнагальніші потреби, індивідуальний "
                        "план реабілітації, психосоціальна підтримка, консультації соціального "
                        "працівника, психолога, юриста й лікаря, матеріальна допомога і, якщо "
                        "ви за кордоном, допомога з поверненням до Латвії;</li><li><b>5 "
                        "консультацій фахівців</b> після завершення курсу "
                        "реабілітації;</li><li>підтримка в кримінальному процесі до <b>150 "
                        "годин</b>;</li><li><b>5 консультацій фахівців для членів родини</b> "
                        "неповнолітньої постраждалої особи.</li></ul>",
                    ),
                    (
                        "3. Повернення до звичайного життя",
                        "Соціальні служби самоврядувань і Державне агентство зайнятості",
                        "<p>Реінтеграція – це відновлення стабільного життя. Соціальна служба "
                        "вашого самоврядування оцінює, яка допомога вам потрібна, наприклад з "
                        "оплатою комунальних послуг, медичною допомогою чи харчуванням. "
                        "Державне агентство зайнятості допомагає знайти роботу й пропонує "
                        "професійне навчання. Уповноважена організація підтримує з ними "
                        "зв’язок і пояснює ваші потреби, щоб вам не доводилося знову і знову "
                        "переказувати свою історію.</p>",
                    ),
                ],
            ),
            rights(
                "Ваші права",
                [
                    (
                        "Час подумати – 30 днів",
                        "30-денний період для роздумів дає змогу оговтатися і спокійно "
                        "вирішити, чи хочете ви співпрацювати з правоохоронними органами.",
                    ),
                    (
                        "Соціальна реабілітація – до 180 днів",
                        "Оплачувана державою допомога фахівців до 180 днів, а потім ще 5 "
                        "консультацій.",
                    ),
                    (
                        "Правова допомога",
                        "Юрист, роботу якого оплачує держава, роз’яснює ваші права і "
                        "представляє вас, наприклад у кримінальному процесі чи коли ви "
                        "вимагаєте компенсації.",
                    ),
                    (
                        "Компенсація",
                        "Ви можете вимагати компенсації за заподіяну вам шкоду. Підготувати "
                        "заяву допоможуть юрист або соціальний працівник.",
                    ),
                    (
                        "Екстрена медична допомога",
                        "Ви маєте право на екстрену медичну допомогу незалежно від громадянства.",
                    ),
                    (
                        "Освіта",
                        "Ви маєте таке саме право, як і всі, навчатися й продовжувати освіту.",
                    ),
                    (
                        "Робота",
                        "Державне агентство зайнятості допомагає шукати роботу й пропонує "
                        "професійне навчання.",
                    ),
                    (
                        "Посвідка на проживання",
                        "Якщо ви громадянин країни поза ЄС і вас визнали постраждалим від "
                        "торгівлі людьми, компетентна державна установа подає документи для "
                        "отримання посвідки на проживання. З нею ви можете працювати в "
                        "будь-якого роботодавця в Латвії.",
                    ),
                    (
                        "Захист, якщо ви даєте свідчення",
                        "Якщо ви даєте свідчення в кримінальному процесі, ваше життя, здоров’я "
                        "та інші законні інтереси можуть бути під особливим захистом.",
                    ),
                ],
            ),
            faq(
                "Поширені запитання",
                [
                    (
                        "Чи потрібно йти до поліції, щоб отримати допомогу?",
                        "<p>Ні. Спочатку можна анонімно поговорити з нами чи іншою "
                        "організацією. Визнати вас постраждалою особою може комісія фахівців, "
                        "без кримінальної справи. Повідомляти про злочин чи ні – вирішуєте "
                        "ви.</p>",
                    ),
                    (
                        "Чи допомога платна?",
                        "<p>Ні. Соціальну реабілітацію, правову допомогу й консультації, про "
                        "які йдеться вище, оплачує держава.</p>",
                    ),
                    (
                        "У мене немає латвійського громадянства. Це стосується і мене?",
                        "<p>Так. Допомога доступна незалежно від громадянства. Громадяни країн "
                        "поза ЄС, визнані постраждалими, також мають право на посвідку на "
                        "проживання.</p>",
                    ),
                    (
                        "Чи може допомогу отримати і моя родина?",
                        "<p>Якщо постраждала особа неповнолітня, члени її родини можуть "
                        "отримати 5 консультацій фахівців. Розкажіть нам, чого потребує ваша "
                        "родина.</p>",
                    ),
                ],
            ),
            cta(
                "chat",
                "Перший крок",
                "Напишіть нам анонімно. Ми вислухаємо, пояснимо варіанти і, якщо ви "
                "погодитеся, допоможемо зв’язатися з організацією, яка надає допомогу за "
                "рахунок держави.",
                "Почати чат",
            ),
            cta(
                "hotline",
                "Або зателефонуйте нам",
                "Дзвінок з будь-якого латвійського телефону безкоштовний.",
                "Зателефонувати нам",
                "lantern",
            ),
        ],
    },
}


# --- Cover your tracks ------------------------------------------------------------------------
# Matches static/js/quick-exit.js: the "Quick exit" button or Shift pressed three times replaces
# the current history entry; earlier pages of this site can still be in the history.

SAFETY = {
    "slug": {
        "lv": "drosiba",
        "en": "cover-your-tracks",
        "ru": "kak-ne-ostavit-sledov",
        "uk": "yak-ne-zalyshyty-slidiv",
    },
    "title": {
        "lv": "Kā neatstāt pēdas",
        "en": "Cover your tracks",
        "ru": "Как не оставить следов",
        "uk": "Як не залишити слідів",
    },
    "introduction": {
        "lv": "Ja kāds varētu pārbaudīt jūsu telefonu vai datoru, daži vienkārši soļi "
        "palīdzēs noslēpt, ka esat apmeklējuši šo vietni.",
        "en": "If someone may check your phone or computer, a few simple steps can help keep "
        "your visit to this site private.",
        "ru": "Если кто-то может проверить ваш телефон или компьютер, несколько простых "
        "шагов помогут скрыть, что вы заходили на этот сайт.",
        "uk": "Якщо хтось може перевірити ваш телефон чи комп’ютер, кілька простих кроків "
        "допоможуть приховати, що ви заходили на цей сайт.",
    },
    "search_description": {
        "lv": "Kā drošāk apmeklēt šo vietni: privātā pārlūkošana, ātrā iziešana, vēstures "
        "dzēšana, koplietojami telefoni un droši zvani.",
        "en": "How to visit this site more safely: private browsing, quick exit, clearing "
        "your history, shared phones and safe ways to call.",
        "ru": "Как безопаснее пользоваться этим сайтом: приватный режим, быстрый выход, "
        "очистка истории, общие телефоны и безопасные звонки.",
        "uk": "Як безпечніше користуватися цим сайтом: приватний режим, швидкий вихід, "
        "очищення історії, спільні телефони та безпечні дзвінки.",
    },
    "fields": {"show_in_menus": True},
    "body": {
        "lv": [
            rich(
                "<p>Šī vietne neizmanto sīkdatnes un jūs neizseko. Taču jūsu pārlūks un "
                "telefons atceras, ko darāt, un cilvēks, kas jūs kontrolē, var tos "
                "pārbaudīt. Neviens paņēmiens nav nevainojams – <b>ja domājat, ka jūs "
                "novēro, visdrošāk ir izmantot ierīci, kurai šim cilvēkam nav "
                "piekļuves</b>, piemēram, drauga telefonu vai datoru bibliotēkā.</p>"
            ),
            safety_tip(
                "Izmantojiet privāto pārlūkošanu",
                [
                    "Pirms apmeklējat šo vietni, atveriet privāto logu: Chrome un Edge – "
                    "Ctrl+Shift+N, Firefox – Ctrl+Shift+P, Safari Mac datorā – "
                    "Cmd+Shift+N.",
                    "Telefonā atveriet pārlūka izvēlni un izvēlieties „Jauna inkognito "
                    "cilne” vai „Privāti”.",
                    "Kad aizverat privāto logu, apmeklētās lapas vēsturē netiek saglabātas.",
                    "Privātā pārlūkošana neslēpj jūsu apmeklējumu no spiegprogrammām, no "
                    "darba devēja tīkla vai no kāda, kas skatās jūsu ekrānā.",
                ],
            ),
            safety_tip(
                "Aizejiet ātri un izdzēsiet vēsturi",
                [
                    "Nospiediet pogu „Ātrā iziešana” katras lapas augšpusē vai trīs reizes "
                    "nospiediet taustiņu Shift, lai uzreiz pārietu uz neitrālu lapu.",
                    "Ātrā iziešana aizstāj pašreizējo lapu pārlūka vēsturē, tāpēc poga "
                    "„Atpakaļ” jūs šeit neatvedīs.",
                    "Šīs vietnes lapas, kuras atvērāt agrāk, vēsturē var būt saglabājušās. "
                    "Kad esat beiguši, izdzēsiet vēsturi: vairumā pārlūku nospiediet "
                    "Ctrl+Shift+Delete (Mac datorā – Cmd+Shift+Delete).",
                    "Ja visas vēstures dzēšana izskatītos aizdomīga, izdzēsiet tikai šīs "
                    "vietnes ierakstus.",
                ],
            ),
            safety_tip(
                "Ja kāds var pārbaudīt jūsu telefonu",
                [
                    "Cilvēks, kas jūs kontrolē, var lasīt jūsu ziņas, skatīties zvanu "
                    "sarakstu vai zināt jūsu PIN kodu.",
                    "Ja iespējams, izmantojiet ierīci, kurai viņam nav piekļuves, – drauga "
                    "telefonu, datoru bibliotēkā vai skolā.",
                    "Spiegprogrammas pazīmes: akumulators izlādējas neparasti ātri, "
                    "telefons bieži ir karsts vai lēns, tajā ir lietotnes, kuras neesat "
                    "instalējuši, vai kāds zina lietas, par kurām rakstījāt tikai "
                    "telefonā.",
                    "Nesteidzieties dzēst iespējamu spiegprogrammu: tas cilvēks var to "
                    "pamanīt. Vispirms no drošas ierīces aprunājieties ar mums par drošāko "
                    "nākamo soli.",
                    "Pārbaudiet, vai jūsu atrašanās vieta netiek kopīgota ar kādu un kuras "
                    "ierīces ir pieteikušās jūsu kontos.",
                ],
            ),
            safety_tip(
                "Zvaniet droši",
                [
                    "Zvans uz 112 ir bez maksas, tur atbild visu diennakti, un piezvanīt "
                    "var pat tad, ja telefona kontā nav naudas.",
                    "Zvani uz mūsu uzticības tālruni ir bez maksas, taču numurs var "
                    "parādīties zvanu sarakstā un detalizētajā rēķinā. Ja vajag, izdzēsiet "
                    "to no zvanu saraksta.",
                    "Ja zvanīt ir pārāk riskanti, izmantojiet tērzēšanu šajā vietnē – un, "
                    "ja kāds ienāk, aizveriet to ar ātrās iziešanas pogu.",
                    "Vienojieties ar kādu, kam uzticaties, par slepenu vārdu, kas nozīmē "
                    "„izsauc man policiju”.",
                ],
            ),
            cta(
                "chat",
                "Runājiet ar mums, kad tas ir droši",
                "Pēc tērzēšanas ziņas netiek saglabātas, ja vien nepiekrītat, ka ar jums "
                "sazinās vēlreiz.",
                "Sākt tērzēšanu",
            ),
        ],
        "en": [
            rich(
                "<p>This site sets no cookies and does not track you. But your browser and "
                "your phone remember what you do, and someone who controls you may check "
                "them. No method is perfect – <b>if you think you are being watched, the "
                "safest choice is a device the other person cannot access</b>, such as a "
                "friend's phone or a computer at a library.</p>"
            ),
            safety_tip(
                "Use private browsing",
                [
                    "Open a private window before you visit this site: Ctrl+Shift+N in "
                    "Chrome and Edge, Ctrl+Shift+P in Firefox, Cmd+Shift+N in Safari on a "
                    "Mac.",
                    "On a phone, open the browser menu and choose “New incognito tab” "
                    "or “Private”.",
                    "When you close the private window, the pages you visited are not "
                    "saved in your history.",
                    "Private browsing does not hide your visit from spyware, from your "
                    "employer's network or from someone looking at your screen.",
                ],
            ),
            safety_tip(
                "Leave quickly and clear your history",
                [
                    "Press the “Quick exit” button at the top of every page, or press the "
                    "Shift key three times, to leave this site at once for a neutral page.",
                    "Quick exit replaces the current page in your browser history, so the "
                    "Back button does not bring you back here.",
                    "Pages of this site that you opened earlier may still be in your "
                    "history. Clear it when you have finished: in most browsers press "
                    "Ctrl+Shift+Delete (Cmd+Shift+Delete on a Mac).",
                    "If deleting your whole history would look suspicious, delete only the "
                    "entries from this site.",
                ],
            ),
            safety_tip(
                "If someone may check your phone",
                [
                    "Someone who controls you may read your messages, look at your call "
                    "list or know your PIN code.",
                    "If you can, use a device they cannot access – a friend's phone, or a "
                    "computer at a library or at school.",
                    "Signs of spyware: the battery runs down unusually fast, the phone is "
                    "often hot or slow, there are apps you did not install, or someone "
                    "knows things you only wrote on your phone.",
                    "Do not rush to remove suspected spyware: the person may notice. First "
                    "talk to us, from a safe device, about the safest next step.",
                    "Check whether your location is being shared with anyone, and which "
                    "devices are signed in to your accounts.",
                ],
            ),
            safety_tip(
                "Call safely",
                [
                    "112 is free, answers around the clock and can be called even when "
                    "there is no credit on your phone.",
                    "Calls to our helpline are free, but the number may still appear in "
                    "your call list and on an itemised phone bill. Delete it from the call "
                    "list if you need to.",
                    "If a call is too risky, use the chat on this site – and close it with "
                    "the quick exit button if someone comes in.",
                    "Agree on a code word with someone you trust that means “call the "
                    "police for me”.",
                ],
            ),
            cta(
                "chat",
                "Talk to us when it is safe",
                "No messages are kept after the chat unless you agree to be contacted again.",
                "Start a chat",
            ),
        ],
        "ru": [
            rich(
                "<p>Этот сайт не использует файлы cookie и не отслеживает вас. Но браузер "
                "и телефон запоминают, что вы делаете, а человек, который вас "
                "контролирует, может их проверить. Ни один способ не идеален – <b>если вы "
                "думаете, что за вами следят, надёжнее всего пользоваться устройством, к "
                "которому у этого человека нет доступа</b>, например телефоном друга или "
                "компьютером в библиотеке.</p>"
            ),
            safety_tip(
                "Используйте приватный режим",
                [
                    "Перед тем как зайти на этот сайт, откройте приватное окно: в Chrome и "
                    "Edge – Ctrl+Shift+N, в Firefox – Ctrl+Shift+P, в Safari на Mac – "
                    "Cmd+Shift+N.",
                    "На телефоне откройте меню браузера и выберите «Новая вкладка "
                    "инкогнито» или «Частный доступ».",
                    "Когда вы закроете приватное окно, посещённые страницы не "
                    "сохранятся в истории.",
                    "Приватный режим не скрывает ваш визит от шпионских программ, от сети "
                    "работодателя или от того, кто смотрит на ваш экран.",
                ],
            ),
            safety_tip(
                "Быстро уйдите и очистите историю",
                [
                    "Нажмите кнопку «Быстрый выход» вверху любой страницы или трижды "
                    "нажмите клавишу Shift, чтобы сразу перейти на нейтральную страницу.",
                    "Быстрый выход заменяет текущую страницу в истории браузера, поэтому "
                    "кнопка «Назад» не вернёт вас сюда.",
                    "Страницы этого сайта, которые вы открывали раньше, могут остаться в "
                    "истории. Когда закончите, очистите её: в большинстве браузеров "
                    "нажмите Ctrl+Shift+Delete (на Mac – Cmd+Shift+Delete).",
                    "Если удаление всей истории может вызвать подозрения, удалите только "
                    "записи этого сайта.",
                ],
            ),
            safety_tip(
                "Если кто-то может проверить ваш телефон",
                [
                    "Человек, который вас контролирует, может читать ваши сообщения, "
                    "смотреть список звонков или знать ваш PIN-код.",
                    "Если можете, пользуйтесь устройством, к которому у него нет доступа, "
                    "– телефоном друга, компьютером в библиотеке или в школе.",
                    "Признаки шпионской программы: батарея разряжается необычно быстро, "
                    "телефон часто нагревается или тормозит, на нём есть приложения, "
                    "которые вы не устанавливали, или кто-то знает то, о чём вы писали "
                    "только в телефоне.",
                    "Не спешите удалять подозрительную программу: этот человек может это "
                    "заметить. Сначала с безопасного устройства обсудите с нами, какой "
                    "следующий шаг будет самым безопасным.",
                    "Проверьте, не передаётся ли кому-то ваше местоположение и какие "
                    "устройства вошли в ваши аккаунты.",
                ],
            ),
            safety_tip(
                "Звоните безопасно",
                [
                    "Звонок на 112 бесплатный, там отвечают круглосуточно, и позвонить "
                    "можно, даже если на счету телефона нет денег.",
                    "Звонки на нашу линию доверия бесплатные, но номер может остаться в "
                    "списке звонков и в детализации счёта. При необходимости удалите его "
                    "из списка звонков.",
                    "Если звонить слишком рискованно, воспользуйтесь чатом на этом сайте – "
                    "а если кто-то войдёт, закройте его кнопкой быстрого выхода.",
                    "Договоритесь с человеком, которому доверяете, о кодовом слове, "
                    "которое означает «вызови мне полицию».",
                ],
            ),
            cta(
                "chat",
                "Поговорите с нами, когда это безопасно",
                "После чата сообщения не сохраняются, если вы не согласились, чтобы с вами "
                "связались снова.",
                "Начать чат",
            ),
        ],
        "uk": [
            rich(
                "<p>Цей сайт не використовує файли cookie і не відстежує вас. Але браузер "
                "і телефон запам’ятовують, що ви робите, а людина, яка вас контролює, може "
                "їх перевірити. Жоден спосіб не ідеальний – <b>якщо ви думаєте, що за вами "
                "стежать, найнадійніше користуватися пристроєм, до якого ця людина не має "
                "доступу</b>, наприклад телефоном друга чи комп’ютером у бібліотеці.</p>"
            ),
            safety_tip(
                "Користуйтеся приватним режимом",
                [
                    "Перш ніж зайти на цей сайт, відкрийте приватне вікно: у Chrome та "
                    "Edge – Ctrl+Shift+N, у Firefox – Ctrl+Shift+P, у Safari на Mac – "
                    "Cmd+Shift+N.",
                    "На телефоні відкрийте меню браузера й виберіть «Нова анонімна "
                    "вкладка» або «Приватний режим».",
                    "Коли ви закриєте приватне вікно, відвідані сторінки не збережуться в історії.",
                    "Приватний режим не приховує ваш візит від шпигунських програм, від "
                    "мережі роботодавця чи від того, хто дивиться на ваш екран.",
                ],
            ),
            safety_tip(
                "Швидко вийдіть і очистіть історію",
                [
                    "Натисніть кнопку «Швидкий вихід» угорі будь-якої сторінки або тричі "
                    "натисніть клавішу Shift, щоб одразу перейти на нейтральну сторінку.",
                    "Швидкий вихід замінює поточну сторінку в історії браузера, тому "
                    "кнопка «Назад» не поверне вас сюди.",
                    "Сторінки цього сайту, які ви відкривали раніше, можуть залишитися в "
                    "історії. Коли закінчите, очистіть її: у більшості браузерів натисніть "
                    "Ctrl+Shift+Delete (на Mac – Cmd+Shift+Delete).",
                    "Якщо видалення всієї історії може викликати підозру, видаліть лише "
                    "записи цього сайту.",
                ],
            ),
            safety_tip(
                "Якщо хтось може перевірити ваш телефон",
                [
                    "Людина, яка вас контролює, може читати ваші повідомлення, переглядати "
                    "список дзвінків або знати ваш PIN-код.",
                    "Якщо можете, користуйтеся пристроєм, до якого вона не має доступу, – "
                    "телефоном друга, комп’ютером у бібліотеці чи в школі.",
                    "Ознаки шпигунської програми: батарея розряджається незвично швидко, "
                    "телефон часто нагрівається або гальмує, на ньому є застосунки, яких "
                    "ви не встановлювали, або хтось знає те, про що ви писали лише в "
                    "телефоні.",
                    "Не поспішайте видаляти підозрілу програму: ця людина може це "
                    "помітити. Спершу з безпечного пристрою обговоріть з нами, який "
                    "наступний крок буде найбезпечнішим.",
                    "Перевірте, чи не передається комусь ваше місцезнаходження і які "
                    "пристрої увійшли у ваші акаунти.",
                ],
            ),
            safety_tip(
                "Телефонуйте безпечно",
                [
                    "Дзвінок на 112 безкоштовний, там відповідають цілодобово, і "
                    "зателефонувати можна, навіть якщо на рахунку телефону немає грошей.",
                    "Дзвінки на нашу лінію довіри безкоштовні, але номер може залишитися в "
                    "списку дзвінків і в деталізації рахунку. За потреби видаліть його зі "
                    "списку дзвінків.",
                    "Якщо телефонувати надто ризиковано, скористайтеся чатом на цьому "
                    "сайті – а якщо хтось увійде, закрийте його кнопкою швидкого виходу.",
                    "Домовтеся з людиною, якій довіряєте, про кодове слово, яке означає "
                    "«виклич мені поліцію».",
                ],
            ),
            cta(
                "chat",
                "Поговоріть з нами, коли це безпечно",
                "Після чату повідомлення не зберігаються, якщо ви не погодилися, щоб з "
                "вами зв’язалися знову.",
                "Почати чат",
            ),
        ],
    },
}


# --- News -------------------------------------------------------------------------------------
# Based on the Ministry of the Interior's documents in the seed material; dates are the ones
# those documents give.

NEWS_INDEX = {
    "slug": {"lv": "jaunumi", "en": "news", "ru": "novosti", "uk": "novyny"},
    "title": {"lv": "Jaunumi", "en": "News", "ru": "Новости", "uk": "Новини"},
    "introduction": {
        "lv": "Jaunumi par cīņu pret cilvēku tirdzniecību Latvijā: jauni plāni, skaitļi un rīki.",
        "en": "News about the fight against human trafficking in Latvia: new plans, figures "
        "and tools.",
        "ru": "Новости о борьбе с торговлей людьми в Латвии: новые планы, цифры и инструменты.",
        "uk": "Новини про боротьбу з торгівлею людьми в Латвії: нові плани, цифри та інструменти.",
    },
    "search_description": {
        "lv": "Jaunumi par cilvēku tirdzniecības novēršanu Latvijā: plāni, statistika, "
        "projekti un rīki.",
        "en": "News about preventing human trafficking in Latvia: plans, statistics, "
        "projects and tools.",
        "ru": "Новости о предотвращении торговли людьми в Латвии: планы, статистика, проекты "
        "и инструменты.",
        "uk": "Новини про запобігання торгівлі людьми в Латвії: плани, статистика, проєкти "
        "та інструменти.",
    },
    "fields": {"show_in_menus": True},
}

# Approved by the Cabinet on Tuesday 28 September 2021 (press release of 30.09.2021).
ARTICLE_PLAN_2021 = {
    "slug": {
        "lv": "plans-2021-2023",
        "en": "prevention-plan-2021-2023",
        "ru": "plan-2021-2023",
        "uk": "plan-2021-2023",
    },
    "title": {
        "lv": "Valdība apstiprina cilvēku tirdzniecības novēršanas plānu 2021.–2023. gadam",
        "en": "Government approves the 2021–2023 plan against human trafficking",
        "ru": "Правительство утвердило план по предотвращению торговли людьми на 2021–2023 годы",
        "uk": "Уряд затвердив план запобігання торгівлі людьми на 2021–2023 роки",
    },
    "introduction": {
        "lv": "Ministru kabinets apstiprinājis plānu ar 31 pasākumu četros rīcības "
        "virzienos: novēršana, aizsardzība, vainīgo saukšana pie atbildības un "
        "sadarbība. Par tā īstenošanu atbild Iekšlietu ministrija.",
        "en": "The Cabinet of Ministers has approved a plan with 31 measures in four "
        "directions: prevention, protection, prosecution and cooperation. The Ministry "
        "of the Interior is responsible for carrying it out.",
        "ru": "Кабинет министров утвердил план из 31 меры по четырём направлениям: "
        "профилактика, защита, уголовное преследование и сотрудничество. За его "
        "выполнение отвечает Министерство внутренних дел.",
        "uk": "Кабінет міністрів затвердив план із 31 заходу за чотирма напрямами: "
        "запобігання, захист, притягнення винних до відповідальності та співпраця. За "
        "його виконання відповідає Міністерство внутрішніх справ.",
    },
    "search_description": {
        "lv": "Ministru kabinets apstiprināja Cilvēku tirdzniecības novēršanas plānu "
        "2021.–2023. gadam ar 31 pasākumu četros virzienos.",
        "en": "The Cabinet of Ministers approved Latvia's Human Trafficking Prevention Plan "
        "2021–2023, with 31 measures in four directions.",
        "ru": "Кабинет министров утвердил План по предотвращению торговли людьми на "
        "2021–2023 годы: 31 мера по четырём направлениям.",
        "uk": "Кабінет міністрів затвердив План запобігання торгівлі людьми на 2021–2023 "
        "роки: 31 захід за чотирма напрямами.",
    },
    "fields": {"date": datetime.date(2021, 9, 28)},
    "body": {
        "lv": [
            rich(
                "<p>Otrdien, 2021. gada 28. septembrī, Ministru kabinets apstiprināja "
                "Cilvēku tirdzniecības novēršanas plānu 2021.–2023. gadam un par tā "
                "īstenošanu atbildīgu noteica Iekšlietu ministriju.</p><p>Plānā ir 31 "
                "pasākums četros rīcības virzienos:</p><ul><li><b>Novēršana</b> – "
                "informēšana un izpratnes veidošana dažādām sabiedrības grupām un "
                "speciālistiem, kuri strādā ar cilvēku tirdzniecības "
                "gadījumiem.</li><li><b>Aizsardzība</b> – pieejami un piemēroti "
                "pakalpojumi cietušajiem.</li><li><b>Vainīgo saukšana pie atbildības</b> – "
                "palīdzība gadījumu atklāšanā, izmeklēšanā un "
                "kriminālvajāšanā.</li><li><b>Sadarbība</b> – labāka informācijas apmaiņa "
                "starp iesaistītajām organizācijām un kopīga valsts līmeņa jautājumu "
                "risināšana.</li></ul><h2>Kas mainīsies</h2><p>Vairāki pasākumi atbilst "
                "starptautiskajām rekomendācijām un Latvijas Republikas tiesībsarga "
                "ieteikumiem. Tiks pastiprināts darbs ar riska grupām, un izmeklētāji, "
                "prokurori un darba inspektori saņems vairāk apmācību. Nacionālais "
                "koordinācijas mehānisms tiks nostiprināts normatīvajos aktos, un tiks "
                "lemts par neatkarīga nacionālā ziņotāja izveidi cilvēku tirdzniecības "
                "jomā.</p><p>Iekšlietu ministrija uzsver, ka cilvēku tirdzniecība balstās "
                "uz neaizsargātu cilvēku maldināšanu un izmantošanu un bieži ir neredzama "
                "– tāpēc to ir tik grūti atklāt un izmeklēt.</p><p>Plāns raugās arī "
                "nākotnē: cilvēku tirdzniecības riskus var nākties ņemt vērā arī jomās, "
                "kur tas līdz šim nav darīts, piemēram, publiskā iepirkuma prasībās – gan "
                "līgumu izpildē, gan piegādes ķēdēs.</p>"
            ),
            cta(
                "chat",
                "Uztrauc darba piedāvājums vai attiecības?",
                "Runājiet ar mums anonīmi.",
                "Sākt tērzēšanu",
            ),
        ],
        "en": [
            rich(
                "<p>On Tuesday, 28 September 2021, the Cabinet of Ministers approved the "
                "Human Trafficking Prevention Plan for 2021–2023 and made the Ministry of "
                "the Interior responsible for implementing it.</p><p>The plan contains 31 "
                "measures in four directions:</p><ul><li><b>Prevention</b> – information "
                "and awareness-raising for different groups in society and for specialists "
                "who work on trafficking cases.</li><li><b>Protection</b> – accessible and "
                "appropriate services for victims.</li><li><b>Prosecution</b> – helping to "
                "detect and investigate cases and to bring the perpetrators to "
                "justice.</li><li><b>Cooperation</b> – better exchange of information "
                "between the organisations involved, and solving national issues "
                "together.</li></ul><h2>What will change</h2><p>Several measures respond "
                "to international recommendations and to those of the Ombudsman of the "
                "Republic of Latvia. Work with risk groups will be stepped up, and "
                "investigators, prosecutors and labour inspectors will receive more "
                "training. The national coordination mechanism will be strengthened in "
                "law, and a decision will be taken on establishing an independent national "
                "rapporteur on trafficking.</p><p>The Ministry of the Interior stresses "
                "that trafficking is based on deceiving and exploiting vulnerable people "
                "and is often invisible – which is why it is so hard to detect and "
                "investigate.</p><p>The plan also looks ahead: trafficking risks may have "
                "to be considered in areas where they have not been before, for example in "
                "public procurement requirements – both in how contracts are carried out "
                "and in supply chains.</p>"
            ),
            cta(
                "chat",
                "Worried about a job offer or a relationship?",
                "Talk to us anonymously.",
                "Start a chat",
            ),
        ],
        "ru": [
            rich(
                "<p>Во вторник, 28 сентября 2021 года, Кабинет министров утвердил План по "
                "предотвращению торговли людьми на 2021–2023 годы и назначил ответственным "
                "за его выполнение Министерство внутренних дел.</p><p>План включает 31 "
                "меру по четырём направлениям:</p><ul><li><b>Профилактика</b> – "
                "информирование и повышение осведомлённости разных групп общества и "
                "специалистов, работающих со случаями торговли "
                "людьми.</li><li><b>Защита</b> – доступные и подходящие услуги для "
                "пострадавших.</li><li><b>Уголовное преследование</b> – помощь в выявлении "
                "и расследовании случаев и в привлечении виновных к "
                "ответственности.</li><li><b>Сотрудничество</b> – лучший обмен информацией "
                "между участвующими организациями и совместное решение вопросов на "
                "национальном уровне.</li></ul><h2>Что изменится</h2><p>Ряд мер отвечает "
                "международным рекомендациям и рекомендациям омбудсмена Латвийской "
                "Республики. Работа с группами риска станет интенсивнее, а следователи, "
                "прокуроры и инспекторы труда будут чаще проходить обучение. Национальный "
                "механизм координации будет закреплён в нормативных актах, и будет принято "
                "решение о создании независимого национального докладчика по вопросам "
                "торговли людьми.</p><p>Министерство внутренних дел подчёркивает, что "
                "торговля людьми основана на обмане и эксплуатации уязвимых людей и часто "
                "остаётся невидимой – поэтому её так трудно выявлять и "
                "расследовать.</p><p>План смотрит и в будущее: риски торговли людьми, "
                "возможно, придётся учитывать и там, где этим раньше не занимались, "
                "например в требованиях к государственным закупкам – как при выполнении "
                "договоров, так и в цепочках поставок.</p>"
            ),
            cta(
                "chat",
                "Вас беспокоит предложение работы или отношения?",
                "Поговорите с нами анонимно.",
                "Начать чат",
            ),
        ],
        "uk": [
            rich(
                "<p>У вівторок, 28 вересня 2021 року, Кабінет міністрів затвердив План "
                "запобігання торгівлі людьми на 2021–2023 роки та визначив відповідальним "
                "за його виконання Міністерство внутрішніх справ.</p><p>План містить 31 "
                "захід за чотирма напрямами:</p><ul><li><b>Запобігання</b> – інформування "
                "та підвищення обізнаності різних груп суспільства і фахівців, які "
                "працюють з випадками торгівлі людьми.</li><li><b>Захист</b> – доступні й "
                "відповідні послуги для постраждалих.</li><li><b>Кримінальне "
                "переслідування</b> – допомога у виявленні та розслідуванні випадків і "
                "притягненні винних до відповідальності.</li><li><b>Співпраця</b> – кращий "
                "обмін інформацією між залученими організаціями та спільне розв’язання "
                "питань на національному рівні.</li></ul><h2>Що зміниться</h2><p>Низка "
                "заходів відповідає міжнародним рекомендаціям і рекомендаціям омбудсмана "
                "Латвійської Республіки. Робота з групами ризику стане інтенсивнішою, а "
                "слідчі, прокурори та інспектори праці частіше проходитимуть навчання. "
                "Національний механізм координації буде закріплено в нормативних актах, і "
                "буде ухвалено рішення щодо створення незалежного національного доповідача "
                "з питань торгівлі людьми.</p><p>Міністерство внутрішніх справ наголошує, "
                "що торгівля людьми ґрунтується на обмані та експлуатації вразливих людей "
                "і часто залишається невидимою – тому її так важко виявляти й "
                "розслідувати.</p><p>План зазирає і в майбутнє: ризики торгівлі людьми, "
                "можливо, доведеться враховувати і там, де цим раніше не займалися, "
                "наприклад у вимогах до державних закупівель – як під час виконання "
                "договорів, так і в ланцюгах постачання.</p>"
            ),
            cta(
                "chat",
                "Вас непокоїть пропозиція роботи чи стосунки?",
                "Поговоріть з нами анонімно.",
                "Почати чат",
            ),
        ],
    },
}

# The figures were published with the plan on 30 September 2021.
ARTICLE_FIGURES_2020 = {
    "slug": {
        "lv": "2020-gada-identificeti-48-cietusie",
        "en": "48-victims-identified-in-2020",
        "ru": "48-postradavshikh-v-2020-godu",
        "uk": "48-postrazhdalykh-u-2020-rotsi",
    },
    "title": {
        "lv": "2020. gadā identificēti 48 cilvēku tirdzniecības upuri",
        "en": "48 victims of trafficking identified in 2020",
        "ru": "В 2020 году выявлено 48 жертв торговли людьми",
        "uk": "У 2020 році виявлено 48 постраждалих від торгівлі людьми",
    },
    "introduction": {
        "lv": "Identificēto cietušo skaits Latvijā turpina augt: 2018. gadā – 26, 2019. gadā "
        "– 39, 2020. gadā – 48. Visbiežākās formas ir seksuālā ekspluatācija, "
        "piespiedu laulības un darbaspēka ekspluatācija.",
        "en": "The number of identified victims in Latvia keeps growing: 26 in 2018, 39 in "
        "2019 and 48 in 2020. Sexual exploitation, forced marriage and labour "
        "exploitation are the most common forms.",
        "ru": "Число выявленных жертв в Латвии продолжает расти: 26 в 2018 году, 39 в 2019-м "
        "и 48 в 2020-м. Самые распространённые формы – сексуальная эксплуатация, "
        "принудительные браки и трудовая эксплуатация.",
        "uk": "Кількість виявлених постраждалих у Латвії далі зростає: 26 у 2018 році, 39 у "
        "2019-му і 48 у 2020-му. Найпоширеніші форми – сексуальна експлуатація, "
        "примусові шлюби та трудова експлуатація.",
    },
    "search_description": {
        "lv": "Identificētie cilvēku tirdzniecības upuri Latvijā: 26 (2018), 39 (2019), 48 "
        "(2020) un visbiežākās ekspluatācijas formas.",
        "en": "Identified victims of trafficking in Latvia: 26 in 2018, 39 in 2019, 48 in "
        "2020, and the most common forms of exploitation.",
        "ru": "Выявленные жертвы торговли людьми в Латвии: 26 в 2018, 39 в 2019, 48 в 2020 "
        "году и самые частые формы эксплуатации.",
        "uk": "Виявлені постраждалі від торгівлі людьми в Латвії: 26 у 2018, 39 у 2019, 48 у "
        "2020 році та найпоширеніші форми експлуатації.",
    },
    "fields": {"date": datetime.date(2021, 9, 30)},
    "body": {
        "lv": [
            rich(
                "<p>Saskaņā ar Iekšlietu ministrijas datiem 2020. gadā Latvijā "
                "identificēti 48 cilvēku tirdzniecības upuri, 2019. gadā – 39, bet 2018. "
                "gadā – 26. Dati publicēti kopā ar jauno Cilvēku tirdzniecības novēršanas "
                "plānu 2021.–2023. gadam.</p><h2>Ko nozīmē šie skaitļi</h2><p>Vairāk "
                "identificētu cietušo nenozīmē tikai vairāk noziegumu. Tas nozīmē arī to, "
                "ka speciālisti labāk atpazīst cilvēku tirdzniecību un ka arvien vairāk "
                "cilvēku saprot, ka viņus ekspluatē, un lūdz palīdzību. Aiz katra skaitļa "
                "ir cilvēks, kurš atrada drosmi ar kādu parunāt.</p><p>Visbiežākās cilvēku "
                "tirdzniecības formas Latvijā ir <b>seksuālā ekspluatācija</b>, "
                "<b>piespiedu laulības</b> un <b>darbaspēka ekspluatācija</b>, un pēdējos "
                "gados visas trīs strauji pieaugušas. Jaunākais iespējamais gadījums bija "
                "saistīts ar lauksaimniecības un mežsaimniecības strādnieku "
                "ekspluatāciju.</p><h2>Cilvēku tirdzniecība bieži ir "
                "neredzama</h2><p>Cietušos biežāk kontrolē ar maldināšanu, parādiem un "
                "draudiem nekā ar aizslēgtām durvīm. Daudzi sākumā sevi par cietušajiem "
                "neuzskata. Ja kaut kas jūsu darbā vai attiecībās šķiet nepareizi, "
                "pārbaudiet brīdinājuma zīmes mūsu kampaņās vai aprunājieties ar mums.</p>"
            ),
            quote(
                "Bieži pirmais, ko cilvēki mums saka, ir: „Nezinu, vai tas skaitās.” Tas "
                "skaitās. Jums nav jābūt pārliecinātiem, lai piezvanītu.",
                "Lantern konsultante",
            ),
            cta(
                "hotline",
                "Nezināt, vai jūsu situācija „skaitās”?",
                "Piezvaniet mums. Jums nav jābūt pārliecinātiem.",
                "Zvanīt mums",
                "lantern",
            ),
        ],
        "en": [
            rich(
                "<p>According to the Ministry of the Interior, 48 victims of human "
                "trafficking were identified in Latvia in 2020, compared with 39 in 2019 "
                "and 26 in 2018. The figures were published together with the new Human "
                "Trafficking Prevention Plan for 2021–2023.</p><h2>What the numbers "
                "mean</h2><p>More identified victims does not simply mean more crime. It "
                "also means that specialists are better at recognising trafficking, and "
                "that more and more people realise they are being exploited and ask for "
                "help. Behind every number is a person who found the courage to talk to "
                "someone.</p><p>The most common forms of trafficking in Latvia are "
                "<b>sexual exploitation</b>, <b>forced marriage</b> and <b>labour "
                "exploitation</b>, and all three have grown quickly in recent years. The "
                "most recent possible case was linked to the exploitation of agricultural "
                "and forestry workers.</p><h2>Trafficking is often "
                "invisible</h2><p>Victims are controlled through deception, debt and "
                "threats more often than behind locked doors. Many do not see themselves "
                "as victims at first. If something about your work or relationship feels "
                "wrong, check the warning signs in our campaigns or talk to us.</p>"
            ),
            quote(
                "Often the first thing people tell us is: “I don't know if this counts.” "
                "It does. You do not have to be sure before you call.",
                "A Lantern adviser",
            ),
            cta(
                "hotline",
                "Not sure whether your situation “counts”?",
                "Call us. You do not have to be sure.",
                "Call us",
                "lantern",
            ),
        ],
        "ru": [
            rich(
                "<p>По данным Министерства внутренних дел, в 2020 году в Латвии выявлено "
                "48 жертв торговли людьми, в 2019 году – 39, а в 2018 году – 26. Данные "
                "опубликованы вместе с новым Планом по предотвращению торговли людьми на "
                "2021–2023 годы.</p><h2>Что означают эти цифры</h2><p>Больше выявленных "
                "жертв – это не только больше преступлений. Это ещё и значит, что "
                "специалисты лучше распознают торговлю людьми, а всё больше людей "
                "понимают, что их эксплуатируют, и просят о помощи. За каждой цифрой стоит "
                "человек, который нашёл в себе смелость с кем-то поговорить.</p><p>Самые "
                "распространённые формы торговли людьми в Латвии – <b>сексуальная "
                "эксплуатация</b>, <b>принудительные браки</b> и <b>трудовая "
                "эксплуатация</b>, и в последние годы все три быстро растут. Последний "
                "возможный случай был связан с эксплуатацией работников сельского и "
                "лесного хозяйства.</p><h2>Торговля людьми часто "
                "невидима</h2><p>Пострадавших чаще контролируют обманом, долгами и "
                "угрозами, чем запертыми дверями. Многие поначалу не считают себя "
                "жертвами. Если что-то в вашей работе или отношениях кажется неправильным, "
                "проверьте тревожные признаки в наших кампаниях или поговорите с нами.</p>"
            ),
            quote(
                "Часто первое, что люди нам говорят: «Не знаю, считается ли это». "
                "Считается. Вам не обязательно знать наверняка, чтобы позвонить.",
                "Консультант Lantern",
            ),
            cta(
                "hotline",
                "Не знаете, «считается» ли ваша ситуация?",
                "Позвоните нам. Знать наверняка не обязательно.",
                "Позвонить нам",
                "lantern",
            ),
        ],
        "uk": [
            rich(
                "<p>За даними Міністерства внутрішніх справ, у 2020 році в Латвії виявлено "
                "48 постраждалих від торгівлі людьми, у 2019 році – 39, а у 2018 році – "
                "26. Дані оприлюднено разом із новим Планом запобігання торгівлі людьми на "
                "2021–2023 роки.</p><h2>Що означають ці цифри</h2><p>Більше виявлених "
                "постраждалих – це не лише більше злочинів. Це також означає, що фахівці "
                "краще розпізнають торгівлю людьми, а дедалі більше людей розуміють, що їх "
                "експлуатують, і просять про допомогу. За кожною цифрою стоїть людина, яка "
                "знайшла в собі сміливість із кимось поговорити.</p><p>Найпоширеніші форми "
                "торгівлі людьми в Латвії – <b>сексуальна експлуатація</b>, <b>примусові "
                "шлюби</b> та <b>трудова експлуатація</b>, і останніми роками всі три "
                "швидко зростають. Останній можливий випадок був пов’язаний з "
                "експлуатацією працівників сільського та лісового "
                "господарства.</p><h2>Торгівля людьми часто невидима</h2><p>Постраждалих "
                "частіше контролюють обманом, боргами й погрозами, ніж замкненими дверима. "
                "Багато хто спочатку не вважає себе постраждалим. Якщо щось у вашій роботі "
                "чи стосунках здається неправильним, перевірте тривожні ознаки в наших "
                "кампаніях або поговоріть з нами.</p>"
            ),
            quote(
                "Часто перше, що люди нам кажуть: «Не знаю, чи це вже вважається». "
                "Вважається. Вам не обов’язково знати напевно, щоб зателефонувати.",
                "Консультантка Lantern",
            ),
            cta(
                "hotline",
                "Не знаєте, чи ваша ситуація «вважається»?",
                "Зателефонуйте нам. Знати напевно не обов’язково.",
                "Зателефонувати нам",
                "lantern",
            ),
        ],
    },
}

# Press information of 4 September 2020.
ARTICLE_BUSINESS_TOOLKIT = {
    "slug": {
        "lv": "riku-komplekts-uznemumiem",
        "en": "toolkit-for-businesses",
        "ru": "instrumenty-dlya-biznesa",
        "uk": "instrumenty-dlia-biznesu",
    },
    "title": {
        "lv": "Jauns rīku komplekts palīdz uzņēmumiem novērst darbaspēka ekspluatāciju "
        "piegādes ķēdēs",
        "en": "New toolkit helps businesses prevent labour exploitation in supply chains",
        "ru": "Новый набор инструментов поможет компаниям предотвращать трудовую "
        "эксплуатацию в цепочках поставок",
        "uk": "Новий набір інструментів допоможе компаніям запобігати трудовій експлуатації "
        "в ланцюгах постачання",
    },
    "introduction": {
        "lv": "Rīku komplekts un vadlīnijas palīdz uzņēmumiem pārbaudīt, vai to "
        "apakšuzņēmēju un piegādātāju ķēdēs nenotiek darbaspēka ekspluatācija un "
        "cilvēku tirdzniecība.",
        "en": "A toolkit and a guide help companies check their subcontractors and suppliers "
        "for labour exploitation and trafficking.",
        "ru": "Набор инструментов и руководство помогают компаниям проверять, нет ли "
        "трудовой эксплуатации и торговли людьми в цепочках их субподрядчиков и "
        "поставщиков.",
        "uk": "Набір інструментів і посібник допомагають компаніям перевіряти, чи немає "
        "трудової експлуатації та торгівлі людьми в ланцюгах їхніх субпідрядників і "
        "постачальників.",
    },
    "search_description": {
        "lv": "Rīku komplekts un vadlīnijas uzņēmumiem darbaspēka ekspluatācijas un cilvēku "
        "tirdzniecības novēršanai vietējās piegādes un apakšuzņēmēju ķēdēs.",
        "en": "A toolkit and guide for businesses on preventing labour exploitation and "
        "trafficking in local supply and subcontracting chains.",
        "ru": "Инструменты и руководство для компаний по предотвращению трудовой "
        "эксплуатации и торговли людьми в местных цепочках поставок и субподряда.",
        "uk": "Інструменти й посібник для компаній щодо запобігання трудовій експлуатації та "
        "торгівлі людьми в місцевих ланцюгах постачання й субпідряду.",
    },
    "fields": {"date": datetime.date(2020, 9, 4)},
    "body": {
        "lv": [
            rich(
                "<p>Pēdējos gados darbaspēka ekspluatācijas gadījumi piegādes un "
                "apakšuzņēmēju ķēdēs ir atklāti visā pasaulē, arī Eiropā. Kad darbus vai "
                "pakalpojumus nodod ārpakalpojumā, uzņēmums ķēdes augšgalā bieži neredz, "
                "kā cilvēkus, kuri šo darbu veic, pieņem darbā, kā viņiem maksā un kur "
                "viņi dzīvo.</p><p>Jaunais rīku komplekts un vadlīnijas, par kuriem "
                "Iekšlietu ministrija paziņoja 2020. gada 4. septembrī, palīdz uzņēmumiem "
                "novērst darbaspēka ekspluatāciju un cilvēku tirdzniecību <b>vietējās</b> "
                "piegādes un apakšuzņēmēju ķēdēs – tur, kur tie paši darbojas.</p><h2>Ko "
                "var darīt atbildīgs uzņēmums</h2><ul><li>Jautāt apakšuzņēmējiem un darbā "
                "iekārtošanas aģentūrām, kā strādnieki tiek pieņemti darbā un vai viņi par "
                "to maksā.</li><li>Pārliecināties, ka strādniekiem ir rakstiski līgumi "
                "saprotamā valodā un ka viņu dokumenti ir pie viņiem "
                "pašiem.</li><li>Pārbaudīt, vai algu izmaksā pilnā apmērā un vai "
                "ieturējumi par dzīvesvietu vai transportu ir godīgi.</li><li>Dot "
                "strādniekiem drošu iespēju paust bažas, piemēram, izvietojot darba vietā "
                "neatkarīgu uzticības tālruņu numurus.</li><li>Rīkoties, ja kaut kas šķiet "
                "aizdomīgs, nevis vienkārši nomainīt piegādātāju.</li></ul><p>Uzņēmumi, "
                "kas vēlas izvietot informāciju strādniekiem, var izmantot šīs vietnes "
                "materiālus četrās valodās.</p>"
            ),
            cta(
                "hotline",
                "Strādājat pie apakšuzņēmēja, un kaut kas nav kārtībā?",
                "Darba tiesību konsultāciju tālrunī anonīmi izskaidros jūsu tiesības.",
                "",
                "labour",
            ),
        ],
        "en": [
            rich(
                "<p>In recent years, cases of labour exploitation in supply and "
                "subcontracting chains have been uncovered all over the world, including "
                "in Europe. When work or services are outsourced, the company at the top "
                "of the chain often does not see how the people doing the work are "
                "recruited, paid and housed.</p><p>The new toolkit and guide, announced by "
                "the Ministry of the Interior on 4 September 2020, help businesses prevent "
                "labour exploitation and trafficking in their <b>local</b> supply and "
                "subcontracting chains – where they operate themselves.</p><h2>What a "
                "responsible company can do</h2><ul><li>Ask subcontractors and recruitment "
                "agencies how workers are hired and whether they pay for it.</li><li>Make "
                "sure workers have written contracts in a language they understand and "
                "keep their own documents.</li><li>Check that wages are paid in full and "
                "that deductions for housing or transport are fair.</li><li>Give workers a "
                "safe way to raise concerns – for example by displaying independent "
                "helpline numbers at the workplace.</li><li>Act when something looks "
                "wrong, instead of simply changing supplier.</li></ul><p>Companies that "
                "want to display information for workers can use the materials on this "
                "site, in four languages.</p>"
            ),
            cta(
                "hotline",
                "Working for a subcontractor and something is wrong?",
                "The labour rights advice line explains your rights, anonymously.",
                "",
                "labour",
            ),
        ],
        "ru": [
            rich(
                "<p>В последние годы случаи трудовой эксплуатации в цепочках поставок и "
                "субподряда выявлены по всему миру, в том числе в Европе. Когда работы или "
                "услуги передают на аутсорсинг, компания во главе цепочки часто не видит, "
                "как нанимают людей, которые выполняют работу, как им платят и где они "
                "живут.</p><p>Новый набор инструментов и руководство, о которых "
                "Министерство внутренних дел сообщило 4 сентября 2020 года, помогают "
                "компаниям предотвращать трудовую эксплуатацию и торговлю людьми в "
                "<b>местных</b> цепочках поставок и субподряда – там, где компании "
                "работают сами.</p><h2>Что может сделать ответственная "
                "компания</h2><ul><li>Спрашивать субподрядчиков и кадровые агентства, как "
                "нанимают работников и платят ли они за трудоустройство.</li><li>Следить, "
                "чтобы у работников были письменные договоры на понятном им языке, а "
                "документы оставались у них самих.</li><li>Проверять, что зарплата "
                "выплачивается полностью, а вычеты за жильё или транспорт "
                "справедливы.</li><li>Дать работникам безопасную возможность сообщить о "
                "проблемах – например, разместить на рабочем месте номера независимых "
                "линий доверия.</li><li>Действовать, если что-то вызывает подозрения, а не "
                "просто менять поставщика.</li></ul><p>Компании, которые хотят разместить "
                "информацию для работников, могут использовать материалы этого сайта на "
                "четырёх языках.</p>"
            ),
            cta(
                "hotline",
                "Работаете у субподрядчика, и что-то не так?",
                "На линии консультаций по трудовым правам анонимно разъяснят ваши права.",
                "",
                "labour",
            ),
        ],
        "uk": [
            rich(
                "<p>Останніми роками випадки трудової експлуатації в ланцюгах постачання "
                "та субпідряду виявлено по всьому світу, зокрема в Європі. Коли роботи чи "
                "послуги передають на аутсорсинг, компанія на чолі ланцюга часто не "
                "бачить, як наймають людей, що виконують роботу, як їм платять і де вони "
                "живуть.</p><p>Новий набір інструментів і посібник, про які Міністерство "
                "внутрішніх справ повідомило 4 вересня 2020 року, допомагають компаніям "
                "запобігати трудовій експлуатації та торгівлі людьми в <b>місцевих</b> "
                "ланцюгах постачання та субпідряду – там, де компанії працюють "
                "самі.</p><h2>Що може зробити відповідальна "
                "компанія</h2><ul><li>Запитувати субпідрядників і кадрові агентства, як "
                "наймають працівників і чи платять вони за "
                "працевлаштування.</li><li>Стежити, щоб працівники мали письмові договори "
                "зрозумілою їм мовою, а документи залишалися в них "
                "самих.</li><li>Перевіряти, що зарплату виплачують повністю, а "
                "відрахування за житло чи транспорт справедливі.</li><li>Дати працівникам "
                "безпечну можливість повідомити про проблеми – наприклад, розмістити на "
                "робочому місці номери незалежних ліній довіри.</li><li>Діяти, якщо щось "
                "викликає підозру, а не просто змінювати "
                "постачальника.</li></ul><p>Компанії, які хочуть розмістити інформацію для "
                "працівників, можуть використовувати матеріали цього сайту чотирма "
                "мовами.</p>"
            ),
            cta(
                "hotline",
                "Працюєте в субпідрядника, і щось не так?",
                "На лінії консультацій з трудових прав анонімно роз’яснять ваші права.",
                "",
                "labour",
            ),
        ],
    },
}

# Deliberately NOT translated into Ukrainian (no "uk" keys at all), to demonstrate the site's
# "This page is not yet translated" note. Approved by Cabinet Order No. 29 of 29 January 2014.
ARTICLE_GUIDELINES = {
    "slug": {
        "lv": "pamatnostadnes-2014-2020",
        "en": "guidelines-2014-2020",
        "ru": "osnovnye-napravleniya-2014-2020",
    },
    "title": {
        "lv": "Apstiprinātas Cilvēku tirdzniecības novēršanas pamatnostādnes 2014.–2020. gadam",
        "en": "Guidelines for the Prevention of Trafficking in Human Beings 2014–2020 approved",
        "ru": "Утверждены Основные направления предотвращения торговли людьми на 2014–2020 годы",
    },
    "introduction": {
        "lv": "Ministru kabinets apstiprinājis Iekšlietu ministrijas izstrādātās "
        "pamatnostādnes, kas sastāv no trim blokiem: novēršana, apkarošana un "
        "sadarbība.",
        "en": "The Cabinet of Ministers has approved the guidelines developed by the "
        "Ministry of the Interior, built on three blocks: prevention, combating "
        "trafficking and cooperation.",
        "ru": "Кабинет министров утвердил разработанные Министерством внутренних дел "
        "основные направления, состоящие из трёх блоков: профилактика, противодействие "
        "и сотрудничество.",
    },
    "search_description": {
        "lv": "Cilvēku tirdzniecības novēršanas pamatnostādnes 2014.–2020. gadam: mērķi, "
        "trīs galvenie bloki un uzsvars uz darbaspēka ekspluatāciju.",
        "en": "Latvia's Guidelines for the Prevention of Trafficking in Human Beings "
        "2014–2020: aims, three main blocks and the focus on labour exploitation.",
        "ru": "Основные направления предотвращения торговли людьми в Латвии на 2014–2020 "
        "годы: цели, три блока и внимание к трудовой эксплуатации.",
    },
    "fields": {"date": datetime.date(2014, 1, 29)},
    "body": {
        "lv": [
            rich(
                "<p>Iekšlietu ministrijas izstrādātās Cilvēku tirdzniecības novēršanas "
                "pamatnostādnes 2014.–2020. gadam apstiprinātas ar Ministru kabineta 2014. "
                "gada 29. janvāra rīkojumu Nr. 29. To mērķis ir novērst un apkarot cilvēku "
                "tirdzniecību, aizsargāt cietušos un palīdzēt viņiem, pilnībā ievērojot "
                "viņu cilvēktiesības, kā arī veicināt starpnozaru sadarbību šī mērķa "
                "sasniegšanai.</p><h2>Trīs galvenie bloki</h2><ul><li><b>Novēršana</b> – "
                "informēšana un izpratnes veidošana, speciālistu apmācība, cietušo "
                "rehabilitācija un aizsardzība.</li><li><b>Apkarošana</b> – gadījumu "
                "izmeklēšana un vainīgo kriminālvajāšana.</li><li><b>Sadarbības "
                "koordinēšana un informācijas apkopošana</b> – jo cilvēku tirdzniecības "
                "novēršana un apkarošana ir atkarīga no daudzu valsts un pašvaldību "
                "iestāžu un nevalstisko organizāciju darba.</li></ul><h2>Kāpēc īpaša "
                "uzmanība darbaspēka ekspluatācijai</h2><p>Galvenie iemesli, kāpēc cilvēki "
                "kļūst par cilvēku tirdzniecības upuriem, ir saistīti ar sociālekonomisko "
                "situāciju. Latvija joprojām galvenokārt ir izcelsmes valsts: cilvēkus no "
                "Latvijas ekspluatē ārzemēs. Taču nākotnē Latvija var kļūt arī par "
                "galamērķa valsti. Tāpēc pamatnostādnēs īpaša uzmanība pievērsta "
                "darbaspēka ekspluatācijas gadījumu atpazīšanai un sabiedrības "
                "informēšanai par to.</p><p>Pamatnostādnes izstrādātas ciešā sadarbībā ar "
                "nevalstiskajām organizācijām, kas cilvēku tirdzniecības upurus atbalsta "
                "kopš 2002. gada. Sākot ar 2015. gadu, tajās paredzēts arī finansējums "
                "informatīvajām kampaņām un apmācībām.</p>"
            ),
        ],
        "en": [
            rich(
                "<p>The Guidelines for the Prevention of Trafficking in Human Beings "
                "2014–2020, developed by the Ministry of the Interior, were approved by "
                "Cabinet Order No. 29 of 29 January 2014. Their aim is to prevent and "
                "combat trafficking, to protect and help victims with full respect for "
                "their human rights, and to promote cooperation between sectors to achieve "
                "this.</p><h2>Three main blocks</h2><ul><li><b>Prevention</b> – "
                "information and awareness-raising, training of specialists, and "
                "rehabilitation and protection of victims.</li><li><b>Combating "
                "trafficking</b> – investigating cases and prosecuting the "
                "perpetrators.</li><li><b>Coordinating cooperation and gathering "
                "information</b> – because preventing and combating trafficking depends on "
                "the work of many state and municipal institutions and non-governmental "
                "organisations.</li></ul><h2>Why labour exploitation gets special "
                "attention</h2><p>The main reasons why people become victims of "
                "trafficking are linked to the socio-economic situation. Latvia is still "
                "mainly a country of origin: people from Latvia are exploited abroad. But "
                "in future Latvia may also become a country of destination. That is why "
                "the guidelines pay particular attention to recognising cases of labour "
                "exploitation and to informing the public about it.</p><p>The guidelines "
                "were developed in close cooperation with non-governmental organisations, "
                "which have been supporting victims of trafficking since 2002. From 2015 "
                "they also provide funding for awareness-raising campaigns and "
                "training.</p>"
            ),
        ],
        "ru": [
            rich(
                "<p>Разработанные Министерством внутренних дел Основные направления "
                "предотвращения торговли людьми на 2014–2020 годы утверждены распоряжением "
                "Кабинета министров № 29 от 29 января 2014 года. Их цель – предотвращать "
                "торговлю людьми и бороться с ней, защищать пострадавших и помогать им при "
                "полном уважении их прав человека, а также развивать для этого "
                "межотраслевое сотрудничество.</p><h2>Три основных "
                "блока</h2><ul><li><b>Профилактика</b> – информирование и повышение "
                "осведомлённости, обучение специалистов, реабилитация и защита "
                "пострадавших.</li><li><b>Противодействие</b> – расследование случаев и "
                "уголовное преследование виновных.</li><li><b>Координация сотрудничества и "
                "сбор информации</b> – потому что предотвращение торговли людьми и борьба "
                "с ней зависят от работы многих государственных и муниципальных учреждений "
                "и неправительственных организаций.</li></ul><h2>Почему особое внимание "
                "уделяется трудовой эксплуатации</h2><p>Главные причины, по которым люди "
                "становятся жертвами торговли людьми, связаны с социально-экономической "
                "ситуацией. Латвия по-прежнему в основном страна происхождения: людей из "
                "Латвии эксплуатируют за границей. Но в будущем Латвия может стать и "
                "страной назначения. Поэтому в основных направлениях особое внимание "
                "уделено выявлению случаев трудовой эксплуатации и информированию общества "
                "о ней.</p><p>Основные направления разработаны в тесном сотрудничестве с "
                "неправительственными организациями, которые поддерживают жертв торговли "
                "людьми с 2002 года. Начиная с 2015 года в них также предусмотрено "
                "финансирование информационных кампаний и обучения.</p>"
            ),
        ],
    },
}

# "Knowledge Forum I" on trafficking in human beings, Tallinn, 24 April 2014.
ARTICLE_REFERRAL_MECHANISM = {
    "slug": {
        "lv": "nosutisanas-mehanisms-tallina",
        "en": "referral-mechanism-presented-in-tallinn",
        "ru": "mekhanizm-perenapravleniya-v-talline",
        "uk": "mekhanizm-perenapravlennia-u-tallinni",
    },
    "title": {
        "lv": "Latvija Tallinā iepazīstina ar savu nacionālo nosūtīšanas mehānismu",
        "en": "Latvia presents its national referral mechanism in Tallinn",
        "ru": "Латвия представила в Таллине свой национальный механизм перенаправления",
        "uk": "Латвія представила в Таллінні свій національний механізм перенаправлення",
    },
    "introduction": {
        "lv": "Zināšanu forumā par cilvēku tirdzniecību Iekšlietu ministrija skaidroja, kā "
        "Latvijā cietušos atpazīst, identificē un atbalsta.",
        "en": "At a knowledge forum on trafficking in human beings, the Ministry of the "
        "Interior explained how victims in Latvia are recognised, identified and "
        "supported.",
        "ru": "На форуме знаний о торговле людьми Министерство внутренних дел рассказало, "
        "как в Латвии распознают, идентифицируют и поддерживают пострадавших.",
        "uk": "На форумі знань про торгівлю людьми Міністерство внутрішніх справ розповіло, "
        "як у Латвії розпізнають, ідентифікують і підтримують постраждалих.",
    },
    "search_description": {
        "lv": "Kā Latvija koordinē cīņu pret cilvēku tirdzniecību un kādi ir nacionālā "
        "nosūtīšanas mehānisma trīs posmi.",
        "en": "How Latvia coordinates the fight against trafficking, and the three stages of "
        "its national referral mechanism.",
        "ru": "Как Латвия координирует борьбу с торговлей людьми и каковы три этапа "
        "национального механизма перенаправления.",
        "uk": "Як Латвія координує протидію торгівлі людьми і які три етапи національного "
        "механізму перенаправлення.",
    },
    "fields": {"date": datetime.date(2014, 4, 24)},
    "body": {
        "lv": [
            rich(
                "<p>2014. gada 24. aprīlī Tallinā pirmajā Zināšanu forumā par cilvēku "
                "tirdzniecību – par vervēšanu, identificēšanu un atbalstu cietušajiem – "
                "Iekšlietu ministrija prezentēja Latvijas jaunos politikas plānošanas "
                "dokumentus un to, kā tiek organizēta palīdzība cietušajiem.</p><h2>Kas "
                "koordinē darbu</h2><p>Kā nacionālā darba grupa darbojas Ministru "
                "prezidenta izveidota starpinstitūciju darba grupa, kuras darbu organizē "
                "Iekšlietu ministrija. Tajā darbojas septiņu ministriju, divu "
                "tiesībaizsardzības iestāžu, deviņu valsts un pašvaldību iestāžu un piecu "
                "nevalstisko organizāciju pārstāvji, kā arī viens pilsoniskās sabiedrības "
                "partneris. Darba grupa tiekas četras reizes gadā, lai uzraudzītu un "
                "izvērtētu cilvēku tirdzniecības novēršanas politiku un plānotu apmācības "
                "un sabiedrības informēšanu. Iekšlietu ministrija pilda arī nacionālā "
                "cilvēku tirdzniecības apkarošanas koordinatora pienākumus.</p><h2>Trīs "
                "palīdzības posmi</h2><p>Prezentācijā tika aprakstīts <b>nacionālais "
                "nosūtīšanas mehānisms</b>: pirmie reaģētāji pamana iespējamu cietušo; "
                "valsts pilnvarota nevalstiskā organizācija vai kompetentā iestāde cietušo "
                "identificē, un seko valsts apmaksāta sociālā rehabilitācija; visbeidzot "
                "pašvaldību sociālie dienesti un Nodarbinātības valsts aģentūra palīdz "
                "reintegrācijā. Kā tas notiek praksē, varat izlasīt mūsu lapā "
                + help_link("lv", "Kā darbojas palīdzība")
                + ".</p>"
            ),
        ],
        "en": [
            rich(
                "<p>On 24 April 2014 in Tallinn, at the first Knowledge Forum on "
                "trafficking in human beings – on recruitment, identification and victim "
                "support – the Ministry of the Interior presented Latvia's new policy "
                "planning documents and the way help for victims is organised.</p><h2>Who "
                "coordinates the work</h2><p>An inter-institutional working group set up "
                "by the Prime Minister and organised by the Ministry of the Interior acts "
                "as the national task force. It brings together representatives of seven "
                "ministries, two law enforcement agencies, nine state and municipal "
                "institutions and five non-governmental organisations, as well as one "
                "civil society partner. The group meets four times a year to monitor and "
                "evaluate anti-trafficking policy and to plan training and "
                "awareness-raising. The Ministry of the Interior also acts as the national "
                "anti-trafficking coordinator.</p><h2>Three stages of help</h2><p>The "
                "presentation described the <b>national referral mechanism</b>: first "
                "responders notice a possible victim; a mandated non-governmental "
                "organisation or a competent authority identifies the victim, and "
                "state-funded social rehabilitation follows; finally, municipal social "
                "services and the State Employment Agency help with reintegration. You can "
                "read how this works in practice on our page "
                + help_link("en", "How help works")
                + ".</p>"
            ),
        ],
        "ru": [
            rich(
                "<p>24 апреля 2014 года в Таллине на первом Форуме знаний о торговле "
                "людьми – о вербовке, идентификации и поддержке пострадавших – "
                "Министерство внутренних дел представило новые документы политического "
                "планирования Латвии и рассказало, как организована помощь "
                "пострадавшим.</p><h2>Кто координирует работу</h2><p>Роль национальной "
                "рабочей группы выполняет межведомственная рабочая группа, созданная "
                "премьер-министром; её работу организует Министерство внутренних дел. В "
                "неё входят представители семи министерств, двух правоохранительных "
                "органов, девяти государственных и муниципальных учреждений и пяти "
                "неправительственных организаций, а также один партнёр из гражданского "
                "общества. Группа собирается четыре раза в год, чтобы следить за политикой "
                "противодействия торговле людьми, оценивать её и планировать обучение и "
                "информирование общества. Министерство внутренних дел также выполняет "
                "функции национального координатора по борьбе с торговлей "
                "людьми.</p><h2>Три этапа помощи</h2><p>В презентации был описан "
                "<b>национальный механизм перенаправления</b>: первые контактные лица "
                "замечают возможную жертву; уполномоченная государством "
                "неправительственная организация или компетентное учреждение "
                "идентифицирует пострадавшего, после чего следует оплачиваемая "
                "государством социальная реабилитация; наконец, социальные службы "
                "самоуправлений и Государственное агентство занятости помогают с "
                "реинтеграцией. Как это работает на практике, читайте на нашей странице "
                + help_link("ru", "Как работает помощь")
                + ".</p>"
            ),
        ],
        "uk": [
            rich(
                "<p>24 квітня 2014 року в Таллінні на першому Форумі знань про торгівлю "
                "людьми – про вербування, ідентифікацію та підтримку постраждалих – "
                "Міністерство внутрішніх справ представило нові документи політичного "
                "планування Латвії та розповіло, як організовано допомогу "
                "постраждалим.</p><h2>Хто координує роботу</h2><p>Роль національної "
                "робочої групи виконує міжвідомча робоча група, створена "
                "прем’єр-міністром; її роботу організовує Міністерство внутрішніх справ. "
                "До неї входять представники семи міністерств, двох правоохоронних "
                "органів, дев’яти державних і муніципальних установ та п’яти громадських "
                "організацій, а також один партнер із громадянського суспільства. Група "
                "збирається чотири рази на рік, щоб стежити за політикою протидії торгівлі "
                "людьми, оцінювати її та планувати навчання й інформування суспільства. "
                "Міністерство внутрішніх справ також виконує функції національного "
                "координатора з протидії торгівлі людьми.</p><h2>Три етапи "
                "допомоги</h2><p>У презентації було описано <b>національний механізм "
                "перенаправлення</b>: ті, хто реагує першими, помічають можливу "
                "постраждалу особу; уповноважена державою громадська організація або "
                "компетентна установа ідентифікує постраждалу особу, після чого настає "
                "оплачувана державою соціальна реабілітація; нарешті, соціальні служби "
                "самоврядувань і Державне агентство зайнятості допомагають з "
                "реінтеграцією. Як це працює на практиці, читайте на нашій сторінці "
                + help_link("uk", "Як працює допомога")
                + ".</p>"
            ),
        ],
    },
}

# The STROM material in the seeds carries no date; 27 October 2020 is the publication date of
# the Ministry of the Interior's prevention page in the same seed set.
ARTICLE_MUNICIPALITIES = {
    "slug": {
        "lv": "pasvaldibu-loma",
        "en": "role-of-municipalities",
        "ru": "rol-samoupravlenii",
        "uk": "rol-samovriaduvan",
    },
    "title": {
        "lv": "Ko pašvaldības var darīt pret cilvēku tirdzniecību",
        "en": "What municipalities can do against human trafficking",
        "ru": "Что могут сделать самоуправления против торговли людьми",
        "uk": "Що можуть зробити самоврядування проти торгівлі людьми",
    },
    "introduction": {
        "lv": "Projekta STROM mērķis ir stiprināt pašvaldību lomu palīdzībā cilvēku "
        "tirdzniecības upuriem Baltijas jūras reģionā. Tā vadlīnijas parāda, kāpēc tik "
        "svarīga ir palīdzība uz vietas.",
        "en": "The STROM project aims to strengthen the role of municipalities in helping "
        "victims of trafficking in the Baltic Sea region. Its guidelines show why "
        "local help matters so much.",
        "ru": "Проект STROM призван укрепить роль самоуправлений в помощи жертвам торговли "
        "людьми в регионе Балтийского моря. Его руководство показывает, почему так "
        "важна помощь на месте.",
        "uk": "Проєкт STROM покликаний посилити роль самоврядувань у допомозі постраждалим "
        "від торгівлі людьми в регіоні Балтійського моря. Його настанови показують, "
        "чому така важлива допомога на місці.",
    },
    "search_description": {
        "lv": "Projekts STROM: izaicinājumi un ieteikumi pašvaldībām, kas palīdz cilvēku "
        "tirdzniecības upuriem Baltijas jūras reģionā.",
        "en": "The STROM project: challenges and recommendations for municipalities helping "
        "victims of trafficking in the Baltic Sea region.",
        "ru": "Проект STROM: проблемы и рекомендации для самоуправлений, помогающих жертвам "
        "торговли людьми в регионе Балтийского моря.",
        "uk": "Проєкт STROM: виклики та рекомендації для самоврядувань, які допомагають "
        "постраждалим від торгівлі людьми в регіоні Балтійського моря.",
    },
    "fields": {"date": datetime.date(2020, 10, 27)},
    "body": {
        "lv": [
            rich(
                "<p>Cilvēkam, kurš izkļuvis no ekspluatācijas, vispirms parasti vajag ļoti "
                "praktiskas lietas: drošu vietu, kur gulēt, ēdienu, ārstu, kādu, ar ko "
                "parunāt. Šos pakalpojumus sniedz uz vietas – pašvaldības. Projekts STROM, "
                "ko vada Latvijas nacionālais cilvēku tirdzniecības apkarošanas "
                "koordinators, tiecas stiprināt pašvaldību spējas un lomu palīdzības ķēdē "
                "cilvēku tirdzniecības upuriem Baltijas jūras reģionā.</p><h2>Kas "
                "traucē</h2><p>Projekts apzināja galvenās problēmas: sadarbības trūkums "
                "vietējā un valsts līmenī, skaidru pilnvaru trūkums, vietējo nosūtīšanas "
                "mehānismu trūkums, pārāk maz regulāru apmācību, nepietiekama palīdzības "
                "sistēma, līdzekļu trūkums, kā arī cietušo stigmatizācija un stereotipiska "
                "domāšana.</p><h2>Ko iesaka vadlīnijas</h2><ul><li>Apzināt pašvaldībā "
                "pieejamos pakalpojumus cietušajiem un iespējamajiem cietušajiem un to, "
                "kas šos pakalpojumus sniedz.</li><li>Izveidot ātru un elastīgu palīdzības "
                "ķēdi ar skaidrām lomām visiem iesaistītajiem, saskaņotu ar nacionālo "
                "nosūtīšanas mehānismu.</li><li>Izmantot formālus sadarbības līgumus un "
                "saprašanās memorandus.</li><li>Sniegt palīdzību <b>bez nosacījumiem</b> – "
                "neatkarīgi no tā, vai cietušais sadarbojas ar tiesībaizsardzības "
                "iestādēm, – un ne tikai formāli identificētiem cietušajiem, bet arī "
                "cilvēkiem, kuri varētu būt cietušie.</li><li>Pielāgot palīdzību katra "
                "cilvēka vajadzībām, pieredzei, dzimumam, vecumam, etniskajai piederībai, "
                "orientācijai un identitātei.</li><li>Veidot partnerības ar pilsonisko "
                "sabiedrību, arodbiedrībām un uzņēmumiem, lai novērstu cilvēku "
                "tirdzniecību vietējā līmenī.</li></ul><p>Turpinājuma projekts „Pašvaldību "
                "lomas stiprināšana cilvēku tirdzniecības apkarošanā” palīdz astoņām "
                "pašvaldībām Baltijas valstīs un Krievijas ziemeļrietumos ieviest "
                "vadlīnijas praksē.</p>"
            ),
            cta(
                "chat",
                "Vajadzīga palīdzība tuvāk mājām?",
                "Pastāstiet, kur atrodaties. Mēs zinām vietējos pakalpojumus un palīdzēsim "
                "ar tiem sazināties.",
                "Sākt tērzēšanu",
            ),
        ],
        "en": [
            rich(
                "<p>A person who has escaped exploitation usually needs very practical "
                "things first: a safe place to sleep, food, a doctor, someone to talk to. "
                "These services are provided locally, by municipalities. The STROM "
                "project, managed by Latvia's national anti-trafficking coordinator, aims "
                "to strengthen the capacity and role of municipalities in the chain of "
                "assistance to victims of trafficking in the Baltic Sea "
                "region.</p><h2>What stands in the way</h2><p>The project identified the "
                "main challenges: lack of cooperation at local and national level, lack of "
                "a mandate, no local referral mechanisms, too little regular training, no "
                "adequate assistance system, lack of funds – and the stigmatisation of "
                "victims and stereotypical thinking.</p><h2>What the guidelines "
                "recommend</h2><ul><li>Map the services available in the municipality for "
                "victims and possible victims, and who provides them.</li><li>Build a "
                "quick and flexible chain of assistance with clear roles for everyone "
                "involved, in line with the national referral mechanism.</li><li>Use "
                "formal cooperation agreements and memoranda of "
                "understanding.</li><li>Provide help <b>unconditionally</b> – whether or "
                "not the victim cooperates with law enforcement – and not only to formally "
                "identified victims but also to people who may be victims.</li><li>Tailor "
                "help to each person's needs, background, gender, age, ethnicity, "
                "orientation and identity.</li><li>Build partnerships with civil society, "
                "trade unions and businesses to prevent trafficking locally.</li></ul><p>A "
                "follow-up project, “Strengthening the Role of Municipalities in the Work "
                "against Trafficking in Human Beings”, helps eight municipalities in the "
                "Baltic countries and north-west Russia put the guidelines into "
                "practice.</p>"
            ),
            cta(
                "chat",
                "Need help close to where you live?",
                "Tell us where you are. We know the local services and will help you contact them.",
                "Start a chat",
            ),
        ],
        "ru": [
            rich(
                "<p>Человеку, который вырвался из эксплуатации, обычно прежде всего нужны "
                "очень практичные вещи: безопасное место для ночлега, еда, врач, кто-то, с "
                "кем можно поговорить. Эти услуги оказывают на месте – самоуправления. "
                "Проект STROM, которым руководит национальный координатор Латвии по борьбе "
                "с торговлей людьми, призван укрепить возможности и роль самоуправлений в "
                "цепочке помощи жертвам торговли людьми в регионе Балтийского "
                "моря.</p><h2>Что мешает</h2><p>Проект выявил основные проблемы: "
                "недостаток сотрудничества на местном и национальном уровне, отсутствие "
                "чётких полномочий, отсутствие местных механизмов перенаправления, слишком "
                "мало регулярного обучения, неадекватная система помощи, нехватка средств "
                "– а также стигматизация пострадавших и стереотипное мышление.</p><h2>Что "
                "рекомендует руководство</h2><ul><li>Составить карту услуг, доступных в "
                "самоуправлении для пострадавших и возможных пострадавших, и тех, кто их "
                "оказывает.</li><li>Создать быструю и гибкую цепочку помощи с чёткими "
                "ролями для всех участников, согласованную с национальным механизмом "
                "перенаправления.</li><li>Использовать формальные соглашения о "
                "сотрудничестве и меморандумы о взаимопонимании.</li><li>Оказывать помощь "
                "<b>без условий</b> – независимо от того, сотрудничает ли пострадавший с "
                "правоохранительными органами, – и не только официально признанным "
                "жертвам, но и людям, которые могут быть "
                "пострадавшими.</li><li>Подстраивать помощь под потребности каждого "
                "человека, его прошлое, пол, возраст, этническую принадлежность, "
                "ориентацию и идентичность.</li><li>Развивать партнёрство с гражданским "
                "обществом, профсоюзами и бизнесом, чтобы предотвращать торговлю людьми на "
                "местном уровне.</li></ul><p>Проект-продолжение «Укрепление роли "
                "самоуправлений в борьбе с торговлей людьми» помогает восьми "
                "самоуправлениям в странах Балтии и на северо-западе России применить "
                "руководство на практике.</p>"
            ),
            cta(
                "chat",
                "Нужна помощь рядом с домом?",
                "Расскажите, где вы находитесь. Мы знаем местные службы и поможем с ними "
                "связаться.",
                "Начать чат",
            ),
        ],
        "uk": [
            rich(
                "<p>Людині, яка вирвалася з експлуатації, зазвичай насамперед потрібні "
                "дуже практичні речі: безпечне місце для ночівлі, їжа, лікар, хтось, з ким "
                "можна поговорити. Ці послуги надають на місці – самоврядування. Проєкт "
                "STROM, яким керує національний координатор Латвії з протидії торгівлі "
                "людьми, покликаний посилити спроможність і роль самоврядувань у ланцюгу "
                "допомоги постраждалим від торгівлі людьми в регіоні Балтійського "
                "моря.</p><h2>Що заважає</h2><p>Проєкт визначив основні проблеми: брак "
                "співпраці на місцевому й національному рівні, відсутність чітких "
                "повноважень, відсутність місцевих механізмів перенаправлення, замало "
                "регулярного навчання, неналежна система допомоги, брак коштів – а також "
                "стигматизація постраждалих і стереотипне мислення.</p><h2>Що радять "
                "настанови</h2><ul><li>Скласти карту послуг, доступних у самоврядуванні "
                "для постраждалих і можливих постраждалих, та тих, хто їх "
                "надає.</li><li>Створити швидкий і гнучкий ланцюг допомоги з чіткими "
                "ролями для всіх учасників, узгоджений з національним механізмом "
                "перенаправлення.</li><li>Використовувати формальні угоди про співпрацю та "
                "меморандуми про взаєморозуміння.</li><li>Надавати допомогу <b>без "
                "умов</b> – незалежно від того, чи співпрацює постраждала особа з "
                "правоохоронними органами, – і не лише офіційно визнаним постраждалим, а й "
                "людям, які можуть бути постраждалими.</li><li>Підлаштовувати допомогу під "
                "потреби кожної людини, її досвід, стать, вік, етнічне походження, "
                "орієнтацію та ідентичність.</li><li>Розвивати партнерство з громадянським "
                "суспільством, профспілками та бізнесом, щоб запобігати торгівлі людьми на "
                "місцевому рівні.</li></ul><p>Проєкт-продовження «Посилення ролі "
                "самоврядувань у протидії торгівлі людьми» допомагає восьми "
                "самоврядуванням у країнах Балтії та на північному заході Росії втілити "
                "настанови в життя.</p>"
            ),
            cta(
                "chat",
                "Потрібна допомога поруч із домом?",
                "Розкажіть, де ви перебуваєте. Ми знаємо місцеві служби й допоможемо з "
                "ними зв’язатися.",
                "Почати чат",
            ),
        ],
    },
}

ARTICLES = [
    ARTICLE_PLAN_2021,
    ARTICLE_FIGURES_2020,
    ARTICLE_MUNICIPALITIES,
    ARTICLE_BUSINESS_TOOLKIT,
    ARTICLE_REFERRAL_MECHANISM,
    ARTICLE_GUIDELINES,
]


# --- Help directory ---------------------------------------------------------------------------
# Fictitious services (names, streets and 8000 00xx numbers are invented; each description says
# so) in several local governments of every planning region, for a region as a whole, and for
# the whole country. `area` is a code of awareness/directory.py. The address is given in
# Latvian only (the other languages fall back to it: it is what the street signs say).

DEMO_NOTE = {
    "lv": "Demonstrācijas vietne: šis pakalpojums un tā numurs ir izdomāti.",
    "en": "Demo site: this service and its number are fictitious.",
    "ru": "Демонстрационный сайт: эта служба и её номер вымышлены.",
    "uk": "Демонстраційний сайт: ця служба та її номер вигадані.",
}

WEEKDAYS_9_17 = {
    "lv": "P.–Pk. 9:00–17:00",
    "en": "Mon–Fri 9:00–17:00",
    "ru": "Пн–Пт 9:00–17:00",
    "uk": "Пн–Пт 9:00–17:00",
}
ROUND_THE_CLOCK = {
    "lv": "Visu diennakti",
    "en": "24 hours a day, every day",
    "ru": "Круглосуточно",
    "uk": "Цілодобово",
}
LV_RU_EN = {
    "lv": "latviešu, krievu, angļu",
    "en": "Latvian, Russian, English",
    "ru": "латышский, русский, английский",
    "uk": "латиська, російська, англійська",
}
LV_RU_UK_EN = {
    "lv": "latviešu, krievu, ukraiņu, angļu",
    "en": "Latvian, Russian, Ukrainian, English",
    "ru": "латышский, русский, украинский, английский",
    "uk": "латиська, російська, українська, англійська",
}
LV_RU = {
    "lv": "latviešu, krievu",
    "en": "Latvian, Russian",
    "ru": "латышский, русский",
    "uk": "латиська, російська",
}


def described(texts: dict[str, str]) -> dict[str, str]:
    """A service's description, with the note that it is fictitious."""
    return {code: f"{text} {DEMO_NOTE[code]}" for code, text in texts.items()}


HELP_SERVICES = [
    {
        "phone": "8000 0010",
        "kind": "ngo",
        "area": "country",
        "anonymous": True,
        "name": {
            "lv": "Biedrība „Drošā osta”",
            "en": "“Safe Harbour” association",
            "ru": "Общество «Тихая гавань»",
            "uk": "Товариство «Тиха гавань»",
        },
        "address": "Rīga, Izdomātā iela 1",
        "hours": WEEKDAYS_9_17,
        "schedule": "Mo-Fr 09:00-17:00",
        "languages": LV_RU_UK_EN,
        "description": described(
            {
                "lv": "Valsts pilnvarota organizācija: atzīst cilvēku tirdzniecības upura "
                "statusu, sniedz sociālo rehabilitāciju, psihologa un jurista palīdzību.",
                "en": "A state-mandated organisation: identifies victims of trafficking and "
                "provides social rehabilitation, a psychologist and a lawyer.",
                "ru": "Уполномоченная государством организация: признаёт статус жертвы "
                "торговли людьми, обеспечивает социальную реабилитацию, помощь психолога "
                "и юриста.",
                "uk": "Уповноважена державою організація: визнає статус постраждалої від "
                "торгівлі людьми особи, забезпечує соціальну реабілітацію, допомогу "
                "психолога та юриста.",
            }
        ),
    },
    {
        "phone": "8000 0011",
        "kind": "legal_aid",
        "area": "country",
        "anonymous": True,
        "name": {
            "lv": "Juridiskās palīdzības tālrunis „Taisnība”",
            "en": "“Fair Play” legal aid line",
            "ru": "Линия юридической помощи «Справедливость»",
            "uk": "Лінія правової допомоги «Справедливість»",
        },
        "address": "",
        "hours": {
            "lv": "P.–Pk. 10:00–19:00",
            "en": "Mon–Fri 10:00–19:00",
            "ru": "Пн–Пт 10:00–19:00",
            "uk": "Пн–Пт 10:00–19:00",
        },
        "schedule": "Mo-Fr 10:00-19:00",
        "languages": LV_RU_UK_EN,
        "description": described(
            {
                "lv": "Bezmaksas jurista konsultācijas pa tālruni: darba līgums, neizmaksāta "
                "alga, dokumenti, uzturēšanās atļauja.",
                "en": "Free advice from a lawyer by phone: employment contracts, unpaid "
                "wages, documents, residence permits.",
                "ru": "Бесплатные консультации юриста по телефону: трудовой договор, "
                "невыплаченная зарплата, документы, вид на жительство.",
                "uk": "Безкоштовні консультації юриста телефоном: трудовий договір, "
                "невиплачена зарплата, документи, посвідка на проживання.",
            }
        ),
    },
    {
        "phone": "8000 0012",
        "kind": "labour_inspectorate",
        "area": "country",
        "anonymous": True,
        "name": {
            "lv": "Demo darba inspekcijas uzticības tālrunis",
            "en": "Demo labour inspectorate trust line",
            "ru": "Телефон доверия демо-инспекции труда",
            "uk": "Телефон довіри демо-інспекції праці",
        },
        "address": "Rīga, Izdomātā iela 12",
        "hours": WEEKDAYS_9_17,
        "schedule": "Mo-Fr 09:00-17:00",
        "languages": LV_RU_EN,
        "description": described(
            {
                "lv": "Ziņojiet par darba devēju, kas nemaksā algu, liek strādāt bez līguma "
                "vai patur jūsu dokumentus. Var ziņot anonīmi.",
                "en": "Report an employer who does not pay, makes people work without a "
                "contract or keeps their documents. Reports can be anonymous.",
                "ru": "Сообщите о работодателе, который не платит, заставляет работать без "
                "договора или удерживает документы. Можно сообщить анонимно.",
                "uk": "Повідомте про роботодавця, який не платить, змушує працювати без "
                "договору або утримує документи. Можна повідомити анонімно.",
            }
        ),
    },
    {
        "phone": "8000 0013",
        "kind": "shelter",
        "area": "riga",
        "anonymous": True,
        "name": {
            "lv": "Krīzes centrs „Bāka”",
            "en": "“Lighthouse” crisis centre",
            "ru": "Кризисный центр «Маяк»",
            "uk": "Кризовий центр «Маяк»",
        },
        "address": "Rīga, Izdomātā iela 7",
        "hours": ROUND_THE_CLOCK,
        "schedule": "24/7",
        "languages": LV_RU_UK_EN,
        "description": described(
            {
                "lv": "Droša naktsmītne sievietēm, vīriešiem un ģimenēm ar bērniem, kas bēg no "
                "vardarbības vai ekspluatācijas. Var ierasties bez dokumentiem.",
                "en": "A safe place to stay for women, men and families with children "
                "escaping violence or exploitation. You can come without documents.",
                "ru": "Безопасное жильё для женщин, мужчин и семей с детьми, которые "
                "спасаются от насилия или эксплуатации. Можно прийти без документов.",
                "uk": "Безпечне житло для жінок, чоловіків і родин з дітьми, які "
                "рятуються від насильства чи експлуатації. Можна прийти без документів.",
            }
        ),
    },
    {
        "phone": "8000 0014",
        "kind": "consulate",
        "area": "riga",
        "anonymous": False,
        "name": {
            "lv": "Izdomātās Demolandes Republikas konsulāts",
            "en": "Consulate of the fictitious Republic of Demoland",
            "ru": "Консульство вымышленной Республики Демоландия",
            "uk": "Консульство вигаданої Республіки Демоландія",
        },
        "address": "Rīga, Izdomātā iela 20",
        "hours": {
            "lv": "P.–Ce. 9:00–13:00",
            "en": "Mon–Thu 9:00–13:00",
            "ru": "Пн–Чт 9:00–13:00",
            "uk": "Пн–Чт 9:00–13:00",
        },
        "schedule": "Mo-Th 09:00-13:00",
        "languages": {
            "lv": "angļu, krievu",
            "en": "English, Russian",
            "ru": "английский, русский",
            "uk": "англійська, російська",
        },
        "description": described(
            {
                "lv": "Jauna pase vai atgriešanās apliecība, ja jūsu dokumenti ir atņemti vai "
                "pazuduši, un palīdzība atgriezties mājās.",
                "en": "A new passport or an emergency travel document if yours was taken or "
                "lost, and help to return home.",
                "ru": "Новый паспорт или документ на возвращение, если ваши документы "
                "отобрали или они потерялись, и помощь с возвращением домой.",
                "uk": "Новий паспорт або посвідчення на повернення, якщо ваші документи "
                "забрали чи вони загубилися, і допомога з поверненням додому.",
            }
        ),
    },
    {
        "phone": "8000 0015",
        "kind": "social_service",
        "area": "liepaja",
        "anonymous": False,
        "name": {
            "lv": "Liepājas sociālā dienesta demo nodaļa",
            "en": "Liepāja social service (demo branch)",
            "ru": "Социальная служба Лиепаи (демо-отделение)",
            "uk": "Соціальна служба Лієпаї (демо-відділення)",
        },
        "address": "Liepāja, Izdomātā iela 3",
        "hours": WEEKDAYS_9_17,
        "schedule": "Mo-Fr 09:00-17:00",
        "languages": LV_RU,
        "description": described(
            {
                "lv": "Pabalsti, mājoklis, bērnu aprūpe un palīdzība atgriezties ikdienas dzīvē "
                "pēc rehabilitācijas.",
                "en": "Benefits, housing, childcare and help to return to everyday life after "
                "rehabilitation.",
                "ru": "Пособия, жильё, уход за детьми и помощь в возвращении к обычной жизни "
                "после реабилитации.",
                "uk": "Допомоги, житло, догляд за дітьми та допомога з поверненням до "
                "звичайного життя після реабілітації.",
            }
        ),
    },
    {
        "phone": "8000 0016",
        "kind": "medical",
        "area": "region-kurzeme",
        "anonymous": True,
        "name": {
            "lv": "Kurzemes mobilā klīnika „Dzintars”",
            "en": "“Amber” mobile clinic, Kurzeme",
            "ru": "Передвижная клиника «Янтарь», Курземе",
            "uk": "Пересувна клініка «Бурштин», Курземе",
        },
        "address": "",
        "hours": {
            "lv": "Ot. un Ce. 10:00–18:00",
            "en": "Tue and Thu 10:00–18:00",
            "ru": "Вт и Чт 10:00–18:00",
            "uk": "Вт і Чт 10:00–18:00",
        },
        "schedule": "Tu,Th 10:00-18:00",
        "languages": LV_RU_EN,
        "description": described(
            {
                "lv": "Ārsts un medmāsa brauc pa Kurzemes novadiem: pārbaudes, pirmā "
                "palīdzība, seksuālā veselība. Apdrošināšana nav vajadzīga.",
                "en": "A doctor and a nurse who travel around Kurzeme: check-ups, first aid, "
                "sexual health. No insurance needed.",
                "ru": "Врач и медсестра объезжают края Курземе: осмотры, первая помощь, "
                "сексуальное здоровье. Страховка не нужна.",
                "uk": "Лікар і медсестра об’їжджають краї Курземе: огляди, перша допомога, "
                "сексуальне здоров’я. Страховка не потрібна.",
            }
        ),
    },
    {
        "phone": "8000 0017",
        "kind": "police",
        "area": "valmiera",
        "anonymous": False,
        "name": {
            "lv": "Valmieras demo policijas iecirknis",
            "en": "Valmiera demo police station",
            "ru": "Демо-участок полиции в Валмиере",
            "uk": "Демо-відділок поліції у Валмієрі",
        },
        "address": "Valmiera, Izdomātā iela 5",
        "hours": ROUND_THE_CLOCK,
        "schedule": "24/7",
        "languages": LV_RU_EN,
        "description": described(
            {
                "lv": "Iesniegums par noziegumu, arī par cilvēku tirdzniecību. Ja draud "
                "briesmas tagad, zvaniet 112.",
                "en": "Report a crime, trafficking included. In danger now, call 112.",
                "ru": "Заявление о преступлении, в том числе о торговле людьми. Если "
                "опасность угрожает сейчас, звоните 112.",
                "uk": "Заява про злочин, зокрема про торгівлю людьми. Якщо небезпека "
                "загрожує зараз, телефонуйте 112.",
            }
        ),
    },
    {
        "phone": "8000 0018",
        "kind": "employment_agency",
        "area": "jelgava",
        "anonymous": False,
        "name": {
            "lv": "Jelgavas nodarbinātības demo birojs",
            "en": "Jelgava employment office (demo)",
            "ru": "Демо-бюро занятости в Елгаве",
            "uk": "Демо-бюро зайнятості в Єлгаві",
        },
        "address": "Jelgava, Izdomātā iela 9",
        "hours": WEEKDAYS_9_17,
        "schedule": "Mo-Fr 09:00-17:00",
        "languages": LV_RU,
        "description": described(
            {
                "lv": "Drošas darba vakances, mācības un palīdzība pārbaudīt darba "
                "piedāvājumu, pirms to pieņemat.",
                "en": "Safe job vacancies, training, and help to check a job offer before "
                "you accept it.",
                "ru": "Надёжные вакансии, обучение и помощь в проверке предложения о работе, "
                "прежде чем вы его примете.",
                "uk": "Надійні вакансії, навчання та допомога перевірити пропозицію роботи, "
                "перш ніж ви її приймете.",
            }
        ),
    },
    {
        "phone": "8000 0019",
        "kind": "social_service",
        "area": "daugavpils",
        "anonymous": False,
        "name": {
            "lv": "Daugavpils sociālā dienesta demo nodaļa",
            "en": "Daugavpils social service (demo branch)",
            "ru": "Социальная служба Даугавпилса (демо-отделение)",
            "uk": "Соціальна служба Даугавпілса (демо-відділення)",
        },
        "address": "Daugavpils, Izdomātā iela 14",
        "hours": WEEKDAYS_9_17,
        "schedule": "Mo-Fr 09:00-17:00",
        "languages": LV_RU,
        "description": described(
            {
                "lv": "Sociālā darbinieka palīdzība, pagaidu mājoklis un pārtikas paka "
                "krīzes brīdī.",
                "en": "Help from a social worker, temporary housing and a food parcel in a crisis.",
                "ru": "Помощь социального работника, временное жильё и продуктовый набор в "
                "трудной ситуации.",
                "uk": "Допомога соціального працівника, тимчасове житло та продуктовий набір "
                "у кризовій ситуації.",
            }
        ),
    },
    {
        "phone": "8000 0020",
        "kind": "ngo",
        "area": "region-latgale",
        "anonymous": True,
        "name": {
            "lv": "Latgales atbalsta centrs „Saulgrieži”",
            "en": "“Solstice” support centre, Latgale",
            "ru": "Центр поддержки «Солнцеворот», Латгале",
            "uk": "Центр підтримки «Сонцеворот», Латгале",
        },
        "address": "Rēzekne, Izdomātā iela 2",
        "hours": {
            "lv": "P.–Pk. 10:00–18:00",
            "en": "Mon–Fri 10:00–18:00",
            "ru": "Пн–Пт 10:00–18:00",
            "uk": "Пн–Пт 10:00–18:00",
        },
        "schedule": "Mo-Fr 10:00-18:00",
        "languages": LV_RU_UK_EN,
        "description": described(
            {
                "lv": "Psihologs, pavadīšana uz iestādēm un tiesu, atbalsta grupas visā Latgalē.",
                "en": "A psychologist, someone to go with you to offices and to court, and "
                "support groups across Latgale.",
                "ru": "Психолог, сопровождение в учреждения и суд, группы поддержки по всей "
                "Латгале.",
                "uk": "Психолог, супровід до установ і суду, групи підтримки по всій Латгалії.",
            }
        ),
    },
]

DIRECTORY = {
    "slug": {
        "lv": "kur-meklet-palidzibu",
        "en": "find-help",
        "ru": "gde-naiti-pomoshch",
        "uk": "de-znaity-dopomohu",
    },
    "title": {
        "lv": "Kur meklēt palīdzību",
        "en": "Find help near you",
        "ru": "Где найти помощь",
        "uk": "Де знайти допомогу",
    },
    "introduction": {
        "lv": "Patversmes, sociālie dienesti, juristi, ārsti, policija un organizācijas, kas "
        "palīdz cilvēku tirdzniecības un ekspluatācijas gadījumos, – jūsu novadā un visā "
        "Latvijā.",
        "en": "Shelters, social services, lawyers, doctors, the police and organisations that "
        "help with trafficking and exploitation – where you are and across Latvia.",
        "ru": "Убежища, социальные службы, юристы, врачи, полиция и организации, которые "
        "помогают при торговле людьми и эксплуатации, – в вашем крае и по всей Латвии.",
        "uk": "Притулки, соціальні служби, юристи, лікарі, поліція та організації, які "
        "допомагають у разі торгівлі людьми та експлуатації, – у вашому краї та по всій "
        "Латвії.",
    },
    "search_description": {
        "lv": "Palīdzības katalogs pēc reģiona un novada: patversmes, sociālie dienesti, "
        "juridiskā palīdzība, ārsti, policija.",
        "en": "A help directory by region and municipality: shelters, social services, legal "
        "aid, doctors, the police.",
        "ru": "Справочник помощи по регионам и краям: убежища, социальные службы, "
        "юридическая помощь, врачи, полиция.",
        "uk": "Довідник допомоги за регіонами та краями: притулки, соціальні служби, "
        "правова допомога, лікарі, поліція.",
    },
    "fields": {"show_in_menus": True},
}


# --- Self-check -------------------------------------------------------------------------------
# The indicators of trafficking and forced labour from issue 5, asked so that "yes" points to
# the indicator. The polite "jūs" / "вы" / "ви" throughout.

SELF_CHECK_QUESTIONS = [
    {
        "question": {
            "lv": "Vai kāds cits glabā jūsu pasi vai personas apliecību un neatdod to, kad lūdzat?",
            "en": "Does someone else keep your passport or ID card and not give it back when "
            "you ask?",
            "ru": "Кто-то другой держит у себя ваш паспорт или удостоверение личности и не "
            "отдаёт, когда вы просите?",
            "uk": "Хтось інший тримає у себе ваш паспорт чи посвідчення особи й не віддає, "
            "коли ви просите?",
        },
        "yes_means": {
            "lv": "Neviens, arī darba devējs, nedrīkst paturēt jūsu personas dokumentus. "
            "Dokumentu atņemšana ir bieži lietots veids, kā neļaut cilvēkam aiziet, – "
            "piespiedu darba vai cilvēku tirdzniecības pazīme. Jums ir tiesības tos saņemt "
            "atpakaļ.",
            "en": "Nobody, not even an employer, may keep your identity documents. Taking them "
            "away is a common way to stop a person from leaving – a sign of forced labour or "
            "trafficking. You have the right to get them back.",
            "ru": "Никто, даже работодатель, не вправе удерживать ваши документы. Отобрать "
            "документы – частый способ не дать человеку уйти, это признак принудительного "
            "труда или торговли людьми. Вы имеете право получить их обратно.",
            "uk": "Ніхто, навіть роботодавець, не має права тримати ваші документи. Забрати "
            "документи – поширений спосіб не дати людині піти, це ознака примусової праці "
            "або торгівлі людьми. Ви маєте право отримати їх назад.",
        },
    },
    {
        "question": {
            "lv": "Vai jums ir parāds darba devējam vai cilvēkam, kas jūs šeit atveda, un tas "
            "nesamazinās, lai cik jūs strādātu?",
            "en": "Do you owe a debt to your employer, or to whoever brought you here, that "
            "never gets smaller however much you work?",
            "ru": "Вы должны работодателю или тому, кто вас сюда привёз, и долг не "
            "уменьшается, сколько бы вы ни работали?",
            "uk": "Ви винні роботодавцю або тому, хто вас сюди привіз, і борг не "
            "зменшується, скільки б ви не працювали?",
        },
        "yes_means": {
            "lv": "Parāds par ceļu, mājokli vai „starpniecību”, kas tikai aug, ir parāda "
            "verdzība. Tā ir ekspluatācija, nevis jūsu vaina, un šādu parādu jums nav "
            "pienākuma atstrādāt.",
            "en": "A debt for travel, housing or a “fee” that only grows is debt bondage. "
            "It is exploitation, not your fault, and you do not have to work off such a "
            "debt.",
            "ru": "Долг за дорогу, жильё или «посредничество», который только растёт, – это "
            "долговая кабала. Это эксплуатация, а не ваша вина, и вы не обязаны "
            "отрабатывать такой долг.",
            "uk": "Борг за дорогу, житло чи «посередництво», який тільки зростає, – це "
            "боргова кабала. Це експлуатація, а не ваша провина, і ви не зобов’язані "
            "відпрацьовувати такий борг.",
        },
    },
    {
        "question": {
            "lv": "Vai jūsu algu aiztur, tā ir daudz mazāka, nekā solīts, vai to saņem kāds cits?",
            "en": "Is your pay held back, much lower than promised, or paid to someone else?",
            "ru": "Вашу зарплату задерживают, она намного меньше обещанной или её получает "
            "кто-то другой?",
            "uk": "Вашу зарплату затримують, вона значно менша за обіцяну або її отримує "
            "хтось інший?",
        },
        "yes_means": {
            "lv": "Par darbu ir jāmaksā jums pašiem, un tik, cik norunāts. Neizmaksāta alga "
            "var būt darba tiesību pārkāpums vai ekspluatācijas pazīme. Jurists palīdzēs "
            "to atgūt.",
            "en": "Pay for your work must go to you, and as much as agreed. Wages withheld can "
            "be a breach of labour law or a sign of exploitation. A lawyer can help you "
            "get them.",
            "ru": "За работу должны платить вам лично и столько, сколько договаривались. "
            "Невыплаченная зарплата может быть нарушением трудового права или признаком "
            "эксплуатации. Юрист поможет её получить.",
            "uk": "За роботу мають платити вам особисто і стільки, скільки домовлялися. "
            "Невиплачена зарплата може бути порушенням трудового права або ознакою "
            "експлуатації. Юрист допоможе її отримати.",
        },
    },
    {
        "question": {
            "lv": "Vai jūs nevarat aiziet no darba vai mājokļa, kad vēlaties?",
            "en": "Are you unable to leave your work or your housing when you want to?",
            "ru": "Вы не можете уйти с работы или из жилья, когда захотите?",
            "uk": "Ви не можете піти з роботи чи з житла, коли захочете?",
        },
        "yes_means": {
            "lv": "Ja jūs ieslēdz, uzrauga visu laiku vai neļauj aiziet, tā ir brīvības "
            "ierobežošana – nopietna cilvēku tirdzniecības pazīme. Ja draud briesmas, "
            "zvaniet 112.",
            "en": "Being locked in, watched all the time or not allowed to leave takes away "
            "your freedom – a serious sign of trafficking. If you are in danger, call 112.",
            "ru": "Если вас запирают, постоянно следят или не отпускают, это лишение "
            "свободы – серьёзный признак торговли людьми. Если вам грозит опасность, "
            "звоните 112.",
            "uk": "Якщо вас замикають, постійно стежать чи не відпускають, це позбавлення "
            "свободи – серйозна ознака торгівлі людьми. Якщо вам загрожує небезпека, "
            "телефонуйте 112.",
        },
    },
    {
        "question": {
            "lv": "Vai kāds ir draudējis jums vai jūsu ģimenei vai lietojis varu, lai jūs "
            "strādātu vai paliktu?",
            "en": "Has anyone threatened you or your family, or used violence, to make you "
            "work or stay?",
            "ru": "Кто-то угрожал вам или вашей семье или применял силу, чтобы вы работали "
            "или оставались?",
            "uk": "Хтось погрожував вам чи вашій родині або застосовував силу, щоб ви "
            "працювали чи залишалися?",
        },
        "yes_means": {
            "lv": "Draudi – arī draudi ziņot policijai vai migrācijas dienestam – ir veids, "
            "kā piespiest cilvēku. Tā ir ekspluatācijas pazīme. Palīdzība ir konfidenciāla, "
            "un jūsu drošība ir pirmajā vietā.",
            "en": "Threats – including threats to report you to the police or immigration – "
            "are a way of forcing a person. They are a sign of exploitation. Help is "
            "confidential, and your safety comes first.",
            "ru": "Угрозы – в том числе угрозы сообщить в полицию или миграционную службу – "
            "способ принуждения. Это признак эксплуатации. Помощь конфиденциальна, и ваша "
            "безопасность на первом месте.",
            "uk": "Погрози – зокрема погрози повідомити поліцію чи міграційну службу – це "
            "спосіб примусу. Це ознака експлуатації. Допомога конфіденційна, і ваша "
            "безпека на першому місці.",
        },
    },
    {
        "question": {
            "lv": "Vai darbs, alga vai apstākļi ļoti atšķiras no tā, kas jums tika solīts?",
            "en": "Are the work, the pay or the conditions very different from what you were "
            "promised?",
            "ru": "Работа, оплата или условия сильно отличаются от того, что вам обещали?",
            "uk": "Робота, оплата чи умови дуже відрізняються від того, що вам обіцяли?",
        },
        "yes_means": {
            "lv": "Maldināšana par darbu ir bieži sastopams cilvēku tirdzniecības sākums. "
            "Jūs neesat vainīgi, ka noticējāt. Varat pārrunāt, ko darīt tālāk, arī "
            "anonīmi.",
            "en": "Being deceived about the job is a common start of trafficking. It is not "
            "your fault that you believed it. You can talk about what to do next, "
            "anonymously too.",
            "ru": "Обман о работе – частое начало торговли людьми. Вы не виноваты, что "
            "поверили. Вы можете обсудить, что делать дальше, в том числе анонимно.",
            "uk": "Обман щодо роботи – поширений початок торгівлі людьми. Ви не винні, що "
            "повірили. Ви можете обговорити, що робити далі, зокрема анонімно.",
        },
    },
    {
        "question": {
            "lv": "Vai kāds cits pārvalda jūsu naudu, bankas karti vai telefonu?",
            "en": "Does someone else control your money, your bank card or your phone?",
            "ru": "Кто-то другой распоряжается вашими деньгами, банковской картой или телефоном?",
            "uk": "Хтось інший розпоряджається вашими грошима, банківською карткою чи телефоном?",
        },
        "yes_means": {
            "lv": "Kontrole pār naudu un saziņu atņem iespēju lūgt palīdzību un aiziet. Tā "
            "ir ekspluatācijas pazīme. Ja telefonu kāds pārbauda, izmantojiet ātro iziešanu "
            "un privāto logu.",
            "en": "Control over your money and your contacts takes away the chance to ask for "
            "help or to leave. It is a sign of exploitation. If someone checks your phone, "
            "use the quick exit and a private window.",
            "ru": "Контроль над деньгами и общением лишает возможности попросить о помощи "
            "или уйти. Это признак эксплуатации. Если кто-то проверяет ваш телефон, "
            "пользуйтесь быстрым выходом и приватным окном.",
            "uk": "Контроль над грошима та спілкуванням позбавляє можливості попросити про "
            "допомогу чи піти. Це ознака експлуатації. Якщо хтось перевіряє ваш телефон, "
            "користуйтеся швидким виходом і приватним вікном.",
        },
    },
    {
        "question": {
            "lv": "Vai kāds jūs ir spiedis vai piespiedis stāties dzimumattiecībās, "
            "fotografēties vai precēties?",
            "en": "Has anyone pressured or forced you to have sex, to be photographed, or to "
            "marry?",
            "ru": "Кто-то давил на вас или принуждал к сексу, съёмке или браку?",
            "uk": "Хтось тиснув на вас або примушував до сексу, зйомки чи шлюбу?",
        },
        "yes_means": {
            "lv": "Piespiešana dzimumattiecībām vai laulībai ir smags noziegums un "
            "cilvēku tirdzniecības forma. Jūs neesat vainīgi. Jums ir tiesības uz "
            "bezmaksas palīdzību un aizsardzību.",
            "en": "Being forced into sex or marriage is a serious crime and a form of "
            "trafficking. It is not your fault. You have the right to free help and "
            "protection.",
            "ru": "Принуждение к сексу или браку – тяжкое преступление и форма торговли "
            "людьми. Вы не виноваты. У вас есть право на бесплатную помощь и защиту.",
            "uk": "Примус до сексу чи шлюбу – тяжкий злочин і форма торгівлі людьми. Ви не "
            "винні. Ви маєте право на безкоштовну допомогу та захист.",
        },
    },
]

SELF_CHECK = {
    "slug": {
        "lv": "pasparbaude",
        "en": "self-check",
        "ru": "samoproverka",
        "uk": "samoperevirka",
    },
    "title": {
        "lv": "Vai mani ekspluatē? Anonīma pašpārbaude",
        "en": "Am I being exploited? An anonymous self-check",
        "ru": "Меня эксплуатируют? Анонимная самопроверка",
        "uk": "Мене експлуатують? Анонімна самоперевірка",
    },
    "introduction": {
        "lv": "Astoņi jautājumi par jūsu darbu un dzīvi. Atbildiet „jā”, „nē” vai „nezinu” "
        "un uzziniet, ko jūsu atbildes var nozīmēt un kur vērsties.",
        "en": "Eight questions about your work and your life. Answer “yes”, “no” or “not "
        "sure”, and find out what your answers may mean and where to turn.",
        "ru": "Восемь вопросов о вашей работе и жизни. Ответьте «да», «нет» или «не "
        "уверен(а)» и узнайте, что могут значить ваши ответы и куда обратиться.",
        "uk": "Вісім запитань про вашу роботу та життя. Дайте відповідь «так», «ні» або «не "
        "впевнений(а)» і дізнайтеся, що можуть означати ваші відповіді та куди звернутися.",
    },
    "search_description": {
        "lv": "Anonīma pašpārbaude: cilvēku tirdzniecības un piespiedu darba pazīmes un kur "
        "meklēt palīdzību.",
        "en": "An anonymous self-check: the signs of trafficking and forced labour, and where "
        "to get help.",
        "ru": "Анонимная самопроверка: признаки торговли людьми и принудительного труда и "
        "куда обратиться за помощью.",
        "uk": "Анонімна самоперевірка: ознаки торгівлі людьми та примусової праці і куди "
        "звернутися по допомогу.",
    },
    "fields": {"show_in_menus": True},
    "texts": {
        "result_signs": {
            "lv": "Dažas jūsu atbildes norāda uz ekspluatācijas vai cilvēku tirdzniecības "
            "pazīmēm. Tas nenozīmē, ka esat izdarījuši ko sliktu. Jums ir tiesības, un "
            "palīdzība ir bez maksas un konfidenciāla: parunājiet ar kādu tērzēšanā vai pa "
            "tālruni – savu vārdu varat nesaukt.",
            "en": "Some of your answers point to signs of exploitation or trafficking. That "
            "does not mean you did anything wrong. You have rights, and help is free and "
            "confidential: talk to someone in the chat or on the phone – you do not have "
            "to give your name.",
            "ru": "Некоторые ваши ответы указывают на признаки эксплуатации или торговли "
            "людьми. Это не значит, что вы сделали что-то плохое. У вас есть права, а "
            "помощь бесплатна и конфиденциальна: поговорите с кем-нибудь в чате или по "
            "телефону – называть имя не обязательно.",
            "uk": "Деякі ваші відповіді вказують на ознаки експлуатації або торгівлі людьми. "
            "Це не означає, що ви зробили щось погане. У вас є права, а допомога "
            "безкоштовна та конфіденційна: поговоріть із кимось у чаті чи телефоном – "
            "називати ім’я не обов’язково.",
        },
        "result_unsure": {
            "lv": "Par dažiem jautājumiem neesat pārliecināti. Tas ir normāli: ekspluatācija "
            "bieži sākas pamazām, un no iekšpuses to ir grūti saskatīt. Parunāt ar "
            "apmācītu cilvēku var palīdzēt – anonīmi un bez saistībām.",
            "en": "You are not sure about some of the questions. That is normal: exploitation "
            "often starts slowly, and it is hard to see from the inside. Talking it through "
            "with someone trained can help – anonymously, with no obligation.",
            "ru": "В некоторых вопросах вы не уверены. Это нормально: эксплуатация часто "
            "начинается постепенно, и изнутри её трудно заметить. Разговор с обученным "
            "специалистом может помочь – анонимно и ни к чему не обязывая.",
            "uk": "У деяких питаннях ви не впевнені. Це нормально: експлуатація часто "
            "починається поступово, і зсередини її важко помітити. Розмова з навченим "
            "фахівцем може допомогти – анонімно й ні до чого не зобов’язуючи.",
        },
        "result_no_signs": {
            "lv": "Neviena jūsu atbilde neliecina par biežākajām ekspluatācijas pazīmēm. Ja "
            "tomēr kaut kas šķiet nepareizi vai uztraucaties par kādu citu, varat anonīmi "
            "parunāt ar mums.",
            "en": "None of your answers point to the usual signs of exploitation. If something "
            "still feels wrong, or you are worried about someone else, you can talk to us "
            "anonymously.",
            "ru": "Ни один ваш ответ не указывает на обычные признаки эксплуатации. Если "
            "что-то всё же кажется неправильным или вы беспокоитесь о ком-то другом, вы "
            "можете анонимно поговорить с нами.",
            "uk": "Жодна ваша відповідь не вказує на звичайні ознаки експлуатації. Якщо "
            "щось усе ж здається неправильним або ви турбуєтеся про когось іншого, ви "
            "можете анонімно поговорити з нами.",
        },
    },
    "questions": SELF_CHECK_QUESTIONS,
}


# --- Accessibility statement ------------------------------------------------------------------
# The statement Directive (EU) 2016/2102 asks for, in the model's parts (compliance status, what
# is not accessible and why, how the statement was prepared, feedback, enforcement); linked from
# every footer. What is listed as not accessible is what this product's own checks found.

ACCESSIBILITY = {
    "slug": {
        "lv": "pieklustamiba",
        "en": "accessibility",
        "ru": "dostupnost",
        "uk": "dostupnist",
    },
    "title": {
        "lv": "Paziņojums par piekļūstamību",
        "en": "Accessibility statement",
        "ru": "Заявление о доступности",
        "uk": "Заява про доступність",
    },
    "introduction": {
        "lv": "Mēs vēlamies, lai šo vietni var lietot ikviens: ar ekrāna lasītāju, tikai ar "
        "tastatūru, ar palielinātu tekstu vai vecā telefonā.",
        "en": "We want everyone to be able to use this site: with a screen reader, with a "
        "keyboard only, with enlarged text or on an old phone.",
        "ru": "Мы хотим, чтобы этим сайтом мог пользоваться каждый: с программой чтения "
        "экрана, только с клавиатуры, с увеличенным текстом или на старом телефоне.",
        "uk": "Ми хочемо, щоб цим сайтом міг користуватися кожен: із програмою зчитування "
        "екрана, лише з клавіатури, зі збільшеним текстом або на старому телефоні.",
    },
    "search_description": {
        "lv": "Cik piekļūstama ir šī vietne, kas vēl nav piekļūstams un kā ziņot par problēmu.",
        "en": "How accessible this site is, what is not accessible yet and how to report a "
        "problem.",
        "ru": "Насколько доступен этот сайт, что ещё недоступно и как сообщить о проблеме.",
        "uk": "Наскільки доступний цей сайт, що ще недоступне і як повідомити про проблему.",
    },
    "texts": {
        "not_accessible": {
            "lv": "<ul><li>Dokumenti, ko publicējušas citas iestādes un uz kuriem mēs "
            "norādām (piemēram, PDF faili ziņās), var nebūt piekļūstami: tos mēs nevaram "
            "mainīt. Ja jums vajag kādu no tiem citā formā, uzrakstiet mums.</li>"
            "<li>Darbinieku pieteikšanās lapā dažu teksta rindu kontrasts ir 4,46:1, nedaudz "
            "zem prasītajiem 4,5:1. Apmeklētāji šo lapu neizmanto.</li></ul>",
            "en": "<ul><li>Documents published by other organisations that we link to (for "
            "example PDF files in the news) may not be accessible: we cannot change them. If "
            "you need one of them in another form, write to us.</li>"
            "<li>On the staff sign-in page, some lines of text have a contrast of 4.46:1, "
            "just under the required 4.5:1. Visitors do not use this page.</li></ul>",
            "ru": "<ul><li>Документы других организаций, на которые мы ссылаемся (например, "
            "PDF-файлы в новостях), могут быть недоступны: мы не можем их изменить. Если "
            "вам нужен какой-то из них в другой форме, напишите нам.</li>"
            "<li>На странице входа для сотрудников у некоторых строк текста контраст 4,46:1, "
            "чуть ниже требуемых 4,5:1. Посетители этой страницей не пользуются.</li></ul>",
            "uk": "<ul><li>Документи інших організацій, на які ми посилаємося (наприклад, "
            "PDF-файли в новинах), можуть бути недоступними: ми не можемо їх змінити. Якщо "
            "вам потрібен якийсь із них в іншій формі, напишіть нам.</li>"
            "<li>На сторінці входу для працівників деякі рядки тексту мають контраст 4,46:1, "
            "трохи нижче від потрібних 4,5:1. Відвідувачі цією сторінкою не користуються.</li>"
            "</ul>",
        },
        "feedback": {
            "lv": "<p>Ja kaut ko šajā vietnē nevarat izlasīt vai izmantot, pastāstiet mums: "
            "rakstiet uz pieklustamiba@lantern.example vai tērzētavā šajā lapā (arī anonīmi). "
            "Atbildēsim 10 darba dienu laikā un, ja varēsim, dosim informāciju citā formā.</p>",
            "en": "<p>If you cannot read or use something on this site, tell us: write to "
            "pieklustamiba@lantern.example or in the chat on this page (anonymously if you "
            "wish). We answer within 10 working days and, where we can, give you the "
            "information in another form.</p>",
            "ru": "<p>Если вы не можете прочитать или использовать что-то на этом сайте, "
            "сообщите нам: напишите на pieklustamiba@lantern.example или в чат на этой "
            "странице (можно анонимно). Мы ответим в течение 10 рабочих дней и, если сможем, "
            "дадим информацию в другой форме.</p>",
            "uk": "<p>Якщо ви не можете прочитати чи використати щось на цьому сайті, "
            "повідомте нам: напишіть на pieklustamiba@lantern.example або в чат на цій "
            "сторінці (можна анонімно). Ми відповімо протягом 10 робочих днів і, якщо "
            "зможемо, надамо інформацію в іншій формі.</p>",
        },
        "enforcement": {
            "lv": "<p>Ja neesat apmierināti ar mūsu atbildi, varat vērsties pie iestādes, kas "
            "Latvijā uzrauga tīmekļvietņu piekļūstamību, vai pie Tiesībsarga, ja uzskatāt, ka "
            "jūs diskriminē invaliditātes dēļ. Demonstrācijas vietne: organizācija, kas "
            "vietni uztur, šeit norāda savu uzraudzības iestādi un tās kontaktus.</p>",
            "en": "<p>If you are not satisfied with our answer, you can turn to the authority "
            "that monitors the accessibility of websites in Latvia, or to the Ombudsman "
            "(Tiesībsargs) if you think you are discriminated against because of a "
            "disability. Demo site: the organisation running the site names its supervisory "
            "authority and its contact details here.</p>",
            "ru": "<p>Если наш ответ вас не устроит, вы можете обратиться в учреждение, "
            "которое в Латвии следит за доступностью сайтов, или к Омбудсмену (Tiesībsargs), "
            "если считаете, что вас дискриминируют из-за инвалидности. Демонстрационный "
            "сайт: организация, которая ведёт сайт, указывает здесь свой надзорный орган и "
            "его контакты.</p>",
            "uk": "<p>Якщо наша відповідь вас не влаштує, ви можете звернутися до установи, "
            "яка в Латвії стежить за доступністю сайтів, або до Омбудсмена (Tiesībsargs), "
            "якщо вважаєте, що вас дискримінують через інвалідність. Демонстраційний сайт: "
            "організація, яка веде сайт, зазначає тут свій наглядовий орган і його "
            "контакти.</p>",
        },
    },
    "fields": {
        "show_in_menus": False,
        "compliance": "partial",
        "assessment": "self",
        "prepared_on": datetime.date(2026, 12, 3),
        "reviewed_on": datetime.date(2026, 12, 3),
    },
}
