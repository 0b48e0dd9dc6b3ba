/**
 * Loaded into the server process by bench/soak.ts (`--expose-gc --import` this file); the server
 * itself never loads it. On "heap" from the parent over IPC it collects garbage and answers with
 * the heap still in use: after a full collection that is live data only, so a climb across
 * samples is a leak, where RSS alone also grows while V8 sizes its heap to the load.
 */
const collectGarbage = (globalThis as { gc?: () => void }).gc;

process.on('message', (message) => {
  if (message !== 'heap' || !process.send) return;
  if (!collectGarbage) throw new Error('heap-probe needs node --expose-gc');
  collectGarbage();
  const { heapUsed, heapTotal, rss } = process.memoryUsage();
  process.send({ heapUsed, heapTotal, rss });
});
