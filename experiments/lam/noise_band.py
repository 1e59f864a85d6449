"""The LAM noise band: the linearised MiniLM recipe of `nbs/95_encoder.ipynb` (its `#| slow` cell that builds `lin`,
at `scale="full"`) run under another seed, one record per finished run appended to `figures/lam_noise_band.json`.

    PYTHONPATH=. python experiments/lam/noise_band.py --seed 1
    PYTHONPATH=. python experiments/lam/noise_band.py --seed 0 --variant no_window   # -> figures/lam_variants.json

What the seed sets (seed 0 is exactly 95's recipe): the model's initialisation `torch.manual_seed(seed)` before
`SentenceEncoder.from_teacher` (95: 0), the batch order of the attention-transfer stage (`DistillConfig.seed =
1 + 10·seed`; 95: 1) and of the end-to-end stage (`2 + 10·seed`; 95: 2). Corpus, held-out sentences, teacher targets
and every other setting are the recipe's. Each stage checkpoints into the recipe's folder names under
`cache_dir()` (`encoder_linear_transfer_ckpt`, `encoder_linear_ckpt`; `_seed{s}` appended for seed ≠ 0), so a
killed run resumes exactly where it stopped. `--variant NAME` runs the same recipe on one of the roadmap's approximate
variants (`experiments/lam/variants.py`: `from_teacher`'s keyword arguments; folders get `_NAME` appended) and appends
its record to `figures/lam_variants.json`, to be judged against the band. `--distill-updates N` asks the budget
question (does a longer end-to-end stage buy back what a variant loses?): the same transfer stage, then N end-to-end
updates, record to `figures/lam_budget.json`. `--steps A B` (a dry run) changes the update counts and writes its own
folders and no record unless `--out` is given.
"""
import argparse, fcntl, json, os, platform, random, shutil, sys, time
from datetime import datetime, timezone
from pathlib import Path

# Memory: glibc keeps freed blocks below its self-raising mmap threshold on the heap, so a run's resident size climbs
# to 10-14 GB (two runs side by side were killed by the kernel's OOM killer). `--low-memory` re-executes the script
# once with fixed thresholds (glibc reads them only at start-up): large blocks are mmap'd and returned on free,
# resident 1-5 GB — but every large allocation then costs page faults, and the kernel time (measured: 138 s system
# for 121 s user) makes a run about 2x slower. Use it only to fit a second run beside a first.
_MALLOC_ENV = {"MALLOC_MMAP_THRESHOLD_": "1048576", "MALLOC_TRIM_THRESHOLD_": "1048576"}
if __name__ == "__main__" and "--low-memory" in sys.argv and any(os.environ.get(k) != v for k, v in _MALLOC_ENV.items()):
    os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, **_MALLOC_ENV})

import torch
sys.path.insert(0, str(Path(__file__).resolve().parent))
from variants import VARIANTS                                  # the roadmap's variants: name -> from_teacher kwargs
from seqlab.encoder import (Teacher, SentenceEncoder, TokenizedCorpus, DistillConfig, distill, agreement,
                            transfer_attention, teacher_targets, shakespeare_sentences, split_heldout, cache_dir)

