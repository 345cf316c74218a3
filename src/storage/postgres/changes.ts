import pg from 'pg';
import { CHANGES_CHANNEL, connectionConfig } from './database.js';

/**
 * "Anything written since the last call?" for live views: a connection that LISTENs to the channel
 * every committed batch NOTIFYs (from any gateway). It is opened on the first call only (a gateway
 * never asks). Until it listens, or after it broke, the answer is "yes": a needless reload is
 * cheap, a missed one is not.
 */
export class ChangeListener {
  private client: pg.Client | undefined;
  private dirty = false;
  private closed = false;

  constructor(private readonly url: string) {}

  async changed(): Promise<boolean> {
    if (this.closed) return false;
    if (!this.client) {
      await this.listen().catch(() => {});
      return true;
    }
    const dirty = this.dirty;
    this.dirty = false;
    return dirty;
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private async listen(): Promise<void> {
    const client = new pg.Client(connectionConfig(this.url));
    client.on('notification', () => {
      this.dirty = true;
    });
    client.on('error', () => {
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => {});
    });
    await client.connect();
    try {
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (this.closed) await client.end().catch(() => {});
    else this.client = client;
  }
}
