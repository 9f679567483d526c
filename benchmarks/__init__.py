"""Benchmarks of the course: how fast gdlib descends, how fast sliders respond, how fast notebooks run.

Run them with `python benchmarks/run.py` (see its docstring); each module measures one thing.
"""
