// The dashboard's depth ladder in a real browser (see browser.js). Used by io.tickmesh.api.DashboardIT.
//   node dashboard-book-check.js http://127.0.0.1:PORT/ SYMBOL SCREENSHOT.png
// Loads the page of a node that reads an ITCH file slowly, charts SYMBOL (clicking its watchlist row once
// it is there), waits for the ladder to show the book fetched from api/v1/book, then for the ladder to
// change while book.SYMBOL messages arrive over the bridge; counts the page's requests for the book (the
// updates must not be fetches). Prints one JSON line of what it saw.
'use strict';
const browser = require('./browser');
const { until } = require('./wait');

const [url, symbol, screenshot] = process.argv.slice(2);
const origin = new URL(url).origin;

browser.check({ width: 1600, height: 900 }, origin, screenshot, async ({ context, page, got }) => {
  got.bookFetches = {};
  context.on('request', (request) => {
    const m = /\/api\/v1\/book\/([^?]+)/.exec(request.url());
    if (m) got.bookFetches[m[1]] = (got.bookFetches[m[1]] || 0) + 1;
  });
  // The hook and the rows in one evaluation, so they describe the same rendering.
  const view = () => page.evaluate(() => ({
    ladder: window.tickmeshDashboard.ladder(),
    rows: [...document.querySelectorAll('#depth tbody tr:not(.empty)')].map((tr) => tr.innerText.replace(/\s+/g, ' ').trim()),
  }));
  await page.goto(url + '?interval=1s', { waitUntil: 'load' });
  await until('the bridge to open', 20000, () => page.evaluate(() => window.tickmeshDashboard.connected()));
  got.firstLadder = await until('a symbol charted', 30000, async () => { const v = await view(); return v.ladder.symbol && v.ladder; });
  await until('the row of ' + symbol, 30000, () => page.$('#watch tbody tr[data-symbol="' + symbol + '"]'));
  await page.click('#watch tbody tr[data-symbol="' + symbol + '"]');
  const first = await until('the ladder of ' + symbol, 20000, async () => {
    const v = await view();
    return v.ladder.shown && v.ladder.shown.symbol === symbol && !v.ladder.loading && v.rows.length && v;
  });
  got.rowsFirst = first.rows;
  got.ladderFirst = first.ladder;
  const later = await until('the ladder to change', 30000, async () => {
    const v = await view();
    return v.ladder.shown.seq > first.ladder.shown.seq && v.rows.join('|') !== first.rows.join('|') && v;
  });
  got.rowsLater = later.rows;
  got.ladderLater = later.ladder;
  got.headers = await page.$$eval('#depth thead th', (ths) => ths.map((th) => th.textContent));
  got.hint = await page.$eval('#depth-hint', (el) => el.textContent);
});
