-- The instrument master: what a feed's ticks are checked against with feed.requireKnownInstrument.
-- revision orders every change, so a node reads only what changed since its last read.
create sequence instrument_revisions;
create table instruments (
  symbol     text primary key,
  tick_size  numeric not null default 0,
  source     text not null,
  attributes jsonb not null default '{}',
  version    bigint not null,
  revision   bigint not null,
  updated_at timestamptz not null default now()
);
create index instruments_by_revision on instruments (revision);
