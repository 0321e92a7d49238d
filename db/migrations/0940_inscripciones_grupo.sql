-- 0940: the group of a sorteo and a merit order (convocatoria × profesión,
-- then estado) read by index: the pool (sql/orden.sql sorteo_pool) and the
-- aptos of the order (sql/adjudicacion.sql orden_aptos) no longer filter every
-- inscription of the convocatoria in that state.
create index inscripciones_grupo on inscripciones (convocatoria_id, profesion_codigo, estado);
