"""A background job's state, in the database so that every web process, on every machine, sees the same.

Invariants (kept by ``jobs.services``): ``token`` is unguessable and names the job in its pages' addresses;
``state`` only moves forward (queued → running → finished or failed), and a finished or failed job has
``finished_at``; ``attempts`` counts deliveries of its task, more than one only when a worker was lost.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "Waiting for a worker"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"
        FAILED = "failed", "Failed"

    token = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=32, help_text="Which app's work: an import's kind, or a report batch.")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    error = models.TextField(blank=True, help_text="Why it failed, in words for the person who started it.")
    result = models.JSONField(default=dict, blank=True, help_text="The fields its app shows of the result.")
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} job {self.token[:8]} ({self.get_state_display()})"

    @property
    def finished(self) -> bool:
        """Whether its page may stop polling: it finished, or failed."""
        return self.state in (self.State.FINISHED, self.State.FAILED)
