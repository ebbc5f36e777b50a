import type { z } from 'zod';
import { registrationRecordV1Schema } from '../registration/record';

/**
 * Every record type a bundle may carry, with the schema it must pass on import. A Map, because the
 * type comes from a file: "constructor" or "__proto__" must find nothing, not Object's own members.
 */
export const recordSchemas: ReadonlyMap<string, z.ZodType> = new Map<string, z.ZodType>([
  // Bundle format 1 carries registration record format 1 (REGISTRATION_RECORD_FORMAT).
  ['registration', registrationRecordV1Schema],
]);
