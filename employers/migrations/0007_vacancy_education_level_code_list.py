"""The vacancy's required education level refers to the clients' education code list.

Until now it was a fixed copy of that list's codes, so a level the beheerder
added could not be asked for and scored nothing in matching. The stored codes
are carried over to references; the codes are the same in both lists.
"""

import django.db.models.deletion
from django.db import migrations, models


def codes_to_levels(apps, schema_editor):
    Vacancy = apps.get_model("employers", "Vacancy")
    EducationLevel = apps.get_model("clients", "EducationLevel")
    codes = (
        Vacancy.objects.exclude(education_level_code="")
        .values_list("education_level_code", flat=True)
        .distinct()
    )
    for code in codes:
        # Every code of the old fixed list is seeded in the code list; a code
        # missing there (hand-edited data) is added rather than lost.
        level, _ = EducationLevel.objects.get_or_create(
            code=code, defaults={"label": code}
        )
        Vacancy.objects.filter(education_level_code=code).update(education_level=level)
    _check_references_now(schema_editor)


def _check_references_now(schema_editor):
    """Run the deferred foreign-key checks of the rows just written: PostgreSQL
    refuses to alter a table with pending trigger events, and the old column is
    dropped in this same transaction."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def levels_to_codes(apps, schema_editor):
    Vacancy = apps.get_model("employers", "Vacancy")
    for vacancy in Vacancy.objects.exclude(education_level=None).select_related(
        "education_level"
    ):
        vacancy.education_level_code = vacancy.education_level.code[:10]
        vacancy.save(update_fields=["education_level_code"])
    _check_references_now(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0002_code_lists_and_permissions"),
        ("employers", "0006_text_limits_and_plausible_dates"),
    ]

    operations = [
        migrations.RenameField(
            model_name="vacancy",
            old_name="education_level",
            new_name="education_level_code",
        ),
        migrations.AddField(
            model_name="vacancy",
            name="education_level",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="vacancies",
                to="clients.educationlevel",
                verbose_name="opleidingsniveau",
            ),
        ),
        migrations.RunPython(codes_to_levels, levels_to_codes),
        migrations.RemoveField(model_name="vacancy", name="education_level_code"),
    ]
