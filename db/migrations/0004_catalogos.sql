-- 0004: reference catalogs. Professions carry the group rules of the manuals
-- (DESIGN §3): MEDICINA (PPP + PDF, Nota Evaluación SERUMS, ENAM + PDF) and
-- CIENCIAS_SALUD (PPP + PDF, nota for adjudication EXAMEN_NACIONAL or
-- EVALUACION_SERUMS) adjudicate by merit; OTRAS by sorteo. `nombre_oferta` is
-- how the MINSA offer files spell each name. Ubigeo tables are loaded by
-- `serumsd seed` from shared/data/ubigeo (INEI 6-digit codes).
create extension if not exists unaccent;

create table profesiones (
    codigo              text primary key,
    nombre              text not null,
    grupo               text not null check (grupo in ('MEDICINA', 'CIENCIAS_SALUD', 'OTRAS')),
    modo_adjudicacion   text not null check (modo_adjudicacion in ('MERITO', 'SORTEO')),
    requiere_ppp        boolean not null,
    requiere_enam       boolean not null,
    orden               int not null,
    nombre_oferta       text not null unique
);
insert into profesiones (codigo, nombre, grupo, modo_adjudicacion, requiere_ppp, requiere_enam, orden, nombre_oferta) values
    ('MEDICINA', 'Medicina Humana', 'MEDICINA', 'MERITO', true, true, 1, 'MEDICINA'),
    ('ENFERMERIA', 'Enfermería', 'CIENCIAS_SALUD', 'MERITO', true, false, 2, 'ENFERMERIA'),
    ('OBSTETRICIA', 'Obstetricia', 'CIENCIAS_SALUD', 'MERITO', true, false, 3, 'OBSTETRICIA'),
    ('ODONTOLOGIA', 'Odontología', 'CIENCIAS_SALUD', 'MERITO', true, false, 4, 'ODONTOLOGIA'),
    ('NUTRICION', 'Nutrición', 'CIENCIAS_SALUD', 'MERITO', true, false, 5, 'NUTRICION'),
    ('QUIMICO_FARMACEUTICO', 'Químico Farmacéutico (Farmacia y Bioquímica)', 'CIENCIAS_SALUD', 'MERITO', true, false, 6, 'QUIMICO FARMACEUTICO'),
    ('BIOLOGIA', 'Biología', 'OTRAS', 'SORTEO', false, false, 7, 'BIOLOGIA'),
    ('INGENIERIA_SANITARIA', 'Ingeniería Sanitaria', 'OTRAS', 'SORTEO', false, false, 8, 'INGENIERIA SANITARIA'),
    ('MEDICINA_VETERINARIA', 'Medicina Veterinaria', 'OTRAS', 'SORTEO', false, false, 9, 'MEDICINA VETERINARIA'),
    ('PSICOLOGIA', 'Psicología', 'OTRAS', 'SORTEO', false, false, 10, 'PSICOLOGIA'),
    ('TM_LABORATORIO_CLINICO', 'Tecnología Médica - Laboratorio Clínico', 'OTRAS', 'SORTEO', false, false, 11, 'TM - LABORATORIO CLINICO'),
    ('TM_TERAPIA_FISICA', 'Tecnología Médica - Terapia Física', 'OTRAS', 'SORTEO', false, false, 12, 'TM - TERAPIA FISICA'),
    ('TM_RADIOLOGIA', 'Tecnología Médica - Radiología', 'OTRAS', 'SORTEO', false, false, 13, 'TM - RADIOLOGIA'),
    ('TM_TERAPIA_LENGUAJE', 'Tecnología Médica - Terapia de Lenguaje', 'OTRAS', 'SORTEO', false, false, 14, 'TM - TERAPIA LENGUAJE'),
    ('TRABAJO_SOCIAL', 'Trabajo Social', 'OTRAS', 'SORTEO', false, false, 15, 'TRABAJO SOCIAL');

