import { Fragment } from 'react';
import type { CriteriaNode, CriteriaTable, UnitKind } from '../../../electron/ipc/contract';
import { computeTotals, walkTable } from '../../../electron/services/scoring/rules';
import { formatPoints } from '../../../electron/services/text/points';
import { unitKindLabels } from '../../app/labels';
import { PointsInput, RuleEditor, ruleSummary } from './CriteriaRuleEditor';

export const UNIT_KINDS = Object.keys(unitKindLabels) as UnitKind[];
const ROLE_LABELS: Record<CriteriaNode['role'], string> = { standard: 'Điểm chuẩn', bonus: 'Điểm thưởng', deduction: 'Điểm trừ' };

/** The unit kinds a table serves: those it names, or every kind. */
export const kindsOf = (table: CriteriaTable): UnitKind[] => (table.unit_kinds.length ? table.unit_kinds : UNIT_KINDS);

// Edits of the tree: each returns new nodes, leaving the old ones as they were (React state).
export function updateNode(nodes: CriteriaNode[], id: string, change: (n: CriteriaNode) => CriteriaNode): CriteriaNode[] {
  return nodes.map((n) => (n.id === id ? change(n) : { ...n, children: updateNode(n.children, id, change) }));
}
export function removeNode(nodes: CriteriaNode[], id: string): CriteriaNode[] {
  return nodes.filter((n) => n.id !== id).map((n) => ({ ...n, children: removeNode(n.children, id) }));
}
export function moveNode(nodes: CriteriaNode[], id: string, by: -1 | 1): CriteriaNode[] {
  const at = nodes.findIndex((n) => n.id === id);
  if (at >= 0) {
    const to = at + by;
    if (to < 0 || to >= nodes.length) return nodes;
    const copy = [...nodes];
    [copy[at], copy[to]] = [copy[to]!, copy[at]!];
    return copy;
  }
  return nodes.map((n) => ({ ...n, children: moveNode(n.children, id, by) }));
}

/** A fresh id under `parent`, ASCII as the record wants it, not used anywhere in the table. */
function freshId(table: CriteriaTable, parent: string | null): string {
  const used = new Set([...walkTable(table.nodes)].map((x) => x.node.id));
  for (let i = 1; ; i++) {
    const id = parent ? `${parent}.m${i}` : `m${i}`;
    if (!used.has(id) && id.length <= 64) return id;
  }
}

/** Adds an item under `parent` (which becomes a group) or a group at the top; returns the table and the new id. */
export function addNode(table: CriteriaTable, parent: CriteriaNode | null): { table: CriteriaTable; id: string } {
  const id = freshId(table, parent?.id ?? null);
  const siblings = parent ? parent.children : table.nodes;
  const node: CriteriaNode = {
    id,
    number: String(siblings.length + 1),
    content: parent ? 'Tiêu chí mới' : 'Nhóm tiêu chí mới',
    kind: parent ? 'item' : 'group',
    role: parent?.role ?? 'standard',
    max: 0,
    guide: '',
    evidence: '',
    evidence_required: false,
    unit_kinds: [],
    rule: parent ? { type: 'manual' } : null,
    floor: 0,
    children: [],
  };
  if (!parent) return { table: { ...table, nodes: [...table.nodes, { ...node, number: romanAfter(table.nodes.length) }] }, id };
  const nodes = updateNode(table.nodes, parent.id, (p) => ({ ...p, kind: 'group', rule: null, children: [...p.children, node] }));
  return { table: { ...table, nodes }, id };
}
const romanAfter = (n: number) => ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'][n] ?? String(n + 1);

/** Where a group's points and what its parts add up to differ, for each kind it differs for. */
export function groupSums(table: CriteriaTable): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const kinds = kindsOf(table);
  const totals = kinds.map((k) => ({ kind: k, totals: computeTotals(table, k, new Map()) }));
  for (const { node } of walkTable(table.nodes)) {
    if (node.kind !== 'group' || node.role !== 'standard') continue;
    const wrong = totals
      .map(({ kind, totals: t }) => ({ kind, max: t.byNode.get(node.id)?.max }))
      .filter((x): x is { kind: UnitKind; max: number } => x.max !== undefined && Math.round(x.max * 100) !== Math.round(node.max * 100));
    if (!wrong.length) continue;
    const applies = totals.filter((t) => t.totals.byNode.has(node.id)).length;
    out.set(
      node.id,
      wrong.length === applies && wrong.every((w) => w.max === wrong[0]!.max) ? [`các mục cộng lại ${formatPoints(wrong[0]!.max)}`] : wrong.map((w) => `${unitKindLabels[w.kind]}: các mục cộng lại ${formatPoints(w.max)}`),
    );
  }
  return out;
}

