/**
 * The last line of containment for the process that runs the local stack (`npm start`): a
 * rejection nobody handled or an exception nobody caught is logged, with what it was and where,
 * and the process keeps serving. Node's default would end it, taking every endpoint of the
 * stack down for one request's fault. Each request's own errors are answered where they happen
 * (api.ts, realtime.ts); what arrives here is a fault to fix, so it is logged at error level.
 */
import type { Logger } from '../../domain/logger.ts';
import { errorSummary } from './errors.ts';

/** Installs the handlers on `target` (the process); answers a function that removes them. */
export function keepServingOnStrayErrors(logger: Logger, target: NodeJS.EventEmitter = process): () => void {
  const onRejection = (reason: unknown) => logger.error('unhandled rejection; still serving', errorSummary(reason));
  const onException = (error: unknown) => logger.error('uncaught exception; still serving', errorSummary(error));
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
