"""Collect experiments/ltm/records/*.json (written by latent_use.py) into figures/ltm_latent_use.json and
figures/ltm_latent_use.png: the ratio NLL(z inferred, 16 steps) / NLL(z ~ N(0, I)) against training step per setting
(97_ltm's target: <= 0.95), beside the control ratio NLL(z inferred) / NLL(z = another window's posterior sample).

    python experiments/ltm/report.py [--loadavg-note TEXT]"""
import json, os, platform, sys
from pathlib import Path
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import torch
from seqlab.bench import save_result, figures_dir

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from latent_use import BASE, SETTINGS, RECORDS  # noqa: E402

ORDER = ["base", "base_seed1", "base80", "seq256", "seq512", "dz64", "logvar-2", "lr1e-2"]
LABEL = {"base": "base (97: T 128, d_z 16, log s2 -5, lr 3e-3)", "seq256": "T 256 (B 8)", "seq512": "T 512 (B 4)",
         "dz64": "d_z 64", "logvar-2": "log s2 start -2", "lr1e-2": "decoder lr 1e-2",
         "base80": "base, cosine over 80 steps (97's run)", "base_seed1": "base, seed 1"}


def collect() -> tuple[list, dict]:
    rows, budgets, wall = [], {}, {}
    for name in ORDER:
        p = RECORDS / f"{name}.json"
        if not p.exists(): continue
        rec = json.loads(p.read_text())
        for e in rec["evals"]:
            T = rec["config"]["seq_len"]        # what z tells about its own window, in nats per sequence of T chars
            rows.append(dict(setting=name, **{k: v for k, v in rec["config"].items() if k in SETTINGS[name]}, **e,
                             seq_len_T=T, info_nats_per_seq=(e["nll_shuffled"] - e["nll_inf"]) * T,
                             kl_nats_per_seq=e["kl_inf"] * T))
        if rec["evals"]:
            budgets[name] = rec["evals"][-1]["step"]; wall[name] = rec["evals"][-1]["train_time_s"]
    return rows, dict(budgets=budgets, train_time_s=wall)


def plot(rows: list, path: Path):
    fig, ax = plt.subplots(1, 3, figsize=(12, 3.6))
    for i, name in enumerate(ORDER):
        r = [x for x in rows if x["setting"] == name]
        if not r: continue
        st = dict(color=f"C{i}", marker="o", ms=3, lw=2.2 if name == "base" else 1.2, ls="--" if name == "base80" else "-")
        x = [e["step"] for e in r]
        ax[0].plot(x, [e["ratio_prior"] for e in r], **st)
        ax[1].plot(x, [e["ratio_shuffled"] for e in r], **st)
        ax[2].plot(x, [e["info_nats_per_seq"] for e in r], label=LABEL[name], **st)
    for a in ax[:2]: a.axhline(0.95, color="k", ls="--", lw=0.8); a.axhline(1.0, color="gray", lw=0.6)
    ax[2].axhline(0.0, color="gray", lw=0.6)
    for a in ax: a.set_xlabel("LTM training step")
    ax[0].set_ylabel("NLL(z inferred) / NLL(other z)")
    ax[0].set_title("z inferred vs z ~ N(0, I)  (target <= 0.95)", fontsize=9)
    ax[1].set_title("z inferred vs another window's posterior z", fontsize=9)
    ax[2].set_title("NLL(other window's z) - NLL(z inferred)", fontsize=9); ax[2].set_ylabel("nats per sequence")
    ax[2].legend(fontsize=6.5, loc="upper left"); fig.tight_layout()
    fig.savefig(path, dpi=90, bbox_inches="tight"); plt.close(fig)


def main():
    rows, extra = collect()
    meta = dict(device="cpu", dtype="float32", threads=1, torch=torch.__version__, python=platform.python_version(),
                base=BASE, settings=SETTINGS, seeds=dict(model=BASE["seed"], batches=BASE["seed"], eval_noise=1),
                shapes=dict(z_shape="[B, n_layers, n_latents, z_dim]", eval="max(16, 4096 // T) validation windows of T+1 chars"),
                schedule="AdamW lr cosine over 300 steps (warm-up 10) for every setting; only base trained to its end",
                loadavg=[r["loadavg"] for r in rows], **extra,
                note="load average: 1-minute, sampled at each eval; 2-core machine shared with other jobs, run under nice 10")
    save_result("ltm_latent_use", rows, meta)
    plot(rows, figures_dir() / "ltm_latent_use.png")
    for r in rows:
        print(f"{r['setting']:9s} {r['step']:4d}  inf {r['nll_inf']:.3f} + KL {r['kl_inf']:.3f} | prior {r['nll_prior']:.3f} "
              f"zero {r['nll_zero']:.3f} shuf {r['nll_shuffled']:.3f} mean {r['nll_mean']:.3f} | ratio prior "
              f"{r['ratio_prior']:.3f} shuf {r['ratio_shuffled']:.3f} | info {r['info_nats_per_seq']:.1f} KL {r['kl_nats_per_seq']:.1f} nats/seq")


if __name__ == "__main__":
    main()
