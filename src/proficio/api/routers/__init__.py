"""One router per resource; ``proficio.api.site`` mounts them under /api/v1/."""
