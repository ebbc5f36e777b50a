import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** DESIGN.md §5 "what may import what", checked on probe files through the project's own lint config. */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => /no-restricted-imports/.test(m.ruleId ?? '')).map((m) => m.message);
}

describe('import boundaries', () => {
  it('a service never imports the IPC contract at run time, but may name its types', async () => {
    expect(await restrictedImports('electron/services/registration/probe.ts', "import { unitCodeSchema } from '../../ipc/contract';\nexport const x = unitCodeSchema;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/services/registration/probe.ts', "import type { Registration } from '../../ipc/contract';\nexport type X = Registration;\n")).toEqual([]);
  });

  it('the contract reuses the services’ schemas and nothing else of the services', async () => {
    expect(await restrictedImports('electron/ipc/probe.ts', "import { unitSchema } from '../services/units-keys/schemas';\nexport const x = unitSchema;\n")).toEqual([]);
    expect(await restrictedImports('electron/ipc/probe.ts', "import { catalogue } from '../services/catalogue/catalogue';\nexport const x = catalogue;\n")).toHaveLength(1);
  });

  it('a schema file depends on zod and other schemas only, so the renderer can read the contract’s types', async () => {
    expect(await restrictedImports('electron/services/registration/schemas.ts', "import { dateField } from '../groups-calendar/schemas';\nexport const x = dateField;\n")).toEqual([]);
    expect(await restrictedImports('electron/services/registration/schemas.ts', "import { catalogue } from '../catalogue/catalogue';\nexport const x = catalogue;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/services/registration/schemas.ts', "import fs from 'node:fs';\nexport const x = fs;\n")).toHaveLength(1);
  });

  it('the dispatch shared by IPC and the browser bridge never imports Electron or a shell', async () => {
    expect(await restrictedImports('electron/api/probe.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/api/probe.ts', "import { startBridge } from '../shell/bridge';\nexport const x = startBridge;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/api/probe.ts', "import { listGroups } from '../services/groups-calendar/groups';\nexport const x = listGroups;\n")).toEqual([]);
  });

  it('the renderer shares the pure scoring rules and the criteria table’s checks, and no other service', async () => {
    expect(await restrictedImports('renderer/features/scoring/Probe.tsx', "import { checkTable } from '../../../electron/services/scoring/check';\nexport const x = checkTable;\n")).toEqual([]);
    expect(await restrictedImports('renderer/features/scoring/Probe.tsx', "import { computeTotals } from '../../../electron/services/scoring/rules';\nexport const x = computeTotals;\n")).toEqual([]);
    expect(await restrictedImports('renderer/features/scoring/Probe.tsx', "import { criteriaView } from '../../../electron/services/scoring/criteria';\nexport const x = criteriaView;\n")).toHaveLength(1);
    // What they share stays free of zod, so the screens' bundle does not carry it: a schema's types only.
    expect(await restrictedImports('electron/services/scoring/check.ts', "import { criteriaTableContentSchema } from './criteria-schemas';\nexport const x = criteriaTableContentSchema;\n")).toHaveLength(1);
    expect(await restrictedImports('electron/services/scoring/check.ts', "import type { CriteriaTable } from './criteria-schemas';\nexport type X = CriteriaTable;\n")).toEqual([]);
    expect(await restrictedImports('electron/services/scoring/rules.ts', "import { z } from 'zod';\nexport const x = z;\n")).toHaveLength(1);
  });
});
