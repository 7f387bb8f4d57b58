"""Background jobs (imports, report batches), run by Celery workers so that a large file or a school's report
cards never hold a request open, any web process can show any job, and a restart loses none.

- ``models.Job`` is a job's state in the database: queued, running, finished or failed, its error in words,
  and the fields its app shows of the result. Any web process on any machine reads it by token.
- ``progress`` publishes a running job's stage and counts through a cache that every process shares (Redis in
  production, files on the embedded default): an import's single transaction hides its rows until it commits,
  so progress cannot go through the database.
- ``queue`` is the Celery application and its settings' meaning: which broker, why tasks are acknowledged late.
- ``services`` enqueues a job and moves it through its states; ``runner.run_as_job`` is what a task calls to
  run its work as the job's owner and always end the job.
- ``views.render_job`` renders a job's page and the status fragment that htmx polls.

A job is visible only to the user who started it. Tests (``PROFICIO_JOBS_INLINE``) run tasks in the request.
"""
