from limits.bounds import clamp, is_finite


def test_below():
    assert clamp(-1, 0, 10) == 0


def test_above():
    assert clamp(11, 0, 10) == 10


def test_edges():
    assert clamp(0, 0, 10) == 0
    assert clamp(10, 0, 10) == 10


def test_is_finite():
    assert is_finite(1.0) and not is_finite(float("inf"))
