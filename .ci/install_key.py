"""Print the key of what `make setup` installs from: the [build-system] and [project] tables of pyproject.toml (what
pip reads) and the torch requirement given as argv[1]. Not the file's date, and not [tool.*] (nbdev's settings): the
Makefile reinstalls only when this key changes."""
import hashlib, json, sys
from pathlib import Path

raw = Path("pyproject.toml").read_bytes()
try:
    import tomllib                                   # Python >= 3.11
    d = tomllib.loads(raw.decode()); d.pop("tool", None)
    raw = json.dumps(d, sort_keys=True).encode()
except ModuleNotFoundError:                          # 3.10: the whole file (nbdev-export no longer rewrites it)
    pass
print(hashlib.sha256(raw + b"\0" + " ".join(sys.argv[1:]).encode()).hexdigest())