ROOT = Path(__file__).resolve().parents[2]

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, required=True, help="0 = 95_encoder's recipe")
    ap.add_argument("--variant", default="base", choices=list(VARIANTS), help="base = 95_encoder's model")
    ap.add_argument("--steps", type=int, nargs=2, default=None, metavar=("TRANSFER", "DISTILL"),
                    help="a dry run: these update counts (own checkpoint folders, started afresh)")
    ap.add_argument("--distill-updates", type=int, default=None, metavar="N",
                    help="the budget question: the end-to-end stage runs N updates instead of 150 (its cosine schedule "
                         "stretched to N), after the same transfer stage (whose checkpoint is reused); own folder "
                         "(`_ft{N}`), resumable, record to figures/lam_budget.json")
    ap.add_argument("--no-init-eval", action="store_true",
                    help="skip the agreement of the untrained model (a resumed run saves ~1.5 min; not part of the band)")
    ap.add_argument("--low-memory", action="store_true", help="fixed malloc thresholds: 1-5 GB resident instead of "
                    "10-14 GB, about 2x slower (see the comment above main)")
    ap.add_argument("--out", default=None, help="the JSON file a record is appended to "
                    "(default figures/lam_noise_band.json; a dry run writes none unless given)")
    a = ap.parse_args()
    torch.set_num_threads(1)
    dev = torch.device("cpu")
    dry = a.steps is not None
    if dry and a.distill_updates: ap.error("--steps and --distill-updates: choose one")
    n_tr, n_ft = a.steps if dry else (100, a.distill_updates or 150)
    band = a.variant == "base" and not a.distill_updates
    out = Path(a.out) if a.out else (None if dry else ROOT / "figures" / (
        "lam_budget.json" if a.distill_updates else "lam_noise_band.json" if band else "lam_variants.json"))
    load0, t_start = os.getloadavg(), time.time()

    # -- 95's set-up cells at scale="full": corpus, held-out sentences, teacher targets (cached) ------------------
    S = dict(n_train=16384, n_eval=1024)
    teacher = Teacher(device=dev)
    sents = shakespeare_sentences()
    train_s, held_s = split_heldout(sents)
    pool = train_s[:]; random.Random(0).shuffle(pool)
    corpus = TokenizedCorpus.from_sentences(teacher, pool[:S["n_train"]])
    ev_s = held_s[:S["n_eval"]]
    ev_t = teacher_targets(teacher, ev_s)
    print(f"set-up {time.time() - t_start:.0f} s: training on {len(corpus)}, evaluating on {len(ev_s)}", flush=True)

    # -- 95's linearised-MiniLM cell at scale="full", seeded by --seed ------------------------------------------------
    LIN_KW = VARIANTS[a.variant]
    tr_cfg = DistillConfig(steps=n_tr, batch_size=32, lr=1e-3, warmup=1, weight_decay=0.0, ckpt_every=25, seed=1 + 10 * a.seed)
    ft_cfg = DistillConfig(steps=n_ft, batch_size=32, lr=1e-4, warmup=10, ckpt_every=25, seed=2 + 10 * a.seed)
    torch.manual_seed(a.seed)
    lin = SentenceEncoder.from_teacher(teacher, **LIN_KW).to(dev)
    lin_init = None if a.no_init_eval else agreement(lin.encode(ev_s, 128), ev_t)
    sfx = ("" if band else f"_{a.variant}") + (f"_seed{a.seed}" if a.seed else "") + (f"_dry{n_tr}_{n_ft}" if dry else "")
    ck_tr, ck_ft = cache_dir() / f"encoder_linear_transfer{sfx}_ckpt", cache_dir() / f"encoder_linear{sfx}_ckpt"
    if a.distill_updates: ck_ft = cache_dir() / f"encoder_linear{sfx}_ft{n_ft}_ckpt"   # the transfer stage is the same
    if dry:
        for c in (ck_tr, ck_ft): shutil.rmtree(c, ignore_errors=True)
    log = lambda r: (r["step"] % 10 == 0) and print(f"  step {r['step']}: loss {r['loss']:.4f} ({r['sec']:.1f} s)", flush=True)
    h_tr = transfer_attention(lin, teacher, corpus, tr_cfg, ck_tr, progress=False, log=log)
    lin_tr = agreement(lin.encode(ev_s, 128), ev_t)
    print(f"transfer done: {len(h_tr)} updates, spearman {lin_tr['spearman']:.3f}", flush=True)
    h_ft = distill(lin, corpus, ft_cfg, ck_ft, progress=False, log=log)
    lin_ft = agreement(lin.encode(ev_s, 128), ev_t)
    lin_min = (sum(r["sec"] for r in h_tr) / 60, sum(r["sec"] for r in h_ft) / 60)
    keep = ("spearman", "pearson", "top1_in_topk", "cosine_to_teacher", "n", "n_pairs", "k")
    rec = dict(seed=a.seed, variant=a.variant, from_teacher=VARIANTS[a.variant], init_seed=a.seed, transfer_batch_seed=tr_cfg.seed, distill_batch_seed=ft_cfg.seed,
               transfer_updates=len(h_tr), distill_updates=len(h_ft),
               transfer_min=lin_min[0], distill_min=lin_min[1],   # update time only (resumed runs: summed over the log)
               transfer_loss=(h_tr[0]["loss"], h_tr[-1]["loss"]), distill_loss=(h_ft[0]["loss"], h_ft[-1]["loss"]),
               init=lin_init and {k: lin_init[k] for k in keep}, transfer={k: lin_tr[k] for k in keep},
               distilled={k: lin_ft[k] for k in keep},
               wall_min=(time.time() - t_start) / 60, loadavg_start=load0, loadavg_end=os.getloadavg(),
               finished=datetime.now(timezone.utc).isoformat(timespec="seconds"), dry_run=dry)
    print(json.dumps(rec, indent=1), flush=True)
    if out is None: return
    meta = dict(device="cpu", device_name=platform.processor() or platform.machine(), dtype="float32",
                threads=torch.get_num_threads(), torch=torch.__version__, cpus=os.cpu_count(),
                n_train=len(corpus), n_eval=len(ev_s), recipe="nbs/95_encoder.ipynb, linearised MiniLM cell, scale='full'",
                student=dict(from_teacher=LIN_KW), transfer=dict(tr_cfg.__dict__, seed="1 + 10*seed"),
                distill=dict(ft_cfg.__dict__, seed="2 + 10*seed"),
                note="2-core CPU shared with other jobs; minutes are update time at the load of the time (loadavg_* per run)")
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(f"/tmp/{out.name}.lock", "w") as lk:      # two seeds run side by side: append under a lock
        fcntl.flock(lk, fcntl.LOCK_EX)
        data = json.loads(out.read_text()) if out.exists() else dict(name=out.stem, meta=meta, runs=[])
        if not band: meta.pop("student")                    # a variant's own kwargs are in its record
        data["meta"] = meta
        same = lambda r: (r["seed"] == a.seed and r.get("variant", "base") == a.variant and not r.get("source")
                          and r.get("distill_updates") == rec["distill_updates"])
        data["runs"] = [r for r in data["runs"] if not same(r)] + [rec]
        data["runs"].sort(key=lambda r: (r.get("variant", "base"), r["seed"], r.get("distill_updates", 0)))
        tmp = out.with_suffix(".tmp"); tmp.write_text(json.dumps(data, indent=1) + "\n"); tmp.replace(out)
    print("appended to", out)

if __name__ == "__main__":
    main()
