"""Shapes with area, perimeter and point containment."""

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass

from geometry.vector import Vector, distance


class Shape(ABC):
    """A closed figure in the plane."""

    @abstractmethod
    def area(self) -> float:
        """Area enclosed by the shape."""

    @abstractmethod
    def perimeter(self) -> float:
        """Length of the boundary."""

    @abstractmethod
    def contains(self, point: Vector) -> bool:
        """Whether the point lies inside the shape or on its boundary."""


@dataclass(frozen=True)
class Circle(Shape):
    center: Vector
    radius: float

    def area(self) -> float:
        return math.pi * self.radius**2

    def perimeter(self) -> float:
        return 2 * math.pi * self.radius

    def contains(self, point: Vector) -> bool:
        return distance(self.center, point) <= self.radius


@dataclass(frozen=True)
class Rectangle(Shape):
    """An axis-aligned rectangle given by its lower-left corner and its size."""

    corner: Vector
    width: float
    height: float

    def area(self) -> float:
        return self.width * self.height

    def perimeter(self) -> float:
        return 2 * (self.width + self.height)

    def contains(self, point: Vector) -> bool:
        inside_x = self.corner.x <= point.x <= self.corner.x + self.width
        inside_y = self.corner.y <= point.y <= self.corner.y + self.height
        return inside_x and inside_y


def total_area(shapes: list[Shape]) -> float:
    """Sum of the areas (overlaps counted twice)."""
    return sum(shape.area() for shape in shapes)
