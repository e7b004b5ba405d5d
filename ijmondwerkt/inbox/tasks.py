from __future__ import annotations

import logging

from celery import shared_task

from django.core.mail import send_mass_mail
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from ijmondwerkt.accounts.models import User
from ijmondwerkt.inbox.services import email_enabled

logger = logging.getLogger(__name__)


@shared_task
def send_daily_digest() -> int:
    """E-mail everyone with open tasks due today or earlier a short digest.

    Runs once a morning; one aggregate query, one message per person.
    """
    if not email_enabled():
        return 0
    today = timezone.localdate()
    due = Q(tasks__done_at__isnull=True, tasks__due_date__lte=today)
    people = (
        User.objects.filter(is_active=True)
        .exclude(email="")
        .annotate(due=Count("tasks", filter=due))
        .filter(due__gt=0)
        .values_list("email", "first_name", "due")
    )
    path = reverse("inbox:list")
    messages = [
        (
            f"IJmond Werkt: {count} taken voor vandaag",
            f"Goedemorgen {name},\n\nEr staan {count} taken voor u klaar die vandaag "
            f"of eerder af moeten. Bekijk ze in IJmond Werkt onder Taken ({path}).\n",
            None,
            [email],
        )
        for email, name, count in people
    ]
    sent = send_mass_mail(messages, fail_silently=False)
    logger.info("Sent %d task digests", sent)
    return sent
