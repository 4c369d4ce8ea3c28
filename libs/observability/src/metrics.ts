import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process; API and worker in one process share it. */
export class Metrics {
  readonly registry = new Registry();

  readonly appendDuration = new Histogram({
    name: 'yishi_event_append_duration_seconds',
    help: 'Latency of one event-store append (one round trip)',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly relayLag = new Histogram({
    name: 'yishi_relay_lag_seconds',
    help: 'Time from an event being appended to its job being in BullMQ',
    buckets: [0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
    registers: [this.registry],
  });

  readonly relayEvents = new Counter({
    name: 'yishi_relay_events_total',
    help: 'Events handed to BullMQ by the relay',
    registers: [this.registry],
  });

  readonly relayReplays = new Counter({
    name: 'yishi_relay_replays_total',
    help: 'Times the relay found Redis had lost its jobs and published again from the last settled point',
    registers: [this.registry],
  });

  readonly relayLeader = new Gauge({
    name: 'yishi_relay_leader',
    help: '1 while this process is the relay leader',
    registers: [this.registry],
  });

  readonly projectionEvents = new Counter({
    name: 'yishi_projection_events_total',
    help: 'Events applied to read models',
    labelNames: ['projection'],
    registers: [this.registry],
  });

  readonly jobRuns = new Counter({
    name: 'yishi_job_runs_total',
    help: 'BullMQ job runs that ended: completed, or failed (each retried attempt is another run)',
    labelNames: ['queue'],
    registers: [this.registry],
  });

  readonly jobFailures = new Counter({
    name: 'yishi_job_failures_total',
    help: 'BullMQ job attempts that failed',
    labelNames: ['queue'],
    registers: [this.registry],
  });

  readonly acknowledgementReminders = new Counter({
    name: 'yishi_acknowledgement_reminders_total',
    help: 'Acknowledgement reminder timers run: sent, or stale (acknowledged, moved on, or too late)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  readonly escalations = new Counter({
    name: 'yishi_escalations_total',
    help: 'Escalation (吹哨) timers run: escalated (PartyEscalated appended), or stale',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  readonly reconcilerRepairs = new Counter({
    name: 'yishi_reconciler_repairs_total',
    help: 'What the reconciler re-created: deadline rows and jobs, case timers, advance checks run',
    labelNames: ['what'],
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: 'yishi_queue_depth',
    help: 'Jobs per queue and state, read from Redis when scraped',
    labelNames: ['queue', 'state'],
    registers: [this.registry],
  });

  private readonly collectors = new Set<() => Promise<void>>();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'yishi_' });
  }

  /** Gauges read from elsewhere (queue depths from Redis) are refreshed at scrape time. */
  addCollector(collect: () => Promise<void>): () => void {
    this.collectors.add(collect);
    return () => this.collectors.delete(collect);
  }

  async render(): Promise<string> {
    await Promise.allSettled([...this.collectors].map((c) => c()));
    return this.registry.metrics();
  }
}
