"""Fixed vocabularies for the demo caseload (places, benefits, subjects, goals)."""

from __future__ import annotations

from ijmondwerkt.demo import words

TOTAL = 3000
BSN_BASE = 700_000  # demo BSNs are make_bsn(BSN_BASE + i)
DAYS = 730  # the history covers two years
# Participatiewet caseload end 2023 (domain guide §12).
SHARES = {"0453": 1312, "0375": 877, "0396": 729}
POSTCODES = {
    "0453": words("1971 1972 1973 1974 1975 1976 1981 1985 1991"),
    "0375": words("1941 1942 1943 1944 1945 1946 1947"),
    "0396": words("1961 1962 1963 1964 1965 1966 1967 1968"),
}
POSTCODE_LETTERS = "ABCDEGHJKLMNPRTVWXZ"
CITIES = {"0453": "IJmuiden", "0375": "Beverwijk", "0396": "Heemskerk"}
STREETS = words(
    "Kennemerlaan Zeeweg Velserduinweg Breestraat Wijkermeerweg Maerelaan "
    "Rijksweg Plesmanweg Lange Nieuwstraat Hoflaan"
)
# Work wishes (sector word, occupations), in the words the regional vacancies use.
WORK_WISHES: list[tuple[str, tuple[str, ...]]] = [
    ("techniek", ("Productiemedewerker", "Operator", "Lasser", "Monteur")),
    ("zorg", ("Helpende zorg", "Medewerker huishouding", "Pedagogisch medewerker")),
    (
        "logistiek",
        ("Orderpicker", "Chauffeur", "Heftruckchauffeur", "Magazijnmedewerker"),
    ),
    ("detailhandel", ("Vakkenvuller", "Kassamedewerker", "Verkoopmedewerker")),
    ("bouw", ("Bouwplaatsmedewerker", "Schilder", "Stratenmaker")),
    ("horeca", ("Afwasser", "Bediening", "Keukenhulp")),
    ("overheid", ("Baliemedewerker", "Conciërge")),
    ("zakelijke dienstverlening", ("Klantenservicemedewerker", "Receptionist")),
    ("schoonmaak", ("Schoonmaker", "Glazenwasser", "Beveiliger")),
    ("groen", ("Hovenier", "Kwekerijmedewerker")),
]
BENEFITS = [
    ("pw-bijstand", 70),
    ("ww", 12),
    ("nug", 7),
    ("ioaw", 4),
    ("wajong", 3),
    ("bbz", 2),
    ("anw", 2),
]
TARGET_GROUPS = [(1, 25), (2, 45), (3, 18), (4, 12)]
ROUTES = ["werk", "traject", "activering", "zorg"]
OUTFLOW_REASONS = [
    ("werk-loondienst", 45),
    ("werk-zelfstandige", 5),
    ("opleiding", 10),
    ("andere-uitkering", 12),
    ("verhuizing", 10),
    ("relatie-samenwonen", 6),
    ("onbekend", 12),
]
CARE_ORGANISATIONS = [
    "Sociaal wijkteam",
    "GGZ Noord-Holland-Noord",
    "Schuldhulp IJmond",
]
SUBJECTS = [
    "Voortgangsgesprek",
    "Sollicitaties besproken",
    "Afspraak werkfit-traject",
    "Terugkoppeling werkgever",
    "Schuldhulp besproken",
    "Taalcursus aangemeld",
    "Cv bijgewerkt",
    "Vacature doorgestuurd",
    "Huisbezoek: thuissituatie",
]
GOALS = [
    "Cv en motivatiebrief op orde",
    "Starten met taalcursus Nederlands",
    "Wekelijks vijf sollicitaties",
    "Vrijwilligerswerk twee dagdelen per week",
    "Schuldhulpverlening opstarten",
    "Proefplaatsing logistiek",
    "Rijbewijs B halen",
    "Werkfit-traject afronden",
    "Aanmelden mbo-opleiding",
]
