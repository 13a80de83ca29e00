// What other areas may use of the audit log (commands write through the core's runner).
export { recordAudit, sealAudit, verifyChain, type ChainReport } from './service.ts';
export { auditRoutes } from './routes.ts';
export { describeAuditEntity, type TitleResolver } from './titles.ts';
