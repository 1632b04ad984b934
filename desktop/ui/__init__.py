"""The Qt user interface. Talks to services through desktop.workers; never to the store."""
