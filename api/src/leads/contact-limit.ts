// The typed refusal of recordContactAttempt: says when the lead may be contacted again.
export class ContactLimitReached extends Error {
  readonly code = "rate_limited";
  constructor(readonly nextContactAt: Date) {
    super(`contact limit reached for this lead: next contact allowed at ${nextContactAt.toISOString()}`);
    this.name = "ContactLimitReached";
  }
}
