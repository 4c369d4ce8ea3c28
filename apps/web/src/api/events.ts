import { currentToken } from './client';
import { type Notification } from './types';

export type LiveEvent =
  { type: 'unread'; count: number } | { type: 'notification'; notification: Notification };

/**
 * The live channel: GET /api/v1/me/events (server-sent events), read with fetch so the token goes in
 * the Authorization header rather than the URL. Reconnects with a growing pause; stops on 401/403.
 */
export function subscribeLive(
  onEvent: (event: LiveEvent) => void,
  onState?: (connected: boolean) => void,
): () => void {
  const controller = new AbortController();
  let stopped = false;
  let pause = 1000;

  const dispatch = (name: string, data: string): void => {
    try {
      const parsed = JSON.parse(data) as unknown;
      if (name === 'unread' && typeof parsed === 'object' && parsed !== null && 'count' in parsed)
        onEvent({ type: 'unread', count: Number(parsed.count) });
      else if (name === 'notification')
        onEvent({ type: 'notification', notification: parsed as Notification });
    } catch {
      // A malformed event is skipped; the next look sends the truth again.
    }
  };

  const connect = async (): Promise<void> => {
    while (!stopped) {
      const token = currentToken();
      if (token === null) return;
      try {
        const response = await fetch('/api/v1/me/events', {
          headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` },
          signal: controller.signal,
        });
        if (response.status === 401 || response.status === 403) return;
        if (!response.ok || response.body === null) throw new Error(String(response.status));
        onState?.(true);
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
            if (data.length > 0) dispatch(name, data.join('\n'));
          }
        }
      } catch {
        if (stopped) return;
      }
      onState?.(false);
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
