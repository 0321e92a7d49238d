-- 0900_publicaciones_lz4.sql - the stored bytes of published list versions
-- (publicaciones.csv and .json: about 10 MB each for a national ORDEN_MERITO
-- of 13,476 rows) are compressed with lz4 instead of pglz. bench/adjudicacion.sh
-- (SERUMS_BENCH_PERFIL=1) measured publishing those 13,476 rows at 1319 vs 2065 ms
-- and 2368 vs 2942 ms with lz4 vs pglz, interleaved on one stack; lz4 stores
-- 585 kB instead of 550 kB. Applies to versions written from now on.
alter table publicaciones alter column csv set compression lz4, alter column json set compression lz4;
