import type { Ctx } from '../../context.ts';
import type { TPage } from '../../lib/paging.ts';
import { listMaterials } from '../materials/list-materials.ts';
import type { TMaterial } from '../materials/materials.schemas.ts';
import { listScripts } from '../scripts/manage-scripts.ts';
import type { TScript } from '../scripts/scripts.schemas.ts';
import { assertWorkbenchRole } from './workbench-actor.ts';

type TContentQuery = { q?: string; page: number; pageSize: number };

/** 话术 for the sidebar: enabled scripts only, most used first, by text and category. */
export async function listWorkbenchScripts(ctx: Ctx, query: TContentQuery & { categoryId?: number }): Promise<TPage<TScript>> {
  // The library reads the same for every guide (and for a manager previewing one).
  assertWorkbenchRole(ctx);
  return listScripts(ctx, { ...query, enabled: 'true', sort: 'usage' });
}

/** 素材 for the sidebar: the library searched by title, description and tags, optionally by type. */
export async function listWorkbenchMaterials(
  ctx: Ctx,
  query: TContentQuery & { type?: TMaterial['type'] },
): Promise<TPage<TMaterial>> {
  // The library reads the same for every guide (and for a manager previewing one).
  assertWorkbenchRole(ctx);
  return listMaterials(ctx, query);
}
