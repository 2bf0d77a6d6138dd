"""English date formats, the same kinds as the German ones (British order, 24-hour clock):
"13 November 2025", never Django's default "Nov. 13, 2025"."""

DATE_FORMAT = "j F Y"  # 13 November 2025
DATETIME_FORMAT = "j F Y, H:i"  # 13 November 2025, 09:30
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
