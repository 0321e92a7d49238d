-- 0201: the plaza offer. Establishments are keyed by RENIPRESS (or the
-- MINEDU modular code, 8 digits) and shared across convocatorias (latest
-- name, category, address, coordinates); each offer row is a plaza line of
-- one convocatoria and modality, loaded by an import that replaces the whole
-- modality, and keeps the establishment name that offer used with its search
-- key (accents, case, spaces and punctuation removed, so `q` meets a name
-- whatever the conversion did to its spaces: "SESQUICENTENAR IO"). Places carry INEI codes when the file's names matched the ubigeo,
-- and the names as written either way.
create table establecimientos (
    renipress       char(8) primary key check (renipress ~ '^[0-9]{8}$'),
    nombre          text not null,
    categoria       text,
    direccion       text,
    latitud         double precision,
    longitud        double precision,
    actualizado_at  timestamptz not null default now()
);

create table plaza_importaciones (
    id               bigserial primary key,
    convocatoria_id  bigint not null references convocatorias,
    modalidad        text not null check (modalidad in ('REMUNERADA', 'EQUIVALENTE')),
    filas            int not null,
    plazas           int not null,
    advertencias     int not null,
    sha256           text not null,
    usuario_id       bigint references usuarios,      -- null for the seed and the command line
    creado_at        timestamptz not null default now()
);
create index plaza_importaciones_convocatoria on plaza_importaciones (convocatoria_id, modalidad, id);

create table plazas (
    id                     bigserial primary key,
    convocatoria_id        bigint not null references convocatorias,
    modalidad              text not null check (modalidad in ('REMUNERADA', 'EQUIVALENTE')),
    profesion_codigo       text not null references profesiones,
    diresa_codigo          text not null references diresas,
    institucion_codigo     text not null references instituciones,
    renipress              char(8) not null references establecimientos,
    establecimiento_nombre text not null,                -- as this offer names it
    establecimiento_clave  text not null,                -- the name's search key: A-Z0-9 only (texto_clave)
    cantidad               int not null check (cantidad > 0),
    grado_dificultad       smallint not null check (grado_dificultad between 1 and 5),
    zaf                    boolean not null,
    ze                     boolean not null,
    departamento_codigo    char(6) references departamentos,
    provincia_codigo       char(6) references provincias,
    distrito_codigo        char(6) references distritos,
    departamento_texto     text,
    provincia_texto        text,
    distrito_texto         text,
    sede                   text,
    presupuesto            text,
    institucion_ofertante  text,
    importacion_id         bigint not null references plaza_importaciones,
    linea                  int not null                  -- line of the row in the imported file
);
create index plazas_convocatoria on plazas (convocatoria_id, modalidad, id);
create index plazas_oferta_grupo on plazas (convocatoria_id, profesion_codigo, institucion_codigo, diresa_codigo);
create index plazas_renipress on plazas (renipress);

-- place filters take names: find them by their normalized form
create index departamentos_nombre on departamentos (normaliza(nombre));
create index provincias_nombre on provincias (normaliza(nombre));
create index distritos_nombre on distritos (normaliza(nombre));
