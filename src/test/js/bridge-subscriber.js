// A browser-style subscriber in Node.js, through the SockJS event-bus bridge with the npm client
// @vertx/eventbus-bridge-client.js. Used by io.tickmesh.api.SockJsBridgeClientIT.
//   node bridge-subscriber.js http://127.0.0.1:PORT/eventbus SYMBOL SECONDS
// Subscribes to quotes, trades and 1s bars of SYMBOL, then tries to reach a shard (send, publish and
// register on tm.shard.0), and after SECONDS prints one JSON line: what it received and what was refused.
'use strict';
const EventBus = require('@vertx/eventbus-bridge-client.js');

const [url, symbol, seconds] = process.argv.slice(2);
const eb = new EventBus(url);
eb.enableReconnect(false);
const got = { quotes: [], trades: [], bars: [], errors: [], shardReplies: 0, opened: false, snapshot: null };

eb.onerror = (err) => got.errors.push(err.body || err.message || JSON.stringify(err));

function collect(list) {
  return (err, msg) => (err ? got.errors.push('handler: ' + (err.message || JSON.stringify(err))) : list.push(msg.body));
}

eb.onopen = () => {
  got.opened = true;
  eb.registerHandler('quotes.' + symbol, {}, collect(got.quotes));
  eb.registerHandler('trades.' + symbol, {}, collect(got.trades));
  eb.registerHandler('bars.1s.' + symbol, {}, collect(got.bars));
  // Each of these must be refused: clients never reach a shard.
  eb.send('tm.shard.0', { hello: 'shard' }, {}, () => got.shardReplies++);
  eb.publish('tm.shard.0', { hello: 'shard' });
  eb.registerHandler('tm.shard.0', {}, (err) => { if (!err) got.shardReplies++; });
  eb.send('snapshot.quote', { symbol }, {}, (err, reply) => { got.snapshot = err ? { error: err } : reply.body; });
};

setTimeout(() => {
  eb.close();
  process.stdout.write(JSON.stringify(got) + '\n', () => process.exit(0)); // a pipe flushes asynchronously
}, Number(seconds) * 1000);
