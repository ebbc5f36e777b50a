/** An error whose message is written for the person using the app, in Vietnamese. */
export class UserError extends Error {
  override name = 'UserError';
}

export const DATABASE_BUSY =
  'Cơ sở dữ liệu đang bận vì một thao tác khác (một cửa sổ khác của phần mềm hoặc lệnh thidua) đang ghi dữ liệu; chưa có gì được ghi. Hãy thử lại sau ít phút.';

/** SQLite gave up waiting for another writer (after the busy timeout); nothing of this write was kept. */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** The message a person should read for a failure we understand, or null for a real fault. */
export function asUserError(error: unknown): UserError | null {
  if (error instanceof UserError) return error;
  if (isDatabaseBusy(error)) return new UserError(DATABASE_BUSY);
  return null;
}

/** A fault of ours, not of the input: said in Vietnamese, the library's own words kept behind it for support. */
export function unexpectedErrorMessage(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `Đã xảy ra lỗi không mong muốn. Hãy thử lại; nếu vẫn lỗi, hãy báo cho người hỗ trợ kỹ thuật. Chi tiết kỹ thuật: ${detail}`;
}
