export interface StepView {
  id: string;
  title: string;
  status: "done" | "current" | "skipped" | "upcoming";
  /** What happens at the step, in plain words. */
  guidance?: string;
  /** Where the organisation's policy says so, for "About this procedure". */
  source?: string;
}

const STATUS_TEXT: Record<StepView["status"], string> = {
  done: "Done",
  current: "Current step",
  skipped: "Not needed",
  upcoming: "Not reached",
};

/**
 * Where the incident stands, as the GOV.UK "step by step" pattern: the steps come from the
 * machine definition, their status from the steps the timeline has passed through.
 */
export function Stepper({ steps }: { steps: StepView[] }) {
  return (
    <nav aria-label="Steps of the procedure">
      <ol className="space-y-0">
        {steps.map((step, index) => (
          <li key={step.id} className="relative flex gap-3 pb-5 last:pb-0" aria-current={step.status === "current" ? "step" : undefined}>
            {index < steps.length - 1 ? (
              <span aria-hidden="true" className="absolute left-[15px] top-8 h-[calc(100%-2rem)] w-0.5 bg-gray-400" />
            ) : null}
            <span
              aria-hidden="true"
              className={`z-10 flex h-8 w-8 shrink-0 items-center justify-center rounded-full border-2 font-bold ${
                step.status === "done"
                  ? "border-success bg-success text-white"
                  : step.status === "current"
                    ? "border-brand bg-brand text-white"
                    : "border-gray-500 bg-white text-ink"
              }`}
            >
              {step.status === "done" ? "✓" : index + 1}
            </span>
            <span className="pt-1">
              <span className={step.status === "current" ? "font-bold" : ""}>{step.title}</span>
              <span className="block text-sm text-muted">
                {STATUS_TEXT[step.status]}
              </span>
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
