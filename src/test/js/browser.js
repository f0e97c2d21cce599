// The browser of the browser tests: Debian's Chromium, headless, driven by playwright-core (no downloaded
// browser), in a fresh profile that close() removes again.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

/** Starts Chromium with a page of the given viewport size; resolves to { context, page, close }. */
async function launch(viewport) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tickmesh-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] || (await context.newPage());
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}

/**
 * Watches what the page does, into the object it resolves to: console errors and warnings, uncaught
 * errors, the number of requests, failed ones, answers of status 400 and above, WebSocket URLs, and every request to anywhere but
 * {@code origin}, which is also aborted.
 */
async function watch(context, page, origin) {
  const seen = {
    consoleErrors: [], consoleWarnings: [], pageErrors: [], requests: 0, foreignRequests: [], websockets: [], failedRequests: [],
    errorResponses: [],
  };
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (new URL(target).origin === origin) return route.continue();
    seen.foreignRequests.push(target);
    return route.abort();
  });
  context.on('request', (request) => {
    seen.requests++;
    if (!request.url().startsWith(origin + '/') && !seen.foreignRequests.includes(request.url())) {
      seen.foreignRequests.push(request.url());
    }
  });
  context.on('response', (response) => {
    if (response.status() >= 400) seen.errorResponses.push(response.status() + ' ' + response.url());
  });
  context.on('requestfailed', (request) => {
    seen.failedRequests.push(request.url() + ' ' + (request.failure() || {}).errorText);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') seen.consoleErrors.push(m.text());
    if (m.type() === 'warning') seen.consoleWarnings.push(m.text());
  });
  page.on('pageerror', (e) => seen.pageErrors.push(String(e)));
  page.on('websocket', (ws) => seen.websockets.push(ws.url()));
  return seen;
}

/** Saves a screenshot of the page (also after a failure: the picture shows what the page was doing). */
async function screenshot(page, file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file }).catch((e) => process.stderr.write('no screenshot: ' + e + '\n'));
}

/**
 * A browser test: runs body({ context, page, got }) in a fresh browser that watches origin (got is what
 * watch() sees, and body adds what it checks), keeps a screenshot (also after a failure, as the page was
 * then), and prints got as one JSON line and exits 0; or prints the error, with what was seen, and exits 1.
 */
function check(viewport, origin, file, body) {
  const run = async () => {
    const { context, page, close } = await launch(viewport);
    const got = await watch(context, page, origin);
    try {
      await body({ context, page, got });
    } catch (e) {
      e.message += '\nseen so far: ' + JSON.stringify(got);
      throw e;
    } finally {
      await screenshot(page, file);
      await close();
    }
    return got;
  };
  run().then(
    (got) => process.stdout.write(JSON.stringify(got) + '\n', () => process.exit(0)),
    (err) => { process.stderr.write(String(err && err.stack || err) + '\n'); process.exit(1); });
}

module.exports = { check };
