"""Tests of the window (gui/), offscreen, driven by key presses and clicks."""
