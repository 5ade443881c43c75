"""The archive's benchmarks (``make bench``) and the synthetic archive they
and the tests build on.

A package so that the tests can import ``bench.synthetic`` and
``bench.browser`` with the repository root on the path; nothing here imports
from ``tests/``.
"""
