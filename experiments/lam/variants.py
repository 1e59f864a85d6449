"""The LAM roadmap's approximate items as variants of the linearised MiniLM (`SentenceEncoder.from_teacher`), and
their speed measured side by side, each as built and after `seqlab.lam.fuse_encoder` (exact): process CPU time of a forward at 128 (B 32), 512 and 2048 tokens (B 1), every
variant and the teacher interleaved in one run, fp32, one thread.

    PYTHONPATH=. python experiments/lam/variants.py            # -> figures/lam_variants_speed.json

Each variant is `from_teacher(teacher, **VARIANTS[name])`; its agreement is measured by re-distilling it with the
recipe of `nbs/95_encoder.ipynb` (`experiments/lam/noise_band.py --variant NAME`). Timing does not depend on the
weights (no data-dependent branch is active), so the speed runs use the untrained `from_teacher` weights.

A name with the suffix `@blocked` (`--only NAME@blocked`) runs that variant with every window branch on the general
blocked path (`SlidingWindowAttention(mode="blocked")`): the window as it was before the banded path existed. "base"
is always timed that way — today's model (95_encoder's) as it was when the roadmap began. `@banded` runs the window on
the two-triangle banded path (`mode="banded"`), the window as it was before the strided path (`mode="auto"` takes the
strided one from an empty state, i.e. in every encoder call).
"""
import argparse, os, platform, statistics, time
import torch

