/*
 * Tickmesh live dashboard.
 *
 * Sources, all on the node that serves this page:
 *   HTTP  api/v1/symbols (every 5 s), api/v1/stats (every second), api/v1/cluster (every 2 s), api/v1/bars (chart history),
 *         api/v1/book (the charted symbol's order book, when chosen), api/v1/rejects (the latest at load),
 *         dashboard.json (configured bar intervals, whether to look for books)
 *   SockJS event-bus bridge at eventbus: quotes.<SYM> for every symbol (watchlist),
 *         bars.<interval>.<SYM>, trades.<SYM> and book.<SYM> of the charted symbol, rejects; request snapshot.quote.
 *
 * Every published quote, trade and bar carries pubSeq, numbered 1, 2, 3... per address. Bars and trades
 * must not be missed: on a gap in either, the chart fetches its history again and merges it (upsert by
 * bar start; a closed bar beats an open one, a higher revision replaces a lower one). Quotes are whole
 * snapshots, conflated by the node, so a gap there only means an older quote was skipped.
 *
 * The chart is ECharts. The bar still forming is the one the node reports open (includeOpen=true),
 * carried on with the trades that arrive; it is drawn faded and replaced when the node closes it.
 *
 * window.tickmeshDashboard is a deliberate hook for the headless-browser test (DashboardIT).
 */
