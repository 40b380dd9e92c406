"""Scripted policies that stand in for a model in the examples and tests.

:func:`shop_policy` reads a ``shop-v1`` observation the way a careful human would: search for the
product named in the instruction, open the first affordable result, choose the options the instruction
asks for, buy. It sees only what a model sees (no privileged goal data), so its score is honest.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Optional

_PREFIX = re.compile(r"^(?:i(?:'m| am)? (?:want|need|looking for|would like)(?: to buy| to get)?|"
                     r"find me|get me|show me|buy)\s+(?:an?\s+|some\s+)?", re.IGNORECASE)
_PRICE = re.compile(r"price lower than ([0-9]+(?:\.[0-9]+)?) dollars")


def instruction_query(instruction: str) -> str:
    """The product words of a shop instruction (before ``with <options>`` and the price clause)."""
    text = instruction.strip().lower()
    text = _PRICE.sub("", text)
    text = re.split(r"\bwith\b [^,]*?:", text)[0]
    text = _PREFIX.sub("", text)
    text = re.sub(r"\b(?:that is|that are|which is|and)\b", " ", text)
    text = re.sub(r"[^a-z0-9' -]+", " ", text)
    return " ".join(text.split()[:12]) or "product"


def instruction_options(instruction: str) -> Dict[str, str]:
    """``{"color": "pink", "size": "iphone 13"}`` from ``... with color: pink, and size: iphone 13, and price ...``."""
    text = _PRICE.sub("", instruction.lower())
    options = {}
    for name, value in re.findall(r"([a-z][a-z ]*?):\s*([^,:]+?)(?=,|\s+and\s+[a-z ]+:|$)", text):
        name = name.split(" with ")[-1].replace("and ", "").strip()
        options[name] = value.strip()
    return options


def price_limit(instruction: str) -> Optional[float]:
    m = _PRICE.search(instruction.lower())
    return float(m.group(1)) if m else None


def shop_policy(observation: Dict[str, Any]) -> str:
    """The next text action for a ``shop-v1`` observation."""
    data = observation.get("data") or {}
    page = data.get("page")
    instruction = data.get("instruction", "")
    if page == "search":
        return f"search[{instruction_query(instruction)}]"
    if page == "results":
        results = data.get("results") or []
        limit = price_limit(instruction)
        affordable = [r for r in results if limit is None or float(r.get("price", 0)) < limit]
        pick = (affordable or results or [None])[0]
        return f"click[{pick['asin'].lower()}]" if pick else "click[back to search]"
    if page == "item":
        item = data.get("item") or {}
        wanted = instruction_options(instruction)
        selected = {k.lower(): str(v).lower() for k, v in (item.get("selected") or {}).items()}
        for name, values in (item.get("options") or {}).items():
            goal = wanted.get(name.lower())
            if goal is None or selected.get(name.lower()) == goal:
                continue
            for value in values:
                if str(value).lower() == goal:
                    return f"click[{str(value).lower()}]"
        return "click[buy now]"
    if page in ("description", "features"):
        return "click[< prev]"
    return "click[back to search]"
