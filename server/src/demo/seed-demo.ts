import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Ctx } from '../platform/context.js';
import { hashPassword } from '../platform/auth/password.js';
import type { Notifier } from '../platform/notifications/notifier.js';
import type { PiiVault } from '../platform/pii.js';
import { systemActor } from '../platform/policy.js';
import { createTenant } from '../features/tenants/create-tenant.js';
import { DALI } from './dali.js';
import { Random } from './random.js';
import { seedGeography } from './seed-geography.js';
import { seedCoBuilding, seedOrganisations } from './seed-organisations.js';
import { DEMO_ACCOUNTS, seedDemoAccounts, seedMembers } from './seed-people.js';
import { seedServices } from './seed-services.js';

export { DEMO_ACCOUNTS };

export interface SeedDeps {
  db: Database;
  config: Config;
  vault: PiiVault;
  notifier: Notifier;
}

export interface SeedOptions {
  /**
   * Size of the generated population relative to the article's figures (DALI.figures): 1 = 7,200 members, 403
   * co-building units, 278 items, 10,632 person-times. Tests use a small scale; geography and demo accounts are
   * the same at any scale.
   */
  scale?: number;
  /** Progress lines (the first start prints them). */
  log?: (line: string) => void;
  /** The seed's "now" (tests may fix it); dates are generated relative to it in Asia/Shanghai. */
  now?: Date;
}

/** What the generated demo holds (figures as the overview will count them). */
export interface DemoSummary {
  tenantId: string;
  communities: number;
  members: number;
  coBuildingUnits: number;
  agreements: number;
  servicesPublished: number;
  upcoming: number;
  personTimes: number;
  pendingRecords: number;
  declinedRecords: number;
  ratings: number;
}

/** The figures a scale gives (at least a handful of each, so that every screen has something to show). */
export function demoTargets(scale: number) {
  const f = DALI.figures;
  const items = Math.max(10, Math.round(f.servicesPublished * scale));
  return {
    members: Math.max(40, Math.round(f.members * scale)),
    coBuildingUnits: Math.max(DALI.units.length, Math.round(f.coBuildingUnits * scale)),
    items,
    upcoming: 6,
    personTimes: Math.max(40, Math.round(f.personTimes * scale)),
    declined: Math.max(3, Math.round(12 * scale)),
  };
}

/**
 * The Dali demo, generated through the domain functions as the system actor (claims and ratings as the people who
 * make them), deterministic (seeded PRNG) and dated relative to now in Asia/Shanghai: geography, units and
 * co-building agreements, the demo accounts, thousands of Party members reported in, a year of volunteer services
 * with certified hours settled into the points ledger. Volumes go through the batch verbs in chunks of 1,000
 * (createOrganisations, createAgreements/confirmAgreements, createUsers, submitAndConfirmReportIns,
 * createServiceItems/publishServiceItems/completeServiceItems, enterBatchRecords, approveServiceRecords →
 * settleCertifiedServices); the rest (demo accounts, claims, ratings, declines) through the single verbs.
 * One transaction: a failed seed leaves nothing behind, so the next start seeds again.
 * Demo passwords share one argon2id hash (hashing thousands one by one would take minutes).
 */
export async function seedDemo(deps: SeedDeps, options: SeedOptions = {}): Promise<DemoSummary> {
  const scale = options.scale ?? 1;
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  const targets = demoTargets(scale);
  const rnd = new Random(DALI.seed);
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const n = (x: number) => x.toLocaleString('en-US');
  const say = (what: string) => log(`生成演示数据 / seeding demo: ${what} … ${elapsed()}`);
  let lastLine = 0;
  /** Progress within a long step: a line every few seconds, and the last one. */
  const progress = (what: string, done: number, total: number) => {
    if (done < total && Date.now() - lastLine < 3000) return;
    lastLine = Date.now();
    say(`${what} ${n(done)} / ${n(total)}`);
  };
  const passwordHash = await hashPassword(deps.config.demoPassword);

  return deps.db.transaction().execute(async (trx) => {
    // The whole seed is one transaction, which no autovacuum sees into (and PGlite has none): the planner would keep
    // planning foreign-key checks and joins for empty tables — nested loops over thousands of rows. ANALYZE, allowed
    // inside a transaction and counting its own rows, refreshes the statistics as the volumes grow.
    const analyze = async (tables: readonly string[]) => void (await sql.raw(`analyze ${tables.join(', ')}`).execute(trx));
    const tenant = await createTenant(trx, DALI.tenant);
    const ctx: Ctx = { db: trx, tenantId: tenant.id, actor: systemActor(), config: deps.config, now: () => now, notifier: deps.notifier, vault: deps.vault };

    const geo = await seedGeography(ctx);
    say(`geography ${geo.subdistricts.length} subdistricts, ${geo.communities.length} communities`);
    const orgs = await seedOrganisations(ctx, geo, rnd, targets.coBuildingUnits);
    const { agreements } = await seedCoBuilding(ctx, geo, orgs, rnd);
    say(`units ${n(orgs.all.length)}, co-building agreements ${n(agreements)}`);
    const accounts = await seedDemoAccounts(ctx, geo, orgs, passwordHash);
    await analyze(['regions', 'organisations', 'unit_communities', 'co_build_agreements', 'users', 'role_grants']);
    const members = await seedMembers(ctx, {
      geo,
      orgs,
      rnd,
      count: targets.members,
      passwordHash,
      chunk: 1000,
      analyze: () => analyze(['users', 'user_units', 'user_communities', 'role_grants', 'report_ins']),
      progress: (done) => progress('people reported in', done, targets.members),
    });
    const services = await seedServices(ctx, {
      geo,
      members,
      demoMember: accounts.member,
      rnd,
      targets,
      approveChunk: 1000,
      analyze: () => analyze(['service_items', 'service_claims', 'service_records', 'service_ratings', 'point_accounts', 'ledger_transfers', 'ledger_movements']),
      progress: (stage, done, total) => progress(`services ${stage}`, done, total),
    });
    const summary: DemoSummary = {
      tenantId: tenant.id,
      communities: geo.communities.length,
      members: members.length + 1,
      coBuildingUnits: orgs.all.length,
      agreements,
      servicesPublished: services.past + services.upcoming,
      upcoming: services.upcoming,
      personTimes: services.approved,
      pendingRecords: services.pending,
      declinedRecords: services.declined,
      ratings: services.ratings,
    };
    say(
      `done — ${n(summary.members)} members reported in, ${n(summary.coBuildingUnits)} co-building units, ` +
        `${n(summary.servicesPublished)} services published (${summary.upcoming} upcoming), ${n(summary.personTimes)} person-times certified`,
    );
    return summary;
  });
}
