import { criteriaView, saveCriteriaTable, startFromSample } from '../services/scoring/criteria';
import { readCriteriaXlsx } from '../services/scoring/criteria-xlsx';
import { getGroup } from '../services/groups-calendar/groups';
import { exportSelfAssessment, printSelfAssessment } from '../services/scoring/export';
import { rankingView } from '../services/scoring/ranking-view';
import { exportRanking } from '../services/scoring/ranking-export';
import { attachEvidence, detachEvidence, saveSelfAssessment, selfAssessmentView } from '../services/scoring/self-assessment';
import { evidenceForViewing, ownVerifiedScores, saveVerification, sendVerifiedScores, verificationBoard, verificationView } from '../services/scoring/verification';
import { storeEvidence } from '../services/scoring/evidence';
import type { Handlers } from './dispatch';

export const scoringHandlers = {
  'scoring.criteria': (input, { ws }) => criteriaView(ws, input.groupId),
  'scoring.saveCriteria': (input, { ws }) => saveCriteriaTable(ws, input.groupId, input.table),
  'scoring.startFromSample': (input, { ws }) => startFromSample(ws, input.groupId),
  'scoring.readCriteriaXlsx': async (input, { ws, files }) => {
    try {
      return await readCriteriaXlsx(files.resolve(input.file).path, { year: getGroup(ws.db, input.groupId).year });
    } finally {
      await files.discard([input.file]);
    }
  },
  'scoring.selfAssessment': (input, { ws }) => selfAssessmentView(ws, input.groupId),
  'scoring.saveSelfAssessment': (input, { ws }) => saveSelfAssessment(ws, input.groupId, input),
  'scoring.attachEvidence': async (input, { ws, files }) => {
    const picked = files.resolve(input.file);
    try {
      return await attachEvidence(ws, input.groupId, input.node, picked.path, picked.name);
    } finally {
      await files.discard([input.file]);
    }
  },
  'scoring.detachEvidence': (input, { ws }) => detachEvidence(ws, input.groupId, input.node, input.sha256),
  'scoring.printSelfAssessment': async (input, { ws, files }) => files.register(await printSelfAssessment(ws, input.groupId)),
  'scoring.exportSelfAssessment': async (input, { ws, files }) => {
    const sent = await exportSelfAssessment(ws, input.groupId, { acceptGaps: input.acceptGaps });
    return { file: files.register(sent.path), seq: sent.seq, version: sent.version, milestone: sent.milestone };
  },
  'scoring.verificationBoard': (input, { ws }) => verificationBoard(ws, input.groupId),
  'scoring.verification': (input, { ws }) => verificationView(ws, input.groupId, input.unitCode, input.inspection),
  'scoring.saveVerification': (input, { ws }) => saveVerification(ws, input.groupId, input.unitCode, input),
  'scoring.evidenceFile': async (input, { ws, files }) => {
    const found = await evidenceForViewing(ws, input.groupId, input.unitCode, input.sha256);
    return files.register(found.path, found.name);
  },
  'scoring.storeMinutes': async (input, { ws, files }) => {
    const picked = files.resolve(input.file);
    try {
      return await storeEvidence(ws, picked.path, picked.name);
    } finally {
      await files.discard([input.file]);
    }
  },
  'scoring.sendVerifiedScores': async (input, { ws, files }) =>
    (await sendVerifiedScores(ws, input.groupId)).map((r) => ({ file: files.register(r.file), senderCode: r.senderCode })),
  'scoring.ranking': (input, { ws }) => rankingView(ws, input.groupId, input.unitKind),
  'scoring.exportRanking': async (input, { ws, files }) => files.register(await exportRanking(ws, input.groupId, input.unitKind, input.format)),
  'scoring.verifiedScores': (input, { ws }) => ownVerifiedScores(ws, input.groupId),
} satisfies Handlers<
  | 'scoring.criteria'
  | 'scoring.saveCriteria'
  | 'scoring.startFromSample'
  | 'scoring.readCriteriaXlsx'
  | 'scoring.selfAssessment'
  | 'scoring.saveSelfAssessment'
  | 'scoring.attachEvidence'
  | 'scoring.detachEvidence'
  | 'scoring.printSelfAssessment'
  | 'scoring.exportSelfAssessment'
  | 'scoring.verificationBoard'
  | 'scoring.verification'
  | 'scoring.saveVerification'
  | 'scoring.evidenceFile'
  | 'scoring.sendVerifiedScores'
  | 'scoring.storeMinutes'
  | 'scoring.ranking'
  | 'scoring.exportRanking'
  | 'scoring.verifiedScores'
>;
