"""Qt item models over the core's lists."""
