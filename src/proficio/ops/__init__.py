"""Operating a proficio installation: backups and restores (docs/operations.md)."""
