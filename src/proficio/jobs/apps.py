from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "proficio.jobs"
    label = "jobs"
    verbose_name = "Background jobs"

    def ready(self) -> None:
        from proficio.jobs import queue

        queue.queue_folders()  # the embedded queue's folders exist before anything is sent