interface TreeProps {
  table: CriteriaTable;
  editable: boolean;
  selected: string | null;
  /** Rows the checks name, with the worst severity. */
  flagged: Map<string, 'error' | 'warning'>;
  onSelect: (id: string | null) => void;
  onChange: (table: CriteriaTable) => void;
}

/** The table as offices print it (STT, nội dung, điểm chuẩn, cách chấm, minh chứng), one row per group or criterion; the leader edits the selected row in place. */
export function CriteriaTree({ table, editable, selected, flagged, onSelect, onChange }: TreeProps) {
  const sums = groupSums(table);
  const rows = [...walkTable(table.nodes)];
  const setNodes = (nodes: CriteriaNode[]) => onChange({ ...table, nodes });
  return (
    <div className="table-scroll">
      <table className="table criteria-table">
        <thead>
          <tr>
            <th>STT</th>
            <th>Nội dung tiêu chí</th>
            <th>Điểm chuẩn</th>
            <th>Cách chấm</th>
            <th>Minh chứng</th>
            <th>Áp dụng cho</th>
            {editable && <th aria-label="Thao tác" />}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ node, depth, parent }) => {
            const siblings = parent ? parent.children : table.nodes;
            const index = siblings.indexOf(node);
            const sum = sums.get(node.id);
            return (
              <Fragment key={node.id}>
                <tr
                  id={`criteria-row-${node.id}`}
                  className={['criteria-' + node.kind, node.role !== 'standard' ? `criteria-${node.role}` : '', selected === node.id ? 'criteria-selected' : '', flagged.has(node.id) ? `criteria-flag-${flagged.get(node.id)}` : ''].join(' ')}
                  onClick={editable ? () => onSelect(selected === node.id ? null : node.id) : undefined}
                >
                  <td style={{ paddingLeft: `${0.5 + (depth - 1) * 0.9}rem` }}>{node.number}</td>
                  <td>
                    {node.kind === 'group' ? <strong>{node.content}</strong> : node.content}
                    {node.guide && node.kind === 'item' && <div className="muted small criteria-guide">{node.guide}</div>}
                  </td>
                  <td>
                    {node.role === 'bonus' ? 'thưởng tối đa ' : node.role === 'deduction' ? 'trừ tối đa ' : ''}
                    {formatPoints(node.max)}
                    {sum?.map((s) => (
                      <div key={s} className="criteria-sum-wrong">
                        {s}
                      </div>
                    ))}
                  </td>
                  <td className="small">{node.kind === 'item' ? ruleSummary(node.rule) : ''}</td>
                  <td className="small">
                    {node.evidence}
                    {node.evidence_required && <div className="badge badge-quarantined">bắt buộc</div>}
                  </td>
                  <td className="small">{node.unit_kinds.length ? node.unit_kinds.map((k) => unitKindLabels[k]).join(', ') : parent ? '' : 'Mọi loại'}</td>
                  {editable && (
                    <td className="nowrap criteria-actions" onClick={(e) => e.stopPropagation()}>
                      <button type="button" aria-label={`Chuyển mục ${node.number} lên`} disabled={index === 0} onClick={() => setNodes(moveNode(table.nodes, node.id, -1))}>
                        ↑
                      </button>
                      <button type="button" aria-label={`Chuyển mục ${node.number} xuống`} disabled={index === siblings.length - 1} onClick={() => setNodes(moveNode(table.nodes, node.id, 1))}>
                        ↓
                      </button>
                      <button type="button" aria-label={`Sửa mục ${node.number}`} onClick={() => onSelect(selected === node.id ? null : node.id)}>
                        Sửa
                      </button>
                    </td>
                  )}
                </tr>
                {editable && selected === node.id && (
                  <tr className="criteria-editor-row">
                    <td colSpan={7}>
                      <NodeEditor
                        node={node}
                        parent={parent}
                        onChange={(n) => setNodes(updateNode(table.nodes, node.id, () => n))}
                        onAdd={() => {
                          const added = addNode(table, node);
                          onChange(added.table);
                          onSelect(added.id);
                        }}
                        onRemove={() => {
                          onChange({ ...table, nodes: removeNode(table.nodes, node.id) });
                          onSelect(null);
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function NodeEditor({ node, parent, onChange, onAdd, onRemove }: { node: CriteriaNode; parent: CriteriaNode | null; onChange: (n: CriteriaNode) => void; onAdd: () => void; onRemove: () => void }) {
  const set = (change: Partial<CriteriaNode>) => onChange({ ...node, ...change });
  return (
    <div className="criteria-editor" aria-label={`Sửa mục ${node.number}`}>
      <div className="row">
        <label className="criteria-number">
          <span className="field-label">Số thứ tự</span>
          <input value={node.number} maxLength={12} onChange={(e) => set({ number: e.target.value })} />
        </label>
        <PointsInput label={node.role === 'standard' ? 'Điểm chuẩn' : node.role === 'bonus' ? 'Thưởng tối đa' : 'Trừ tối đa'} value={node.max} onChange={(max) => set({ max })} />
        {(!parent || parent.role === 'standard') && (
          <label>
            <span className="field-label">Loại điểm</span>
            <select
              value={node.role}
              onChange={(e) => {
                const role = e.target.value as CriteriaNode['role'];
                const rule = node.kind === 'item' && role !== 'standard' && node.rule && node.rule.type !== 'manual' && node.rule.type !== 'fixed' ? { type: 'manual' as const } : node.rule;
                set({ role, rule });
              }}
            >
              {(Object.keys(ROLE_LABELS) as CriteriaNode['role'][]).map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
        )}
        {node.kind === 'group' && <PointsInput label="Điểm sàn của nhóm" value={node.floor} onChange={(floor) => set({ floor })} />}
      </div>
      <label>
        <span className="field-label">Nội dung tiêu chí</span>
        <textarea rows={2} value={node.content} onChange={(e) => set({ content: e.target.value })} />
      </label>
      {node.kind === 'item' && (
        <>
          <label>
            <span className="field-label">Hướng dẫn chấm</span>
            <textarea rows={2} value={node.guide} onChange={(e) => set({ guide: e.target.value })} />
          </label>
          <label>
            <span className="field-label">Tài liệu minh chứng</span>
            <textarea rows={1} value={node.evidence} onChange={(e) => set({ evidence: e.target.value })} />
          </label>
          <label className="check">
            <input type="checkbox" checked={node.evidence_required} onChange={(e) => set({ evidence_required: e.target.checked })} />
            Bắt buộc có tài liệu minh chứng
          </label>
          <RuleEditor rule={node.rule ?? { type: 'manual' }} max={node.max} allowGraded={node.role === 'standard'} onChange={(rule) => set({ rule })} />
        </>
      )}
      <KindsPicker label="Áp dụng cho (không chọn: mọi loại đơn vị)" kinds={node.unit_kinds} onChange={(unit_kinds) => set({ unit_kinds })} />
      <div className="row">
        <button type="button" onClick={onAdd}>
          Thêm tiêu chí con
        </button>
        <button type="button" className="danger" onClick={onRemove}>
          Xóa mục {node.number}
          {node.children.length ? ' và các mục con' : ''}
        </button>
      </div>
    </div>
  );
}

export function KindsPicker({ label, kinds, onChange }: { label: string; kinds: UnitKind[]; onChange: (k: UnitKind[]) => void }) {
  return (
    <fieldset className="criteria-kinds">
      <legend>{label}</legend>
      {UNIT_KINDS.map((k) => (
        <label key={k} className="check">
          <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => onChange(e.target.checked ? UNIT_KINDS.filter((x) => x === k || kinds.includes(x)) : kinds.filter((x) => x !== k))} />
          {unitKindLabels[k]}
        </label>
      ))}
    </fieldset>
  );
}
