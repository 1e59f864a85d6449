"""Does seqlab's AGaLiTe learn under PPO as fast as the LSTM? Short side-by-side runs of *variants* of the defaults
(`make_core(kind, 32, n_heads=2)`, `RecurrentAgent` with its episode clock, `PPOConfig()`, 64 envs), each changed only by
arguments or by re-initialising a built core (never by editing the library). One JSON record per run is appended to
figures/rl_learn.json (so an interrupted queue resumes); nbs/93_rl_memory.ipynb reads it.

    python experiments/rl/learn_runs.py bench                       # env-steps/s of each core, 3 updates each
    python experiments/rl/learn_runs.py ppo VARIANT KIND ENV SEED BUDGET [...more 5-tuples]
    python experiments/rl/learn_runs.py probe VARIANT KIND ENV SEED BUDGET [...]

One torch thread; run it under `nohup nice -n 10`."""
import json, os, sys, time, warnings
from pathlib import Path
warnings.filterwarnings("ignore")
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np
import torch
torch.set_num_threads(1)
import gymnasium as gym
from seqlab.rl import make_core, make_env, RecurrentAgent, PPO, PPOConfig, recall_probe
from seqlab.agalite import GRUGate, AGaLiTeLayer, GaLiTeLayer

OUT = Path(__file__).resolve().parents[2] / "figures" / "rl_learn.json"
D_MODEL, N_HEADS, N_ENVS = 32, 2, 64

def set_gate_bias(core, b: float):
    "Every GRU gate of a gated block starts with z = σ(-b) (GTrXL's b = 2: the block passes its input through)."
    n = 0
    for m in core.modules():
        if isinstance(m, GRUGate):
            with torch.no_grad(): m.wy.bias[m.d:2 * m.d] = -b
            n += 1
    assert n, "no GRU gate"

def set_eps(core, eps: float):
    "The read-out normaliser's ε of every AGaLiTe/GaLiTe layer: y = num / (den + ε)."
    n = 0
    for m in core.modules():
        if isinstance(m, (AGaLiTeLayer, GaLiTeLayer)): m.eps = eps; n += 1
    assert n, "no gated linear-attention layer"

# name -> what differs from the defaults. core: make_core kwargs; agent: RecurrentAgent kwargs; ppo: PPOConfig fields;
# gate_bias / eps: re-initialisations of the built core (the kinds without the part ignore them: see `applies`)
VARIANTS = {
    "default":     {},
    "gate0":       dict(gate_bias=0.0),          # GRU gates start half open: the memory's output reaches the block
    "eps0.1":      dict(eps=0.1),                # a normaliser ε that bounds 1/den (read-out of an empty memory → 0)
    "lr1e-3":      dict(ppo=dict(lr=1e-3)),
    "lr5e-4":      dict(ppo=dict(lr=5e-4)),
    "lr4e-3":      dict(ppo=dict(lr=4e-3)),
    "clip5":       dict(ppo=dict(max_grad_norm=5.0)),    # the AGaLiTe paper's gradient clip
    "mbias":       dict(core=dict(memory_bias="auto")),
    "heads4":      dict(core=dict(n_heads=4)),   # 4 heads of 8 instead of 2 of 16
    "head64":      dict(agent=dict(head_hidden=64)),
    "nsteps128":   dict(ppo=dict(n_steps=128)),
    "ent0.003":    dict(ppo=dict(ent_coef=0.003)),
    "gate0_eps0.1": dict(gate_bias=0.0, eps=0.1),
    "plr3e-4":     dict(probe_lr=3e-4),          # recall_probe only: Adam lr 3e-4 instead of 1e-3
    "plr3e-4_eps0.1": dict(probe_lr=3e-4, eps=0.1),
}

def applies(variant: str, kind: str) -> bool:
    "Whether `variant` changes anything for `kind` (else the kind's 'default' record stands for it)."
    v = VARIANTS[variant]
    if "eps" in v and kind not in ("agalite", "galite", "lstm_agalite"): return False
    if "gate_bias" in v and kind in ("lstm",): return False
    if v.get("core", {}).get("memory_bias") and kind not in ("agalite", "galite", "lstm", "lstm_agalite"): return False
    return True

def build_core(variant, kind):
    v = VARIANTS[variant]
    kw = {"n_heads": N_HEADS, **v.get("core", {})}
    core = make_core(kind, D_MODEL, **kw)
    if "gate_bias" in v and kind != "lstm": set_gate_bias(core, v["gate_bias"])
    if "eps" in v and kind in ("agalite", "galite", "lstm_agalite"): set_eps(core, v["eps"])
    return core

