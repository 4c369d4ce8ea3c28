import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { api } from './api/client';
import { subscribeLive } from './api/events';
import { type Notification, type Page } from './api/types';

interface LiveState {
  unread: number | null;
  /** Notifications that arrived on the live channel since the page loaded, newest first. */
  arrived: Notification[];
  connected: boolean;
  setUnread: (count: number) => void;
}

const LiveContext = createContext<LiveState>({
  unread: null,
  arrived: [],
  connected: false,
  setUnread: () => undefined,
});

/** The unread count and new notifications, live over server-sent events (GET /me/events). */
export function LiveProvider(props: { children: ReactNode }) {
  const [unread, setUnread] = useState<number | null>(null);
  const [arrived, setArrived] = useState<Notification[]>([]);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    // The first count by plain HTTP, so the badge shows even where streams are cut by a proxy.
    api<Page<Notification>>('/me/notifications?unread=true&limit=1')
      .then((page) => setUnread(page.total))
      .catch(() => undefined);
    return subscribeLive((event) => {
      if (event.type === 'unread') setUnread(event.count);
      else setArrived((list) => [event.notification, ...list]);
    }, setConnected);
  }, []);
  return (
    <LiveContext.Provider value={{ unread, arrived, connected, setUnread }}>
      {props.children}
    </LiveContext.Provider>
  );
}

export function useLive(): LiveState {
  return useContext(LiveContext);
}
