from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Tasks about a placement (its follow-up, trial or secondment end, the
# reassessment of its wage value) go on after the client's file closes with
# outflow to work: the placement, and its subsidy, go on too.
PLACEMENT_TASK_KINDS = frozenset(
    {
        "assessment_due",
        "assessment_overdue",
        "placement_follow_up_due",
        "trial_placement_end",
        "secondment_end",
    }
)


class TaskQuerySet(models.QuerySet["Task"]):
    def for_user(self, user: Any) -> TaskQuerySet:
        """A person's inbox holds the tasks assigned to them, nothing else."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(assignee=user)

    def open(self) -> TaskQuerySet:
        return self.filter(done_at__isnull=True)

    def closing_with_file(self) -> TaskQuerySet:
        """Open tasks that end when the client's file closes (not placement work)."""
        return self.open().exclude(kind__in=PLACEMENT_TASK_KINDS)

    def due_by(self, day: date) -> TaskQuerySet:
        return self.open().filter(due_date__lte=day)

    def overdue(self, today: date) -> TaskQuerySet:
        return self.open().filter(due_date__lt=today)


class Task(models.Model):
    """An item in someone's inbox: something to do, with a due date and a link."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voor"),
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    kind = models.CharField(_("soort"), max_length=50)
    title = models.CharField(_("omschrijving"), max_length=255)
    link = models.CharField(_("link"), max_length=255, blank=True)
    # The file the task is about. Tasks are work, not history: erasing a file
    # (anonymisation) must never fail on a to-do item, so the task is detached
    # (SET_NULL) and keeps its title; the audit trail is what PROTECTs the file.
    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("werkzoekende"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
    )
    due_date = models.DateField(_("uiterlijk"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    done_at = models.DateTimeField(_("afgehandeld"), null=True, blank=True)
    # Makes scheduled jobs idempotent: one task per subject, kind and due date.
    dedupe_key = models.CharField(max_length=200, unique=True, null=True, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = [models.F("due_date").asc(nulls_last=True), "created_at"]
        indexes = [models.Index(fields=["assignee", "done_at", "due_date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, today: date) -> bool:
        return not self.is_done and self.due_date is not None and self.due_date < today
