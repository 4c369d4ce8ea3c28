import { currentToken } from './client';
import { type Notification } from './types';

export type LiveEvent =
  { type: 'unread'; count: number } | { type: 'notification'; notification: Notification };

/**
 * A server-sent event stream of the API, read with fetch so the token goes in the Authorization
 * header rather than the URL. Reconnects with a growing pause; stops on 401/403. With `onEnd`, a
 * stream the server ends cleanly is over (a vote's tally once final): `onEnd` runs, no reconnect.
 */
export function subscribeStream(
  path: string,
  onEvent: (name: string, data: unknown) => void,
  options: { onState?: (connected: boolean) => void; onEnd?: () => void } = {},
): () => void {
  const controller = new AbortController();
  let stopped = false;
  let pause = 1000;

  const connect = async (): Promise<void> => {
    while (!stopped) {
      const token = currentToken();
      if (token === null) return;
      try {
        const response = await fetch(path, {
          headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` },
          signal: controller.signal,
        });
        if (response.status === 401 || response.status === 403) return;
        if (!response.ok || response.body === null) throw new Error(String(response.status));
        options.onState?.(true);
        pause = 1000;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n/g, '\n');
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let name = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) name = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
            }
            if (data.length === 0) continue;
            try {
              onEvent(name, JSON.parse(data.join('\n')) as unknown);
            } catch {
              // A malformed event is skipped; the next look sends the truth again.
            }
          }
        }
        if (options.onEnd !== undefined && !stopped) {
          options.onState?.(false);
          options.onEnd();
          return;
        }
      } catch {
        if (stopped) return;
      }
      options.onState?.(false);
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 30_000);
    }
  };
  void connect();
  return () => {
    stopped = true;
    controller.abort();
  };
}

/** The live channel: GET /api/v1/me/events, the unread count and new notifications. */
export function subscribeLive(
  onEvent: (event: LiveEvent) => void,
  onState?: (connected: boolean) => void,
): () => void {
  return subscribeStream(
    '/api/v1/me/events',
    (name, parsed) => {
      if (name === 'unread' && typeof parsed === 'object' && parsed !== null && 'count' in parsed)
        onEvent({ type: 'unread', count: Number(parsed.count) });
      else if (name === 'notification')
        onEvent({ type: 'notification', notification: parsed as Notification });
    },
    onState === undefined ? {} : { onState },
  );
}
