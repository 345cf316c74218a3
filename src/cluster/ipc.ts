import type { Worker } from 'node:cluster';
import type { PrimaryMessage, WorkerMessage } from './messages.js';

/**
 * Send on the IPC channel without ever throwing: a channel closing under a message (a worker
 * exiting, the primary gone) is normal during shutdown and crashes, and nothing sent here is worth
 * failing for. Returns false when the message could not be handed over.
 */
function sendQuietly(
  channel: { connected: boolean; send?: (message: unknown, ...rest: unknown[]) => boolean },
  message: unknown,
): boolean {
  if (!channel.connected || !channel.send) return false;
  try {
    channel.send(message, undefined, undefined, () => {});
    return true;
  } catch {
    return false;
  }
}

export function sendToPrimary(message: WorkerMessage): boolean {
  return sendQuietly(process as Parameters<typeof sendQuietly>[0], message);
}

export function sendToWorker(worker: Worker, message: PrimaryMessage): boolean {
  return sendQuietly(worker.process as Parameters<typeof sendQuietly>[0], message);
}
