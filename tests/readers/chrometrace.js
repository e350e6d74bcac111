'use strict';

// The npm `chrome-trace` parser (0.2.1) on a trace: it must read it without
// an error, and the parent it finds for every X slice must be Overlap's.
//
// chrome-trace reports only self times, but computes them from a nesting: it
// sorts a thread's slices by ts and takes as parent the open slice whose
// ts + dur lies after the child's ts (double arithmetic). Its duration
// processor takes the function that keys the totals; it calls that function
// twice for each slice in order, then once for the parent it charges the
// slice to. Keying every slice apart and listening to those calls reads the
// parents off its own code.

const path = require('path');

function chromeTraceNesting(modulesDir, parsed) {
  const root = path.join(modulesDir, 'chrome-trace');
  const chromeTrace = require(root);
  const durationProcessor = require(path.join(root, 'lib/eventProcessors/durationEvents/durationProcessor'));

  // The public entry point, on a copy: it must not throw.
  chromeTrace.parseObject(JSON.parse(JSON.stringify(parsed.whole)));

  const calls = [];
  const processor = durationProcessor('overlapNesting', ev => {
    calls.push(ev.overlapIndex);
    return `slice ${ev.overlapIndex}`;
  });
  for (const ev of parsed.whole.traceEvents.map((e, i) => ({...e, overlapIndex: i})))
    processor.processEvent(ev);
  processor.getResult();

  // calls: a, a, [parent of a], b, b, [parent of b], ...
  const parentOf = new Map();
  for (let i = 0; i < calls.length; ) {
    const slice = calls[i];
    if (calls[i + 1] !== slice) throw new Error(`chrome-trace: unexpected key calls at ${i}`);
    i += 2;
    let parent = -1;
    if (i < calls.length && calls[i + 1] !== calls[i]) parent = calls[i++];
    parentOf.set(slice, parent);
  }
  return parentOf;
}

// Differences between chrome-trace's parents and Overlap's, one line each.
function compareChromeTrace(modulesDir, parsed, nesting, describe) {
  const parentOf = chromeTraceNesting(modulesDir, parsed);
  const problems = [];
  let compared = 0;
  for (const list of nesting.lanes.values()) {
    for (const s of list) {
      ++compared;
      const expected = s.parent < 0 ? -1 : list[s.parent].ev.index;
      const got = parentOf.has(s.ev.index) ? parentOf.get(s.ev.index) : -2;
      if (got === expected) continue;
      const name = i => (i < 0 ? (i === -1 ? 'the top' : 'nothing (slice not read)') : describe(parsed.events[i]));
      problems.push(`chrome-trace nests ${describe(s.ev)} in ${name(got)}; Overlap in ${name(expected)}`);
    }
  }
  return {compared, problems};
}

module.exports = {compareChromeTrace};
