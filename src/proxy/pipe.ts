import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/**
 * Write and respect backpressure: wait for `drain`, or for the client to go away. Resolves with
 * whether the client is still there to read more; once it has gone, nothing waits (its `close`
 * event has already fired and would never come again).
 */
export async function write(response: ServerResponse, chunk: Uint8Array | string): Promise<boolean> {
  if (clientGone(response)) return false;
  if (response.write(chunk)) return true;
  if (clientGone(response)) return false;
  await new Promise<void>((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
  return !clientGone(response);
}

function clientGone(response: ServerResponse): boolean {
  return response.destroyed || response.writableEnded || response.closed;
}

const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * The upstream body, decompressed when it came compressed (ekai asks for gzip/deflate/br to save
 * bandwidth on the provider leg; the client on loopback gets identity). Errors of either stream
 * surface on the returned one.
 */
export function decodedBody(body: Readable, contentEncoding: string | string[] | undefined): Readable {
  const encoding = String(contentEncoding ?? '')
    .trim()
    .toLowerCase();
  const decoder = DECODERS[encoding];
  if (!decoder) return body;
  return pipeline(body, decoder(), () => {}) as unknown as Readable;
}

export function isCompressed(contentEncoding: string | string[] | undefined): boolean {
  return String(contentEncoding ?? '').toLowerCase() in DECODERS;
}
