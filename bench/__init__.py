"""Benchmarks: each bench_*.py module has a main() that runs its peer comparison and prints figures."""
