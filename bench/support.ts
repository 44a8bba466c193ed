import { performance } from 'node:perf_hooks';
import { openDatabase, type OpenDatabase } from '../server/src/db/database.js';
import { migrateToLatest } from '../server/src/db/migrate.js';

/** A migrated store for a benchmark: PGlite in memory, or PostgreSQL when BENCH_DATABASE_URL is set (a fresh database). */
export async function benchDatabase(name: string): Promise<OpenDatabase> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(database.db);
    return database;
  }
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const db = `linli_bench_${name}`;
  await admin.query(`drop database if exists ${db} with (force)`);
  await admin.query(`create database ${db}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${db}`;
  const database = await openDatabase({ databaseUrl: target.toString(), poolSize: 10 });
  await migrateToLatest(database.db);
  return database;
}

/** Runs fn repeatedly for about `ms` after a warm-up; returns ops/s and latency percentiles in ms. */
export async function measure(label: string, fn: () => Promise<unknown>, ms = 3000) {
  for (let i = 0; i < 20; i++) await fn();
  const samples: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * p))]!;
  const total = samples.reduce((a, b) => a + b, 0);
  const result = { label, ops: samples.length, opsPerSec: Math.round((samples.length / total) * 1000), p50: +pct(0.5).toFixed(3), p95: +pct(0.95).toFixed(3), p99: +pct(0.99).toFixed(3) };
  console.log(`${label.padEnd(52)} ${String(result.opsPerSec).padStart(8)} ops/s   p50 ${result.p50} ms   p95 ${result.p95} ms`);
  return result;
}

export function ratio(name: string, subject: { opsPerSec: number }, baseline: { opsPerSec: number }) {
  console.log(`ratio ${name}: ${(subject.opsPerSec / baseline.opsPerSec).toFixed(2)}× of baseline throughput`);
}
