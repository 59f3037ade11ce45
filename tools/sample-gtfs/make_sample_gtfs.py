#!/usr/bin/env python3
"""Generate Vecino's sample GTFS feed for Santander.

Usage:
    python3 make_sample_gtfs.py SOURCE_DIR OUTPUT_DIR

SOURCE_DIR holds the real TUS Santander agency.txt, routes.txt and stops.txt
(Spain's national transport access point, NAP dataset 1391). They have no
timetable, so this script invents one: seven real lines, each with a
hand-picked sequence of real stops per direction, and plausible headways.

The output is deterministic: the same input always gives byte-identical files.
Standard library only. After writing, the feed is checked (see validate()).
"""

import csv
import datetime
import math
import os
import re
import sys

# ---------------------------------------------------------------------------
# What the feed contains
# ---------------------------------------------------------------------------

# Services (calendar.txt): one per day type, valid for the whole sample period.
SERVICES = [
    # service_id, mon..sun
    ("WEEKDAY", (1, 1, 1, 1, 1, 0, 0)),
    ("SATURDAY", (0, 0, 0, 0, 0, 1, 0)),
    ("SUNDAY", (0, 0, 0, 0, 0, 0, 1)),  # Sundays and public holidays
]
FEED_START = "20240101"
FEED_END = "20351231"

# Public holidays that get the Sunday timetable (calendar_dates.txt).
HOLIDAY_YEARS = (2026, 2027, 2028)
# Spain's national holidays on fixed dates (month, day).
NATIONAL_FIXED_HOLIDAYS = [
    (1, 1),    # Año Nuevo
    (1, 6),    # Epifanía del Señor
    (5, 1),    # Fiesta del Trabajo
    (8, 15),   # Asunción de la Virgen
    (10, 12),  # Fiesta Nacional de España
    (11, 1),   # Todos los Santos
    (12, 6),   # Día de la Constitución
    (12, 8),   # Inmaculada Concepción
    (12, 25),  # Navidad
]
# Plus Viernes Santo (Good Friday), computed from the date of Easter.

# Average commercial speed used to space consecutive stops: 18 km/h.
METRES_PER_MINUTE = 18000 / 60
# Buses follow streets, not straight lines between stops.
DETOUR_FACTOR = 1.25

