"""Dialogs: the database's problems and ways out, the crash dialog, backups and checks."""
