"""What proficio keeps about data exchanged with other systems: every import run, and the CASE metadata that
lets a framework be exported again unchanged and re-imported in place."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from proficio.accounts.scoping import ScopedQuerySet
from proficio.roster.models import District
from proficio.standards.models import Framework, LearningObjective, PerformanceIndicator, Standard


class ImportRecord(models.Model):
    """One import run — who, when, which file (by hash), what it counted or why it failed.

    Written outside the import's own transaction, so a failed (rolled back) import is still on record.
    ``done``/``total`` drive the upload status page while the run is going.
    """

    class Kind(models.TextChoices):
        CASE = "case", "CASE framework"
        ONEROSTER = "oneroster", "OneRoster roster"

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        DRY_RUN = "dry_run", "Checked (dry run, nothing written)"
        COMMITTED = "committed", "Imported"
        FAILED = "failed", "Refused (nothing written)"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RUNNING)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    district = models.ForeignKey(District, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    source_name = models.CharField(max_length=500, help_text="File name, folder or URL the data came from.")
    sha256 = models.CharField(max_length=64, help_text="Hash of the bytes read (all files, in name order).")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    done = models.PositiveIntegerField(default=0, help_text="Rows or items processed so far.")
    total = models.PositiveIntegerField(default=0, help_text="Rows or items to process (0 while unknown).")
    counts = models.JSONField(default=dict, blank=True, help_text="e.g. {'users': {'created': 10, 'updated': 2}}")
    problems = models.JSONField(default=list, blank=True, help_text="Every problem found, each with its location.")
    warnings = models.JSONField(
        default=list, blank=True, help_text="What was read leniently (normalised or chosen), each with its location."
    )
    changes = models.JSONField(default=dict, blank=True, help_text="CASE re-import: items added, changed, removed.")
    framework = models.ForeignKey(Framework, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} import of {self.source_name} ({self.get_status_display()})"

    def count_rows(self) -> list[tuple[str, str]]:
        """The counts as (what, how many) lines for people: nested counts read "created 10 · updated 2"."""
        rows = []
        for name, value in (self.counts or {}).items():
            if isinstance(value, dict):
                text = " · ".join(f"{k.replace('_', ' ')} {v}" for k, v in value.items())
            elif isinstance(value, bool):
                text = "yes" if value else "no"
            else:
                text = str(value)
            rows.append((name.replace("_", " ").capitalize(), text))
        return rows


class CaseDocument(models.Model):
    """The CASE CFDocument a framework version was imported from (or is exported as)."""

    framework = models.OneToOneField(Framework, on_delete=models.CASCADE, related_name="case_document")
    identifier = models.CharField(max_length=255, db_index=True)
    uri = models.CharField(max_length=1000, blank=True)
    case_version = models.CharField(max_length=8, default="1.1", help_text="CASE version of the source package.")
    last_change = models.CharField(max_length=40, blank=True, help_text="CFDocument lastChangeDateTime, verbatim.")
    document = models.JSONField(default=dict, help_text="The CFDocument as imported, for faithful export.")
    definitions = models.JSONField(default=dict, blank=True, help_text="CFDefinitions as imported.")
    rubrics = models.JSONField(
        default=list, blank=True, help_text="CFRubrics as imported, so their identifiers survive export."
    )
    imported_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"CASE {self.identifier} → {self.framework}"


class CaseItem(models.Model):
    """A CFItem of an imported document and what it became: a standard, an indicator, an objective, or
    nothing (an item type mapped to 'ignore' is kept here so export and re-import still see it)."""

    document = models.ForeignKey(CaseDocument, on_delete=models.CASCADE, related_name="items")
    identifier = models.CharField(max_length=255)
    uri = models.CharField(max_length=1000, blank=True)
    item_type = models.CharField(max_length=255, blank=True)
    item = models.JSONField(default=dict, help_text="The CFItem as imported.")
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    indicator = models.ForeignKey(
        PerformanceIndicator, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    objective = models.ForeignKey(LearningObjective, on_delete=models.CASCADE, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["document", "id"]
        constraints = [models.UniqueConstraint(fields=["document", "identifier"], name="case_item_unique")]

    def __str__(self) -> str:
        return self.identifier


class CaseAssociation(models.Model):
    """A CFAssociation kept as imported: crosswalk links (exactMatchOf, isRelatedTo), exemplars and the rest."""

    document = models.ForeignKey(CaseDocument, on_delete=models.CASCADE, related_name="associations")
    identifier = models.CharField(max_length=255)
    association_type = models.CharField(max_length=64)
    origin_identifier = models.CharField(max_length=255)
    destination_identifier = models.CharField(max_length=255)
    destination_uri = models.CharField(max_length=1000, blank=True)
    association = models.JSONField(default=dict, help_text="The CFAssociation as imported.")

    class Meta:
        ordering = ["document", "id"]
        constraints = [models.UniqueConstraint(fields=["document", "identifier"], name="case_association_unique")]

    def __str__(self) -> str:
        return f"{self.origin_identifier} {self.association_type} {self.destination_identifier}"


class CaseTypeMapping(models.Model):
    """Which CFItemType becomes which proficio level, chosen at import and remembered per CFDocument."""

    class Target(models.TextChoices):
        STANDARD = "standard", "Graduation standard"
        INDICATOR = "indicator", "Performance indicator"
        OBJECTIVE = "objective", "Learning objective"
        IGNORE = "ignore", "Keep, but do not use"

    document_identifier = models.CharField(max_length=255)
    item_type = models.CharField(max_length=255)
    target = models.CharField(max_length=16, choices=Target.choices)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    chosen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["document_identifier", "item_type"]
        constraints = [
            models.UniqueConstraint(fields=["document_identifier", "item_type"], name="case_type_mapping_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item_type} → {self.target}"


class StoredDryRun(models.Model):
    """An import checked from the web and waiting for "Import it": what the real run needs, kept in the
    database so that any web process, on any machine, can commit it, and a restart loses nothing.

    Invariants (kept by ``interop.dry_runs``): ``token`` is unguessable and is the dry run's job token;
    ``sha256`` is the hash of ``data`` as checked; ``committed_at`` is set once, by a conditional update, so
    one dry run starts at most one real import; ``data`` is emptied once committed or expired.
    """

    token = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=16, choices=ImportRecord.Kind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    source_name = models.CharField(max_length=500, help_text="The file name or address the user gave.")
    options = models.JSONField(default=dict, blank=True, help_text="Import options other than the file.")
    data = models.BinaryField(default=b"", help_text="The bytes checked; emptied once committed or expired.")
    sha256 = models.CharField(max_length=64, blank=True, help_text="Hash of the bytes checked.")
    report = models.ForeignKey(
        ImportRecord, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", help_text="The check."
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    checked_at = models.DateTimeField(null=True, blank=True, help_text="When the check finished.")
    commit_token = models.CharField(max_length=64, blank=True, db_index=True, help_text="The real run's job.")
    committed_at = models.DateTimeField(null=True, blank=True)
    commit_record = models.ForeignKey(
        ImportRecord, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", help_text="The import."
    )
    commit_finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Dry run of {self.source_name} ({self.get_kind_display()})"
