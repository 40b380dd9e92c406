"""SkyRL-gym's ``StepGymTextEnv`` on shop-v1, driven the way SkyRL's generator drives a text env.

With skyrl-gym installed, register it once (``stepgym.adapters.skyrl.register()``) and give rows
``env_class: stepgym`` with ``{"env": "shop-v1", "seed": ...}`` in their env extras; the generator then
calls ``init``/``step``/``get_metrics``/``close`` exactly as below, the model's text in place of the script.

    STEPGYM_URL=http://127.0.0.1:8080 /usr/bin/python3 examples/skyrl_text_env.py
"""

import os

from stepgym.adapters.skyrl import StepGymTextEnv
from stepgym.policies import shop_text_policy

config = {"url": os.environ.get("STEPGYM_URL", "http://127.0.0.1:8080")}
metrics = []
for seed in range(3):
    env = StepGymTextEnv(config, {"env": "shop-v1", "seed": seed, "max_turns": 15})
    chat, info = env.init([{"role": "system", "content": "You are a shopping agent."}])
    done = False
    while not done:
        reply = f"<action>{shop_text_policy(chat[-1]['content'])}</action>"
        out = env.step(reply)
        chat += [{"role": "assistant", "content": reply}] + out["observations"]
        done = out["done"]
    metrics.append(env.get_metrics())
    print(f"seed {seed}: last reward {out['reward']:.3f}, terminated={out['metadata']['terminated']}, "
          f"metrics {env.get_metrics()}")
    env.close()
print("aggregate:", StepGymTextEnv.aggregate_metrics(metrics))
print("ok: SkyRL text env over shop-v1")
