"""The one way the UI runs work off its thread: desktop.workers.tasks.TaskRunner."""
