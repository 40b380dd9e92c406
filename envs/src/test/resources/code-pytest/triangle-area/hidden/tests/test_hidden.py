import pytest

from shapes.area import rectangle, triangle


@pytest.mark.parametrize("base,height,area", [(4, 3, 6), (1, 1, 0.5), (0, 5, 0)])
def test_triangle(base, height, area):
    assert triangle(base, height) == area


def test_rectangle_still_works():
    assert rectangle(1.5, 2) == 3
