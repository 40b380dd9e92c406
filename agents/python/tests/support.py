"""Where the tests find their server: ``STEPGYM_URL`` (any running ``stepgym serve``).

Run by hand:  STEPGYM_URL=http://127.0.0.1:8080 /usr/bin/python3 -m unittest discover -s agents/python/tests -v
CI (scenarios' PythonClientTest) starts the servers and sets the variables. Without STEPGYM_URL every test
that needs a server is skipped with a message saying so. ``STEPGYM_CAPACITY_URL`` is optional: a server
started with ``--capacity 1``, for the real 429 test.
"""

import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE_ROOT = os.path.dirname(HERE)
if PACKAGE_ROOT not in sys.path:  # run from a checkout without installing the package
    sys.path.insert(0, PACKAGE_ROOT)

SKIP_MESSAGE = ("STEPGYM_URL is not set: start a server (bin/stepgym serve) and run with "
                "STEPGYM_URL=http://127.0.0.1:8080")


def server_url() -> str:
    url = os.environ.get("STEPGYM_URL")
    if not url:
        raise unittest.SkipTest(SKIP_MESSAGE)
    return url.rstrip("/")


def capacity_url() -> str:
    url = os.environ.get("STEPGYM_CAPACITY_URL")
    if not url:
        raise unittest.SkipTest("STEPGYM_CAPACITY_URL is not set (a server started with --capacity 1)")
    return url.rstrip("/")


def play_shop(env, policy, max_steps=30):
    """Steps ``env`` (already reset) with ``policy`` until the episode ends; the step results."""
    steps = []
    obs = env.observation
    for _ in range(max_steps):
        obs, reward, terminated, truncated, info = env.step(policy(obs))
        steps.append((obs, reward, terminated, truncated, info))
        if terminated or truncated:
            break
    return steps