# The lines. Stop ids are the real TUS stop_ids, in travel order; each
# direction uses the stops on its own side of the street where TUS has a
# pair. Headways are in minutes:
#   weekday: (peak, off-peak)   peak = 07:00-09:30, 13:00-15:30, 17:00-20:30
#   saturday, sunday: all day
# Everywhere, early (before 07:00) and late (from 21:30) trips run less often.
LINES = [
    {
        # Valdenoja - Sardinero - Reina Victoria - centre - Valdecilla -
        # Cossío - El Alisal - Adarzo - PCTCAN. The busiest line; its last
        # trips leave after midnight (GTFS times past 24:00:00).
        "route_id": "1",
        "headsigns": ("González Trevilla", "PCTCAN / Adarzo"),
        "stops": (
            [420, 227, 226, 1, 3, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
             18, 20, 21, 23, 25, 624, 296, 1113],
            [306, 629, 29, 31, 32, 33, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44,
             45, 46, 47, 50, 52, 53, 232, 231, 452],
        ),
        "weekday": (10, 12), "saturday": 15, "sunday": 20,
        "last_departure": "24:15",
    },
    {
        # Corbán - El Somo - Avenida del Deporte - Lavapiés - Calle Repuente -
        # Barrio La Torre - Avenida de Cantabria - Consuelo Bergés.
        "route_id": "2",
        "headsigns": ("Consuelo Bergés", "Corbán"),
        "stops": (
            [370, 373, 374, 375, 376, 377, 378, 152, 153, 154, 155, 156, 157,
             158, 159, 160, 302, 196],
            [197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 361, 362, 363,
             364, 365, 366, 367, 368],
        ),
        "weekday": (15, 20), "saturday": 20, "sunday": 30,
    },
    {
        # Ojaiz - Peñacastillo - Campogiro - Cajo - Calle Alta - centre -
        # Puerto Chico - Menéndez Pelayo - Sardinero - Los Castros (university).
        "route_id": "3",
        "headsigns": ("Sardinero / Universidad", "Ojaiz"),
        "stops": (
            [323, 320, 56, 57, 58, 60, 61, 63, 65, 92, 255, 257, 259, 13, 14,
             15, 16, 76, 147, 124, 126, 100, 99, 75, 73],
            [72, 71, 69, 67, 31, 33, 35, 36, 37, 38, 39, 40, 41, 396, 397, 399,
             78, 80, 81, 83, 85, 87, 88, 89, 323],
        ),
        "weekday": (12, 15), "saturday": 20, "sunday": 30,
    },
    {
        # Barrio Pesquero - Marqués de la Hermida / Calle Castilla -
        # Estaciones - Ayuntamiento - Menéndez Pelayo - Intercambiador del
        # Sardinero.
        "route_id": "4",
        "headsigns": ("Intercambiador Sardinero", "Barrio Pesquero"),
        "stops": (
            [96, 97, 292, 98, 697, 13, 404, 313, 319, 146, 147, 148, 149, 190,
             191, 624],
            [628, 167, 124, 109, 110, 111, 112, 113, 114, 41, 260, 102, 103,
             95, 96],
        ),
        "weekday": (15, 20), "saturday": 20, "sunday": 30,
    },
    {
        # Avenida de Valdecilla - San Fernando - centre - Puerto Chico -
        # Canalejas - Plaza de Italia (back along Reina Victoria).
        # Frequency-based: one template trip per direction and day type.
        "route_id": "11",
        "headsigns": ("Plaza de Italia", "Avenida Valdecilla"),
        "stops": (
            [625, 9, 10, 11, 12, 13, 14, 15, 16, 76, 249, 250, 251, 680, 704,
             125, 131, 126],
            [31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 622],
        ),
        # (start, end, headway in minutes); exact_times=0 (headway-based).
        "frequencies": {
            "WEEKDAY": [("06:30", "07:00", 15), ("07:00", "21:00", 10),
                        ("21:00", "23:40", 20)],
            "SATURDAY": [("06:45", "09:00", 20), ("09:00", "21:30", 15),
                         ("21:30", "23:40", 20)],
            "SUNDAY": [("07:00", "23:40", 20)],
        },
    },
    {
        # Cementerio de Lluja - PCTCAN - Adarzo - Cardenal Herrera Oria -
        # Avenida de los Castros - Ernest Lluch - Cueto.
        "route_id": "13",
        "headsigns": ("Cueto", "Lluja"),
        "stops": (
            [411, 452, 420, 227, 226, 233, 181, 182, 183, 184, 186, 209, 210,
             211, 212, 1083, 1084, 242, 241, 240, 239],
            [437, 425, 428, 1096, 1097, 220, 221, 222, 223, 171, 172, 173, 174,
             175, 176, 232, 231, 455, 411],
        ),
        "weekday": (12, 15), "saturday": 20, "sunday": 30,
    },
    {
        # Plaza de las Estaciones - Calle Alta - Plaza de Toros - La Albericia
        # - La Gloria - El Somo - Corbán - Ciriego.
        "route_id": "17",
        "headsigns": ("Ciriego", "Plaza de las Estaciones"),
        "stops": (
            [324, 400, 395, 396, 397, 398, 399, 402, 332, 403, 380, 381, 382,
             383, 384, 385, 364, 365, 366, 367, 368, 369],
            [369, 370, 373, 374, 375, 386, 387, 388, 389, 390, 358, 407, 447,
             255, 256, 257, 258, 260],
        ),
        "weekday": (15, 20), "saturday": 30, "sunday": 30,
    },
]

FIRST_DEPARTURE = {"WEEKDAY": "06:30", "SATURDAY": "06:45", "SUNDAY": "07:00"}
LAST_DEPARTURE = "23:30"
# Direction 1 starts a few minutes after direction 0.
DIRECTION_1_OFFSET_MIN = 5
PEAK_BANDS = [("07:00", "09:30"), ("13:00", "15:30"), ("17:00", "20:30")]
EARLY_END = "07:00"          # weekdays: early trips before this time
WEEKEND_EARLY_END = "09:00"  # weekends: early trips before this time
LATE_START = "21:30"         # every day: late trips from this time

