import typing
import unittest

from textutils import initials


class InitialsAnnotationsTest(unittest.TestCase):
    def test_initials_is_fully_annotated(self) -> None:
        self.assertEqual(typing.get_type_hints(initials), {"text": str, "return": str})


if __name__ == "__main__":
    unittest.main()
