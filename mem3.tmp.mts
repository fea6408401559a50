const mb = (n: number) => Math.round(n / 1048576);
const show = (label: string) => { global.gc?.(); const m = process.memoryUsage(); console.log(label, 'rss', mb(m.rss), 'heapT', mb(m.heapTotal), 'used', mb(m.heapUsed), 'ext', mb(m.external)); };
const { startStack } = await import('./local/stack.ts');
const stack = await startStack({ port: 0, memory: true, dataDir: '/tmp/memy-' + process.pid });
await new Promise((r) => setTimeout(r, 3000));
show('3s later');
await stack.stop();
process.exit(0);
