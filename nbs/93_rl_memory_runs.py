"""Background runner of 93_rl_memory's learning runs and recall probes (one JSON record per run, appended to
figures/rl_memory_runs_<worker>.json so interrupted workers resume). `python nbs/93_rl_memory_runs.py <worker>`;
the notebook reads every figures/rl_memory_runs_*.json. One torch thread per process."""
import json, os, sys, time, warnings
from pathlib import Path
warnings.filterwarnings("ignore")
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np
import torch
torch.set_num_threads(1)
from seqlab.rl import train_agent, make_core, recall_probe, PPOConfig

POPGYM = ["popgym:RepeatFirstEasy", "popgym:RepeatPreviousEasy", "popgym:CountRecallEasy", "popgym:AutoencodeEasy",
          "popgym:PositionOnlyCartPoleEasy"]
KINDS = ["agalite", "galite", "lstm", "gtrxl"]
D_MODEL, N_HEADS, N_ENVS = 32, 2, 64
# (what, kind, env, seed, budget, ppo overrides)
WORKERS = {      # what ran (the records with "memory_bias": 2.0 in over ran earlier, with that bias)
    "a": [("ppo", k, "popgym:RepeatFirstEasy", 0, 1_000_000, {}) for k in ("agalite", "lstm", "gtrxl")],
    "b": [("ppo", k, "popgym:RepeatPreviousEasy", 0, 1_000_000, {}) for k in ("agalite", "lstm", "gtrxl")],
    "c": [("probe", k, e, 0, 400_000, {}) for k in ("agalite", "galite", "gtrxl", "lstm", "deltanet", "hdm", "lstm_agalite")
          for e in ("popgym:RepeatFirstEasy", "popgym:RepeatPreviousEasy")]
         + [("probe", k, "tmaze-40", 0, 150_000, {}) for k in ("agalite", "galite", "lstm", "gtrxl")],
    "t": [("probe", k, "tmaze-40", 0, 150_000, {}) for k in ("agalite", "galite", "lstm", "gtrxl")],
    "d": [("probe", k, e, 0, 400_000, {"time_features": False}) for k in ("agalite", "lstm", "galite", "gtrxl")
          for e in ("popgym:RepeatFirstEasy", "popgym:RepeatPreviousEasy")],
    "e": [("ppo", k, e, 0, 200_000, {}) for e in ("popgym:PositionOnlyCartPoleEasy", "popgym:AutoencodeEasy",
                                                  "popgym:CountRecallEasy", "tmaze-10") for k in ("agalite", "lstm")],
}

def final_of(rows, total, key="episode_return"):
    "Mean of `key` over the episodes that ended in the last 10 % of the env steps (episode-weighted)."
    last = [r for r in rows if r["env_steps"] > 0.9 * total and r["episodes"] > 0 and r[key] == r[key]]
    if not last: last = [r for r in rows[-1:] if r[key] == r[key]]
    w = np.array([r["episodes"] for r in last], float)
    return float((np.array([r[key] for r in last]) * w).sum() / w.sum()) if len(last) else float("nan")

def run(what, kind, env, seed, budget, over):
    t0, c0 = time.perf_counter(), time.process_time()
    if what == "probe":
        torch.manual_seed(seed)
        over = dict(over)
        res = recall_probe(make_core(kind, D_MODEL, n_heads=N_HEADS, memory_bias=over.pop("memory_bias", None)), env, budget,
                           seed=seed, **over)
        return dict(final_accuracy=res["final_accuracy"], curve=dict(env_steps=res["env_steps"][::4], accuracy=res["accuracy"][::4]),
                    steps=res["steps"], minutes=(time.perf_counter() - t0) / 60, cpu_minutes=(time.process_time() - c0) / 60)
    over = dict(over)
    core_kw = {"memory_bias": over.pop("memory_bias")} if "memory_bias" in over else None
    ppo = train_agent(kind, env, budget, seed=seed, n_envs=N_ENVS, d_model=D_MODEL, n_heads=N_HEADS, progress=False,
                      core_kw=core_kw, **over)
    rows = ppo.history.rows
    keep = ("env_steps", "episodes", "episode_return", "success", "entropy", "approx_kl", "grad_norm", "grad_norm/encoder",
            "grad_norm/core", "grad_norm/policy", "grad_norm/value", "retention/0", "normaliser/0", "sps")
    curve = {k: [r.get(k, float("nan")) for r in rows] for k in keep}
    return dict(final_return=final_of(rows, ppo.env_steps), final_success=final_of(rows, ppo.env_steps, "success"),
                env_steps=ppo.env_steps, curve=curve, minutes=(time.perf_counter() - t0) / 60,
                cpu_minutes=(time.process_time() - c0) / 60)

if __name__ == "__main__":
    w = sys.argv[1]
    out = Path(__file__).resolve().parent.parent / "figures" / f"rl_memory_runs_{w}.json"
    recs = json.loads(out.read_text()) if out.exists() else []
    meta = dict(device="cpu", dtype="float32", threads=1, torch=torch.__version__, d_model=D_MODEL, n_heads=N_HEADS,
                n_envs=N_ENVS, ppo={k: v for k, v in PPOConfig().__dict__.items() if k not in ("progress", "seed")})
    for what, kind, env, seed, budget, over in WORKERS[w]:
        key = dict(what=what, kind=kind, env=env, seed=seed, budget=budget, over=over)
        if any(r["key"] == key for r in recs): continue
        res = run(what, kind, env, seed, budget, over)
        recs.append(dict(key=key, meta=meta, **res))
        out.write_text(json.dumps(recs))
        print(key, {k: v for k, v in res.items() if k != "curve"}, flush=True)
