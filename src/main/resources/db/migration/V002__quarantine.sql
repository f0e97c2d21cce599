-- Rows PostgreSQL refused for their data (SQLSTATE class 22 or 23), set aside by the writer so one bad
-- row cannot stop the store. Each is also logged at ERROR; the rest of its flush was written.
create table quarantine (
  id        bigserial primary key,
  kind      text   not null,                -- trade, bar or reject
  row_json  text   not null,                -- the row as the writer had it
  sqlstate  text   not null,
  error     text   not null,
  at_ns     bigint not null,                -- when it was set aside
  unique (kind, row_json)                   -- a retried flush sets the same row aside once
);
