"""MkDocs hooks that build the seqlab site from the repository as it is, with no list to keep up to date.

- every `nbs/*.ipynb` becomes a page (rendered by mkdocs-jupyter, outputs as committed, never executed);
  nbdev's directive lines (`#| export`, ...) and `#| hide` cells are left out of the rendered copy;
- the navigation is generated from `nbs/` at build time: components (`0x`-`8x`), experiments (`9x`),
  the API reference (one page per module under `seqlab/`, rendered by mkdocstrings), contributing, changelog;
- `README.md` (generated from `nbs/index.ipynb`) is the home page, `CONTRIBUTING.md` and `CHANGELOG.md` pages,
  `figures/` and `LICENSE` are copied so the notebooks' and README's relative links work on the site;
- the site works offline: MathJax (from the `jupyter-server-mathjax` package, MathJax 2.7.9, pinned in the `dev`
  extra) and plotly.js (shipped inside the `plotly` wheel) are copied into `assets/` by the build — never committed —
  and the pages and `figures/*.html` load them from there, not from a CDN; interactive widget outputs
  (ipywidgets, tqdm bars: state that is not saved) are left out of the rendered copy, so a page shows their static
  fallback (a PNG or the text) instead of a blank "Loading widget..." box;
- after the build every relative `href`/`src` in the generated HTML must point at a file of the site: a broken
  link fails the build (mkdocs itself only checks links in markdown pages, not inside notebooks).
"""
from __future__ import annotations
import html.parser, json, re, shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
NBS, LIB, FIGS = ROOT / "nbs", ROOT / "seqlab", ROOT / "figures"
PROC = ROOT / "_proc" / "docs"                      # rendered copies of the notebooks (gitignored)
TOP_PAGES = {"index.md": ROOT / "README.md", "CONTRIBUTING.md": ROOT / "CONTRIBUTING.md",
             "CHANGELOG.md": ROOT / "CHANGELOG.md"}


def notebooks() -> list[Path]:
    "The notebooks a reader sees, in reading order (`index.ipynb` is the home page through README.md)."
    return sorted(p for p in NBS.glob("*.ipynb") if not p.name.startswith(("_", ".")) and p.name != "index.ipynb")


def nb_title(path: Path) -> str:
    "A notebook's first `# ` heading, up to an em dash; the file name when it has none."
    try: cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError) as e: raise PluginError(f"{path}: not a readable notebook ({e})")
    for c in cells:
        if c.get("cell_type") != "markdown": continue
        for line in "".join(c.get("source", "")).splitlines():
            if line.startswith("# "): return line[2:].split(" — ")[0].strip()
    return path.stem


def modules() -> list[str]:
    "Every module of the package (`seqlab.x`, `seqlab.ops.y`, ...), from the exported files."
    out = []
    for p in sorted(LIB.rglob("*.py")):
        rel = p.relative_to(LIB.parent).with_suffix("")
        parts = rel.parts
        if any(s.startswith("_") for s in parts[1:-1]) or "__pycache__" in parts: continue
        if parts[-1] == "__init__": parts = parts[:-1]
        elif parts[-1].startswith("_"): continue
        out.append(".".join(parts))
    return out


def module_notebooks() -> dict[str, str]:
    "module -> the notebook that exports it (`#| default_exp`)."
    res = {}
    for p in notebooks():
        m = re.search(r"#\|\s*default_exp\s+([\w.]+)", p.read_text(encoding="utf-8"))
        if m: res["seqlab." + m.group(1).removesuffix(".__init__")] = p.name
    return res


WIDGET = "application/vnd.jupyter.widget-view+json"

def _static_outputs(outputs: list) -> list:
    "Outputs without widget views (their state is not saved, so they would render blank): the static fallback stays."
    out = []
    for o in outputs:
        data = o.get("data")
        if isinstance(data, dict) and WIDGET in data:
            data = {k: v for k, v in data.items() if k != WIDGET}
            if not data or set(data) == {"text/plain"} and "".join(data["text/plain"]).startswith(("HBox(", "interactive(")):
                continue                                     # nothing static to show: leave the output out
            o = {**o, "data": data}
        out.append(o)
    return out

def _render_copy(src: Path, dst: Path) -> None:
    "The copy mkdocs-jupyter renders: `#| hide` cells, nbdev directive lines and widget views removed, nothing else changed."
    nb = json.loads(src.read_text(encoding="utf-8"))
    cells = []
    for c in nb["cells"]:
        text = "".join(c.get("source", ""))
        lines = text.splitlines(True)
        dirs = [l for l in lines if l.startswith("#|")]
        if c.get("cell_type") == "code":
            if any(l.replace(" ", "").startswith("#|hide") for l in dirs): continue
            body = "".join(l for l in lines if not l.startswith("#|")).lstrip("\n")
            if not body.strip(): continue
            c["source"] = body
            c["outputs"] = _static_outputs(c.get("outputs", []))
        elif c.get("cell_type") == "markdown" and dirs:        # e.g. `#| export` on a package/module docstring cell
            c["source"] = "".join(l for l in lines if not l.startswith("#|"))
        cells.append(c)
    nb["cells"] = cells
    nb.get("metadata", {}).pop("widgets", None)
    nb.setdefault("metadata", {}).setdefault("kernelspec", {"name": "python3", "display_name": "Python 3",
                                                             "language": "python"})
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")


