"""What the member report's test modules share at import time: the day it is asked about and
its issue date."""

from datetime import date

DAY = date(2022, 6, 30)
ISSUED = date(2022, 7, 5)
