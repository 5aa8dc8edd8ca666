-- model: progress_methods (table)
-- grain: one row per progress method of tracker/methods/ (its registry): what the SQL needs of it,
--        whether its compared quantity is the sum of the yearly additions and whether it compounds
-- read by: 05_macros (compared_as), hence 08b and 09b
-- invariants: the rows are the registry's, written by tracker.build.write_methods whenever the schema is
--        made or migrated; no other write touches them
create table progress_methods (
    method       varchar primary key,
    measures_as  varchar,
    compounds    boolean not null
);
