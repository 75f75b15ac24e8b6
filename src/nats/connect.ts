/** NATS connection with a named client and unlimited reconnects (JetStream work survives blips). */
import { connect, type NatsConnection } from '@nats-io/transport-node';

export async function connectNats(url: string, name: string, opts: { reconnect?: boolean; timeoutMs?: number } = {}): Promise<NatsConnection> {
  return connect({
    servers: url.split(','),
    name,
    reconnect: opts.reconnect ?? true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    timeout: opts.timeoutMs ?? 5_000,
    waitOnFirstConnect: false,
  });
}
