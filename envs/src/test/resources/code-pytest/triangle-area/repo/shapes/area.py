"""Areas of simple shapes."""


def rectangle(width: float, height: float) -> float:
    """Area of a width x height rectangle."""
    return width * height


def triangle(base: float, height: float) -> float:
    """Area of a triangle with this base and height."""
    return base * height
