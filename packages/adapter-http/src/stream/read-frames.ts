import { createLineSplitter, createSseParser, readChunks } from '@sc-safety/adapter-utils';
import type { ByteStream } from '@sc-safety/adapter-utils';
import type { StreamSpec } from '../template/types.js';

/** One unit of a stream: an SSE event, an NDJSON line or a WebSocket message. */
export interface StreamFrame {
  data: string;
  /** SSE `event:` name. */
  event?: string;
  /** A status announced for this frame by a comment line (DashScope `:HTTP_STATUS/400`). */
  status?: number;
}

/**
 * Reads frames from a response body in the template's format. SSE comment lines are skipped,
 * except those matching `statusComment`, whose number is attached to the next event.
 */
export async function* readFrames(body: ByteStream, spec: StreamSpec): AsyncGenerator<StreamFrame, void, undefined> {
  const pending: StreamFrame[] = [];
  let push: (chunk: Uint8Array | string) => void;
  let end: () => void;
  if (spec.format === 'ndjson') {
    const splitter = createLineSplitter((line) => {
      if (line.trim() !== '') pending.push({ data: line });
    });
    push = (chunk) => splitter.push(chunk);
    end = () => splitter.end();
  } else {
    const statusPattern = spec.statusComment === undefined ? undefined : new RegExp(spec.statusComment);
    let announced: number | undefined;
    const parser = createSseParser(
      (event) => {
        const frame: StreamFrame = { data: event.data };
        if (event.event !== undefined) frame.event = event.event;
        if (announced !== undefined) frame.status = announced;
        announced = undefined;
        pending.push(frame);
      },
      {
        onComment: (comment) => {
          const found = statusPattern?.exec(comment.trim())?.[1];
          if (found !== undefined && /^\d{3}$/.test(found)) announced = Number(found);
        },
      },
    );
    push = (chunk) => parser.push(chunk);
    end = () => parser.end();
  }
  for await (const chunk of readChunks(body)) {
    push(chunk);
    while (pending.length > 0) yield pending.shift() as StreamFrame;
  }
  end();
  while (pending.length > 0) yield pending.shift() as StreamFrame;
}
