// src/api/http: what the API serves besides GraphQL: the streamed export routes and the web pages.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express from 'express';
import type { Logger } from 'pino';
import { COORDINATORS, requireRoles } from '../auth/access.js';
import type { Authenticate } from '../auth/authenticate.js';
import type { Role } from '../auth/keys.js';
import { badInput } from '../../core/errors.js';
import { routeError } from '../errors.js';
import { recallKey } from '../node/ids.js';
import { TraceDirection } from '../../core/enums.js';
import type { Scope } from '../../core/scope.js';
import type { Services } from '../../core/services.js';
import type { EpcisExportFilter } from '../../core/epcis/epcis.service.js';
import { glossaryCsv } from '../../core/fsma/fsma.columns.js';
import { type Fsma204Filter, parseBound } from '../../core/fsma/fsma.service.js';
import { recallReportCsv, recallReportHtml } from '../../core/recall/recall.report.js';

/** `?lotCodes=A&lotCodes=B`: repeated parameters are lists. */
const list = (value: unknown): string[] | null => (value === undefined ? null : Array.isArray(value) ? value.map(String) : [String(value)]);

/** The query's parameters, each known; `single` reads one given at most once. */
function parametersOf(query: Record<string, unknown>, known: string[]) {
  const unknown = Object.keys(query).find((k) => !known.includes(k));
  if (unknown !== undefined) throw badInput(unknown, query[unknown], `unknown parameter (expected ${known.join(', ')})`);
  return {
    list: (name: string) => list(query[name]),
    single: (name: string) => {
      const values = list(query[name]);
      if (values && values.length > 1) throw badInput(name, values, 'may be given once');
      return values?.[0] ?? null;
    },
  };
}

function fsmaFilterOf(query: Record<string, unknown>): Fsma204Filter {
  const { list: many, single } = parametersOf(query, ['lotCodes', 'materialSkus', 'from', 'to', 'includeTrace', 'recallId']);
  const from = single('from');
  const to = single('to');
  const trace = single('includeTrace');
  const recallId = single('recallId');
  if (trace !== null && trace !== 'true' && trace !== 'false') throw badInput('includeTrace', trace, 'must be true or false');
  return {
    lotCodes: many('lotCodes'),
    materialSkus: many('materialSkus'),
    from: from === null ? null : parseBound('from', from),
    to: to === null ? null : parseBound('to', to),
    includeTrace: trace === 'true',
    recallId: recallId === null ? null : recallKey(recallId),
  };
}

function epcisFilterOf(query: Record<string, unknown>): EpcisExportFilter {
  const { single } = parametersOf(query, ['lotCode', 'direction', 'from', 'to']);
  const direction = single('direction');
  if (direction !== null && direction !== TraceDirection.FORWARD && direction !== TraceDirection.BACKWARD) {
    throw badInput('direction', direction, 'must be FORWARD or BACKWARD');
  }
  return { lotCode: single('lotCode'), direction: direction as TraceDirection | null, from: single('from'), to: single('to') };
}

/**
 * GET /exports/fsma204.csv (the FSMA 204 sortable spreadsheet; same parameters as the fsma204Csv
 * query, lists as repeated parameters), GET /exports/epcis.json (the EPCIS 2.0 document; same
 * parameters as the exportEpcis query), GET /exports/fsma204-glossary.csv (what the sheet's
 * columns mean), and GET /exports/recalls/<recallId>/report.csv and report.html (a recall's report,
 * as a spreadsheet and as a page to print). Authorised like a GraphQL request: the same Bearer
 * credentials and role rules; the sheet and the document are exports (RECALL_COORDINATOR, ADMIN),
 * the glossary and the recall reports (what any role may query) open to any caller.
 * The exports stream, whatever their size; errors found before the first byte come as JSON in the
 * GraphQL error shape, with the request id.
 */
export function exportRoutes(services: Services, authenticate: Authenticate, log: Logger): express.Router {
  const router = express.Router();

  const handle = (roles: Role[], send: (req: express.Request, res: express.Response, scope: Scope) => Promise<void>) =>
    async (req: express.Request, res: express.Response) => {
      const requestId = res.locals.requestId as string;
      const started = performance.now();
      let actor: string | null = null;
      try {
        const principal = await authenticate(req.headers.authorization);
        actor = principal.name;
        // The role rule of the GraphQL operations, from the one place that checks them.
        requireRoles(principal, roles);
        await send(req, res, { actor: principal.name, requestId });
        log.info({ requestId, actor, route: req.originalUrl.split('?')[0], ms: performance.now() - started, outcome: 'ok' }, 'export request');
      } catch (err) {
        if (res.headersSent) {
          // A page failed mid-way: the response is cut off (no final chunk), so that no client takes it for whole.
          log.error({ requestId, actor, route: req.originalUrl.split('?')[0], outcome: 'INTERRUPTED', err }, 'export request');
          res.destroy();
          return;
        }
        const shown = routeError(err);
        log[shown ? 'info' : 'error']({ requestId, actor, route: req.originalUrl.split('?')[0], outcome: shown?.extensions.code ?? 'INTERNAL_SERVER_ERROR', ...(shown ? {} : { err }) }, 'export request');
        const { status, message, extensions } = shown ?? { status: 500, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
        res.status(status).json({ errors: [{ message, extensions: { ...extensions, requestId } }] });
      }
    };

  /**
   * Sends the text as it is read: the next page is read once the client has taken the last (a byte
   * stream reads ahead 16 kB, not 16 pages as one of objects would), and reading stops when the
   * client goes away.
   */
  const stream = (res: express.Response, filename: string, type: string, text: string | AsyncIterable<string>) => {
    res.attachment(filename).type(type);
    return pipeline(Readable.from(typeof text === 'string' ? [text] : text, { objectMode: false }), res);
  };

  router.get('/fsma204.csv', handle(COORDINATORS, async (req, res, scope) => {
    await stream(res, 'fsma204.csv', 'text/csv; charset=utf-8', await services.fsma.csv(fsmaFilterOf(req.query as Record<string, unknown>), scope));
  }));

  router.get('/epcis.json', handle(COORDINATORS, async (req, res, scope) => {
    await stream(res, 'epcis.json', 'application/json; charset=utf-8', await services.epcis.exportText(epcisFilterOf(req.query as Record<string, unknown>), scope));
  }));

  router.get('/fsma204-glossary.csv', handle([], async (_req, res) => {
    await stream(res, 'fsma204-glossary.csv', 'text/csv; charset=utf-8', glossaryCsv());
  }));

  // A recall's report: what any role may read through the API, as a download and as a page to print.
  const report = (req: express.Request, scope: Scope) => {
    parametersOf(req.query as Record<string, unknown>, []);
    return services.recalls.report(recallKey(req.params.recallId as string), scope);
  };

  router.get('/recalls/:recallId/report.csv', handle([], async (req, res, scope) => {
    const r = await report(req, scope);
    await stream(res, `recall-${r.recall.recallId}-report.csv`, 'text/csv; charset=utf-8', recallReportCsv(r));
  }));

  router.get('/recalls/:recallId/report.html', handle([], async (req, res, scope) => {
    const page = recallReportHtml(await report(req, scope));
    res.type('text/html; charset=utf-8').send(page);
  }));

  return router;
}
