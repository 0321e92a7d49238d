-- ops.sql - the readiness probe (api/ops.c).

-- name: ops_migrations
select count(*)::int as aplicadas, coalesce(max(version), '') as ultima from schema_migrations
