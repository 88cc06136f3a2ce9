/**
 * The shelf, live: the navigation's entry count, and `/shelf` reloading its data when the shelf changes in another
 * tab or device. One subscription serves both (urql shares identical operations, Hasura one cohort per user).
 */
import { useRevalidator } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { graphql } from '~/gql';
import { useLiveSubscription } from '~/hasura/live';

export const LiveShelfSubscription = graphql(`
  subscription LiveShelf {
    shelf_entries_aggregate {
      aggregate {
        count
      }
      nodes {
        id
        status
        rating
        note
        updated_at
      }
    }
  }
`);

const NO_VARIABLES = {};

function useLiveShelf() {
  return useLiveSubscription(LiveShelfSubscription, NO_VARIABLES)?.shelf_entries_aggregate;
}

/** The number of shelf entries, shown in the navigation once the subscription has answered. */
export function LiveShelfCount() {
  const count = useLiveShelf()?.aggregate?.count;
  if (count === undefined) return null;
  return (
    <span className="nav-count" aria-label={`${count} ${count === 1 ? 'entry' : 'entries'} on your shelf`}>
      {count}
    </span>
  );
}

/** Reloads the route's loader data whenever the live shelf differs from what it was (not on the first answer). */
export function useRevalidateOnShelfChange() {
  const shelf = useLiveShelf();
  const { revalidate } = useRevalidator();
  const last = useRef<string>();
  useEffect(() => {
    if (!shelf) return;
    const signature = JSON.stringify(shelf.nodes);
    if (last.current !== undefined && last.current !== signature) revalidate();
    last.current = signature;
  }, [shelf, revalidate]);
}
