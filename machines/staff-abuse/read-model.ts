import { facet, milestone, type Assignee, type AwaitedWork, type MachineState, type ReadModel } from "../kit";
import { STAFF_ABUSE_STEP_SECTIONS, type StaffAbuseContext } from "./machine";

const HR_SAFETY: Assignee = { role: "hr_safety" };

const reporter = (context: StaffAbuseContext): Assignee[] => [{ personId: context.reporter.id }];
const managers = (context: StaffAbuseContext): Assignee[] => context.managers.map((manager) => ({ personId: manager.id }));

type Work = Omit<AwaitedWork, "section">;

/**
 * What each piece of the task list awaits in each of its states, and from whom, as the machine's
 * guards allow (byReporter, byCarer, byManagerOrHr, byReporterOrCommunicationsHelping); a state
 * not listed (done) awaits nothing.
 */
const REGION_WORK: Record<string, Record<string, (context: StaffAbuseContext) => Work>> = {
  blocking: {
    toDo: (context) => ({ key: "blocking", description: "Block the person and check privacy settings", toReporter: "block the person and check your privacy settings", assignees: reporter(context), deadlineKey: null }),
  },
  police: {
    toDo: (context) => ({
      key: "police",
      description: "Report it to the police, or record why not",
      toReporter: "report it to the police, or record why not",
      assignees: [...reporter(context), ...managers(context), HR_SAFETY],
      deadlineKey: "police",
    }),
  },
  support: {
    awaitingSupport: (context) => ({ key: "support", description: "Record the support offered", toReporter: "offer you support", assignees: [...managers(context), HR_SAFETY], deadlineKey: "support" }),
    followUpDue: (context) => ({ key: "wellbeing", description: "Follow up on their wellbeing", toReporter: "follow up on how you are", assignees: [...managers(context), HR_SAFETY], deadlineKey: "wellbeing" }),
  },
  removal: {
    notRequested: (context) => ({ key: "removal", description: "Ask the platform to remove the content, or record why not", toReporter: "ask the platform to remove the content, or record why not", assignees: removers(context), deadlineKey: null }),
    awaitingPlatform: (context) => ({ key: "platform", description: "Record the platform's answer to the removal request", toReporter: "record the platform's answer when it comes", assignees: removers(context), deadlineKey: "platform" }),
  },
};

/** The member of staff, and Communications once asked to help. */
function removers(context: StaffAbuseContext): Assignee[] {
  return [...reporter(context), ...(context.removal.communicationsHelpAsked ? [{ role: "communications" }] : [])];
}

function awaitedWork(context: StaffAbuseContext, state: MachineState): AwaitedWork[] {
  if (state.step === "readyToClose") {
    return [{ key: "close", description: "Close the report with its outcome", toReporter: "close the report with its outcome", assignees: [...reporter(context), HR_SAFETY], deadlineKey: null, section: null }];
  }
  if (state.step !== "open") return [];
  const regions = (state.value as { open: Record<string, string> }).open;
  return Object.entries(regions).flatMap(([region, regionState]): AwaitedWork[] => {
    const work = REGION_WORK[region]?.[regionState];
    return work ? [{ ...work(context), section: STAFF_ABUSE_STEP_SECTIONS[`open.${region}`] }] : [];
  });
}

export function staffAbuseReadModel(context: StaffAbuseContext, state: MachineState): ReadModel {
  return {
    milestones: [...milestone("reported", context.reportedAt), ...milestone("closed", context.outcome?.at, context.outcome?.summary)],
    work: awaitedWork(context, state),
    facets: [
      ...facet("platform", context.report.platform),
      // Only those who may see the kind of abuse count by it.
      ...[...new Set(context.report.kinds)].flatMap((kind) => facet("kind", kind, "kind")),
    ],
  };
}