FEED_INFO = {
    "feed_publisher_name": "Vecino sample data (invented timetable; not an official TUS schedule)",
    "feed_publisher_url": "https://www.santander.es",
    "feed_lang": "es",
    "feed_start_date": FEED_START,
    "feed_end_date": FEED_END,
    "feed_version": "vecino-sample-1",
}

# ---------------------------------------------------------------------------
# Stop names: "PLAZA DE LOS REMEDIOS" -> "Plaza de los Remedios"
# ---------------------------------------------------------------------------

# Words the operator writes without their accent; restored for display.
ACCENTED = {
    "AUTONOMIA": "AUTONOMÍA", "BARON": "BARÓN", "CACERES": "CÁCERES",
    "CORBAN": "CORBÁN", "COSSIO": "COSSÍO", "DEPOSITO": "DEPÓSITO",
    "DIAZ": "DÍAZ", "ESTACION": "ESTACIÓN", "GARCIA": "GARCÍA",
    "GONZALEZ": "GONZÁLEZ", "GUTIERREZ": "GUTIÉRREZ", "JERONIMO": "JERÓNIMO",
    "JESUS": "JESÚS", "JOAQUIN": "JOAQUÍN", "JOSE": "JOSÉ",
    "LAVAPIES": "LAVAPIÉS", "LEON": "LEÓN", "LOPEZ": "LÓPEZ",
    "LUCIA": "LUCÍA", "MARIA": "MARÍA", "MARQUES": "MARQUÉS",
    "MARTIN": "MARTÍN", "MARTINEZ": "MARTÍNEZ", "MEJICO": "MÉJICO",
    "MENENDEZ": "MENÉNDEZ", "NUMERO": "NÚMERO", "PEREZ": "PÉREZ",
    "PIQUIO": "PIQUÍO", "SEPULVEDA": "SEPÚLVEDA", "TOMAS": "TOMÁS",
    "VIA": "VÍA",
}
KEEP_UPPER = {"PCTCAN", "UIMP"}
ALWAYS_LOWER = {"DE", "DEL", "Y", "E"}
ARTICLES = {"LA", "LAS", "LOS", "EL"}   # lower case only after "de"/"del"


def title_case(name):
    """Spanish-style title case, keeping (and restoring a few) accents."""
    words = re.findall(r"[^\W\d_]+|[\d_]+|[\W]", name.strip())
    out, previous = [], None
    for token in words:
        if not token[0].isalpha():
            out.append(token)
            continue
        upper = token.upper()
        if upper in KEEP_UPPER:
            word = upper
        elif previous is not None and (
                upper in ALWAYS_LOWER
                or (upper in ARTICLES and previous in ("DE", "DEL"))):
            word = upper.lower()
        else:
            upper = ACCENTED.get(upper, upper)
            word = upper[0] + upper[1:].lower()
        out.append(word)
        previous = upper
    text = "".join(out)
    return text.replace("S/N", "s/n").replace("S/n", "s/n")


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def minutes(hhmm):
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def gtfs_time(total_minutes):
    """Minutes after midnight of the service day -> 'HH:MM:SS' (may be >= 24)."""
    return "%02d:%02d:00" % divmod(total_minutes, 60)


def distance_m(a, b):
    """Equirectangular distance in metres; precise enough at city scale."""
    lat1, lon1 = math.radians(float(a["stop_lat"])), math.radians(float(a["stop_lon"]))
    lat2, lon2 = math.radians(float(b["stop_lat"])), math.radians(float(b["stop_lon"]))
    x = (lon2 - lon1) * math.cos((lat1 + lat2) / 2)
    y = lat2 - lat1
    return 6371000 * math.hypot(x, y)


def segment_minutes(a, b):
    """Running time between consecutive stops: 1 to 3 whole minutes."""
    raw = distance_m(a, b) * DETOUR_FACTOR / METRES_PER_MINUTE
    return min(3, max(1, int(raw + 0.5)))


