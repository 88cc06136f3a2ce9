/**
 * The app's one error boundary, used by the root (where it renders without Clerk: the root loader may be what
 * failed) and by every route that can fail on its own (where it renders inside the layout). It shows the ~/problem
 * body of an error answer: which service is down and how to start it, what was not found, what a service refused.
 */
import { isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { isProblem } from '~/problem';

export function GeneralErrorBoundary() {
  const error = useRouteError();
  if (!isRouteErrorResponse(error)) {
    return (
      <>
        <h1>Something went wrong</h1>
        <p>{error instanceof Error ? error.message : 'Unexpected error.'}</p>
      </>
    );
  }
  const problem = isProblem(error.data) ? error.data : null;
  if (error.status === 503 && problem?.service) {
    return (
      <>
        <h1>Service unavailable</h1>
        <p>{problem.problem}</p>
        {problem.remedy ? <p>{problem.remedy}</p> : null}
        <p>
          Once it is running, reload this page or open <a href="/status">the status page</a>.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{error.status === 404 ? 'Not found' : `Error ${error.status}`}</h1>
      <p>{problem?.problem ?? (error.statusText || 'Something went wrong.')}</p>
      {problem?.remedy ? <p>{problem.remedy}</p> : null}
    </>
  );
}
