import { awardCatalogue, sourceText } from '../awards/catalogue';
import type { CatalogueEntry } from '../awards/schemas';
import { catalogueItemSchema, type CatalogueItem } from './schemas';
import { UserError } from '../errors';

/** The registration's view of an entry: who grants it and its legal basis, as the current rules say. */
function itemOf(entry: CatalogueEntry): CatalogueItem {
  const current = entry.rules.filter((r) => r.validTo === null);
  const authorities = [...new Set(current.flatMap((r) => (r.aspect === 'grant' && r.authority ? [r.authority] : [])))];
  const basis = current.find((r) => r.aspect === 'eligibility') ?? current[0];
  return {
    code: entry.code,
    name: entry.name,
    kind: entry.kind,
    scope: entry.scope,
    grantedBy: authorities.join(' / '),
    legalBasis: basis ? basis.sources.map(sourceText).join('; ') : '',
    ...(entry.exclusiveGroup ? { exclusiveGroup: entry.exclusiveGroup } : {}),
  };
}

/** Titles and award forms are data (resources/catalogue) with their legal basis; a new decree edits the data. */
export const catalogue: readonly CatalogueItem[] = catalogueItemSchema.array().parse(awardCatalogue.entries.map(itemOf));

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
