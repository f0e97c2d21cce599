-- A shard's checkpoint state (a few KB, replaced five times a second per shard) is kept out of line
-- without compression: pglz compressing it was about 7 % of PostgreSQL's CPU under the bench with the
-- store on, and the state is read back only when a shard is restored.
alter table shard_checkpoints alter column state set storage external;
