-- 0961: the trigram index of the search (0701) without a pending list.
-- A GIN index first appends new rows to a "pending list" that every search
-- then reads sequentially until VACUUM merges it: right after an import of
-- 16,000 plazas (4,489 pending tuples, 291 pages) each cache-miss search
-- spent most of its time there (perf: gingetbitmap; 300 searches took 2.0 s
-- in psql with the list, 0.6 s without). fastupdate = off instead made the
-- import's insert 3-5 times slower, so the list stays, and the statement
-- that wrote the rows merges it at once (about 45 ms for a whole offer).
create function plazas_trgm_fusionar() returns trigger language plpgsql as $$
begin
    perform gin_clean_pending_list('plazas_clave_trgm'::regclass);
    return null;
end $$;
create trigger plazas_trgm_fusionar after insert or update on plazas
    for each statement execute function plazas_trgm_fusionar();

select gin_clean_pending_list('plazas_clave_trgm'::regclass);
