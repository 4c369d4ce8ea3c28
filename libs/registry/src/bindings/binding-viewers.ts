import { type RequestAuth } from '@yishi/access';

/** The secretary and the admin see every binding request of a community; a resident their own. */
export const seesAllBindingRequests = (auth: RequestAuth): boolean =>
  auth.caller.admin || (auth.membership?.roles.includes('secretary') ?? false);