# the final-return rule of 93_rl_memory's own runs, one definition for both record files
import importlib.util as _ilu
_spec = _ilu.spec_from_file_location("rl_memory_runs", Path(__file__).resolve().parents[2] / "nbs" / "93_rl_memory_runs.py")
_runs = _ilu.module_from_spec(_spec); _spec.loader.exec_module(_runs)
final_of = _runs.final_of

KEEP = ("env_steps", "episodes", "episode_return", "entropy", "approx_kl", "clip_frac", "grad_norm", "grad_norm/encoder",
        "grad_norm/core", "grad_norm/policy", "grad_norm/value", "retention/0", "normaliser/0", "sps")

def make_ppo(variant, kind, env, seed):
    "train_agent's construction order (same seeds, same RNG use) with the variant's changes."
    v = VARIANTS[variant]
    torch.manual_seed(seed)
    e = make_env(env, N_ENVS, seed=seed)
    so, sa = e.single_observation_space, e.single_action_space
    agent = RecurrentAgent(build_core(variant, kind), gym.spaces.flatdim(so), int(sa.n), D_MODEL, **v.get("agent", {}))
    return PPO(agent, e, seed=seed, progress=False, **v.get("ppo", {}))

def run_ppo(variant, kind, env, seed, budget):
    t0 = time.perf_counter()
    ppo = make_ppo(variant, kind, env, seed)
    rows = ppo.train(budget).rows
    return dict(final_return=final_of(rows, ppo.env_steps), env_steps=ppo.env_steps,
                curve={k: [r.get(k, float("nan")) for r in rows] for k in KEEP}, minutes=(time.perf_counter() - t0) / 60)

def run_probe(variant, kind, env, seed, budget):
    t0 = time.perf_counter()
    v = VARIANTS[variant]
    torch.manual_seed(seed)
    res = recall_probe(build_core(variant, kind), env, budget, seed=seed, lr=v.get("probe_lr", 1e-3), **v.get("agent", {}))
    return dict(final_accuracy=res["final_accuracy"], curve=dict(env_steps=res["env_steps"], accuracy=res["accuracy"]),
                steps=res["steps"], minutes=(time.perf_counter() - t0) / 60)

def bench(kinds=("agalite", "galite", "lstm", "gtrxl", "deltanet", "hdm", "lstm_agalite"), env="popgym:RepeatPreviousEasy",
          n_updates=3):
    "env steps / s of PPO (collect + update) per core, `n_updates` updates of 64 envs × 64 steps after one warm-up update."
    out = {}
    for kind in kinds:
        ppo = make_ppo("default", kind, env, 0)
        ppo.train(ppo.steps_per_update)                                   # warm-up (numba compiles, allocations)
        rows = ppo.train(n_updates * ppo.steps_per_update).rows[1:]
        out[kind] = dict(sps=float(np.median([r["sps"] for r in rows])),
                         rollout_s=float(np.median([r["rollout_s"] for r in rows])),
                         update_s=float(np.median([r["update_s"] for r in rows])),
                         params=sum(p.numel() for p in ppo.agent.core.parameters()), load=os.getloadavg()[0])
        print(kind, out[kind], flush=True)
    return out

def meta():
    return dict(device="cpu", dtype="float32", threads=torch.get_num_threads(), torch=torch.__version__, d_model=D_MODEL,
                n_heads=N_HEADS, n_envs=N_ENVS, cpus=os.cpu_count(),
                ppo={k: v for k, v in PPOConfig().__dict__.items() if k not in ("progress", "seed")})

def load():
    return json.loads(OUT.read_text()) if OUT.exists() else {"meta": meta(), "runs": [], "bench": None}

def save(db):
    OUT.write_text(json.dumps(db))

if __name__ == "__main__":
    what, args = sys.argv[1], sys.argv[2:]
    db = load()
    if what == "bench":
        db["bench"] = dict(env="popgym:RepeatPreviousEasy", load_before=os.getloadavg(), cores=bench())
        save(db); sys.exit()
    for i in range(0, len(args), 5):
        variant, kind, env, seed, budget = args[i], args[i + 1], args[i + 2], int(args[i + 3]), int(args[i + 4])
        assert variant in VARIANTS, variant
        key = dict(what=what, variant=variant, kind=kind, env=env, seed=seed, budget=budget)
        db = load()
        if any(r["key"] == key for r in db["runs"]): continue
        la0 = os.getloadavg()
        res = (run_ppo if what == "ppo" else run_probe)(variant, kind, env, seed, budget)
        db = load()                                               # re-read: another queue may have appended
        db["runs"].append(dict(key=key, spec=VARIANTS[variant], load_before=la0, load_after=os.getloadavg(), **res))
        save(db)
        print(key, {k: v for k, v in res.items() if k != "curve"}, flush=True)
