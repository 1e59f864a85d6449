"""Seed-0 baselines from the earlier background runs (figures/rl_memory_runs_{a,b,e}.json, same defaults, no overrides):
PPO with a constant lr is the same run whatever its total budget (checked: the first 3 updates of a fresh run equal the
stored ones bit for bit), so the first ⌈B / 4096⌉ updates of a 1 M-step run *are* the run with budget B. Each prefix
is added to figures/rl_learn.json as a 'default' record with `source` naming the file."""
import json, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from learn_runs import load, save, final_of, KEEP, VARIANTS

FIG = Path(__file__).resolve().parents[2] / "figures"
db = load()
for f in ("a", "b", "e"):
    for r in json.loads((FIG / f"rl_memory_runs_{f}.json").read_text()):
        k = r["key"]
        if k["what"] != "ppo" or k["over"]: continue
        for B in sorted({min(k["budget"], b) for b in (200_000, 250_000, 400_000)}):
            n = -(-B // 4096)
            if n > len(r["curve"]["env_steps"]): continue
            curve = {c: r["curve"].get(c, [float("nan")] * len(r["curve"]["env_steps"]))[:n] for c in KEEP}
            rows = [dict(zip(curve, vals)) for vals in zip(*curve.values())]
            key = dict(what="ppo", variant="default", kind=k["kind"], env=k["env"], seed=k["seed"], budget=B)
            if any(x["key"] == key for x in db["runs"]): continue
            db["runs"].append(dict(key=key, spec=VARIANTS["default"], source=f"figures/rl_memory_runs_{f}.json "
                                   f"(first {n} updates of the {k['budget']}-step run)", env_steps=n * 4096,
                                   final_return=final_of(rows, n * 4096), curve=curve))
            print(key, round(db["runs"][-1]["final_return"], 3))
save(db)
