// spa.ts - the SPA's real calls, written as a SPA team writes them with
// openapi-fetch against the generated types (../types/api.d.ts). It is not
// run: `tsc --noEmit -p client` (a step of scripts/test.sh) must accept it,
// so a contract whose ids, enums or bodies disagree between operations fails
// the test command. Keep it in step with what the SPA does.
import createClient from 'openapi-fetch';
import type { components, paths } from '../types/api';

type Schemas = components['schemas'];
export type Inscripcion = Schemas['Inscripcion'];
export type Convocatoria = Schemas['Convocatoria'];

export function serumsClient(baseUrl: string, accessToken: () => string | undefined) {
  // JSON and problem+json answers only: CSV exports are links (plazasCsvUrl),
  // PDFs are read with parseAs: 'blob'.
  const client = createClient<paths, `application/${string}json`>({ baseUrl, credentials: 'include' });
  client.use({
    onRequest({ request }) {
      const token = accessToken();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  });
  return client;
}
type Client = ReturnType<typeof serumsClient>;

/** Problem details for people: detail plus one line per wrong field. */
export function describeProblem(p: Schemas['Problem']): string {
  const fields = (p.errors ?? []).map((e) => `${e.field}: ${e.message}`);
  return [p.detail, ...fields].join('\n');
}

export async function signUp(api: Client, email: string, captchaToken: string) {
  const sent = await api.POST('/v1/auth/email-codes', { body: { email } });
  if (sent.error) throw new Error(describeProblem(sent.error));
  const body: Schemas['RegisterRequest'] = {
    email,
    codigo_verificacion: '042917',
    tipo_documento: 'DNI',
    numero_documento: '10117410',
    digito_verificacion: '2',
    fecha_nacimiento: '1996-04-12',
    fecha_emision: '2018-07-03',
    password: 'Clave-Andina-2026',
    captcha_token: captchaToken,
    nombres: 'Ana Lucía',
    apellido_paterno: 'Quispe',
    apellido_materno: 'Mamani',
  };
  const { data, error } = await api.POST('/v1/auth/register', { body });
  if (error) throw new Error(describeProblem(error));
  return data;
}

export async function signIn(api: Client, email: string, password: string): Promise<string> {
  const { data, error } = await api.POST('/v1/auth/login', { body: { email, password, client: 'web' } });
  if (error) {
    if (error.code === 'CUENTA_BLOQUEADA') throw new Error('Cuenta bloqueada: ' + error.detail);
    throw new Error(describeProblem(error));
  }
  return data.access_token;
}

export async function refresh(api: Client): Promise<string | undefined> {
  const { data } = await api.POST('/v1/auth/refresh', {});
  return data?.access_token;
}

export async function profile(api: Client) {
  const { data, error } = await api.GET('/v1/me');
  if (error) throw new Error(describeProblem(error));
  return { id: data.id, rol: data.rol, email: data.email };
}

/** The convocatoria open for inscriptions now, if any. */
export async function openConvocatoria(api: Client): Promise<Convocatoria | undefined> {
  const { data, error } = await api.GET('/v1/convocatorias', { params: { query: { limit: 20 } } });
  if (error) throw new Error(describeProblem(error));
  return data.items.find((c) => c.fase_actual === 'INSCRIPCION');
}

export async function searchPlazas(api: Client, convocatoria: Convocatoria, q: string) {
  const { data, error } = await api.GET('/v1/convocatorias/{id}/plazas', {
    params: {
      path: { id: convocatoria.id },
      query: { modalidad: 'REMUNERADA', profesion: 'MEDICINA', q, zaf: true, orden: '-grado_dificultad', limit: 50 },
    },
  });
  if (error) throw new Error(describeProblem(error));
  return { total: data.total, next: data.next_cursor, rows: data.items.map((p) => [p.establecimiento, p.cantidad] as const) };
}

/** A link a spreadsheet can open: the same search as CSV. */
export function plazasCsvUrl(baseUrl: string, convocatoria: Convocatoria): string {
  const query: NonNullable<paths['/v1/convocatorias/{id}/plazas']['get']['parameters']['query']> = {
    modalidad: 'EQUIVALENTE',
    formato: 'csv',
  };
  return `${baseUrl}/v1/convocatorias/${convocatoria.id}/plazas?` + new URLSearchParams(query as Record<string, string>);
}

export async function inscribe(api: Client, convocatoria: Convocatoria, ppp: File): Promise<Inscripcion> {
  const created = await api.POST('/v1/convocatorias/{id}/inscripciones', { params: { path: { id: convocatoria.id } } });
  if (created.error) throw new Error(describeProblem(created.error));
  const id = created.data.id;
  const path = { params: { path: { id } } };

  const personales: Schemas['DatosPersonales'] = {
    pais_nacimiento: 'PE',
    ubigeo_residencia: '080101',
    direccion: 'Av. El Sol 123',
    estado_civil: 'SOLTERO',
    celular: '987654321',
    contacto_emergencia_nombre: 'Rosa Mamani',
    contacto_emergencia_celular: '912345678',
    licenciado_ffaa: false,
    discapacidad: false,
  };
  let step = await api.PUT('/v1/inscripciones/{id}/datos-personales', { ...path, body: personales });
  if (step.error) throw new Error(describeProblem(step.error));

  step = await api.PUT('/v1/inscripciones/{id}/datos-profesionales', {
    ...path,
    body: {
      pais_universidad: 'PE',
      universidad: 'Universidad Nacional de San Antonio Abad del Cusco',
      profesion: 'MEDICINA',
      numero_colegiatura: '081234',
      fecha_titulacion: '2025-12-15',
      nota_ppp: 15.42,
      nota_evaluacion_serums: 14.5,
      nota_adjudicacion: 'EVALUACION_SERUMS',
    },
  });
  if (step.error) throw new Error(describeProblem(step.error));

  step = await api.PUT('/v1/inscripciones/{id}/datos-postulacion', {
    ...path,
    body: {
      convalida_servicer: false,
      pensionista_estado: false,
      trabajador_estado: false,
      docente: false,
      diresa: 'CUSCO',
      modalidad: 'REMUNERADA',
      categoria: 'REGULAR',
      regimen_pensionario: 'AFP',
      comprobante_numero: '00012345',
      comprobante_fecha: '2026-02-03',
    },
  });
  if (step.error) throw new Error(describeProblem(step.error));

  const upload = await api.PUT('/v1/inscripciones/{id}/documentos/{tipo}', {
    params: { path: { id, tipo: 'PPP' } },
    body: ppp,
    headers: { 'Content-Type': 'application/pdf' },
    bodySerializer: (file) => file,
  });
  if (upload.error) throw new Error(describeProblem(upload.error));

  step = await api.PUT('/v1/inscripciones/{id}/declaracion-jurada', { ...path, body: { acepta: true } });
  if (step.error) throw new Error(describeProblem(step.error));
  const missing = step.data.faltantes;
  if (missing.length > 0) throw new Error(`Falta: ${missing.map((f) => f.field).join(', ')}`);

  const done = await api.POST('/v1/inscripciones/{id}/finalizar', path);
  if (done.error) throw new Error(describeProblem(done.error));
  return done.data;
}

/** The caller's inscriptions, and each one's convocatoria id (one type everywhere). */
export async function myInscripciones(api: Client): Promise<Map<number, Inscripcion['id']>> {
  const { data, error } = await api.GET('/v1/me/inscripciones');
  if (error) throw new Error(describeProblem(error));
  const byConvocatoria = new Map<Convocatoria['id'], Inscripcion['id']>();
  for (const i of data.items) byConvocatoria.set(i.convocatoria.id, i.id);
  return byConvocatoria;
}

export async function constancia(api: Client, id: Inscripcion['id']): Promise<Blob> {
  const { data, error } = await api.GET('/v1/inscripciones/{id}/constancia', { params: { path: { id } }, parseAs: 'blob' });
  if (error) throw new Error(describeProblem(error));
  return data;
}
