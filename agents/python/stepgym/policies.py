"""Scripted policies that stand in for a model in the examples and tests.

:func:`shop_text_policy` reads a ``shop-v1`` observation's text the way a careful human would: search
for the product named in the instruction, open the first affordable result, choose the options the
instruction asks for, buy. It sees only what a model sees (the text, no privileged goal data), so its
score is honest and it can stand in for a model that is handed the prompt text.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Optional

_PREFIX = re.compile(r"^(?:i(?:'m| am)? (?:want|need|looking for|would like)(?: to buy| to get)?|"
                     r"find me|get me|show me|buy)\s+(?:an?\s+|some\s+)?", re.IGNORECASE)
_PRICE = re.compile(r"price lower than ([0-9]+(?:\.[0-9]+)?) dollars")


def instruction_query(instruction: str) -> str:
    """The product words of a shop instruction (before ``with <options>`` and the price clause)."""
    text = _PRICE.sub("", instruction.strip().lower())
    if ":" in text:  # "... tank top with slim fit with color: white" -> drop the last "with" before the options
        text = text.split(":", 1)[0].rsplit(" with ", 1)[0]
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


_RESULT = re.compile(r"^\[(B[0-9A-Z]+)\] .*? - \$([0-9.]+)", re.MULTILINE)
_OPTION_LINE = re.compile(r"^([a-z][a-z ]*): (\[[ x]\] .*)$", re.MULTILINE)


def shop_text_policy(text: str) -> str:
    """The next text action from a shop observation's *text* only, as a language model would read it.

    ``text`` may be a whole conversation: only the part after the last ``Instruction:`` is read.
    """
    page = text[text.rfind("Instruction:"):] if "Instruction:" in text else text
    instruction = page.split("\n", 1)[0][len("Instruction:"):].strip()
    actions_line = next((line for line in reversed(page.splitlines()) if line.startswith("Available actions:")), "")
    available = re.findall(r"(?:click|search)\[[^\]]*\]", actions_line)
    if "search[...]" in available:
        return f"search[{instruction_query(instruction)}]"
    results = _RESULT.findall(page)
    if results and "click[buy now]" not in available:
        limit = price_limit(instruction)
        affordable = [asin for asin, price in results if limit is None or float(price.rstrip(".")) < limit]
        return f"click[{(affordable or [results[0][0]])[0].lower()}]"
    if "click[buy now]" in available:
        wanted = instruction_options(instruction)
        for name, values in _OPTION_LINE.findall(page):
            goal = wanted.get(name.strip())
            choices = dict((v.strip(), mark == "x") for mark, v in re.findall(r"\[([ x])\] ([^;]+);", values))
            if goal in choices and not choices[goal]:
                return f"click[{goal}]"
        return "click[buy now]"
    if "click[< prev]" in available:
        return "click[< prev]"
    return "click[back to search]"


def shop_policy(observation: Dict[str, Any]) -> str:
    """The next text action for a ``shop-v1`` observation (reads its text, as a model would)."""
    return shop_text_policy(str(observation.get("text", "")))
