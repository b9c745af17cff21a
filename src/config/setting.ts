/** One value given by a configuration layer (file, environment or flags). */
export interface Setting {
  /** Dotted path of a leaf key, such as "fleet.apps". */
  path: string;
  value: unknown;
  /** Where the value came from: "voracious.yaml", "flag --apps", ... */
  origin: string;
}
