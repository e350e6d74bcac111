'use strict';

// Overlap's own reading of one of its exported traces, in exact arithmetic:
// every X slice with its parent as the exporter meant it. ts and dur are read
// from the file's text as exact decimals (BigInt), never as doubles, so this
// reference cannot make the rounding mistakes the readers under test could.

// Exact decimal µs → BigInt in units of 10^-12 µs (the exporter writes at
// most 11 decimals).
const SCALE_DIGITS = 12;

function exactMicros(text) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a plain decimal number: ${text}`);
  const frac = (m[3] || '').padEnd(SCALE_DIGITS, '0');
  if (frac.length > SCALE_DIGITS) throw new Error(`more than ${SCALE_DIGITS} decimals: ${text}`);
  const v = BigInt(m[2]) * 10n ** BigInt(SCALE_DIGITS) + BigInt(frac);
  return m[1] ? -v : v;
}

// The events of the file, each with its raw ts/dur text. The exporter writes
// one event per line; the whole text must also be valid JSON.
function parseTrace(text) {
  const whole = JSON.parse(text);
  const events = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{"ph"')) continue;
    const body = line.endsWith(',') ? line.slice(0, -1) : line;
    const ev = JSON.parse(body);
    const ts = /"ts":(-?[0-9.]+)/.exec(body);
    const dur = /"dur":(-?[0-9.]+)/.exec(body);
    ev.index = events.length;
    ev.tsExact = ts ? exactMicros(ts[1]) : null;
    ev.durExact = dur ? exactMicros(dur[1]) : null;
    events.push(ev);
  }
  if (events.length !== whole.traceEvents.length)
    throw new Error(`${events.length} event lines but ${whole.traceEvents.length} events`);
  return {whole, events};
}

const laneKey = ev => `${ev.pid}:${ev.tid}`;

function describe(s) {
  return `"${s.name}" ${JSON.stringify(s.args)} @${s.ts}`;
}

// Slices per lane with their parent (index into the lane's list, -1 at the
// top), by exact containment; for equal start and end, the one written first
// is the parent (the exporter writes parents first). Problems: slices that
// partly overlap, X slices of no length, M events without ts or tid.
function overlapNesting(parsed) {
  const problems = [];
  const lanes = new Map();
  for (const ev of parsed.events) {
    if (ev.ph === 'M' && (!('ts' in ev) || !('tid' in ev)))
      problems.push(`M event "${ev.name}" of pid ${ev.pid} without ts or tid`);
    if (ev.ph !== 'X') continue;
    if (ev.durExact === null || ev.durExact <= 0n) {
      problems.push(`X slice of no length: ${describe(ev)}`);
      continue;
    }
    const list = lanes.get(laneKey(ev)) || [];
    list.push({ev, start: ev.tsExact, end: ev.tsExact + ev.durExact, parent: -1});
    lanes.set(laneKey(ev), list);
  }
  for (const [key, list] of lanes) {
    list.sort((a, b) =>
      a.start !== b.start ? (a.start < b.start ? -1 : 1) : a.end !== b.end ? (a.end > b.end ? -1 : 1) : a.ev.index - b.ev.index);
    const open = [];
    list.forEach((s, i) => {
      while (open.length && list[open[open.length - 1]].end <= s.start) open.pop();
      if (open.length) {
        const p = list[open[open.length - 1]];
        if (s.end > p.end) problems.push(`${key}: ${describe(s.ev)} partly overlaps ${describe(p.ev)}`);
        s.parent = open[open.length - 1];
      }
      open.push(i);
    });
  }
  return {lanes, problems};
}

// The innermost slice holding an instant (start <= t < end), in exact arithmetic.
function enclosing(list, t) {
  let found = null;
  for (const s of list) {
    if (s.start <= t && t < s.end && (!found || s.start >= found.start)) found = s;
  }
  return found;
}

// Hand-off arrows: each `s` must bind to the slice that released the GIL or
// the lock (a step, or a wait it was released in), each `f` to the one that
// took it; never to a task attempt, a ready interval, or nothing. A lock is
// released by the step that holds it ("... @lock"). No flow time may sit on
// a slice boundary, where readers would disagree about the binding.
function checkFlows(parsed, nesting) {
  const problems = [];
  let count = 0;
  for (const ev of parsed.events) {
    if (ev.ph !== 's' && ev.ph !== 'f') continue;
    ++count;
    const list = nesting.lanes.get(laneKey(ev)) || [];
    const where = `${ev.ph} "${ev.name}" id ${ev.id} on ${laneKey(ev)} at ${ev.ts}`;
    if (list.some(s => s.start === ev.tsExact || s.end === ev.tsExact))
      problems.push(`${where}: on a slice boundary`);
    const s = enclosing(list, ev.tsExact);
    if (!s) {
      problems.push(`${where}: binds to no slice`);
      continue;
    }
    const ok = ['step', 'lock', 'gil', 'wait', 'worker'].includes(s.ev.cat);
    if (!ok) problems.push(`${where}: binds to ${describe(s.ev)} (cat ${s.ev.cat})`);
    if (ev.ph === 's' && ev.name === 'lock hand-off' && !(s.ev.cat === 'step' && / @/.test(s.ev.name)))
      problems.push(`${where}: starts on ${describe(s.ev)}, not on the step that held the lock`);
  }
  return {count, problems};
}

module.exports = {parseTrace, overlapNesting, checkFlows, describe, laneKey};
