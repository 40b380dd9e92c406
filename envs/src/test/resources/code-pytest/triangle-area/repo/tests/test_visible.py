from shapes.area import rectangle, triangle


def test_rectangle():
    assert rectangle(2, 3) == 6


def test_triangle():
    assert triangle(4, 3) == 6
