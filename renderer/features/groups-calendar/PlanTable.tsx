import type { ReactNode } from 'react';

/**
 * One list of the plan (movements, phases, events) as a table: plain text to read, inputs to edit,
 * a "Xóa" per row and a button to add one where the list may grow or shrink.
 */
export function PlanTable<T>(props: {
  className: string;
  headers: string[];
  items: readonly T[];
  rowKey: (item: T, i: number) => string | number;
  readOnly: boolean;
  /** The cells as read, one per header. */
  shown: (item: T) => ReactNode[];
  /** The cells as edited, one per header. */
  edited: (item: T, i: number) => ReactNode[];
  /** Rows may be removed and added: the row's name for the "Xóa" button ("phong trào 2"), the add button's text, and what it adds. */
  growing?: { rowName: (i: number) => string; addText: string; onRemove: (i: number) => void; onAdd: () => void };
}) {
  const { readOnly, growing } = props;
  const editing = !readOnly;
  const cells = (nodes: ReactNode[]) => nodes.map((node, c) => <td key={c}>{node}</td>);
  return (
    <>
      <div className="table-scroll">
        <table className={`table compact ${props.className}`}>
          <thead>
            <tr>
              {props.headers.map((h) => (
                <th key={h}>{h}</th>
              ))}
              {editing && growing && <th />}
            </tr>
          </thead>
          <tbody>
            {props.items.map((item, i) => (
              <tr key={props.rowKey(item, i)}>
                {cells(readOnly ? props.shown(item) : props.edited(item, i))}
                {editing && growing && (
                  <td>
                    <button type="button" className="link" aria-label={`Xóa ${growing.rowName(i)}`} onClick={() => growing.onRemove(i)}>
                      Xóa
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing && growing && (
        <div className="row">
          <button type="button" onClick={growing.onAdd}>
            {growing.addText}
          </button>
        </div>
      )}
    </>
  );
}
