"""Seed the trajectories code lists, catalogue, providers and subsidy parameters.

Domain guide §3 (end reasons, placement kinds), §6 (instruments) and §7 (WML).
The beheerder checks the WML values against the official publication.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

from ijmondwerkt.codelists import seed
from ijmondwerkt.migration_helpers import grant

CATEGORIES = [
    ("diagnose", "Diagnose en advies"),
    ("training", "Training en sollicitatie"),
    ("werkervaring", "Werkervaring en proefplaatsing"),
    ("begeleiding", "Begeleiding op de werkplek"),
    ("scholing", "Scholing"),
    ("voorziening", "Voorzieningen en verzekeringen"),
    ("subsidie", "Loonkostensubsidie"),
    ("participatie", "Participatie en activering"),
    ("beschut", "Beschut werk"),
]

# (code, label, success, outflow_to_work)
END_REASONS = [
    ("plaatsing-regulier-werk", "Plaatsing regulier werk", True, True),
    ("plaatsing-loonkostensubsidie", "Plaatsing met loonkostensubsidie", True, True),
    ("start-opleiding", "Start opleiding", True, False),
    ("ontslag-proeftijd", "Ontslag in proeftijd", False, False),
    ("verwijtbaar-ontslag", "Verwijtbaar ontslag", False, False),
    ("ontslag-eigen-verzoek", "Ontslag op eigen verzoek", False, False),
    ("ziek-uit-dienst", "Ziek uit dienst", False, False),
    ("overdracht-wsw-beschut", "Overdracht naar Wsw/beschut", True, False),
    ("einde-zonder-plaatsing", "Einde traject zonder plaatsing", False, False),
    ("verhuizing", "Verhuizing", False, False),
    ("overig", "Overig", False, False),
]

# (code, label, paid_work, regular_work, max_months, is_trial, is_secondment)
PLACEMENT_KINDS = [
    ("regulier", "Regulier dienstverband", True, True, None, False, False),
    ("proefplaatsing", "Proefplaatsing", False, False, 2, True, False),
    ("detachering", "Detachering", True, False, None, False, True),
    ("werkervaringsplaats", "Werkervaringsplaats", False, False, None, False, False),
    ("leerwerkplek", "Leerwerkplek", False, False, None, False, False),
    ("stage", "Stage", False, False, None, False, False),
    ("garantiebaan", "Garantiebaan (banenafspraak)", True, False, None, False, False),
    ("beschut-werk", "Beschut werk", True, False, None, False, False),
    ("vrijwilligerswerk", "Vrijwilligerswerk", False, False, None, False, False),
]

PLACEMENT_END_REASONS = [
    ("einde-contract", "Einde contract"),
    ("ontslag-proeftijd", "Ontslag in proeftijd"),
    ("verwijtbaar-ontslag", "Verwijtbaar ontslag"),
    ("ontslag-eigen-verzoek", "Ontslag op eigen verzoek"),
    ("ziek-uit-dienst", "Ziek uit dienst"),
    ("ander-werk", "Ander werk gevonden"),
    ("einde-proefplaatsing", "Einde proefplaatsing"),
    ("overig", "Overig"),
]

ASSESSMENT_METHODS = [
    ("werkplekmethode", "Loonwaardebepaling op de werkplek (gevalideerde methode)"),
    ("dariuz", "Dariuz-methode"),
    ("loonwaarde-plus", "Loonwaarde Plus"),
    ("overig", "Andere methode"),
]

ALL = [1, 2, 3, 4]
NOT_4 = [1, 2, 3]
# (code, name, category, stream, cost, unit, groups, needs trajectory, max months,
#  CBS provision code, provider kinds)
INSTRUMENTS = [
    ("competentieonderzoek", "Intake/diagnose (competentieonderzoek)", "diagnose",
     "participatiebudget", "850.00", "traject", NOT_4, False, 3, "1",
     ["eigen-organisatie", "re-integratiebedrijf"]),
    ("sollicitatietraining", "Sollicitatietraining", "training", "participatiebudget",
     "650.00", "traject", [1, 2, 3], False, 3, "2",
     ["eigen-organisatie", "re-integratiebedrijf"]),
    ("werkfit-traject", "Werkfit-traject", "training", "participatiebudget",
     "2500.00", "traject", [2, 3], False, 6, "2", ["re-integratiebedrijf"]),
    ("werkervaringsplaats", "Werkervaringsplaats", "werkervaring", "participatiebudget",
     "250.00", "maand", [2, 3], False, 6, "4", ["eigen-organisatie", "re-integratiebedrijf"]),
    ("proefplaatsing", "Proefplaatsing (voor een loonwaardebepaling)", "werkervaring",
     "participatiebudget", "0.00", "traject", [2, 3], False, 2, "4", ["eigen-organisatie"]),
    ("jobcoaching", "Jobcoaching", "begeleiding", "participatiebudget", "65.00", "uur",
     [2, 3], False, 36, "5", ["re-integratiebedrijf", "eigen-organisatie"]),
    ("loonkostensubsidie", "Loonkostensubsidie", "subsidie", "buig", "0.00", "maand",
     [3], False, None, "6", ["eigen-organisatie"]),
    ("functiegerichte-scholing", "Functiegerichte scholing", "scholing",
     "participatiebudget", "3000.00", "traject", [1, 2, 3], True, 12, "3",
     ["onderwijs"]),
    ("taalcursus", "Taalcursus", "scholing", "participatiebudget", "1200.00", "traject",
     ALL, False, 12, "3", ["onderwijs", "re-integratiebedrijf"]),
    ("werkplekaanpassing", "Werkplekaanpassing", "voorziening", "participatiebudget",
     "1500.00", "traject", [2, 3], False, None, "7", ["overig"]),
    ("no-riskpolis", "No-riskpolis", "voorziening", "overig", "0.00", "traject",
     [2, 3], False, 60, "7", ["uwv"]),
    ("beschut-werk-begeleiding", "Beschut werk begeleiding", "beschut", "beschut-werk",
     "450.00", "maand", [3, 4], False, None, "8", ["eigen-organisatie", "zorg"]),
    ("sociale-activering", "Sociale activering", "participatie", "overig", "150.00",
     "maand", ALL, False, 12, "9", ["zorg", "eigen-organisatie"]),
    ("tegenprestatie", "Tegenprestatie / maatschappelijke bijdrage", "participatie",
     "overig", "0.00", "traject", ALL, False, 6, "9", ["eigen-organisatie", "zorg"]),
]

# (name, kind, KvK or "", city)
PROVIDERS = [
    ("IJmond Werkt", "eigen-organisatie", "", "Velsen"),
    ("UWV", "uwv", "", "Amsterdam"),
    ("Nova College", "onderwijs", "", "Haarlem"),
]

WML = [
    (date(2024, 1, 1), "13.27"),
    (date(2024, 7, 1), "13.68"),
    (date(2025, 1, 1), "14.06"),
    (date(2025, 7, 1), "14.40"),
    (date(2026, 1, 1), "14.71"),
]

STAFF = ["instrument", "provider", "subsidyparameter", "instrumentcategory",
         "trajectoryendreason", "placementkind", "placementendreason",
         "assessmentmethod"]
CASEWORK = ["trajectory", "deployment", "placement", "followup",
            "wagevalueassessment"]

PERMISSIONS = (
    [("functioneel beheerder", f"{a}_{m}") for m in STAFF for a in ("add", "change", "view")]
    + [("klantmanager", f"view_{m}") for m in STAFF]
    + [("werkmakelaar", f"view_{m}") for m in STAFF]
    + [("klantmanager", f"{a}_{m}") for m in CASEWORK for a in ("add", "change", "view")]
    + [("werkmakelaar", f"{a}_{m}") for m in ("placement", "followup")
       for a in ("add", "change", "view")]
)


def forwards(apps, schema_editor):
    seed(apps.get_model("trajectories", "InstrumentCategory"), CATEGORIES)
    seed(apps.get_model("trajectories", "PlacementEndReason"), PLACEMENT_END_REASONS)
    seed(apps.get_model("trajectories", "AssessmentMethod"), ASSESSMENT_METHODS)
    EndReason = apps.get_model("trajectories", "TrajectoryEndReason")
    for order, (code, label, success, to_work) in enumerate(END_REASONS):
        EndReason.objects.update_or_create(
            code=code,
            defaults={"label": label, "sort_order": order, "active": True,
                      "success": success, "outflow_to_work": to_work},
        )
    Kind = apps.get_model("trajectories", "PlacementKind")
    for order, (code, label, paid, regular, months, trial, secondment) in enumerate(
        PLACEMENT_KINDS
    ):
        Kind.objects.update_or_create(
            code=code,
            defaults={"label": label, "sort_order": order, "active": True,
                      "paid_work": paid, "regular_work": regular,
                      "max_duration_months": months, "is_trial": trial,
                      "is_secondment": secondment},
        )
    Category = apps.get_model("trajectories", "InstrumentCategory")
    Instrument = apps.get_model("trajectories", "Instrument")
    for (code, name, category, stream, cost, unit, groups, needs, months, cbs,
         kinds) in INSTRUMENTS:
        Instrument.objects.update_or_create(
            code=code,
            defaults={"name": name, "category": Category.objects.get(code=category),
                      "funding_stream": stream, "default_cost": Decimal(cost),
                      "cost_unit": unit, "target_groups": groups,
                      "requires_trajectory": needs, "max_duration_months": months,
                      "provision_code": cbs, "provider_kinds": kinds},
        )
    Provider = apps.get_model("trajectories", "Provider")
    for name, kind, kvk, city in PROVIDERS:
        Provider.objects.get_or_create(
            name=name, defaults={"kind": kind, "kvk_number": kvk, "city": city}
        )
    Parameter = apps.get_model("trajectories", "SubsidyParameter")
    for valid_from, wml in WML:
        Parameter.objects.get_or_create(
            valid_from=valid_from,
            defaults={"wml_per_hour": Decimal(wml),
                      "holiday_allowance_pct": Decimal("8.00"),
                      "cap_pct": Decimal("70.00"),
                      "employer_costs_pct": Decimal("23.00")},
        )
    grant(apps, [(role, "trajectories", codename) for role, codename in PERMISSIONS])


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in={role for role, _ in PERMISSIONS}):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="trajectories")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("trajectories", "0001_initial"),
        ("accounts", "0002_municipalities_and_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
