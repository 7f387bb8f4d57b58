"""Loaded by rules' autodiscovery so the object permissions in permissions.py are registered at start-up."""

from proficio.roster import permissions  # noqa: F401
