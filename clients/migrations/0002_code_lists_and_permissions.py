from django.db import migrations

from ijmondwerkt.migration_helpers import grant

from ijmondwerkt.codelists import seed

BENEFIT_KINDS = [
    ("pw-bijstand", "Participatiewet-bijstand"),
    ("ioaw", "IOAW"),
    ("ioaz", "IOAZ"),
    ("bbz", "Bbz"),
    ("ww", "WW"),
    ("wajong", "Wajong"),
    ("wsw", "Wsw"),
    ("anw", "Anw"),
    ("nug", "Geen uitkering (NUG)"),
]

# Same codes as employers.EducationLevel, so vacancies and clients can be matched.
EDUCATION_LEVELS = [
    ("geen", "Geen / basisonderwijs"),
    ("vmbo", "vmbo"),
    ("mbo1", "mbo 1 (entree)"),
    ("mbo2", "mbo 2"),
    ("mbo3", "mbo 3"),
    ("mbo4", "mbo 4"),
    ("havo", "havo"),
    ("vwo", "vwo"),
    ("hbo", "hbo"),
    ("wo", "wo"),
]
STARTKWALIFICATIE = ["mbo2", "mbo3", "mbo4", "havo", "vwo", "hbo", "wo"]

REGISTRATION_CHANNELS = [
    ("aanvraag-uitkering", "Aanvraag uitkering"),
    ("uwv", "Verwijzing UWV (einde WW)"),
    ("afdeling-inkomen", "Verwijzing afdeling inkomen"),
    ("sociaal-wijkteam", "Verwijzing sociaal wijkteam"),
    ("eigen-initiatief", "Eigen initiatief"),
]

INFLOW_REASONS = [
    ("ontslag", "Ontslag"),
    ("einde-ww", "Einde WW"),
    ("einde-studie", "Einde studie"),
    ("echtscheiding-relatie", "Echtscheiding/relatie"),
    ("verhuizing", "Verhuizing naar gemeente"),
    ("vrijlating-detentie", "Vrijlating detentie"),
    ("einde-andere-uitkering", "Einde andere uitkering"),
    ("overig", "Overig"),
]

OUTFLOW_REASONS = [
    ("werk-loondienst", "Werk in loondienst"),
    ("werk-zelfstandige", "Werk als zelfstandige"),
    ("opleiding", "Opleiding/studie"),
    ("andere-uitkering", "Andere uitkering (WW/Wajong/WIA/AOW)"),
    ("verhuizing", "Verhuizing"),
    ("relatie-samenwonen", "Relatie/samenwonen"),
    ("detentie", "Detentie"),
    ("overlijden", "Overlijden"),
    ("niet-nakomen", "Niet-nakomen verplichtingen"),
    ("onbekend", "Onbekend"),
]

CONTACT_CHANNELS = [
    ("gesprek", "Gesprek"),
    ("telefoon", "Telefoon"),
    ("e-mail", "E-mail"),
    ("huisbezoek", "Huisbezoek"),
    ("brief", "Brief"),
]

BARRIER_CATEGORIES = [
    ("gezondheid", "Gezondheid"),
    ("schulden", "Schulden"),
    ("taal", "Taal"),
    ("zorgtaken", "Zorgtaken"),
    ("overig", "Overig"),
]

CODE_LISTS = {
    "benefitkind": BENEFIT_KINDS,
    "educationlevel": EDUCATION_LEVELS,
    "registrationchannel": REGISTRATION_CHANNELS,
    "inflowreason": INFLOW_REASONS,
    "outflowreason": OUTFLOW_REASONS,
    "contactchannel": CONTACT_CHANNELS,
    "barriercategory": BARRIER_CATEGORIES,
}
CASEWORK = [
    "client",
    "intake",
    "plan",
    "goal",
    "laddermeasurement",
    "contact",
    "outflow",
    "handover",
]

PERMISSIONS = (
    [
        ("klantmanager", f"{action}_{model}")
        for model in CASEWORK
        for action in ("add", "change", "view")
    ]
    + [("klantmanager", f"view_{model}") for model in CODE_LISTS]
    + [("klantmanager", "add_clientchange"), ("klantmanager", "add_clientaccess")]
    + [
        ("functioneel beheerder", f"{action}_{model}")
        for model in [*CODE_LISTS, "municipalitypolicy"]
        for action in ("add", "change", "view")
    ]
    + [("privacy officer", "view_clientaccess"), ("privacy officer", "view_clientchange")]
)


def forwards(apps, schema_editor):
    models = {name: apps.get_model("clients", name) for name in CODE_LISTS}
    for name, rows in CODE_LISTS.items():
        seed(models[name], rows)
    models["educationlevel"].objects.filter(code__in=STARTKWALIFICATIE).update(
        startkwalificatie=True
    )

    grant(apps, [(role, "clients", codename) for role, codename in PERMISSIONS])


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.all():
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="clients")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0001_initial"),
        ("accounts", "0002_municipalities_and_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
