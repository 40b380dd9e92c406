"""Two-dimensional vectors."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Vector:
    """A point or displacement in the plane."""

    x: float
    y: float

    def __add__(self, other: Vector) -> Vector:
        return Vector(self.x + other.x, self.y + other.y)

    def __sub__(self, other: Vector) -> Vector:
        return Vector(self.x - other.x, self.y - other.y)

    def scale(self, factor: float) -> Vector:
        """This vector multiplied by factor."""
        return Vector(self.x * factor, self.y * factor)

    def length(self) -> float:
        """Euclidean length."""
        return math.hypot(self.x, self.y)


def distance(a: Vector, b: Vector) -> float:
    """Length of the segment between two points."""
    return (a - b).length()


def centroid(points: list[Vector]) -> Vector:
    """The mean of the points; ValueError for an empty list."""
    if not points:
        raise ValueError("the centroid of no points is undefined")
    count = len(points)
    return Vector(sum(p.x for p in points) / count, sum(p.y for p in points) / count)
