"""An SVG map drawn from the 町丁目 representative points (e-Stat), no tiles from another host.

Longitude and latitude are projected equirectangularly with the longitude scaled by cos(latitude),
which is accurate enough at the size of one ward. The template areas/_map.html draws it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from portal.areas.models import Chome

WIDTH, HEIGHT, PAD = 420, 300, 12


@dataclass(frozen=True)
class Point:
    """One 町丁目 on the map."""

    x: float
    y: float
    name: str
    highlighted: bool
    uncertain: bool
    chiku_id: str = ""


def project(chomes: list[Chome], highlight: set[str]) -> list[Point]:
    """Place every 町丁目 with a representative point; HIGHLIGHT holds the 地区 ids to emphasise."""
    located = [c for c in chomes if c.rep_lon is not None and c.rep_lat is not None]
    if not located:
        return []
    lat0 = sum(c.rep_lat for c in located) / len(located)
    kx = math.cos(math.radians(lat0))
    xs = [c.rep_lon * kx for c in located]
    ys = [c.rep_lat for c in located]
    span = max(max(xs) - min(xs), (max(ys) - min(ys)) * (WIDTH - 2 * PAD) / (HEIGHT - 2 * PAD)) or 1
    scale = (WIDTH - 2 * PAD) / span
    points = [Point(PAD + (x - min(xs)) * scale, HEIGHT - PAD - (y - min(ys)) * scale, c.name,
                    c.chiku_id in highlight, c.confidence == "uncertain", c.chiku_id)
              for c, x, y in zip(located, xs, ys, strict=True)]
    return sorted(points, key=lambda p: p.highlighted)  # highlighted points drawn last (on top)
