-- Closed bars: one row per (symbol, interval, start); a revision replaces the row only if it is newer.
create table bars (
  symbol    text    not null,
  interval  text    not null,
  start_ns  bigint  not null,             -- bar start, nanoseconds since the epoch (UTC)
  open      numeric not null,
  high      numeric not null,
  low       numeric not null,
  close     numeric not null,
  volume    numeric not null,
  vwap      numeric not null,
  trades    bigint  not null,
  revision  integer not null,
  primary key (symbol, interval, start_ns)
);

-- Every accepted trade, once: a resent trade has the same key and is skipped.
create table trades (
  symbol  text    not null,
  ts_ns   bigint  not null,               -- event time, nanoseconds since the epoch (UTC)
  feed    text    not null,
  seq     bigint  not null,
  px      numeric not null,
  qty     numeric not null,
  primary key (symbol, ts_ns, feed, seq)
);

-- Refused ticks, newest last.
create table rejects (
  id      bigserial primary key,
  feed    text,
  seq     bigint,
  line    bigint,
  reason  text   not null,
  raw     text   not null,
  ts_ns   bigint not null                 -- when it was refused
);
create index rejects_by_feed on rejects (feed, id);

-- Settings fixed for the life of a database, checked at every start (for example shards.count).
create table fixed_settings (
  key    text primary key,
  value  text not null
);

-- Which node owns a shard, and since which ownership epoch (the fencing token of its writes).
create table shard_owners (
  shard     integer primary key,
  epoch     bigint  not null,
  node      text    not null,
  since_ns  bigint  not null
);

-- The last durable checkpoint of each shard: its state and the highest applied seq per feed.
create table shard_checkpoints (
  shard          integer primary key,
  epoch          bigint  not null,
  checkpoint_id  bigint  not null,
  state          bytea   not null,
  feed_seqs      jsonb   not null,
  taken_at_ns    bigint  not null
);

-- Per feed, the highest seq acknowledged to its publishers as durable.
create table feed_positions (
  feed           text   primary key,
  seq            bigint not null,
  updated_at_ns  bigint not null
);
