/** The consumer context's use cases, wired once. */
import { complaintActionUseCase, complaintRepository } from '../complaints/wiring';
import { consumerComplaintsUseCase } from '../complaints/use-cases';

export const consumerComplaints = () => consumerComplaintsUseCase(complaintRepository());
export const consumerAction = complaintActionUseCase;
