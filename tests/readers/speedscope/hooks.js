// Loaded before speedscope's own script in its page (the test server puts it
// first): records what speedscope complains about and, once the profile is
// imported, asks speedscope to export it (Ctrl+S, as a user would) and hands
// the exported file to the page above instead of downloading it.
(function () {
  'use strict';
  const complaints = [];
  for (const level of ['warn', 'error']) {
    const original = console[level].bind(console);
    console[level] = (...args) => {
      complaints.push(`console.${level}: ${args.map(String).join(' ')}`);
      original(...args);
    };
  }
  const originalLog = console.log.bind(console);
  console.log = (...args) => {
    // speedscope logs import failures, not warns them.
    const text = args.map(String).join(' ');
    if (/fail/i.test(text)) complaints.push(`console.log: ${text}`);
    originalLog(...args);
  };
  window.alert = message => complaints.push(`alert: ${message}`);
  window.addEventListener('error', e => complaints.push(`error: ${e.message}`));
  window.addEventListener('unhandledrejection', e => complaints.push(`unhandled rejection: ${e.reason}`));

  let done = false;
  const finish = exported => {
    if (done) return;
    done = true;
    clearInterval(poll);
    window.parent.postMessage({overlapReaderResult: {complaints, exported}}, '*');
  };
  URL.createObjectURL = blob => {
    blob.text().then(finish);
    return 'about:blank';
  };
  HTMLAnchorElement.prototype.click = function () {}; // no download
  const poll = setInterval(() => {
    window.dispatchEvent(new KeyboardEvent('keydown', {key: 's', ctrlKey: true, bubbles: true}));
  }, 100);
  window.overlapGiveUp = () => finish(null);
})();
