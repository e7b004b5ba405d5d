"""Fixed vocabularies for the demo employers: sector clusters, names, subjects."""

from __future__ import annotations

from ijmondwerkt.demo import words

EMPLOYER_COUNT = 400
VACANCY_COUNT = 300
CONTACTS_PER_EMPLOYER = (2, 14)
KVK_BASE = 34_100_000

# cluster code: (weight, SBI sections, company words, vacancy titles)
CLUSTERS: dict[str, tuple[int, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "techniek-industrie": (
        18,
        ("C", "D"),
        (
            "Staalbouw",
            "Metaaltechniek",
            "Machinefabriek",
            "Installatietechniek",
            "Procestechniek",
        ),
        (
            "Productiemedewerker",
            "Operator",
            "Lasser",
            "Monteur",
            "Magazijnmedewerker productie",
        ),
    ),
    "zorg-welzijn": (
        14,
        ("Q",),
        ("Zorggroep", "Thuiszorg", "Woonzorgcentrum", "Kinderopvang", "Welzijn"),
        (
            "Helpende zorg",
            "Gastvrouw",
            "Medewerker huishouding",
            "Pedagogisch medewerker",
            "Facilitair medewerker",
        ),
    ),
    "logistiek-transport": (
        12,
        ("H",),
        (
            "Transport",
            "Logistiek",
            "Distributiecentrum",
            "Koeriersdienst",
            "Havenlogistiek",
        ),
        (
            "Orderpicker",
            "Chauffeur C",
            "Heftruckchauffeur",
            "Magazijnmedewerker",
            "Bezorger",
        ),
    ),
    "detailhandel": (
        14,
        ("G",),
        ("Supermarkt", "Bouwmarkt", "Mode", "Tuincentrum", "Fietsenwinkel"),
        (
            "Vakkenvuller",
            "Kassamedewerker",
            "Verkoopmedewerker",
            "Medewerker versafdeling",
            "Winkelmedewerker",
        ),
    ),
    "bouw-infra": (
        12,
        ("F",),
        (
            "Bouwbedrijf",
            "Aannemersbedrijf",
            "Schildersbedrijf",
            "Infra",
            "Dakdekkersbedrijf",
        ),
        (
            "Bouwplaatsmedewerker",
            "Hulpmonteur",
            "Stratenmaker",
            "Schilder",
            "Grondwerker",
        ),
    ),
    "horeca-recreatie": (
        10,
        ("I", "R"),
        ("Strandpaviljoen", "Hotel", "Restaurant", "Eetcafé", "Recreatiepark"),
        ("Afwasser", "Bediening", "Keukenhulp", "Housekeeping", "Medewerker recreatie"),
    ),
    "overheid-onderwijs": (
        5,
        ("O", "P"),
        ("Gemeente", "Scholengroep", "Omgevingsdienst", "Bibliotheek", "Sportbedrijf"),
        (
            "Administratief medewerker",
            "Conciërge",
            "Medewerker buitendienst",
            "Baliemedewerker",
            "Onderwijsassistent",
        ),
    ),
    "zakelijke-dienstverlening": (
        7,
        ("M", "N", "J"),
        ("Administratiekantoor", "Adviesbureau", "Callcenter", "ICT", "Uitzendbureau"),
        (
            "Klantenservicemedewerker",
            "Administratief medewerker",
            "Receptionist",
            "Helpdeskmedewerker",
            "Postkamermedewerker",
        ),
    ),
    "schoonmaak-facilitair": (
        5,
        ("N",),
        (
            "Schoonmaakbedrijf",
            "Facilitair",
            "Glazenwasserij",
            "Beveiliging",
            "Catering",
        ),
        (
            "Schoonmaker",
            "Glazenwasser",
            "Medewerker catering",
            "Beveiliger",
            "Facilitair medewerker",
        ),
    ),
    "groen-agrarisch": (
        3,
        ("A", "N"),
        (
            "Hoveniersbedrijf",
            "Kwekerij",
            "Groenvoorziening",
            "Boomkwekerij",
            "Zorgboerderij",
        ),
        (
            "Hovenier",
            "Medewerker groen",
            "Kwekerijmedewerker",
            "Medewerker dierverzorging",
            "Oogstmedewerker",
        ),
    ),
}
# Sector clusters per werkmakelaar (demo staff usernames): one per cluster
# pair, as the Werkgeversservicepunt divides its accounts.
CLUSTER_OWNERS = {
    "techniek-industrie": "werkmakelaar",
    "logistiek-transport": "werkmakelaar",
    "zorg-welzijn": "wm.zorg",
    "schoonmaak-facilitair": "wm.zorg",
    "detailhandel": "wm.handel",
    "horeca-recreatie": "wm.handel",
    "bouw-infra": "wm.bouw",
    "groen-agrarisch": "wm.bouw",
    "overheid-onderwijs": "wm.dienstverlening",
    "zakelijke-dienstverlening": "wm.dienstverlening",
}
NAMES = [
    w.replace("_", " ")
    for w in words(
        "IJmond Kennemer Noordzee Velsen Beverwijk Heemskerk Duinrand Zeehaven "
        "Wijkeroog Broekpolder Van_Dam Bakker Smit Visser De_Jong Meijer Mulder Bos "
        "Vos Peters Dekker Kok Jansen Brouwer Schouten De_Wit Hoekstra Zeeuw Kramer "
        "Prins"
    )
]
STREETS = words(
    "Wijkermeerweg Parallelweg Zeestraat Breestraat Kanaaldijk Rijksweg "
    "Industrieweg Zuiderkade Stationsplein Marquettelaan"
)
CITIES = {
    "0375": ("Beverwijk", "1941"),
    "0396": ("Heemskerk", "1961"),
    "0453": ("IJmuiden", "1971"),
}
PERSON_ROLES = words(
    "HR-adviseur Bedrijfsleider Directeur Teamleider Vestigingsmanager "
    "Personeelszaken Eigenaar"
)
SUBJECTS = {
    "bedrijfsbezoek": (
        "Kennismaking op locatie",
        "Rondleiding werkvloer",
        "Bespreking personeelsbehoefte",
    ),
    "telefoon": (
        "Vraag over loonkostensubsidie",
        "Terugbelverzoek HR",
        "Stand van zaken kandidaten",
    ),
    "e-mail": (
        "Informatie no-riskpolis gestuurd",
        "Vacaturetekst afgestemd",
        "Afspraak bevestigd",
    ),
    "netwerkbijeenkomst": (
        "Ondernemersontbijt IJmond",
        "Werkgeversavond Velsen",
        "Bijeenkomst social return",
    ),
    "vacature-intake": (
        "Intake nieuwe vacature",
        "Functie-eisen doorgenomen",
        "Mogelijkheden jobcarving besproken",
    ),
    "nazorggesprek": (
        "Nazorg na plaatsing",
        "Evaluatie proefplaatsing",
        "Gesprek met leidinggevende",
    ),
}
OUTCOMES = (
    "Werkgever staat open voor kandidaten met afstand tot de arbeidsmarkt.",
    "Afgesproken om binnen twee weken kandidaten voor te stellen.",
    "Geen vacatures op dit moment; over drie maanden opnieuw contact.",
    "Interesse in proefplaatsing, wil eerst meer weten over de voorwaarden.",
    "Positief gesprek, vervolgafspraak gemaakt.",
    "",
)
