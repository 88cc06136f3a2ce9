/**
 * Browser-side rating control for /shelf: sends the typed QuickRate mutation straight to Hasura with urql, no
 * page reload. Renders as a plain select on the server; it works once the page has hydrated.
 */
import { useState } from 'react';
import { useMutation } from 'urql';
import { QuickRateMutation } from '~/hasura/documents';
import { RatingOptions } from './RatingOptions';

export function QuickRate({ entryId, title, rating }: { entryId: string; title: string; rating: number | null }) {
  const [value, setValue] = useState(rating === null ? '' : String(rating));
  const [state, quickRate] = useMutation(QuickRateMutation);
  const [message, setMessage] = useState('');

  async function onChange(next: string) {
    setValue(next);
    setMessage('Saving…');
    const result = await quickRate({ id: entryId, rating: next === '' ? null : Number(next) });
    if (result.error) setMessage(`Not saved: ${result.error.message}`);
    else if (!result.data?.update_shelf_entries_by_pk) setMessage('Not saved: entry not found.');
    else setMessage('Rating saved');
  }

  return (
    <span className="quick-rate">
      <select
        aria-label={`Quick rate ${title}`}
        value={value}
        disabled={state.fetching}
        onChange={(event) => void onChange(event.target.value)}
      >
        <RatingOptions />
      </select>
      <span role="status">{message}</span>
    </span>
  );
}
