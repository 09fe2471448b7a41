// What the bundle writer asks other services for. Each provider is optional: a host that has
// no profiler (or whose profiler fails) still writes a bundle, and the manifest says which
// section is missing and why.
export interface BundleSources {
  profile?(): Promise<unknown>;
  calibration?(): Promise<unknown>;
  warnings?(): Promise<unknown>;
  updateState?(): Promise<unknown>;
}

export type ProvidedSectionId = keyof BundleSources;
