import express from 'express';
import type { Logger } from 'pino';
import type { AuthCheckerFn, ResolverData } from 'type-graphql';
import { COORDINATORS, authChecker } from '../../auth/access.js';
import type { Authenticate } from '../../auth/authenticate.js';
import type { Role } from '../../auth/keys.js';
import { badInput, codeOf } from '../../errors.js';
import type { Context } from '../../graphql/context.js';
import type { Services } from '../../services.js';
import { glossaryCsv } from './fsma.columns.js';
import { type Fsma204Filter, parseBound } from './fsma.service.js';

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, SERVICE_UNAVAILABLE: 503 };
const PARAMETERS = ['lotCodes', 'materialSkus', 'from', 'to', 'includeTrace'];

/** `?lotCodes=A&lotCodes=B`: repeated parameters are lists. */
const list = (value: unknown): string[] | null => (value === undefined ? null : Array.isArray(value) ? value.map(String) : [String(value)]);

function filterOf(query: Record<string, unknown>): Fsma204Filter {
  const unknown = Object.keys(query).find((k) => !PARAMETERS.includes(k));
  if (unknown !== undefined) throw badInput(unknown, query[unknown], `unknown parameter (expected ${PARAMETERS.join(', ')})`);
  const single = (name: string) => {
    const values = list(query[name]);
    if (values && values.length > 1) throw badInput(name, values, 'may be given once');
    return values?.[0] ?? null;
  };
  const from = single('from');
  const to = single('to');
  const trace = single('includeTrace');
  if (trace !== null && trace !== 'true' && trace !== 'false') throw badInput('includeTrace', trace, 'must be true or false');
  return {
    lotCodes: list(query.lotCodes),
    materialSkus: list(query.materialSkus),
    from: from === null ? null : parseBound('from', from),
    to: to === null ? null : parseBound('to', to),
    includeTrace: trace === 'true',
  };
}

/**
 * GET /exports/fsma204.csv (the FSMA 204 sortable spreadsheet; same parameters as the fsma204Csv
 * query, lists as repeated parameters) and GET /exports/fsma204-glossary.csv (what its columns
 * mean). Authorised like a GraphQL request: the same Bearer credentials and role rules; the sheet
 * is an export (RECALL_COORDINATOR, ADMIN), the glossary open to any caller. Errors come as JSON
 * in the GraphQL error shape, with the request id.
 */
export function exportRoutes(services: Services, authenticate: Authenticate, log: Logger): express.Router {
  const router = express.Router();

  const handle = (roles: Role[], send: (req: express.Request, res: express.Response, requestId: string) => Promise<void>) =>
    async (req: express.Request, res: express.Response) => {
      const requestId = res.locals.requestId as string;
      const started = performance.now();
      let actor: string | null = null;
      try {
        const principal = await authenticate(req.headers.authorization);
        actor = principal.name;
        // The role rule of the GraphQL operations, from the one place that checks them.
        (authChecker as AuthCheckerFn<Context, Role>)({ context: { principal } } as ResolverData<Context>, roles);
        await send(req, res, requestId);
        log.info({ requestId, actor, route: req.originalUrl.split('?')[0], ms: performance.now() - started, outcome: 'ok' }, 'export request');
      } catch (err) {
        const code = codeOf(err);
        const status = code ? STATUS[code] : undefined;
        log[status ? 'info' : 'error']({ requestId, actor, route: req.originalUrl.split('?')[0], outcome: code ?? 'INTERNAL_SERVER_ERROR', ...(status ? {} : { err }) }, 'export request');
        const { http: _http, ...extensions } = status ? ((err as { extensions: Record<string, unknown> }).extensions) : { code: 'INTERNAL_SERVER_ERROR' };
        res.status(status ?? 500).json({
          errors: [{ message: status ? (err as Error).message : 'Internal server error', extensions: { ...extensions, requestId } }],
        });
      }
    };

  const csv = (res: express.Response, filename: string, body: string) => {
    res.type('text/csv; charset=utf-8').attachment(filename).send(body);
  };

  router.get('/fsma204.csv', handle(COORDINATORS, async (req, res, requestId) => {
    csv(res, 'fsma204.csv', await services.fsma.csv(filterOf(req.query as Record<string, unknown>), requestId));
  }));

  router.get('/fsma204-glossary.csv', handle([], async (_req, res) => {
    csv(res, 'fsma204-glossary.csv', glossaryCsv());
  }));

  return router;
}
