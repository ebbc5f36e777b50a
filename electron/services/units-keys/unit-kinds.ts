/**
 * The unit kinds and their names, without zod: the criteria table's checks use them and the renderer
 * runs those checks as one types, so this stays a plain list the schemas build on.
 */
export const unitKinds = ['so_tu_phap', 'thads', 'don_vi_thuoc_bo', 'khac'] as const;
export const unitKindLabels: Record<(typeof unitKinds)[number], string> = { so_tu_phap: 'Sở Tư pháp', thads: 'Cục THADS / THADS tỉnh', don_vi_thuoc_bo: 'Đơn vị thuộc Bộ', khac: 'Khác' };
