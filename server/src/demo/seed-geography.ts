import type { Ctx } from '../platform/context.js';
import { withTransaction } from '../platform/context.js';
import { createRegion, createRootRegion } from '../features/regions/create-region.js';
import { DALI } from './dali.js';

export interface DemoCommunity {
  id: string;
  name: string;
  path: string;
  subdistrictId: string;
  lat: number;
  lng: number;
  grids: Array<{ id: string; name: string }>;
}

export type DemoGeography = Awaited<ReturnType<typeof seedGeography>>;

/** The prefecture, 大理市, its three subdistricts, 44 communities and their grids (一张网), in one transaction. */
export async function seedGeography(ctx: Ctx) {
  return withTransaction(ctx, async (tx) => {
    const prefecture = await createRootRegion({ ctx: tx, input: { kind: 'prefecture', ...DALI.prefecture } });
    const city = await createRegion({ ctx: tx, input: { parentId: prefecture.id, kind: 'city', ...DALI.city } });
    const communities: DemoCommunity[] = [];
    const subdistricts = [];
    for (const s of DALI.subdistricts) {
      const sub = await createRegion({ ctx: tx, input: { parentId: city.id, kind: 'subdistrict', code: s.code, name: s.name, lat: s.lat, lng: s.lng } });
      subdistricts.push(sub);
      for (const [i, name] of s.communities.entries()) {
        const code = `${s.code.slice(0, 9)}${String(i + 1).padStart(3, '0')}`;
        const jitter = (n: number) => (((i * 7919 + n) % 100) - 50) / 5000;
        const [lat, lng] = [s.lat + jitter(1), s.lng + jitter(2)];
        const community = await createRegion({ ctx: tx, input: { parentId: sub.id, kind: 'community', code, name, lat, lng } });
        const grids = [];
        for (let g = 1; g <= DALI.gridsPerCommunity; g++) {
          const grid = await createRegion({ ctx: tx, input: { parentId: community.id, kind: 'grid', code: `${code}-G${g}`, name: `${name}第${g}网格` } });
          grids.push({ id: grid.id, name: grid.name });
        }
        communities.push({ id: community.id, name, path: community.path, subdistrictId: sub.id, lat, lng, grids });
      }
    }
    return { prefecture, city, subdistricts, communities };
  });
}
