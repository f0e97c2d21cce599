// The dashboard in a real browser: Debian's Chromium, headless, driven by playwright-core (no downloaded
// browser). Used by io.tickmesh.api.DashboardIT.
//   node dashboard-check.js http://127.0.0.1:PORT/ FEED_PORT SCREENSHOT.png
// Loads the page, watches it for a while, sends two bad lines to the node's TCP feed once the page is
// live (they must show up as rejects), saves a screenshot and prints one JSON line of what it saw.
// Every request the page makes is checked: anything not to the node's own origin is aborted and reported.
// The bridge's WebSocket runs through the script, which drops one closed bar (the page must see the pubSeq
// gap and reload the chart's history) and later cuts the connection (the page must reconnect and resubscribe).
'use strict';
const net = require('net');
const browser = require('./browser');

const [url, feedPort, screenshot] = process.argv.slice(2);
const origin = new URL(url).origin;
const FEED = 'dash-check';

const { sleep, until } = require('./wait');

/** Writes two bad lines to the TCP feed and resolves once the node has answered both with a reject. */
function sendBadLines() {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(feedPort), '127.0.0.1', () => {
      const ts = new Date().toISOString();
      socket.write(
        JSON.stringify({ feed: FEED, seq: 1, sym: 'AAPL', ts, type: 'trade', px: 'not-a-price', qty: '1' }) + '\n'
        + '{"feed":"' + FEED + '","seq":2,"this line is cut\n');
    });
    let answers = '';
    socket.setEncoding('utf8');
    socket.on('data', (text) => {
      answers += text;
      if ((answers.match(/"reject"/g) || []).length >= 2) {
        socket.destroy();
        resolve(answers.trim().split('\n'));
      }
    });
    socket.on('error', reject);
  });
}

/** The bridge's WebSocket, passed through: SockJS frames from the node, one of which may be dropped. */
const bridgeSocket = { dropAddress: null, dropped: null, routes: [] };

function passFrame(frame) {
  if (!bridgeSocket.dropAddress || typeof frame !== 'string' || frame[0] !== 'a') return frame;
  const kept = JSON.parse(frame.slice(1)).filter((text) => {
    const message = JSON.parse(text);
    if (bridgeSocket.dropAddress && message.address === bridgeSocket.dropAddress) {
      bridgeSocket.dropAddress = null;
      bridgeSocket.dropped = message.body;
      return false;
    }
    return true;
  });
  return kept.length ? 'a' + JSON.stringify(kept) : null;
}

browser.check({ width: 1600, height: 900 }, origin, screenshot, async ({ page, got }) => {
  await page.routeWebSocket(/\/eventbus\//, (route) => {
    bridgeSocket.routes.push(route);
    const server = route.connectToServer();
    server.onMessage((frame) => {
      const passed = passFrame(frame);
      if (passed !== null) route.send(passed);
    });
  });

  await page.goto(url + '?interval=1s', { waitUntil: 'load' });
  await until('the bridge to open', 20000, () => page.evaluate(() => window.tickmeshDashboard.connected()));
  got.selection = await until('a symbol to be charted', 20000,
    () => page.evaluate(() => window.tickmeshDashboard.selection().symbol && window.tickmeshDashboard.selection()));

  const lastCells = () => page.$$eval('#watch tbody tr', (trs) => trs.map((tr) => tr.dataset.symbol + ' ' + tr.cells[1].textContent));
  got.quotesFirst = await until('quotes in the watchlist', 20000,
    async () => { const v = await lastCells(); return v.length && v.every((t) => !t.endsWith('–')) && v; });
  const candles = () => page.evaluate(() => window.tickmeshDashboard.chart().getOption().series[0].data.length);
  got.candlesFirst = await until('history on the chart', 20000, candles);

  got.feedAnswers = await sendBadLines();
  got.rejectRows = await until('the rejects to show', 20000, () => page.$$eval('#rejects tbody tr',
    (trs, feed) => { const t = trs.map((tr) => tr.innerText); return t.filter((s) => s.includes(feed)).length >= 2 && t; }, FEED));

  got.quotesLater = await until('a quote to change', 20000,
    async () => { const v = await lastCells(); return v.some((t, i) => t !== got.quotesFirst[i]) && v; });
  got.liveBarsBefore = (await page.evaluate(() => window.tickmeshDashboard.counts())).liveBars;
  await until('closed bars to arrive over the bridge', 20000,
    async () => (await page.evaluate(() => window.tickmeshDashboard.counts())).liveBars >= got.liveBarsBefore + 3);
  got.candlesLater = await until('more candles', 20000, async () => { const n = await candles(); return n > got.candlesFirst && n; });
  await until('the counters', 10000, () => page.$eval('#k-applied', (el) => el.textContent !== '–'));

  // A closed bar that never arrives: the next one shows a gap in pubSeq, the page reloads its history.
  const counts = () => page.evaluate(() => window.tickmeshDashboard.counts());
  got.beforeDrop = await counts();
  bridgeSocket.dropAddress = 'bars.1s.' + got.selection.symbol;
  got.droppedBar = await until('a bar to drop', 20000, () => bridgeSocket.dropped);
  got.afterGap = await until('the gap to be seen and the history reloaded', 20000, async () => {
    const c = await counts();
    return c.gaps > got.beforeDrop.gaps && c.historyLoads > got.beforeDrop.historyLoads && c;
  });
  got.droppedBarDrawnClosed = await until('the dropped bar drawn as closed', 20000, () => page.evaluate((start) => {
    const option = window.tickmeshDashboard.chart().getOption();
    const i = option.xAxis[0].data.indexOf(start.slice(11, 19));
    return i >= 0 && Array.isArray(option.series[0].data[i]); // forming bars are drawn as faded objects
  }, got.droppedBar.start));

  // The connection cut: the page reconnects, subscribes again and goes on.
  bridgeSocket.routes[bridgeSocket.routes.length - 1].close({ code: 4001, reason: 'cut by the test' });
  got.reconnected = await until('the page to reconnect', 30000, async () => {
    const c = await counts();
    return c.reconnects > got.beforeDrop.reconnects && (await page.evaluate(() => window.tickmeshDashboard.connected())) && c;
  });
  const quotesAtReconnect = await lastCells();
  await until('quotes after the reconnect', 20000, async () => (await lastCells()).some((t, i) => t !== quotesAtReconnect[i]));
  await until('bars after the reconnect', 20000, async () => (await counts()).liveBars > got.reconnected.liveBars);
  await sleep(1500); // let the throughput line and the tape fill a little for the screenshot
  got.counters = await page.evaluate(() => Object.fromEntries(['k-in', 'k-applied', 'k-rejected', 'k-bars']
    .map((id) => [id, Number(document.getElementById(id).textContent.replace(/,/g, ''))])));
  got.salesRows = await page.$$eval('#sales tbody tr:not(.empty)', (trs) => trs.length);
  got.feedRows = await page.$$eval('#feeds tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent));
  got.shardTiles = await page.$$eval('#shards .tile', (tiles) => tiles.length);
  got.connection = await page.$eval('#conn-text', (el) => el.textContent);
  got.counts = await counts();
});
