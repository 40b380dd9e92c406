"""Trainer adapters: TRL (``trl``), verl (``verl``), OpenRLHF (``openrlhf``) and SkyRL (``skyrl``).

Each one imports its trainer only when that is installed, so all of them import (and are tested) without
any trainer; each follows ../shared/docs/trainer-contracts.md and is shown end to end in ``examples/``.
"""
