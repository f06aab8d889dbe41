"""The import, a module a part: rows (the file understood), run (the shared path), and one
module for each kind of record; db/exchange/importer.py runs them in order."""
