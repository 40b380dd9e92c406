"""An OpenRLHF agent function for StepGym (``--train.agent_func_path examples/openrlhf_agent_func.py``).

OpenRLHF loads this file and looks for ``AgentExecutor``; each prompt's ``label`` names the episode as JSON,
e.g. ``{"env": "shop-v1", "seed": 3}``, and STEPGYM_URL names the server. Run directly, the file plays
OpenRLHF's part itself (reset, then step with the "model's" text until done, summing ``rewards.item()``),
with a scripted policy as the model.

    STEPGYM_URL=http://127.0.0.1:8080 /usr/bin/python3 examples/openrlhf_agent_func.py
"""

import asyncio
import json

from stepgym.adapters.openrlhf import MultiTurnAgentExecutor, StepGymAgentInstance, make_agent_executor


class AgentInstance(StepGymAgentInstance):
    """Change ``feedback_template`` to your model's chat template."""

    feedback_template = "\n\nHuman: {observation}\n</s>\n\nAssistant: "


if MultiTurnAgentExecutor is not None:  # OpenRLHF installed: the name it loads
    AgentExecutor = make_agent_executor(AgentInstance)


async def _demo():
    from stepgym.policies import shop_text_policy

    for seed in range(3):
        agent = AgentInstance()
        text = (await agent.reset({"observation": "Shop for me.\n", "label": json.dumps({"env": "shop-v1", "seed": seed})}))["observation"]
        total, done, turns = 0.0, False, 0
        while not done and turns < 20:
            action = shop_text_policy(text)
            result = await agent.step({"observation_text": text, "action_text": action, "label": "", "sampling_params": None})
            total += result["rewards"].item()
            text += action + result["environment_feedback"]
            done, turns = result["done"], turns + 1
        print(f"seed {seed}: total {total:.3f}, score {result['scores'].item():.3f}, logs {result['extra_logs']}")
        assert done
    print("ok: OpenRLHF agent function over shop-v1")


if __name__ == "__main__":
    asyncio.run(_demo())
