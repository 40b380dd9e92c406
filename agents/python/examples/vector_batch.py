"""N shop-v1 episodes stepped together: one POST /v1/batch/step per vector step (NextStep autoreset).

    STEPGYM_URL=http://127.0.0.1:8080 /usr/bin/python3 examples/vector_batch.py [num_envs] [vector_steps]
"""

import os
import sys

from stepgym import StepGymVectorEnv
from stepgym.policies import shop_policy

url = os.environ.get("STEPGYM_URL", "http://127.0.0.1:8080")
num_envs = int(sys.argv[1]) if len(sys.argv) > 1 else 8
vector_steps = int(sys.argv[2]) if len(sys.argv) > 2 else 12

with StepGymVectorEnv(url, "shop-v1", num_envs) as envs:
    observations, infos = envs.reset(seed=0)
    returns, done = [0.0] * num_envs, 0
    for _ in range(vector_steps):
        observations, rewards, terminations, truncations, infos = envs.step([shop_policy(o) for o in observations])
        for i in range(num_envs):
            returns[i] += rewards[i]
            if terminations[i] or truncations[i]:
                done += 1
                print(f"env {i}: episode {infos['episode_id'][i]} return {returns[i]:.3f}")
                returns[i] = 0.0

print(f"ok: {done} episodes finished in {vector_steps} batched steps of {num_envs} envs")
assert done >= num_envs