def easter(year):
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def holidays():
    days = []
    for year in HOLIDAY_YEARS:
        days += [datetime.date(year, m, d) for m, d in NATIONAL_FIXED_HOLIDAYS]
        days.append(easter(year) - datetime.timedelta(days=2))  # Viernes Santo
    return sorted(days)


def headway(line, service, t):
    """Minutes until the next departure after a departure at minute t."""
    late = t >= minutes(LATE_START)
    if service == "WEEKDAY":
        peak, base = line["weekday"]
        if t < minutes(EARLY_END) or late:
            return max(base, 20)
        if any(minutes(s) <= t < minutes(e) for s, e in PEAK_BANDS):
            return peak
        return base
    base = line["saturday" if service == "SATURDAY" else "sunday"]
    if t < minutes(WEEKEND_EARLY_END) or late:
        return max(base, 30)
    return base


def departures(line, service, direction):
    t = minutes(FIRST_DEPARTURE[service]) + direction * DIRECTION_1_OFFSET_MIN
    last = minutes(line.get("last_departure", LAST_DEPARTURE))
    times = []
    while t <= last:
        times.append(t)
        t += headway(line, service, t)
    return times


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(out_dir, name, header, rows):
    path = os.path.join(out_dir, name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])


# ---------------------------------------------------------------------------
# Build the feed
# ---------------------------------------------------------------------------

def build(source_dir, out_dir):
    agency = read_csv(os.path.join(source_dir, "agency.txt"))
    routes = {r["route_id"]: r for r in read_csv(os.path.join(source_dir, "routes.txt"))}
    stops = {s["stop_id"]: s for s in read_csv(os.path.join(source_dir, "stops.txt"))}
    os.makedirs(out_dir, exist_ok=True)

    # agency.txt: the real agency, unchanged.
    agency_header = list(agency[0].keys())
    write_csv(out_dir, "agency.txt", agency_header,
              [[a[k] for k in agency_header] for a in agency])

    # routes.txt: the chosen real routes, unchanged.
    route_header = ["route_id", "agency_id", "route_short_name", "route_long_name",
                    "route_desc", "route_type", "route_url", "route_color",
                    "route_text_color"]
    route_rows = []
    for line in LINES:
        route = routes[line["route_id"]]   # KeyError = route missing in source
        route_rows.append([route.get(k, "").strip() for k in route_header])
    write_csv(out_dir, "routes.txt", route_header, route_rows)

    # stops.txt: only the stops the lines use; real id, code and position.
    used = sorted({str(s) for line in LINES for seq in line["stops"] for s in seq}, key=int)
    missing = [s for s in used if s not in stops]
    if missing:
        raise SystemExit("stops not in the source: %s" % ", ".join(missing))
    write_csv(out_dir, "stops.txt",
              ["stop_id", "stop_code", "stop_name", "stop_lat", "stop_lon", "location_type"],
              [[s, stops[s]["stop_code"], title_case(stops[s]["stop_name"]),
                stops[s]["stop_lat"], stops[s]["stop_lon"], "0"] for s in used])

    # calendar.txt and calendar_dates.txt
    write_csv(out_dir, "calendar.txt",
              ["service_id", "monday", "tuesday", "wednesday", "thursday", "friday",
               "saturday", "sunday", "start_date", "end_date"],
              [[sid, *days, FEED_START, FEED_END] for sid, days in SERVICES])
    exceptions = []
    for day in holidays():
        weekday = day.weekday()          # 0 = Monday ... 6 = Sunday
        if weekday == 6:
            continue                     # already runs the Sunday timetable
        removed = "SATURDAY" if weekday == 5 else "WEEKDAY"
        date = day.strftime("%Y%m%d")
        exceptions.append([removed, date, 2])
        exceptions.append(["SUNDAY", date, 1])
    write_csv(out_dir, "calendar_dates.txt", ["service_id", "date", "exception_type"],
              exceptions)

    # trips.txt, stop_times.txt, frequencies.txt
    trips, stop_times, frequencies = [], [], []
    for line in LINES:
        route = routes[line["route_id"]]
        short = route["route_short_name"].strip()
        for direction in (0, 1):
            sequence = [stops[str(s)] for s in line["stops"][direction]]
            offsets = [0]
            for a, b in zip(sequence, sequence[1:]):
                offsets.append(offsets[-1] + segment_minutes(a, b))
            for service, _ in SERVICES:
                if "frequencies" in line:
                    # One template trip; frequencies.txt says how often it runs.
                    shift = direction * DIRECTION_1_OFFSET_MIN
                    windows = line["frequencies"][service]
                    trip_id = "L%s-%s-%d-FREQ" % (short, service, direction)
                    starts, trip_ids = [minutes(windows[0][0]) + shift], [trip_id]
                    for start, end, every in windows:
                        frequencies.append([trip_id, gtfs_time(minutes(start) + shift),
                                            gtfs_time(minutes(end) + shift), every * 60, 0])
                else:
                    starts = departures(line, service, direction)
                    trip_ids = ["L%s-%s-%d-%s" % (short, service, direction,
                                                  gtfs_time(t)[:5].replace(":", ""))
                                for t in starts]
                for trip_id, start in zip(trip_ids, starts):
                    trips.append([line["route_id"], service, trip_id,
                                  line["headsigns"][direction], direction])
                    for seq, (stop, offset) in enumerate(zip(sequence, offsets), start=1):
                        t = gtfs_time(start + offset)
                        stop_times.append([trip_id, t, t, stop["stop_id"], seq])

    write_csv(out_dir, "trips.txt",
              ["route_id", "service_id", "trip_id", "trip_headsign", "direction_id"], trips)
    write_csv(out_dir, "stop_times.txt",
              ["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence"],
              stop_times)
    write_csv(out_dir, "frequencies.txt",
              ["trip_id", "start_time", "end_time", "headway_secs", "exact_times"],
              frequencies)

    header = list(FEED_INFO.keys())
    write_csv(out_dir, "feed_info.txt", header, [[FEED_INFO[k] for k in header]])


