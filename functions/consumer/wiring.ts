/** The consumer context's use cases, wired once. */
import { systemClock } from '../domain/clock';
import {
  caseAccessLog,
  complaintActionUseCase,
  complaintRepository,
  consumerProfiles,
  evidenceStore,
  personalDataSealer,
  undeliverableMessages,
} from '../complaints/wiring';
import { consumerComplaintsUseCase, consumerComplaintUseCase, consumerDataUseCase } from '../complaints/use-cases';
import { evidenceFiles } from '../evidence/wiring';

export const consumerComplaints = () => consumerComplaintsUseCase(complaintRepository());
export const consumerComplaint = () =>
  consumerComplaintUseCase({
    complaints: complaintRepository(),
    evidence: evidenceStore(),
    files: evidenceFiles(),
    clock: systemClock,
  });
export const consumerAction = complaintActionUseCase;
export const consumerData = () =>
  consumerDataUseCase({
    complaints: complaintRepository(),
    profiles: consumerProfiles(),
    undeliverable: undeliverableMessages(),
    accessLog: caseAccessLog(),
    personalData: personalDataSealer(),
    evidence: evidenceStore(),
    files: evidenceFiles(),
    clock: systemClock,
  });
export { consumerErasure } from '../complaints/erasure-wiring';
