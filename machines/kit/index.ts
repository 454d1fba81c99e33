/** What every path's statechart shares: people, evidence, time, access, steps, effects, refusals, offers, email contracts and the read model. */
export * from "./access";
export * from "./draw";
export * from "./effects";
export * from "./emails";
export * from "./evidence";
export * from "./offers";
export * from "./path";
export * from "./people";
export * from "./read-model";
export * from "./refusals";
export * from "./registry";
export * from "./step-meta";
export * from "./steps";
export * from "./time";
