/** What every path's statechart shares: people, evidence, time, access, steps, effects, email contracts and the read model. */
export * from "./access";
export * from "./effects";
export * from "./emails";
export * from "./evidence";
export * from "./path";
export * from "./people";
export * from "./read-model";
export * from "./step-meta";
export * from "./steps";
export * from "./time";
