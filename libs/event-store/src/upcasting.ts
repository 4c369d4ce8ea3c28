/**
 * Upcasting: events are stored in the schema version they were written with and brought to the
 * current one on every read. The store applies it in one place, so loads, the relay, projections and
 * rebuilds all see the same shape.
 */
export type Upcast = (data: unknown) => unknown;

export class UpcasterRegistry {
  private readonly steps = new Map<string, Upcast>();
  private readonly current = new Map<string, number>();

  /** Registers the step from `fromVersion` to `fromVersion + 1` for `type`. */
  register(type: string, fromVersion: number, upcast: Upcast): this {
    if (!Number.isInteger(fromVersion) || fromVersion < 1)
      throw new Error(`bad fromVersion ${fromVersion}`);
    const key = `${type}@${fromVersion}`;
    if (this.steps.has(key)) throw new Error(`upcaster ${key} is registered twice`);
    this.steps.set(key, upcast);
    this.current.set(type, Math.max(this.current.get(type) ?? 1, fromVersion + 1));
    return this;
  }

  /** The version new events of `type` are written with. */
  currentVersion(type: string): number {
    return this.current.get(type) ?? 1;
  }

  upcast(
    type: string,
    schemaVersion: number,
    data: unknown,
  ): { schemaVersion: number; data: unknown } {
    let version = schemaVersion;
    let value = data;
    const target = this.currentVersion(type);
    while (version < target) {
      const step = this.steps.get(`${type}@${version}`);
      if (step === undefined)
        throw new Error(`no upcaster for ${type} from schema version ${version}`);
      value = step(value);
      version += 1;
    }
    return { schemaVersion: version, data: value };
  }
}
