import type { z } from 'zod';
import { registrationRecordSchema } from '../registration/record';

/**
 * Every record type a bundle may carry, with the schema it must pass on import. A Map, because the
 * type comes from a file: "constructor" or "__proto__" must find nothing, not Object's own members.
 */
export const recordSchemas: ReadonlyMap<string, z.ZodType> = new Map<string, z.ZodType>([['registration', registrationRecordSchema]]);
