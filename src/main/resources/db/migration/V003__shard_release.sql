-- A shard its owner released (a planned move) has no node until the next claim. Its epoch stays, so the
-- next claim still raises it; writes of a released shard are refused like those of an older epoch.
alter table shard_owners alter column node drop not null;
