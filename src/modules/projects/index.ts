// What other areas may use of projects (立项 → execution). Loading it subscribes to the award
// (a project and its draft pledge per winning application) and registers its jobs: the monitor
// (overdue milestones, health), report reminders and help-request escalation.
import { describeAuditEntity } from '../audit/index.ts';
import type {} from './events.ts';
import { projectTitles } from './repo.ts';
import './monitor.ts';
import './reports.ts';
import './help.ts';

describeAuditEntity('project', projectTitles);

export { projectMachine, milestoneMachine, PROJECT_STATES } from './lifecycle.ts';
export { createProject } from './service.ts';
export { monitorProjects, refreshHealth } from './monitor.ts';
export { HEALTH_RULE } from './health.ts';
export { projectRoutes } from './routes.ts';
export { editPledge, signPledge } from './pledges.ts';
export { submitMilestone, decideMilestone, recordSpending } from './milestones.ts';
export { submitReport } from './reports.ts';
export { requestHelp, answerHelp } from './help.ts';
export { openMidterm, decideMidterm, handOver } from './midterm.ts';
export { listProjects, getProject } from './service.ts';
export { reportPeriods } from './health.ts';
export { getCeremony, putCeremony } from './ceremony.ts';
export { raceBoard, decideGate } from './race.ts';