create table diresas (
    codigo                text primary key,
    nombre                text not null,
    nombre_oferta         text not null unique,
    exonera_comprobante   boolean not null     -- payment receipt waived (DESIGN §3)
);
insert into diresas (codigo, nombre, nombre_oferta, exonera_comprobante) values
    ('AMAZONAS', 'DIRESA Amazonas', 'AMAZONAS', true),
    ('ANCASH', 'DIRESA Ancash', 'ANCASH', false),
    ('APURIMAC', 'DIRESA Apurímac', 'APURIMAC', false),
    ('AREQUIPA', 'GERESA Arequipa', 'AREQUIPA', false),
    ('AYACUCHO', 'DIRESA Ayacucho', 'AYACUCHO', false),
    ('CAJAMARCA', 'DIRESA Cajamarca', 'CAJAMARCA', false),
    ('CALLAO', 'DIRESA Callao', 'CALLAO', true),
    ('CUSCO', 'GERESA Cusco', 'CUSCO', false),
    ('HUANCAVELICA', 'DIRESA Huancavelica', 'HUANCAVELICA', false),
    ('HUANUCO', 'DIRESA Huánuco', 'HUANUCO', false),
    ('ICA', 'DIRESA Ica', 'ICA', false),
    ('JUNIN', 'DIRESA Junín', 'JUNIN', false),
    ('LA_LIBERTAD', 'GERESA La Libertad', 'LA LIBERTAD', false),
    ('LAMBAYEQUE', 'GERESA Lambayeque', 'LAMBAYEQUE', true),
    ('LIMA_CENTRO', 'DIRIS Lima Centro', 'LIMA CENTRO', true),
    ('LIMA_ESTE', 'DIRIS Lima Este', 'LIMA ESTE', true),
    ('LIMA_NORTE', 'DIRIS Lima Norte', 'LIMA NORTE', true),
    ('LIMA_REGION', 'DIRESA Lima Región', 'LIMA REGION', true),
    ('LIMA_SUR', 'DIRIS Lima Sur', 'LIMA SUR', true),
    ('LORETO', 'GERESA Loreto', 'LORETO', false),
    ('MADRE_DE_DIOS', 'DIRESA Madre de Dios', 'MADRE DE DIOS', true),
    ('MOQUEGUA', 'DIRESA Moquegua', 'MOQUEGUA', true),
    ('PASCO', 'DIRESA Pasco', 'PASCO', false),
    ('PIURA', 'DIRESA Piura', 'PIURA', false),
    ('PUNO', 'DIRESA Puno', 'PUNO', false),
    ('SAN_MARTIN', 'DIRESA San Martín', 'SAN MARTIN', false),
    ('TACNA', 'DIRESA Tacna', 'TACNA', false),
    ('TUMBES', 'DIRESA Tumbes', 'TUMBES', false),
    ('UCAYALI', 'DIRESA Ucayali', 'UCAYALI', false);

alter table usuarios add foreign key (diresa_codigo) references diresas (codigo);

create table instituciones (
    codigo          text primary key,
    nombre          text not null,
    nombre_oferta   text not null unique
);
insert into instituciones (codigo, nombre, nombre_oferta) values
    ('GOBIERNO_REGIONAL', 'Gobierno Regional', 'GOBIERNO REGIONAL'),
    ('MINSA', 'Ministerio de Salud', 'MINSA'),
    ('ESSALUD', 'EsSalud', 'ESSALUD'),
    ('MINEDU', 'Ministerio de Educación', 'MINEDU'),
    ('SANIDAD_PNP', 'Sanidad de la Policía Nacional del Perú', 'SANIDAD DE LA POLICIA NACIONAL DEL PERU'),
    ('SANIDAD_EJERCITO', 'Sanidad del Ejército del Perú', 'SANIDAD DEL EJERCITO DEL PERU'),
    ('SANIDAD_MARINA', 'Sanidad de la Marina de Guerra del Perú', 'SANIDAD DE LA MARINA DE GUERRA DEL PERU'),
    ('SANIDAD_FAP', 'Sanidad de la Fuerza Aérea del Perú', 'SANIDAD DE LA FUERZA AEREA DEL PERU');

create table departamentos (
    codigo   char(6) primary key,      -- INEI, e.g. 010000
    nombre   text not null
);
create table provincias (
    codigo               char(6) primary key,   -- e.g. 010100
    departamento_codigo  char(6) not null references departamentos,
    nombre               text not null
);
create table distritos (
    codigo             char(6) primary key,     -- e.g. 010101
    provincia_codigo   char(6) not null references provincias,
    nombre             text not null
);
create index provincias_departamento on provincias (departamento_codigo);
create index distritos_provincia on distritos (provincia_codigo);

-- accent-, case- and space-insensitive form used by searches and name matching
create function normaliza(t text) returns text language sql immutable parallel safe as $$
    select upper(regexp_replace(trim(public.unaccent('public.unaccent', coalesce(t, ''))), '\s+', ' ', 'g'))
$$;
