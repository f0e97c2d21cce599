// The dashboards of a local cluster in a real browser (Debian's Chromium, headless, playwright-core).
// Used by io.tickmesh.cluster.LocalClusterScriptIT.
//   node cluster-check.js MEMBERS SHARDS SCREENSHOT_DIR URL...
// Opens each node's dashboard in turn and waits until its cluster panel shows MEMBERS ready members and
// SHARDS shards, each with an owner; prints one JSON line: per URL what the panel showed (its test hook and
// its table and tiles), and any console error, page error or request to anywhere but that node.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const { until } = require('./wait');

const [members, shards, screenshots, ...urls] = process.argv.slice(2);

async function check(context, url, index) {
  const origin = new URL(url).origin;
  const seen = { url, consoleErrors: [], pageErrors: [], foreignRequests: [] };
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') seen.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => seen.pageErrors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith(origin + '/')) seen.foreignRequests.push(r.url()); });
  try {
    await page.goto(url, { waitUntil: 'load' });
    const view = () => page.evaluate(() => window.tickmeshDashboard.cluster());
    seen.cluster = await until('the cluster panel of ' + url, 40000, async () => {
      const c = await view();
      const owned = Object.values(c.owned).reduce((a, b) => a + b, 0);
      return c.clustered && c.members.length === Number(members) && c.members.every((m) => m.ready)
        && owned === Number(shards) && c;
    });
    // one evaluation, not four: a dashboard busy with live ticks answers each only after a while
    Object.assign(seen, await page.evaluate(() => {
      const panel = document.querySelector('#cluster');
      return {
        panelVisible: !panel.hidden && panel.getBoundingClientRect().height > 0,
        memberRows: [...document.querySelectorAll('#members tbody tr')]
          .map((tr) => [...tr.cells].map((td) => td.textContent.trim()).join(' | ')),
        ownedTiles: document.querySelectorAll('#owners .tile.owned').length,
        quorumText: document.querySelector('#cluster-quorum').textContent,
      };
    }));
  } finally {
    await page.screenshot({ path: path.join(screenshots, 'cluster-node-' + (index + 1) + '.png') })
      .catch((e) => process.stderr.write('no screenshot: ' + e + '\n'));
    await page.close();
  }
  return seen;
}

async function main() {
  fs.mkdirSync(screenshots, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tickmesh-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1600, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    // one page at a time: three live dashboards at once load a busy machine enough for a request to time out
    const pages = [];
    for (let i = 0; i < urls.length; i++) pages.push(await check(context, urls[i], i));
    return pages;
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then(
  (got) => process.stdout.write(JSON.stringify(got) + '\n', () => process.exit(0)),
  (err) => { process.stderr.write(String(err && err.stack || err) + '\n'); process.exit(1); });
