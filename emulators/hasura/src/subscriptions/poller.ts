/**
 * Live queries and streams, refetched on an interval. Live-query subscribers with the same query, operation name,
 * variables, role and session variables form one cohort: one execution per interval, its result text remembered,
 * pushed to the cohort only when it changed (a new subscriber gets the current result at once). All cohorts of a
 * tick are executed together, so the multiplexing database (`./multiplex.ts`) runs the ones of the same shape as
 * one statement. A stream is a cohort of its own (its cursor is its own) and pushes only non-empty batches.
 */
import type { Engine, GraphQLRequest, Session } from '../types.js';
import { CURSOR_KEY, type StreamQuery } from './operations.js';

/** Receives response JSON texts (`{"data":…}` or `{"errors":…}`). */
export type Push = (text: string) => void;

interface LiveCohort {
  request: GraphQLRequest;
  session: Session;
  subscribers: Set<Push>;
  last?: string;
  busy?: boolean;
}

interface Stream {
  query: StreamQuery;
  session: Session;
  push: Push;
  busy?: boolean;
  lastError?: string;
}

export class Poller {
  private readonly cohorts = new Map<string, LiveCohort>();
  private readonly streams = new Set<Stream>();
  private liveTimer?: NodeJS.Timeout;
  private streamTimer?: NodeJS.Timeout;
  private liveBusy = false;
  private streamBusy = false;

  constructor(
    private readonly engine: Engine,
    private readonly intervals: { liveMs: number; streamMs: number },
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  get cohortCount(): number {
    return this.cohorts.size;
  }

  /** Subscribes `push` to the live query; returns the unsubscribe function. */
  addLive(request: GraphQLRequest, session: Session, push: Push): () => void {
    const key = JSON.stringify([
      session.role,
      session.backendOnly === true,
      Object.entries(session.variables).sort(([a], [b]) => (a < b ? -1 : 1)),
      request.query,
      request.operationName ?? null,
      request.variables ?? {},
    ]);
    let cohort = this.cohorts.get(key);
    if (!cohort) {
      cohort = { request, session, subscribers: new Set() };
      this.cohorts.set(key, cohort);
      cohort.subscribers.add(push);
      void this.refetch(cohort);
    } else {
      cohort.subscribers.add(push);
      if (cohort.last !== undefined) push(cohort.last);
    }
    this.liveTimer ??= setInterval(() => void this.liveTick(), this.intervals.liveMs);
    const joined = cohort;
    return () => {
      joined.subscribers.delete(push);
      if (joined.subscribers.size === 0 && this.cohorts.get(key) === joined) this.cohorts.delete(key);
      if (this.cohorts.size === 0) this.liveTimer = stop(this.liveTimer);
    };
  }

  addStream(query: StreamQuery, session: Session, push: Push): () => void {
    const stream: Stream = { query, session, push };
    this.streams.add(stream);
    void this.fetchBatch(stream);
    this.streamTimer ??= setInterval(() => void this.streamTick(), this.intervals.streamMs);
    return () => {
      this.streams.delete(stream);
      if (this.streams.size === 0) this.streamTimer = stop(this.streamTimer);
    };
  }

  close(): void {
    this.cohorts.clear();
    this.streams.clear();
    this.liveTimer = stop(this.liveTimer);
    this.streamTimer = stop(this.streamTimer);
  }

  private async liveTick(): Promise<void> {
    if (this.liveBusy) return; // the previous refetch is still running: skip, never pile up
    this.liveBusy = true;
    try {
      await Promise.all([...this.cohorts.values()].map((cohort) => this.refetch(cohort)));
    } finally {
      this.liveBusy = false;
    }
  }

  private async refetch(cohort: LiveCohort): Promise<void> {
    if (cohort.busy) return;
    cohort.busy = true;
    let text: string;
    try {
      text = await this.engine.executeText(cohort.request, cohort.session);
    } catch (error) {
      this.log(`live query failed: ${(error as Error).message}`);
      return;
    } finally {
      cohort.busy = false;
    }
    if (text === cohort.last) return;
    cohort.last = text;
    for (const push of cohort.subscribers) push(text);
  }

  private async streamTick(): Promise<void> {
    if (this.streamBusy) return;
    this.streamBusy = true;
    try {
      await Promise.all([...this.streams].map((stream) => this.fetchBatch(stream)));
    } finally {
      this.streamBusy = false;
    }
  }

  private async fetchBatch(stream: Stream): Promise<void> {
    if (stream.busy) return;
    stream.busy = true;
    let text: string;
    try {
      text = await this.engine.executeText(stream.query.request(stream.query.cursor), stream.session);
    } catch (error) {
      this.log(`streaming subscription failed: ${(error as Error).message}`);
      return;
    } finally {
      stream.busy = false;
    }
    if (!this.streams.has(stream)) return;
    const response = JSON.parse(text) as { data?: Record<string, Array<Record<string, unknown>>>; errors?: unknown };
    const rows = response.data?.[stream.query.key];
    if (!rows) {
      // An error is sent once, not on every interval.
      if (text !== stream.lastError) stream.push((stream.lastError = text));
      return;
    }
    stream.lastError = undefined;
    if (rows.length === 0) return;
    stream.query.cursor = rows[rows.length - 1][CURSOR_KEY];
    for (const row of rows) delete row[CURSOR_KEY];
    stream.push(JSON.stringify(response));
  }
}

function stop(timer: NodeJS.Timeout | undefined): undefined {
  if (timer) clearInterval(timer);
  return undefined;
}
