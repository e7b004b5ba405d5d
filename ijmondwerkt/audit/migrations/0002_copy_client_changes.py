"""Every existing client history row (ClientChange) becomes an AuditEvent.

Same uuid, time, user, action, summary and changes; the event is about the
client (content type client, object id the client's pk) and carries it as
``client``, so the timeline reads one table. Rows already copied (same uuid)
are skipped, so the migration is safe to run on a partly copied database.
"""

from django.db import migrations

BATCH = 2000


def _name(client):
    parts = (client.first_name, client.name_prefix, client.last_name)
    return " ".join(part for part in parts if part)[:200]


def copy_client_changes(apps, schema_editor):
    ClientChange = apps.get_model("clients", "ClientChange")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    client_type, _ = ContentType.objects.get_or_create(
        app_label="clients", model="client"
    )
    rows = ClientChange.objects.select_related("client").order_by("pk")
    batch = []
    done = set(AuditEvent.objects.values_list("uuid", flat=True))
    for change in rows.iterator(chunk_size=BATCH):
        if change.uuid in done:
            continue
        batch.append(
            AuditEvent(
                uuid=change.uuid,
                at=change.at,
                user_id=change.user_id,
                action=change.action[:40],
                summary=change.summary,
                content_type=client_type,
                object_id=str(change.client_id),
                object_repr=_name(change.client),
                client_id=change.client_id,
                changes=change.changes or {},
            )
        )
        if len(batch) >= BATCH:
            AuditEvent.objects.bulk_create(batch)
            batch = []
    if batch:
        AuditEvent.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("clients", "0004_client_ladder_step"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_client_changes, migrations.RunPython.noop),
    ]
