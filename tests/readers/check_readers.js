'use strict';

// Overlap's exported traces read by readers nobody here wrote: every example
// under every model (`overlap run EXAMPLE --model all --trace`), plus traces
// given as files, fed to speedscope's importer (in headless Chromium) and to
// the npm `chrome-trace` parser. Passes when neither complains and both nest
// every slice as Overlap does, and every hand-off arrow binds to the step that
// released or took the GIL or the lock.
//
//   node check_readers.js --overlap BIN --modules DIR --chromium BIN --work DIR
//        [--examples DIR] [--generate BIN] [--trace FILE]... [--jobs N]
//
// --generate runs `BIN OUT.json` (tests/readers/synthetic_trace.cpp: hand-made
// events with the nesting cases a run meets only by chance) and checks OUT too.
//
// --modules is the node_modules folder that scripts/bootstrap.sh installs
// from this folder's package-lock.json. Nothing is skipped: a missing reader
// fails the test and says how to install it.

const fs = require('fs');
const path = require('path');
const {spawn} = require('child_process');
const {parseTrace, overlapNesting, checkFlows, describe} = require('./tracemodel');
const {compareChromeTrace} = require('./chrometrace');
const {speedscopeResults, compareSpeedscope} = require('./speedscope');

function parseArgs(argv) {
  const args = {traces: [], jobs: 4};
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag}: missing value`);
    if (flag === '--trace') args.traces.push(value);
    else if (flag === '--jobs') args.jobs = Number(value);
    else args[flag.replace(/^--/, '')] = value;
  }
  for (const required of ['overlap', 'modules', 'chromium', 'work'])
    if (!args[required]) throw new Error(`--${required} is required`);
  for (const dir of ['modules', 'work', 'examples']) if (args[dir]) args[dir] = path.resolve(args[dir]);
  return args;
}

const INSTALL_HINT = 'scripts/bootstrap.sh test installs them (or: scripts/bootstrap.sh readers)';

// The readers must be there, in the versions pinned in package.json.
function checkReaders(args) {
  const missing = [];
  const pinned = JSON.parse(fs.readFileSync(path.join(__dirname, 'package.json'), 'utf8')).dependencies;
  for (const [name, version] of Object.entries(pinned)) {
    const manifest = path.join(args.modules, name, 'package.json');
    if (!fs.existsSync(manifest)) {
      missing.push(`${name} ${version} is not installed in ${args.modules}`);
      continue;
    }
    const found = JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
    if (found !== version) missing.push(`${name} is ${found} in ${args.modules}, the test pins ${version}`);
  }
  if (!fs.existsSync(args.chromium)) missing.push(`no Chromium at ${args.chromium} (Debian package "chromium")`);
  if (missing.length) {
    for (const m of missing) console.error(`check_readers: ${m}`);
    console.error(`check_readers: ${INSTALL_HINT}`);
    process.exit(1);
  }
}

function run(command, argv) {
  return new Promise(resolve => {
    const child = spawn(command, argv, {stdio: ['ignore', 'ignore', 'pipe']});
    let err = '';
    child.stderr.on('data', d => (err += d));
    child.on('error', e => resolve({code: -1, err: String(e)}));
    child.on('close', code => resolve({code, err}));
  });
}

// A scenario's cpu ms (one attempt each): the examples that compute start first.
function cpuMs(file) {
  const s = JSON.parse(fs.readFileSync(file, 'utf8'));
  let ms = 0;
  for (const t of s.tasks) for (const step of t.steps) ms += (step.cpu || 0) * (t.count || 1);
  return ms;
}

// Each example once under every model, a few side by side: most of them
// wait, and the few that compute start first.
async function exportExamples(args) {
  const examples = fs.readdirSync(args.examples).filter(f => f.endsWith('.overlap.json'));
  examples.sort((a, b) => cpuMs(path.join(args.examples, b)) - cpuMs(path.join(args.examples, a)) || a.localeCompare(b));
  const jobs = examples.map(f => ({
    example: path.join(args.examples, f),
    trace: f.replace(/\.overlap\.json$/, '.trace.json'),
  }));
  const queue = [...jobs];
  const failures = [];
  async function worker() {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const started = Date.now();
      const r = await run(args.overlap, ['run', job.example, '--model', 'all', '--trace', path.join(args.work, job.trace)]);
      // 1: a task failed for good (the retry example's tasks may): the trace is still whole.
      if (r.code !== 0 && r.code !== 1) failures.push(`overlap run ${job.example} exited ${r.code}: ${r.err.trim()}`);
      console.log(`exported ${job.trace} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  }
  await Promise.all(Array.from({length: Math.max(1, args.jobs)}, worker));
  if (failures.length) throw new Error(failures.join('\n'));
  return jobs.map(j => j.trace);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  checkReaders(args);
  fs.mkdirSync(args.work, {recursive: true});
  const traces = args.examples ? await exportExamples(args) : [];
  if (args.generate) {
    const out = path.join(args.work, 'synthetic.trace.json');
    const r = await run(args.generate, [out]);
    if (r.code !== 0) throw new Error(`${args.generate} exited ${r.code}: ${r.err.trim()}`);
    traces.push(path.basename(out));
  }
  for (const file of args.traces) {
    const name = path.basename(file);
    fs.copyFileSync(file, path.join(args.work, name));
    traces.push(name);
  }
  if (!traces.length) throw new Error('no trace to check');

  const speedscope = await speedscopeResults(args.modules, args.chromium, args.work, traces, 60000);
  let failed = 0;
  for (const trace of traces) {
    const parsed = parseTrace(fs.readFileSync(path.join(args.work, trace), 'utf8'));
    const nesting = overlapNesting(parsed);
    const flows = checkFlows(parsed, nesting);
    const chrome = compareChromeTrace(args.modules, parsed, nesting, describe);
    const scope = compareSpeedscope(speedscope[trace] || {complaints: ['no result'], exported: null}, nesting, describe);
    const groups = [
      ['trace', nesting.problems], ['arrows', flows.problems], ['chrome-trace', chrome.problems], ['speedscope', scope.problems],
    ];
    const problems = groups.flatMap(([, list]) => list);
    const slices = [...nesting.lanes.values()].reduce((n, l) => n + l.length, 0);
    const nested = [...nesting.lanes.values()].reduce((n, l) => n + l.filter(s => s.parent >= 0).length, 0);
    console.log(`${trace}: ${slices} slices (${nested} nested), ${flows.count / 2} arrows; ` +
      `chrome-trace: ${chrome.compared} slices compared; speedscope: ${scope.compared} slices compared, ` +
      `${(speedscope[trace] || {complaints: []}).complaints.length} warnings; ${problems.length} problems`);
    for (const [what, list] of groups) {
      if (!list.length) continue;
      console.log(`  ${what}: ${list.length} problems`);
      for (const p of list.slice(0, 8)) console.log(`    ${p}`);
      if (list.length > 8) console.log(`    ... and ${list.length - 8} more`);
    }
    if (problems.length) ++failed;
  }
  console.log(`check_readers: ${traces.length - failed} of ${traces.length} traces read as Overlap wrote them`);
  process.exit(failed ? 1 : 0);
}

main().catch(e => {
  console.error(`check_readers: ${e.message}`);
  process.exit(1);
});
