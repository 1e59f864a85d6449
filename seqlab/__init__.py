"""Stateful sequence models, explained and fast: parallel scans, delta-rule linear attention, AGaLiTe, Titans-style memory, segment-tree lazy RTRL.

Modules:

- `seqlab.titans`: Titans-style memory layers built on the gated delta rule of `seqlab.ops`: two delta memories per head (fast and slow) written according to how *surprising* each token is, mixed with a sliding-window attention branch (MAG), and the Titans neural long-term memory — an MLP whose weights are the state, trained at test time."""

__version__ = "0.1.0"