# ---------------------------------------------------------------------------
# Self-check of the written feed
# ---------------------------------------------------------------------------

def validate(out_dir):
    def load(name):
        path = os.path.join(out_dir, name)
        with open(path, "rb") as f:
            raw = f.read()
        assert not raw.startswith(b"\xef\xbb\xbf"), name + ": has a BOM"
        assert b"\r" not in raw, name + ": has CR line ends"
        return list(csv.DictReader(raw.decode("utf-8").splitlines()))

    def secs(t):
        h, m, s = map(int, t.split(":"))
        return h * 3600 + m * 60 + s

    stops = {s["stop_id"] for s in load("stops.txt")}
    routes = {r["route_id"] for r in load("routes.txt")}
    services = {c["service_id"] for c in load("calendar.txt")}
    trips = {t["trip_id"]: t for t in load("trips.txt")}
    for t in trips.values():
        assert t["route_id"] in routes, t
        assert t["service_id"] in services, t
    for c in load("calendar_dates.txt"):
        assert c["service_id"] in services, c
    by_trip = {}
    for st in load("stop_times.txt"):
        assert st["stop_id"] in stops, st
        assert st["trip_id"] in trips, st
        by_trip.setdefault(st["trip_id"], []).append(st)
    assert set(by_trip) == set(trips), "trips without stop_times"
    for trip_id, rows in by_trip.items():
        rows.sort(key=lambda r: int(r["stop_sequence"]))
        times = [secs(r["departure_time"]) for r in rows]
        assert all(a < b for a, b in zip(times, times[1:])), trip_id
        assert all(secs(r["arrival_time"]) <= secs(r["departure_time"]) for r in rows)
    for fr in load("frequencies.txt"):
        assert fr["trip_id"] in trips, fr
        assert secs(fr["start_time"]) < secs(fr["end_time"]), fr
    return len(trips), sum(len(r) for r in by_trip.values())


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    build(argv[1], argv[2])
    trips, stop_times = validate(argv[2])
    print("wrote %s: %d trips, %d stop times" % (argv[2], trips, stop_times))


if __name__ == "__main__":
    main(sys.argv)
