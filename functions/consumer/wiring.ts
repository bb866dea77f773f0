/** The consumer context's use cases, wired once. */
import { systemClock } from '../domain/clock';
import { complaintActionUseCase, complaintRepository, evidenceStore } from '../complaints/wiring';
import { consumerComplaintsUseCase, consumerComplaintUseCase } from '../complaints/use-cases';
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
