import { build, defaultPaths } from './lib/pipeline.ts';
const locales = process.argv[2]!.split(',');
const p = defaultPaths(process.cwd(), `/dev/shm/mem-${locales.length}`);
build(p, { locales, formats: ['md'] });
(globalThis as any).gc();
console.log(locales.length, 'locales heapUsed MB', Math.round(process.memoryUsage().heapUsed / 1e6));
