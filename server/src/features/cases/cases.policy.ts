import { DomainError } from '../../platform/errors.js';
import { registerFileAccess } from '../../platform/files/file-access.js';
import { loadCase } from './cases.queries.js';

// Whoever may see a case may see its photos and evidence (the reporter, its region's staff, its departments).
registerFileAccess('case', async (ctx, caseId) => {
  try {
    await loadCase(ctx, caseId);
    return true;
  } catch (e) {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') return false;
    throw e;
  }
});
