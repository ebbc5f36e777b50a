import { consolidatedKind } from '../bundles/consolidated';
import { dossierKind } from '../dossiers/bundle-kind';
import { awardSubmissionKind } from '../dossiers/ministry';
import { BundleKindRegistry } from '../bundles/kinds';
import { receiptKind } from '../bundles/receipts';
import { kickoffKind } from '../groups-calendar/kickoff';
import { registrationKind } from '../registration/bundle-kind';
import { selfAssessmentKind } from '../scoring/bundle-kind';

/** Where the capabilities' bundle kinds meet: a new kind of bundle is one more line here. */
export const bundleKinds = new BundleKindRegistry([kickoffKind, registrationKind, selfAssessmentKind, dossierKind, consolidatedKind, receiptKind, awardSubmissionKind]);
