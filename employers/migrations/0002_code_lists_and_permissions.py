from django.db import migrations

from ijmondwerkt.migration_helpers import grant

from ijmondwerkt.codelists import seed

SBI_SECTIONS = [
    ("A", "A – Landbouw, bosbouw en visserij"),
    ("B", "B – Delfstoffenwinning"),
    ("C", "C – Industrie"),
    ("D", "D – Energievoorziening"),
    ("E", "E – Winning en distributie van water; afval- en afvalwaterbeheer en sanering"),
    ("F", "F – Bouwnijverheid"),
    ("G", "G – Groot- en detailhandel; reparatie van auto's"),
    ("H", "H – Vervoer en opslag"),
    ("I", "I – Logies-, maaltijd- en drankverstrekking"),
    ("J", "J – Informatie en communicatie"),
    ("K", "K – Financiële instellingen"),
    ("L", "L – Verhuur van en handel in onroerend goed"),
    ("M", "M – Advisering, onderzoek en overige specialistische zakelijke dienstverlening"),
    ("N", "N – Verhuur van roerende goederen en overige zakelijke dienstverlening"),
    ("O", "O – Openbaar bestuur, overheidsdiensten en verplichte sociale verzekeringen"),
    ("P", "P – Onderwijs"),
    ("Q", "Q – Gezondheids- en welzijnszorg"),
    ("R", "R – Cultuur, sport en recreatie"),
    ("S", "S – Overige dienstverlening"),
    ("T", "T – Huishoudens als werkgever"),
    ("U", "U – Extraterritoriale organisaties en lichamen"),
]

SECTOR_CLUSTERS = [
    ("techniek-industrie", "Techniek & industrie"),
    ("zorg-welzijn", "Zorg & welzijn"),
    ("logistiek-transport", "Logistiek & transport"),
    ("detailhandel", "Detailhandel"),
    ("bouw-infra", "Bouw & infra"),
    ("horeca-recreatie", "Horeca & recreatie"),
    ("overheid-onderwijs", "Overheid & onderwijs"),
    ("zakelijke-dienstverlening", "Zakelijke dienstverlening"),
    ("schoonmaak-facilitair", "Schoonmaak & facilitair"),
    ("groen-agrarisch", "Groen & agrarisch"),
]

SIZE_CLASSES = [
    ("micro", "Micro (1–9 werkzame personen)"),
    ("klein", "Klein (10–49 werkzame personen)"),
    ("middelgroot", "Middelgroot (50–249 werkzame personen)"),
    ("groot", "Groot (250 of meer werkzame personen)"),
]

CONTACT_KINDS = [
    ("bedrijfsbezoek", "Bedrijfsbezoek"),
    ("telefoon", "Telefoon"),
    ("e-mail", "E-mail"),
    ("netwerkbijeenkomst", "Netwerkbijeenkomst"),
    ("vacature-intake", "Vacature-intake"),
    ("nazorggesprek", "Nazorggesprek"),
]

CODE_LISTS = ["sbisection", "sectorcluster", "sizeclass", "employercontactkind"]
RECORDS = ["employer", "contactperson", "employercontact", "vacancy"]

PERMISSIONS = (
    [("werkmakelaar", f"{action}_{model}") for model in RECORDS for action in ("add", "change", "view")]
    + [("werkmakelaar", f"view_{model}") for model in CODE_LISTS]
    + [("klantmanager", f"view_{model}") for model in RECORDS + CODE_LISTS]
    + [
        ("functioneel beheerder", f"{action}_{model}")
        for model in CODE_LISTS
        for action in ("add", "change", "view")
    ]
)


def forwards(apps, schema_editor):
    seed(apps.get_model("employers", "SbiSection"), SBI_SECTIONS)
    seed(apps.get_model("employers", "SectorCluster"), SECTOR_CLUSTERS)
    seed(apps.get_model("employers", "SizeClass"), SIZE_CLASSES)
    seed(apps.get_model("employers", "EmployerContactKind"), CONTACT_KINDS)

    grant(apps, [(role, "employers", codename) for role, codename in PERMISSIONS])


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in={role for role, _ in PERMISSIONS}):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="employers")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("employers", "0001_initial"),
        ("accounts", "0002_municipalities_and_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
