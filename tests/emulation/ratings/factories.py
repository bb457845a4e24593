"""What the ratings' test modules share at import time: the year rated and the four ratings."""

from emulation.models import Rating

YEAR = 2025
EXC, GOOD, DONE, FAILED = Rating.EXCELLENT, Rating.GOOD, Rating.DONE, Rating.FAILED
