-- Text keys compared byte by byte: the keys of trades and bars are compared on every insert (their
-- primary keys' b-trees), and a database made under a locale such as en_US.UTF-8 or C.UTF-8 compares
-- them through strcoll, about 7 % of PostgreSQL's CPU under the bench with the store on. Equality is the
-- same (deterministic collations break ties by bytes); only an order by these columns becomes byte order.
alter table trades alter column symbol type text collate "C", alter column feed type text collate "C";
alter table bars alter column symbol type text collate "C", alter column interval type text collate "C";
