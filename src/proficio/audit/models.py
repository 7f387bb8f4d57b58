"""The audit trail (issue 7)."""
