"""The window: Qt only, thin; it calls db/ and never writes SQL."""
