'use strict';

// speedscope (the npm package's web app, as shipped) on traces, in headless
// Chromium: a local server gives it each trace through its #profileURL
// parameter; speedscope imports it, then exports what it understood (its own
// file format: every call it built, opened and closed in time order). The
// export gives the nesting speedscope computed; its console warnings ("Tried
// to end ...", "... still open ...") are its complaints about the nesting.

const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const {spawn} = require('child_process');

const TYPES = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.wasm': 'application/wasm',
};

// /speedscope/ → the app (its index.html loads hooks.js first), /harness/ →
// this folder's speedscope/, /traces/ → the traces. 127.0.0.1 only.
function serve(appDir, harnessDir, tracesDir) {
  const roots = {speedscope: appDir, harness: harnessDir, traces: tracesDir};
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const [, root, ...rest] = decodeURIComponent(url.pathname).split('/');
    const base = roots[root];
    const file = base && path.join(base, ...rest);
    if (!file || !file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    let body = fs.readFileSync(file);
    if (root === 'speedscope' && rest.join('/') === 'index.html')
      body = Buffer.from(body.toString().replace('<head>', '<head><script src="/harness/hooks.js"></script>'));
    res.writeHead(200, {'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream'});
    res.end(body);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// Virtual time: speedscope's timers and the harness's timeout run as fast as
// the page goes idle, and never fire while it is still loading or importing,
// however slow the machine. A Chromium that hangs for real is stopped after
// realLimitMs.
function runChromium(chromium, url, budgetMs, realLimitMs) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-chromium-'));
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
    '--no-first-run', '--disable-extensions', '--disable-dev-shm-usage', `--user-data-dir=${profile}`,
    `--virtual-time-budget=${budgetMs}`, '--dump-dom', url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(chromium, args, {stdio: ['ignore', 'pipe', 'pipe']});
    let out = '';
    let err = '';
    child.stdout.on('data', d => (out += d));
    child.stderr.on('data', d => (err += d));
    const killer = setTimeout(() => {
      err += `\n(stopped after ${realLimitMs / 1000} s)`;
      child.kill('SIGKILL');
    }, realLimitMs);
    child.on('error', reject);
    child.on('close', code => {
      clearTimeout(killer);
      fs.rmSync(profile, {recursive: true, force: true});
      resolve({code, out, err});
    });
  });
}

// Every trace (file names in tracesDir) through speedscope: {trace: {complaints, exported}}.
async function speedscopeResults(modulesDir, chromium, tracesDir, traces, timeoutMs) {
  const appDir = path.join(modulesDir, 'speedscope', 'dist', 'release');
  const server = await serve(appDir, path.join(__dirname, 'speedscope'), tracesDir);
  try {
    const {port} = server.address();
    const url = `http://127.0.0.1:${port}/harness/index.html?traces=${traces.map(encodeURIComponent).join(',')}&timeout=${timeoutMs}`;
    const run = await runChromium(chromium, url, timeoutMs * (traces.length + 1), 300000);
    const m = /<pre id="overlap-result">([A-Za-z0-9+/=]*)<\/pre>/.exec(run.out);
    if (run.code !== 0 || !m || !m[1])
      throw new Error(`chromium (exit ${run.code}) gave no result; its stderr:\n${run.err.slice(-3000)}`);
    return JSON.parse(Buffer.from(m[1], 'base64').toString('utf8'));
  } finally {
    server.close();
  }
}

// The calls of each profile of a speedscope export: [{name, open, close, parent}] per "pid:tid".
function exportedCalls(exported) {
  const file = JSON.parse(exported);
  const frames = file.shared.frames;
  const lanes = new Map();
  for (const profile of file.profiles) {
    const m = /\(pid (\d+)[,)].*\(?tid (\d+)\)/.exec(profile.name);
    if (!m) throw new Error(`speedscope profile "${profile.name}" names no pid and tid`);
    const calls = [];
    const stack = [];
    for (const ev of profile.events) {
      if (ev.type === 'O') {
        calls.push({name: frames[ev.frame].name, open: ev.at, close: null, parent: stack.length ? stack[stack.length - 1] : -1});
        stack.push(calls.length - 1);
      } else {
        const top = stack.pop();
        if (top === undefined || calls[top].name !== frames[ev.frame].name)
          throw new Error(`speedscope export of "${profile.name}" closes a frame it did not open`);
        calls[top].close = ev.at;
      }
    }
    lanes.set(`${m[1]}:${m[2]}`, calls);
  }
  return lanes;
}

// Differences between speedscope's calls and Overlap's slices, lane by lane,
// in time order: the same slices (name and args, as speedscope keys them),
// the same parents, and times that agree with (ts - t0) to 1 ns.
function compareSpeedscope(result, nesting, describe) {
  const problems = [];
  for (const c of result.complaints) problems.push(`speedscope: ${c}`);
  if (!result.exported) {
    problems.push('speedscope exported nothing (the import failed or timed out)');
    return {compared: 0, problems};
  }
  const lanes = exportedCalls(result.exported);
  let compared = 0;
  for (const [key, list] of nesting.lanes) {
    const calls = lanes.get(key) || [];
    const t0 = list.reduce((min, s) => (s.start < min ? s.start : min), list[0].start);
    const micros = v => Number(v - t0) / 1e12;
    const n = Math.max(calls.length, list.length);
    for (let i = 0; i < n; ++i) {
      const s = list[i];
      const c = calls[i];
      if (!s || !c) {
        problems.push(`${key}: speedscope has ${calls.length} calls, Overlap ${list.length} slices`);
        break;
      }
      ++compared;
      const name = `${s.ev.name} ${JSON.stringify(s.ev.args)}`;
      if (c.name !== name) {
        problems.push(`${key}: speedscope's call #${i} is "${c.name}", Overlap's slice ${describe(s.ev)}`);
        break;
      }
      const parentName = p => (p < 0 ? 'the top' : `call #${p}`);
      if (c.parent !== s.parent)
        problems.push(`${key}: speedscope nests ${describe(s.ev)} in ${parentName(c.parent)}; Overlap in ${parentName(s.parent)}`);
      if (Math.abs(c.open - micros(s.start)) > 1e-3 || Math.abs(c.close - micros(s.end)) > 1e-3)
        problems.push(`${key}: speedscope times ${describe(s.ev)} [${c.open}, ${c.close}], Overlap [${micros(s.start)}, ${micros(s.end)}]`);
    }
  }
  for (const key of lanes.keys()) {
    if (!nesting.lanes.has(key)) problems.push(`speedscope has a profile ${key} with no slices in the trace`);
  }
  return {compared, problems};
}

module.exports = {speedscopeResults, compareSpeedscope};
