"""(being written)"""

PAGES = []
