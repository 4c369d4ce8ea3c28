import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Socket } from 'node:net';
import { type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type FastifyInstance, type FastifyReply } from 'fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ConfigurationError, loadConfig, type AppConfig } from '@yishi/config';
import { DevServiceError } from '@yishi/dev-services';
import { createLogger, Metrics } from '@yishi/observability';
import { ApiExceptionFilter } from './http/error.filter';
import { IDEMPOTENCY_KEY_HEADER } from './http/idempotency';
import { registerBodyParsers } from './http/body-parsers';
import { toErrorResponse } from './http/error-body';
import { requestContext } from './http/request-context.middleware';
import { registerSecurityHeaders } from './http/security-headers';
import { storableInput } from './http/storable-input.middleware';
import { createValidationPipe } from './http/validation';
import { serveWebApp } from './http/web-app';
import { NestLogger } from './nest-logger';
import { prepareRuntime, type Runtime } from './runtime';

export const API_PREFIX = 'api/v1';
/**
 * Served outside the API prefix: the operations endpoints, and Open311 GeoReport v2 under
 * `/open311/v2` (its own contract, at the path 311 clients are pointed at; docs/demands.md).
 * Patterns as Nest's `exclude` reads them (path-to-regexp).
 */
export const UNPREFIXED_PATHS = ['health', 'metrics', 'open311/{*path}'];

/** Whether a controller's route (`health`, `open311/v2/services.:format`) is served unprefixed. */
export function isUnprefixedPath(path: string): boolean {
  const local = path.replace(/^\/+/, '');
  return local === 'health' || local === 'metrics' || local.startsWith('open311/');
}

export interface HttpAppOptions {
  /** Serve the OpenAPI document at /docs-json and its UI at /docs. */
  readonly openApi: boolean;
  /** Serve the built web app (apps/web) at `/`, when it has been built. */
  readonly webApp?: boolean;
  /**
   * Nest's preview mode: modules and routes are scanned, no provider is built (nothing connects).
   * Enough for the OpenAPI document (scripts/openapi.ts), not for serving.
   */
  readonly preview?: boolean;
}

/** Builds the Nest application with the platform's HTTP conventions; does not listen. */
export async function createHttpApp(
  module: DynamicModule,
  runtime: Runtime,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    module,
    new FastifyAdapter({
      // A proxy on the same host (the deployment's) says who the client is; no one else may.
      trustProxy: ['127.0.0.0/8', '::1/128'],
      // As Express did: /cases/ is /cases, and paths match whatever their case.
      routerOptions: { ignoreTrailingSlash: true, caseSensitive: false },
      // The router's own refusals (a malformed URL, an over-long parameter) in the contract's body.
      frameworkErrors: (error: Error, _request: unknown, reply: FastifyReply) => {
        const { status, body } = toErrorResponse(error);
        void reply
          .code(status)
          .header('Content-Type', 'application/json; charset=utf-8')
          .send(JSON.stringify(body));
      },
    }),
    {
      logger: new NestLogger(runtime.logger),
      bodyParser: false,
      preview: options.preview === true,
    },
  );
  const fastify = app.getHttpAdapter().getInstance();
  // First: its hooks then run before every middleware and route (docs/http-hardening.md).
  registerSecurityHeaders(app);
  app.use(requestContext(runtime.logger));
  // Over a cap: 413 PAYLOAD_TOO_LARGE; malformed JSON: 400; other types reach the route unread.
  registerBodyParsers(fastify, {
    jsonBytes: runtime.config.bodyLimitJsonBytes,
    textBytes: runtime.config.bodyLimitTextBytes,
  });
  fastify.addHook('preValidation', storableInput);
  closeConnectionsAsTheyIdle(fastify);
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_PATHS });
  if (options.webApp === true && !serveWebApp(app))
    runtime.logger.warn({}, 'no web app build (npm run build): / is not served');
  app.useGlobalFilters(new ApiExceptionFilter(runtime.logger));
  app.useGlobalPipes(createValidationPipe());
  if (options.openApi)
    SwaggerModule.setup('docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  return app;
}

/** The OpenAPI document served at /docs-json, also written offline by scripts/openapi.ts. */
export function createOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('议事 Yishi API')
      .setDescription(
        'Community deliberation cases: 五方议事厅 and 邻里会商. Errors: { error: { code, message, details } }.',
      )
      .setVersion('1')
      .addServer('/', 'this server')
      .addBearerAuth()
      .build(),
  );
  // As package.json says: private, no licence granted (the builder's setLicense insists on a URL).
  document.info.license = { name: 'UNLICENSED' };
  declarePathParameters(document);
  documentWriteGuards(document);
  return document;
}

/**
 * Declares every `{name}` of a path on each of its operations that does not: a route reads its
 * community from the guard's scope (`communityOf(auth)`) rather than through @Param, and a client
 * generator needs every parameter of the path declared.
 */
function declarePathParameters(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    for (const operation of [item.get, item.post, item.put, item.patch, item.delete]) {
      if (operation === undefined) continue;
      const declared = new Set(
        (operation.parameters ?? []).flatMap((p) => ('in' in p && p.in === 'path' ? [p.name] : [])),
      );
      const missing = names.filter((name) => !declared.has(name));
      operation.parameters = [
        ...missing.map((name) => ({
          name,
          in: 'path' as const,
          required: true,
          schema: { type: 'string' as const },
        })),
        ...(operation.parameters ?? []),
      ];
    }
  }
}

/**
 * Every write accepts the optional Idempotency-Key header and may answer 422/409 for it, 429 for
 * the write rate limits and 413 over the body cap (see docs/http-hardening.md).
 */
