"""Commands that span every app: seed_demo (the demo data) and bench (the benchmarks)."""