def on_config(config, **kw):
    "Generate the navigation from nbs/ and seqlab/."
    comps, exps = [], []
    for p in notebooks():
        (exps if p.name[:1] == "9" else comps).append({f"{p.stem[:2]} · {nb_title(p)}": f"nbs/{p.name}"})
    api = [{"seqlab (package)" if m == "seqlab" else m: f"api/{m}.md"} for m in modules()]
    config["nav"] = [{"Home": "index.md"}, {"Components": comps}, {"Experiments": exps}, {"API reference": api},
                     {"Contributing": "CONTRIBUTING.md"}, {"Changelog": "CHANGELOG.md"}]
    return config


@event_priority(100)            # before mkdocs-jupyter's on_files, which wraps the .ipynb files as pages
def on_files(files, config, **kw):
    if PROC.exists(): shutil.rmtree(PROC)
    for uri, src in TOP_PAGES.items():
        files.append(File.generated(config, uri, abs_src_path=str(src)))
    files.append(File.generated(config, "LICENSE", abs_src_path=str(ROOT / "LICENSE")))
    for p in notebooks():
        _render_copy(p, PROC / "nbs" / p.name)
        files.append(File(f"nbs/{p.name}", str(PROC), config["site_dir"], config["use_directory_urls"]))
    for p in sorted(FIGS.iterdir()) if FIGS.exists() else []:
        # figures a small (test) run writes are gitignored: leave them out so a local build matches CI's
        if p.is_file() and p.suffix != ".md" and "_small." not in p.name:
            files.append(File.generated(config, f"figures/{p.name}", abs_src_path=str(p)))
    owner = module_notebooks()
    for m in modules():
        nb = owner.get(m)
        src = f"Source notebook: [`nbs/{nb}`](../nbs/{nb}).\n\n" if nb else ""
        files.append(File.generated(config, f"api/{m}.md", content=f"# `{m}`\n\n{src}::: {m}\n"))
    return files


_LINK = re.compile(r'(href|src)="([^"#:]+?)\.(ipynb|md)(#[^"]*)?"')

def on_page_content(html_text, page, config, files, **kw):
    "Links between notebooks / markdown files written as `x.ipynb` / `x.md` point at their pages."
    if not page.file.src_uri.endswith(".ipynb"): return html_text
    def sub(m):
        attr, path, ext, frag = m.groups()
        target = files.get_file_from_path(str((Path(page.file.src_uri).parent / f"{path}.{ext}").as_posix()))
        target = target or files.get_file_from_path(
            Path(str(Path(page.file.src_uri).parent / f"{path}.{ext}").replace("\\", "/")).as_posix())
        if target is None: return m.group(0)                 # left as is: the link check reports it
        return f'{attr}="{target.url_relative_to(page.file)}{frag or ""}"'
    return _LINK.sub(sub, html_text)


class _Refs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.refs = []
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ("href", "src") and v: self.refs.append(v)


MATHJAX_DIR = "assets/mathjax"                       # MathJax 2 served by the site (mkdocs.yml's custom_mathjax_url)
PLOTLY_JS = "assets/javascripts/plotly.min.js"
_PLOTLY_CDN = re.compile(r'src="https://cdn\.plot\.ly/[^"]+"')
# MathJax 2 reads this after its combined config: the fonts shipped with the package (STIX-Web), no image fonts
_MATHJAX_LOCAL = """MathJax.Hub.Config({"HTML-CSS": {availableFonts: [], preferredFont: null, webFont: "STIX-Web", imageFont: null},
                   SVG: {font: "STIX-Web"}, messageStyle: "none"});
MathJax.Ajax.loadComplete("[MathJax]/config/local/seqlab.js");
"""

def vendor_assets(site: Path) -> None:
    """Copy MathJax (`jupyter_server_mathjax`'s static files) and plotly.js (`plotly`'s package data) into the site and
    point `figures/*.html` at the local plotly.js: nothing on the site is loaded from another host."""
    try:
        import jupyter_server_mathjax, plotly
    except ImportError as e:
        raise PluginError(f"the docs need {e.name} (in seqlab's dev extra: pip install -e '.[dev]')")
    mj = Path(jupyter_server_mathjax.__file__).parent / "static"
    dst = site / MATHJAX_DIR
    if dst.exists(): shutil.rmtree(dst)
    shutil.copytree(mj, dst, ignore=shutil.ignore_patterns("*.otf", "*.eot", "*.svg", "localization"))
    (dst / "config" / "local").mkdir(parents=True, exist_ok=True)
    (dst / "config" / "local" / "seqlab.js").write_text(_MATHJAX_LOCAL)
    js = site / PLOTLY_JS; js.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", js)
    for f in (site / "figures").glob("*.html"):
        html_text = f.read_text(encoding="utf-8")
        new = _PLOTLY_CDN.sub(f'src="../{PLOTLY_JS}"', html_text)
        if new != html_text: f.write_text(new, encoding="utf-8")


def on_post_build(config, **kw):
    "Vendor MathJax and plotly.js; fail the build on any relative link or image in the site that points at nothing."
    site = Path(config["site_dir"])
    vendor_assets(site)
    for p in notebooks():                    # the download link serves the notebook itself, not the rendered copy
        if (site / "nbs" / p.name).exists(): shutil.copyfile(p, site / "nbs" / p.name)
    broken = []
    for page in site.rglob("*.html"):
        if page.is_relative_to(site / "assets") or page.name == "404.html": continue   # 404: site-absolute links
        parser = _Refs(); parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        for ref in parser.refs:
            u = urlsplit(ref)
            if u.scheme or u.netloc or not u.path or ref.startswith(("#", "//")): continue
            target = (page.parent / unquote(u.path)).resolve()
            if target.is_dir(): target = target / "index.html"
            if not target.exists(): broken.append(f"{page.relative_to(site)}: {ref}")
    if broken:
        raise PluginError(f"{len(broken)} broken relative link(s) in the built site:\n  " + "\n  ".join(sorted(set(broken))))