(function () {
  'use strict';

  const HISTORY_LIMIT = 300;
  const KEEP_BARS = 400;
  const VISIBLE_BARS = 120;
  const TAPE_ROWS = 60;
  const REJECT_ROWS = 50;
  const LADDER_DEPTH = 10;
  const SYMBOLS_REFRESH_MS = 5000;
  const STATS_POLL_MS = 1000;
  const CLUSTER_POLL_MS = 2000;
  const SNAPSHOTS_IN_FLIGHT = 8;
  const MOVE_ROWS = 100;
  const THROUGHPUT_POINTS = 180;
  const COLORS = { up: '#26d07c', down: '#ff5a5f', accent: '#4aa3ff', amber: '#f5b942', muted: '#6f8193', line: '#1f2a37', text: '#d3dce6' };

  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------- formatting

  const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  const fmtInt = (n) => (Number.isFinite(n) ? intFormat.format(n) : '–');
  const fmtFixed = (n, dp) => (Number.isFinite(n) ? n.toFixed(dp) : '–');
  const decimalsOf = (s) => { const i = typeof s === 'string' ? s.indexOf('.') : -1; return i < 0 ? 0 : s.length - i - 1; };

  function fmtQty(s) {
    const n = Number(s);
    return Number.isInteger(n) ? fmtInt(n) : fmtFixed(n, Math.min(4, decimalsOf(s)));
  }

  function fmtCompact(n) {
    if (!Number.isFinite(n)) return '–';
    const a = Math.abs(n);
    if (a >= 1e9) return (n / 1e9).toFixed(2) + 'B';
    if (a >= 1e6) return (n / 1e6).toFixed(2) + 'M';
    if (a >= 1e4) return (n / 1e3).toFixed(1) + 'K';
    return fmtInt(n);
  }

  function fmtBytes(n) {
    return Number.isFinite(n) && n >= 0 ? (n / 1048576).toFixed(0) + ' MB' : '–';
  }

  /** Milliseconds of an ISO-8601 UTC time with up to nine fraction digits. */
  function tsMs(iso) {
    const m = /^(.*T\d\d:\d\d:\d\d)(\.\d+)?Z$/.exec(iso || '');
    if (!m) return Date.parse(iso);
    return Date.parse(m[1] + (m[2] ? m[2].slice(0, 4).padEnd(4, '0') : '') + 'Z');
  }

  const isoOf = (ms) => new Date(ms).toISOString();
  const hms = (ms) => isoOf(ms).slice(11, 19);
  const hmsMillis = (ms) => isoOf(ms).slice(11, 23);

  function intervalMs(label) {
    const m = /^(\d+)(ms|s|m|h|d)$/.exec(label);
    const unit = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 };
    return m ? Number(m[1]) * unit[m[2]] : NaN;
  }

  function barLabel(ms, ivMs) {
    if (ivMs >= 864e5) return isoOf(ms).slice(0, 10);
    if (ivMs >= 6e4) return isoOf(ms).slice(5, 16).replace('T', ' ');
    return ivMs >= 1e3 ? hms(ms) : hmsMillis(ms);
  }

  function cell(tr, cls, text) {
    const td = document.createElement('td');
    if (cls) td.className = cls;
    td.textContent = text == null ? '' : text;
    tr.appendChild(td);
    return td;
  }

  function setText(el, text) {
    if (el.textContent !== text) el.textContent = text;
  }

  function flash(el, up) {
    if (!el.animate) return;
    const color = up ? 'rgba(38,208,124,' : 'rgba(255,90,95,';
    el.animate([{ backgroundColor: color + '0.32)' }, { backgroundColor: color + '0)' }], { duration: 450, easing: 'ease-out' });
  }

  async function getJson(path) {
    const response = await fetch(path, { cache: 'no-store' });
    if (!response.ok) throw new Error(path.split('?')[0] + ': HTTP ' + response.status);
    return response.json();
  }

  // ---------------------------------------------------------------- status line

  const status = { api: 'ok', apiError: '', gaps: 0, historyLoads: 0, bridgeErrors: 0, lastBridgeError: '', unhandled: 0 };

  function renderStatus() {
    const parts = [];
    const msgRate = bridge.rate;
    parts.push('bridge <b>' + fmtInt(msgRate) + '</b> msg/s');
    parts.push('subscriptions <b>' + bridge.subs.size + '</b>');
    parts.push('reconnects <b>' + bridge.reconnects + '</b>');
    parts.push('pubSeq gaps <b>' + status.gaps + '</b>');
    parts.push('history loads <b>' + status.historyLoads + '</b>');
    if (bridge.lastMessageAt) {
      parts.push('last message <b>' + ((Date.now() - bridge.lastMessageAt) / 1000).toFixed(1) + ' s</b> ago');
    }
    if (status.api !== 'ok') parts.push('<i class="bad">API: ' + escapeHtml(status.apiError) + '</i>');
    if (status.lastBridgeError) parts.push('<i class="bad">bridge: ' + escapeHtml(status.lastBridgeError) + '</i>');
    $('status').innerHTML = parts.map((p) => '<span>' + p + '</span>').join('');
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  // ---------------------------------------------------------------- event-bus bridge

  const bridge = { eb: null, subs: new Map(), opens: 0, reconnects: 0, messages: 0, rate: 0, lastMessageAt: 0 };

  function connectBridge() {
    // ?transports=xhr-streaming,xhr-polling picks SockJS's transports (default: WebSocket first, then the
    // others as the network allows), e.g. to check a browser behind a proxy that blocks WebSocket.
    const options = { vertxbus_reconnect_delay_max: 5000 };
    const transports = new URLSearchParams(location.search).get('transports');
    if (transports) options.transports = transports.split(',');
    const eb = new EventBus(new URL('eventbus', location.href).href, options);
    eb.enableReconnect(true);
    eb.onopen = () => {
      bridge.opens++;
      const reconnected = bridge.opens > 1;
      if (reconnected) bridge.reconnects++;
      status.lastBridgeError = '';
      // A new connection starts with no handlers: register every subscription again.
      for (const [address, handler] of bridge.subs) eb.registerHandler(address, handler);
      setConnection('live');
      onBridgeOpen(reconnected);
    };
    eb.onclose = () => setConnection(eb.reconnectEnabled ? 'reconnecting' : 'closed');
    eb.onerror = (err) => {
      status.bridgeErrors++;
      status.lastBridgeError = (err && (err.body || err.message || err.failureType)) || 'error';
    };
    // Messages for an address just unsubscribed may still be on their way: not an error.
    eb.onunhandled = (json) => {
      if (json && json.type === 'err') eb.onerror(json); else status.unhandled++;
    };
    bridge.eb = eb;
  }

  const bridgeOpen = () => bridge.eb && bridge.eb.state === EventBus.OPEN;

  function subscribe(address, onBody) {
    const handler = (err, msg) => {
      if (err) {
        status.bridgeErrors++;
        status.lastBridgeError = address + ': ' + (err.message || err.failureType || 'refused');
        return;
      }
      bridge.messages++;
      bridge.lastMessageAt = Date.now();
      onBody(msg.body);
    };
    bridge.subs.set(address, handler);
    if (bridgeOpen()) bridge.eb.registerHandler(address, handler);
  }

  function unsubscribe(address) {
    const handler = bridge.subs.get(address);
    if (!handler) return;
    bridge.subs.delete(address);
    if (bridgeOpen()) bridge.eb.unregisterHandler(address, handler);
  }

  function setConnection(state) {
    const el = $('conn');
    el.className = 'conn ' + state;
    setText($('conn-text'), state === 'live' ? 'live' : state);
    document.body.classList.toggle('offline', state !== 'live');
    for (const row of rows.values()) row.tr.classList.toggle('stale', state !== 'live');
  }

  function onBridgeOpen(reconnected) {
    for (const row of rows.values()) {
      if (reconnected) row.seq = 0; // the node may have restarted: its numbering starts again
      requestSnapshot(row);
    }
    if (reconnected && chart.symbol) {
      chart.barSeq = 0;
      chart.tradeSeq = 0;
      loadHistory(); // whatever closed while we were away
    }
    if (reconnected && ladder.symbol) loadBook(); // the book may have changed while we were away
  }

  // ---------------------------------------------------------------- watchlist

  const rows = new Map();
  const dirtyRows = new Set();
  let watchFrame = 0;

  function addSymbol(symbol) {
    if (rows.has(symbol)) return;
    const tr = document.createElement('tr');
    tr.dataset.symbol = symbol;
    const c = {};
    c.sym = cell(tr, 'sym', symbol);
    c.last = cell(tr, 'last', '–');
    c.chg = cell(tr, 'chg', '');
    c.chgPct = cell(tr, 'chg', '');
    c.bidQty = cell(tr, 'qty', '');
    c.bid = cell(tr, 'bid', '');
    c.ask = cell(tr, 'ask', '');
    c.askQty = cell(tr, 'qty', '');
    c.vwap = cell(tr, 'vwap', '');
    c.volume = cell(tr, 'vol', '');
    c.trades = cell(tr, 'trades', '');
    const row = { symbol, tr, cells: c, quote: null, seq: 0, dp: 2, shown: {} };
    rows.set(symbol, row);
    tr.addEventListener('click', () => select(symbol, chart.interval));
    const tbody = $('watch').tBodies[0];
    const after = [...tbody.rows].find((r) => r.dataset.symbol > symbol);
    tbody.insertBefore(tr, after || null);
    if (!bridgeOpen()) tr.classList.add('stale');
    subscribe('quotes.' + symbol, (q) => onQuote(row, q));
    requestSnapshot(row);
    setText($('sym-count'), rows.size + ' symbols');
  }

  // The bridge refuses a client's 17th snapshot request still waiting for its answer (and in a cluster
  // an answer may come from another node), so at most SNAPSHOTS_IN_FLIGHT go at once and the rest queue.
  const snapshots = { queue: [], inFlight: 0, opens: 0 };

  function requestSnapshot(row) {
    if (!bridgeOpen()) return;
    if (snapshots.opens !== bridge.opens) {
      snapshots.opens = bridge.opens; // a new connection: the old one's answers will not come
      snapshots.inFlight = 0;
      snapshots.queue.length = 0;
    }
    if (!snapshots.queue.includes(row)) snapshots.queue.push(row);
    sendSnapshots();
  }

  function sendSnapshots() {
    while (bridgeOpen() && snapshots.inFlight < SNAPSHOTS_IN_FLIGHT && snapshots.queue.length) {
      const row = snapshots.queue.shift();
      const opens = bridge.opens;
      snapshots.inFlight++;
      bridge.eb.send('snapshot.quote', { symbol: row.symbol }, (err, msg) => {
        if (opens !== snapshots.opens) return;
        snapshots.inFlight--;
        if (!err && msg && msg.body) onQuote(row, msg.body);
        sendSnapshots();
      });
    }
  }

  function onQuote(row, q) {
    if (row.seq && q.pubSeq && q.pubSeq <= row.seq) return; // an older snapshot than what we show
    row.seq = q.pubSeq || row.seq;
    row.quote = q;
    row.dp = Math.min(6, Math.max(row.dp, decimalsOf(q.last), decimalsOf(q.bid), decimalsOf(q.ask)));
    dirtyRows.add(row);
    if (!watchFrame) watchFrame = requestAnimationFrame(renderWatch);
    if (row.symbol === chart.symbol) chart.quoteDirty = true;
  }

  function renderWatch() {
    watchFrame = 0;
    for (const row of dirtyRows) renderRow(row);
    dirtyRows.clear();
  }

  /** Market breadth: how many symbols trade above and below their session VWAP. */
  function renderBreadth() {
    let above = 0;
    let below = 0;
    for (const row of rows.values()) {
      if (!row.quote) continue;
      const change = Number(row.quote.last) - Number(row.quote.vwap);
      if (change > 0) above++;
      if (change < 0) below++;
    }
    $('breadth').innerHTML = '<span class="up">▲ ' + above + '</span> above VWAP · <span class="down">▼ ' + below + '</span> below';
  }

  function renderRow(row) {
    const q = row.quote;
    const c = row.cells;
    const shown = row.shown;
    const last = Number(q.last);
    const vwap = Number(q.vwap);
    const bid = Number(q.bid);
    const ask = Number(q.ask);
    if (Number.isFinite(shown.last) && last !== shown.last) {
      const up = last > shown.last;
      c.last.classList.toggle('up', up);
      c.last.classList.toggle('down', !up);
      flash(c.last, up);
    }
    if (Number.isFinite(shown.bid) && bid !== shown.bid) flash(c.bid, bid > shown.bid);
    if (Number.isFinite(shown.ask) && ask !== shown.ask) flash(c.ask, ask > shown.ask);
    row.shown = { last, bid, ask };
    const change = last - vwap;
    const dir = change > 0 ? 'up' : change < 0 ? 'down' : '';
    setText(c.last, fmtFixed(last, row.dp));
    setText(c.chg, Number.isFinite(change) ? (change > 0 ? '+' : '') + change.toFixed(row.dp) : '–');
    setText(c.chgPct, Number.isFinite(change) && vwap ? (change > 0 ? '+' : '') + ((100 * change) / vwap).toFixed(2) + '%' : '–');
    c.chg.className = 'chg ' + dir;
    c.chgPct.className = 'chg ' + dir;
    setText(c.bidQty, q.bidQty == null ? '–' : fmtQty(q.bidQty));
    setText(c.bid, fmtFixed(bid, row.dp));
    setText(c.ask, fmtFixed(ask, row.dp));
    setText(c.askQty, q.askQty == null ? '–' : fmtQty(q.askQty));
    setText(c.vwap, fmtFixed(vwap, Math.max(row.dp, 4)));
    setText(c.volume, fmtInt(Number(q.volume)));
    setText(c.trades, fmtInt(q.trades));
  }

  async function refreshSymbols() {
    try {
      const list = await getJson('api/v1/symbols');
      list.forEach((s) => addSymbol(s.symbol));
      apiOk();
      if (!chart.symbol && rows.size) {
        const wanted = new URLSearchParams(location.search).get('symbol');
        select(wanted && rows.has(wanted) ? wanted : list[0].symbol, chart.interval);
      }
    } catch (e) {
      apiFailed(e);
    } finally {
      setTimeout(refreshSymbols, SYMBOLS_REFRESH_MS);
    }
  }

  function moveSelection(step) {
    const trs = [...$('watch').tBodies[0].rows];
    const i = trs.findIndex((tr) => tr.dataset.symbol === chart.symbol);
    const next = trs[Math.max(0, Math.min(trs.length - 1, i + step))];
    if (next) {
      select(next.dataset.symbol, chart.interval);
      next.scrollIntoView({ block: 'nearest' });
    }
  }

  // ---------------------------------------------------------------- chart

  const chart = {
    symbol: null, interval: null, ivMs: 0, epoch: 0,
    bars: new Map(), barSeq: 0, tradeSeq: 0, liveBars: 0, liveTrades: 0,
    loading: false, reload: false, holesChecked: new Set(), dirty: false, quoteDirty: false, follow: true, zoomWidth: VISIBLE_BARS - 1,
    echart: null,
  };

  function select(symbol, interval) {
    if (symbol === chart.symbol && interval === chart.interval) return;
    if (chart.symbol) {
      unsubscribe('bars.' + chart.interval + '.' + chart.symbol);
      unsubscribe('trades.' + chart.symbol);
    }
    Object.assign(chart, {
      symbol, interval, ivMs: intervalMs(interval), barSeq: 0, tradeSeq: 0, liveBars: 0, liveTrades: 0, follow: true, zoomWidth: VISIBLE_BARS - 1,
    });
    chart.epoch++;
    chart.bars.clear();
    chart.holesChecked.clear();
    tape.length = 0;
    tapeDirty = true;
    for (const row of rows.values()) row.tr.classList.toggle('sel', row.symbol === symbol);
    for (const b of $('intervals').children) b.classList.toggle('on', b.dataset.interval === interval);
    setText($('chart-symbol'), symbol);
    setText($('sales-symbol'), symbol);
    history.replaceState(null, '', '?symbol=' + encodeURIComponent(symbol) + '&interval=' + encodeURIComponent(interval));
    subscribe('bars.' + interval + '.' + symbol, onBar);
    subscribe('trades.' + symbol, onTrade);
    selectLadder(symbol);
    chart.quoteDirty = true;
    chart.dirty = true;
    loadHistory();
  }

  /** Fetches the last bars (and the open one) and merges them; one fetch at a time, the latest wins. */
  async function loadHistory() {
    if (chart.loading) {
      chart.reload = true;
      return;
    }
    chart.loading = true;
    const epoch = chart.epoch;
    const url = 'api/v1/bars/' + encodeURIComponent(chart.symbol) + '?interval=' + encodeURIComponent(chart.interval)
      + '&limit=' + HISTORY_LIMIT + '&includeOpen=true';
    try {
      const bars = await getJson(url);
      if (epoch === chart.epoch) {
        bars.forEach((b) => upsert(barOf(b, b.closed !== false)));
        status.historyLoads++;
        chart.dirty = true;
      }
      apiOk();
    } catch (e) {
      apiFailed(e);
    } finally {
      chart.loading = false;
      if (chart.reload) {
        chart.reload = false;
        loadHistory();
      }
    }
  }

  function barOf(b, closed) {
    return {
      start: tsMs(b.start), o: Number(b.open), h: Number(b.high), l: Number(b.low), c: Number(b.close),
      v: Number(b.volume), vwap: Number(b.vwap), trades: b.trades, revision: b.revision || 0, closed, lastTs: -Infinity,
    };
  }

  /** Upsert by start: a closed bar replaces an open one; among equals, the higher revision wins. */
  function upsert(bar) {
    const current = chart.bars.get(bar.start);
    if (current && current.closed && !bar.closed) return;
    if (current && current.closed === bar.closed && bar.revision < current.revision) return;
    chart.bars.set(bar.start, bar);
    if (chart.bars.size > KEEP_BARS) {
      const oldest = [...chart.bars.keys()].sort((a, b) => a - b).slice(0, chart.bars.size - KEEP_BARS);
      oldest.forEach((k) => chart.bars.delete(k));
    }
    chart.dirty = true;
  }

  function gap(kind, expected, got) {
    status.gaps++;
    console.info('pubSeq gap on ' + kind + ' of ' + chart.symbol + ': expected ' + expected + ', got ' + got + '; reloading history');
    loadHistory();
  }

  function onBar(body) {
    if (body.symbol !== chart.symbol || body.interval !== chart.interval) return;
    if (chart.barSeq && body.pubSeq !== chart.barSeq + 1) gap('bars', chart.barSeq + 1, body.pubSeq);
    chart.barSeq = body.pubSeq;
    chart.liveBars++;
    const bar = barOf(body, true);
    upsert(bar);
    // Bars of a symbol close in order: an older bar still open means its close was missed.
    for (const b of chart.bars.values()) {
      if (!b.closed && b.start < bar.start && !chart.holesChecked.has(b.start)) {
        chart.holesChecked.add(b.start);
        loadHistory();
        break;
      }
    }
  }

  function onTrade(t) {
    if (t.symbol !== chart.symbol) return;
    if (chart.tradeSeq && t.pubSeq !== chart.tradeSeq + 1) gap('trades', chart.tradeSeq + 1, t.pubSeq);
    chart.tradeSeq = t.pubSeq;
    chart.liveTrades++;
    const ts = tsMs(t.ts);
    const px = Number(t.px);
    const qty = Number(t.qty);
    tape.unshift({ ts, px, qty: t.qty, feed: t.feed, seq: t.seq });
    if (tape.length > TAPE_ROWS) tape.length = TAPE_ROWS;
    tapeDirty = true;
    // Carry the forming bar on with the trade (provisional: the node's closed bar replaces it).
    const start = Math.floor(ts / chart.ivMs) * chart.ivMs;
    const bar = chart.bars.get(start);
    if (bar && bar.closed) return; // a late trade: the node sends a revision if it counts
    if (!bar) {
      const newest = Math.max(-Infinity, ...[...chart.bars.values()].filter((b) => b.closed).map((b) => b.start));
      if (start <= newest) return;
      upsert({ start, o: px, h: px, l: px, c: px, v: qty, vwap: px, trades: 1, revision: 0, closed: false, lastTs: ts });
      return;
    }
    bar.h = Math.max(bar.h, px);
    bar.l = Math.min(bar.l, px);
    if (ts >= bar.lastTs) {
      bar.c = px;
      bar.lastTs = ts;
    }
    bar.v += qty;
    bar.trades++;
    chart.dirty = true;
  }

  function initChart() {
    chart.echart = echarts.init($('candles'), null, { renderer: 'canvas' });
    chart.echart.setOption({
      animation: false,
      backgroundColor: 'transparent',
      textStyle: { fontFamily: 'DejaVu Sans Mono, Menlo, Consolas, monospace', color: COLORS.muted },
      axisPointer: { link: [{ xAxisIndex: 'all' }], label: { backgroundColor: '#26374a' } },
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'cross' }, backgroundColor: 'rgba(16,22,30,.95)', borderColor: COLORS.line,
        textStyle: { color: COLORS.text, fontSize: 11 }, formatter: tooltipText,
      },
      grid: [
        { left: 30, right: 72, top: 14, height: '66%' },
        { left: 30, right: 72, top: '77%', bottom: 22 },
      ],
      xAxis: [
        { type: 'category', data: [], boundaryGap: true, axisLine: { lineStyle: { color: COLORS.line } },
          axisLabel: { show: false }, axisTick: { show: false }, splitLine: { show: false } },
        { type: 'category', gridIndex: 1, data: [], boundaryGap: true, axisLine: { lineStyle: { color: COLORS.line } },
          axisLabel: { color: COLORS.muted, fontSize: 10 }, axisTick: { show: false } },
      ],
      yAxis: [
        { scale: true, position: 'right', splitNumber: 6, axisLabel: { color: COLORS.muted, fontSize: 10 },
          splitLine: { lineStyle: { color: '#18222d' } } },
        { min: 0, gridIndex: 1, position: 'right', splitNumber: 2, axisLabel: { color: COLORS.muted, fontSize: 10, formatter: fmtCompact },
          splitLine: { show: false } },
      ],
      dataZoom: [{ type: 'inside', xAxisIndex: [0, 1], startValue: 0, endValue: 0 }],
      series: [
        {
          name: 'price', type: 'candlestick', data: [], barMaxWidth: 14,
          itemStyle: { color: COLORS.up, color0: COLORS.down, borderColor: COLORS.up, borderColor0: COLORS.down },
          markLine: { symbol: 'none', silent: true, animation: false, data: [] },
        },
        { name: 'volume', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, data: [], barMaxWidth: 14 },
      ],
    });
    // Follow the newest bar while the view touches the right edge, keeping the zoom the user chose.
    // Otherwise the view stays on the bars it shows (by their start time) as bars come and go.
    chart.echart.on('dataZoom', () => {
      const option = chart.echart.getOption();
      const zoom = option.dataZoom[0];
      const list = sortedBars();
      chart.follow = zoom.endValue >= list.length - 1;
      chart.zoomWidth = Math.max(5, zoom.endValue - zoom.startValue);
      chart.zoomFrom = list[zoom.startValue] ? list[zoom.startValue].start : -Infinity;
      chart.zoomTo = list[zoom.endValue] ? list[zoom.endValue].start : Infinity;
    });
    new ResizeObserver(() => chart.echart.resize()).observe($('candles'));
  }

  function sortedBars() {
    return [...chart.bars.values()].sort((a, b) => a.start - b.start);
  }

  function tooltipText(params) {
    const list = sortedBars();
    const b = list[params[0].dataIndex];
    if (!b) return '';
    const dp = rows.get(chart.symbol) ? rows.get(chart.symbol).dp : 2;
    const line = (k, v) => '<tr><td style="color:#6f8193;padding-right:10px">' + k + '</td><td style="text-align:right">' + v + '</td></tr>';
    return '<b>' + chart.symbol + ' ' + chart.interval + '</b> ' + isoOf(b.start).replace('T', ' ').slice(0, 23) + ' UTC'
      + (b.closed ? (b.revision ? ' · revision ' + b.revision : '') : ' · <span style="color:#f5b942">forming</span>')
      + '<table style="font-size:11px;margin-top:4px">'
      + line('open', fmtFixed(b.o, dp)) + line('high', fmtFixed(b.h, dp)) + line('low', fmtFixed(b.l, dp))
      + line('close', fmtFixed(b.c, dp)) + line('volume', fmtInt(b.v)) + line('vwap', fmtFixed(b.vwap, Math.max(dp, 4)))
      + line('trades', fmtInt(b.trades)) + '</table>';
  }

  function renderChart() {
    if (!chart.echart || !chart.dirty) return;
    chart.dirty = false;
    const list = sortedBars();
    const labels = list.map((b) => barLabel(b.start, chart.ivMs));
    const faded = { opacity: 0.5 };
    const candles = list.map((b) => (b.closed ? [b.o, b.c, b.l, b.h] : { value: [b.o, b.c, b.l, b.h], itemStyle: faded }));
    const volumes = list.map((b) => ({
      value: b.v,
      itemStyle: { color: b.c >= b.o ? 'rgba(38,208,124,.45)' : 'rgba(255,90,95,.45)', opacity: b.closed ? 1 : 0.5 },
    }));
    const row = rows.get(chart.symbol);
    const marks = [];
    if (row && row.quote) {
      const vwap = Number(row.quote.vwap);
      const last = Number(row.quote.last);
      marks.push({ yAxis: vwap, lineStyle: { color: COLORS.amber, type: 'dashed', width: 1 },
        label: { formatter: 'VWAP ' + fmtFixed(vwap, row.dp), color: COLORS.amber, fontSize: 10, position: 'insideStartTop' } });
      marks.push({ yAxis: last, lineStyle: { color: COLORS.accent, type: 'dotted', width: 1 },
        label: { formatter: fmtFixed(last, row.dp), color: '#0a0e13', backgroundColor: COLORS.accent, padding: [2, 4], fontSize: 10 } });
    }
    const option = {
      xAxis: [{ data: labels }, { data: labels }],
      series: [{ data: candles, markLine: { data: marks } }, { data: volumes }],
    };
    if (chart.follow) {
      const end = Math.max(0, list.length - 1);
      option.dataZoom = [{ startValue: Math.max(0, end - chart.zoomWidth), endValue: end }];
    } else {
      const from = list.findIndex((b) => b.start >= chart.zoomFrom);
      const to = list.length - 1 - [...list].reverse().findIndex((b) => b.start <= chart.zoomTo);
      option.dataZoom = [{ startValue: Math.max(0, from), endValue: Math.min(list.length - 1, Math.max(from, to)) }];
    }
    chart.echart.setOption(option);
    const closed = list.filter((b) => b.closed).length;
    setText($('chart-foot'), list.length + ' bars (' + closed + ' closed, ' + (list.length - closed) + ' forming) · '
      + chart.liveBars + ' closed live over bars.' + chart.interval + '.' + chart.symbol + ' · pubSeq ' + (chart.barSeq || '–')
      + ' · scroll to zoom, drag to pan');
  }

  function renderChartQuote() {
    if (!chart.quoteDirty) return;
    chart.quoteDirty = false;
    const row = rows.get(chart.symbol);
    if (!row || !row.quote) return;
    const q = row.quote;
    const change = Number(q.last) - Number(q.vwap);
    const el = $('chart-last');
    setText(el, fmtFixed(Number(q.last), row.dp));
    document.title = chart.symbol + ' ' + fmtFixed(Number(q.last), row.dp) + ' · Tickmesh';
    el.className = 'big ' + (change > 0 ? 'up' : change < 0 ? 'down' : '');
    $('chart-quote').innerHTML = 'bid <b>' + fmtFixed(Number(q.bid), row.dp) + '</b> × ' + escapeHtml(fmtQty(q.bidQty))
      + ' · ask <b>' + fmtFixed(Number(q.ask), row.dp) + '</b> × ' + escapeHtml(fmtQty(q.askQty))
      + ' · VWAP <b>' + fmtFixed(Number(q.vwap), Math.max(4, row.dp)) + '</b>'
      + ' · vol <b>' + fmtCompact(Number(q.volume)) + '</b> · ' + fmtInt(q.trades) + ' trades';
    chart.dirty = true; // the last and VWAP lines move with the quote
  }

  function initIntervals(intervals) {
    const box = $('intervals');
    intervals.forEach((label) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.dataset.interval = label;
      b.addEventListener('click', () => chart.symbol && select(chart.symbol, label));
      box.appendChild(b);
    });
    const wanted = new URLSearchParams(location.search).get('interval');
    chart.interval = intervals.includes(wanted) ? wanted : intervals[0];
  }

  // ---------------------------------------------------------------- time & sales

  const tape = [];
  let tapeDirty = false;

  function renderTape() {
    if (!tapeDirty) return;
    tapeDirty = false;
    const tbody = $('sales').tBodies[0];
    const frag = document.createDocumentFragment();
    tape.forEach((t, i) => {
      const tr = document.createElement('tr');
      const prev = tape[i + 1];
      const dir = prev ? (t.px > prev.px ? 'up' : t.px < prev.px ? 'down' : '') : '';
      const dp = rows.get(chart.symbol) ? rows.get(chart.symbol).dp : 2;
      cell(tr, 'l', hmsMillis(t.ts));
      cell(tr, dir, fmtFixed(t.px, dp));
      cell(tr, '', fmtQty(t.qty));
      cell(tr, 'l', t.feed);
      cell(tr, '', t.seq);
      frag.appendChild(tr);
    });
    if (!tape.length) emptyRow(frag, 5, 'waiting for trades of ' + (chart.symbol || '…'));
    tbody.replaceChildren(frag);
  }

  function emptyRow(parent, span, text) {
    const tr = document.createElement('tr');
    tr.className = 'empty';
    const td = cell(tr, '', text);
    td.colSpan = span;
    parent.appendChild(tr);
  }

  // ---------------------------------------------------------------- depth ladder

  // The order book of the charted symbol (an ITCH instrument's): fetched once when the symbol is chosen,
  // then drawn again from each book.<SYM> message, which is the whole top of the book, so none is fetched
  // again (but after a reconnect). Both carry seq, the last ITCH message read: an older one is not shown.
  // A symbol without a book answers 404: the ladder says so, and that is not an error.
  const ladder = {
    enabled: false, symbol: null, epoch: 0, book: null, loading: false, fetches: 0, messages: 0, dirty: false, shown: null,
  };

  function selectLadder(symbol) {
    if (!ladder.enabled || symbol === ladder.symbol) return;
    if (ladder.symbol) unsubscribe('book.' + ladder.symbol);
    Object.assign(ladder, { symbol, book: null, messages: 0, dirty: true });
    ladder.epoch++;
    subscribe('book.' + symbol, onBook);
    loadBook();
  }

  async function loadBook() {
    const epoch = ladder.epoch;
    ladder.loading = true;
    ladder.fetches++;
    try {
      const response = await fetch('api/v1/book/' + encodeURIComponent(ladder.symbol) + '?depth=' + LADDER_DEPTH, { cache: 'no-store' });
      if (response.status !== 404 && !response.ok) throw new Error('api/v1/book: HTTP ' + response.status);
      const book = response.ok ? await response.json() : null;
      if (epoch === ladder.epoch && book) showBook(book);
      apiOk();
    } catch (e) {
      apiFailed(e);
    } finally {
      if (epoch === ladder.epoch) {
        ladder.loading = false;
        ladder.dirty = true;
      }
    }
  }

  function onBook(book) {
    if (book.symbol !== ladder.symbol) return;
    ladder.messages++;
    showBook(book);
  }

  function showBook(book) {
    if (ladder.book && book.seq < ladder.book.seq) return;
    ladder.book = book;
    ladder.dirty = true;
  }

  /** Decimal text with dp places, padded with zeros (exact: no arithmetic on the price). */
  function padDecimal(text, dp) {
    const [whole, fraction = ''] = text.split('.');
    return dp ? whole + '.' + fraction.padEnd(dp, '0') : whole;
  }

  function renderLadder() {
    if (!ladder.dirty) return;
    ladder.dirty = false;
    const b = ladder.book;
    const frag = document.createDocumentFragment();
    const levels = b ? Math.max(b.bids.length, b.asks.length) : 0;
    const dp = b ? Math.max(2, ...b.bids.concat(b.asks).map((l) => decimalsOf(l.px))) : 2;
    for (let i = 0; i < levels; i++) {
      const tr = document.createElement('tr');
      const bid = b.bids[i];
      const ask = b.asks[i];
      cell(tr, 'orders', bid && bid.orders != null ? fmtInt(bid.orders) : '');
      cell(tr, 'qty', bid ? fmtQty(bid.size) : '');
      cell(tr, 'bid', bid ? padDecimal(bid.px, dp) : '');
      cell(tr, 'ask', ask ? padDecimal(ask.px, dp) : '');
      cell(tr, 'qty', ask ? fmtQty(ask.size) : '');
      cell(tr, 'orders', ask && ask.orders != null ? fmtInt(ask.orders) : '');
      frag.appendChild(tr);
    }
    if (!levels) emptyRow(frag, 6, ladder.loading ? 'loading the book of ' + ladder.symbol : b ? 'no orders rest' : 'no order book of ' + ladder.symbol);
    $('depth').tBodies[0].replaceChildren(frag);
    setText($('depth-hint'), b ? 'seq ' + fmtInt(b.seq) + ' · ' + ladder.messages + ' live over book.' + b.symbol : '');
    ladder.shown = b ? { symbol: b.symbol, seq: b.seq } : null;
  }

  // ---------------------------------------------------------------- rejects

  const rejects = [];
  const rejectKeys = new Set();
  let rejectsDirty = true;
  let rejectsSeen = 0;

  const keyOf = (r) => [r.ts, r.feed, r.seq, r.line, r.reason].join('|');

  function addReject(r, newest) {
    const key = keyOf(r);
    if (rejectKeys.has(key)) return;
    rejectKeys.add(key);
    if (newest) {
      rejects.unshift(r);
      rejectsSeen++;
    } else {
      rejects.push(r);
    }
    if (rejects.length > REJECT_ROWS) rejectKeys.delete(keyOf(rejects.pop()));
    rejectsDirty = true;
  }

  async function loadRejects() {
    try {
      const list = await getJson('api/v1/rejects?limit=' + REJECT_ROWS);
      list.forEach((r) => addReject(r, false));
    } catch (e) {
      apiFailed(e);
    }
  }

  function renderRejects() {
    if (!rejectsDirty) return;
    rejectsDirty = false;
    const frag = document.createDocumentFragment();
    rejects.forEach((r) => {
      const tr = document.createElement('tr');
      cell(tr, 'l', r.ts ? hmsMillis(tsMs(r.ts)) : '–');
      cell(tr, 'l', r.feed || '–');
      cell(tr, '', r.seq == null ? (r.line == null ? '–' : 'line ' + r.line) : r.seq);
      const why = cell(tr, 'reason', r.reason);
      const raw = document.createElement('div');
      raw.className = 'raw';
      raw.textContent = r.raw || '';
      why.appendChild(raw);
      why.title = r.reason + '\n' + (r.raw || '');
      frag.appendChild(tr);
    });
    if (!rejects.length) emptyRow(frag, 4, 'no rejects');
    $('rejects').tBodies[0].replaceChildren(frag);
    setText($('rejects-hint'), rejectsSeen ? rejectsSeen + ' live over rejects' : 'live over rejects');
  }

  // ---------------------------------------------------------------- counters

  let lastStats = null;
  const throughput = { in: [], applied: [] };
  let sparkChart = null;

  /** Asks path every ms and hands each answer to onAnswer; a failure shows in the status line. */
  async function poll(path, ms, onAnswer) {
    try {
      onAnswer(await getJson(path));
      apiOk();
    } catch (e) {
      apiFailed(e);
    } finally {
      setTimeout(() => poll(path, ms, onAnswer), ms);
    }
  }

  function onStats(s) {
    renderStats(s, lastStats);
    lastStats = { at: performance.now(), s };
  }

  function renderStats(s, prev) {
    const dt = prev ? (performance.now() - prev.at) / 1000 : 0;
    const rate = (now, before) => (prev && dt > 0 ? Math.max(0, (now - before) / dt) : NaN);
    setText($('k-in'), fmtInt(s.ticksIn));
    setText($('k-applied'), fmtInt(s.ticksApplied));
    setText($('k-rejected'), fmtInt(s.ticksRejected));
    $('k-rejected').className = s.ticksRejected > 0 ? 'bad' : '';
    setText($('k-bars'), fmtInt(s.barsClosed));
    setText($('k-pending'), fmtInt(s.pendingTicks));
    const rIn = rate(s.ticksIn, prev && prev.s.ticksIn);
    const rApplied = rate(s.ticksApplied, prev && prev.s.ticksApplied);
    setText($('k-in-rate'), Number.isFinite(rIn) ? fmtCompact(rIn) + '/s' : '');
    setText($('k-applied-rate'), Number.isFinite(rApplied) ? fmtCompact(rApplied) + '/s' : '');
    const rRejected = rate(s.ticksRejected, prev && prev.s.ticksRejected);
    setText($('k-rejected-rate'), Number.isFinite(rRejected) ? fmtCompact(rRejected) + '/s' : '');
    const rBars = rate(s.barsClosed, prev && prev.s.barsClosed);
    setText($('k-bars-rate'), Number.isFinite(rBars) ? fmtCompact(rBars) + '/s' : '');
    const store = s.store;
    const storeEl = $('k-store');
    setText(storeEl, !store ? 'off' : store.up === false ? 'DOWN' : store.pressure ? 'pressure' : 'up');
    storeEl.className = !store ? '' : store.up === false || store.pressure ? 'bad' : 'ok';
    storeEl.title = store ? 'rows written ' + fmtInt(store.rowsWritten) + ', queued ' + fmtInt(store.queuedRows) + ', failures ' + fmtInt(store.failures) : 'store.enabled=false';
    if (s.jvm) setText($('k-heap'), fmtBytes(s.jvm.heapUsedBytes) + ' / ' + fmtBytes(s.jvm.heapMaxBytes));
    renderClusterStats(s);
    renderFeeds(s.feeds || {}, prev && prev.s.feeds, dt);
    renderShards(s.shards || {}, prev && prev.s.shards, dt);
    if (Number.isFinite(rIn)) {
      const t = Date.now();
      throughput.in.push([t, Math.round(rIn)]);
      throughput.applied.push([t, Math.round(rApplied)]);
      if (throughput.in.length > THROUGHPUT_POINTS) {
        throughput.in.shift();
        throughput.applied.shift();
      }
      sparkChart.setOption({ series: [{ data: throughput.in }, { data: throughput.applied }] });
    }
  }

  function renderFeeds(feeds, prevFeeds, dt) {
    const frag = document.createDocumentFragment();
    Object.keys(feeds).sort().forEach((name) => {
      const f = feeds[name];
      const before = prevFeeds && prevFeeds[name];
      const tr = document.createElement('tr');
      cell(tr, 'l', name);
      cell(tr, 'l', f.kind || 'tcp');
      cell(tr, '', fmtInt(f.ticksIn));
      cell(tr, '', before && dt > 0 ? fmtCompact(Math.max(0, (f.ticksIn - before.ticksIn) / dt)) : '–');
      cell(tr, f.ticksRejected ? 'down' : '', fmtInt(f.ticksRejected));
      cell(tr, '', fmtInt(f.duplicates));
      cell(tr, f.gaps ? 'down' : '', fmtInt(f.gaps));
      cell(tr, f.missing ? 'down' : '', fmtInt(f.missing));
      cell(tr, '', fmtInt(f.lastSeq));
      frag.appendChild(tr);
    });
    if (!Object.keys(feeds).length) emptyRow(frag, 9, 'no feed has connected');
    $('feeds').tBodies[0].replaceChildren(frag);
  }

  /** One tile per shard id in box, labelled with its number. */
  function syncTiles(box, ids) {
    if (box.children.length === ids.length) return;
    box.replaceChildren(...ids.map((id) => {
      const d = document.createElement('div');
      d.className = 'tile';
      d.textContent = id;
      return d;
    }));
  }

  function renderShards(shards, prevShards, dt) {
    const box = $('shards');
    const ids = Object.keys(shards).map(Number).sort((a, b) => a - b);
    const rates = ids.map((id) => {
      const before = prevShards && prevShards[id];
      return before && dt > 0 ? Math.max(0, (shards[id].ticksApplied - before.ticksApplied) / dt) : 0;
    });
    const max = Math.max(1, ...rates);
    syncTiles(box, ids);
    let active = 0;
    let symbols = 0;
    ids.forEach((id, i) => {
      const sh = shards[id];
      const tile = box.children[i];
      const heat = rates[i] / max;
      symbols += sh.symbols || 0;
      if (sh.symbols) active++;
      tile.classList.toggle('idle', !sh.symbols);
      tile.style.background = sh.symbols ? 'rgba(74,163,255,' + (0.12 + 0.55 * heat).toFixed(2) + ')' : '';
      tile.title = 'shard ' + id + ': ' + sh.symbols + ' symbols, ' + fmtInt(sh.ticksApplied) + ' ticks applied ('
        + fmtCompact(rates[i]) + '/s), ' + fmtInt(sh.barsClosed) + ' bars closed, ' + fmtInt(sh.barRevisions) + ' revisions, '
        + fmtInt(sh.late) + ' late, ' + fmtInt(sh.duplicates) + ' duplicates, ' + fmtInt(sh.ticksRejected) + ' rejected';
    });
    setText($('shards-hint'), active + ' of ' + ids.length + ' own ' + symbols + ' symbols · shade: ticks/s');
  }

  function initSpark() {
    sparkChart = echarts.init($('throughput'), null, { renderer: 'canvas' });
    const series = (name, color) => ({
      name, type: 'line', showSymbol: false, smooth: false, data: [], lineStyle: { width: 1.5, color }, itemStyle: { color },
      areaStyle: { color: color + '22' },
    });
    sparkChart.setOption({
      animation: false,
      grid: { left: 4, right: 52, top: 8, bottom: 20 },
      tooltip: { trigger: 'axis', backgroundColor: 'rgba(16,22,30,.95)', borderColor: COLORS.line, textStyle: { color: COLORS.text, fontSize: 11 } },
      xAxis: {
        type: 'time', splitNumber: 3, axisLine: { lineStyle: { color: COLORS.line } }, splitLine: { show: false },
        axisLabel: { color: COLORS.muted, fontSize: 9, hideOverlap: true, formatter: (ms) => hms(ms) },
      },
      yAxis: { type: 'value', position: 'right', axisLabel: { color: COLORS.muted, fontSize: 9, formatter: fmtCompact }, splitLine: { lineStyle: { color: '#18222d' } } },
      series: [series('in/s', COLORS.accent), series('applied/s', COLORS.up)],
    });
    new ResizeObserver(() => sparkChart.resize()).observe($('throughput'));
  }

  // ---------------------------------------------------------------- cluster

  // Polls api/v1/cluster and diffs the owners of the shards from one answer to the next: a shard whose
  // owner changed is a move (from its last known owner, so a move through "nobody serves it" is one move).
  // Claim times are known for the claims of this node only (its recentClaims). On a single node the
  // panel stays hidden: one member owns every shard and nothing moves.
  const cluster = {
    clustered: false, self: null, quorum: null, expectedSize: null, members: [], nodes: new Map(),
    owners: new Map(), epochs: new Map(), lastOwner: new Map(), colors: new Map(), moves: [], polls: 0,
  };
  const OWNER_COLORS = ['#4aa3ff', '#f5b942', '#26d07c', '#c77dff', '#ff8c5a', '#5ad1e6', '#e6d25a', '#ff6fa8'];


  function onCluster(c, now) {
    cluster.clustered = Array.isArray(c.nodes);
    cluster.self = c.self;
    cluster.quorum = c.quorum;
    cluster.expectedSize = c.expectedSize == null ? 1 : c.expectedSize;
    cluster.members = c.members || [];
    cluster.nodes = new Map((c.nodes || []).map((n) => [n.node, n]));
    [...cluster.members].sort().forEach(colorOf);
    const claims = new Map((c.recentClaims || []).map((r) => [r.shard + '@' + r.epoch, r]));
    const moved = [];
    Object.keys(c.shards || {}).forEach((key) => {
      const shard = Number(key);
      const owner = c.shards[key];
      const epoch = c.epochs ? c.epochs[key] : null;
      const before = cluster.lastOwner.get(shard);
      if (owner && before && owner !== before) {
        const claim = claims.get(shard + '@' + epoch);
        moved.push({ shard, from: before, to: owner, epoch, seenAt: now, ms: claim ? claim.ms : null, at: claim ? claim.at / 1e6 : null });
      }
      if (owner) cluster.lastOwner.set(shard, owner);
      cluster.owners.set(shard, owner);
      cluster.epochs.set(shard, epoch);
    });
    moved.sort((a, b) => a.shard - b.shard).forEach((m) => cluster.moves.unshift(m));
    cluster.moves.length = Math.min(cluster.moves.length, MOVE_ROWS);
    cluster.polls++;
    document.body.classList.toggle('clustered', cluster.clustered);
    $('cluster').hidden = !cluster.clustered;
    if (cluster.clustered) renderCluster(new Set(moved.map((m) => m.shard)), c);
  }

  function colorOf(node) {
    if (!cluster.colors.has(node)) cluster.colors.set(node, OWNER_COLORS[cluster.colors.size % OWNER_COLORS.length]);
    return cluster.colors.get(node);
  }

  function ownedCounts() {
    const counts = {};
    cluster.members.forEach((m) => { counts[m] = 0; });
    for (const owner of cluster.owners.values()) if (owner) counts[owner] = (counts[owner] || 0) + 1;
    return counts;
  }

  function renderCluster(movedNow, c) {
    const counts = ownedCounts();
    const frag = document.createDocumentFragment();
    Object.keys(counts).sort().forEach((name) => {
      const info = cluster.nodes.get(name) || {};
      const tr = document.createElement('tr');
      const who = cell(tr, 'l' + (name === cluster.self ? ' self' : ''), '');
      who.innerHTML = '<i class="swatch" style="background:' + colorOf(name) + '"></i>' + escapeHtml(name)
        + (name === cluster.self ? ' <span class="me">this node</span>' : '');
      const member = cluster.members.includes(name);
      cell(tr, 'l ' + (member && info.ready ? 'ready' : 'not-ready'), !member ? 'left' : info.ready ? 'ready' : info.error || 'not ready');
      cell(tr, '', fmtInt(counts[name]));
      cell(tr, 'l', info.http || '–');
      frag.appendChild(tr);
    });
    $('members').tBodies[0].replaceChildren(frag);
    const quorum = $('cluster-quorum');
    quorum.innerHTML = 'quorum <b class="' + (cluster.quorum ? 'up' : 'down') + '">' + (cluster.quorum ? 'yes' : 'NO') + '</b> · '
      + cluster.members.length + ' of ' + cluster.expectedSize + ' expected';
    const last = (c.recentClaims || []).slice(-1)[0];
    const longest = Math.max(0, ...(c.recentClaims || []).map((r) => r.ms));
    $('cluster-totals').innerHTML = 'this node: <b>' + (c.owned || []).length + '</b> shards · claims <b>' + fmtInt(c.claims)
      + '</b> · handed over <b>' + fmtInt(c.moves) + '</b> · fenced <b>' + fmtInt(c.fenced) + '</b> · stalls <b>' + fmtInt(c.stalls) + '</b>'
      + (last ? ' · claim to serving: last <b>' + fmtInt(last.ms) + ' ms</b>, max <b>' + fmtInt(longest) + ' ms</b>' : '');
    renderOwners(movedNow);
    renderMoves();
  }

  function renderOwners(movedNow) {
    const box = $('owners');
    const ids = [...cluster.owners.keys()].sort((a, b) => a - b);
    syncTiles(box, ids);
    let unserved = 0;
    ids.forEach((id, i) => {
      const tile = box.children[i];
      const owner = cluster.owners.get(id);
      if (!owner) unserved++;
      tile.className = 'tile ' + (owner ? 'owned' : 'unserved') + (movedNow.has(id) ? ' moved' : '');
      tile.style.background = owner ? colorOf(owner) : '';
      tile.dataset.owner = owner || '';
      tile.title = 'shard ' + id + ': ' + (owner ? owner + ', epoch ' + cluster.epochs.get(id) : 'no node serves it at this moment');
    });
    setText($('owners-hint'), ids.length + ' shards' + (unserved ? ' · ' + unserved + ' unserved' : '') + ' · colour: owner');
  }

  function renderMoves() {
    const frag = document.createDocumentFragment();
    cluster.moves.forEach((m) => {
      const tr = document.createElement('tr');
      cell(tr, 'l', hms(m.at || m.seenAt));
      cell(tr, '', m.shard);
      const way = cell(tr, 'l to', '');
      way.innerHTML = '<i class="swatch" style="background:' + colorOf(m.from) + '"></i>' + escapeHtml(m.from) + ' → '
        + '<i class="swatch" style="background:' + colorOf(m.to) + '"></i>' + escapeHtml(m.to);
      cell(tr, '', m.epoch == null ? '–' : m.epoch);
      cell(tr, '', m.ms == null ? '–' : fmtInt(m.ms));
      frag.appendChild(tr);
    });
    if (!cluster.moves.length) emptyRow(frag, 5, 'no shard has moved since this page opened');
    $('moves').tBodies[0].replaceChildren(frag);
    setText($('moves-hint'), cluster.moves.length ? cluster.moves.length + ' seen · every ' + CLUSTER_POLL_MS / 1000 + ' s' : '');
  }

  /** The cluster's totals beside the node's own counters: which figures are whose. */
  function renderClusterStats(s) {
    if (!s.cluster) return;
    const t = s.cluster;
    $('k-in').parentElement.title = 'lines read by this node\'s feeds; the cluster\'s: ' + fmtInt(t.ticksIn);
    $('k-applied').parentElement.title = 'applied by every shard of the cluster, wherever it runs';
    setText($('k-in').previousElementSibling, 'ticks in · node');
    setText($('k-applied').previousElementSibling, 'applied · cluster');
    setText($('k-rejected').previousElementSibling, 'rejected · node+shards');
  }

  // ---------------------------------------------------------------- API health

  function apiOk() {
    status.api = 'ok';
    status.apiError = '';
  }

  function apiFailed(e) {
    status.api = 'failed';
    status.apiError = e && e.message ? e.message : String(e);
  }

  // ---------------------------------------------------------------- start

  function frame() {
    renderBreadth();
    renderChartQuote();
    renderChart();
    renderTape();
    renderLadder();
    renderRejects();
  }

  async function start() {
    initChart();
    initSpark();
    let settings = { intervals: ['1s', '1m'] };
    try {
      settings = await getJson('dashboard.json');
    } catch (e) {
      apiFailed(e);
    }
    initIntervals(settings.intervals);
    ladder.enabled = settings.books === true;
    document.body.classList.toggle('books', ladder.enabled);
    connectBridge();
    subscribe('rejects', (r) => addReject(r, true));
    await loadRejects();
    refreshSymbols();
    poll('api/v1/stats', STATS_POLL_MS, onStats);
    poll('api/v1/cluster', CLUSTER_POLL_MS, (c) => onCluster(c, Date.now()));
    setInterval(frame, 250);
    setInterval(() => {
      setText($('clock'), hms(Date.now()));
      bridge.rate = bridge.messages - (bridge.counted || 0);
      bridge.counted = bridge.messages;
      renderStatus();
    }, 1000);
    document.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        moveSelection(e.key === 'ArrowDown' ? 1 : -1);
      }
    });
  }

  // The test hook: read-only views of what the page shows.
  window.tickmeshDashboard = Object.freeze({
    chart: () => chart.echart,
    selection: () => ({ symbol: chart.symbol, interval: chart.interval }),
    counts: () => ({
      symbols: rows.size, bars: chart.bars.size, liveBars: chart.liveBars, liveTrades: chart.liveTrades,
      gaps: status.gaps, historyLoads: status.historyLoads, reconnects: bridge.reconnects, bridgeMessages: bridge.messages,
      bridgeErrors: status.bridgeErrors, lastBridgeError: status.lastBridgeError, rejects: rejects.length,
    }),
    connected: () => bridgeOpen(),
    ladder: () => ({
      enabled: ladder.enabled, symbol: ladder.symbol, loading: ladder.loading, fetches: ladder.fetches,
      messages: ladder.messages, shown: ladder.shown, subscribed: [...bridge.subs.keys()].filter((a) => a.startsWith('book.')),
    }),
    cluster: () => JSON.parse(JSON.stringify({
      clustered: cluster.clustered, self: cluster.self, quorum: cluster.quorum, expectedSize: cluster.expectedSize, polls: cluster.polls,
      members: cluster.members.map((m) => ({ node: m, ready: !!(cluster.nodes.get(m) || {}).ready, self: m === cluster.self })),
      owned: ownedCounts(), moves: cluster.moves,
    })),
    snapshot: (callback) => bridge.eb.send('snapshot.quote', { symbol: chart.symbol }, callback),
  });

  start();
})();
