/** An error whose message is written for the person using the app, in Vietnamese. */
export class UserError extends Error {
  override name = 'UserError';
}
