"""Small stand-ins for Gymnasium spaces, so the client needs no third-party package.

They have the parts of ``gymnasium.spaces.Space`` a loop uses: ``sample()``, ``contains(x)`` (and ``in``) and
``seed()``. :class:`TextSpace` is ``spaces.Text`` with a wide charset: Gymnasium's default charset is letters
and digits only, which free-form LLM actions (``search[red shoes]``) would fail.
"""

from __future__ import annotations

import random
import string
from typing import Any, Dict, List, Optional

PRINTABLE = string.printable


class Space:
    def __init__(self, seed: Optional[int] = None) -> None:
        self.np_random = random.Random(seed)

    def seed(self, seed: Optional[int] = None) -> List[Optional[int]]:
        self.np_random = random.Random(seed)
        return [seed]

    def sample(self) -> Any:
        raise NotImplementedError

    def contains(self, x: Any) -> bool:
        raise NotImplementedError

    def __contains__(self, x: Any) -> bool:
        return self.contains(x)


class TextSpace(Space):
    """Text actions: strings of ``min_length``..``max_length`` characters from ``charset``."""

    def __init__(self, max_length: int = 1000, *, min_length: int = 1, charset: str = PRINTABLE,
                 seed: Optional[int] = None) -> None:
        super().__init__(seed)
        self.max_length, self.min_length, self.charset = max_length, min_length, charset
        self._chars = set(charset)

    def sample(self) -> str:
        n = self.np_random.randint(self.min_length, min(self.max_length, 32))
        return "".join(self.np_random.choice(self.charset) for _ in range(n))

    def contains(self, x: Any) -> bool:
        return isinstance(x, str) and self.min_length <= len(x) <= self.max_length and set(x) <= self._chars

    def __repr__(self) -> str:
        return f"TextSpace(max_length={self.max_length}, min_length={self.min_length})"


_SAMPLES = {"string": lambda r: "".join(r.choice(string.ascii_lowercase) for _ in range(r.randint(1, 8))),
            "integer": lambda r: r.randint(1, 20), "number": lambda r: r.random(), "boolean": lambda r: r.random() < 0.5}


class ToolCallSpace(Space):
    """Tool-call actions ``{"tool": name, "arguments": {...}}`` for the env's JSON-schema tools."""

    def __init__(self, tools: List[Dict[str, Any]], seed: Optional[int] = None) -> None:
        super().__init__(seed)
        self.tools = {t["name"]: t for t in tools}

    def sample(self) -> Dict[str, Any]:
        tool = self.tools[self.np_random.choice(sorted(self.tools))]
        props = tool.get("parameters", {}).get("properties", {})
        args = {}
        for name in tool.get("parameters", {}).get("required", []):
            kind = props.get(name, {}).get("type", "string")
            args[name] = _SAMPLES.get(kind, _SAMPLES["string"])(self.np_random)
        return {"tool": tool["name"], "arguments": args}

    def contains(self, x: Any) -> bool:
        if not (isinstance(x, dict) and x.get("tool") in self.tools and isinstance(x.get("arguments", {}), dict)):
            return False
        required = self.tools[x["tool"]].get("parameters", {}).get("required", [])
        return all(r in x.get("arguments", {}) for r in required)

    def __repr__(self) -> str:
        return f"ToolCallSpace(tools={sorted(self.tools)})"


class ObservationSpace(Space):
    """StepGym observations: JSON objects with ``text`` and, usually, ``available_actions`` and ``data``."""

    def sample(self) -> Dict[str, Any]:
        return {"text": "", "available_actions": [], "data": {}}

    def contains(self, x: Any) -> bool:
        return isinstance(x, dict) and isinstance(x.get("text", ""), str)

    def __repr__(self) -> str:
        return "ObservationSpace(json object)"
