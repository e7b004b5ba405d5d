"""Tasks refer to their client's file by key, filled from the link they carried."""

import re

import django.db.models.deletion
from django.db import migrations, models

UUID_IN_LINK = re.compile(
    r"^/werkzoekenden/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/?$"
)


def backfill(apps, schema_editor):
    Task = apps.get_model("inbox", "Task")
    Client = apps.get_model("clients", "Client")
    pending = Task.objects.filter(
        client__isnull=True, link__startswith="/werkzoekenden/"
    ).only("pk", "link")
    batch = []
    for task in pending.iterator(chunk_size=2000):
        match = UUID_IN_LINK.match(task.link)
        if match:
            batch.append((task.pk, match.group(1)))
        if len(batch) >= 2000:
            _attach(Task, Client, batch)
            batch = []
    _attach(Task, Client, batch)


def _attach(Task, Client, batch):
    if not batch:
        return
    ids = {
        str(uuid): pk
        for uuid, pk in Client.objects.filter(
            uuid__in={u for _pk, u in batch}
        ).values_list("uuid", "pk")
    }
    tasks = []
    for pk, uuid in batch:
        client_id = ids.get(uuid)
        if client_id is not None:
            tasks.append(Task(pk=pk, client_id=client_id))
    Task.objects.bulk_update(tasks, ["client"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0004_client_ladder_step"),
        ("inbox", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="task",
            name="client",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="tasks",
                to="clients.client",
                verbose_name="werkzoekende",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
