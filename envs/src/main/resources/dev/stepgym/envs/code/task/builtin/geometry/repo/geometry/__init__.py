"""Plane geometry: vectors and shapes."""

from geometry.shapes import Circle, Rectangle, Shape, total_area
from geometry.vector import Vector, centroid, distance
