-- 0753: absolute session lifetimes (issue 9, probe 6): a refresh never
-- extends a sign-in past `familia_expira_at`, fixed at login by the role
-- (domain/sesion_politica.h); each refresh token also expires after the
-- role's idle limit. Existing sessions keep their current end.
alter table sesiones add column familia_expira_at timestamptz;
update sesiones set familia_expira_at = expira_at;
alter table sesiones alter column familia_expira_at set not null;
