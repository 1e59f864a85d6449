"""Look at the built docs site the way a reader does, offline: every page in headless Chromium (Debian's `chromium`)
with the network blocked, served from 127.0.0.1. Checks
  - no page loads a script, stylesheet, font or frame from another host (static scan of the HTML);
  - every page whose text has formulas ($...$, $$...$$, \\(...\\)) shows them typeset by MathJax — MathJax output
    elements present, no raw formula left in the text, no "Math Processing Error";
  - every page with a plotly figure (figures/*.html, linked from the notebooks) draws it: plotly's <svg class="main-svg">.
Usage: python .ci/docs_check.py [_docs]. Exit 1 with a list of what is wrong."""
from __future__ import annotations
import functools, html, http.server, re, shutil, subprocess, sys, threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SITE = Path(sys.argv[1] if len(sys.argv) > 1 else "_docs").resolve()
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
EXTERNAL = re.compile(r'<(?:script|img|iframe)\b[^>]*\bsrc="(?:https?:)?//[^"]+"|<link\b[^>]*\brel="(?:stylesheet|preload|modulepreload|icon)"[^>]*\bhref="(?:https?:)?//[^"]+"|@import\s+url\((?:https?:)?//', re.I)
STRIP = re.compile(r"<(script|style|code|pre|textarea|svg|math)\b.*?</\1>", re.S | re.I)
RAW_MATH = re.compile(r"(?<![\\$\w])\$\$?[^$\s<>][^$<>]{0,400}?\$\$?(?![\w$])|\\\(.{1,400}?\\\)|\\\[.{1,400}?\\\]", re.S)
TYPESET = re.compile(r'class="(?:MathJax|MathJax_Display|MathJax_SVG|MathJax_CHTML|MJXc-display|mjx-chtml)\b')


def text_of(page_html: str) -> str:
    "The page's visible text (roughly): scripts, styles, code blocks and tags removed, entities decoded."
    body = STRIP.sub(" ", page_html)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def raw_formulas(page_html: str) -> list[str]:
    return [m.group(0)[:60] for m in RAW_MATH.finditer(text_of(page_html))]


def dump_dom(url: str) -> str:
    "The page's DOM after its scripts ran (virtual time: timers fire, no real waiting), network blocked."
    cmd = [BROWSER, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
           "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--proxy-server=http://127.0.0.1:9",
           "--proxy-bypass-list=127.0.0.1", "--virtual-time-budget=20000", "--run-all-compositor-stages-before-draw",
           "--dump-dom", url]
    cp = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    return cp.stdout


def main() -> int:
    if not SITE.is_dir(): print(f"docs check: no site at {SITE} (run make docs)"); return 1
    if BROWSER is None: print("docs check: no chromium (apt-get install chromium)"); return 1
    pages = sorted(p for p in SITE.rglob("*.html") if not p.is_relative_to(SITE / "assets"))
    problems = []
    for p in pages:                                   # 1. nothing from another host
        for m in EXTERNAL.finditer(p.read_text(encoding="utf-8", errors="replace")):
            problems.append(f"{p.relative_to(SITE)}: loads from another host: {m.group(0)[:120]}")
    # 2./3. in the browser: the pages that have formulas or plotly figures
    math_pages = [p for p in pages if raw_formulas(p.read_text(encoding="utf-8", errors="replace"))]
    plot_pages = [p for p in pages if "plotly" in (t := p.read_text(encoding="utf-8", errors="replace")) and "Plotly.newPlot" in t]
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(SITE))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_address[1]}/"
    def look(p):
        return p, dump_dom(base + p.relative_to(SITE).as_posix())
    n_formulas = n_figures = 0
    try:
        with ThreadPoolExecutor(2) as ex:
            for p, dom in ex.map(look, sorted(set(math_pages) | set(plot_pages))):
                rel = p.relative_to(SITE)
                if not dom.strip(): problems.append(f"{rel}: Chromium returned no DOM"); continue
                if p in math_pages:
                    raw = raw_formulas(dom); typeset = len(TYPESET.findall(dom))
                    if raw: problems.append(f"{rel}: {len(raw)} formula(s) not typeset, e.g. {raw[0]!r}")
                    if not typeset: problems.append(f"{rel}: no MathJax output at all")
                    if "Math Processing Error" in dom: problems.append(f"{rel}: MathJax: Math Processing Error")
                    n_formulas += typeset
                if p in plot_pages:
                    svgs = len(re.findall(r'<svg[^>]*class="main-svg"', dom))
                    if not svgs: problems.append(f"{rel}: plotly figure not drawn (no svg.main-svg)")
                    n_figures += svgs > 0
    finally:
        srv.shutdown()
    print(f"docs check: {len(pages)} pages, no external loads checked; {len(math_pages)} pages with formulas "
          f"({n_formulas} typeset), {len(plot_pages)} plotly figure pages ({n_figures} drawn), network blocked")
    for msg in problems: print("  " + msg)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
