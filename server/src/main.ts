import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { boot } from './boot.js';
import { JOBS } from './jobs.js';
import { Scheduler } from './platform/scheduler/scheduler.js';

/** loadConfig → openDatabase (+ migrate, + demo on first start) → buildApp → listen. */
async function main() {
  const started = Date.now();
  const config = loadConfig();
  const { database, notifier, vault, demo } = await boot(config, { migrate: true, log: (line) => console.log(line) }); // migrations take an advisory lock: safe with several servers
  const app = await buildApp({ config, db: database.db, storeKind: database.kind, notifier, vault });
  // A large backlog: a burst of claims right after an item is published opens thousands of connections at once.
  const address = await app.listen({ port: config.port, host: config.host, backlog: 4096 });
  const scheduler = new Scheduler({ db: database.db, config, now: () => new Date(), notifier, vault }, JOBS);
  scheduler.start();
  const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  const store = database.kind === 'pglite' ? `PGlite（嵌入式，不执行 fsync / embedded, no fsync）${config.pgliteDir}` : `PostgreSQL ${redact(config.databaseUrl!)}`;
  console.log(
    [
      '',
      `邻里 Linli ${config.version} 已启动 / is up  (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      `  手机端 phone app   ${url}/`,
      `  管理后台 admin     ${url}/admin`,
      `  接口 API           ${url}/api/v1   文档 docs ${url}/api/docs`,
      `  数据库 store       ${store}`,
      ...(demo ? ['', `演示账号 demo accounts (密码 password: ${demo.password})`, ...demo.accounts.map((a) => `  ${a.phone}  ${a.label}`)] : []),
      '',
    ].join('\n'),
  );
  const shutdown = async (signal: string) => {
    console.log(`${signal}: shutting down`);
    await scheduler.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
