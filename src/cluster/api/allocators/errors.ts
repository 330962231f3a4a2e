// Allocation failures, with the texts of upstream's ipallocator and portallocator.

export type AllocErrorReason = 'NotInRange' | 'Allocated' | 'Full';

export interface AllocError {
  reason: AllocErrorReason;
  message: string;
}

export const RANGE_FULL: AllocError = { reason: 'Full', message: 'range is full' };
