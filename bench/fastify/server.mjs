// server.mjs - the minimal fastify responder a team might pick instead:
// GET /healthz -> {"status":"ok"}, behind the same nginx (bench/run.sh).
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 19090) });
