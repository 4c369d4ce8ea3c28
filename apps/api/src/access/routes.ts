import { Injectable, type OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { API_PREFIX, isUnprefixedPath } from '@yishi/platform';
import { ACTION_METADATA, isAction } from '@yishi/access';

export interface RouteInfo {
  readonly method: string;
  /** The full path as a client calls it, with `:params`. */
  readonly path: string;
  readonly action: unknown;
  readonly handler: string;
}

function joinPath(...parts: string[]): string {
  return `/${parts
    .flatMap((p) => p.split('/'))
    .filter((p) => p !== '')
    .join('/')}`;
}

/** Every HTTP route of the application, with the action it names (if any). */
export function listRoutes(discovery: DiscoveryService, scanner: MetadataScanner): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
    if (type === null || typeof type !== 'function') continue;
    const base = Reflect.getMetadata(PATH_METADATA, type) as string | string[] | undefined;
    const prototype = type.prototype as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      for (const b of [base ?? ''].flat())
        for (const p of [path].flat()) {
          const local = joinPath(b, p);
          const unprefixed = isUnprefixedPath(local);
          routes.push({
            method: RequestMethod[method],
            path: unprefixed ? local : joinPath(API_PREFIX, local),
            action: Reflect.getMetadata(ACTION_METADATA, handler) as unknown,
            handler: `${type.name}.${name}`,
          });
        }
    }
  }
  return routes;
}

/** The API does not start with a route missing from the permission table. */
@Injectable()
export class RouteCoverageCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onApplicationBootstrap(): void {
    const missing = listRoutes(this.discovery, this.scanner).filter((r) => !isAction(r.action));
    if (missing.length > 0)
      throw new Error(
        `Routes without a permission-table action (@Can): ${missing
          .map((r) => `${r.method} ${r.path} (${r.handler})`)
          .join(', ')}`,
      );
  }
}
