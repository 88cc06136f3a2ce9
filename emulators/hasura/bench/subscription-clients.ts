/**
 * The client side of `subscriptions.ts`, run as a child process so its work is not counted as the engine's: opens
 * one graphql-transport-ws socket per token, subscribes each to the live query, and records when every push with
 * a given `body` arrived.
 */
import WebSocket from 'ws';

interface Open {
  type: 'open';
  url: string;
  tokens: string[];
  query: string;
}
interface Collect {
  type: 'collect' | 'count';
  body: string;
}

const arrivals = new Map<string, number[]>();
const sockets: WebSocket[] = [];

process.on('message', (message: Open | Collect | { type: 'close' }) => {
  if (message.type === 'open') void open(message);
  else if (message.type === 'count') process.send!({ type: 'count', arrived: arrivals.get(message.body)?.length ?? 0 });
  else if (message.type === 'collect') {
    process.send!({ type: 'arrivals', body: message.body, times: arrivals.get(message.body) ?? [] });
    arrivals.delete(message.body);
  } else {
    for (const socket of sockets) socket.terminate();
    process.exit(0);
  }
});

async function open({ url, tokens, query }: Open) {
  let ready = 0;
  await Promise.all(
    tokens.map(
      (token) =>
        new Promise<void>((resolve, reject) => {
          const socket = new WebSocket(url, 'graphql-transport-ws');
          sockets.push(socket);
          socket.on('error', reject);
          socket.on('open', () =>
            socket.send(
              JSON.stringify({ type: 'connection_init', payload: { headers: { Authorization: `Bearer ${token}` } } }),
            ),
          );
          let first = true;
          socket.on('message', (data) => {
            const at = Date.now();
            // eslint-disable-next-line @typescript-eslint/no-explicit-any -- protocol messages of every shape, read field by field
            const message = JSON.parse(data.toString()) as { type: string; payload?: any };
            if (message.type === 'connection_ack')
              socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
            if (message.type !== 'next') return;
            if (first) {
              first = false;
              ready++;
              resolve();
            }
            const body = message.payload?.data?.notes?.[0]?.body as string | undefined;
            if (body === undefined) return;
            let list = arrivals.get(body);
            if (!list) arrivals.set(body, (list = []));
            list.push(at);
          });
        }),
    ),
  );
  process.send!({ type: 'ready', subscriptions: ready });
}
