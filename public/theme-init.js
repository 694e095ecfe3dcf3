// Applies the remembered theme before first paint (an external file, so the CSP needs no inline script).
(function () {
  var t = null;
  try { t = localStorage.getItem('homesynth.theme'); } catch (e) { /* storage blocked */ }
  if (t !== 'light' && t !== 'dark') t = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  document.documentElement.dataset.theme = t;
})();
