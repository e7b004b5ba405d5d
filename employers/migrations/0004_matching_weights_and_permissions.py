from django.db import migrations

from ijmondwerkt.migration_helpers import grant

# Defaults copied here (not imported) so the migration stays as it was written.
DEFAULT_WEIGHTS = {
    "sector_wish": 30,
    "occupation_wish": 20,
    "hours_fit": 20,
    "hours_mismatch": -10,
    "education_met": 15,
    "education_below": -20,
    "no_driving_licence": -25,
    "language_met": 10,
    "language_below": -15,
    "ready_for_work": 15,
    "already_placed": -50,
    "already_proposed": -100,
}

PERMISSIONS = [
    ("werkmakelaar", "add_proposal"),
    ("werkmakelaar", "change_proposal"),
    ("werkmakelaar", "view_proposal"),
    ("werkmakelaar", "view_matchingweight"),
    ("klantmanager", "view_proposal"),
    ("functioneel beheerder", "view_matchingweight"),
    ("functioneel beheerder", "change_matchingweight"),
]


def forwards(apps, schema_editor):
    MatchingWeight = apps.get_model("employers", "MatchingWeight")
    for criterion, points in DEFAULT_WEIGHTS.items():
        MatchingWeight.objects.get_or_create(
            criterion=criterion, defaults={"points": points}
        )
    grant(apps, [(role, "employers", codename) for role, codename in PERMISSIONS])


class Migration(migrations.Migration):
    dependencies = [("employers", "0003_matchingweight_proposal")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
