"""Fixed figures and vocabularies of the trajectories demo (domain guide §12)."""

from __future__ import annotations

from ijmondwerkt.demo import words

# About 800 trajectories started in the last three years, three quarters of
# them individual guidance (re-integratie), and history from a previous system.
TRAJECTORIES = 800
HISTORY = 40  # ended trajectories from four to seven years back
YEARS = 3
KINDS = [
    ("re-integratie", 85),
    ("activering", 4),
    ("work-first", 7),
    ("opleiding", 5),
    ("beschut", 2),
]
# Target group 4 gets no participation-budget instruments: activation or beschut.
KINDS_GROUP_4 = [("activering", 80), ("beschut", 20)]
# Planned length of a trajectory in months.
PLANNED_MONTHS = [(6, 25), (9, 20), (12, 35), (18, 15), (24, 5)]

# Placements: about 100 with wage-cost subsidy and 95 garantiebanen (of which
# some with subsidy too), the demo's hired proposals, and the other kinds.
SUBSIDY_PLACEMENTS = 100
GARANTIEBANEN = 95
GARANTIEBANEN_WITH_SUBSIDY = 40
SUBSIDY_KINDS = [("regulier", 45), ("detachering", 15)]  # besides garantiebanen
OVERDUE_ASSESSMENTS = 5  # the next assessment passed days ago, none made yet
OTHER_PLACEMENTS = [
    ("proefplaatsing", 20),
    ("detachering", 25),
    ("werkervaringsplaats", 15),
    ("leerwerkplek", 8),
    ("stage", 5),
    ("beschut-werk", 10),
    ("vrijwilligerswerk", 10),
]
ASSESSMENTS_WITHOUT_PLACEMENT = 12
# Deployments without a trajectory, where the instrument allows it.
LOOSE_DEPLOYMENTS = 60

# Demo providers next to the seeded ones (IJmond Werkt, UWV, Nova College):
# (name, kind, KvK number, city). The first marks the demo as loaded.
KVK_BASE = 71_400_000
PROVIDERS = [
    ("Werkfit Kennemerland", "re-integratiebedrijf", "Beverwijk"),
    ("Perspectief aan het Werk", "re-integratiebedrijf", "Haarlem"),
    ("Aan de Slag IJmond", "re-integratiebedrijf", "IJmuiden"),
    ("Zeehaven Uitzendgroep", "uitzendbureau", "IJmuiden"),
    ("Kennemer Flex", "uitzendbureau", "Heemskerk"),
    ("Taalhuis IJmond", "onderwijs", "Velsen"),
    ("Welzijn Kennemerland", "zorg", "Beverwijk"),
    ("Dagbesteding De Brug", "zorg", "Heemskerk"),
    ("Hulpmiddelencentrum Noord-Holland", "overig", "Zaandam"),
]
# Which provider kinds run a trajectory of each kind.
TRAJECTORY_PROVIDERS = {
    "re-integratie": ("re-integratiebedrijf", "eigen-organisatie"),
    "activering": ("zorg", "eigen-organisatie"),
    "work-first": ("uitzendbureau", "eigen-organisatie"),
    "opleiding": ("onderwijs",),
    "beschut": ("eigen-organisatie",),
}
# The instruments a trajectory of each kind draws from, in the order they
# usually start (diagnosis first); each still has to pass the rules.
KIND_INSTRUMENTS = {
    "re-integratie": words(
        "competentieonderzoek sollicitatietraining werkfit-traject "
        "werkervaringsplaats jobcoaching functiegerichte-scholing taalcursus "
        "werkplekaanpassing"
    ),
    "activering": words("sociale-activering tegenprestatie taalcursus"),
    "work-first": words("sollicitatietraining werkervaringsplaats"),
    "opleiding": words("functiegerichte-scholing taalcursus"),
    "beschut": words("beschut-werk-begeleiding sociale-activering"),
}
LOOSE_INSTRUMENTS = words("taalcursus sociale-activering tegenprestatie")

# Why trajectories ended: by the client's outflow reason, and otherwise.
END_BY_OUTFLOW = {
    "werk-loondienst": "plaatsing-regulier-werk",
    "werk-zelfstandige": "overig",
    "opleiding": "start-opleiding",
    "verhuizing": "verhuizing",
}
END_REASONS = [
    ("einde-zonder-plaatsing", 40),
    ("plaatsing-regulier-werk", 20),
    ("start-opleiding", 8),
    ("ontslag-eigen-verzoek", 6),
    ("ontslag-proeftijd", 6),
    ("ziek-uit-dienst", 6),
    ("verwijtbaar-ontslag", 3),
    ("overig", 8),
    ("overdracht-wsw-beschut", 3),
]
PLACEMENT_END_REASONS = [
    ("einde-contract", 35),
    ("ander-werk", 20),
    ("ontslag-eigen-verzoek", 15),
    ("ontslag-proeftijd", 12),
    ("ziek-uit-dienst", 10),
    ("overig", 8),
]

GOALS = [
    "Binnen zes maanden aan het werk in de logistiek, minstens 24 uur per week.",
    "Werknemersvaardigheden opbouwen: op tijd komen, afspraken nakomen.",
    "Een startkwalificatie halen (mbo 2) naast werk.",
    "Nederlands op B1-niveau, daarna sollicitatietraining.",
    "Dagritme en structuur; twee dagdelen per week actief.",
    "Duurzaam werk met loonkostensubsidie en jobcoaching.",
    "Terug naar werk na langdurige ziekte, stap voor stap meer uren.",
    "Uitbreiden van uren bij de huidige werkgever.",
]
JOB_TITLES = words(
    "Productiemedewerker Orderpicker Magazijnmedewerker Schoonmaker Vakkenvuller "
    "Keukenhulp Hovenier Kassamedewerker Conciërge Afwasser Bouwplaatsmedewerker "
    "Receptionist Chauffeur Kwekerijmedewerker"
)
ASSESSORS = [
    "A. Mulder (arbeidsdeskundige)",
    "R. Bouzid (arbeidsdeskundige)",
    "M. van Dijk (loonwaardedeskundige)",
    "S. Kaya (arbeidsdeskundige)",
]
METHODS = [("werkplekmethode", 70), ("dariuz", 20), ("loonwaarde-plus", 10)]
FOLLOW_UP_NOTES = {
    "werkt": ["Gaat goed, werkgever tevreden.", "Werkt naar tevredenheid.", ""],
    "gestopt": ["Dienstverband beëindigd.", "Is gestopt; terug naar de klantmanager."],
    "niet-bereikt": ["Telefonisch niet bereikt; nieuwe poging per mail.", ""],
}
