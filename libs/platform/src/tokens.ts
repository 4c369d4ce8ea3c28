/** Injection tokens of the shared infrastructure (values built before Nest starts, see runtime.ts). */
export const PG_POOL = Symbol('PG_POOL');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const LOGGER = Symbol('LOGGER');
export const METRICS = Symbol('METRICS');
export const RUNTIME = Symbol('RUNTIME');
