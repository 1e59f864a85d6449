// MathJax 2 for the markdown and API pages (module docstrings carry $...$ / \\(...\\) math), served by the site itself
// (docs/hooks.py copies it into assets/mathjax): no CDN, so the site works offline. Notebook pages load it already,
// configured by mkdocs-jupyter's template, so it is loaded here only where it is missing.
(function () {
  if (window.MathJax) return;
  var here = document.currentScript && document.currentScript.src;         // <site>/javascripts/mathjax.js
  if (!here) return;
  window.MathJax = {                       // read by MathJax 2 as its configuration when it loads
    tex2jax: { inlineMath: [["$", "$"], ["\\(", "\\)"]], displayMath: [["$$", "$$"], ["\\[", "\\]"]],
               processEscapes: true },
    messageStyle: "none"
  };
  var s = document.createElement("script");
  s.src = new URL("../assets/mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe,local/seqlab", here).href;
  document.head.appendChild(s);
})();
