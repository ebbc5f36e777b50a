import data from '../../../resources/scoring/sample-criteria-table.json';
import { criteriaTableContentSchema, type CriteriaTable } from './criteria-schemas';

/**
 * The sample Justice-sector table that ships with the app (resources/scoring), for a leader to start
 * from: marked as a sample on screen and on paper, its totals consistent for Sở Tư pháp and THADS.
 * Parsed once through the record schema, so a slip in the data file fails the tests, not a user.
 */
const sample = criteriaTableContentSchema.parse(data);

export function sampleTable(year: number): CriteriaTable {
  return { ...structuredClone(sample), year, title: `${sample.title.replace(/ \(bảng mẫu\)$/, '')} năm ${year} (bảng mẫu)` };
}
