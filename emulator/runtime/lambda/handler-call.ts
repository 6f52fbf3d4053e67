// One call of the handler, completed as the function's runtime completes it.
import type { Context } from 'aws-lambda';
import { EventLoopIdle } from './event-loop-idle';
import type { Handler } from './handler-loader';
import { finished } from 'node:stream/promises';
import { createLambdaContext, type ContextOptions } from './lambda-context';
import { ResponseStream, type StreamOutput } from './response-streaming';

const idle = new EventLoopIdle();

function isPromise(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Node.js 24: the handler's value, awaited, is the result. Node.js 22 and earlier: the first of the
 * callback, context.done/succeed/fail, or the returned promise completes it; a callback's result waits
 * for the event loop to empty unless callbackWaitsForEmptyEventLoop is false; a handler that returns
 * anything but a promise and never calls back completes with null once the loop is empty.
 */
export function callHandler(
  handler: Handler,
  event: unknown,
  contextOptions: ContextOptions,
  legacy: boolean,
): Promise<unknown> {
  if (!legacy) {
    return new Promise((resolve) => {
      resolve(handler(event, createLambdaContext(contextOptions)));
    });
  }
  return new Promise((resolve, reject) => {
    const complete = (error: unknown, result?: unknown): void => {
      idle.reset();
      if (error === undefined || error === null) resolve(result);
      else reject(error instanceof Error ? error : new NonErrorFailure(error));
    };
    // As the runtime does, only the first of the callback, done, succeed and fail counts.
    const state = { called: false };
    const once =
      <A extends unknown[]>(complete: (...args: A) => void) =>
      (...args: A): void => {
        if (state.called) return;
        state.called = true;
        complete(...args);
      };
    const done = once((error?: unknown, result?: unknown) => {
      complete(error, result);
    });
    const context: Context = createLambdaContext({
      ...contextOptions,
      completion: {
        done,
        succeed: (result?: unknown) => {
          done(null, result);
        },
        fail: (error?: unknown) => {
          done(error ?? 'handled');
        },
      },
    });
    const callback = once((error?: unknown, result?: unknown) => {
      if (error !== undefined && error !== null) complete(error);
      else if (!context.callbackWaitsForEmptyEventLoop) complete(null, result);
      else
        idle.set(() => {
          complete(null, result);
        });
    });
    // What ends an invocation that neither returns a promise nor calls back: an empty event loop.
    idle.set(() => {
      complete(null, null);
    });
    try {
      const returned = handler(event, context, callback);
      if (isPromise(returned)) {
        if (!state.called) idle.reset();
        returned.then(
          (result) => {
            done(null, result);
          },
          (error: unknown) => {
            done(error ?? 'handled');
          },
        );
      }
    } catch (error) {
      callback(error);
    }
  });
}

/** A failure given as something other than an Error, which the runtime reports by its type. */
export class NonErrorFailure extends Error {
  constructor(readonly value: unknown) {
    super(String(value));
    this.name = typeof value;
  }
}

/**
 * A handler wrapped by `awslambda.streamifyResponse`: called with the event, a response stream and
 * the context; the invocation ends when its promise settles and the stream has ended.
 */
export async function callStreamingHandler(
  handler: Handler,
  event: unknown,
  contextOptions: ContextOptions,
  output: StreamOutput,
): Promise<unknown> {
  const stream = new ResponseStream(output);
  const ended = finished(stream);
  await handler(event, stream, createLambdaContext(contextOptions));
  await ended;
  return null;
}
