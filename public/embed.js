/*! Smart Région Explorer — embed helper. Include once in a page that embeds explorer
 * views: every <iframe data-sre-embed> then takes the height of its content. Only
 * messages coming from this script's own origin, from one of those iframes, and of the
 * expected shape are honoured. */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src, location.href).origin;
  window.addEventListener('message', function (event) {
    if (event.origin !== origin) return;
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'sre-embed-height') return;
    var height = data.height;
    if (typeof height !== 'number' || !isFinite(height) || height < 50 || height > 20000) return;
    var frames = document.querySelectorAll('iframe[data-sre-embed]');
    for (var i = 0; i < frames.length; i += 1) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.ceil(height) + 'px';
      }
    }
  });
})();
