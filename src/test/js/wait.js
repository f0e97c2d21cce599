// Waiting in the browser tests: sleep, and poll a probe until it gives a value or the deadline passes.
'use strict';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what, deadlineMs, probe) {
  process.stderr.write('waiting for ' + what + '\n');
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await sleep(200);
  }
}

module.exports = { sleep, until };
