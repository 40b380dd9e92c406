"""StepGym's Python client: Gymnasium-style environments over a StepGym server, and trainer adapters.

    from stepgym import StepGymEnv
    with StepGymEnv("http://127.0.0.1:8080", "shop-v1") as env:
        obs, info = env.reset(seed=0)
        obs, reward, terminated, truncated, info = env.step("search[red shoes]")
        print(info["rewards"])   # [{"name", "value", "weight", "source", "kind"}, ...]

Standard library only over HTTP; ``transport="ws"`` uses the ``websockets`` package. See docs/train.md.
"""

from .client import StepGymClient
from .env import StepGymEnv, StepGymVectorEnv, render_observation
from .errors import (BadRequestError, CapacityError, CorruptTrajectoryError, EpisodeDoneError,
                     EpisodeNotFoundError, InternalError, NotFoundError, ReplyTooLargeError, RequestTimeoutError,
                     ResetNeededError, ShuttingDownError, StepGymError, TooLargeError, TransportError,
                     UnknownEnvError, UnknownOpError, UnknownTaskError)
from .text import parse_action
from .tokens import place_group_rewards, place_turn_rewards

__version__ = "0.1.0"

__all__ = [
    "StepGymClient", "StepGymEnv", "StepGymVectorEnv", "render_observation", "parse_action",
    "place_turn_rewards", "place_group_rewards",
    "StepGymError", "BadRequestError", "UnknownOpError", "UnknownEnvError", "UnknownTaskError",
    "EpisodeNotFoundError", "NotFoundError", "RequestTimeoutError", "EpisodeDoneError", "TooLargeError",
    "ReplyTooLargeError", "CorruptTrajectoryError", "CapacityError", "InternalError", "ShuttingDownError",
    "TransportError", "ResetNeededError",
]
