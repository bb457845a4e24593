"""Tài chính in three rooms: ledger (the books), dues, funds (budgets, drives, loans, welfare);
dues and funds may import the ledger, never the reverse. forms.py, pages.py and selectors.py
hold what every room and emulation share and import no room; urls.py, the demo and the benchmark
read the rooms. May import: unionhub, members."""
