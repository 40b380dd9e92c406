"""Turning model text into StepGym actions, shared by the trainer adapters."""

from __future__ import annotations

import json
import re
from typing import Any, Dict, Union

_ACTION_TAG = re.compile(r"<action>(.*?)</action>", re.DOTALL | re.IGNORECASE)


def parse_action(text: str) -> Union[str, Dict[str, Any]]:
    """The action in a model's reply.

    - the content of the last ``<action>...</action>`` tag, if there is one (SkyRL's OpenEnv bridge and
      many prompts use it);
    - otherwise the last non-empty line (so a reply may think first and act on its last line).

    An action that is a JSON object with a ``tool`` key is a tool call (``{"tool", "arguments"}``); anything
    else is a text action. Unparseable text is still sent: the server answers it with ``last_action_error``
    and an ``invalid_action`` penalty, which is the signal a model learns from.
    """
    tags = _ACTION_TAG.findall(text or "")
    if tags:
        action = tags[-1].strip()
    else:
        lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
        action = lines[-1] if lines else ""
    if action.startswith("{"):
        try:
            parsed = json.loads(action)
        except ValueError:
            return action
        if isinstance(parsed, dict) and isinstance(parsed.get("tool"), str):
            return {"tool": parsed["tool"], "arguments": parsed.get("arguments") or {}}
    return action
