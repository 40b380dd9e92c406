"""A plain Gymnasium loop, written only from Gymnasium's documentation ("Basic Usage"), on shop-v1.

Nothing below knows StepGym except the line that makes the env: reset/step/close, terminated and
truncated, exactly as Gymnasium's docs show them. The first episodes act with ``env.action_space.sample()``
(random text: the shop answers with invalid-action penalties until the step limit truncates the episode);
the next ones with a scripted policy that reads the observation text, as a model would, and buys.

    STEPGYM_URL=http://127.0.0.1:8080 /usr/bin/python3 examples/gymnasium_loop.py [episodes]
"""

import os
import sys

from stepgym import StepGymEnv
from stepgym.policies import shop_policy

url = os.environ.get("STEPGYM_URL", "http://127.0.0.1:8080")
episodes = int(sys.argv[1]) if len(sys.argv) > 1 else 4
env = StepGymEnv(url, "shop-v1")

# --- from here on: Gymnasium's documented loop ---------------------------------------------------------------
observation, info = env.reset(seed=42)
env.action_space.seed(42)
episode, episode_return, finished = 0, 0.0, []
while episode < episodes:
    if episode < episodes // 2:
        action = env.action_space.sample()   # agent policy that uses the observation and info
    else:
        action = shop_policy(observation)
    observation, reward, terminated, truncated, info = env.step(action)
    episode_return += reward
    if terminated or truncated:
        finished.append((episode, round(episode_return, 3), terminated, truncated, info["step"]))
        print(f"episode {episode}: return {episode_return:.3f} terminated={terminated} truncated={truncated} "
              f"steps={info['step']} last components={[(c['name'], c['value']) for c in info['rewards']]}")
        episode, episode_return = episode + 1, 0.0
        observation, info = env.reset()
env.close()
# ---------------------------------------------------------------------------------------------------------------

assert len(finished) == episodes
assert any(t for _, _, t, _, _ in finished) and any(tr for _, _, _, tr, _ in finished), finished
print(f"ok: {episodes} shop-v1 episodes through the Gymnasium API")
