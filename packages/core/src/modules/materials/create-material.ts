import { type Ctx, dbOf } from '../../context.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { assertFolderExists } from './manage-material-folders.ts';
import { toMaterial } from './material-views.ts';
import { type TCreateMaterialRequest, type TMaterial, ZCreateMaterialRequest } from './materials.schemas.ts';
import { materials } from './materials.tables.ts';

/** Creates a link card or a mini-program card (uploads go through uploadMaterial). */
export async function createMaterial(ctx: Ctx, raw: TCreateMaterialRequest): Promise<TMaterial> {
  assertRole(ctx.actor, TENANT_WIDE, 'create materials');
  const input = ZCreateMaterialRequest.parse(raw);
  if (input.folderId) await assertFolderExists(ctx, input.folderId);
  const [row] = await dbOf(ctx)
    .insert(materials)
    .values({
      tenantId: ctx.actor.tenantId,
      type: input.type,
      title: input.title,
      folderId: input.folderId ?? null,
      tags: input.tags ?? [],
      description: input.description ?? null,
      linkUrl: input.type === 'link' ? input.linkUrl : null,
      picUrl: input.picUrl ?? null,
      appId: input.type === 'miniprogram' ? input.appId : null,
      pagePath: input.type === 'miniprogram' ? input.pagePath : null,
      createdBy: ctx.actor.accountId,
      createdByName: ctx.actor.name,
    })
    .returning();
  if (!row) throw new Error('Material was not inserted.');
  return toMaterial(row);
}
