export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness (no database access) */
        get: operations["getHealthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness (database reachable and migrations current)
         * @description Each worker checks the database at most once a second: one round trip that also compares the applied migrations with the ones the server was built for (a pending migration answers 503 `MIGRACIONES_PENDIENTES`, an unreachable database 503 `NO_LISTO`). The probes in between answer that check's result while the worker's database connection is still open, which is told without a round trip, so an answer is at most a second old and a flood of probes costs the database a few queries a second.
         */
        get: operations["getReadyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (loopback only) */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Points a newcomer to the API reference (served by nginx) */
        get: operations["getRoot"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The API reference, a static page built offline from this document (served by nginx) */
        get: operations["getDocs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.yaml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document (served statically by nginx) */
        get: operations["getOpenapi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API name and version */
        get: operations["getApiRoot"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/email-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Email a 6-digit verification code (always 202)
         * @description The code is valid 10 minutes and allows 5 wrong tries. At most one code a minute and 5 an
         *     hour per email, and `SERUMS_CODES_PER_IP_HOUR` (default 60) per client address; beyond
         *     that 429 with `Retry-After`. Known and unknown emails get the same answer.
         */
        post: operations["createEmailCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a postulante account (DNI or Carné de Extranjería)
         * @description DNI: 8 digits, the check digit printed on it (number or letter form), birth and issue
         *     dates (issue after birth, neither in the future, 18 years or older). CE: its number, birth
         *     date and, when different, the document number registered in SUNEDU. The email code must
         *     be the latest one sent and still valid. Password: 8-128 characters, not a common password,
         *     not the email or the document. 422 lists one entry per wrong field (codes such as
         *     `DIGITO_INVALIDO`, `MENOR_DE_EDAD`, `PASSWORD_COMUN`, `CODIGO_INVALIDO`,
         *     `CODIGO_EXPIRADO`, `CODIGO_AGOTADO`, `CAPTCHA_INVALIDO`); 409 `EMAIL_REGISTRADO`.
         *
         *     Names: with an identity registry configured, a DNI's names come from it (the body's are
         *     ignored); a DNI it does not know with that birth date is 422 `DOCUMENTO_NO_VERIFICADO`
         *     on `numero_documento` (and counts as a wrong try of the code); a registry that is down
         *     is 503 `IDENTIDAD_NO_DISPONIBLE`. Otherwise (no registry, or a CE) `nombres` and
         *     `apellido_paterno` are required. A name with a line break, a control character or an
         *     invisible / bidirectional formatting character (U+202E ...) is 422
         *     `CARACTER_NO_PERMITIDO`.
         *
         *     A document that already has an account answers exactly like a new registration (201
         *     with a profile), spends the code, creates nothing, and emails the document's owner:
         *     registration never tells whether a document is registered.
         */
        post: operations["register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password
         * @description Wrong credentials answer 401 `CREDENCIALES_INVALIDAS` whether or not the email exists.
         *     After 5 failures of one email from one client address, that email is locked 15 minutes
         *     from that address only (the owner elsewhere can still sign in): 429 `CUENTA_BLOQUEADA`
         *     with `Retry-After`. Once an email collects 10 failures from 3 or more addresses within
         *     15 minutes, every sign-in for it must carry a solved `captcha_token` (422 with field
         *     `captcha_token`: `REQUERIDO` or `CAPTCHA_INVALIDO`) when the deployment verifies
         *     captchas. Sessions last 12 hours from sign-in for `diresa` and `admin` (a refresh token
         *     dies after 30 minutes unused) and 30 days for postulantes; a refresh never extends them.
         *     A login to an email while another login to it is being checked answers 429
         *     `INICIO_EN_CURSO` with `Retry-After: 1` at once (no request waits for another's
         *     password hash). The web client (default) receives the refresh token in the `serums_refresh` cookie;
         *     `"client": "mobile"` receives it in the body.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the refresh token and get a new access token
         * @description The refresh token comes from the `serums_refresh` cookie (web) or the body (mobile). It
         *     is single use: the answer carries a new one (cookie or body, as at login), which expires
         *     after the role's idle limit and never after the session's absolute end
         *     (`refresh_expires_in`, cookie `Max-Age`). A token rotated less than 10 seconds ago (a
         *     second tab refreshing with the same cookie) answers the same new refresh token and a
         *     fresh access token of the same session. Presenting a rotated token later revokes the
         *     whole family: 401 `REFRESH_REUTILIZADO`.
         */
        post: operations["refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke the session of the presented refresh token (204, idempotent) */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password-resets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Email a single-use reset link (always 202)
         * @description Emails `SERUMS_APP_URL/restablecer?token=...`, valid 30 minutes, when an account exists
         *     (at most one a minute and 5 an hour per account). The answer is the same for every email.
         */
        post: operations["requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password-resets/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with the emailed token
         * @description 422 with field `token` (`TOKEN_INVALIDO`, `TOKEN_EXPIRADO`), with field `password` for the
         *     policy, or with code `CONTRASENA_REUTILIZADA` when the password is one of the last 5. On success
         *     every session of the account is revoked and a notice is emailed.
         */
        post: operations["confirmPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user's profile */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change the password with the current one
         * @description 422 `PASSWORD_INCORRECTO` on field `password_actual`, the policy on `password_nuevo`, or
         *     code `CONTRASENA_REUTILIZADA`. A wrong current password counts as a failed sign-in of the
         *     account from the caller's address: the fifth within 15 minutes locks it (429
         *     `CUENTA_BLOQUEADA` with `Retry-After`, for sign-ins from that address too). On success
         *     every session of the account is revoked, its access tokens included (within a second).
         */
        put: operations["changeMyPassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usuarios": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Accounts (admin), filtered and paginated by id */
        get: operations["listUsuarios"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/profesiones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Professions, in the order of the manuals
         * @description `grupo` decides the professional data an inscription asks for (DESIGN §3): MEDICINA
         *     (PPP + PDF, Nota Evaluación SERUMS, ENAM + PDF), CIENCIAS_SALUD (PPP + PDF and the nota
         *     chosen for adjudication), OTRAS. MEDICINA and CIENCIAS_SALUD adjudicate by merit
         *     (`MERITO`), the others by lottery (`SORTEO`). `notas_adjudicacion` lists the grades the
         *     applicant may choose for adjudication. `nombre_oferta` is how the MINSA offer files
         *     spell it.
         */
        get: operations["listProfesiones"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/diresas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** DIRESAs, GERESAs and DIRIS */
        get: operations["listDiresas"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/instituciones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Institutions that offer plazas */
        get: operations["listInstituciones"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ubigeo/departamentos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Departamentos (INEI) */
        get: operations["listDepartamentos"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ubigeo/departamentos/{codigo}/provincias": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Provincias of a departamento */
        get: operations["listProvincias"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ubigeo/provincias/{codigo}/distritos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Distritos of a provincia */
        get: operations["listDistritos"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/convocatorias": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Convocatorias, newest first, with their cronograma, the phase in force now and the caller's actions */
        get: operations["listConvocatorias"];
        put?: never;
        /**
         * Open a convocatoria (admin)
         * @description `codigo` is `{anio}-{periodo}`, optionally followed by a suffix (`2026-II-E`); 422
         *     `CODIGO_INVALIDO` otherwise. A second convocatoria with the same code is 409
         *     `CONVOCATORIA_DUPLICADA`. The cronograma is set afterwards with PATCH .../cronograma.
         *     Audited.
         */
        post: operations["createConvocatoria"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/convocatorias/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A convocatoria with its cronograma and the phase in force now */
        get: operations["getConvocatoria"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/convocatorias/{id}/cronograma": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Program or reprogram phase windows (admin)
         * @description The phases sent replace those phases' windows; the others stay. The resulting cronograma
         *     must hold: known phase names, each phase at most once per request, `inicia < termina`,
         *     and phases in the order of DESIGN §2 without overlapping (a phase starts when the
         *     previous one ends, or later). Otherwise 422 with one entry per problem
         *     (`fases[i].inicia`, ...: `VALOR_INVALIDO`, `FECHA_HORA_INVALIDA`, `FASE_REPETIDA`,
         *     `VENTANA_INVALIDA`, `FASES_SOLAPADAS`) and nothing changes. Times are RFC 3339 with a
         *     zone (`2026-02-02T09:00:00-05:00`). Every change is audited (before and after).
         */
        patch: operations["patchCronograma"];
        trace?: never;
    };
    "/v1/convocatorias/{id}/plazas/importaciones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a MINSA offer file for one modality (admin)
         * @description Body: the offer file as `text/csv` (UTF-8, or Windows-1252 as Excel writes it), up to
         *     20 MiB, `;`-separated, in either MINSA layout: 2025 (one header, extra columns norte, este,
         *     direccion) or 2026 (INSTITUCIÓN OFERTANTE first, header repeated on every page, note rows
         *     between pages, cells with line breaks). Header names are matched ignoring accents, case
         *     and line breaks. Each row is normalized: professions, DIRESAs and institutions to their
         *     catalog codes, RENIPRESS to 8 digits, GD-1…GD-5 to 1…5, ZAF/ZE to booleans (and an
         *     optional CAUTIVA column, SI/NO, blank NO: a plaza reserved for its institution's staff,
         *     offered in the equivalente fase CAUTIVAS; no MINSA file has it so far), words split
         *     by a line break re-joined, places to INEI ubigeo codes (a place that cannot be matched is
         *     imported without its code and listed in `advertencias`, as is one matched approximately).
         *
         *     One transaction: if any row is wrong nothing is imported and the answer is 422
         *     `OFERTA_CON_ERRORES` listing every wrong line in `rechazadas`. Importing a modality again
         *     replaces its offer, until adjudication begins (then 409 `FASE_INICIADA`). Empty body:
         *     400 `ARCHIVO_VACIO`; binary content: 415 `ARCHIVO_NO_ES_CSV`; another delimiter: 422
         *     `DELIMITADOR_INVALIDO`; no header: 422 `CABECERA_NO_ENCONTRADA`; missing columns: 422
         *     `COLUMNAS_FALTANTES`; broken quoting: 422 `CSV_MALFORMADO`. Audited.
         */
        post: operations["importPlazas"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/convocatorias/{id}/plazas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the offer
         * @description Filters combine with AND. `departamento`, `provincia` and `distrito` take the INEI code
         *     or the name, ignoring case and accents (a name may match several places: all count).
         *     `q` searches the establishment name ignoring case, accents, spaces and punctuation.
         *     `total` counts the offer rows that match (sum `cantidad` for plazas). It is counted on
         *     the first page and carried in `next_cursor`: later pages repeat the first page's total
         *     (an import between two pages changes the rows but not the carried total) and cost only
         *     the rows they return. `next_cursor` is opaque and sealed for this search: with other
         *     filters, another `orden`, or altered, it answers 400 `PARAMETRO_INVALIDO`. `q` keeps only
         *     letters and digits (accents folded): `%`, `_` and `\` are not wildcards. With
         *     `Accept: text/csv` or `?formato=csv` every matching row comes as CSV (columns as in the
         *     example header `id,modalidad,profesion_codigo,...`), ignoring `limit` and `cursor`.
         *     A text cell a spreadsheet would evaluate (starting with `=`, `+`, `-`, `@`, a tab or a
         *     carriage return, and not a plain number) is written quoted with a leading `'`.
         */
        get: operations["searchPlazas"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/convocatorias/{id}/plazas/resumen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Offer rows and plazas by profession, DIRESA or departamento
         * @description Takes the same filters as the search. With `por=departamento` the places the import could
         *     not match are grouped under `codigo: null`. `Accept: text/csv` gives
         *     `codigo,nombre,filas,plazas`.
         */
        get: operations["summarizePlazas"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/convocatorias/{id}/inscripciones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The reviewers' list of a convocatoria's finalized inscriptions
         * @description One page (`limit`, `cursor`) in one query, with `total` (rows matching every filter) and
         *     `resumen` (counts by estado over the other filters, for tabs). A `diresa` caller sees its
         *     own DIRESA only (a `diresa` filter naming another answers an empty list). `q` matches the
         *     names (any part) or the exact document number. With `?formato=csv` or `Accept: text/csv`,
         *     every matching row as CSV (UTF-8 with BOM, `;`) with the columns `id;estado;tipo_documento;
         *     numero_documento;apellidos_nombres;profesion;modalidad;diresa;finalizado_at;revisado_at`.
         */
        get: operations["listInscripcionesRevision"];
        put?: never;
        /**
         * Create the caller's draft inscription in a convocatoria
         * @description One per person and convocatoria (409 `INSCRIPCION_EXISTENTE` on a second). Only while the
         *     convocatoria's INSCRIPCION phase is open (409 `FUERA_DE_FASE`). No body.
         */
        post: operations["createInscripcion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/inscripciones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's own inscriptions, newest first
         * @description Every participation of the caller across convocatorias, whatever its state. An adjudicated
         *     one carries `adjudicacion`: the plaza, the service period and its informe final (state and
         *     the path of GET /v1/inscripciones/{id}/informe).
         */
        get: operations["listMyInscripciones"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The whole inscription
         * @description Its sections as stored, its documents (type, size, SHA-256, upload time, whether the
         *     answers require it), the documents the answers require, everything still missing
         *     (`faltantes`, the same entries finalizing would answer with 422), and its state.
         */
        get: operations["getInscripcion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/datos-personales": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace the personal data section
         * @description `apellido_casada` only with `estado_civil` CASADO or VIUDO; the emergency contact's celular
         *     must differ from the applicant's; `ubigeo_residencia` is an INEI district code.
         *     `licenciado_ffaa: true` requires the FFAA PDF, `discapacidad: true` the DISCAPACIDAD PDF.
         */
        put: operations["putDatosPersonales"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/datos-profesionales": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace the professional data section
         * @description By the profession's group: MEDICINA requires `nota_ppp` and `nota_enam` and/or
         *     `nota_evaluacion_serums`, choosing `nota_adjudicacion` (ENAM or EVALUACION_SERUMS) when it
         *     has both (with one, it is set to that one); CIENCIAS_SALUD (Enfermería, Nutrición,
         *     Odontología, Obstetricia, Químico Farmacéutico) requires `nota_ppp` and
         *     `nota_adjudicacion` EXAMEN_NACIONAL or EVALUACION_SERUMS (the latter with its grade), no
         *     ENAM; OTRAS (adjudicated by sorteo) register no grades. Grades 0–20 with at most two
         *     decimals. `institucion_revalida` is required for foreign universities and refused for
         *     Peruvian ones; `fecha_titulacion` neither in the future nor before birth. The PPP PDF is
         *     required by merit professions, the ENAM PDF when `nota_enam` is given.
         */
        put: operations["putDatosProfesionales"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/datos-postulacion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace the application data section
         * @description State workers (`trabajador_estado: true`) give `tipo_planilla`, `entidad` and
         *     `institucion_laboral`, apply in modalidad EQUIVALENTE and choose no `diresa` (everyone else
         *     must choose one, and gives none of those three). `comprobante_numero` and
         *     `comprobante_fecha` (not in the future) are required unless the chosen DIRESA waives the
         *     payment receipt. `caso_especial: true` only in modalidad REMUNERADA, with `institucion`,
         *     after the professional data, and only where the convocatoria's offer has at least 5
         *     remunerated plazas for that profession, institution and DIRESA
         *     (`CASO_ESPECIAL_SIN_PLAZAS`). RENUNCIA PDF for state workers; COMPROBANTE PDF unless
         *     waived.
         */
        put: operations["putDatosPostulacion"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/declaracion-jurada": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Accept (or not) the declaración jurada
         * @description `{"acepta": false}` is stored but keeps the inscription unfinishable.
         */
        put: operations["putDeclaracionJurada"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/documentos/{tipo}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
                /** @description Document type (404 `TIPO_DOCUMENTO_DESCONOCIDO` for any other). */
                tipo: components["schemas"]["TipoDocumento"];
            };
            cookie?: never;
        };
        /** Download one PDF (owner, DIRESA scope, admin) */
        get: operations["getDocumento"];
        /**
         * Upload (or replace) one PDF
         * @description Body `application/pdf`, at most 1,048,576 bytes: one byte more is 413 (from nginx or the
         *     application, both problem+json). The body must be a PDF — it starts with `%PDF-`, ends
         *     with `%%EOF`, and its cross-reference table and document catalog parse — otherwise 415
         *     `PDF_INVALIDO` (a wrong Content-Type is 415 `TIPO_NO_SOPORTADO`). Stored with its SHA-256.
         *     201 when new, 200 when it replaces the previous one.
         */
        put: operations["putDocumento"];
        post?: never;
        /** Remove one PDF (draft only) */
        delete: operations["deleteDocumento"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/finalizar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finalize (irreversible) and email the constancia
         * @description Only in phase INSCRIPCION and only when complete: otherwise 422 `INSCRIPCION_INCOMPLETA`
         *     whose `errors` name every missing or no longer valid field (`datos_postulacion.diresa`),
         *     section (`datos_personales`, code `SECCION_FALTANTE`), the declaration
         *     (`declaracion_jurada.acepta`) and document (`documentos.PPP`, code `DOCUMENTO_FALTANTE`).
         *     Records the time, freezes a JSON snapshot of everything declared (its SHA-256 is
         *     `sha256_datos`), assigns a verification code, and queues an email with the constancia PDF
         *     attached. No body.
         */
        post: operations["finalizeInscripcion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/constancia": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The constancia de inscripción (PDF)
         * @description Convocatoria, names, document, profession, university, DIRESA, modalidad, state INSCRITO,
         *     date and time of inscription (Lima), the verification code, the SHA-256 of the finalized
         *     data and of each document. Built from the snapshot in force: version 1 at finalization,
         *     version 2 (its own verification code and SHA-256) after a subsanación; earlier ones at
         *     `GET /v1/inscripciones/{id}/versiones/{n}/constancia`. 409 `INSCRIPCION_NO_FINALIZADA`
         *     before finalizing.
         */
        get: operations["getConstancia"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/revisiones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The reviews, snapshot versions and current version of an inscription
         * @description The owner sees each review's resultado, observación and observed requisitos (never the
         *     reviewer); reviewers and admin also see the reviewer, the checklist and the hashes
         *     reviewed. `subsanables` lists what SUBSANACION may change while OBSERVADO. The ETag is
         *     the inscription's version: send it back as `If-Match` when reviewing.
         */
        get: operations["getRevisiones"];
        put?: never;
        /**
         * Review a finalized inscription (or a Comité Médico evaluation)
         * @description Send the version read (`If-Match` with the ETag of `GET .../revisiones`, or `version` in
         *     the body); only the first review of an inscription may omit it (428 `VERSION_REQUERIDA`).
         *     A stale version (another reviewer got there first) is 409 `VERSION_DESACTUALIZADA` and
         *     changes nothing. Rules (422 with one entry per field): OBSERVADO needs at least one
         *     requisito in estado OBSERVADO and an `observacion` (`SIN_REQUISITO_OBSERVADO`), and is
         *     refused when the cronograma has no SUBSANACION phase (`SIN_SUBSANACION`) or the
         *     inscription is already subsanada; NO_APTO needs an `observacion`; APTO cannot carry an
         *     observed requisito (`INCONSISTENTE`), and over an open external-validation discrepancy it
         *     needs that requisito marked CONFORME with a `comentario` (`DISCREPANCIA_ABIERTA`).
         *     Phases: REVISION for INSCRITO (and a reviewer's correction of APTO/OBSERVADO/NO_APTO);
         *     from SUBSANACION until PUBLICACION_FINAL begins for SUBSANADO; CASOS_ESPECIALES for
         *     COMITE_1/COMITE_2 (admin only, COMITE_2 after COMITE_1); otherwise 409.
         */
        post: operations["createRevision"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/subsanar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close the subsanación of an OBSERVADO inscription
         * @description Owner only, in the SUBSANACION phase, while OBSERVADO. During SUBSANACION the owner changes
         *     the observed sections and documents with the wizard's own endpoints (`PUT
         *     /v1/inscripciones/{id}/datos-*`, `PUT|DELETE .../documentos/{tipo}`); anything the observed
         *     requisitos do not cover is 409 `NO_OBSERVADO` (see `subsanables` in `GET .../revisiones`).
         *     Then this call accepts the declaración jurada again, checks completeness (422
         *     `INSCRIPCION_INCOMPLETA`), takes the next snapshot (version 2: new SHA-256 and verification
         *     code), emails its constancia and sets SUBSANADO. Earlier snapshots and replaced documents
         *     stay readable. Not OBSERVADO: 409 `NO_OBSERVADO`; outside SUBSANACION: 409 `FUERA_DE_FASE`.
         */
        post: operations["subsanarInscripcion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/convocatorias/{id}/validaciones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Load an official file and compare it with every declaration (external validation)
         * @description Admin only. Body `text/csv` (≤ 20 MiB): `tipo_documento,numero_documento,valor` (`,` or
         *     `;`, optional header line); `valor` is the colegiatura number (COLEGIATURA) or the grade
         *     0–20 with at most 2 decimals, `.` or `,` (ENAM, EVALUACION_SERUMS, PPP). Every finalized
         *     inscription that declared the value or appears in the file gets CONFORME, DISCREPANCIA
         *     (both values kept) or NO_ENCONTRADO; loading a fuente again replaces its results (audited
         *     with the file's SHA-256). Any bad line (cell count, tipo, number, value out of range, a
         *     document repeated) imports nothing: 422 `ARCHIVO_CON_ERRORES` with every line in
         *     `rechazadas`. An APTO review over an open DISCREPANCIA must mark that requisito CONFORME
         *     with a `comentario`.
         */
        post: operations["cargarValidacion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/vinculo-laboral": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The vínculo laboral PDF (owner, DIRESA scope, admin) */
        get: operations["getVinculoLaboral"];
        /**
         * Accredit a vínculo laboral (equivalente)
         * @description Owner only, for a finalized inscription whose postulación is EQUIVALENTE with
         *     `categoria` VINCULO_LABORAL (else 409 `CONFLICTO`), in the accreditation window: from the
         *     start of SUBSANACION (of PUBLICACION_APTOS when the cronograma has no SUBSANACION) until
         *     PUBLICACION_FINAL begins (else 409 `FUERA_DE_FASE`). Body `application/pdf` ≤ 1,048,576
         *     bytes (415 `PDF_INVALIDO` when it is not a PDF). Replacing keeps the earlier bytes.
         *     Reviewers read it and mark the requisito VINCULO_LABORAL; it decides the equivalente fase.
         */
        put: operations["putVinculoLaboral"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/correcciones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The national team's audited correction of APTO / NO_APTO after PUBLICACION_FINAL begins
         * @description Once PUBLICACION_FINAL has begun, APTO and NO_APTO are frozen: only `admin` may turn one into
         *     the other, with a `motivo` (10 to 2,000 characters; 422 `VALIDACION` without it). The
         *     correction is kept, audited (`inscripcion.corregir` with the reason) and bumps the reviewers'
         *     list version in the same transaction; publish a new version of APTOS_FINAL afterwards
         *     (`POST /v1/convocatorias/{id}/publicaciones`). Before PUBLICACION_FINAL: 409
         *     `FUERA_DE_FASE` (change it with a review). From any other estado, or to the same one: 409
         *     `ESTADO_NO_REVISABLE`. `diresa` and `postulante`: 403.
         */
        post: operations["corregirResultado"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/versiones/{n}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One snapshot of an inscription (1 at finalization, 2... after each subsanación)
         * @description For the owner and the reviewers who may read the inscription (others: 404). `datos` is the
         *     exact snapshot its `sha256_datos` hashes; `documentos` the documents' hashes then; `vigente`
         *     whether it is the version in force. Unknown `n`: 404 `VERSION_NO_ENCONTRADA`.
         */
        get: operations["getInscripcionVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/versiones/{n}/constancia": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The constancia (PDF) of one snapshot
         * @description The constancia of snapshot `n` printed again from the stored snapshot: the same data,
         *     verification code and SHA-256 as the one emailed then. Same access as the snapshot.
         */
        get: operations["getInscripcionVersionConstancia"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/convocatorias/{id}/publicaciones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every published version of every list of a convocatoria */
        get: operations["listPublicaciones"];
        put?: never;
        /**
         * Publish a new version of a list
         * @description Admin only. Each tipo may be published from the start of its phase (APTOS_PRELIMINAR:
         *     PUBLICACION_APTOS; APTOS_FINAL: PUBLICACION_FINAL; SORTEO and ORDEN_MERITO: DESEMPATE_SORTEO; ADJUDICADOS_REMUNERADA and ANULACIONES:
         *     ADJUDICACION_REMUNERADA; ADJUDICADOS_EQUIVALENTE: ADJUDICACION_EQUIVALENTE); before it
         *     409 `FUERA_DE_FASE`.
         *     Publishing APTOS_FINAL waits for every pending review (409 `REVISIONES_PENDIENTES`) and
         *     turns every OBSERVADO that did not subsanar into NO_APTO (audited). ORDEN_MERITO orders
         *     every modalidad × profesión with APTO inscriptions (schema `OrdenMeritoPublicado`); it needs
         *     each group's score policy (404 `POLITICA_NO_ENCONTRADA`), every grade the policy reads (409
         *     `NOTAS_INCOMPLETAS`), the drawn sorteo of a sorteo profession or of ties the desempate chain
         *     leaves (409 `SORTEO_PENDIENTE`) and some APTO inscription (409 `SIN_APTOS`); refused, nothing
         *     is published. Audited.
         */
        post: operations["createPublicacion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/convocatorias/{id}/publicaciones/{tipo}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The latest version of a list
         * @description `{tipo}` may end in `.csv` or `.json`. Cached 5 minutes (`public, max-age=300`) with its
         *     own strong ETag (the SHA-256 of the file served).
         */
        get: operations["getPublicacionUltima"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/convocatorias/{id}/publicaciones/{tipo}/versiones/{n}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One version of a list (immutable)
         * @description `{n}` may end in `.csv` or `.json`. `Cache-Control: public, max-age=31536000, immutable`;
         *     the strong ETag is the file's SHA-256.
         */
        get: operations["getPublicacionVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/publicaciones/{convocatoria}/{tipo}/{archivo}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Static mirror of one version (served by nginx)
         * @description `v{n}.csv` or `v{n}.json`: the same bytes as the API's version, written when it was
         *     published and served by nginx as a static file (`Cache-Control: public, max-age=31536000,
         *     immutable`, CORS `*`), so any CDN can mirror it. Check a copy against the index's SHA-256.
         */
        get: operations["getPublicacionEspejo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/publicaciones/{convocatoria}/{archivo}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Static mirror of the latest version of a tipo (served by nginx)
         * @description `{TIPO}.csv` or `{TIPO}.json`, cached 5 minutes, CORS `*`.
         */
        get: operations["getPublicacionEspejoUltima"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/convocatorias/{id}/politicas/{profesion}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Convocatoria id. */
                id: components["parameters"]["ConvocatoriaId"];
                /** @description Profession code (GET /v1/profesiones). */
                profesion: components["parameters"]["ProfesionCodigo"];
            };
            cookie?: never;
        };
        /** The score policy of a profession (public) */
        get: operations["getPolitica"];
        /**
         * Set the score policy of a profession (admin)
         * @description puntaje_final = Σ peso × nota, × the factor of every bonus whose condition holds,
         *     rounded half-up to `escala` decimals, in exact decimal arithmetic (decimals travel as
         *     strings). With `eleccion_nota` POSTULANTE_ELIGE the one exam component (EVALUACION_SERUMS
         *     or ENAM) takes the exam the postulante chose. `desempate` breaks equal puntajes in order
         *     (a missing grade sorts last); the sorteo key breaks what remains. `modo_adjudicacion`
         *     defaults to the profession's. Allowed until DESEMPATE_SORTEO begins (409
         *     `FASE_INICIADA`), audited. Answers the canonical policy (201 the first time, 200 after).
         */
        put: operations["putPolitica"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/convocatorias/{id}/orden-merito": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Convocatoria id. */
                id: components["parameters"]["ConvocatoriaId"];
            };
            cookie?: never;
        };
        /**
         * The merit order of a profession as it stands (admin preview of ORDEN_MERITO)
         * @description The rows POST .../publicaciones {"tipo": "ORDEN_MERITO"} would publish for this group, in
         *     the list's own shape as version 0 (nothing is stored; sessions take their turns only from
         *     a published version). key = (puntaje_final desc, desempate chain…, sorteo key asc); `n`
         *     counts by puntaje alone (ties share the lowest), `n_adjudicacion` is the final position,
         *     `desempate` names the criterion that placed the row among those it tied with (SORTEO for
         *     the lottery key, null without a tie). Sorteo professions follow the sorteo. Ties left
         *     without a drawn sorteo, or a sorteo profession without its drawn sorteo: 409
         *     `SORTEO_PENDIENTE`; a missing grade: 409 `NOTAS_INCOMPLETAS`.
         */
        get: operations["getOrdenMerito"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/convocatorias/{id}/sorteos": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Convocatoria id. */
                id: components["parameters"]["ConvocatoriaId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Freeze a sorteo (admin, in DESEMPATE_SORTEO)
         * @description Freezes the pool (the APTO inscriptions of the profession and modalidad: their ids
         *     sorted ascending, each followed by LF), publishes H_pool = SHA-256(pool) and the
         *     commitment C = SHA-256(s) of a 32-byte secret s the national team keeps, and the
         *     future public beacon value that will be used. One sorteo per convocatoria ×
         *     modalidad × profesión (409 `SORTEO_EXISTENTE`); no aptos is 409 `SIN_APTOS`; outside
         *     DESEMPATE_SORTEO 409 `FUERA_DE_FASE`. Audited.
         */
        post: operations["congelarSorteo"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sorteos/{id}/revelacion": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Sorteo id. */
                id: components["parameters"]["SorteoId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Draw a frozen sorteo (admin)
         * @description The admin enters the announced beacon's value and reveals s. When SHA-256(s) is not C:
         *     422 `COMPROMISO_NO_COINCIDE` and nothing changes. Otherwise
         *     `seed_input = "SERUMS-SORTEO-v1\n" convocatoria "\n" modalidad "\n" profesion "\n" H_pool "\n" beacon_hex "\n" s_hex "\n"`,
         *     `seed = SHA-256(seed_input)`, `key(id) = HMAC-SHA256(key = the 32 bytes of seed, message = id as decimal text)`,
         *     positions by key ascending, then id. Hex is stored lowercase. A sorteo is drawn once:
         *     again is 409 `SORTEO_REALIZADO` (its result never changes). Audited.
         */
        post: operations["revelarSorteo"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sorteos/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Sorteo id. */
                id: components["parameters"]["SorteoId"];
            };
            cookie?: never;
        };
        /** A sorteo with every input and, once drawn, every key (public) */
        get: operations["getSorteo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/convocatorias/{id}/adjudicaciones": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Convocatoria id. */
                id: components["parameters"]["ConvocatoriaId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an adjudication session from the merit order (admin)
         * @description The turns are the rows of this modalidad × profesión in the latest published ORDEN_MERITO
         *     version (what people saw published is what is adjudicated), without anyone holding a
         *     vigente adjudicación; never published: 409 `ORDEN_NO_PUBLICADO`. Needs the SERVICIO phase
         *     scheduled (409 `SERVICIO_NO_PROGRAMADO`): each adjudicación carries its service period. One open session
         *     per profession and modalidad (409 `SESION_ABIERTA`). `fase` REOFERTA offers only units
         *     freed by a nullity. EQUIVALENTE runs its fases in order, CAUTIVAS → VINCULO_LABORAL →
         *     REGULARES: a fase's session needs a CERRADA session of the fase before it, and no session
         *     of a later fase may exist (409 `FASE_NO_DISPONIBLE`). CAUTIVAS calls only state workers who
         *     claim categoria CAUTIVA with an `entidad` naming a catalog institution and offers only
         *     cautive plazas (a pick of another institution's plaza is 422 `PLAZA_NO_ELEGIBLE`);
         *     VINCULO_LABORAL calls only those whose requisito VINCULO_LABORAL the latest review marked
         *     CONFORME; REGULARES everyone left. Anyone holding a vigente remunerated adjudicación is out
         *     of every equivalente fase and of an equivalente REOFERTA; units taken in one fase are not offered in the next. Audited.
         */
        post: operations["crearSesion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/adjudicaciones/{sesion}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Adjudication session id. */
                sesion: components["parameters"]["SesionId"];
            };
            cookie?: never;
        };
        /** The session's public state (the same content as estado.json) */
        get: operations["getSesion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/adjudicaciones/{sesion}/estado.json": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Adjudication session id. */
                sesion: components["parameters"]["SesionId"];
            };
            cookie?: never;
        };
        /**
         * The session's state as a static file (served by nginx, rewritten on every event)
         * @description Poll it with `If-None-Match`: nginx answers 304 while nothing changed, without touching a
         *     worker, so thousands of people can watch a session.
         */
        get: operations["getSesionEstadoEstatico"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/adjudicaciones/{sesion}/turnos": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Adjudication session id. */
                sesion: components["parameters"]["SesionId"];
            };
            cookie?: never;
        };
        /** The session's turns in order, with their state */
        get: operations["listTurnos"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/adjudicaciones/{sesion}/eventos": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Adjudication session id. */
                sesion: components["parameters"]["SesionId"];
            };
            cookie?: never;
        };
        /**
         * The session's hash-chained log with everything needed to replay it
         * @description `hash = SHA-256("SERUMS-EVENTO-v1\n" seq "\n" prev_hash "\n" turno "\n" inscripcion_id "\n"
         *     accion "\n" plaza_id "\n" resultado "\n" unidad "\n" actor "\n" at "\n")` (absent plaza or
         *     unidad: empty), the first `prev_hash` 64 zeros. Preference lists are shown once the
         *     session is closed.
         */
        get: operations["getSesionLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/adjudicaciones/{sesion}/iniciar": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Adjudication session id. */
                sesion: components["parameters"]["SesionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start or resume a session (admin); a LISTAS session runs to the end at once
         * @description In ADJUDICACION_REMUNERADA / _EQUIVALENTE (409 `FUERA_DE_FASE`; REOFERTA exempt). Audited.
         */
        post: operations["iniciarSesion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/adjudicaciones/{sesion}/pausar": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Adjudication session id. */
                sesion: components["parameters"]["SesionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause a session in course (admin); resuming gives the called turn a full turn again */
        post: operations["pausarSesion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/adjudicaciones/{sesion}/cerrar": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Adjudication session id. */
                sesion: components["parameters"]["SesionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close a session (admin); every turn not final becomes NO_ADJUDICO */
        post: operations["cerrarSesion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/adjudicaciones/{sesion}/elecciones": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Adjudication session id. */
                sesion: components["parameters"]["SesionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The called postulante picks a plaza or gives up (an operator records it for them)
         * @description Only the called turn may act: 409 `NO_ES_SU_TURNO` otherwise (also after its deadline,
         *     which has already passed the turn on). A plaza not offered in this session is 422
         *     `PLAZA_NO_ELEGIBLE`; one without a free unit 422 `PLAZA_SIN_UNIDADES`. An admin acting as
         *     operator names the `inscripcion_id` present in person. Two requests for one turn: one
         *     wins, the other is 409. Audited.
         */
        post: operations["elegirPlaza"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/adjudicaciones/{sesion}/preferencias": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Adjudication session id. */
                sesion: components["parameters"]["SesionId"];
            };
            cookie?: never;
        };
        /** The caller's own list (nobody reads another's) */
        get: operations["getPreferencias"];
        /**
         * File the caller's ordered list of plazas (until the session starts)
         * @description Up to 500 plazas of this session, no repeats (422 per entry `plazas[i]`). A postulante
         *     without a turn in the session gets 404; after the start 409 `SESION_ESTADO`. Audited.
         */
        put: operations["putPreferencias"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/adjudicaciones/{id}/anulacion": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Adjudicación id. */
                id: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Annul an adjudicación (admin); its unit becomes free for a REOFERTA session
         * @description The adjudicación becomes ANULADA and the inscription ANULADO (`anula_inscripcion`) or APTO
         *     again; nobody else's choice is recomputed. The reason is stored, audited and never
         *     published. Already annulled: 409 `ADJUDICACION_ANULADA`.
         */
        post: operations["anularAdjudicacion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/informe": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        /**
         * The whole informe with meses_faltantes
         * @description The serumista, the DIRESA of the plaza (once sent) and admins. Before the first write it is an
         *     empty REGISTRADO informe. `meses_faltantes` lists the months of the period without an Anexo 6
         *     row; `observacion` is the DIRESA's text while OBSERVADO; `sha256` is what the report prints
         *     (set on approval).
         */
        get: operations["getInforme"];
        /**
         * Guardar the conclusiones and recomendaciones
         * @description Each a text up to 4,000 characters or null (clears it). Replaces both.
         */
        put: operations["guardarInforme"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/informe/atenciones/{anio}/{mes}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
                /** @description Year (four digits). */
                anio: string;
                /** @description Month 1–12 of the service period. */
                mes: string;
            };
            cookie?: never;
        };
        get?: never;
        /** Write one month of Anexo 6 (replaces it when present) */
        put: operations["putAtencion"];
        post?: never;
        /** Delete one month of Anexo 6 */
        delete: operations["deleteAtencion"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/informe/actividades": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Write one Anexo 7 row (upsert by anio, mes, rubro, actividad)
         * @description The actividad's whitespace is collapsed before it is compared and stored (3–300 characters).
         *     Writing the same key again replaces its counts.
         */
        put: operations["putActividad"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/informe/actividades/{actividad_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
                /** @description The row's id. */
                actividad_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete one Anexo 7 row */
        delete: operations["deleteActividad"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/informe/enviar": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send the informe to the DIRESA (locks it)
         * @description From REGISTRADO or OBSERVADO. With months missing it is 422 `INFORME_INCOMPLETO` whose
         *     `errors` name each month (`atenciones.2026-07`, code `MES_FALTANTE`) unless the body says
         *     `"confirmar_incompleto": true`. No body is the same as `{}`. Emails the DIRESA's reviewers.
         */
        post: operations["enviarInforme"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/informe/revisiones": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The DIRESA approves or observes a sent informe
         * @description Only the DIRESA of the plaza (another DIRESA: 404), only while ENVIADO (409
         *     `INFORME_NO_ENVIADO`). OBSERVADO needs `observacion` (3–4,000 characters) and makes the
         *     informe editable again; APROBADO fixes the SHA-256 the report prints. Emails the serumista.
         */
        post: operations["revisarInforme"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/informe/resolucion": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The DIRESA records the resolución of an approved informe
         * @description Only APROBADO (else 409 `INFORME_NO_APROBADO`, or `INFORME_YA_RESUELTO`). Emails the serumista.
         */
        post: operations["resolverInforme"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inscripciones/{id}/informe.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        /**
         * The printed Reporte de Informe Final
         * @description The serumista, the DIRESA of the plaza and admins; only APROBADO or RESOLUCION (else 409
         *     `INFORME_NO_APROBADO`). Serumista, plaza and period, Anexo 6 with totals, Anexo 7,
         *     conclusiones, recomendaciones, the resolución once recorded, and the informe's SHA-256 (the
         *     `sha256` of GET .../informe).
         */
        get: operations["getInformePdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/convocatorias/{id}/informes": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Convocatoria id. */
                id: string;
            };
            cookie?: never;
        };
        /**
         * The informes a DIRESA reviews (its own DIRESA; admins all)
         * @description Informes sent at least once, by id ascending, one query per page.
         */
        get: operations["listInformes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem details. */
        Problem: {
            /** Format: uri */
            type: string;
            title: string;
            status: number;
            detail: string;
            /**
             * @description Stable code for programs (api/problemas.def): ACTIVIDAD_NO_ENCONTRADA (404, Actividad no encontrada); ADJUDICACION_ANULADA (409, Adjudicación ya anulada); ADJUDICACION_NO_ENCONTRADA (404, Adjudicación no encontrada); ARCHIVO_CON_ERRORES (422, Archivo con errores); ARCHIVO_NO_ES_CSV (415, El archivo no es CSV); ARCHIVO_VACIO (400, Archivo vacío); ATENCION_NO_ENCONTRADA (404, Mes de atención no encontrado); BD_NO_DISPONIBLE (503, Base de datos no disponible); BD_OCUPADA (503, Base de datos ocupada); CABECERA_NO_ENCONTRADA (422, Cabecera no encontrada); CAPTCHA_NO_DISPONIBLE (503, Captcha no disponible); COLUMNAS_FALTANTES (422, Faltan columnas en la cabecera); COMPROMISO_NO_COINCIDE (422, El secreto no coincide con el compromiso); CONFLICTO (409, Conflicto con el estado actual); CONSULTA_INVALIDA (400, Consulta inválida); CONTRASENA_REUTILIZADA (422, Contraseña usada antes); CONVOCATORIA_DUPLICADA (409, Convocatoria duplicada); CONVOCATORIA_NO_ENCONTRADA (404, Convocatoria no encontrada); CREDENCIALES_INVALIDAS (401, Credenciales inválidas); CSV_MALFORMADO (422, CSV mal formado); CUENTA_BLOQUEADA (429, Cuenta bloqueada temporalmente); CUERPO_DEMASIADO_GRANDE (413, Cuerpo demasiado grande); CUERPO_INCOMPLETO (400, Cuerpo incompleto); CUERPO_VACIO (400, Cuerpo vacío); DELIMITADOR_INVALIDO (422, Delimitador inválido); DEMASIADAS_SOLICITUDES (429, Demasiadas solicitudes); DEPARTAMENTO_NO_ENCONTRADO (404, Departamento no encontrado); DOCUMENTO_NO_ENCONTRADO (404, Documento no encontrado); DOCUMENTO_REGISTRADO (409, Documento ya registrado); EMAIL_REGISTRADO (409, Correo ya registrado); ERROR_INTERNO (500, Error interno); ESTADO_NO_REVISABLE (409, La inscripción no se puede revisar en su estado); FASE_INICIADA (409, La fase ya comenzó); FASE_NO_DISPONIBLE (409, Fase de adjudicación no disponible); FUERA_DE_FASE (409, Fuera de la fase del cronograma); IDENTIDAD_NO_DISPONIBLE (503, Registro de identidad no disponible); INFORME_INCOMPLETO (422, Informe incompleto); INFORME_NO_APROBADO (409, Informe no aprobado); INFORME_NO_EDITABLE (409, Informe no editable); INFORME_NO_ENCONTRADO (404, Informe no encontrado); INFORME_NO_ENVIADO (409, Informe no enviado); INFORME_YA_RESUELTO (409, Informe con resolución); INICIO_EN_CURSO (429, Inicio de sesión en curso); INSCRIPCION_EXISTENTE (409, Inscripción existente); INSCRIPCION_FINALIZADA (409, Inscripción finalizada); INSCRIPCION_INCOMPLETA (422, Inscripción incompleta); INSCRIPCION_NO_ENCONTRADA (404, Inscripción no encontrada); INSCRIPCION_NO_FINALIZADA (409, Inscripción no finalizada); JSON_INVALIDO (400, JSON inválido); LONGITUD_INVALIDA (400, Longitud inválida); METODO_NO_PERMITIDO (405, Método no permitido); MIGRACIONES_PENDIENTES (503, Migraciones pendientes); NOTAS_INCOMPLETAS (409, Notas incompletas); NO_AUTENTICADO (401, No autenticado); NO_ES_SU_TURNO (409, No es su turno); NO_LISTO (503, Servicio no listo); NO_OBSERVADO (409, No fue observado); OFERTA_CON_ERRORES (422, Oferta con errores); OFERTA_SIN_FILAS (422, Oferta sin filas); ORDEN_NO_PUBLICADO (409, Orden de mérito no publicado); PARAMETRO_INVALIDO (400, Parámetro inválido); PDF_INVALIDO (415, PDF inválido); PLAZA_NO_ELEGIBLE (422, Plaza no elegible); PLAZA_SIN_UNIDADES (422, Plaza sin unidades libres); POLITICA_NO_ENCONTRADA (404, Política de puntaje no encontrada); PROFESION_NO_ENCONTRADA (404, Profesión no encontrada); PROHIBIDO (403, Prohibido); PROVINCIA_NO_ENCONTRADA (404, Provincia no encontrada); PUBLICACION_NO_ENCONTRADA (404, Publicación no encontrada); REFRESH_INVALIDO (401, Sesión no válida); REFRESH_REUTILIZADO (401, Token de renovación reutilizado); REVISIONES_PENDIENTES (409, Revisiones pendientes); RUTA_INVALIDA (400, Ruta inválida); RUTA_NO_ENCONTRADA (404, Ruta no encontrada); SERVICIO_NO_DISPONIBLE (503, Servicio no disponible); SERVICIO_NO_PROGRAMADO (409, Periodo de servicio no programado); SERVICIO_SIN_RESPUESTA (502, Servicio sin respuesta); SESION_ABIERTA (409, Ya hay una sesión abierta de esa profesión); SESION_ESTADO (409, La sesión no admite esta acción en su estado); SESION_NO_ENCONTRADA (404, Sesión de adjudicación no encontrada); SIN_APTOS (409, Sin inscripciones aptas); SOLICITUD_INVALIDA (400, Solicitud inválida); SORTEO_EXISTENTE (409, Sorteo ya congelado); SORTEO_NO_ENCONTRADO (404, Sorteo no encontrado); SORTEO_PENDIENTE (409, Sorteo pendiente); SORTEO_REALIZADO (409, Sorteo ya realizado); TIEMPO_AGOTADO (504, Tiempo de espera agotado); TIPO_DOCUMENTO_DESCONOCIDO (404, Tipo de documento desconocido); TIPO_NO_SOPORTADO (415, Tipo de contenido no soportado); VALIDACION (422, Datos inválidos); VERSION_DESACTUALIZADA (409, Versión desactualizada); VERSION_NO_ENCONTRADA (404, Versión de la inscripción no encontrada); VERSION_REQUERIDA (428, Versión requerida).
             * @enum {string}
             */
            code: "ACTIVIDAD_NO_ENCONTRADA" | "ADJUDICACION_ANULADA" | "ADJUDICACION_NO_ENCONTRADA" | "ARCHIVO_CON_ERRORES" | "ARCHIVO_NO_ES_CSV" | "ARCHIVO_VACIO" | "ATENCION_NO_ENCONTRADA" | "BD_NO_DISPONIBLE" | "BD_OCUPADA" | "CABECERA_NO_ENCONTRADA" | "CAPTCHA_NO_DISPONIBLE" | "COLUMNAS_FALTANTES" | "COMPROMISO_NO_COINCIDE" | "CONFLICTO" | "CONSULTA_INVALIDA" | "CONTRASENA_REUTILIZADA" | "CONVOCATORIA_DUPLICADA" | "CONVOCATORIA_NO_ENCONTRADA" | "CREDENCIALES_INVALIDAS" | "CSV_MALFORMADO" | "CUENTA_BLOQUEADA" | "CUERPO_DEMASIADO_GRANDE" | "CUERPO_INCOMPLETO" | "CUERPO_VACIO" | "DELIMITADOR_INVALIDO" | "DEMASIADAS_SOLICITUDES" | "DEPARTAMENTO_NO_ENCONTRADO" | "DOCUMENTO_NO_ENCONTRADO" | "DOCUMENTO_REGISTRADO" | "EMAIL_REGISTRADO" | "ERROR_INTERNO" | "ESTADO_NO_REVISABLE" | "FASE_INICIADA" | "FASE_NO_DISPONIBLE" | "FUERA_DE_FASE" | "IDENTIDAD_NO_DISPONIBLE" | "INFORME_INCOMPLETO" | "INFORME_NO_APROBADO" | "INFORME_NO_EDITABLE" | "INFORME_NO_ENCONTRADO" | "INFORME_NO_ENVIADO" | "INFORME_YA_RESUELTO" | "INICIO_EN_CURSO" | "INSCRIPCION_EXISTENTE" | "INSCRIPCION_FINALIZADA" | "INSCRIPCION_INCOMPLETA" | "INSCRIPCION_NO_ENCONTRADA" | "INSCRIPCION_NO_FINALIZADA" | "JSON_INVALIDO" | "LONGITUD_INVALIDA" | "METODO_NO_PERMITIDO" | "MIGRACIONES_PENDIENTES" | "NOTAS_INCOMPLETAS" | "NO_AUTENTICADO" | "NO_ES_SU_TURNO" | "NO_LISTO" | "NO_OBSERVADO" | "OFERTA_CON_ERRORES" | "OFERTA_SIN_FILAS" | "ORDEN_NO_PUBLICADO" | "PARAMETRO_INVALIDO" | "PDF_INVALIDO" | "PLAZA_NO_ELEGIBLE" | "PLAZA_SIN_UNIDADES" | "POLITICA_NO_ENCONTRADA" | "PROFESION_NO_ENCONTRADA" | "PROHIBIDO" | "PROVINCIA_NO_ENCONTRADA" | "PUBLICACION_NO_ENCONTRADA" | "REFRESH_INVALIDO" | "REFRESH_REUTILIZADO" | "REVISIONES_PENDIENTES" | "RUTA_INVALIDA" | "RUTA_NO_ENCONTRADA" | "SERVICIO_NO_DISPONIBLE" | "SERVICIO_NO_PROGRAMADO" | "SERVICIO_SIN_RESPUESTA" | "SESION_ABIERTA" | "SESION_ESTADO" | "SESION_NO_ENCONTRADA" | "SIN_APTOS" | "SOLICITUD_INVALIDA" | "SORTEO_EXISTENTE" | "SORTEO_NO_ENCONTRADO" | "SORTEO_PENDIENTE" | "SORTEO_REALIZADO" | "TIEMPO_AGOTADO" | "TIPO_DOCUMENTO_DESCONOCIDO" | "TIPO_NO_SOPORTADO" | "VALIDACION" | "VERSION_DESACTUALIZADA" | "VERSION_NO_ENCONTRADA" | "VERSION_REQUERIDA";
            request_id?: string;
            errors?: components["schemas"]["FieldError"][];
        };
        FieldError: {
            field: string;
            code: string;
            message: string;
        };
        Health: {
            /** @enum {string} */
            status: "ok";
        };
        Ready: {
            /** @enum {string} */
            status: "ok";
            /** @enum {string} */
            database: "ok";
            migrations: number;
        };
        ApiRoot: {
            name: string;
            version: string;
            openapi: string;
        };
        EmailRequest: {
            /** Format: email */
            email: string;
        };
        AuthAccepted: {
            mensaje: string;
        };
        RegisterRequest: {
            /** Format: email */
            email: string;
            codigo_verificacion: string;
            /** @enum {string} */
            tipo_documento: "DNI" | "CE";
            /** @description DNI, 8 digits; CE, 6-12 digits and capital letters. */
            numero_documento: string;
            /** @description DNI only; the check digit printed on it (a digit or a letter). */
            digito_verificacion?: string;
            /** Format: date */
            fecha_nacimiento: string;
            /**
             * Format: date
             * @description Required for DNI; optional for CE.
             */
            fecha_emision?: string;
            /** @description CE only, when SUNEDU registered another document number. */
            numero_documento_sunedu?: string;
            password: string;
            /** @description Required when the server verifies captchas (reCAPTCHA siteverify). */
            captcha_token?: string;
            nombres?: string;
            apellido_paterno?: string;
            apellido_materno?: string;
        };
        LoginRequest: {
            email: string;
            password: string;
            /**
             * @default web
             * @enum {string}
             */
            client: "web" | "mobile";
            /** @description Required only after repeated failures for this email from many addresses. */
            captcha_token?: string;
        };
        RefreshRequest: {
            /** @description Mobile clients only; the web client relies on the cookie. */
            refresh_token?: string;
        };
        AuthTokens: {
            /** @description JWT HS256: sub, rol, diresa, iat, exp, iss, aud, jti. */
            access_token: string;
            /** @enum {string} */
            token_type: "Bearer";
            /** @description Seconds (900). */
            expires_in: number;
            /** @description Mobile client only. */
            refresh_token?: string;
            /** @description Mobile client only; seconds. */
            refresh_expires_in?: number;
        };
        ResetConfirmRequest: {
            token: string;
            password: string;
        };
        ChangePasswordRequest: {
            password_actual: string;
            password_nuevo: string;
        };
        Perfil: {
            id: number;
            email: string;
            /** @enum {string} */
            rol: "postulante" | "diresa" | "admin";
            /** @description DIRESA code for diresa users. */
            diresa: string | null;
            /** @enum {string|null} */
            tipo_documento: "DNI" | "CE" | null;
            numero_documento: string | null;
            numero_documento_sunedu: string | null;
            /** Format: date */
            fecha_nacimiento: string | null;
            nombres: string | null;
            apellido_paterno: string | null;
            apellido_materno: string | null;
            /** Format: date-time */
            creado_at: string;
        };
        UsuarioResumen: {
            id: number;
            email: string;
            /** @enum {string} */
            rol: "postulante" | "diresa" | "admin";
            diresa: string | null;
            activo: boolean;
            /** @enum {string|null} */
            tipo_documento: "DNI" | "CE" | null;
            numero_documento: string | null;
            nombres: string | null;
            apellido_paterno: string | null;
            apellido_materno: string | null;
            /** Format: date-time */
            creado_at: string;
        };
        UsuarioPage: {
            items: components["schemas"]["UsuarioResumen"][];
            next_cursor: string | null;
            total: number;
        };
        /** @description INEI ubigeo code (departamento `DD0000`, provincia `DDPP00`, distrito `DDPPdd`). */
        CodigoUbigeo: string;
        /** @description Pass as `cursor` for the next page; null on the last page. */
        NextCursor: string | null;
        Profesion: {
            /** @example MEDICINA */
            codigo: string;
            /** @example Medicina Humana */
            nombre: string;
            /** @enum {string} */
            grupo: "MEDICINA" | "CIENCIAS_SALUD" | "OTRAS";
            /** @enum {string} */
            modo_adjudicacion: "MERITO" | "SORTEO";
            /** @description Promedio ponderado promocional with its PDF. */
            requiere_ppp: boolean;
            /** @description Nota ENAM with its PDF (MEDICINA). */
            requiere_enam: boolean;
            /** @description Grades the applicant chooses from for adjudication (empty when by lottery). */
            notas_adjudicacion: ("EXAMEN_NACIONAL" | "EVALUACION_SERUMS" | "ENAM")[];
            /** @description Spelling in the MINSA offer files. */
            nombre_oferta: string;
        };
        ProfesionPage: {
            items: components["schemas"]["Profesion"][];
            next_cursor: components["schemas"]["NextCursor"];
            total: number;
        };
        Diresa: {
            /** @example LIMA_SUR */
            codigo: string;
            /** @example DIRIS Lima Sur */
            nombre: string;
            /** @description The payment receipt is waived for this DIRESA. */
            exonera_comprobante: boolean;
        };
        DiresaPage: {
            items: components["schemas"]["Diresa"][];
            next_cursor: components["schemas"]["NextCursor"];
            total: number;
        };
        Institucion: {
            /** @example GOBIERNO_REGIONAL */
            codigo: string;
            nombre: string;
        };
        InstitucionPage: {
            items: components["schemas"]["Institucion"][];
            next_cursor: components["schemas"]["NextCursor"];
            total: number;
        };
        Departamento: {
            codigo: components["schemas"]["CodigoUbigeo"];
            nombre: string;
        };
        DepartamentoPage: {
            items: components["schemas"]["Departamento"][];
            next_cursor: components["schemas"]["NextCursor"];
            total: number;
        };
        Provincia: {
            codigo: components["schemas"]["CodigoUbigeo"];
            nombre: string;
            departamento_codigo: components["schemas"]["CodigoUbigeo"];
        };
        ProvinciaPage: {
            items: components["schemas"]["Provincia"][];
            next_cursor: components["schemas"]["NextCursor"];
            total: number;
        };
        Distrito: {
            codigo: components["schemas"]["CodigoUbigeo"];
            nombre: string;
            provincia_codigo: components["schemas"]["CodigoUbigeo"];
        };
        DistritoPage: {
            items: components["schemas"]["Distrito"][];
            next_cursor: components["schemas"]["NextCursor"];
            total: number;
        };
        /** @enum {string} */
        Fase: "INSCRIPCION" | "REVISION" | "PUBLICACION_APTOS" | "SUBSANACION" | "PUBLICACION_FINAL" | "CASOS_ESPECIALES" | "DESEMPATE_SORTEO" | "ADJUDICACION_REMUNERADA" | "ADJUDICACION_EQUIVALENTE" | "SERVICIO" | "INFORME_FINAL";
        FaseVentana: {
            fase: components["schemas"]["Fase"];
            /**
             * @description The phase's name for people, in Spanish.
             * @example Inscripción
             */
            etiqueta: string;
            /** Format: date-time */
            inicia: string;
            /**
             * Format: date-time
             * @description Exclusive end.
             */
            termina: string;
            /** @description The window holds the server's clock now. */
            vigente: boolean;
        };
        Convocatoria: {
            id: number;
            /** @example 2026-I */
            codigo: string;
            anio: number;
            /** @enum {string} */
            periodo: "I" | "II";
            /** @enum {string} */
            tipo: "ORDINARIO" | "EXTRAORDINARIO";
            /** @description The phase in force now, or null between phases. */
            fase_actual: components["schemas"]["Fase"] | null;
            /** @description Spanish label of `fase_actual`. */
            fase_actual_etiqueta: string | null;
            /**
             * Format: date-time
             * @description The server's clock that judged the phases.
             */
            ahora: string;
            /** @description Scheduled phases in their order. */
            cronograma: components["schemas"]["FaseVentana"][];
            /**
             * @description What the caller may do in this convocatoria now, as the server's phase checks decide
             *     (anonymous callers get the public actions; send the Bearer token to get your role's).
             *     Codes: `VER_PLAZAS`, `INSCRIBIRSE` (postulante, INSCRIPCION), `PROGRAMAR_CRONOGRAMA`
             *     (admin), `IMPORTAR_OFERTA` (admin, until ADJUDICACION_REMUNERADA starts); later
             *     stages add theirs.
             */
            acciones: {
                /** @example INSCRIBIRSE */
                accion: string;
                /** @example Inscribirse o completar la inscripción */
                etiqueta: string;
            }[];
            /** Format: date-time */
            creado_at: string;
            /** Format: date-time */
            actualizado_at: string;
        };
        ConvocatoriaPage: {
            items: components["schemas"]["Convocatoria"][];
            next_cursor: components["schemas"]["NextCursor"];
            total: number;
        };
        ConvocatoriaCreate: {
            /** @example 2026-II */
            codigo: string;
            anio: number;
            /** @enum {string} */
            periodo: "I" | "II";
            /** @enum {string} */
            tipo: "ORDINARIO" | "EXTRAORDINARIO";
        };
        CronogramaPatch: {
            fases: {
                fase: components["schemas"]["Fase"];
                /**
                 * Format: date-time
                 * @example 2026-02-02T09:00:00-05:00
                 */
                inicia: string;
                /** Format: date-time */
                termina: string;
            }[];
        };
        /** @enum {string} */
        Modalidad: "REMUNERADA" | "EQUIVALENTE";
        LineaOferta: {
            /** @description Line of the file where the row starts (1-based). */
            linea: number;
            motivo: string;
        };
        ImportacionOferta: {
            importacion_id: number;
            convocatoria_id: number;
            modalidad: components["schemas"]["Modalidad"];
            /** @description Offer rows read (headers, notes and blank lines aside). */
            filas_leidas: number;
            filas_importadas: number;
            /** @description Sum of N° PLAZAS. */
            plazas: number;
            /** @description Establishments created or updated. */
            establecimientos: number;
            rechazadas: components["schemas"]["LineaOferta"][];
            /** @description Places matched approximately or not found (imported without that code). */
            advertencias: components["schemas"]["LineaOferta"][];
        };
        /** @description A problem; with `OFERTA_CON_ERRORES` it also carries the report. */
        OfertaRechazada: components["schemas"]["Problem"] & {
            convocatoria_id?: number;
            modalidad?: components["schemas"]["Modalidad"];
            filas_leidas?: number;
            /** @constant */
            filas_importadas?: 0;
            /** @constant */
            plazas?: 0;
            rechazadas?: components["schemas"]["LineaOferta"][];
            advertencias?: components["schemas"]["LineaOferta"][];
        };
        Lugar: {
            /** @description INEI code; null when the file's name matched no place. */
            codigo: components["schemas"]["CodigoUbigeo"] | null;
            /** @description Catalog name, or the name the file gave. */
            nombre: string | null;
        };
        CodigoNombre: {
            codigo: string;
            nombre: string;
        };
        Plaza: {
            id: number;
            modalidad: components["schemas"]["Modalidad"];
            profesion: components["schemas"]["CodigoNombre"];
            diresa: components["schemas"]["CodigoNombre"];
            institucion: components["schemas"]["CodigoNombre"];
            /** @description 2026 files only. */
            institucion_ofertante: string | null;
            establecimiento: {
                renipress: string;
                /** @description As this offer names it. */
                nombre: string;
                /** @example I-3 */
                categoria: string | null;
                latitud: number | null;
                longitud: number | null;
            };
            departamento: components["schemas"]["Lugar"];
            provincia: components["schemas"]["Lugar"];
            distrito: components["schemas"]["Lugar"];
            grado_dificultad: number;
            /** @description Zona de atención focalizada (bono ZAF). */
            zaf: boolean;
            /** @description Zona de emergencia (bono ZE, VRAEM). */
            ze: boolean;
            /** @description Plazas in this row. */
            cantidad: number;
            sede: string | null;
            presupuesto: string | null;
        };
        PlazaPage: {
            items: components["schemas"]["Plaza"][];
            next_cursor: components["schemas"]["NextCursor"];
            /** @description Matching offer rows. */
            total: number;
        };
        ResumenPlazas: {
            convocatoria_id: number;
            /** @enum {string} */
            por: "profesion" | "diresa" | "departamento";
            items: {
                codigo: string | null;
                nombre: string | null;
                filas: number;
                plazas: number;
            }[];
            filas: number;
            plazas: number;
        };
        /** @enum {string} */
        TipoDocumento: "PPP" | "ENAM" | "FFAA" | "DISCAPACIDAD" | "RENUNCIA" | "COMPROBANTE";
        /** @description Grade 0–20 with at most two decimals. */
        Nota: number;
        Sha256: string;
        /** Format: date-time */
        Instante: string;
        /** @description Request body, and the section as stored (every field present, null when not given). */
        DatosPersonales: {
            /** @description ISO 3166-1 alpha-2. */
            pais_nacimiento: string;
            /** @description INEI district code. */
            ubigeo_residencia: string;
            direccion: string;
            /** @enum {string} */
            estado_civil: "SOLTERO" | "CASADO" | "VIUDO" | "DIVORCIADO" | "CONVIVIENTE";
            apellido_casada?: string | null;
            celular: string;
            telefono_fijo?: string | null;
            contacto_emergencia_nombre: string;
            contacto_emergencia_celular: string;
            licenciado_ffaa: boolean;
            discapacidad: boolean;
        };
        /** @description Request body, and the section as stored (every field present, null when not given). */
        DatosProfesionales: {
            pais_universidad: string;
            universidad: string;
            /** @description Code from GET /v1/profesiones. */
            profesion: string;
            numero_colegiatura: string;
            institucion_revalida?: string | null;
            /** Format: date */
            fecha_titulacion: string;
            nota_ppp?: components["schemas"]["Nota"] | null;
            nota_enam?: components["schemas"]["Nota"] | null;
            nota_evaluacion_serums?: components["schemas"]["Nota"] | null;
            /** @enum {string|null} */
            nota_adjudicacion?: "ENAM" | "EXAMEN_NACIONAL" | "EVALUACION_SERUMS" | null;
        };
        /** @description Request body, and the section as stored (every field present, null when not given). */
        DatosPostulacion: {
            convalida_servicer: boolean;
            pensionista_estado: boolean;
            trabajador_estado: boolean;
            /** @enum {string|null} */
            tipo_planilla?: "NOMBRADO" | "CONTRATADO" | "CAS" | null;
            entidad?: string | null;
            institucion_laboral?: string | null;
            docente: boolean;
            /** @description Code from GET /v1/diresas. */
            diresa?: string | null;
            /** @enum {string} */
            modalidad: "REMUNERADA" | "EQUIVALENTE";
            /** @enum {string|null} */
            categoria?: "REGULAR" | "CAUTIVA" | "VINCULO_LABORAL" | null;
            /** @enum {string} */
            regimen_pensionario: "ONP" | "AFP" | "NINGUNO";
            comprobante_numero?: string | null;
            /** Format: date */
            comprobante_fecha?: string | null;
            caso_especial?: boolean | null;
            /** @description Code from GET /v1/instituciones (caso especial). */
            institucion?: string | null;
        };
        DeclaracionJurada: {
            acepta: boolean;
        };
        DocumentoSubido: {
            tipo: components["schemas"]["TipoDocumento"];
            tamano: number;
            sha256: components["schemas"]["Sha256"];
            subido_at: components["schemas"]["Instante"];
        };
        DocumentoInscripcion: {
            tipo: components["schemas"]["TipoDocumento"];
            tamano: number;
            sha256: components["schemas"]["Sha256"];
            subido_at: components["schemas"]["Instante"];
            /** @description Whether the current answers require it. */
            requerido: boolean;
        };
        Inscripcion: {
            id: number;
            /**
             * @description The row version, also the strong ETag of `GET /v1/inscripciones/{id}`; a review sends it
             *     back (`If-Match` or `version`) and a stale one is 409 (design/revision-publicacion.md).
             */
            version?: number;
            convocatoria: {
                id: number;
                codigo: string;
            };
            /** @enum {string} */
            estado: "BORRADOR" | "INSCRITO" | "APTO" | "OBSERVADO" | "SUBSANADO" | "NO_APTO" | "ADJUDICADO" | "ANULADO";
            postulante: {
                id: number;
                /** @enum {string|null} */
                tipo_documento: "DNI" | "CE" | null;
                numero_documento: string | null;
                nombres: string | null;
                apellido_paterno: string | null;
                apellido_materno: string | null;
            };
            datos_personales: components["schemas"]["DatosPersonales"] | null;
            datos_profesionales: components["schemas"]["DatosProfesionales"] | null;
            datos_postulacion: components["schemas"]["DatosPostulacion"] | null;
            declaracion_jurada: components["schemas"]["DeclaracionJurada"] | null;
            documentos: components["schemas"]["DocumentoInscripcion"][];
            /** @description What the current answers require. */
            documentos_requeridos: components["schemas"]["TipoDocumento"][];
            /** @description Everything that keeps it from being finalized (empty when complete). */
            faltantes: components["schemas"]["FieldError"][];
            completa: boolean;
            /**
             * @description For an ADJUDICADO inscription, its VIGENTE adjudicación: the plaza, the service period
             *     [inicio, fin) and its informe final (state and path); null otherwise.
             */
            adjudicacion: null | {
                plaza: {
                    id: number;
                    renipress: string;
                    establecimiento: string;
                    diresa: string;
                    /** @enum {string} */
                    modalidad: "REMUNERADA" | "EQUIVALENTE";
                    profesion: string;
                };
                periodo: {
                    /** Format: date */
                    inicio: string;
                    /** Format: date */
                    fin: string;
                };
                informe: {
                    estado: components["schemas"]["EstadoInforme"];
                    /** @example /v1/inscripciones/4217/informe */
                    url: string;
                };
            };
            creado_at: components["schemas"]["Instante"];
            actualizado_at: components["schemas"]["Instante"];
            /** Format: date-time */
            finalizado_at: string | null;
            /** @description Printed on the constancia (Crockford base 32). */
            codigo_verificacion: string | null;
            /** @description SHA-256 of the finalized snapshot. */
            sha256_datos: string | null;
        };
        InscripcionLista: {
            items: components["schemas"]["Inscripcion"][];
            next_cursor: string | null;
            total: number;
        };
        /** @enum {string} */
        EstadoInscripcion: "BORRADOR" | "INSCRITO" | "APTO" | "OBSERVADO" | "SUBSANADO" | "NO_APTO" | "ADJUDICADO" | "ANULADO";
        /** @enum {string} */
        Requisito: "IDENTIDAD" | "TITULO_SUNEDU" | "COLEGIATURA" | "NOTA_PPP" | "NOTA_ENAM" | "NOTA_EVALUACION_SERUMS" | "FFAA" | "DISCAPACIDAD" | "COMPROBANTE" | "VINCULO_LABORAL" | "RENUNCIA" | "DATOS_PERSONALES";
        RevisionLista: {
            items: components["schemas"]["RevisionListaItem"][];
            next_cursor: string | null;
            total: number;
            /** @description Counts by estado over every filter but `estado`. */
            resumen: {
                [key: string]: number;
            };
        };
        RevisionListaItem: {
            id: number;
            estado: components["schemas"]["EstadoInscripcion"];
            postulante: {
                /** @enum {string|null} */
                tipo_documento: "DNI" | "CE" | null;
                numero_documento: string | null;
                apellidos_nombres: string | null;
            };
            profesion: string | null;
            /** @enum {string|null} */
            modalidad: "REMUNERADA" | "EQUIVALENTE" | null;
            /** @description null for state workers (equivalente, no DIRESA). */
            diresa: string | null;
            /** Format: date-time */
            finalizado_at: string;
            /** Format: date-time */
            revisado_at: string | null;
            /** @description Result of each external validation fuente loaded (COLEGIATURA, ENAM, EVALUACION_SERUMS, PPP). */
            validaciones: {
                [key: string]: "CONFORME" | "DISCREPANCIA" | "NO_ENCONTRADO";
            };
        };
        RevisionNueva: {
            /** @enum {string} */
            resultado: "APTO" | "OBSERVADO" | "NO_APTO";
            /** @description For the postulante (required for OBSERVADO and NO_APTO). */
            observacion?: string;
            requisitos?: {
                requisito: components["schemas"]["Requisito"];
                /** @enum {string} */
                estado: "CONFORME" | "OBSERVADO";
                comentario?: string;
            }[];
            /** @description The inscription version read (alternative to If-Match). */
            version?: number;
            /**
             * @default REVISION
             * @enum {string}
             */
            instancia: "REVISION" | "COMITE_1" | "COMITE_2";
        };
        RevisionRegistrada: {
            id: number;
            inscripcion_id: number;
            /** @enum {string} */
            instancia: "REVISION" | "COMITE_1" | "COMITE_2";
            /** @enum {string} */
            resultado: "APTO" | "OBSERVADO" | "NO_APTO";
            estado: components["schemas"]["EstadoInscripcion"];
            version: number;
            /** Format: date-time */
            revisado_at: string;
        };
        RevisionHistorial: {
            inscripcion_id: number;
            estado: components["schemas"]["EstadoInscripcion"];
            version: number;
            /** @description The snapshot in force (1 finalized, 2+ after subsanación). */
            datos_version: number;
            subsanables: {
                secciones: ("datos_personales" | "datos_profesionales" | "datos_postulacion")[];
                documentos: string[];
            };
            revisiones: {
                id: number;
                /** @enum {string} */
                instancia: "REVISION" | "COMITE_1" | "COMITE_2";
                /** @enum {string} */
                resultado: "APTO" | "OBSERVADO" | "NO_APTO";
                observacion: string | null;
                requisitos_observados: components["schemas"]["Requisito"][];
                /** Format: date-time */
                revisado_at: string;
                datos_version: number;
                /** @description Reviewers and admin only. */
                revisor?: {
                    id: number;
                    email: string;
                    diresa: string | null;
                };
                /** @description Reviewers and admin only. */
                requisitos?: Record<string, never>[];
                /** @description Reviewers and admin only. */
                inscripcion_version?: number;
                /** @description Reviewers and admin only. */
                sha256_datos?: string;
                /** @description Reviewers and admin only: [{tipo, sha256, tamano}] as reviewed. */
                documentos?: Record<string, never>[];
            }[];
            versiones: {
                version: number;
                sha256_datos: string;
                codigo_verificacion: string;
                documentos: Record<string, never>[];
                /** Format: date-time */
                creado_at: string;
            }[];
        };
        /** @enum {string} */
        TipoPublicacion: "APTOS_PRELIMINAR" | "APTOS_FINAL" | "SORTEO" | "ORDEN_MERITO" | "ADJUDICADOS_REMUNERADA" | "ADJUDICADOS_EQUIVALENTE" | "ANULACIONES";
        PublicacionVersion: {
            tipo: components["schemas"]["TipoPublicacion"];
            version: number;
            /** Format: date-time */
            publicado_at: string;
            filas: number;
            /** @description SHA-256 of the CSV file (the version's identity). */
            sha256: string;
            /** @description SHA-256 of the JSON file. */
            sha256_json: string;
            urls: {
                json: string;
                csv: string;
            };
            /** @description The static copies nginx serves (any CDN can mirror them). */
            espejo: {
                json: string;
                csv: string;
            };
        };
        PublicacionLista: {
            /** @description The convocatoria's code. */
            convocatoria: string;
            tipo: components["schemas"]["TipoPublicacion"];
            /** @description From 1; 0 in the admin preview of ORDEN_MERITO (never stored). */
            version: number;
            /** Format: date-time */
            publicado_at: string;
            /** @description SHA-256 of the CSV file of this version. */
            sha256: string;
            filas: number;
            items: (components["schemas"]["AptoPublicado"] | components["schemas"]["SorteoPublicado"] | components["schemas"]["OrdenMeritoPublicado"] | components["schemas"]["AdjudicadoPublicado"] | components["schemas"]["AnulacionPublicada"])[];
        };
        AptoPublicado: {
            n: number;
            apellidos_nombres: string;
            documento: string;
            profesion: string | null;
            modalidad: string | null;
            diresa_procedencia: string | null;
            /** @enum {string} */
            estado: "APTO" | "OBSERVADO" | "NO_APTO";
            /** @enum {string|null} */
            observacion_publica: "CASO_ESPECIAL" | null;
        };
        /** @description One row of the SORTEO list (a drawn id with every input of its sorteo). */
        SorteoPublicado: {
            sorteo_id: number;
            /** @enum {string} */
            modalidad: "REMUNERADA" | "EQUIVALENTE";
            profesion: string;
            posicion: number;
            inscripcion_id: number;
            clave: string;
            pool_n: number;
            h_pool: string;
            compromiso: string;
            secreto: string;
            beacon_fuente: string;
            beacon_ronda: string;
            beacon_valor: string;
            seed_input: string;
            seed: string;
        };
        /** @description An exact decimal written as text (never a binary float). */
        Decimal: string;
        /** @enum {string} */
        NotaFuente: "EVALUACION_SERUMS" | "ENAM" | "PPP";
        Politica: {
            /**
             * @description Always present in answers; in a request it defaults to the profession's.
             * @enum {string}
             */
            modo_adjudicacion?: "MERITO" | "SORTEO";
            componentes: {
                fuente: components["schemas"]["NotaFuente"];
                /** @description (0, 100], up to 4 decimals */
                peso: components["schemas"]["Decimal"];
            }[];
            /** @enum {string} */
            eleccion_nota: "NINGUNA" | "POSTULANTE_ELIGE";
            bonos?: {
                /** @enum {string} */
                condicion: "DISCAPACIDAD" | "FFAA";
                /** @description (0, 2], up to 4 decimals */
                factor: components["schemas"]["Decimal"];
            }[];
            desempate?: string[];
            escala: number;
        };
        SorteoCongelar: {
            /** @enum {string} */
            modalidad: "REMUNERADA" | "EQUIVALENTE";
            /** @example BIOLOGIA */
            profesion: string;
            /** @description SHA-256 of the 32-byte secret. */
            compromiso: string;
            beacon: {
                /** @enum {string} */
                fuente: "DRAND_QUICKNET" | "NIST" | "DADOS";
                /** @description drand round, NIST pulse time, or ceremony id. */
                ronda: string;
            };
        };
        SorteoRevelar: {
            beacon_valor: string;
            secreto: string;
        };
        Sorteo: {
            id: number;
            convocatoria_id: number;
            /** @example 2026-I */
            convocatoria: string;
            /** @enum {string} */
            modalidad: "REMUNERADA" | "EQUIVALENTE";
            profesion: string;
            /** @enum {string} */
            estado: "CONGELADO" | "SORTEADO";
            /** @description Inscription ids sorted ascending, each followed by LF. */
            pool: string;
            pool_n: number;
            h_pool: string;
            compromiso: string;
            beacon: {
                /** @enum {string} */
                fuente: "DRAND_QUICKNET" | "NIST" | "DADOS";
                ronda: string;
                /** @description Null until drawn. */
                valor: string | null;
            };
            /** @description Null until drawn. */
            secreto: string | null;
            seed_input: string | null;
            seed: string | null;
            /** Format: date-time */
            congelado_at: string;
            /** Format: date-time */
            sorteado_at: string | null;
            /** @description Every id with its key and position (empty until drawn). */
            items: {
                posicion: number;
                inscripcion_id: number;
                clave: string;
            }[];
        };
        /**
         * @description One row of the ORDEN_MERITO list: both positions, the criterion that decided, the score
         *     and the grades the policy reads (decimal strings, null where the policy reads none), the
         *     exam chosen where the policy lets the postulante choose, the sorteo whose key broke the
         *     last ties and the policy in force (its canonical JSON, as GET .../politicas answers it):
         *     enough to recompute the order from the list alone (tests/verify/verificar.py). Never a
         *     bonus condition (health data): only its effect on puntaje_final.
         */
        OrdenMeritoPublicado: {
            /** @enum {string} */
            modalidad: "REMUNERADA" | "EQUIVALENTE";
            profesion: string;
            n_adjudicacion: number;
            n: number;
            /** @enum {string|null} */
            desempate: "NOTA_EVALUACION_SERUMS" | "NOTA_ENAM" | "NOTA_PPP" | "SORTEO" | null;
            inscripcion_id: number;
            apellidos_nombres: string;
            /** @description Masked: ****1234 (null: no document on file). */
            documento: string | null;
            diresa_procedencia: string | null;
            /** @enum {string} */
            modo: "MERITO" | "SORTEO";
            puntaje_final: components["schemas"]["Decimal"] | null;
            /** @enum {string|null} */
            eleccion_nota: "EVALUACION_SERUMS" | "ENAM" | null;
            nota_evaluacion_serums: components["schemas"]["Decimal"] | null;
            nota_enam: components["schemas"]["Decimal"] | null;
            nota_ppp: components["schemas"]["Decimal"] | null;
            /** @enum {string|null} */
            observacion_publica: "CASO_ESPECIAL" | null;
            sorteo_id: number | null;
            /** @description The policy in force (canonical JSON text). */
            politica: string;
        };
        /** @description One row of ADJUDICADOS_REMUNERADA / _EQUIVALENTE (a vigente adjudicación). */
        AdjudicadoPublicado: {
            sesion_id: number;
            inscripcion_id: number;
            apellidos_nombres: string;
            n_adjudicacion: number | null;
            fase: string;
            /** Format: date-time */
            adjudicado_at: string;
            plaza_id: number;
            unidad: number;
            profesion: string;
            diresa: string | null;
            institucion: string | null;
            renipress: string | null;
            establecimiento: string | null;
            departamento: string | null;
            provincia: string | null;
            distrito: string | null;
            grado_dificultad: number;
            /** @enum {string} */
            zaf: "SI" | "NO";
            /** @enum {string} */
            ze: "SI" | "NO";
            /** Format: date */
            servicio_inicio: string | null;
            /** Format: date */
            servicio_fin: string | null;
        };
        /** @description One row of ANULACIONES (never the reason). */
        AnulacionPublicada: {
            apellidos_nombres: string;
            resolucion: string;
            /** Format: date */
            fecha: string;
            inscripcion_id: number;
            plaza_id: number;
            unidad: number;
        };
        /** @enum {string} */
        FaseAdjudicacion: "UNICA" | "CAUTIVAS" | "VINCULO_LABORAL" | "REGULARES" | "REOFERTA";
        SesionCrear: {
            /** @enum {string} */
            modalidad: "REMUNERADA" | "EQUIVALENTE";
            /** @example MEDICINA */
            profesion: string;
            fase: components["schemas"]["FaseAdjudicacion"];
            /** @enum {string} */
            modo: "VIVO" | "LISTAS";
            /**
             * @description From 10 s (1 s when SERUMS_ENV=test, for the clock's test).
             * @default 120
             */
            segundos_turno: number;
            /** @default 50 */
            bloque: number;
            /** @default 2 */
            reintentos: number;
        };
        SesionEstado: {
            id: number;
            convocatoria_id: number;
            /** @enum {string} */
            modalidad: "REMUNERADA" | "EQUIVALENTE";
            profesion: string;
            fase: components["schemas"]["FaseAdjudicacion"];
            /** @enum {string} */
            modo: "VIVO" | "LISTAS";
            segundos_turno: number;
            bloque: number;
            reintentos: number;
            /** @enum {string} */
            estado: "CREADA" | "EN_CURSO" | "PAUSADA" | "CERRADA";
            eventos: number;
            ultimo_hash: string;
            /** @description The called turn (null once closed). */
            turno: null | {
                numero: number;
                inscripcion_id: number;
                n_adjudicacion: number;
                /**
                 * Format: date-time
                 * @description Deadline (live sessions in course).
                 */
                vence: string | null;
            };
            /** @description The next first calls (recalls of absent turns come after each block). */
            siguientes: {
                inscripcion_id: number;
                n_adjudicacion: number;
            }[];
            /** @description Free units per plaza of the session. */
            plazas: {
                plaza_id: number;
                libres: number;
            }[];
            /** @description The last 10 events, newest first. */
            ultimas: components["schemas"]["EventoResumen"][];
        };
        EventoResumen: {
            seq: number;
            turno: number;
            inscripcion_id: number;
            /** @enum {string} */
            accion: "ELIGE" | "DESISTE" | "VENCE";
            /** @enum {string} */
            resultado: "ADJUDICADO" | "DESISTE" | "AUSENTE" | "NO_ADJUDICO";
            plaza_id: number | null;
            unidad: number | null;
            /** Format: date-time */
            at: string;
        };
        TurnoPage: {
            items: {
                posicion: number;
                inscripcion_id: number;
                n_adjudicacion: number;
                /** @enum {string} */
                estado: "PENDIENTE" | "LLAMADO" | "ADJUDICADO" | "DESISTE" | "AUSENTE" | "NO_ADJUDICO";
                llamadas: number;
            }[];
            next_cursor: components["schemas"]["NextCursor"];
            total: number;
        };
        SesionLog: {
            sesion: {
                id: number;
                convocatoria: string;
                convocatoria_id: number;
                /** @enum {string} */
                modalidad: "REMUNERADA" | "EQUIVALENTE";
                profesion: string;
                fase: components["schemas"]["FaseAdjudicacion"];
                /** @enum {string} */
                modo: "VIVO" | "LISTAS";
                bloque: number;
                reintentos: number;
                /** @enum {string} */
                estado: "CREADA" | "EN_CURSO" | "PAUSADA" | "CERRADA";
            };
            orden: {
                inscripcion_id: number;
                n_adjudicacion: number;
                /** @description CAUTIVAS is for this institution's staff (the turn's fase data as admitted). */
                institucion: string | null;
                /** @description vínculo laboral accredited (requisito VINCULO_LABORAL CONFORME). */
                vinculo: boolean;
            }[];
            /** @description The plazas of the session's units with what eligibility depends on (CAUTIVAS takes only cautive plazas of the turn's institution). */
            plazas: {
                plaza_id: number;
                institucion: string;
                cautiva: boolean;
            }[];
            unidades: {
                plaza_id: number;
                unidad: number;
            }[];
            /** @description inscripcion_id -> ordered plaza ids (once the session is closed). */
            preferencias: {
                [key: string]: number[];
            };
            eventos: {
                seq: number;
                prev_hash: string;
                hash: string;
                turno: number;
                inscripcion_id: number;
                /** @enum {string} */
                accion: "ELIGE" | "DESISTE" | "VENCE";
                plaza_id: number | null;
                /** @enum {string} */
                resultado: "ADJUDICADO" | "DESISTE" | "AUSENTE" | "NO_ADJUDICO";
                unidad: number | null;
                /** @enum {string} */
                actor: "POSTULANTE" | "OPERADOR" | "SISTEMA";
                /** Format: date-time */
                at: string;
            }[];
        };
        /** @description Exactly one of plaza_id, or desiste true. */
        Eleccion: {
            plaza_id?: number;
            desiste?: boolean;
            /** @description Operator only (required for admin). */
            inscripcion_id?: number;
        };
        Preferencias: {
            plazas: number[];
        };
        AnulacionCrear: {
            resolucion: string;
            motivo: string;
            evidencia_sha256: string;
            anula_inscripcion: boolean;
        };
        Anulacion: {
            id: number;
            adjudicacion_id: number;
            resolucion: string;
            evidencia_sha256: string;
            anula_inscripcion: boolean;
            /** Format: date-time */
            anulado_at: string;
        };
        /** @description Whole number written without a fraction (2.0 is refused). */
        Conteo: number;
        Conteos: {
            programadas: components["schemas"]["Conteo"];
            ejecutadas: components["schemas"]["Conteo"];
        };
        /**
         * @description PREVENTIVO_PROMOCIONAL (Actividad preventivo promocional), ATENCION (Atención), CAPACITACION
         *     (Capacitación), GESTION (Gestión), INVESTIGACION (Investigación), TRABAJO_COMUNITARIO
         *     (Trabajo comunitario).
         * @enum {string}
         */
        Rubro: "PREVENTIVO_PROMOCIONAL" | "ATENCION" | "CAPACITACION" | "GESTION" | "INVESTIGACION" | "TRABAJO_COMUNITARIO";
        ActividadEntrada: {
            anio: number;
            mes: number;
            rubro: components["schemas"]["Rubro"];
            actividad: string;
            programadas: components["schemas"]["Conteo"];
            ejecutadas: components["schemas"]["Conteo"];
        };
        Atencion: {
            anio: number;
            mes: number;
            programadas: components["schemas"]["Conteo"];
            ejecutadas: components["schemas"]["Conteo"];
        };
        Actividad: {
            id: number;
            anio: number;
            mes: number;
            rubro: components["schemas"]["Rubro"];
            actividad: string;
            programadas: components["schemas"]["Conteo"];
            ejecutadas: components["schemas"]["Conteo"];
        };
        MesPeriodo: {
            anio: number;
            mes: number;
        };
        /** @enum {string} */
        EstadoInforme: "REGISTRADO" | "ENVIADO" | "OBSERVADO" | "APROBADO" | "RESOLUCION";
        InformeTextos: {
            conclusiones?: string | null;
            recomendaciones?: string | null;
        };
        InformeRevision: {
            /** @enum {string} */
            estado: "APROBADO" | "OBSERVADO";
            observacion?: string | null;
        };
        InformeResolucion: {
            numero: string;
            /** Format: date */
            fecha: string;
        };
        Informe: {
            inscripcion_id: number;
            estado: components["schemas"]["EstadoInforme"];
            convocatoria: {
                id: number;
                codigo: string;
            };
            plaza: {
                id: number;
                renipress: string;
                establecimiento: string;
                diresa: string;
                /** @enum {string} */
                modalidad: "REMUNERADA" | "EQUIVALENTE";
                profesion: string;
            };
            /** @description The service period [inicio, fin), fin exclusive. */
            periodo: {
                /** Format: date */
                inicio: string;
                /** Format: date */
                fin: string;
            };
            /** @description Anexo 6, by year and month ascending. */
            atenciones: components["schemas"]["Atencion"][];
            /** @description Anexo 7, by year, month, rubro and actividad. */
            actividades: components["schemas"]["Actividad"][];
            conclusiones: string | null;
            recomendaciones: string | null;
            /** @description The DIRESA's observación while OBSERVADO. */
            observacion: string | null;
            resolucion: null | {
                numero: string;
                /** Format: date */
                fecha: string;
            };
            /** @description Printed on the report; set on approval. */
            sha256: string | null;
            /** Format: date-time */
            enviado_at: string | null;
            /** Format: date-time */
            revisado_at: string | null;
            /** Format: date-time */
            actualizado_at: string | null;
            /** @description Months of the period without an Anexo 6 row, ascending. */
            meses_faltantes: components["schemas"]["MesPeriodo"][];
        };
        InformeResumen: {
            id: number;
            inscripcion_id: number;
            estado: components["schemas"]["EstadoInforme"];
            serumista: {
                nombres: string | null;
                apellido_paterno: string | null;
                apellido_materno: string | null;
                tipo_documento: string | null;
                numero_documento: string | null;
            };
            profesion: string;
            diresa: string;
            establecimiento: string;
            renipress: string;
            periodo: {
                /** Format: date */
                inicio: string;
                /** Format: date */
                fin: string;
            };
            meses_registrados: number;
            actividades: number;
            /** Format: date-time */
            enviado_at: string | null;
            /** @description Path of the whole informe. */
            informe: string;
        };
        InformeLista: {
            items: components["schemas"]["InformeResumen"][];
            next_cursor: string | null;
            total: number;
        };
    };
    responses: {
        /** @description Malformed request (JSON, query or path). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Missing, expired or invalid access token. */
        Unauthorized: {
            headers: {
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The caller's role may not do this. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such resource, or not visible to the caller. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The resource's state does not allow this. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Body over the route's limit. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Wrong Content-Type for this route. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Validation failed; one `errors[]` entry per field. */
        Unprocessable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Rate limit or lockout; see Retry-After. */
        TooManyRequests: {
            headers: {
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description A dependency (the database) is unavailable. */
        ServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The client's copy (If-None-Match) is current; no body. */
        NotModified: {
            headers: {
                ETag: components["headers"]["ETag"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The whole inscription after the change. */
        InscripcionActualizada: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "id": 1,
                 *       "convocatoria": {
                 *         "id": 7,
                 *         "codigo": "T33312656-75-0"
                 *       },
                 *       "estado": "BORRADOR",
                 *       "postulante": {
                 *         "id": 16,
                 *         "tipo_documento": "DNI",
                 *         "numero_documento": "59912079",
                 *         "nombres": "Ana Lucía",
                 *         "apellido_paterno": "Quispe",
                 *         "apellido_materno": "Mamani"
                 *       },
                 *       "datos_personales": {
                 *         "pais_nacimiento": "PE",
                 *         "ubigeo_residencia": "150101",
                 *         "direccion": "Jr. Áncash 455, Cercado",
                 *         "estado_civil": "SOLTERO",
                 *         "apellido_casada": null,
                 *         "celular": "987654321",
                 *         "telefono_fijo": "014267890",
                 *         "contacto_emergencia_nombre": "Rosa Mamani",
                 *         "contacto_emergencia_celular": "912345678",
                 *         "licenciado_ffaa": false,
                 *         "discapacidad": false
                 *       },
                 *       "datos_profesionales": null,
                 *       "datos_postulacion": null,
                 *       "declaracion_jurada": null,
                 *       "documentos": [],
                 *       "documentos_requeridos": [],
                 *       "faltantes": [
                 *         {
                 *           "field": "datos_profesionales",
                 *           "code": "SECCION_FALTANTE",
                 *           "message": "Complete esta sección."
                 *         },
                 *         {
                 *           "field": "datos_postulacion",
                 *           "code": "SECCION_FALTANTE",
                 *           "message": "Complete esta sección."
                 *         }
                 *       ],
                 *       "completa": false,
                 *       "adjudicacion": null,
                 *       "creado_at": "2026-12-03T21:28:33Z",
                 *       "actualizado_at": "2026-12-03T21:28:33Z",
                 *       "finalizado_at": null,
                 *       "codigo_verificacion": null,
                 *       "sha256_datos": null
                 *     }
                 */
                "application/json": components["schemas"]["Inscripcion"];
            };
        };
        /** @description Stored (201 the first time, 200 when replaced). */
        VinculoSubido: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "tipo": "VINCULO_LABORAL",
                 *       "tamano": 182233,
                 *       "sha256": "1b2c3d4e5f60718293a4b5c6d7e8f9001b2c3d4e5f60718293a4b5c6d7e8f900"
                 *     }
                 */
                "application/json": {
                    /** @enum {string} */
                    tipo: "VINCULO_LABORAL";
                    tamano: number;
                    sha256: string;
                };
            };
        };
        /** @description The list version, JSON or CSV. */
        PublicacionArchivo: {
            headers: {
                /** @description The SHA-256 of the body. */
                ETag?: string;
                "Cache-Control"?: string;
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "convocatoria": "2026-I",
                 *       "tipo": "APTOS_FINAL",
                 *       "version": 2,
                 *       "publicado_at": "2026-03-20T14:00:00Z",
                 *       "sha256": "5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592",
                 *       "filas": 2,
                 *       "items": [
                 *         {
                 *           "n": 1,
                 *           "apellidos_nombres": "QUISPE MAMANI, ROSA",
                 *           "documento": "****8912",
                 *           "profesion": "Obstetricia",
                 *           "modalidad": "REMUNERADA",
                 *           "diresa_procedencia": "GERESA Cusco",
                 *           "estado": "APTO",
                 *           "observacion_publica": null
                 *         },
                 *         {
                 *           "n": 2,
                 *           "apellidos_nombres": "HUAMÁN TORRES, JORGE",
                 *           "documento": "****4410",
                 *           "profesion": "Obstetricia",
                 *           "modalidad": "REMUNERADA",
                 *           "diresa_procedencia": "GERESA Cusco",
                 *           "estado": "NO_APTO",
                 *           "observacion_publica": null
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["PublicacionLista"];
                /**
                 * @example n;apellidos_nombres;documento;profesion;modalidad;diresa_procedencia;estado;observacion_publica
                 *     1;QUISPE MAMANI, ROSA;****8912;Obstetricia;REMUNERADA;GERESA Cusco;APTO;
                 */
                "text/csv": string;
            };
        };
        /** @description The session's new state. */
        SesionEstadoOk: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["SesionEstado"];
            };
        };
        /** @description The whole informe after the change. */
        InformeActualizado: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Informe"];
            };
        };
    };
    parameters: {
        /** @description Page size (default 50, max 500). */
        Limit: number;
        /** @description Opaque cursor from a previous page's `next_cursor`. */
        Cursor: string;
        /** @description The `ETag` of a copy the client holds; 304 when it is still current. */
        IfNoneMatch: string;
        /** @description Convocatoria id. */
        ConvocatoriaId: number;
        /** @description REMUNERADA or EQUIVALENTE, as in every body (the lowercase form of earlier versions is still accepted). */
        ModalidadFiltro: components["schemas"]["Modalidad"];
        /**
         * @description `csv` answers `text/csv` as `Accept: text/csv` does (for clients that cannot send headers,
         *     such as a spreadsheet's "from web"); `json` answers JSON whatever `Accept` says.
         */
        Formato: "csv" | "json";
        /** @description Inscription id. */
        InscripcionId: number;
        /** @description json or csv (a path suffix or Accept also choose it). */
        FormatoPublicacion: "json" | "csv";
        /** @description Profession code (GET /v1/profesiones). */
        ProfesionCodigo: string;
        /** @description Sorteo id. */
        SorteoId: number;
        /** @description Adjudication session id. */
        SesionId: number;
    };
    requestBodies: never;
    headers: {
        /** @description Request identifier, echoed or generated. */
        XRequestId: string;
        /** @description Strong validator over the exact body. */
        ETag: string;
        /** @description `public, max-age=N`: 3600 for catalogs, 60 for the offer, 30 for convocatorias. */
        CacheControl: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getReadyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready to serve. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok",
                     *       "database": "ok",
                     *       "migrations": 11
                     *     }
                     */
                    "application/json": components["schemas"]["Ready"];
                };
            };
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text exposition format. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example # HELP serums_http_requests_total Requests answered, by route template and status.
                     *     # TYPE serums_http_requests_total counter
                     *     serums_http_requests_total{route="/healthz",status="200"} 5
                     */
                    "text/plain": string;
                };
            };
            403: components["responses"]["Forbidden"];
        };
    };
    getRoot: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect to `/docs`. */
            302: {
                headers: {
                    /**
                     * @description `/docs`
                     * @example /docs
                     */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!DOCTYPE html>… (redirect to /docs) */
                    "text/html": string;
                };
            };
        };
    };
    getDocs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redoc HTML page of this document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!DOCTYPE html><html>… the API reference built by redocly …</html> */
                    "text/html": string;
                };
            };
        };
    };
    getOpenapi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI 3.1 description of the API. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example openapi: 3.1.0
                     *     info:
                     *       title: SERUMS Digital API
                     *       version: 0.1.0
                     *     ...
                     */
                    "application/yaml": string;
                };
            };
        };
    };
    getApiRoot: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description API identity. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "SERUMS Digital API",
                     *       "version": "0.1.0",
                     *       "openapi": "/openapi.yaml"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiRoot"];
                };
            };
        };
    };
    createEmailCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ana.quispe@correo.pe"
                 *     }
                 */
                "application/json": components["schemas"]["EmailRequest"];
            };
        };
        responses: {
            /** @description Accepted; a code is on its way if the address is valid. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "mensaje": "Si el correo es válido, recibirá un código de verificación en unos minutos."
                     *     }
                     */
                    "application/json": components["schemas"]["AuthAccepted"];
                };
            };
            400: components["responses"]["BadRequest"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ana.quispe@correo.pe",
                 *       "codigo_verificacion": "042917",
                 *       "tipo_documento": "DNI",
                 *       "numero_documento": "10117410",
                 *       "digito_verificacion": "2",
                 *       "fecha_nacimiento": "1996-04-12",
                 *       "fecha_emision": "2018-07-03",
                 *       "password": "Clave-Andina-2026",
                 *       "captcha_token": "03AFcWeA6...",
                 *       "nombres": "Ana Lucía",
                 *       "apellido_paterno": "Quispe",
                 *       "apellido_materno": "Mamani"
                 *     }
                 */
                "application/json": components["schemas"]["RegisterRequest"];
            };
        };
        responses: {
            /** @description Account created; the body is the profile (as GET /v1/me). */
            201: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": 4,
                     *       "email": "ana.quispe@correo.pe",
                     *       "rol": "postulante",
                     *       "diresa": null,
                     *       "tipo_documento": "DNI",
                     *       "numero_documento": "88702580",
                     *       "numero_documento_sunedu": null,
                     *       "fecha_nacimiento": "1996-04-12",
                     *       "nombres": "Ana Lucía",
                     *       "apellido_paterno": "Quispe",
                     *       "apellido_materno": "Mamani",
                     *       "creado_at": "2026-12-03T21:28:20Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Perfil"];
                };
            };
            400: components["responses"]["BadRequest"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ana.quispe@correo.pe",
                 *       "password": "Clave-Andina-2026",
                 *       "client": "mobile"
                 *     }
                 */
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Signed in. */
            200: {
                headers: {
                    /** @description `serums_refresh=...; Path=/v1/auth; HttpOnly; SameSite=Strict` (web client). */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJzZXJ1bXMtYXBwIiwiZXhwIjoxNzk2MzM0MjAwLCJpYXQiOjE3OTYzMzMzMDAsImlzcyI6InNlcnVtcy1hcGkiLCJqdGkiOiJkZjgwNDdjZTg5OGNkNTU5ZjhhODYyZDQ0ZGY0YzdkZSIsInJvbCI6InBvc3R1bGFudGUiLCJzY29wZSI6bnVsbCwic2lkIjoiR0JteDQwZUwzV3BHNEp6ME9JMmlad25URzdvRG9JQXdFbldvOWYzVXktTSIsInN1YiI6IjQifQ.Bc5nT9h22cl9iQt6ELDzaAMY3tvlrJJ2XUFcn9xhutM",
                     *       "token_type": "Bearer",
                     *       "expires_in": 900,
                     *       "refresh_token": "ZnFsrM6Fv0lD4rVELIoxFNbDDVph7XyfVRTTu8rhREg",
                     *       "refresh_expires_in": 2592000
                     *     }
                     */
                    "application/json": components["schemas"]["AuthTokens"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    refresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "refresh_token": "89UwcTIMoBHQ_NfJSudBAtGyi3v0gPdk6Q9bZjvgRVo"
                 *     }
                 */
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description New tokens. */
            200: {
                headers: {
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0Iiwicm9sIjoicG9zdHVsYW50ZSJ9.c2lnbmF0dXJh",
                     *       "token_type": "Bearer",
                     *       "expires_in": 900,
                     *       "refresh_token": "Qm9rYV9uZXdfcmVmcmVzaF90b2tlbl9leGFtcGxlXzA",
                     *       "refresh_expires_in": 2592000
                     *     }
                     */
                    "application/json": components["schemas"]["AuthTokens"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "refresh_token": "89UwcTIMoBHQ_NfJSudBAtGyi3v0gPdk6Q9bZjvgRVo"
                 *     }
                 */
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description Signed out; the cookie is cleared. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    requestPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ana.quispe@correo.pe"
                 *     }
                 */
                "application/json": components["schemas"]["EmailRequest"];
            };
        };
        responses: {
            /** @description Accepted. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "mensaje": "Si el correo corresponde a una cuenta, recibirá un enlace para restablecer la contraseña."
                     *     }
                     */
                    "application/json": components["schemas"]["AuthAccepted"];
                };
            };
            400: components["responses"]["BadRequest"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    confirmPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "token": "k3Jd9w0Q2mYpX7rT5vB8nC1aE4fG6hI0jL2oP5sU8xZ",
                 *       "password": "Nueva-Clave-Andina-7"
                 *     }
                 */
                "application/json": components["schemas"]["ResetConfirmRequest"];
            };
        };
        responses: {
            /** @description Password changed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Profile. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": 4,
                     *       "email": "ana.quispe@correo.pe",
                     *       "rol": "postulante",
                     *       "diresa": null,
                     *       "tipo_documento": "DNI",
                     *       "numero_documento": "88702580",
                     *       "numero_documento_sunedu": null,
                     *       "fecha_nacimiento": "1996-04-12",
                     *       "nombres": "Ana Lucía",
                     *       "apellido_paterno": "Quispe",
                     *       "apellido_materno": "Mamani",
                     *       "creado_at": "2026-12-03T21:28:20Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Perfil"];
                };
            };
            401: components["responses"]["Unauthorized"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    changeMyPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "password_actual": "Clave-Andina-2026",
                 *       "password_nuevo": "Nueva-Clave-Andina-7"
                 *     }
                 */
                "application/json": components["schemas"]["ChangePasswordRequest"];
            };
        };
        responses: {
            /** @description Password changed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listUsuarios: {
        parameters: {
            query?: {
                /** @description Page size (default 50, max 500). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
                rol?: "postulante" | "diresa" | "admin";
                /** @description DIRESA code (diresa users). */
                diresa?: string;
                /** @description A piece of the email (case-insensitive). */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of accounts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": 2,
                     *           "email": "diresa.cusco@serums.test",
                     *           "rol": "diresa",
                     *           "diresa": "CUSCO",
                     *           "activo": true,
                     *           "tipo_documento": null,
                     *           "numero_documento": null,
                     *           "nombres": null,
                     *           "apellido_paterno": null,
                     *           "apellido_materno": null,
                     *           "creado_at": "2026-11-20T14:02:11Z"
                     *         }
                     *       ],
                     *       "next_cursor": null,
                     *       "total": 1
                     *     }
                     */
                    "application/json": components["schemas"]["UsuarioPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listProfesiones: {
        parameters: {
            query?: {
                /** @description Page size (default 50, max 500). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /** @description The `ETag` of a copy the client holds; 304 when it is still current. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of professions. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "codigo": "MEDICINA",
                     *           "nombre": "Medicina Humana",
                     *           "grupo": "MEDICINA",
                     *           "modo_adjudicacion": "MERITO",
                     *           "requiere_ppp": true,
                     *           "requiere_enam": true,
                     *           "notas_adjudicacion": [
                     *             "EVALUACION_SERUMS",
                     *             "ENAM"
                     *           ],
                     *           "nombre_oferta": "MEDICINA"
                     *         },
                     *         {
                     *           "codigo": "ENFERMERIA",
                     *           "nombre": "Enfermería",
                     *           "grupo": "CIENCIAS_SALUD",
                     *           "modo_adjudicacion": "MERITO",
                     *           "requiere_ppp": true,
                     *           "requiere_enam": false,
                     *           "notas_adjudicacion": [
                     *             "EXAMEN_NACIONAL",
                     *             "EVALUACION_SERUMS"
                     *           ],
                     *           "nombre_oferta": "ENFERMERIA"
                     *         }
                     *       ],
                     *       "next_cursor": null,
                     *       "total": 17
                     *     }
                     */
                    "application/json": components["schemas"]["ProfesionPage"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listDiresas: {
        parameters: {
            query?: {
                /** @description Page size (default 50, max 500). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /** @description The `ETag` of a copy the client holds; 304 when it is still current. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of DIRESAs, by code. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "codigo": "AMAZONAS",
                     *           "nombre": "DIRESA Amazonas",
                     *           "exonera_comprobante": true
                     *         },
                     *         {
                     *           "codigo": "ANCASH",
                     *           "nombre": "DIRESA Ancash",
                     *           "exonera_comprobante": false
                     *         }
                     *       ],
                     *       "next_cursor": null,
                     *       "total": 29
                     *     }
                     */
                    "application/json": components["schemas"]["DiresaPage"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listInstituciones: {
        parameters: {
            query?: {
                /** @description Page size (default 50, max 500). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /** @description The `ETag` of a copy the client holds; 304 when it is still current. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of institutions, by code. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "codigo": "ESSALUD",
                     *           "nombre": "EsSalud"
                     *         },
                     *         {
                     *           "codigo": "GOBIERNO_REGIONAL",
                     *           "nombre": "Gobierno Regional"
                     *         }
                     *       ],
                     *       "next_cursor": null,
                     *       "total": 10
                     *     }
                     */
                    "application/json": components["schemas"]["InstitucionPage"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listDepartamentos: {
        parameters: {
            query?: {
                /** @description Page size (default 50, max 500). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /** @description The `ETag` of a copy the client holds; 304 when it is still current. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of departamentos, by INEI code. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "codigo": "010000",
                     *           "nombre": "AMAZONAS"
                     *         },
                     *         {
                     *           "codigo": "020000",
                     *           "nombre": "ANCASH"
                     *         }
                     *       ],
                     *       "next_cursor": "100000",
                     *       "total": 25
                     *     }
                     */
                    "application/json": components["schemas"]["DepartamentoPage"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listProvincias: {
        parameters: {
            query?: {
                /** @description Page size (default 50, max 500). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /** @description The `ETag` of a copy the client holds; 304 when it is still current. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description INEI code of the departamento, e.g. `150000`. */
                codigo: components["schemas"]["CodigoUbigeo"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of provincias, by INEI code. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "codigo": "150100",
                     *           "nombre": "LIMA",
                     *           "departamento_codigo": "150000"
                     *         },
                     *         {
                     *           "codigo": "150200",
                     *           "nombre": "BARRANCA",
                     *           "departamento_codigo": "150000"
                     *         }
                     *       ],
                     *       "next_cursor": null,
                     *       "total": 10
                     *     }
                     */
                    "application/json": components["schemas"]["ProvinciaPage"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listDistritos: {
        parameters: {
            query?: {
                /** @description Page size (default 50, max 500). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /** @description The `ETag` of a copy the client holds; 304 when it is still current. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description INEI code of the provincia, e.g. `150100`. */
                codigo: components["schemas"]["CodigoUbigeo"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of distritos, by INEI code. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "codigo": "150101",
                     *           "nombre": "LIMA",
                     *           "provincia_codigo": "150100"
                     *         },
                     *         {
                     *           "codigo": "150102",
                     *           "nombre": "ANCON",
                     *           "provincia_codigo": "150100"
                     *         }
                     *       ],
                     *       "next_cursor": null,
                     *       "total": 44
                     *     }
                     */
                    "application/json": components["schemas"]["DistritoPage"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listConvocatorias: {
        parameters: {
            query?: {
                /** @description Page size (default 50, max 500). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /** @description The `ETag` of a copy the client holds; 304 when it is still current. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of convocatorias. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": 2,
                     *           "codigo": "2097-II-E1",
                     *           "anio": 2097,
                     *           "periodo": "II",
                     *           "tipo": "EXTRAORDINARIO",
                     *           "fase_actual": null,
                     *           "fase_actual_etiqueta": null,
                     *           "ahora": "2026-02-03T14:00:00Z",
                     *           "cronograma": [],
                     *           "acciones": [
                     *             {
                     *               "accion": "VER_PLAZAS",
                     *               "etiqueta": "Consultar la oferta de plazas"
                     *             }
                     *           ],
                     *           "creado_at": "2026-12-03T21:28:30Z",
                     *           "actualizado_at": "2026-12-03T21:28:30Z"
                     *         },
                     *         {
                     *           "id": 1,
                     *           "codigo": "2026-I",
                     *           "anio": 2026,
                     *           "periodo": "I",
                     *           "tipo": "ORDINARIO",
                     *           "fase_actual": "INSCRIPCION",
                     *           "fase_actual_etiqueta": "Inscripción",
                     *           "ahora": "2026-02-03T14:00:00Z",
                     *           "cronograma": [
                     *             {
                     *               "fase": "INSCRIPCION",
                     *               "etiqueta": "Inscripción",
                     *               "inicia": "2026-11-26T14:00:00Z",
                     *               "termina": "2026-12-17T23:00:00Z",
                     *               "vigente": true
                     *             },
                     *             {
                     *               "fase": "REVISION",
                     *               "etiqueta": "Revisión de expedientes",
                     *               "inicia": "2026-12-18T05:00:00Z",
                     *               "termina": "2026-12-25T05:00:00Z",
                     *               "vigente": false
                     *             }
                     *           ],
                     *           "acciones": [
                     *             {
                     *               "accion": "INSCRIBIRSE",
                     *               "etiqueta": "Inscribirse o completar la inscripción"
                     *             },
                     *             {
                     *               "accion": "VER_PLAZAS",
                     *               "etiqueta": "Consultar la oferta de plazas"
                     *             }
                     *           ],
                     *           "creado_at": "2026-12-03T21:28:16Z",
                     *           "actualizado_at": "2026-12-03T21:28:16Z"
                     *         }
                     *       ],
                     *       "next_cursor": null,
                     *       "total": 2
                     *     }
                     */
                    "application/json": components["schemas"]["ConvocatoriaPage"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createConvocatoria: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "codigo": "2026-II",
                 *       "anio": 2026,
                 *       "periodo": "II",
                 *       "tipo": "ORDINARIO"
                 *     }
                 */
                "application/json": components["schemas"]["ConvocatoriaCreate"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": 2,
                     *       "codigo": "2097-II-E1",
                     *       "anio": 2097,
                     *       "periodo": "II",
                     *       "tipo": "EXTRAORDINARIO",
                     *       "fase_actual": null,
                     *       "fase_actual_etiqueta": null,
                     *       "ahora": "2026-02-03T14:00:00Z",
                     *       "cronograma": [],
                     *       "acciones": [
                     *         {
                     *           "accion": "VER_PLAZAS",
                     *           "etiqueta": "Consultar la oferta de plazas"
                     *         }
                     *       ],
                     *       "creado_at": "2026-12-03T21:28:30Z",
                     *       "actualizado_at": "2026-12-03T21:28:30Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Convocatoria"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getConvocatoria: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of a copy the client holds; 304 when it is still current. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description Convocatoria id. */
                id: components["parameters"]["ConvocatoriaId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The convocatoria. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": 2,
                     *       "codigo": "2097-II-E1",
                     *       "anio": 2097,
                     *       "periodo": "II",
                     *       "tipo": "EXTRAORDINARIO",
                     *       "fase_actual": null,
                     *       "fase_actual_etiqueta": null,
                     *       "ahora": "2026-02-03T14:00:00Z",
                     *       "cronograma": [],
                     *       "acciones": [
                     *         {
                     *           "accion": "VER_PLAZAS",
                     *           "etiqueta": "Consultar la oferta de plazas"
                     *         }
                     *       ],
                     *       "creado_at": "2026-12-03T21:28:30Z",
                     *       "actualizado_at": "2026-12-03T21:28:30Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Convocatoria"];
                };
            };
            304: components["responses"]["NotModified"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    patchCronograma: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Convocatoria id. */
                id: components["parameters"]["ConvocatoriaId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "fases": [
                 *         {
                 *           "fase": "INSCRIPCION",
                 *           "inicia": "2026-08-03T09:00:00-05:00",
                 *           "termina": "2026-08-10T23:59:59-05:00"
                 *         },
                 *         {
                 *           "fase": "REVISION",
                 *           "inicia": "2026-08-11T00:00:00-05:00",
                 *           "termina": "2026-08-20T00:00:00-05:00"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["CronogramaPatch"];
            };
        };
        responses: {
            /** @description The convocatoria with its new cronograma. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": 4,
                     *       "codigo": "2099-II-Q84CRGCROH",
                     *       "anio": 2099,
                     *       "periodo": "II",
                     *       "tipo": "ORDINARIO",
                     *       "fase_actual": null,
                     *       "fase_actual_etiqueta": null,
                     *       "ahora": "2026-02-03T14:00:00Z",
                     *       "cronograma": [
                     *         {
                     *           "fase": "INSCRIPCION",
                     *           "etiqueta": "Inscripción",
                     *           "inicia": "2026-02-02T14:00:00Z",
                     *           "termina": "2026-02-16T05:00:00Z",
                     *           "vigente": false
                     *         },
                     *         {
                     *           "fase": "REVISION",
                     *           "etiqueta": "Revisión de expedientes",
                     *           "inicia": "2026-02-16T05:00:00Z",
                     *           "termina": "2026-02-23T05:00:00Z",
                     *           "vigente": false
                     *         }
                     *       ],
                     *       "acciones": [
                     *         {
                     *           "accion": "VER_PLAZAS",
                     *           "etiqueta": "Consultar la oferta de plazas"
                     *         }
                     *       ],
                     *       "creado_at": "2026-12-03T21:28:30Z",
                     *       "actualizado_at": "2026-12-03T21:28:30Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Convocatoria"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    importPlazas: {
        parameters: {
            query: {
                /** @description REMUNERADA or EQUIVALENTE, as in every body (the lowercase form of earlier versions is still accepted). */
                modalidad: components["schemas"]["Modalidad"];
            };
            header?: never;
            path: {
                /** @description Convocatoria id. */
                id: components["parameters"]["ConvocatoriaId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example PROFESION;SEDE DE ADJUDICACIÓN;N° PLAZAS;DIRESA;INSTITUCIÓN;DEPARTAMENTO;PROVINCIA;DISTRITO;GRADO DE DIFICULTAD;CODIGO;NOMBRE DE ESTABLECIMIENTO;CATEGORIA;PRESUPUESTO;ZAF (*);ZE (**)
                 *     MEDICINA;SEDE CENTRAL;3;CUSCO;GOBIERNO REGIONAL;CUSCO;CUSCO;SANTIAGO;GD-2;2281;HOSPITAL ANTONIO LORENA;II-2;NACIONAL;NO;NO
                 */
                "text/csv": string;
            };
        };
        responses: {
            /** @description Imported; the report. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "importacion_id": 7,
                     *       "convocatoria_id": 1,
                     *       "modalidad": "REMUNERADA",
                     *       "filas_leidas": 1,
                     *       "filas_importadas": 1,
                     *       "plazas": 3,
                     *       "establecimientos": 1,
                     *       "rechazadas": [],
                     *       "advertencias": []
                     *     }
                     */
                    "application/json": components["schemas"]["ImportacionOferta"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description The file cannot be imported; nothing changed. With `OFERTA_CON_ERRORES` the report members list every wrong line. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["OfertaRechazada"];
                };
            };
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    searchPlazas: {
        parameters: {
            query?: {
                /** @description REMUNERADA or EQUIVALENTE, as in every body (the lowercase form of earlier versions is still accepted). */
                modalidad?: components["parameters"]["ModalidadFiltro"];
                /** @description Profession code (e.g. MEDICINA). */
                profesion?: string;
                /** @description DIRESA code. */
                diresa?: string;
                /** @description Institution code. */
                institucion?: string;
                /** @description INEI code or name. */
                departamento?: string;
                /** @description INEI code or name. */
                provincia?: string;
                /** @description INEI code or name. */
                distrito?: string;
                /** @description GD-1 … GD-5 (or 1 … 5). */
                grado_dificultad?: string;
                zaf?: boolean;
                ze?: boolean;
                /** @description Text in the establishment name. */
                q?: string;
                /** @description Sort order (file order by default); a `-` sorts descending. */
                orden?: "id" | "establecimiento" | "profesion" | "diresa" | "departamento" | "grado_dificultad" | "-grado_dificultad" | "cantidad" | "-cantidad";
                /**
                 * @description `csv` answers `text/csv` as `Accept: text/csv` does (for clients that cannot send headers,
                 *     such as a spreadsheet's "from web"); `json` answers JSON whatever `Accept` says.
                 */
                formato?: components["parameters"]["Formato"];
                /** @description Page size (default 50, max 500). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /** @description The `ETag` of a copy the client holds; 304 when it is still current. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description Convocatoria id. */
                id: components["parameters"]["ConvocatoriaId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of offer rows (or all matching rows as CSV). */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": 1841,
                     *           "modalidad": "REMUNERADA",
                     *           "profesion": {
                     *             "codigo": "MEDICINA",
                     *             "nombre": "Medicina Humana"
                     *           },
                     *           "diresa": {
                     *             "codigo": "CUSCO",
                     *             "nombre": "DIRESA Cusco"
                     *           },
                     *           "institucion": {
                     *             "codigo": "GR",
                     *             "nombre": "Gobierno Regional"
                     *           },
                     *           "institucion_ofertante": "GOBIERNO REGIONAL CUSCO",
                     *           "establecimiento": {
                     *             "renipress": "00002281",
                     *             "nombre": "HOSPITAL ANTONIO LORENA",
                     *             "categoria": "II-2",
                     *             "latitud": -13.5319,
                     *             "longitud": -71.9675
                     *           },
                     *           "departamento": {
                     *             "codigo": "080000",
                     *             "nombre": "CUSCO"
                     *           },
                     *           "provincia": {
                     *             "codigo": "080100",
                     *             "nombre": "CUSCO"
                     *           },
                     *           "distrito": {
                     *             "codigo": "080108",
                     *             "nombre": "SANTIAGO"
                     *           },
                     *           "grado_dificultad": 2,
                     *           "zaf": false,
                     *           "ze": false,
                     *           "cantidad": 3,
                     *           "sede": "SEDE CENTRAL",
                     *           "presupuesto": "NACIONAL"
                     *         }
                     *       ],
                     *       "next_cursor": null,
                     *       "total": 1
                     *     }
                     */
                    "application/json": components["schemas"]["PlazaPage"];
                    /**
                     * @example id,modalidad,profesion_codigo,profesion,diresa_codigo,diresa,institucion_codigo,institucion,institucion_ofertante,renipress,establecimiento,categoria,departamento_codigo,departamento,provincia_codigo,provincia,distrito_codigo,distrito,grado_dificultad,zaf,ze,cantidad,sede,presupuesto
                     *     1841,REMUNERADA,MEDICINA,Medicina Humana,CUSCO,DIRESA Cusco,GR,Gobierno Regional,GOBIERNO REGIONAL CUSCO,00002281,HOSPITAL ANTONIO LORENA,II-2,080000,CUSCO,080100,CUSCO,080108,SANTIAGO,2,false,false,3,SEDE CENTRAL,NACIONAL
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    summarizePlazas: {
        parameters: {
            query: {
                por: "profesion" | "diresa" | "departamento";
                /** @description REMUNERADA or EQUIVALENTE, as in every body (the lowercase form of earlier versions is still accepted). */
                modalidad?: components["parameters"]["ModalidadFiltro"];
                profesion?: string;
                diresa?: string;
                institucion?: string;
                departamento?: string;
                provincia?: string;
                distrito?: string;
                grado_dificultad?: string;
                zaf?: boolean;
                ze?: boolean;
                q?: string;
                /**
                 * @description `csv` answers `text/csv` as `Accept: text/csv` does (for clients that cannot send headers,
                 *     such as a spreadsheet's "from web"); `json` answers JSON whatever `Accept` says.
                 */
                formato?: components["parameters"]["Formato"];
            };
            header?: {
                /** @description The `ETag` of a copy the client holds; 304 when it is still current. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description Convocatoria id. */
                id: components["parameters"]["ConvocatoriaId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The summary. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "convocatoria_id": 1,
                     *       "por": "profesion",
                     *       "items": [
                     *         {
                     *           "codigo": "MEDICINA",
                     *           "nombre": "Medicina Humana",
                     *           "filas": 1510,
                     *           "plazas": 1873
                     *         },
                     *         {
                     *           "codigo": "ENFERMERIA",
                     *           "nombre": "Enfermería",
                     *           "filas": 1702,
                     *           "plazas": 1805
                     *         }
                     *       ],
                     *       "filas": 3212,
                     *       "plazas": 3678
                     *     }
                     */
                    "application/json": components["schemas"]["ResumenPlazas"];
                    /**
                     * @example codigo,nombre,filas,plazas
                     *     MEDICINA,Medicina Humana,1510,1873
                     *     ENFERMERIA,Enfermería,1702,1805
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listInscripcionesRevision: {
        parameters: {
            query?: {
                estado?: "INSCRITO" | "APTO" | "OBSERVADO" | "SUBSANADO" | "NO_APTO" | "ADJUDICADO" | "ANULADO";
                /** @description Profession code (MEDICINA...). */
                profesion?: string;
                modalidad?: "REMUNERADA" | "EQUIVALENTE";
                /** @description DIRESA code (CUSCO...). */
                diresa?: string;
                /** @description Part of the names or the document number. */
                q?: string;
                formato?: "json" | "csv";
                /** @description Page size (default 50, max 500). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description Convocatoria id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the list, or the whole list as CSV. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevisionLista"];
                    /**
                     * @example id;estado;tipo_documento;numero_documento;apellidos_nombres;profesion;modalidad;diresa;finalizado_at;revisado_at
                     *     1042;INSCRITO;DNI;45678912;QUISPE MAMANI, ROSA;OBSTETRICIA;REMUNERADA;CUSCO;2026-02-03T14:21:07Z;
                     */
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createInscripcion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Convocatoria id. */
                id: components["parameters"]["ConvocatoriaId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new draft, as GET /v1/inscripciones/{id} answers it. */
            201: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": 1,
                     *       "convocatoria": {
                     *         "id": 7,
                     *         "codigo": "T33312656-75-0"
                     *       },
                     *       "estado": "BORRADOR",
                     *       "postulante": {
                     *         "id": 16,
                     *         "tipo_documento": "DNI",
                     *         "numero_documento": "59912079",
                     *         "nombres": "Ana Lucía",
                     *         "apellido_paterno": "Quispe",
                     *         "apellido_materno": "Mamani"
                     *       },
                     *       "datos_personales": null,
                     *       "datos_profesionales": null,
                     *       "datos_postulacion": null,
                     *       "declaracion_jurada": null,
                     *       "documentos": [],
                     *       "documentos_requeridos": [],
                     *       "faltantes": [
                     *         {
                     *           "field": "datos_personales",
                     *           "code": "SECCION_FALTANTE",
                     *           "message": "Complete esta sección."
                     *         },
                     *         {
                     *           "field": "datos_profesionales",
                     *           "code": "SECCION_FALTANTE",
                     *           "message": "Complete esta sección."
                     *         }
                     *       ],
                     *       "completa": false,
                     *       "adjudicacion": null,
                     *       "creado_at": "2026-12-03T21:28:33Z",
                     *       "actualizado_at": "2026-12-03T21:28:33Z",
                     *       "finalizado_at": null,
                     *       "codigo_verificacion": null,
                     *       "sha256_datos": null
                     *     }
                     */
                    "application/json": components["schemas"]["Inscripcion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listMyInscripciones: {
        parameters: {
            query?: {
                /** @description Page size (default 50, max 500). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of whole inscriptions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": 9,
                     *           "convocatoria": {
                     *             "id": 17,
                     *             "codigo": "T33319498-455-1"
                     *           },
                     *           "estado": "BORRADOR",
                     *           "postulante": {
                     *             "id": 24,
                     *             "tipo_documento": "DNI",
                     *             "numero_documento": "58692535",
                     *             "nombres": "Ana Lucía",
                     *             "apellido_paterno": "Quispe",
                     *             "apellido_materno": "Mamani"
                     *           },
                     *           "datos_personales": null,
                     *           "datos_profesionales": null,
                     *           "datos_postulacion": null,
                     *           "declaracion_jurada": null,
                     *           "documentos": [],
                     *           "documentos_requeridos": [],
                     *           "faltantes": [
                     *             {
                     *               "field": "datos_personales",
                     *               "code": "SECCION_FALTANTE",
                     *               "message": "Complete esta sección."
                     *             },
                     *             {
                     *               "field": "datos_profesionales",
                     *               "code": "SECCION_FALTANTE",
                     *               "message": "Complete esta sección."
                     *             }
                     *           ],
                     *           "completa": false,
                     *           "adjudicacion": null,
                     *           "creado_at": "2026-12-03T21:28:39Z",
                     *           "actualizado_at": "2026-12-03T21:28:39Z",
                     *           "finalizado_at": null,
                     *           "codigo_verificacion": null,
                     *           "sha256_datos": null
                     *         }
                     *       ],
                     *       "next_cursor": "9",
                     *       "total": 2
                     *     }
                     */
                    "application/json": components["schemas"]["InscripcionLista"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getInscripcion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The inscription. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": 3,
                     *       "convocatoria": {
                     *         "id": 12,
                     *         "codigo": "T33315879-265-0"
                     *       },
                     *       "estado": "BORRADOR",
                     *       "postulante": {
                     *         "id": 20,
                     *         "tipo_documento": "DNI",
                     *         "numero_documento": "83658489",
                     *         "nombres": "Ana Lucía",
                     *         "apellido_paterno": "Quispe",
                     *         "apellido_materno": "Mamani"
                     *       },
                     *       "datos_personales": null,
                     *       "datos_profesionales": null,
                     *       "datos_postulacion": {
                     *         "convalida_servicer": false,
                     *         "pensionista_estado": false,
                     *         "trabajador_estado": false,
                     *         "tipo_planilla": null,
                     *         "entidad": null,
                     *         "institucion_laboral": null,
                     *         "docente": false,
                     *         "diresa": "CUSCO",
                     *         "modalidad": "REMUNERADA",
                     *         "categoria": null,
                     *         "regimen_pensionario": "AFP",
                     *         "comprobante_numero": "B001-004512",
                     *         "comprobante_fecha": "2026-01-10",
                     *         "caso_especial": null,
                     *         "institucion": null
                     *       },
                     *       "declaracion_jurada": null,
                     *       "documentos": [],
                     *       "documentos_requeridos": [
                     *         "COMPROBANTE"
                     *       ],
                     *       "faltantes": [
                     *         {
                     *           "field": "datos_personales",
                     *           "code": "SECCION_FALTANTE",
                     *           "message": "Complete esta sección."
                     *         },
                     *         {
                     *           "field": "datos_profesionales",
                     *           "code": "SECCION_FALTANTE",
                     *           "message": "Complete esta sección."
                     *         }
                     *       ],
                     *       "completa": false,
                     *       "adjudicacion": null,
                     *       "creado_at": "2026-12-03T21:28:36Z",
                     *       "actualizado_at": "2026-12-03T21:28:36Z",
                     *       "finalizado_at": null,
                     *       "codigo_verificacion": null,
                     *       "sha256_datos": null
                     *     }
                     */
                    "application/json": components["schemas"]["Inscripcion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putDatosPersonales: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "pais_nacimiento": "PE",
                 *       "ubigeo_residencia": "080101",
                 *       "direccion": "Av. El Sol 123",
                 *       "estado_civil": "SOLTERO",
                 *       "apellido_casada": null,
                 *       "celular": "987654321",
                 *       "telefono_fijo": null,
                 *       "contacto_emergencia_nombre": "Rosa Mamani",
                 *       "contacto_emergencia_celular": "912345678",
                 *       "licenciado_ffaa": false,
                 *       "discapacidad": false
                 *     }
                 */
                "application/json": components["schemas"]["DatosPersonales"];
            };
        };
        responses: {
            200: components["responses"]["InscripcionActualizada"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putDatosProfesionales: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "pais_universidad": "PE",
                 *       "universidad": "Universidad Nacional de San Antonio Abad del Cusco",
                 *       "profesion": "MEDICINA",
                 *       "numero_colegiatura": "081234",
                 *       "institucion_revalida": null,
                 *       "fecha_titulacion": "2025-12-15",
                 *       "nota_ppp": 15.42,
                 *       "nota_enam": null,
                 *       "nota_evaluacion_serums": 14.5,
                 *       "nota_adjudicacion": "EVALUACION_SERUMS"
                 *     }
                 */
                "application/json": components["schemas"]["DatosProfesionales"];
            };
        };
        responses: {
            200: components["responses"]["InscripcionActualizada"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putDatosPostulacion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "convalida_servicer": false,
                 *       "pensionista_estado": false,
                 *       "trabajador_estado": false,
                 *       "docente": false,
                 *       "diresa": "CUSCO",
                 *       "modalidad": "REMUNERADA",
                 *       "categoria": "REGULAR",
                 *       "regimen_pensionario": "AFP",
                 *       "comprobante_numero": "00012345",
                 *       "comprobante_fecha": "2026-02-03",
                 *       "caso_especial": false
                 *     }
                 */
                "application/json": components["schemas"]["DatosPostulacion"];
            };
        };
        responses: {
            200: components["responses"]["InscripcionActualizada"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putDeclaracionJurada: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "acepta": true
                 *     }
                 */
                "application/json": components["schemas"]["DeclaracionJurada"];
            };
        };
        responses: {
            200: components["responses"]["InscripcionActualizada"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDocumento: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
                /** @description Document type (404 `TIPO_DOCUMENTO_DESCONOCIDO` for any other). */
                tipo: components["schemas"]["TipoDocumento"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF exactly as uploaded. */
            200: {
                headers: {
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /** @example %PDF-1.4 … %%EOF (the stored file's bytes) */
                    "application/pdf": Blob;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putDocumento: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
                /** @description Document type (404 `TIPO_DOCUMENTO_DESCONOCIDO` for any other). */
                tipo: components["schemas"]["TipoDocumento"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example %PDF-1.4 … %%EOF (the file's bytes) */
                "application/pdf": Blob;
            };
        };
        responses: {
            /** @description Replaced. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "tipo": "COMPROBANTE",
                     *       "tamano": 7000,
                     *       "sha256": "5284af5b1c8733e04f163e9571e7f801ff92769123dbad012fe6623e1763343b",
                     *       "subido_at": "2026-12-03T21:28:46Z"
                     *     }
                     */
                    "application/json": components["schemas"]["DocumentoSubido"];
                };
            };
            /** @description Uploaded. */
            201: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "tipo": "PPP",
                     *       "tamano": 4096,
                     *       "sha256": "99da26dda6a71c9299c992972496b2f7bd5cc5226927d9ac780a8de1c994e489",
                     *       "subido_at": "2026-12-03T21:28:33Z"
                     *     }
                     */
                    "application/json": components["schemas"]["DocumentoSubido"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteDocumento: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
                /** @description Document type (404 `TIPO_DOCUMENTO_DESCONOCIDO` for any other). */
                tipo: components["schemas"]["TipoDocumento"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    finalizeInscripcion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["InscripcionActualizada"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getConstancia: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The constancia. */
            200: {
                headers: {
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /** @example %PDF-1.3 … %%EOF (the constancia de inscripción) */
                    "application/pdf": Blob;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getRevisiones: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The history. */
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "inscripcion_id": 1042,
                     *       "estado": "OBSERVADO",
                     *       "version": 5,
                     *       "datos_version": 1,
                     *       "subsanables": {
                     *         "secciones": [
                     *           "datos_profesionales"
                     *         ],
                     *         "documentos": [
                     *           "PPP"
                     *         ]
                     *       },
                     *       "revisiones": [
                     *         {
                     *           "id": 88,
                     *           "instancia": "REVISION",
                     *           "resultado": "OBSERVADO",
                     *           "observacion": "El PDF del PPP es ilegible.",
                     *           "requisitos_observados": [
                     *             "NOTA_PPP"
                     *           ],
                     *           "revisado_at": "2026-02-20T15:02:11+00:00",
                     *           "datos_version": 1
                     *         }
                     *       ],
                     *       "versiones": [
                     *         {
                     *           "version": 1,
                     *           "sha256_datos": "9f2c0a7d5e1b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5",
                     *           "codigo_verificacion": "K7Q2M9XW",
                     *           "documentos": [
                     *             {
                     *               "tipo": "PPP",
                     *               "sha256": "1b2c3d4e5f60718293a4b5c6d7e8f9001b2c3d4e5f60718293a4b5c6d7e8f900",
                     *               "tamano": 182233
                     *             }
                     *           ],
                     *           "creado_at": "2026-02-03T14:21:07+00:00"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["RevisionHistorial"];
                };
            };
            /** @description Not modified. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createRevision: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag the reviewer read (`"7"`). */
                "If-Match"?: string;
            };
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RevisionNueva"];
            };
        };
        responses: {
            /** @description The review was recorded; the new version is the ETag. */
            201: {
                headers: {
                    ETag?: string;
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": 88,
                     *       "inscripcion_id": 1042,
                     *       "instancia": "REVISION",
                     *       "resultado": "OBSERVADO",
                     *       "estado": "OBSERVADO",
                     *       "version": 5,
                     *       "revisado_at": "2026-02-20T15:02:11Z"
                     *     }
                     */
                    "application/json": components["schemas"]["RevisionRegistrada"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            /** @description The inscription was reviewed before; send the version read. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    subsanarInscripcion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "acepta_declaracion": true
                 *     }
                 */
                "application/json": {
                    /** @description Must be true. */
                    acepta_declaracion: boolean;
                };
            };
        };
        responses: {
            /** @description Subsanada; the new snapshot. */
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "inscripcion_id": 1042,
                     *       "estado": "SUBSANADO",
                     *       "datos_version": 2,
                     *       "version": 9,
                     *       "sha256_datos": "0c1d2e3f405162738495a6b7c8d9e0f10c1d2e3f405162738495a6b7c8d9e0f1",
                     *       "codigo_verificacion": "7QK2-M9XW-4TRB",
                     *       "subsanado_at": "2026-03-10T16:40:00Z"
                     *     }
                     */
                    "application/json": {
                        inscripcion_id: number;
                        /** @enum {string} */
                        estado: "SUBSANADO";
                        datos_version: number;
                        version: number;
                        sha256_datos: string;
                        codigo_verificacion: string;
                        /** Format: date-time */
                        subsanado_at: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    cargarValidacion: {
        parameters: {
            query: {
                fuente: "COLEGIATURA" | "ENAM" | "EVALUACION_SERUMS" | "PPP";
            };
            header?: never;
            path: {
                /** @description Convocatoria id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example tipo_documento,numero_documento,valor
                 *     DNI,45678912,14.5
                 *     CE,00123456A,12
                 */
                "text/csv": string;
            };
        };
        responses: {
            /** @description Loaded; the counts and every discrepancy. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "carga_id": 3,
                     *       "fuente": "PPP",
                     *       "sha256": "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b",
                     *       "filas": 2,
                     *       "conformes": 1,
                     *       "discrepancias": 1,
                     *       "no_encontrados": 0,
                     *       "sin_inscripcion": 0,
                     *       "detalle_discrepancias": [
                     *         {
                     *           "inscripcion_id": 1042,
                     *           "tipo_documento": "DNI",
                     *           "numero_documento": "45678912",
                     *           "declarado": "15.75",
                     *           "oficial": "12.4"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        carga_id: number;
                        /** @enum {string} */
                        fuente: "COLEGIATURA" | "ENAM" | "EVALUACION_SERUMS" | "PPP";
                        /** @description SHA-256 of the file. */
                        sha256: string;
                        /** @description Data rows in the file. */
                        filas: number;
                        conformes: number;
                        discrepancias: number;
                        /** @description Declared but absent from the file. */
                        no_encontrados: number;
                        /** @description Rows of the file that match no inscription. */
                        sin_inscripcion: number;
                        detalle_discrepancias: {
                            inscripcion_id: number;
                            tipo_documento: string;
                            numero_documento: string;
                            declarado: string | null;
                            oficial: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description The file has bad lines (all listed in `rechazadas`); nothing was loaded. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://serums.minsa.gob.pe/problemas/ARCHIVO_CON_ERRORES",
                     *       "title": "Archivo con errores",
                     *       "status": 422,
                     *       "detail": "2 líneas tienen errores; no se cargó nada. Corrija las líneas indicadas en rechazadas.",
                     *       "code": "ARCHIVO_CON_ERRORES",
                     *       "rechazadas": [
                     *         {
                     *           "linea": 3,
                     *           "motivo": "El DNI tiene exactamente 8 dígitos."
                     *         },
                     *         {
                     *           "linea": 7,
                     *           "motivo": "Documento repetido: ya figura en la línea 2."
                     *         }
                     *       ]
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"] & {
                        rechazadas?: {
                            linea: number;
                            motivo: string;
                        }[];
                    };
                };
            };
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getVinculoLaboral: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF; the ETag is its SHA-256. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example %PDF-1.4 … %%EOF (the stored vínculo laboral PDF) */
                    "application/pdf": Blob;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putVinculoLaboral: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /** @example %PDF-1.4 … %%EOF (the vínculo laboral PDF) */
                "application/pdf": Blob;
            };
        };
        responses: {
            200: components["responses"]["VinculoSubido"];
            201: components["responses"]["VinculoSubido"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    corregirResultado: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    resultado: "APTO" | "NO_APTO";
                    motivo: string;
                };
            };
        };
        responses: {
            /** @description Corrected; the inscription's new version as ETag. */
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": 3,
                     *       "inscripcion_id": 1042,
                     *       "estado_anterior": "APTO",
                     *       "estado": "NO_APTO",
                     *       "motivo": "SUNEDU informa que el título no está registrado (Oficio N° 345-2026).",
                     *       "corregido_at": "2026-04-02T15:10:00Z",
                     *       "version": 11
                     *     }
                     */
                    "application/json": {
                        id: number;
                        inscripcion_id: number;
                        /** @enum {string} */
                        estado_anterior: "APTO" | "NO_APTO";
                        /** @enum {string} */
                        estado: "APTO" | "NO_APTO";
                        motivo: string;
                        /** Format: date-time */
                        corregido_at: string;
                        version: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getInscripcionVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
                /** @description Snapshot version (1, 2, …). */
                n: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The snapshot. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "inscripcion_id": 1042,
                     *       "version": 1,
                     *       "vigente": false,
                     *       "sha256_datos": "9f2c0a7d5e1b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5",
                     *       "codigo_verificacion": "K7Q2M9XW",
                     *       "creado_at": "2026-02-03T14:21:07Z",
                     *       "documentos": [
                     *         {
                     *           "tipo": "PPP",
                     *           "sha256": "1b2c3d4e5f60718293a4b5c6d7e8f9001b2c3d4e5f60718293a4b5c6d7e8f900",
                     *           "tamano": 182233
                     *         }
                     *       ],
                     *       "datos": {
                     *         "convocatoria": "2026-I",
                     *         "datos_profesionales": {
                     *           "profesion": "OBSTETRICIA",
                     *           "nota_ppp": 15.2
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        inscripcion_id: number;
                        version: number;
                        vigente: boolean;
                        sha256_datos: string;
                        codigo_verificacion: string;
                        /** Format: date-time */
                        creado_at: string;
                        documentos: Record<string, never>[];
                        datos: Record<string, never>;
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getInscripcionVersionConstancia: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
                /** @description Snapshot version (1, 2, …). */
                n: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The constancia. */
            200: {
                headers: {
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /** @example %PDF-1.4 ... */
                    "application/pdf": Blob;
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listPublicaciones: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Convocatoria id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The index, newest version first per tipo. */
            200: {
                headers: {
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "tipo": "APTOS_PRELIMINAR",
                     *           "version": 1,
                     *           "publicado_at": "2026-03-02T14:00:00+00:00",
                     *           "filas": 19813,
                     *           "sha256": "5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592",
                     *           "sha256_json": "7b8a9c0d1e2f30415263748596a7b8c97b8a9c0d1e2f30415263748596a7b8c9",
                     *           "urls": {
                     *             "json": "/v1/convocatorias/7/publicaciones/APTOS_PRELIMINAR/versiones/1.json",
                     *             "csv": "/v1/convocatorias/7/publicaciones/APTOS_PRELIMINAR/versiones/1.csv"
                     *           },
                     *           "espejo": {
                     *             "json": "/publicaciones/7/APTOS_PRELIMINAR/v1.json",
                     *             "csv": "/publicaciones/7/APTOS_PRELIMINAR/v1.csv"
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["PublicacionVersion"][];
                    };
                };
            };
            /** @description Not modified. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createPublicacion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Convocatoria id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "tipo": "APTOS_PRELIMINAR"
                 *     }
                 */
                "application/json": {
                    tipo: components["schemas"]["TipoPublicacion"];
                };
            };
        };
        responses: {
            /** @description The new version. */
            201: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "tipo": "APTOS_PRELIMINAR",
                     *       "version": 1,
                     *       "publicado_at": "2026-03-02T14:00:00Z",
                     *       "filas": 19813,
                     *       "sha256": "5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592",
                     *       "sha256_json": "7b8a9c0d1e2f30415263748596a7b8c97b8a9c0d1e2f30415263748596a7b8c9",
                     *       "urls": {
                     *         "json": "/v1/convocatorias/7/publicaciones/APTOS_PRELIMINAR/versiones/1.json",
                     *         "csv": "/v1/convocatorias/7/publicaciones/APTOS_PRELIMINAR/versiones/1.csv"
                     *       },
                     *       "espejo": {
                     *         "json": "/publicaciones/7/APTOS_PRELIMINAR/v1.json",
                     *         "csv": "/publicaciones/7/APTOS_PRELIMINAR/v1.csv"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["PublicacionVersion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPublicacionUltima: {
        parameters: {
            query?: {
                /** @description json or csv (a path suffix or Accept also choose it). */
                formato?: components["parameters"]["FormatoPublicacion"];
            };
            header?: never;
            path: {
                /** @description Convocatoria id. */
                id: string;
                /** @description A tipo, optionally with .csv or .json. */
                tipo: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["PublicacionArchivo"];
            /** @description Not modified. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPublicacionVersion: {
        parameters: {
            query?: {
                /** @description json or csv (a path suffix or Accept also choose it). */
                formato?: components["parameters"]["FormatoPublicacion"];
            };
            header?: never;
            path: {
                /** @description Convocatoria id. */
                id: string;
                tipo: components["schemas"]["TipoPublicacion"];
                /** @description Version number, optionally with .csv or .json. */
                n: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["PublicacionArchivo"];
            /** @description Not modified. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPublicacionEspejo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Convocatoria id. */
                convocatoria: string;
                tipo: components["schemas"]["TipoPublicacion"];
                /** @description v{n}.csv or v{n}.json. */
                archivo: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["PublicacionArchivo"];
            /** @description Not published. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getPublicacionEspejoUltima: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Convocatoria id. */
                convocatoria: string;
                /** @description {TIPO}.csv or {TIPO}.json. */
                archivo: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["PublicacionArchivo"];
            /** @description Not published. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getPolitica: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of a copy the client holds; 304 when it is still current. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description Convocatoria id. */
                id: components["parameters"]["ConvocatoriaId"];
                /** @description Profession code (GET /v1/profesiones). */
                profesion: components["parameters"]["ProfesionCodigo"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The canonical policy. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Politica"];
                };
            };
            304: components["responses"]["NotModified"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putPolitica: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Convocatoria id. */
                id: components["parameters"]["ConvocatoriaId"];
                /** @description Profession code (GET /v1/profesiones). */
                profesion: components["parameters"]["ProfesionCodigo"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Politica"];
            };
        };
        responses: {
            /** @description Replaced. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Politica"];
                };
            };
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Politica"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getOrdenMerito: {
        parameters: {
            query: {
                modalidad: "REMUNERADA" | "EQUIVALENTE";
                profesion: string;
            };
            header?: never;
            path: {
                /** @description Convocatoria id. */
                id: components["parameters"]["ConvocatoriaId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order, as the ORDEN_MERITO list would publish it (version 0). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicacionLista"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    congelarSorteo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Convocatoria id. */
                id: components["parameters"]["ConvocatoriaId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SorteoCongelar"];
            };
        };
        responses: {
            /** @description Frozen; `Location` is the sorteo. */
            201: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Sorteo"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    revelarSorteo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Sorteo id. */
                id: components["parameters"]["SorteoId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SorteoRevelar"];
            };
        };
        responses: {
            /** @description Drawn, with every key and position. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Sorteo"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getSorteo: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of a copy the client holds; 304 when it is still current. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description Sorteo id. */
                id: components["parameters"]["SorteoId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sorteo. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Sorteo"];
                };
            };
            304: components["responses"]["NotModified"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    crearSesion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Convocatoria id. */
                id: components["parameters"]["ConvocatoriaId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SesionCrear"];
            };
        };
        responses: {
            /** @description Created; `Location` is the session. */
            201: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SesionEstado"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getSesion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Adjudication session id. */
                sesion: components["parameters"]["SesionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The state. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SesionEstado"];
                };
            };
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getSesionEstadoEstatico: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of a copy the client holds; 304 when it is still current. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description Adjudication session id. */
                sesion: components["parameters"]["SesionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The state. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SesionEstado"];
                };
            };
            304: components["responses"]["NotModified"];
            404: components["responses"]["NotFound"];
        };
    };
    listTurnos: {
        parameters: {
            query?: {
                /** @description Page size (default 50, max 500). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description Adjudication session id. */
                sesion: components["parameters"]["SesionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of turns. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TurnoPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getSesionLog: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of a copy the client holds; 304 when it is still current. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description Adjudication session id. */
                sesion: components["parameters"]["SesionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The log. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SesionLog"];
                };
            };
            304: components["responses"]["NotModified"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    iniciarSesion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Adjudication session id. */
                sesion: components["parameters"]["SesionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["SesionEstadoOk"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    pausarSesion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Adjudication session id. */
                sesion: components["parameters"]["SesionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["SesionEstadoOk"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    cerrarSesion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Adjudication session id. */
                sesion: components["parameters"]["SesionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["SesionEstadoOk"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    elegirPlaza: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Adjudication session id. */
                sesion: components["parameters"]["SesionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Eleccion"];
            };
        };
        responses: {
            200: components["responses"]["SesionEstadoOk"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPreferencias: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Adjudication session id. */
                sesion: components["parameters"]["SesionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The list. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Preferencias"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putPreferencias: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Adjudication session id. */
                sesion: components["parameters"]["SesionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Preferencias"];
            };
        };
        responses: {
            /** @description The list as stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Preferencias"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    anularAdjudicacion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Adjudicación id. */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AnulacionCrear"];
            };
        };
        responses: {
            /** @description Annulled. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Anulacion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getInforme: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The informe. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Informe"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    guardarInforme: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InformeTextos"];
            };
        };
        responses: {
            200: components["responses"]["InformeActualizado"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putAtencion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
                /** @description Year (four digits). */
                anio: string;
                /** @description Month 1–12 of the service period. */
                mes: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Conteos"];
            };
        };
        responses: {
            200: components["responses"]["InformeActualizado"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description A month outside the period, or a wrong count. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteAtencion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
                /** @description Year (four digits). */
                anio: string;
                /** @description Month 1–12 of the service period. */
                mes: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putActividad: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ActividadEntrada"];
            };
        };
        responses: {
            200: components["responses"]["InformeActualizado"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteActividad: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
                /** @description The row's id. */
                actividad_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    enviarInforme: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default false */
                    confirmar_incompleto?: boolean;
                };
            };
        };
        responses: {
            200: components["responses"]["InformeActualizado"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Months missing and not confirmed. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    revisarInforme: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InformeRevision"];
            };
        };
        responses: {
            200: components["responses"]["InformeActualizado"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    resolverInforme: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InformeResolucion"];
            };
        };
        responses: {
            200: components["responses"]["InformeActualizado"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getInformePdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Inscription id. */
                id: components["parameters"]["InscripcionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report. */
            200: {
                headers: {
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /** @example %PDF-1.4 … %%EOF (the Reporte de Informe Final) */
                    "application/pdf": Blob;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listInformes: {
        parameters: {
            query?: {
                /** @description Only this state. */
                estado?: "ENVIADO" | "OBSERVADO" | "APROBADO" | "RESOLUCION";
                /** @description Profession code. */
                profesion?: string;
                /** @description Page size (default 50, max 500). */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description Convocatoria id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InformeLista"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
