// MathJax 2 for the markdown and API pages (module docstrings carry $...$ / \(...\) math). Notebook pages load it
// already, configured by mkdocs-jupyter's template, so it is loaded here only where it is missing.
(function () {
  if (window.MathJax) return;
  window.MathJax = {                       // read by MathJax 2 as its configuration when it loads
    tex2jax: { inlineMath: [["$", "$"], ["\\(", "\\)"]], displayMath: [["$$", "$$"], ["\\[", "\\]"]],
               processEscapes: true },
    messageStyle: "none"
  };
  var s = document.createElement("script");
  s.src = "https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/MathJax.js?config=TeX-AMS_HTML";
  document.head.appendChild(s);
})();
