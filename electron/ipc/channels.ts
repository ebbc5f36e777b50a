/** Channel names, kept free of imports so the sandboxed preload can list them without zod. */
export const channels = [
  'app.state',
  'catalogue.list',
  'unit.setup',
  'unit.printKeyCard',
  'groups.list',
  'groups.save',
  'staff.list',
  'staff.save',
  'staff.remove',
  'staff.importXlsx',
  'registration.get',
  'registration.save',
  'registration.deadline',
  'registration.printDocx',
  'registration.export',
  'files.pickBundles',
  'files.pickXlsx',
  'files.save',
  'bundles.import',
  'bundles.quarantine',
  'bundles.decide',
  'leader.overview',
  'leader.printConsolidated',
] as const;

export type Channel = (typeof channels)[number];
