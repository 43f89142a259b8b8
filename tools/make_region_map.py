"""Make data/mappe/regioni.json from the @svg-maps/italy package (CC BY 4.0).

Not part of the build: run it again only to change the simplification. Usage:
    npm pack @svg-maps/italy && tar xzf svg-maps-italy-*.tgz
    python tools/make_region_map.py package/index.js

The paths are converted to absolute coordinates and simplified (Ramer-Douglas-Peucker) at
two tolerances: 'detail' for the big maps, 'locator' for the small map on entry pages.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

# @svg-maps/italy uses English ids; ours are the slugs of data/territori/regioni.yaml.
IDS = {
    "abruzzo": "abruzzo",
    "aosta-valley": "valle-d-aosta",
    "apulia": "puglia",
    "basilicata": "basilicata",
    "calabria": "calabria",
    "campania": "campania",
    "emilia-romagna": "emilia-romagna",
    "friuli-venezia-giulia": "friuli-venezia-giulia",
    "lazio": "lazio",
    "liguria": "liguria",
    "lombardy": "lombardia",
    "marche": "marche",
    "molise": "molise",
    "piedmont": "piemonte",
    "sardinia": "sardegna",
    "sicily": "sicilia",
    "trentino-south-tyrol": "trentino-alto-adige",
    "tuscany": "toscana",
    "umbria": "umbria",
    "veneto": "veneto",
}
TOLERANCES = {"detail": 0.8, "locator": 2.5}


def rings(path: str):
    """Absolute point lists of each closed subpath ('m' + relative line-tos + 'z')."""
    tokens = re.findall(r"[mMzZ]|-?\d+(?:\.\d+)?,-?\d+(?:\.\d+)?", path)
    current, start, ring, result = (0.0, 0.0), (0.0, 0.0), [], []
    first_pair = False
    for token in tokens:
        if token in "mM":
            first_pair = True
            continue
        if token in "zZ":
            if ring:
                result.append(ring)
            ring, current = [], start
            continue
        dx, dy = (float(v) for v in token.split(","))
        current = (current[0] + dx, current[1] + dy)
        if first_pair:
            start, first_pair = current, False
        ring.append(current)
    if ring:
        result.append(ring)
    return result


def simplify(points, tolerance):
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 or 1e-9
    distances = [
        abs((y2 - y1) * x - (x2 - x1) * y + x2 * y1 - y2 * x1) / length for x, y in points[1:-1]
    ]
    index = max(range(len(distances)), key=distances.__getitem__)
    if distances[index] > tolerance:
        left = simplify(points[: index + 2], tolerance)
        return left[:-1] + simplify(points[index + 1 :], tolerance)
    return [points[0], points[-1]]


def simplify_ring(ring, tolerance):
    """A closed ring: split at the point farthest from the first, simplify both halves."""
    x0, y0 = ring[0]
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - x0) ** 2 + (ring[i][1] - y0) ** 2)
    first = simplify(ring[: far + 1], tolerance)
    second = simplify(ring[far:] + [ring[0]], tolerance)
    return first[:-1] + second[:-1]


def to_path(all_rings, tolerance) -> str:
    parts = []
    for ring in all_rings:
        simple = simplify_ring(ring, tolerance)
        if len(simple) < 3:
            continue
        # Whole units: the map is drawn about as large as its 610 x 793 viewBox.
        coords = " ".join(f"{round(x)},{round(y)}" for x, y in simple)
        parts.append(f"M{coords}Z")
    return "".join(parts)


def main(source: str):
    text = Path(source).read_text(encoding="utf-8")
    data = json.loads(text[text.index("{") : text.rindex("}") + 1])
    regions = {loc["id"]: rings(loc["path"]) for loc in data["locations"]}
    assert set(regions) == set(IDS), set(regions) ^ set(IDS)
    out = {
        "source": "@svg-maps/italy 2.0.0 (Victor Cazanave, from MapSVG), CC BY 4.0; simplified",
        "licence": "CC-BY-4.0",
        "viewBox": data["viewBox"],
        "regions": {
            IDS[key]: {level: to_path(value, tol) for level, tol in TOLERANCES.items()}
            for key, value in sorted(regions.items(), key=lambda kv: IDS[kv[0]])
        },
    }
    target = Path(__file__).resolve().parent.parent / "data" / "mappe" / "regioni.json"
    target.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for level in TOLERANCES:
        print(level, sum(len(r[level]) for r in out["regions"].values()), "characters")


if __name__ == "__main__":
    main(sys.argv[1])
