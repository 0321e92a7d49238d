-- 0921: the adjudication clock (issue 11 step 2, api/adjudicacion_reloj.c) finds
-- the live sessions whose called turn's deadline passed; turns as short as 1 s
-- are allowed by the table (the API allows them only when SERUMS_ENV=test; 10 s
-- otherwise).
create index adjudicacion_sesiones_vence on adjudicacion_sesiones (turno_vence)
    where estado = 'EN_CURSO' and modo = 'VIVO';
alter table adjudicacion_sesiones drop constraint adjudicacion_sesiones_segundos_turno_check,
    add constraint adjudicacion_sesiones_segundos_turno_check check (segundos_turno between 1 and 3600);
