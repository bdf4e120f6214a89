import type { Benchmark } from './types';
export const canvasBenchmark: Benchmark = { name: 'canvas', description: 'todo', async run() { return []; } };
