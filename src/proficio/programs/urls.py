"""Every programs page; each view module lists its own routes in ``urls``."""

from proficio.programs import (
    coaching_views,
    gbp_views,
    grid_views,
    knowledge_views,
    learning_views,
    network_views,
    school_views,
)

urlpatterns = [
    *grid_views.urls,
    *gbp_views.urls,
    *coaching_views.urls,
    *learning_views.urls,
    *knowledge_views.urls,
    *network_views.urls,
    *school_views.urls,
]
