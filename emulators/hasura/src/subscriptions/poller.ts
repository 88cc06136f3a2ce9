/**
 * Live queries and streams, refetched on an interval. Live-query subscribers with the same query, operation name,
 * variables, role and session variables form one cohort. A cohort compiles its query once (SQL + parameters, as
 * Hasura keeps a query plan per shape); each interval the cohorts are grouped by SQL text (one query shape for one
 * role) and each group runs multiplexed (`./multiplex.ts`: one statement per batch of cohorts). A cohort remembers
 * the JSON text Postgres answered and pushes only when it changed (a new subscriber gets the current result at
 * once). A stream is a cohort of its own (its cursor is its own) and pushes only non-empty batches; its statements
 * are multiplexed by the subscription engine's database.
 */
import type { CompiledQuery, Engine, GraphQLRequest, Session } from '../types.js';
import type { Answer, Multiplexer } from './multiplex.js';
import { CURSOR_KEY, type StreamQuery } from './operations.js';

/** Receives response JSON texts (`{"data":…}` or `{"errors":…}`). */
export type Push = (text: string) => void;

interface LiveCohort {
  request: GraphQLRequest;
  session: Session;
  subscribers: Set<Push>;
  compiled?: CompiledQuery;
  /** The columns Postgres answered last (compared as text, never parsed). */
  lastColumns?: Array<string | null>;
  /** The response pushed last. */
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
  private readonly fresh = new Set<LiveCohort>();
  private liveTimer?: NodeJS.Timeout;
  private streamTimer?: NodeJS.Timeout;
  private liveBusy = false;
  private streamBusy = false;

  constructor(
    private readonly engine: Engine,
    private readonly multiplex: Multiplexer,
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
      // Cohorts started in the same turn (a page subscribing, many clients reconnecting) are fetched together.
      if (this.fresh.size === 0) setImmediate(() => void this.refetchFresh());
      this.fresh.add(cohort);
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
    this.fresh.clear();
    this.streams.clear();
    this.liveTimer = stop(this.liveTimer);
    this.streamTimer = stop(this.streamTimer);
  }

  private async liveTick(): Promise<void> {
    if (this.liveBusy) return; // the previous refetch is still running: skip, never pile up
    this.liveBusy = true;
    try {
      await this.refetch([...this.cohorts.values()]);
    } finally {
      this.liveBusy = false;
    }
  }

  private async refetchFresh(): Promise<void> {
    const cohorts = [...this.fresh];
    this.fresh.clear();
    await this.refetch(cohorts);
  }

  /** Runs the cohorts' statements, one multiplexed group per SQL text, and pushes what changed. */
  private async refetch(cohorts: LiveCohort[]): Promise<void> {
    const groups = new Map<string, LiveCohort[]>();
    for (const cohort of cohorts) {
      if (cohort.busy || !this.isLive(cohort)) continue;
      cohort.compiled ??= this.engine.compile(cohort.request, cohort.session);
      if ('text' in cohort.compiled) {
        this.answer(cohort, cohort.compiled.text);
        continue;
      }
      cohort.busy = true;
      let group = groups.get(cohort.compiled.sql);
      if (!group) groups.set(cohort.compiled.sql, (group = []));
      group.push(cohort);
    }
    await Promise.all(
      [...groups].map(async ([sql, group]) => {
        let answers: Answer[];
        try {
          answers = await this.multiplex(
            sql,
            group.map((cohort) => (cohort.compiled as { params: Array<string | null> }).params),
          );
        } catch (error) {
          this.log(`live query failed: ${(error as Error).message}`);
          return;
        } finally {
          for (const cohort of group) cohort.busy = false;
        }
        group.forEach((cohort, i) => this.settle(cohort, answers[i]));
      }),
    );
  }

  private settle(cohort: LiveCohort, answer: Answer): void {
    const compiled = cohort.compiled as Exclude<CompiledQuery, { text: string }>;
    if ('error' in answer) {
      cohort.lastColumns = undefined;
      this.answer(cohort, compiled.failure(answer.error));
      return;
    }
    const columns = answer.row;
    const last = cohort.lastColumns;
    if (columns && last && columns.length === last.length && columns.every((text, i) => text === last[i])) return;
    cohort.lastColumns = columns;
    this.answer(cohort, compiled.answer(columns));
  }

  /** Pushes `text` to the cohort's subscribers unless it is what they got last. */
  private answer(cohort: LiveCohort, text: string): void {
    if (text === cohort.last || !this.isLive(cohort)) return;
    cohort.last = text;
    for (const push of cohort.subscribers) push(text);
  }

  private isLive(cohort: LiveCohort): boolean {
    return cohort.subscribers.size > 0;
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
