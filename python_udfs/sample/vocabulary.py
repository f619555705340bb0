"""Static word lists for the sample-posting generator.

Kept apart from ``generate.py`` so the generation logic stays readable and the
vocabulary can be reviewed (or extended with a language) without touching code.
Everything here is plain immutable data: tuples and dicts of tuples.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "nl", "es")

FAMILIES: tuple[tuple[str, float], ...] = (
    ("Software Engineering", 0.30),
    ("Data Science", 0.15),
    ("Product Management", 0.12),
    ("Other", 0.43),
)

SENIORITIES: tuple[tuple[str, float], ...] = (("Entry", 0.30), ("Mid", 0.40), ("Senior", 0.30))

# Documented experience thresholds (inclusive lower bound, inclusive upper bound).
SENIORITY_BANDS: dict[str, tuple[int, int]] = {"Entry": (0, 2), "Mid": (3, 5), "Senior": (6, 99)}

# Pay multiplier relative to a mid-level software engineer.
SENIORITY_PAY: dict[str, float] = {"Entry": 0.72, "Mid": 1.0, "Senior": 1.35}


def _alts(text: str) -> tuple[str, ...]:
    """Split '|'-separated alternatives (keeps long word lists compact and diffable)."""
    return tuple(text.split("|"))


def _t(en: str, de: str, fr: str, nl: str, es: str) -> dict[str, tuple[str, ...]]:
    """Build a per-language mapping from '|'-separated alternatives."""
    return {k: _alts(v) for k, v in zip(LANGUAGES, (en, de, fr, nl, es))}


@dataclass(frozen=True)
class Country:
    """One country: how it is written, what it pays, where and on which boards it posts."""

    code: str
    name: str
    currency: str
    weight: float
    languages: tuple[tuple[str, float], ...]
    cities: tuple[str, ...]
    sources: tuple[tuple[str, float], ...]
    annual_base: int  # lower end of a mid-level software engineer's yearly pay
    monthly_share: float  # share of stated salaries quoted per month
    phone: str  # phone number pattern, 'd' = random digit
    postcode: str  # postcode pattern: 'd' digit, 'A' letter
    streets: tuple[str, ...]
    address: str  # '{street}', '{no}', '{pc}', '{city}'
    min_annual: int = 0  # pay floor (about the minimum wage), yearly in local currency
    cities_fr: tuple[str, ...] = field(default=())


COUNTRIES: tuple[Country, ...] = (
    Country(
        code="DE",
        name="Germany",
        currency="EUR",
        weight=22,
        languages=(("de", 0.8), ("en", 0.2)),
        cities=_alts(
            "Berlin|Hamburg|München|Köln|Frankfurt am "
            "Main|Stuttgart|Düsseldorf|Leipzig|Dresden|Hannover|Nürnberg"
        ),
        sources=(
            ("stepstone", 0.35),
            ("indeed", 0.25),
            ("linkedin", 0.25),
            ("xing", 0.1),
            ("glassdoor", 0.05),
        ),
        annual_base=70000,
        monthly_share=0.12,
        phone="+49 30 dddd dddd",
        postcode="ddddd",
        streets=_alts(
            "Friedrichstraße|Hauptstraße|Bahnhofstraße|Kaiserstraße|Lindenallee|Goeth"
            "estraße|Schillerstraße"
        ),
        address="{street} {no}, {pc} {city}",
        min_annual=26000,
    ),
    Country(
        code="GB",
        name="United Kingdom",
        currency="GBP",
        weight=18,
        languages=(("en", 1.0),),
        cities=_alts(
            "London|Manchester|Birmingham|Leeds|Glasgow|Edinburgh|Bristol|Cambridge|Li"
            "verpool|Belfast"
        ),
        sources=(
            ("reed", 0.35),
            ("indeed", 0.25),
            ("linkedin", 0.2),
            ("totaljobs", 0.12),
            ("glassdoor", 0.08),
        ),
        annual_base=52000,
        monthly_share=0.02,
        phone="+44 20 dddd dddd",
        postcode="AAd dAA",
        streets=_alts(
            "High Street|Baker Street|Station Road|King Street|Victoria Road|Church Lane"
        ),
        address="{no} {street}, {city} {pc}",
        min_annual=23000,
    ),
    Country(
        code="FR",
        name="France",
        currency="EUR",
        weight=14,
        languages=(("fr", 0.8), ("en", 0.2)),
        cities=_alts(
            "Paris|Lyon|Marseille|Toulouse|Bordeaux|Lille|Nantes|Strasbourg|Montpellier|Rennes"
        ),
        sources=(
            ("welcometothejungle", 0.3),
            ("indeed", 0.25),
            ("linkedin", 0.25),
            ("apec", 0.12),
            ("glassdoor", 0.08),
        ),
        annual_base=46000,
        monthly_share=0.12,
        phone="+33 d dd dd dd dd",
        postcode="ddddd",
        streets=_alts(
            "rue de la Paix|rue Lafayette|avenue Victor Hugo|rue de Rivoli|boulevard "
            "Haussmann|rue du Faubourg"
        ),
        address="{no} {street}, {pc} {city}",
        min_annual=22000,
    ),
    Country(
        code="NL",
        name="Netherlands",
        currency="EUR",
        weight=10,
        languages=(("nl", 0.6), ("en", 0.4)),
        cities=_alts("Amsterdam|Rotterdam|Utrecht|Den Haag|Eindhoven|Groningen|Delft|Haarlem"),
        sources=(
            ("jobbird", 0.25),
            ("indeed", 0.25),
            ("linkedin", 0.35),
            ("nationalevacaturebank", 0.15),
        ),
        annual_base=55000,
        monthly_share=0.25,
        phone="+31 20 ddd dddd",
        postcode="dddd AA",
        streets=_alts(
            "Herengracht|Keizersgracht|Stationsplein|Kerkstraat|Prinsengracht|Coolsingel"
        ),
        address="{street} {no}, {pc} {city}",
        min_annual=27000,
    ),
    Country(
        code="ES",
        name="Spain",
        currency="EUR",
        weight=10,
        languages=(("es", 0.8), ("en", 0.2)),
        cities=_alts("Madrid|Barcelona|Valencia|Sevilla|Málaga|Bilbao|Zaragoza"),
        sources=(("infojobs", 0.45), ("indeed", 0.2), ("linkedin", 0.3), ("tecnoempleo", 0.05)),
        annual_base=37000,
        monthly_share=0.12,
        phone="+34 91 ddd dd dd",
        postcode="ddddd",
        streets=_alts(
            "Calle de Alcalá|Calle Mayor|Gran Vía|Calle de Serrano|Paseo de Gracia|Calle Colón"
        ),
        address="{street} {no}, {pc} {city}",
        min_annual=16000,
    ),
    Country(
        code="CH",
        name="Switzerland",
        currency="CHF",
        weight=7,
        languages=(("de", 0.5), ("fr", 0.25), ("en", 0.25)),
        cities=_alts("Zürich|Basel|Bern|Zug|Luzern|Winterthur"),
        sources=(("jobsch", 0.4), ("linkedin", 0.35), ("indeed", 0.25)),
        annual_base=108000,
        monthly_share=0.12,
        phone="+41 44 ddd dd dd",
        postcode="dddd",
        streets=_alts("Bahnhofstrasse|Seestrasse|Rue du Rhône|Marktgasse|Avenue de la Gare"),
        address="{street} {no}, {pc} {city}",
        min_annual=48000,
        cities_fr=_alts("Genève|Lausanne|Neuchâtel|Fribourg"),
    ),
    Country(
        code="PL",
        name="Poland",
        currency="PLN",
        weight=7,
        languages=(("en", 1.0),),
        cities=_alts("Warszawa|Kraków|Wrocław|Gdańsk|Poznań|Łódź"),
        sources=(("pracuj", 0.5), ("linkedin", 0.35), ("justjoinit", 0.15)),
        annual_base=190000,
        monthly_share=0.8,
        phone="+48 22 ddd dd dd",
        postcode="dd-ddd",
        streets=_alts("ul. Marszałkowska|ul. Długa|ul. Prosta|ul. Piotrkowska|ul. Floriańska"),
        address="{street} {no}, {pc} {city}",
        min_annual=56000,
    ),
    Country(
        code="SE",
        name="Sweden",
        currency="SEK",
        weight=6,
        languages=(("en", 1.0),),
        cities=_alts("Stockholm|Göteborg|Malmö|Uppsala|Linköping"),
        sources=(("linkedin", 0.5), ("indeed", 0.3), ("platsbanken", 0.2)),
        annual_base=560000,
        monthly_share=0.8,
        phone="+46 8 ddd ddd dd",
        postcode="ddd dd",
        streets=_alts("Drottninggatan|Kungsgatan|Sveavägen|Storgatan|Vasagatan"),
        address="{street} {no}, {pc} {city}",
        min_annual=300000,
    ),
    Country(
        code="DK",
        name="Denmark",
        currency="DKK",
        weight=3,
        languages=(("en", 1.0),),
        cities=_alts("København|Aarhus|Odense|Aalborg"),
        sources=(("jobindex", 0.55), ("linkedin", 0.45)),
        annual_base=560000,
        monthly_share=0.8,
        phone="+45 dd dd dd dd",
        postcode="dddd",
        streets=_alts("Vesterbrogade|Nørregade|Strøget|Bredgade|Østergade"),
        address="{street} {no}, {pc} {city}",
        min_annual=330000,
    ),
    Country(
        code="NO",
        name="Norway",
        currency="NOK",
        weight=3,
        languages=(("en", 1.0),),
        cities=_alts("Oslo|Bergen|Trondheim|Stavanger"),
        sources=(("finn", 0.55), ("linkedin", 0.45)),
        annual_base=680000,
        monthly_share=0.8,
        phone="+47 ddd dd ddd",
        postcode="dddd",
        streets=_alts("Karl Johans gate|Storgata|Dronningens gate|Kongens gate"),
        address="{street} {no}, {pc} {city}",
        min_annual=400000,
    ),
)

# Boards that have their own salary field, and how often it is filled in.
BOARD_SALARY_FIELD: dict[str, float] = {
    "reed": 0.9,
    "totaljobs": 0.8,
    "indeed": 0.62,
    "stepstone": 0.62,
    "jobsch": 0.4,
    "glassdoor": 0.3,
    "infojobs": 0.4,
    "jobindex": 0.2,
    "pracuj": 0.35,
    "justjoinit": 0.45,
}
EXTRA_SOURCES: tuple[str, ...] = ("linkedin", "indeed", "glassdoor")

UNKNOWN_COUNTRIES: tuple[str | None, ...] = ("Atlantis", "XX", "Mars", None, "Narnia", "")
BAD_DATES: tuple[str, ...] = (
    "31/13/2025",
    "yesterday",
    "2025-02-30",
    "",
    "N/A",
    "32.01.2025",
    "last week",
)

# Yearly amounts are converted to these currencies for the rare USD postings.
EUR_RATE: dict[str, float] = {
    "EUR": 1.0,
    "GBP": 1.17,
    "CHF": 1.05,
    "PLN": 0.23,
    "SEK": 0.088,
    "DKK": 0.134,
    "NOK": 0.086,
}


@dataclass(frozen=True)
class Role:
    """A concrete job inside a family: its titles, duties, skills and pay level."""

    key: str
    family: str
    weight: float
    pay: float
    titles: dict[str, tuple[str, ...]]
    duties: dict[str, tuple[str, ...]]
    skills: dict[str, tuple[str, ...]]
    ambiguous: tuple[str, ...] = ()
    hourly: float = 0.0
    budget: bool = False


SE_DUTIES: dict[str, tuple[str, ...]] = _t(
    "You will design, build and maintain {tech} services and APIs used by our customers.|You "
    "will write clean, well-tested code, take part in code reviews and ship new features every "
    "week.|You will work on our {tech} codebase, improve our CI/CD pipelines and pair with "
    "other engineers on software architecture.",
    "Du konzipierst und entwickelst skalierbare Software und APIs mit {tech}.|Sie schreiben "
    "sauberen, getesteten Code, führen Code-Reviews durch und verbessern unsere CI/CD-"
    "Pipelines.|Du entwickelst neue Features für unsere {tech}-Plattform und verantwortest die "
    "Softwarearchitektur mit.",
    "Vous concevrez et développerez des services et des API en {tech} utilisés par nos "
    "clients.|Vous écrirez du code propre et testé, participerez aux revues de code et "
    "améliorerez notre chaîne CI/CD.|Vous ferez évoluer notre plateforme {tech} et contribuerez"
    " à l'architecture logicielle.",
    "Je ontwerpt, bouwt en onderhoudt software en API's in {tech} voor onze klanten.|Je "
    "schrijft schone, geteste code, doet code reviews en verbetert onze CI/CD-pipelines.|Je "
    "ontwikkelt nieuwe features voor ons {tech}-platform en denkt mee over de "
    "softwarearchitectuur.",
    "Diseñarás, desarrollarás y mantendrás servicios y APIs en {tech} para nuestros "
    "clientes.|Escribirás código limpio y probado, participarás en revisiones de código y "
    "mejorarás nuestra integración continua.|Desarrollarás nuevas funcionalidades en nuestra "
    "plataforma {tech} y participarás en la arquitectura del software.",
)

DS_DUTIES: dict[str, tuple[str, ...]] = _t(
    "You will build machine learning models, run statistical analyses and turn data into "
    "decisions.|You will develop forecasting and recommendation models in {tech} and design A/B"
    " tests.|You will train, evaluate and deploy predictive models together with our data "
    "engineers.",
    "Du entwickelst Machine-Learning-Modelle, führst statistische Analysen durch und machst "
    "Daten nutzbar.|Sie bauen Prognose- und Empfehlungsmodelle mit {tech} und werten A/B-Tests "
    "aus.|Du trainierst, evaluierst und deployst Vorhersagemodelle gemeinsam mit unseren Data "
    "Engineers.",
    "Vous développerez des modèles de machine learning et réaliserez des analyses statistiques "
    "pour guider nos décisions.|Vous construirez des modèles prédictifs en {tech} et concevrez "
    "des tests A/B.",
    "Je bouwt machine learning-modellen, voert statistische analyses uit en vertaalt data naar "
    "beslissingen.|Je ontwikkelt voorspellende modellen in {tech} en ontwerpt A/B-testen.",
    "Desarrollarás modelos de machine learning, realizarás análisis estadísticos y convertirás "
    "los datos en decisiones.|Construirás modelos predictivos en {tech} y diseñarás tests A/B.",
)

ANALYST_DUTIES: dict[str, tuple[str, ...]] = _t(
    "You will analyse large datasets with SQL, build dashboards in {tech} and apply statistics "
    "to answer business questions.|You will define KPIs, automate reporting and present data-"
    "driven insights to stakeholders.",
    "Du analysierst große Datenmengen mit SQL, baust Dashboards in {tech} und beantwortest "
    "Fachfragen mit statistischen Methoden.|Sie definieren KPIs, automatisieren das Reporting "
    "und präsentieren datenbasierte Erkenntnisse.",
    "Vous analyserez de grands volumes de données en SQL, construirez des tableaux de bord sous"
    " {tech} et appliquerez des méthodes statistiques.",
    "Je analyseert grote datasets met SQL, bouwt dashboards in {tech} en past statistiek toe op"
    " bedrijfsvragen.",
    "Analizarás grandes volúmenes de datos con SQL, crearás cuadros de mando en {tech} y "
    "aplicarás estadística a preguntas de negocio.",
)

PM_DUTIES: dict[str, tuple[str, ...]] = _t(
    "You will own the product roadmap, prioritise the backlog and define features together with"
    " engineering and design.|You will talk to customers, translate their needs into user "
    "stories and measure the impact of every release.",
    "Du verantwortest die Produkt-Roadmap, priorisierst das Backlog und definierst Features "
    "gemeinsam mit Entwicklung und Design.|Sie sprechen mit Kunden, übersetzen deren "
    "Bedürfnisse in User Stories und messen den Erfolg jedes Releases.",
    "Vous serez responsable de la roadmap produit, prioriserez le backlog et définirez les "
    "fonctionnalités avec les équipes tech et design.|Vous recueillerez les besoins des clients"
    " et les traduirez en user stories.",
    "Je bent eigenaar van de productroadmap, prioriteert de backlog en definieert features "
    "samen met development en design.|Je spreekt klanten, vertaalt hun behoeften naar user "
    "stories en meet de impact van elke release.",
    "Serás responsable del roadmap de producto, priorizarás el backlog y definirás "
    "funcionalidades junto con ingeniería y diseño.|Hablarás con clientes y traducirás sus "
    "necesidades en historias de usuario.",
)


SE, DS, PM, OT = "Software Engineering", "Data Science", "Product Management", "Other"
_NEUTRAL = "*"

ROLES: tuple[Role, ...] = (
    Role(
        "se_generic",
        SE,
        0.30,
        1.0,
        _t(
            "Software Engineer|Software Developer",
            "Softwareentwickler|Software Engineer|Softwareingenieur|Anwendungsentwickler",
            "Ingénieur logiciel|Développeur logiciel",
            "Softwareontwikkelaar|Software Engineer|Software developer",
            "Ingeniero de software|Desarrollador de software",
        ),
        SE_DUTIES,
        {_NEUTRAL: ("Java", "C#", ".NET", "Python", "C++", "microservices")},
        ("consultant", "engineer"),
    ),
    Role(
        "se_backend",
        SE,
        0.30,
        1.0,
        _t(
            "Backend Developer|Backend Engineer|Java Developer|Python Developer|Go Engineer",
            "Backend-Entwickler|Java-Entwickler|Python-Entwickler",
            "Développeur backend|Développeur Java|Ingénieur backend",
            "Backend developer|Java ontwikkelaar",
            "Desarrollador backend|Programador Java|Desarrollador Python",
        ),
        SE_DUTIES,
        {_NEUTRAL: ("Java", "Python", "Go", "Kotlin", "Spring Boot", "Node.js", "PostgreSQL")},
        ("engineer",),
    ),
    Role(
        "se_frontend",
        SE,
        0.17,
        0.97,
        _t(
            "Frontend Engineer|Frontend Developer|React Developer",
            "Frontend-Entwickler|Webentwickler",
            "Développeur frontend|Développeur React",
            "Frontend developer|Front-end ontwikkelaar",
            "Desarrollador frontend|Programador web",
        ),
        SE_DUTIES,
        {_NEUTRAL: ("React", "TypeScript", "Vue.js", "Angular")},
    ),
    Role(
        "se_fullstack",
        SE,
        0.15,
        1.0,
        _t(
            "Full Stack Developer|Full-Stack Engineer",
            "Full-Stack-Entwickler|Fullstack Entwickler",
            "Développeur full stack|Développeur fullstack",
            "Full stack developer|Fullstack ontwikkelaar",
            "Desarrollador full stack",
        ),
        SE_DUTIES,
        {_NEUTRAL: ("React/Node.js", "TypeScript", "Django", "Ruby on Rails")},
    ),
    Role(
        "se_mobile",
        SE,
        0.08,
        1.0,
        _t(
            "iOS Developer|Android Engineer|Mobile Developer",
            "App-Entwickler|iOS-Entwickler",
            "Développeur mobile|Développeur iOS",
            "App developer|Android ontwikkelaar",
            "Desarrollador móvil|Desarrollador Android",
        ),
        SE_DUTIES,
        {_NEUTRAL: ("Swift", "Kotlin", "Flutter", "React Native")},
    ),
    Role(
        "ds_scientist",
        DS,
        0.40,
        1.02,
        _t(
            "Data Scientist",
            "Data Scientist|Datenwissenschaftler",
            "Data Scientist|Data scientist",
            "Data scientist",
            "Científico de datos|Data Scientist",
        ),
        DS_DUTIES,
        {_NEUTRAL: ("Python", "PyTorch", "scikit-learn", "Spark", "R")},
        ("analyst", "consultant"),
    ),
    Role(
        "ds_ml",
        DS,
        0.25,
        1.08,
        _t(
            "ML Engineer|Machine Learning Engineer",
            "Machine Learning Engineer|ML Engineer",
            "Ingénieur machine learning|Ingénieur ML",
            "Machine learning engineer",
            "Ingeniero de machine learning|Ingeniero de aprendizaje automático",
        ),
        DS_DUTIES,
        {_NEUTRAL: ("PyTorch", "TensorFlow", "MLOps", "Python")},
        ("engineer",),
    ),
    Role(
        "ds_analyst",
        DS,
        0.35,
        0.85,
        _t(
            "Data Analyst|Business Intelligence Analyst",
            "Data Analyst|Datenanalyst",
            "Analyste de données|Data analyst",
            "Data-analist|Data analist",
            "Analista de datos",
        ),
        ANALYST_DUTIES,
        {_NEUTRAL: ("Power BI", "Tableau", "Looker", "SQL")},
        ("analyst", "specialist", "associate"),
    ),
    Role(
        "pm_manager",
        PM,
        0.65,
        1.03,
        _t(
            "Product Manager|Technical Product Manager",
            "Produktmanager|Product Manager",
            "Chef de produit|Product Manager|Responsable produit",
            "Productmanager|Product manager",
            "Gerente de producto|Product Manager|Responsable de producto",
        ),
        PM_DUTIES,
        {_NEUTRAL: ("Scrum", "Jira", "OKRs", "B2B SaaS", "product discovery")},
        ("associate",),
        budget=True,
    ),
    Role(
        "pm_owner",
        PM,
        0.35,
        0.98,
        _t(
            "Product Owner",
            "Product Owner",
            "Product Owner",
            "Product owner",
            "Product Owner|Propietario de producto",
        ),
        PM_DUTIES,
        {_NEUTRAL: ("Scrum", "Jira", "SAFe", "Kanban")},
        ("associate",),
    ),
    Role(
        "accountant",
        OT,
        0.09,
        0.72,
        _t(
            "Accountant|Financial Accountant",
            "Buchhalter|Finanzbuchhalter",
            "Comptable",
            "Boekhouder|Financieel administrateur",
            "Contable|Contador",
        ),
        _t(
            "You will prepare the monthly closing, reconcile accounts and support the "
            "annual audit.",
            "Du erstellst Monatsabschlüsse, stimmst Konten ab und unterstützt beim "
            "Jahresabschluss.",
            "Vous assurerez la clôture mensuelle, le rapprochement des comptes et la "
            "préparation du bilan.",
            "Je verzorgt de maandafsluiting, stemt rekeningen af en ondersteunt bij de "
            "jaarrekening.",
            "Prepararás el cierre mensual, conciliarás cuentas y apoyarás la auditoría anual.",
        ),
        {_NEUTRAL: ("SAP FI", "DATEV", "IFRS", "Excel")},
        ("associate",),
        0.05,
    ),
    Role(
        "sales",
        OT,
        0.09,
        0.8,
        _t(
            "Sales Manager|Account Executive",
            "Vertriebsmitarbeiter|Account Manager",
            "Commercial|Chargé d'affaires",
            "Verkoper|Accountmanager",
            "Comercial|Ejecutivo de ventas",
        ),
        _t(
            "You will win new B2B customers, negotiate contracts and grow existing accounts.",
            "Du gewinnst Neukunden im B2B-Umfeld, verhandelst Verträge und baust "
            "Bestandskunden aus.",
            "Vous développerez un portefeuille de clients B2B et négocierez les contrats.",
            "Je werft nieuwe zakelijke klanten, onderhandelt over contracten en bouwt "
            "relaties uit.",
            "Captarás nuevos clientes B2B, negociarás contratos y harás crecer la cartera.",
        ),
        {_NEUTRAL: ("Salesforce", "HubSpot", "CRM")},
        ("associate",),
        0.05,
    ),
    Role(
        "nurse",
        OT,
        0.07,
        0.6,
        _t(
            "Nurse|Registered Nurse",
            "Pflegefachkraft|Gesundheits- und Krankenpfleger",
            "Infirmier|Infirmier/Infirmière",
            "Verpleegkundige",
            "Enfermero|Enfermero/a",
        ),
        _t(
            "You will care for patients on our ward, administer medication and document "
            "treatment plans.",
            "Du betreust Patientinnen und Patienten auf unserer Station und dokumentierst "
            "die Pflege.",
            "Vous assurerez les soins des patients, l'administration des traitements et le "
            "suivi du dossier de soins.",
            "Je verzorgt patiënten op onze afdeling, dient medicatie toe en rapporteert in "
            "het dossier.",
            "Atenderás a los pacientes de la planta, administrarás la medicación y "
            "registrarás los cuidados.",
        ),
        _t(
            "patient care|intensive care",
            "Intensivpflege|Patientenversorgung",
            "soins intensifs|gériatrie",
            "acute zorg|ouderenzorg",
            "cuidados intensivos|urgencias",
        ),
        (),
        0.35,
    ),
    Role(
        "hr",
        OT,
        0.05,
        0.8,
        _t(
            "HR Business Partner|HR Generalist",
            "HR Business Partner|Personalreferent",
            "Chargé RH|HR Business Partner",
            "HR adviseur|HR business partner",
            "Técnico de RRHH|HR Business Partner",
        ),
        _t(
            "You will advise managers on people topics, run recruiting and handle employee "
            "relations.",
            "Du berätst Führungskräfte in Personalfragen und begleitest Recruiting und Onboarding.",
            "Vous accompagnerez les managers sur les sujets RH, le recrutement et l'intégration.",
            "Je adviseert leidinggevenden over HR-vraagstukken en begeleidt werving en selectie.",
            "Asesorarás a los responsables en temas de personas y gestionarás la selección.",
        ),
        {_NEUTRAL: ("Workday", "SAP SuccessFactors", "Personio")},
        ("specialist",),
    ),
    Role(
        "marketing",
        OT,
        0.06,
        0.8,
        _t(
            "Marketing Manager|Content Marketing Manager",
            "Marketing Manager|Online-Marketing-Manager",
            "Responsable marketing|Chargé de marketing",
            "Marketingmanager|Marketing manager",
            "Responsable de marketing|Especialista en marketing",
        ),
        _t(
            "You will plan campaigns, manage our social media channels and track marketing KPIs.",
            "Du planst Kampagnen, steuerst unsere Social-Media-Kanäle und misst den Erfolg.",
            "Vous piloterez les campagnes, les réseaux sociaux et le suivi des indicateurs "
            "marketing.",
            "Je plant campagnes, beheert onze social media-kanalen en rapporteert over resultaten.",
            "Planificarás campañas, gestionarás redes sociales y medirás los resultados.",
        ),
        {_NEUTRAL: ("Google Ads", "HubSpot", "SEO", "SEA")},
        ("specialist",),
        budget=True,
    ),
    Role(
        "project",
        OT,
        0.07,
        0.9,
        _t(
            "Project Manager|Construction Project Manager",
            "Projektleiter|Projektmanager",
            "Chef de projet",
            "Projectmanager|Projectleider",
            "Jefe de proyecto|Gestor de proyectos",
        ),
        _t(
            "You will plan and steer projects, manage suppliers and report progress to the "
            "steering committee.",
            "Du planst und steuerst Projekte, koordinierst Dienstleister und berichtest an "
            "den Lenkungsausschuss.",
            "Vous piloterez les projets, coordonnerez les prestataires et rendrez compte au "
            "comité de pilotage.",
            "Je plant en stuurt projecten aan, beheert leveranciers en rapporteert aan de "
            "stuurgroep.",
            "Planificarás y dirigirás proyectos, coordinarás proveedores e informarás al "
            "comité de dirección.",
        ),
        {_NEUTRAL: ("PRINCE2", "PMP", "MS Project")},
        (),
        budget=True,
    ),
    Role(
        "project_software",
        OT,
        0.05,
        0.95,
        _t(
            "Project Manager Software|IT Project Manager|Software Project Manager",
            "Projektleiter Software|IT-Projektmanager",
            "Chef de projet informatique|Chef de projet logiciel",
            "Projectmanager software|IT projectmanager",
            "Jefe de proyecto de software|Jefe de proyectos IT",
        ),
        _t(
            "You will plan IT projects, manage timelines, budgets and vendors and keep "
            "stakeholders informed; you will not write code yourself.",
            "Du planst IT-Projekte, steuerst Termine, Budgets und Dienstleister und "
            "informierst die Stakeholder.",
            "Vous planifierez les projets informatiques et piloterez délais, budgets et "
            "prestataires.",
            "Je plant IT-projecten en bewaakt planning, budget en leveranciers.",
            "Planificarás proyectos de IT y controlarás plazos, presupuestos y proveedores.",
        ),
        {_NEUTRAL: ("PRINCE2", "PMP", "Jira")},
        (),
        budget=True,
    ),
    Role(
        "support",
        OT,
        0.06,
        0.5,
        _t(
            "Customer Support Agent|Customer Service Representative",
            "Kundenservice-Mitarbeiter|Kundenbetreuer",
            "Conseiller clientèle|Chargé de support client",
            "Klantenservice medewerker",
            "Agente de atención al cliente",
        ),
        _t(
            "You will answer customer questions by phone, chat and e-mail and solve their "
            "problems.",
            "Du beantwortest Kundenanfragen per Telefon, Chat und E-Mail.",
            "Vous répondrez aux demandes des clients par téléphone, chat et e-mail.",
            "Je beantwoordt vragen van klanten via telefoon, chat en e-mail.",
            "Atenderás las consultas de los clientes por teléfono, chat y correo.",
        ),
        {_NEUTRAL: ("Zendesk", "Freshdesk", "Salesforce Service Cloud")},
        ("specialist",),
        0.3,
    ),
    Role(
        "warehouse",
        OT,
        0.06,
        0.45,
        _t(
            "Warehouse Operative|Warehouse Worker",
            "Lagerist|Lagermitarbeiter|Fachkraft für Lagerlogistik",
            "Préparateur de commandes|Magasinier",
            "Magazijnmedewerker|Orderpicker",
            "Mozo de almacén|Operario de almacén",
        ),
        _t(
            "You will pick and pack orders, load lorries and keep the warehouse tidy.",
            "Du kommissionierst Ware, belädst LKW und sorgst für Ordnung im Lager.",
            "Vous préparerez les commandes, chargerez les camions et veillerez au "
            "rangement de l'entrepôt.",
            "Je verzamelt orders, laadt vrachtwagens en houdt het magazijn op orde.",
            "Prepararás pedidos, cargarás camiones y mantendrás el almacén ordenado.",
        ),
        _t(
            "forklift driving|warehouse scanners",
            "Staplerfahren|Lagerverwaltungssysteme",
            "conduite de chariot|CACES",
            "heftruck rijden|scanners",
            "carretilla elevadora|escáneres",
        ),
        (),
        0.5,
    ),
    Role(
        "electrician",
        OT,
        0.05,
        0.6,
        _t(
            "Electrician|Maintenance Electrician",
            "Elektriker|Elektroniker",
            "Électricien",
            "Elektricien|Monteur elektrotechniek",
            "Electricista",
        ),
        _t(
            "You will install, test and repair electrical installations at customer sites.",
            "Du installierst, prüfst und wartest elektrische Anlagen bei unseren Kunden.",
            "Vous installerez et dépannerez des installations électriques chez nos clients.",
            "Je installeert, test en repareert elektrische installaties bij klanten.",
            "Instalarás, revisarás y repararás instalaciones eléctricas en casa del cliente.",
        ),
        _t(
            "wiring regulations|PLC systems",
            "Elektroinstallation|SPS-Technik",
            "habilitations électriques|automatismes",
            "NEN 1010|PLC-besturingen",
            "baja tensión|automatismos",
        ),
        (),
        0.35,
    ),
    Role(
        "teacher",
        OT,
        0.05,
        0.6,
        _t(
            "Teacher|Secondary School Teacher",
            "Lehrer|Lehrkraft",
            "Professeur|Enseignant",
            "Docent|Leraar",
            "Profesor|Docente",
        ),
        _t(
            "You will plan and teach lessons, assess pupils and work with parents.",
            "Du planst und hältst Unterricht, bewertest Leistungen und arbeitest mit Eltern "
            "zusammen.",
            "Vous préparerez et animerez les cours et suivrez la progression des élèves.",
            "Je bereidt lessen voor, geeft les en volgt de voortgang van leerlingen.",
            "Prepararás e impartirás clases y evaluarás al alumnado.",
        ),
        _t(
            "mathematics|English",
            "Mathematik|Englisch",
            "mathématiques|anglais",
            "wiskunde|Engels",
            "matemáticas|inglés",
        ),
        (),
        0.2,
    ),
    Role(
        "lawyer",
        OT,
        0.04,
        1.0,
        _t(
            "Lawyer|Solicitor|Legal Counsel",
            "Rechtsanwalt|Syndikusanwalt|Legal Counsel",
            "Avocat|Juriste",
            "Advocaat|Bedrijfsjurist",
            "Abogado|Asesor jurídico",
        ),
        _t(
            "You will draft and negotiate contracts and advise the business on legal risks.",
            "Du entwirfst und verhandelst Verträge und berätst das Management in Rechtsfragen.",
            "Vous rédigerez et négocierez les contrats et conseillerez les équipes sur les "
            "risques juridiques.",
            "Je stelt contracten op, onderhandelt en adviseert over juridische risico's.",
            "Redactarás y negociarás contratos y asesorarás sobre riesgos legales.",
        ),
        _t(
            "commercial contracts|GDPR",
            "Vertragsrecht|DSGVO",
            "droit des contrats|RGPD",
            "contractenrecht|AVG",
            "derecho mercantil|RGPD",
        ),
        ("associate",),
    ),
    Role(
        "product_marketing",
        OT,
        0.05,
        0.95,
        _t(
            "Product Marketing Manager",
            "Product Marketing Manager|Produktmarketing-Manager",
            "Responsable marketing produit|Product Marketing Manager",
            "Product marketing manager",
            "Responsable de marketing de producto|Product Marketing Manager",
        ),
        _t(
            "You will own positioning and messaging, plan product launches and enable the "
            "sales team.",
            "Du verantwortest Positionierung und Messaging, planst Produkteinführungen und "
            "befähigst den Vertrieb.",
            "Vous définirez le positionnement, les messages et les lancements produit pour "
            "les équipes commerciales.",
            "Je bent verantwoordelijk voor positionering, messaging en productlanceringen.",
            "Definirás el posicionamiento y los mensajes y planificarás los lanzamientos.",
        ),
        {_NEUTRAL: ("go-to-market", "HubSpot", "competitive analysis")},
        (),
        budget=True,
    ),
    Role(
        "sales_engineer",
        OT,
        0.04,
        0.9,
        _t(
            "Sales Engineer|Technical Sales Engineer",
            "Sales Engineer|Vertriebsingenieur",
            "Ingénieur commercial|Ingénieur d'affaires",
            "Sales engineer|Technisch commercieel medewerker",
            "Ingeniero de ventas|Ingeniero comercial",
        ),
        _t(
            "You will run product demos, answer technical questions in the sales process "
            "and prepare customer offers.",
            "Du führst Produktdemos durch, beantwortest technische Fragen im Vertrieb und "
            "erstellst Angebote.",
            "Vous réaliserez des démonstrations, répondrez aux questions techniques et "
            "préparerez les offres.",
            "Je geeft productdemo's, beantwoordt technische vragen en stelt offertes op.",
            "Harás demostraciones, resolverás dudas técnicas y prepararás ofertas.",
        ),
        {_NEUTRAL: ("CRM", "industrial automation", "B2B sales")},
        ("engineer",),
    ),
    Role(
        "data_entry",
        OT,
        0.04,
        0.42,
        _t(
            "Data Entry Clerk|Data Entry Operator",
            "Datenerfasser|Mitarbeiter Datenerfassung",
            "Opérateur de saisie|Agent de saisie de données",
            "Data entry medewerker|Medewerker data-invoer",
            "Grabador de datos|Operador de entrada de datos",
        ),
        _t(
            "You will enter invoices and orders into our systems and check them for errors.",
            "Du erfasst Rechnungen und Bestellungen in unseren Systemen und prüfst sie auf Fehler.",
            "Vous saisirez les factures et les commandes dans nos outils et contrôlerez les "
            "erreurs.",
            "Je voert facturen en orders in onze systemen in en controleert ze op fouten.",
            "Introducirás facturas y pedidos en nuestros sistemas y revisarás los errores.",
        ),
        {_NEUTRAL: ("Excel", "SAP", "10-finger typing")},
        (),
        0.4,
    ),
    Role(
        "software_sales",
        OT,
        0.03,
        0.85,
        _t(
            "Software Sales Representative|Account Executive Software",
            "Vertriebsmitarbeiter Software",
            "Commercial logiciels",
            "Accountmanager software",
            "Comercial de software",
        ),
        _t(
            "You will sell our software licences to mid-sized companies and manage the "
            "full sales cycle.",
            "Du verkaufst unsere Softwarelizenzen an mittelständische Unternehmen.",
            "Vous vendrez nos licences logicielles aux PME et gérerez tout le cycle de vente.",
            "Je verkoopt onze softwarelicenties aan middelgrote bedrijven.",
            "Venderás nuestras licencias de software a medianas empresas.",
        ),
        {_NEUTRAL: ("Salesforce", "SaaS sales", "CRM")},
        (),
    ),
    Role(
        "mechanical",
        OT,
        0.04,
        0.85,
        _t(
            "Mechanical Engineer|Civil Engineer",
            "Maschinenbauingenieur|Bauingenieur",
            "Ingénieur mécanique|Ingénieur génie civil",
            "Werktuigbouwkundig ingenieur|Civiel ingenieur",
            "Ingeniero mecánico|Ingeniero civil",
        ),
        _t(
            "You will design mechanical components in CAD, run stress calculations and "
            "support production.",
            "Du konstruierst mechanische Bauteile in CAD und begleitest die Fertigung.",
            "Vous concevrez des pièces mécaniques sous CAO et suivrez la production.",
            "Je ontwerpt mechanische onderdelen in CAD en ondersteunt de productie.",
            "Diseñarás componentes mecánicos en CAD y darás soporte a producción.",
        ),
        {_NEUTRAL: ("SolidWorks", "CATIA", "AutoCAD")},
        ("engineer",),
    ),
    Role(
        "financial_analyst",
        OT,
        0.03,
        0.85,
        _t(
            "Financial Analyst|Credit Risk Analyst",
            "Finanzanalyst|Controller",
            "Contrôleur de gestion|Analyste financier",
            "Financieel analist|Controller",
            "Analista financiero|Controller financiero",
        ),
        _t(
            "You will prepare budgets and forecasts, analyse variances and report to the CFO.",
            "Du erstellst Budgets und Forecasts, analysierst Abweichungen und berichtest an "
            "den CFO.",
            "Vous établirez budgets et prévisions et analyserez les écarts pour le DAF.",
            "Je stelt budgetten en forecasts op en analyseert afwijkingen.",
            "Elaborarás presupuestos y previsiones y analizarás desviaciones.",
        ),
        {_NEUTRAL: ("Excel", "SAP CO", "Power BI")},
        ("analyst",),
    ),
    Role(
        "mgmt_consultant",
        OT,
        0.03,
        1.0,
        _t(
            "Management Consultant",
            "Unternehmensberater",
            "Consultant en stratégie",
            "Bedrijfsadviseur",
            "Consultor de estrategia",
        ),
        _t(
            "You will advise clients on strategy and operations and lead workshops with "
            "their management.",
            "Du berätst Kunden zu Strategie und Prozessen und moderierst Workshops.",
            "Vous conseillerez nos clients sur leur stratégie et animerez des ateliers.",
            "Je adviseert klanten over strategie en processen en leidt workshops.",
            "Asesorarás a clientes en estrategia y operaciones y dirigirás talleres.",
        ),
        {_NEUTRAL: ("PowerPoint", "Excel", "lean management")},
        ("consultant",),
    ),
)

# Titles that say nothing about the family; the description decides (gold = role family).
AMBIGUOUS_TITLES: dict[str, dict[str, tuple[str, ...]]] = {
    "consultant": _t("Consultant", "Consultant|Berater", "Consultant", "Consultant", "Consultor"),
    "engineer": _t("Engineer", "Engineer|Ingenieur", "Ingénieur", "Engineer", "Ingeniero"),
    "analyst": _t("Analyst", "Analyst", "Analyste", "Analist", "Analista"),
    "specialist": _t("Specialist", "Spezialist", "Spécialiste", "Specialist", "Especialista"),
    "associate": _t("Associate", "Associate", "Associate", "Associate", "Asociado"),
}

DE_FEMININE: frozenset[str] = frozenset(
    {"Pflegefachkraft", "Lehrkraft", "Fachkraft für Lagerlogistik"}
)
GENDER_TAGS: dict[str, tuple[str, ...]] = {
    "de": ("(m/w/d)", "(w/m/d)", "(m/f/d)", "(m/w/d)"),
    "fr": ("(H/F)", "(F/H)", "H/F", "(H/F)"),
}
GENDER_TAG_SHARE: dict[str, float] = {"de": 0.85, "fr": 0.7}

# Seniority title markers: (text, position, tech_only). Positions: pre, post, paren,
# tail (after the gender tag), leit (German adjective that agrees with the noun).
MARKERS: dict[str, dict[str, tuple[tuple[str, str, bool], ...]]] = {
    "en": {
        "Entry": (
            ("Junior", "pre", False),
            ("Jr.", "pre", False),
            ("Graduate", "pre", False),
            ("Trainee", "pre", False),
            ("Entry Level", "pre", False),
        ),
        "Mid": (
            ("Mid-Level", "pre", False),
            ("Intermediate", "pre", False),
            ("Mid-level", "pre", False),
        ),
        "Senior": (
            ("Senior", "pre", False),
            ("Sr.", "pre", False),
            ("Lead", "pre", False),
            ("Principal", "pre", True),
            ("Staff", "pre", True),
        ),
    },
    "de": {
        "Entry": (
            ("Junior", "pre", False),
            ("Trainee", "pre", False),
            ("Berufseinsteiger", "tail", False),
        ),
        "Mid": (("Mid-Level", "pre", False),),
        "Senior": (("Senior", "pre", False), ("Leitender", "leit", False), ("Lead", "pre", True)),
    },
    "fr": {
        "Entry": (
            ("junior", "post", False),
            ("débutant(e)", "post", False),
            ("Junior", "pre", False),
        ),
        "Mid": (("confirmé(e)", "post", False), ("confirmé", "post", False)),
        "Senior": (("senior", "post", False), ("Senior", "pre", False), ("Lead", "pre", True)),
    },
    "nl": {
        "Entry": (("Junior", "pre", False), ("Starter", "pre", False), ("starter", "paren", False)),
        "Mid": (("Medior", "pre", False),),
        "Senior": (("Senior", "pre", False), ("Lead", "pre", True)),
    },
    "es": {
        "Entry": (("junior", "post", False), ("Junior", "pre", False)),
        "Mid": (
            ("Semi Senior", "post", False),
            ("semi senior", "post", False),
            ("Semi-Senior", "post", False),
        ),
        "Senior": (
            ("sénior", "post", False),
            ("Senior", "post", False),
            ("Sénior", "post", False),
            ("Senior", "pre", False),
        ),
    },
}

# ---------------------------------------------------------------- companies
COMPANY_PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "DE": (
        (
            "Nordlicht",
            "Rheinblick",
            "Alpenglanz",
            "Hafenwerk",
            "Spreeblick",
            "Isarwerk",
            "Elbtal",
            "Lindenhof",
            "Falkenstein",
            "Sonnenfeld",
            "Weitblick",
            "Brückner",
        ),
        (
            "Software",
            "Analytics",
            "Logistik",
            "Systems",
            "Digital",
            "Energie",
            "Consulting",
            "Medizintechnik",
            "Versicherungen",
            "Handel",
        ),
        ("GmbH", "AG", "SE", "GmbH & Co. KG"),
    ),
    "GB": (
        (
            "Brightwave",
            "Kestrel",
            "Ironbridge",
            "Thameside",
            "Bluebell",
            "Oakridge",
            "Redfern",
            "Harbourview",
            "Greystone",
            "Hawthorn",
            "Silverline",
            "Northgate",
        ),
        (
            "Analytics",
            "Software",
            "Logistics",
            "Health",
            "Energy",
            "Consulting",
            "Retail",
            "Insurance",
            "Labs",
            "Systems",
        ),
        ("Ltd", "plc", "Limited", "Group"),
    ),
    "FR": (
        (
            "Azur",
            "Montclair",
            "Lumière",
            "Belle Rive",
            "Quartz",
            "Mistral",
            "Cèdre",
            "Horizon",
            "Boréal",
            "Orée",
        ),
        (
            "Logiciels",
            "Analytique",
            "Conseil",
            "Santé",
            "Énergie",
            "Digital",
            "Logistique",
            "Assurances",
        ),
        ("SAS", "SA", "SARL"),
    ),
    "NL": (
        (
            "Duinzicht",
            "Polderwerk",
            "Grachtenhuis",
            "Tulpenveld",
            "Windmolen",
            "Noordzee",
            "Lindeboom",
            "Zilverberg",
        ),
        ("Software", "Analytics", "Logistiek", "Zorg", "Energie", "Advies", "Digital"),
        ("B.V.", "N.V."),
    ),
    "ES": (
        ("Solara", "Costa Azul", "Brisa", "Alhambra", "Mirador", "Sierra", "Olivar", "Marea"),
        ("Software", "Analítica", "Logística", "Salud", "Energía", "Consultoría", "Digital"),
        ("S.L.", "S.A."),
    ),
    "CH": (
        ("Alpenglow", "Matterhorn", "Seeblick", "Jura", "Léman", "Rigi", "Säntis", "Aare"),
        ("Software", "Analytics", "Systems", "Pharma", "Finanz", "Consulting"),
        ("AG", "SA", "GmbH", "Sàrl"),
    ),
    "PL": (
        ("Vistula", "Tatra", "Bursztyn", "Wawel", "Baltyk", "Mazowsze"),
        ("Software", "Analytics", "Logistics", "Systems", "Tech"),
        ("Sp. z o.o.", "S.A."),
    ),
    "SE": (
        ("Oresund", "Nordvik", "Fjällvind", "Skärgård", "Lingon", "Vasa"),
        ("Software", "Analytics", "Logistics", "Energy", "Systems"),
        ("AB",),
    ),
    "DK": (
        ("Kattegat", "Nyhavn", "Bølge", "Fyrtårn", "Skagen"),
        ("Software", "Analytics", "Logistics", "Energy", "Systems"),
        ("A/S", "ApS"),
    ),
    "NO": (
        ("Fjord", "Nordlys", "Bergvik", "Havbris", "Lofoten"),
        ("Software", "Analytics", "Logistics", "Energy", "Systems"),
        ("AS", "ASA"),
    ),
}
SURNAMES: dict[str, tuple[tuple[str, ...], str]] = {
    "DE": (("Müller", "Schmidt", "Weber", "Wagner", "Becker"), "{a} & {b} GmbH"),
    "GB": (("Smith", "Jones", "Taylor", "Brown", "Wilson"), "{a} & {b} LLP"),
    "FR": (("Dubois", "Martin", "Bernard", "Lefèvre", "Moreau"), "{a} & {b} Associés"),
    "NL": (("Jansen", "De Vries", "Bakker", "Visser", "Smit"), "{a} & {b} B.V."),
    "ES": (("García", "López", "Martínez", "Sánchez", "Romero"), "{a} & {b} Asociados S.L."),
    "CH": (("Meier", "Keller", "Favre", "Huber", "Rochat"), "{a} & {b} AG"),
    "PL": (("Nowak", "Kowalski", "Wiśniewski", "Wójcik"), "{a} & {b} Sp.k."),
    "SE": (("Andersson", "Johansson", "Karlsson", "Nilsson"), "{a} & {b} AB"),
    "DK": (("Jensen", "Nielsen", "Hansen", "Pedersen"), "{a} & {b} A/S"),
    "NO": (("Hansen", "Johansen", "Olsen", "Larsen"), "{a} & {b} AS"),
}

# ---------------------------------------------------------------- description sentences
INDUSTRIES: dict[str, tuple[str, ...]] = _t(
    "fintech|e-commerce|logistics|healthcare|energy|insurance|retail|mobility",
    "Fintech|E-Commerce|Logistik|Gesundheits|Energie|Versicherungs|Handels|Mobilitäts",
    "de la fintech|du e-commerce|de la logistique|de la santé|de l'énergie|de l'assurance",
    "fintech|e-commerce|logistiek|zorg|energie|verzekeringen|retail",
    "fintech|comercio electrónico|logística|salud|energía|seguros|movilidad",
)
INTRO_PLAIN: dict[str, tuple[str, ...]] = _t(
    "{company} is a fast-growing {industry} company based in {city}.|At {company} we build "
    "{industry} products used by thousands of customers across Europe.",
    "{company} ist ein wachsendes Unternehmen der {industry}-Branche mit Sitz in {city}.|"
    "Bei {company} entwickeln wir Lösungen für die {industry}-Branche.",
    "{company} est une entreprise en forte croissance du secteur {industry}, basée à {city}.|"
    "Chez {company}, nous accompagnons des milliers de clients du secteur {industry}.",
    "{company} is een snelgroeiend bedrijf in de {industry}, gevestigd in {city}.|"
    "Bij {company} bouwen we oplossingen voor de {industry}.",
    "{company} es una empresa de {industry} en pleno crecimiento con sede en {city}.|"
    "En {company} creamos soluciones para el sector de {industry}.",
)
INTRO_NUMERIC: dict[str, tuple[str, ...]] = _t(
    "Founded {years} years ago, {company} has been active in {industry} ever since.|"
    "{company} has been in the {industry} market for over {years} years and employs "
    "{staff} people.|{company} raised {funding} in its Series B to grow its {industry} "
    "platform.",
    "Seit der Gründung vor {years} Jahren ist {company} in der {industry}-Branche tätig.|"
    "{company} ist seit über {years} Jahren am Markt und beschäftigt {staff} Mitarbeitende.|"
    "{company} hat in einer Series-B-Runde {funding} eingesammelt.",
    "Fondée il y a {years} ans, {company} compte aujourd'hui {staff} collaborateurs.|"
    "Depuis plus de {years} ans, {company} accompagne ses clients du secteur {industry}.|"
    "{company} vient de lever {funding} en série B.",
    "{company} is {years} jaar geleden opgericht en heeft inmiddels {staff} medewerkers.|"
    "Al meer dan {years} jaar is {company} actief in de {industry}.|"
    "{company} haalde onlangs {funding} op in een Series B-ronde.",
    "Fundada hace {years} años, {company} cuenta hoy con {staff} empleados.|"
    "Con más de {years} años en el mercado, {company} es líder en {industry}.|"
    "{company} ha cerrado una ronda Serie B de {funding}.",
)
# Funding amount, by language then by currency of the round.
FUNDING: dict[str, dict[str, str]] = {
    "en": {"EUR": "€{n}M", "GBP": "£{n}M", "CHF": "CHF {n} million", "USD": "${n}M"},
    "de": {"EUR": "{n} Mio. €", "CHF": "{n} Mio. CHF", "USD": "{n} Mio. US-Dollar"},
    "fr": {
        "EUR": "{n} millions d'euros",
        "CHF": "{n} millions de francs",
        "USD": "{n} millions de dollars",
    },
    "nl": {"EUR": "€ {n} miljoen", "USD": "$ {n} miljoen"},
    "es": {"EUR": "{n} millones de euros", "USD": "{n} millones de dólares"},
}
TEAM: dict[str, tuple[str, ...]] = _t(
    "You will join a team of {k} people.|You will be part of a team of {k} engineers and "
    "designers.",
    "Du verstärkst ein Team von {k} Kolleginnen und Kollegen.",
    "Vous rejoindrez une équipe de {k} personnes.",
    "Je komt terecht in een team van {k} collega's.",
    "Te unirás a un equipo de {k} personas.",
)
BUDGET: dict[str, tuple[str, ...]] = _t(
    "You will manage a budget of {money}.",
    "Sie verantworten ein Budget von {money}.",
    "Vous gérerez un budget de {money}.",
    "Je beheert een budget van {money}.",
    "Gestionarás un presupuesto de {money}.",
)
BUDGET_MONEY: dict[str, str] = {
    "en": "{sym}{n}M",
    "de": "{n} Mio. {sym}",
    "fr": "{n} M{sym}",
    "nl": "{sym} {n} miljoen",
    "es": "{n} millones de {word}",
}
TRAP_SWDEV: dict[str, tuple[str, ...]] = _t(
    "You will work closely with our software developers.|You will be the link between "
    "customers and our software developers.",
    "Du arbeitest eng mit unseren Softwareentwicklern zusammen.",
    "Vous travaillerez en étroite collaboration avec nos développeurs logiciel.",
    "Je werkt nauw samen met onze softwareontwikkelaars.",
    "Trabajarás codo con codo con nuestros desarrolladores de software.",
)
TRAP_ML: dict[str, tuple[str, ...]] = _t(
    "Our platform uses machine learning to route customer requests.|We are rolling out "
    "machine learning tools across the company.",
    "Unsere Plattform nutzt Machine Learning, um Anfragen zu priorisieren.",
    "Notre plateforme s'appuie sur le machine learning pour traiter les demandes.",
    "Ons platform gebruikt machine learning om aanvragen te verwerken.",
    "Nuestra plataforma utiliza machine learning para gestionar las solicitudes.",
)
REQUIREMENT_PLAIN: dict[str, tuple[str, ...]] = _t(
    "You have a good knowledge of {skill} and enjoy working in a team.|Good communication "
    "skills and knowledge of {skill}.",
    "Du hast gute Kenntnisse in {skill} und arbeitest gern im Team.|Sehr gute Deutsch- und "
    "Englischkenntnisse sowie Kenntnisse in {skill}.",
    "Vous maîtrisez {skill} et aimez travailler en équipe.|Bonne connaissance de {skill} et "
    "goût du travail en équipe.",
    "Je hebt kennis van {skill} en werkt graag in teamverband.",
    "Conocimientos de {skill} y capacidad de trabajo en equipo.",
)

# Experience sentences by language and form. {n} years (min), {m} upper bound, {u} unit
# agreeing with {n}, {w} the number spelled out, {skill} a skill.
EXPERIENCE: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "plus_years": _alts(
            "You have {n}+ {u} of experience with {skill}.|Requirements: {n}+ {u} of "
            "professional experience and solid {skill} skills."
        ),
        "at_least": _alts(
            "You have at least {n} {u} of experience with {skill}.|At least {n} {u} of relevant"
            " experience is required."
        ),
        "minimum": _alts(
            "A minimum of {n} {u} of experience in a similar role is required.|Minimum {n} {u} "
            "experience with {skill}."
        ),
        "range": _alts(
            "You bring {n}-{m} years of experience with {skill}.|{n} to {m} years of experience"
            " in a similar position.|Ideally {n}–{m} years of relevant experience."
        ),
        "plain_years": _alts("You have {n} {u} of experience with {skill}."),
        "spelled_out": _alts(
            "You have {w} years of experience with {skill}.|At least {w} years of hands-on "
            "experience are required."
        ),
        "none_needed": _alts(
            "No experience needed – we will train you on {skill}.|No prior experience required,"
            " just motivation and curiosity."
        ),
        "graduate_programme": _alts(
            "This graduate programme is designed for recent graduates who want to learn "
            "{skill}.|Our graduate scheme is open to students finishing their degree this year."
        ),
        "vague": _alts(
            "You have several years of experience with {skill}.|Proven experience with {skill} "
            "is required.|Extensive experience in a similar role."
        ),
    },
    "de": {
        "plus_years": _alts(
            "Du bringst {n}+ Jahre Erfahrung mit {skill} mit.|{n}+ Jahre Berufserfahrung im "
            "Bereich {skill}."
        ),
        "at_least": _alts(
            "Sie verfügen über mindestens {n} {u} Berufserfahrung mit {skill}.|Mindestens {n} "
            "{u} Berufserfahrung ist Voraussetzung.|Du hast mind. {n} {u} Erfahrung mit "
            "{skill}."
        ),
        "range": _alts(
            "Du hast {n}-{m} Jahre Berufserfahrung mit {skill}.|Sie bringen {n} bis {m} Jahre "
            "Erfahrung in einer vergleichbaren Position mit."
        ),
        "plain_years": _alts("Sie haben {n} {u} Berufserfahrung mit {skill}."),
        "spelled_out": _alts(
            "Du bringst {w} Jahre Berufserfahrung mit {skill} mit.|Mindestens {w} Jahre "
            "Erfahrung in einer ähnlichen Rolle."
        ),
        "none_needed": _alts(
            "Keine Berufserfahrung erforderlich – wir arbeiten dich in {skill} "
            "ein.|Berufserfahrung ist nicht erforderlich."
        ),
        "graduate_programme": _alts(
            "Unser Traineeprogramm richtet sich an Hochschulabsolventen.|Ideal für "
            "Absolventinnen und Absolventen direkt nach dem Studium."
        ),
        "vague": _alts(
            "Sie bringen mehrjährige Berufserfahrung mit {skill} mit.|Du hast einschlägige "
            "Berufserfahrung im Bereich {skill}.|Fundierte Erfahrung mit {skill}."
        ),
    },
    "fr": {
        "plus_years": _alts("Vous avez {n}+ {u} d'expérience sur {skill}."),
        "at_least": _alts(
            "Vous justifiez d'au moins {n} {u} d'expérience sur {skill}.|Au moins {n} {u} "
            "d'expérience sur un poste similaire."
        ),
        "minimum": _alts(
            "{n} {u} d'expérience minimum sur {skill}.|Une expérience minimum de {n} {u} est "
            "exigée."
        ),
        "range": _alts(
            "Vous avez {n} à {m} ans d'expérience sur {skill}.|{n}-{m} ans d'expérience dans un"
            " poste similaire."
        ),
        "plain_years": _alts("Vous avez {n} {u} d'expérience sur {skill}."),
        "spelled_out": _alts(
            "Vous avez {w} ans d'expérience sur {skill}.|Au moins {w} ans d'expérience sont requis."
        ),
        "none_needed": _alts(
            "Aucune expérience requise, nous vous formerons sur {skill}.|Pas d'expérience "
            "préalable requise."
        ),
        "graduate_programme": _alts(
            "Ce programme s'adresse aux jeunes diplômés.|Poste ouvert aux jeunes diplômés "
            "d'école d'ingénieur ou de commerce."
        ),
        "vague": _alts(
            "Vous avez une expérience significative sur {skill}.|Une solide expérience sur un "
            "poste similaire est attendue."
        ),
    },
    "nl": {
        "plus_years": _alts("Je hebt {n}+ jaar ervaring met {skill}."),
        "at_least": _alts(
            "Je hebt minimaal {n} jaar ervaring met {skill}.|Ten minste {n} jaar werkervaring "
            "in een vergelijkbare functie."
        ),
        "minimum": _alts("Een minimum van {n} jaar ervaring met {skill}."),
        "range": _alts(
            "Je hebt {n}-{m} jaar ervaring met {skill}.|{n} tot {m} jaar werkervaring in een "
            "soortgelijke rol."
        ),
        "plain_years": _alts("Je hebt {n} jaar werkervaring met {skill}."),
        "spelled_out": _alts(
            "Je hebt {w} jaar ervaring met {skill}.|Minimaal {w} jaar werkervaring is vereist."
        ),
        "none_needed": _alts(
            "Geen ervaring vereist, wij leiden je op in {skill}.|Ervaring is niet nodig."
        ),
        "graduate_programme": _alts("Dit traineeship is bedoeld voor pas afgestudeerden."),
        "vague": _alts("Je hebt ruime ervaring met {skill}.|Aantoonbare werkervaring met {skill}."),
    },
    "es": {
        "plus_years": _alts("Tienes {n}+ {u} de experiencia con {skill}."),
        "at_least": _alts(
            "Tienes al menos {n} {u} de experiencia con {skill}.|Mínimo {n} {u} de experiencia "
            "en un puesto similar."
        ),
        "minimum": _alts("Experiencia mínima de {n} {u} con {skill}."),
        "range": _alts(
            "Cuentas con {n}-{m} años de experiencia en {skill}.|De {n} a {m} años de "
            "experiencia en un puesto similar."
        ),
        "plain_years": _alts("Tienes {n} {u} de experiencia en {skill}."),
        "spelled_out": _alts(
            "Tienes {w} años de experiencia con {skill}.|Se requieren al menos {w} años de "
            "experiencia."
        ),
        "none_needed": _alts(
            "Sin experiencia previa: te formaremos en {skill}.|No se requiere experiencia."
        ),
        "graduate_programme": _alts("Programa dirigido a recién titulados."),
        "vague": _alts("Amplia experiencia con {skill}.|Experiencia demostrable en {skill}."),
    },
}
YEAR_UNIT: dict[str, tuple[str, str]] = {
    "en": ("year", "years"),
    "de": ("Jahr", "Jahre"),
    "fr": ("an", "ans"),
    "nl": ("jaar", "jaar"),
    "es": ("año", "años"),
}

# Number words: 1-12 for experience, multiples of five up to 95 for prose salaries.
_EN = (
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty "
    "twenty-five thirty thirty-five forty forty-five fifty fifty-five sixty sixty-five "
    "seventy seventy-five eighty eighty-five ninety ninety-five"
)
_DE = (
    "eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf fünfzehn zwanzig "
    "fünfundzwanzig dreißig fünfunddreißig vierzig fünfundvierzig fünfzig fünfundfünfzig "
    "sechzig fünfundsechzig siebzig fünfundsiebzig achtzig fünfundachtzig neunzig "
    "fünfundneunzig"
)
_FR = (
    "un deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt vingt-cinq "
    "trente trente-cinq quarante quarante-cinq cinquante cinquante-cinq soixante "
    "soixante-cinq soixante-dix soixante-quinze quatre-vingt quatre-vingt-cinq "
    "quatre-vingt-dix quatre-vingt-quinze"
)
_NL = (
    "één twee drie vier vijf zes zeven acht negen tien elf twaalf vijftien twintig "
    "vijfentwintig dertig vijfendertig veertig vijfenveertig vijftig vijfenvijftig zestig "
    "vijfenzestig zeventig vijfenzeventig tachtig vijfentachtig negentig vijfennegentig"
)
_ES = (
    "uno dos tres cuatro cinco seis siete ocho nueve diez once doce quince veinte "
    "veinticinco treinta treinta_y_cinco cuarenta cuarenta_y_cinco cincuenta "
    "cincuenta_y_cinco sesenta sesenta_y_cinco setenta setenta_y_cinco ochenta "
    "ochenta_y_cinco noventa noventa_y_cinco"
)
_NUMBER_KEYS = tuple(range(1, 13)) + tuple(range(15, 100, 5))
NUMBER_WORDS: dict[str, dict[int, str]] = {
    # split first: "treinta_y_cinco" is one number word with spaces inside
    lang: dict(zip(_NUMBER_KEYS, (word.replace("_", " ") for word in words.split())))
    for lang, words in zip(LANGUAGES, (_EN, _DE, _FR, _NL, _ES))
}

# ---------------------------------------------------------------- benefits & contact
BENEFIT_NUMERIC: dict[str, tuple[str, ...]] = _t(
    "{hol} days of holiday|{remote} days remote per week|a {prob}-month probation period|"
    "a {bonus}% annual bonus|{eq}% equity|a {sign} signing bonus|"
    "a {learn} yearly learning budget",
    "{hol} Tage Urlaub|{remote} Tage Homeoffice pro Woche|eine Probezeit von {prob} Monaten|"
    "{bonus} % Jahresbonus|{eq} % Mitarbeiterbeteiligung|eine Wechselprämie von {sign}|"
    "ein Weiterbildungsbudget von {learn}",
    "{hol} jours de congés|{remote} jours de télétravail par semaine|"
    "une période d'essai de {prob} mois|un bonus annuel de {bonus} %|"
    "une prime d'arrivée de {sign}|un budget formation de {learn}",
    "{hol} vakantiedagen|{remote} dagen thuiswerken per week|8% vakantiegeld|"
    "een bonus van {bonus}%|een opleidingsbudget van {learn}|een proeftijd van 1 maand",
    "{hol} días de vacaciones|{remote} días de teletrabajo a la semana|"
    "un periodo de prueba de {prob} meses|un bonus anual del {bonus} %|"
    "un bonus de incorporación de {sign}|un presupuesto de formación de {learn}",
)
BENEFIT_PLAIN: dict[str, tuple[str, ...]] = _t(
    "stock options|flexible working hours|a company pension scheme|private health insurance|"
    "a public transport pass",
    "Aktienoptionen|flexible Arbeitszeiten|betriebliche Altersvorsorge|ein Jobticket|ein Jobrad",
    "des BSPCE|des horaires flexibles|des tickets restaurant|une mutuelle d'entreprise",
    "een goede pensioenregeling|een leaseauto|flexibele werktijden|aandelenopties",
    "seguro médico privado|horario flexible|retribución flexible|stock options",
)
BENEFIT_WRAP: dict[str, tuple[str, ...]] = _t(
    "We offer {items}.|Benefits include {items}.|What we offer: {items}.",
    "Wir bieten {items}.|Dich erwarten {items}.",
    "Nous offrons {items}.|Avantages : {items}.",
    "Wij bieden {items}.|Arbeidsvoorwaarden: {items}.",
    "Ofrecemos {items}.|Beneficios: {items}.",
)
CONJUNCTION: dict[str, str] = {"en": "and", "de": "und", "fr": "et", "nl": "en", "es": "y"}
CONTACT_NUMERIC: dict[str, tuple[str, ...]] = _t(
    "Our office is located at {address}.|Call us on {phone} if you have questions.|"
    "Apply by {apply}.|Start date: {start}.",
    "Unser Büro: {address}.|Fragen beantworten wir unter {phone}.|"
    "Bewerbungsschluss: {apply}.|Startdatum: {start}.",
    "Nos bureaux : {address}.|Contact : {phone}.|Date limite de candidature : {apply}.|"
    "Prise de poste : {start}.",
    "Ons kantoor: {address}.|Bel ons op {phone}.|Reageer vóór {apply}.|Startdatum: {start}.",
    "Nuestra oficina: {address}.|Teléfono de contacto: {phone}.|"
    "Inscripciones hasta el {apply}.|Fecha de incorporación: {start}.",
)
CONTACT_PLAIN: dict[str, tuple[str, ...]] = _t(
    "The role is based in {city}.|Apply now via our careers page.",
    "Einsatzort: {city}.|Bewirb dich jetzt über unser Karriereportal.",
    "Poste basé à {city}.|Postulez directement sur notre site carrières.",
    "Standplaats: {city}.|Solliciteer via onze website.",
    "Ubicación: {city}.|Inscríbete a través de nuestra web de empleo.",
)
DATE_FORMATS: dict[str, tuple[str, ...]] = {
    "en": ("{d:02d}/{m:02d}/{y}", "{y}-{m:02d}-{d:02d}"),
    "de": ("{d:02d}.{m:02d}.{y}",),
    "fr": ("{d:02d}/{m:02d}/{y}",),
    "nl": ("{d:02d}-{m:02d}-{y}",),
    "es": ("{d:02d}/{m:02d}/{y}",),
}

# ---------------------------------------------------------------- salary phrasing
SALARY_WRAP: dict[str, tuple[str, ...]] = _t(
    "Salary: {s}.|We offer {s}.|The salary for this role is {s}.|Compensation: {s}.",
    "Gehalt: {s}.|Wir bieten {s}.|Die Vergütung beträgt {s}.|Vergütung: {s}.",
    "Salaire : {s}.|Rémunération : {s}.|Nous proposons {s}.",
    "Salaris: {s}.|Wij bieden {s}.|Het salaris bedraagt {s}.",
    "Salario: {s}.|Ofrecemos {s}.|Retribución: {s}.",
)
PERIOD_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "year": ("per year", "per annum", "a year", "p.a.", "annually", "gross per year"),
        "month": ("per month", "a month", "monthly", "gross per month"),
        "week": ("per week", "a week"),
        "day": ("per day", "a day"),
        "hour": ("per hour", "an hour"),
    },
    "de": {
        "year": ("brutto jährlich", "pro Jahr", "brutto pro Jahr", "p.a.", "im Jahr"),
        "month": ("brutto monatlich", "pro Monat", "im Monat", "monatlich"),
        "week": ("pro Woche",),
        "day": ("pro Tag",),
        "hour": ("pro Stunde",),
    },
    "fr": {
        "year": ("brut annuel", "par an", "bruts par an", "annuel brut"),
        "month": ("brut mensuel", "par mois", "bruts par mois"),
        "week": ("par semaine",),
        "day": ("par jour",),
        "hour": ("de l'heure",),
    },
    "nl": {
        "year": ("per jaar", "bruto per jaar", "op jaarbasis"),
        "month": ("per maand", "bruto per maand"),
        "week": ("per week",),
        "day": ("per dag",),
        "hour": ("per uur",),
    },
    "es": {
        "year": ("brutos anuales", "al año", "anuales", "brutos/año"),
        "month": ("al mes", "brutos mensuales", "mensuales"),
        "week": ("a la semana",),
        "day": ("al día",),
        "hour": ("por hora",),
    },
}
# Shorter variants used in the board's own salary field ("" = period left implicit: year).
PERIOD_SHORT: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {"year": ("", "per annum", "p.a.", "/year"), "month": ("/month", "per month", "pcm")},
    "de": {"year": ("", "brutto/Jahr", "p.a.", "/Jahr"), "month": ("/Monat", "brutto/Monat")},
    "fr": {"year": ("", "/an", "brut/an"), "month": ("/mois", "brut/mois")},
    "nl": {"year": ("", "per jaar"), "month": ("per maand", "p/m")},
    "es": {"year": ("", "b/a", "brutos/año"), "month": ("/mes", "brutos/mes")},
}
RANGE_DASHES: tuple[str, ...] = (" - ", " – ", "-", "–")
RANGE_WORDS: dict[str, tuple[str, ...]] = _t(
    "{a} to {b}|between {a} and {b}|from {a} to {b}",
    "{a} bis {b}|zwischen {a} und {b}|von {a} bis {b}",
    "{a} à {b}|entre {a} et {b}|de {a} à {b}",
    "{a} tot {b}|tussen {a} en {b}|van {a} tot {b}",
    "{a} a {b}|entre {a} y {b}|de {a} a {b}",
)
UP_TO: dict[str, tuple[str, ...]] = _t(
    "up to {x}|Up to {x}",
    "bis zu {x}",
    "jusqu'à {x}",
    "tot {x}|maximaal {x}",
    "hasta {x}",
)
FROM: dict[str, tuple[str, ...]] = _t(
    "from {x}|starting at {x}",
    "ab {x}",
    "à partir de {x}|dès {x}",
    "vanaf {x}",
    "desde {x}|a partir de {x}",
)
DAY_RATE: dict[str, tuple[str, ...]] = _t(
    "day rate {x}|{x} per day|{x}/day",
    "Tagessatz {x}|Tagessatz: {x}|{x} pro Tag",
    "TJM {x}|TJM : {x}|{x} par jour",
    "dagtarief {x}|{x} per dag",
    "tarifa diaria de {x}|{x} al día",
)
HOURLY: dict[str, tuple[str, ...]] = _t(
    "{x} per hour|{x}/hr|{x} an hour",
    "{x} pro Stunde|{x}/h|{x}/Std.",
    "{x} de l'heure|{x}/h|{x} brut de l'heure",
    "{x} per uur|{x}/uur",
    "{x} por hora|{x}/h|{x} brutos/hora",
)
SHARED_SUFFIX: dict[str, tuple[str, ...]] = _t(
    "{a}-{b}k|between {a} and {b}k|{a} and {b}k",
    "{a}-{b}k|zwischen {a} und {b}k",
    "{a}-{b} k|entre {a} et {b} k",
    "{a}-{b}k|tussen {a} en {b}k",
    "{a}-{b}k|entre {a} y {b}k",
)
PROSE: dict[str, tuple[str, ...]] = _t(
    "between {a} and {b} thousand {cur} {per}|{a} to {b} thousand {cur} {per}",
    "zwischen {a}- und {b}tausend {cur} {per}|{a}- bis {b}tausend {cur} {per}",
    "entre {a} et {b} mille {cur} {per}|de {a} à {b} mille {cur} {per}",
    "tussen de {a}- en {b}duizend {cur} {per}|{a}- tot {b}duizend {cur} {per}",
    "entre {a} y {b} mil {cur} {per}|de {a} a {b} mil {cur} {per}",
)
PROSE_PERIOD: dict[str, dict[str, str]] = {
    "en": {"year": "a year", "month": "a month"},
    "de": {"year": "im Jahr", "month": "im Monat"},
    "fr": {"year": "par an", "month": "par mois"},
    "nl": {"year": "per jaar", "month": "per maand"},
    "es": {"year": "al año", "month": "al mes"},
}
CURRENCY_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "EUR": "euros",
        "GBP": "pounds",
        "CHF": "Swiss francs",
        "PLN": "zloty",
        "SEK": "kronor",
        "DKK": "kroner",
        "NOK": "kroner",
    },
    "de": {"EUR": "Euro", "CHF": "Franken"},
    "fr": {"EUR": "euros", "CHF": "francs suisses"},
    "nl": {"EUR": "euro"},
    "es": {"EUR": "euros"},
}
CURRENCY_SYMBOL: dict[str, str] = {
    "EUR": "€",
    "GBP": "£",
    "USD": "$",
    "PLN": "zł",
    "SEK": "kr",
    "DKK": "kr",
    "NOK": "kr",
}
TEXT_NEGOTIABLE: dict[str, tuple[str, ...]] = _t(
    "Negotiable|DOE|Salary negotiable",
    "Gehalt nach Vereinbarung|Verhandlungsbasis",
    "Selon profil|À négocier|Selon expérience",
    "In overleg|Salaris in overleg",
    "A convenir|Salario a convenir|Según valía",
)
TEXT_COMPETITIVE: dict[str, tuple[str, ...]] = _t(
    "Competitive|Competitive salary + benefits|Attractive package",
    "Attraktiv|Attraktives Gehalt|Marktüblich",
    "Attractif|Rémunération attractive",
    "Marktconform|Goed salaris",
    "Competitivo|Salario competitivo",
)
DESC_NEGOTIABLE: dict[str, tuple[str, ...]] = _t(
    "Salary negotiable depending on experience.|The salary is negotiable.",
    "Das Gehalt ist Verhandlungssache.|Gehalt nach Vereinbarung.",
    "Salaire selon profil et expérience.|Rémunération à négocier selon profil.",
    "Salaris in overleg.|Het salaris is bespreekbaar.",
    "Salario a negociar según experiencia.|Salario a convenir.",
)
DESC_COMPETITIVE: dict[str, tuple[str, ...]] = _t(
    "We offer a competitive salary and an attractive package.|Attractive package and "
    "competitive salary.",
    "Wir bieten ein attraktives Gehalt.|Es erwartet dich eine attraktive Vergütung.",
    "Rémunération attractive.|Nous proposons un salaire compétitif.",
    "Een marktconform salaris.|Wij bieden een aantrekkelijk salaris.",
    "Salario competitivo.|Ofrecemos un paquete retributivo atractivo.",
)
# Non-salary money in the same sentence as the salary ({money} is a local amount).
SALARY_SAME_SENTENCE_TRAP: dict[str, tuple[str, ...]] = _t(
    "plus a {money} signing bonus|plus a 10% annual bonus|plus 0.1% equity",
    "zzgl. 10 % Jahresbonus|plus {money} Wechselprämie",
    "plus une prime d'arrivée de {money}|+ 10 % de variable",
    "plus 8% vakantiegeld|plus een bonus van {money}",
    "más un bonus del 10 %|más {money} de bonus de incorporación",
)
