/** The body of a 503 naming the service that is down; shared by the server (throws it) and the error boundary. */
export type ServiceName = 'Clerk' | 'Hasura';

export interface ServiceUnavailable {
  service: ServiceName;
  /** What failed, e.g. "Hasura is not reachable at http://127.0.0.1:8080/v1/graphql". */
  problem: string;
  /** How to get it running. */
  remedy: string;
}

export function isServiceUnavailable(data: unknown): data is ServiceUnavailable {
  return (
    typeof data === 'object' &&
    data !== null &&
    ((data as ServiceUnavailable).service === 'Clerk' || (data as ServiceUnavailable).service === 'Hasura') &&
    typeof (data as ServiceUnavailable).problem === 'string'
  );
}
