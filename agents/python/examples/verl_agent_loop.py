"""verl's ``StepGymAgentLoop`` on shop-v1, with a byte tokenizer and a scripted "LLM server".

verl builds the agent loop with its trainer config, an ``AsyncLLMServerManager`` and a tokenizer, then awaits
``run(sampling_params, **row)``. Here the server manager is a script that reads the decoded prompt and answers
with ``shop_text_policy``'s action, so the loop runs end to end without a model; everything the loop does
with the StepGym server (reset, steps, token_placement, DELETE) is real.

In verl: put ``agent_name: stepgym_agent`` and ``extra_info.stepgym`` in the dataset rows
(``python -m stepgym.export prompts`` writes them), import ``stepgym.adapters.verl`` so the loop registers,
and set STEPGYM_URL.

    STEPGYM_URL=http://127.0.0.1:8080 /usr/bin/python3 examples/verl_agent_loop.py
"""

import asyncio
import os
from types import SimpleNamespace

from stepgym.adapters.verl import StepGymAgentLoop
from stepgym.policies import shop_text_policy


class ByteTokenizer:
    """A stand-in tokenizer: one token per UTF-8 byte, a plain chat template."""

    def encode(self, text):
        return list(text.encode("utf-8"))

    def decode(self, ids, skip_special_tokens=True):
        return bytes(ids).decode("utf-8", "replace")

    def apply_chat_template(self, messages, add_generation_prompt=False, tokenize=True):
        text = "".join(f"<{m.get('role', 'system')}>{m.get('content', '')}\n" for m in messages if m)
        return self.encode(text + ("<assistant>" if add_generation_prompt else ""))


class ScriptedServerManager:
    """Stands in for verl's AsyncLLMServerManager: the 'model' is shop_text_policy on the decoded prompt."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    async def generate(self, request_id, prompt_ids, sampling_params, image_data=None):
        action = shop_text_policy(self.tokenizer.decode(prompt_ids))
        return SimpleNamespace(token_ids=self.tokenizer.encode(f"I will act.\n<action>{action}</action>"))


async def main():
    tokenizer = ByteTokenizer()
    loop = StepGymAgentLoop(None, ScriptedServerManager(tokenizer), tokenizer,
                            stepgym_url=os.environ.get("STEPGYM_URL", "http://127.0.0.1:8080"),
                            response_length=16384)
    rows = [{"raw_prompt": [{"role": "system", "content": "You are a shopping agent."}],
             "agent_name": "stepgym_agent", "extra_info": {"stepgym": {"env": "shop-v1", "seed": seed}}}
            for seed in range(3)]
    outputs = await asyncio.gather(*(loop.run({"temperature": 1.0}, **row) for row in rows))
    for out in outputs:
        extra = out.extra_fields
        token_rewards = extra["token_level_rewards"]
        placed = [i for i, v in enumerate(token_rewards) if v != 0.0]
        print(f"reward_score {out.reward_score:.3f}, turns {extra['turn_scores']}, "
              f"{len(out.response_ids)} response tokens ({sum(out.response_mask)} generated), "
              f"rewards on tokens {placed}, terminated={extra['terminated']}")
        assert len(token_rewards) == len(out.response_ids) == len(out.response_mask)
        assert abs(sum(token_rewards) - out.reward_score) < 1e-9
        assert all(end - 1 in placed or v == 0 for (start, end), v in zip(extra["turn_token_spans"], extra["turn_scores"]))
    print("ok: verl agent loop over shop-v1")


asyncio.run(main())
