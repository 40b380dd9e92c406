"""TRL ``GRPOTrainer(environment_factory=...)`` with StepGym's shop-v1, the model replaced by a script.

What TRL does with the class is reproduced here step by step: construct with no arguments, ``reset(**row)``
with a dataset row (the prompt gets the returned text), call the generated tool methods with the model's
tool calls, then read ``get_reward()`` and the per-component reward functions. With TRL installed, the same
class goes straight into the trainer:

    trainer = GRPOTrainer(model=..., train_dataset=rows, environment_factory=ShopEnv,
                          reward_funcs=component_reward_funcs(["attribute_match", "option_match", "price_match"]))

    STEPGYM_URL=http://127.0.0.1:8080 /usr/bin/python3 examples/trl_environment_factory.py
"""

import inspect
import os
import re

from stepgym.adapters.trl import component_reward_funcs, make_environment_factory
from stepgym.policies import shop_text_policy

url = os.environ.get("STEPGYM_URL", "http://127.0.0.1:8080")
ShopEnv = make_environment_factory(url, "shop-v1")
print("tools TRL will see:", {name: str(inspect.signature(getattr(ShopEnv, name)))
                              for name in ("search", "click")})

rows = [{"prompt": [{"role": "user", "content": "Shop for me."}], "seed": seed} for seed in range(3)]
reward_funcs = component_reward_funcs(["attribute_match", "option_match", "price_match", "progress"])
environments = [ShopEnv() for _ in rows]  # TRL pools instances: construct once, reset often

for env, row in zip(environments, rows):
    transcript = row["prompt"][-1]["content"] + "\n" + env.reset(**row)
    for _ in range(15):                      # TRL's max_tool_calling_iterations
        verb, argument = re.match(r"(\w+)\[(.*)\]", shop_text_policy(transcript)).groups()
        tool_call = {"name": verb, "arguments": {"query" if verb == "search" else "target": argument}}
        try:
            result = getattr(env, tool_call["name"])(**tool_call["arguments"])
        except ValueError as over:           # TRL turns this into {"error": ...} for the model
            result = str(over)
            break
        transcript += "\n" + result
        if env.terminated or env.truncated:
            break

print("get_reward():", [round(e.get_reward(), 3) for e in environments])
for func in reward_funcs:
    print(f"{func.__name__}:", [round(v, 3) for v in func(environments)])
try:
    environments[0].click(target="buy now")
    raise AssertionError("a tool call after the end must raise")
except ValueError as e:
    print("after the end:", e)
for env in environments:
    env._close()
assert all(e.terminated for e in environments)
print("ok: TRL environment_factory over shop-v1")