function documentWriteGuards(document: OpenAPIObject): void {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
  });
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ErrorBody: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message', 'details'],
            properties: {
              code: { type: 'string', example: 'RATE_LIMITED' },
              message: { type: 'string' },
              details: { type: 'object', additionalProperties: true },
            },
          },
        },
      },
    },
  };
  for (const item of Object.values(document.paths))
    for (const operation of [item.post, item.put, item.patch, item.delete]) {
      if (operation === undefined) continue;
      operation.responses = {
        '413': error('PAYLOAD_TOO_LARGE: the body is over BODY_LIMIT_JSON_BYTES / _TEXT_BYTES'),
        '422': error('IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used with another request'),
        '429': {
          ...error('RATE_LIMITED: too many writes; wait Retry-After seconds'),
          headers: { 'Retry-After': { schema: { type: 'integer' } } },
        },
        ...operation.responses,
      };
      operation.parameters = [
        ...(operation.parameters ?? []),
        {
          name: IDEMPOTENCY_KEY_HEADER,
          in: 'header',
          required: false,
          description:
            'Optional. The same key and body within IDEMPOTENCY_TTL_HOURS (24 h) replays the first answer ' +
            '(with Idempotent-Replayed: true) and writes nothing twice; a different body: 422 ' +
            'IDEMPOTENCY_KEY_REUSED; while the first is still running: 409 IDEMPOTENCY_KEY_IN_USE. ' +
            'POST /auth/token ignores it.',
          schema: { type: 'string', maxLength: 255, pattern: '^[\\x21-\\x7e]{1,255}$' },
        },
      ];
    }
}

/** One line for the operator when the HTTP port cannot be had, as for the services' ports. */
export function listenFailure(error: unknown, port: number, variable: string): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE')
    return (
      `Port ${port} is already in use by another program (perhaps another Yishi), so this ` +
      `process cannot listen there. Set ${variable} to a free port, or stop that program.`
    );
  if (code === 'EACCES')
    return `Port ${port} needs privileges this process does not have. Set ${variable} to a port above 1023.`;
  return undefined;
}

export interface ProcessOptions {
  readonly role: 'platform' | 'api' | 'worker';
  readonly module: (runtime: Runtime) => DynamicModule;
  readonly port: (config: AppConfig) => number;
  readonly openApi: boolean;
  readonly webApp?: boolean;
}

/**
 * Starts one process: validated configuration (a bad variable stops it, named), the services,
 * migrations, the Nest application; on SIGTERM/SIGINT closes workers before queues, then the pool
 * and any service it started, bounded by SHUTDOWN_TIMEOUT_MS.
 */
export async function runProcess(options: ProcessOptions): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\nSee README.md, "Configuration".\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, service: `yishi-${options.role}` });
  const startedAt = performance.now();
  let runtime: Runtime;
  try {
    runtime = await prepareRuntime({ config, logger, metrics: new Metrics(), role: options.role });
  } catch (error) {
    const message = error instanceof DevServiceError ? error.message : 'could not start';
    logger.fatal({ err: error instanceof DevServiceError ? undefined : error }, message);
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
  const app = await createHttpApp(options.module(runtime), runtime, {
    openApi: options.openApi,
    webApp: options.webApp === true,
  });
  const port = options.port(config);
  try {
    await app.listen(port, '0.0.0.0');
  } catch (error) {
    const message = listenFailure(error, port, options.role === 'worker' ? 'WORKER_PORT' : 'PORT');
    if (message === undefined) throw error;
    logger.fatal({ port }, message);
    process.stderr.write(`${message}\n`);
    // Stop what this process started (an embedded PostgreSQL among them) before leaving.
    setTimeout(() => process.exit(1), config.shutdownTimeoutMs).unref();
    await app.close().catch(() => undefined);
    await runtime.close().catch(() => undefined);
    process.exit(1);
  }
  logger.info(
    {
      port,
      role: options.role,
      startupMs: Math.round(performance.now() - startedAt),
      docs: options.openApi ? `http://localhost:${port}/docs` : undefined,
    },
    `yishi ${options.role} listening on http://localhost:${port}`,
  );

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    void (async () => {
      await app.close();
      await runtime.close();
      logger.info({}, 'stopped');
      process.exit(0);
    })().catch((error: unknown) => {
      logger.error({ err: error }, 'error during shutdown');
      process.exit(1);
    });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/**
 * At close, Fastify closes the connections idle at that moment and waits for the others; a
 * keep-alive connection whose request ends later (an event stream ended at shutdown, a request
 * in flight) would then idle until its keep-alive timeout (72 s) or its client drops it, and hold
 * the close that long. Node also counts a connection that has not sent a whole request yet as
 * busy (a client that connected and stalled, a browser's speculative connection): it held the
 * close until Node's headers timeout (60 s, checked every 30 s). So each connection's requests in
 * flight are counted, and while closing every connection without one is closed, at once and then
 * as they come: requests in flight still finish.
 */
function closeConnectionsAsTheyIdle(fastify: FastifyInstance): void {
  const inFlight = new Map<Socket, number>();
  fastify.server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
  });
  fastify.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const { socket } = request;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    response.once('close', () => {
      const n = inFlight.get(socket);
      if (n !== undefined) inFlight.set(socket, n - 1);
    });
  });
  const closeIdle = () => {
    for (const [socket, n] of inFlight) if (n === 0) socket.destroy();
  };
  let timer: NodeJS.Timeout | undefined;
  fastify.addHook('preClose', (done) => {
    closeIdle();
    timer = setInterval(closeIdle, 100).unref();
    done();
  });
  fastify.addHook('onClose', (_instance, done) => {
    clearInterval(timer);
    done();
  });
}
