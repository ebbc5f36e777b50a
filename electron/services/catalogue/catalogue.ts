import data from '../../../resources/catalogue/titles.json';
import { catalogueItemSchema, type CatalogueItem } from './schemas';
import { UserError } from '../errors';

/** Titles and award forms are data (resources/catalogue) with their legal basis; a new decree edits the data. */
export const catalogue: readonly CatalogueItem[] = catalogueItemSchema.array().parse(data.items);

const byCode = new Map(catalogue.map((item) => [item.code, item]));

export function titleName(code: string): string {
  return byCode.get(code)?.name ?? code;
}

export function requireTitle(code: string, scope: CatalogueItem['scope']): CatalogueItem {
  const item = byCode.get(code);
  if (!item || item.scope !== scope) {
    const who = scope === 'collective' ? 'tập thể' : 'cá nhân';
    throw new UserError(`Mã danh hiệu/hình thức khen thưởng "${code}" không có trong danh mục dành cho ${who}.`);
  }
  return item;
}
