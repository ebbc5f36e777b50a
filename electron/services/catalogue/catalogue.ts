import { awardCatalogue, sourceText } from '../awards/catalogue';
import type { CatalogueEntry, GrantRule } from '../awards/schemas';
import type { UnitKind } from '../units-keys/schemas';
import { catalogueItemSchema, type CatalogueItem } from './schemas';
import { UserError } from '../errors';

const currentGrants = (entry: CatalogueEntry) => entry.rules.filter((r): r is GrantRule => r.aspect === 'grant' && r.validTo === null);

/** The registration's view of an entry: who grants it and its legal basis, as the current rules say. */
function itemOf(entry: CatalogueEntry): CatalogueItem {
  const current = entry.rules.filter((r) => r.validTo === null);
  const authorities = [...new Set(currentGrants(entry).flatMap((r) => (r.authority ? [r.authority] : [])))];
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

/**
 * Who grants a title to a unit of this kind: a Sở Tư pháp and a THADS sit in different hierarchies
 * (Giám đốc Sở, or the head of THADS tỉnh); other kinds, or a hierarchy the rules are silent on, get every authority.
 */
export function grantedByFor(code: string, unitKind: UnitKind): string {
  const entry = awardCatalogue.entries.find((e) => e.code === code);
  const own = entry && currentGrants(entry).find((r) => r.context === unitKind)?.authority;
  return own ?? byCode.get(code)?.grantedBy ?? '';
}

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