# name -> `SentenceEncoder.from_teacher` keyword arguments; "base" is today's model (95_encoder's linearised MiniLM)
NO_PREDICTION = dict(surprise=False, coupling=False)
LEAN = dict(mixing="none", **NO_PREDICTION)
VARIANTS = {
    "base": dict(memory_kwargs=dict(mixing="output", window=32)),
    # no sliding-window branch: no window q/k/v, no softmax window, no window output projection, no MAG gate
    "no_window": dict(memory_kwargs=dict(mixing="none")),
    # no one-step-ahead prediction: surprise gate and cross-coupling off, so the fast memory is one plain
    # gated-delta call over H heads instead of 2H (the prediction heads) and the slow write does not wait on it
    "no_prediction": dict(memory_kwargs=dict(mixing="output", window=32, **NO_PREDICTION)),
    "no_window_no_prediction": dict(memory_kwargs=LEAN),
    # + one q/k/v projection shared by the two directions (computed once per block, reversed for the backward scan)
    "no_window_no_prediction_shared_qkv": dict(memory_kwargs=LEAN, shared_qkv=True),
    "no_prediction_shared_qkv": dict(memory_kwargs=dict(mixing="output", window=32, **NO_PREDICTION), shared_qkv=True),
    # the window branch reads the memory's q/k/v (one projection per direction instead of two) ...
    "no_prediction_shared_window": dict(memory_kwargs=dict(mixing="output", window=32, shared_window_qkv=True, **NO_PREDICTION)),
    # ... and both directions share it: one q/k/v projection per block for the memory, the window branch and both directions
    "no_prediction_shared_all": dict(memory_kwargs=dict(mixing="output", window=32, shared_window_qkv=True, **NO_PREDICTION),
                                     shared_qkv=True),
    # ... and the MAG gate a learned per-channel constant sigma(c) instead of sigma(W_g x + c) (no d x d projection)
    "no_prediction_shared_all_static_gate": dict(memory_kwargs=dict(mixing="output", window=32, shared_window_qkv=True,
                                                                    mix_gate="static", **NO_PREDICTION), shared_qkv=True),
    # on the kept layout: the MAG gate a learned per-channel constant (no d x d projection per direction)
    "no_prediction_static_gate": dict(memory_kwargs=dict(mixing="output", window=32, mix_gate="static", **NO_PREDICTION)),
    # on the kept layout: the memory's q/k/v and the window branch's own q/k/v, each shared by both directions
    # (two projections per block instead of four; memory and window keep separate weights)
    "no_prediction_shared_qkv_all": dict(memory_kwargs=dict(mixing="output", window=32, **NO_PREDICTION), shared_qkv="all"),
    # both of the last two
    "no_prediction_shared_qkv_all_static_gate": dict(memory_kwargs=dict(mixing="output", window=32, mix_gate="static", **NO_PREDICTION),
                                                     shared_qkv="all"),
    # one q/k/v projection per block (memory, window, both directions), the MAG blend per head before the output
    # projection (the window branch has none) and that projection shared by both directions, applied once to their
    # sum: one q/k/v and one output projection per block, as the teacher's attention has (+ a d x d gate per direction)
    "no_prediction_shared_all_head": dict(memory_kwargs=dict(mixing="output", window=32, shared_window_qkv=True,
                                                             mix_space="head", **NO_PREDICTION), shared_qkv=True, shared_out=True),
    # ... and the MAG gate a learned per-channel constant: no d x d projection left but q/k/v, the output and the FFN
    "no_prediction_shared_all_head_static_gate": dict(memory_kwargs=dict(mixing="output", window=32, shared_window_qkv=True,
                                                                         mix_space="head", mix_gate="static", **NO_PREDICTION),
                                                      shared_qkv=True, shared_out=True),
    # the kept layout blending per head: each direction's window branch loses its output projection (a different
    # function, not a rewrite), both directions keep their own q/k/v and output projections
    "no_prediction_head": dict(memory_kwargs=dict(mixing="output", window=32, mix_space="head", **NO_PREDICTION)),
    # the kept layout again, trained now that the memories run through the dual-state kernel (exact, but float32
    # rounding differs): a control that the kernel's training reproduces the kept row's score
    "no_prediction_kernel_rerun": dict(memory_kwargs=dict(mixing="output", window=32, **NO_PREDICTION)),
    # the exact rewrite alone: today's kept layout with the memories forced through the chunk form (no numba kernel)
    "no_prediction_chunk_form": dict(memory_kwargs=dict(mixing="output", window=32, mode="chunk", **NO_PREDICTION)),
}

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--sizes", default="32x128,1x512,1x2048")
    ap.add_argument("--name", default="lam_variants_speed", help="the result's name: figures/NAME.json")
    ap.add_argument("--only", default=None, help="comma-separated variant names to time (base is always timed)")
    ap.add_argument("--no-fused", action="store_true", help="skip the fuse_encoder copies")
    a = ap.parse_args()
    from seqlab.encoder import Teacher, SentenceEncoder
    from seqlab.titans import SlidingWindowAttention
    from seqlab.lam import fuse_encoder
    from seqlab.bench import save_result
    from seqlab.core import interleaved_times
    torch.set_num_threads(1)
    teacher = Teacher()
    bert = teacher.model.eval()
    models = {}
    names = list(VARIANTS) if a.only is None else ["base"] + [n for n in a.only.split(",") if n != "base"]
    for name in names:
        variant, _, path = name.partition("@")
        torch.manual_seed(0); models[name] = SentenceEncoder.from_teacher(teacher, **VARIANTS[variant]).eval()
        if path not in ("", "blocked", "banded"): raise ValueError(f"{name}: the suffixes are @blocked and @banded")
        if path or name == "base":                         # an older window path: blocked (base) or banded
            for mod in models[name].modules():
                if isinstance(mod, SlidingWindowAttention): mod.mode = path or "blocked"
        if a.no_fused: continue
        # + the exact rewrites of seqlab.lam (fused projections, batched directions; without the prediction, one
        # call for the fast and slow memories): same function, tested equal in float64 in 81_lam
        models[name + "+fused"] = fuse_encoder(models[name], inplace=False)
    rows = []
    for size in a.sizes.split(","):
        B, T = map(int, size.split("x"))
        ids = torch.randint(1000, 30000, (B, T), generator=torch.Generator().manual_seed(T))
        pos = (torch.arange(T) % 512)[None]
        fns = {n: (lambda m: lambda: torch.inference_mode()(m)(ids))(m) for n, m in models.items()}
        fns["teacher (MiniLM)"] = lambda: torch.inference_mode()(bert)(input_ids=ids, position_ids=pos,
                                                                      token_type_ids=torch.zeros_like(ids))
        # interleaved, rotated rounds (seqlab.bench.compare's) on the process's CPU time, which other jobs barely move
        med = {n: statistics.median_high(v) for n, v in
               interleaved_times(fns, warmup=1, reps=a.reps, clock=time.process_time).items()}
        for n, t in med.items():
            rows.append(dict(B=B, T=T, name=n, cpu_s=t, speedup_vs_base=med["base"] / t,
                             speedup_vs_teacher=med["teacher (MiniLM)"] / t))
        print(f"B={B} T={T}: " + ", ".join(f"{n} {t * 1e3:.0f} ms ({med['base'] / t:.2f}x base)" for n, t in med.items()), flush=True)
    meta = dict(device="cpu", device_name=platform.processor() or platform.machine(), dtype="float32", threads=1,
                mode="forward, torch.inference_mode(), process CPU time, median of reps, interleaved",
                reps=a.reps, variants={n: VARIANTS[n.partition('@')[0]] for n in names}, blocked_window=[n for n in names if n == 'base' or n.endswith('@blocked')], banded_window=[n for n in names if n.endswith('@banded')], loadavg=os.getloadavg(),
                note="teacher past 512 tokens: positions reused mod 512 (the cost of full attention, not a valid model)")
    print(save_result(a.name, rows, meta))

if __name__ == "__main__":
    main()
