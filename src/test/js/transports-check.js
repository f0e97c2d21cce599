// The dashboard over one SockJS transport at a time, in a real browser (Debian's Chromium, headless,
// playwright-core): the page forces the transport with ?transports=NAME, as a browser behind a proxy that
// blocks WebSocket would end up using. Used by io.tickmesh.api.SockJsTransportsIT.
//   node transports-check.js http://127.0.0.1:PORT/ xhr-streaming,xhr-polling
// For each transport: the bridge opens, quotes in the watchlist change, closed bars arrive live, a
// snapshot is answered, no WebSocket is opened and the transport's own URLs are used. Prints one JSON line.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const [url, transportList] = process.argv.slice(2);
const { until } = require('./wait');

async function check(context, transport) {
  const page = await context.newPage();
  const seen = { transport, websockets: [], transportRequests: 0, consoleErrors: [], pageErrors: [] };
  page.on('websocket', (ws) => seen.websockets.push(ws.url()));
  page.on('request', (r) => { if (r.url().includes('/' + transport.replace('-', '_').replace('xhr_polling', 'xhr'))) seen.transportRequests++; });
  page.on('console', (m) => { if (m.type() === 'error') seen.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => seen.pageErrors.push(String(e)));
  try {
    await page.goto(url + '?interval=1s&transports=' + transport, { waitUntil: 'load' });
    await until('the bridge to open over ' + transport, 20000, () => page.evaluate(() => window.tickmeshDashboard.connected()));
    const lastCells = () => page.$$eval('#watch tbody tr', (trs) => trs.map((tr) => tr.cells[1].textContent));
    const first = await until('quotes in the watchlist', 20000,
      async () => { const v = await lastCells(); return v.length && v.every((t) => !t.endsWith('–')) && v; });
    await until('a quote to change', 20000, async () => (await lastCells()).some((t, i) => t !== first[i]));
    const counts = () => page.evaluate(() => window.tickmeshDashboard.counts());
    const before = (await counts()).liveBars;
    await until('closed bars over ' + transport, 20000, async () => (await counts()).liveBars >= before + 2);
    seen.snapshot = await until('a snapshot answer', 10000, () => page.evaluate(() => new Promise((resolve) => {
      window.tickmeshDashboard.snapshot((err, msg) => resolve(err ? { error: err } : msg.body));
    })));
    seen.counts = await counts();
  } finally {
    await page.close();
  }
  return seen;
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tickmesh-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const results = [];
    for (const transport of transportList.split(',')) {
      results.push(await check(context, transport));
    }
    return results;
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then(
  (got) => process.stdout.write(JSON.stringify(got) + '\n', () => process.exit(0)),
  (err) => { process.stderr.write(String(err && err.stack || err) + '\n'); process.exit(1); });
