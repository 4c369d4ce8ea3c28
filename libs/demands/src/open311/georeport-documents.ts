/**
 * The GeoReport v2 documents in both formats, shaped as the spec's examples: XML through
 * fast-xml-parser's builder (root `services`/`service`, `service_requests`/`request`,
 * `errors`/`error`, `discovery`), JSON as the same data by the Spark convention (a root element's
 * repeated children become an array). Pure.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { type Open311Format, type Open311Request, type Open311Service } from './georeport';

type Scalar = string | number | boolean | null;

/** The answer of POST requests (realtime: a number, never a token). */
export interface Open311Created {
  readonly service_request_id: string;
  readonly service_notice: string | null;
  readonly account_id: string | null;
}

const builder = new XMLBuilder({ format: true, suppressEmptyNode: false, processEntities: true });

/** XML 1.0 allows tab, newline, carriage return and the text planes; anything else is replaced. */
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const xmlText = (value: Scalar): Scalar =>
  typeof value === 'string' ? value.replace(NOT_XML_CHAR, '\uFFFD') : value;

function xmlDocument(root: string, body: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: body })}`;
}

/** `<root><item>…</item>…</root>`, or the JSON array of the items. */
function listDocument(
  root: string,
  item: string,
  rows: readonly object[],
  format: Open311Format,
): string {
  if (format === 'json') return JSON.stringify(rows);
  const items = rows.map((row) =>
    Object.fromEntries(
      Object.entries(row as Record<string, Scalar>).map(([k, v]) => [k, xmlText(v)]),
    ),
  );
  return xmlDocument(root, items.length === 0 ? '' : { [item]: items });
}

export function servicesDocument(rows: readonly Open311Service[], format: Open311Format): string {
  return listDocument('services', 'service', rows, format);
}

/** GET requests, GET a request, and the answer of POST requests. */
export function requestsDocument(
  rows: readonly (Open311Request | Open311Created)[],
  format: Open311Format,
): string {
  return listDocument('service_requests', 'request', rows, format);
}

export interface Open311Error {
  readonly code: number;
  readonly description: string;
}

export function errorsDocument(errors: readonly Open311Error[], format: Open311Format): string {
  return listDocument('errors', 'error', errors, format);
}

export interface Open311Endpoint {
  readonly specification: string;
  readonly url: string;
  readonly changeset: string;
  readonly type: 'production' | 'test';
  readonly formats: readonly string[];
}

export interface Open311Discovery {
  readonly changeset: string;
  readonly contact: string;
  readonly key_service: string;
  readonly endpoints: readonly Open311Endpoint[];
}

/** The discovery document: `endpoints`/`endpoint` and `formats`/`format` in XML, arrays in JSON. */
export function discoveryDocument(d: Open311Discovery, format: Open311Format): string {
  if (format === 'json') return JSON.stringify(d);
  return xmlDocument('discovery', {
    changeset: xmlText(d.changeset),
    contact: xmlText(d.contact),
    key_service: xmlText(d.key_service),
    endpoints: {
      endpoint: d.endpoints.map((e) => ({
        specification: e.specification,
        url: xmlText(e.url),
        changeset: e.changeset,
        type: e.type,
        formats: { format: [...e.formats] },
      })),
    },
  });
}
