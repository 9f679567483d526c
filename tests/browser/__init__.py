"""Helpers for tests/test_browser.py: the servers it starts, what it does in a page, and its report.

servers: JupyterLab and Voila on 127.0.0.1, isolated from the user's own Jupyter settings and
always stopped with every process they started. pages: opening, running and checking a notebook,
and moving a slider while timing its figure. report: the latency report and screenshots.
"""
