import type { UnitKind } from '../../electron/ipc/contract';
import { unitKindLabels } from '../app/labels';
import { Field, Options } from './ui';

/** "Loại đơn vị: Tất cả / Sở Tư pháp / …": the filter the leader's tables share. */
export function UnitKindFilter({ value, onChange }: { value: UnitKind | 'all'; onChange: (kind: UnitKind | 'all') => void }) {
  return (
    <Field label="Loại đơn vị">
      <select value={value} onChange={(e) => onChange(e.target.value as UnitKind | 'all')}>
        <option value="all">Tất cả</option>
        <Options labels={unitKindLabels} />
      </select>
    </Field>
  );
}
