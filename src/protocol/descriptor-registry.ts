/** One adjustable setting of a component, as a DESCRIPTION described it. */
export interface SettingSpec {
  component: string;
  name: string;
  /** Every valid value, when the setting is an enumeration. */
  values: readonly (string | number)[] | null;
  min: number;
  max: number;
  step: number;
}

/** What the answers need to know of one application's DESCRIPTION. */
export interface DescriptorInfo {
  metrics: readonly string[];
  settings: readonly SettingSpec[];
}

const EMPTY: DescriptorInfo = { metrics: [], settings: [] };

/**
 * Interns descriptors: a fleet usually describes itself identically, so each
 * application keeps only a small id. Current setting values are left out of
 * the identity, since a servo reports them changing from cycle to cycle.
 */
export class DescriptorRegistry {
  private readonly ids = new Map<string, number>();
  private readonly infos: DescriptorInfo[] = [EMPTY];

  constructor(readonly limit: number) {}

  /** The id of a DESCRIPTION param's descriptor, adding it when new; null past the limit. */
  intern(param: Record<string, unknown>): number | null {
    const info = readDescriptor(param.descriptor);
    const identity = JSON.stringify(info);
    const known = this.ids.get(identity);
    if (known !== undefined) return known;

    if (this.infos.length > this.limit) return null;
    this.infos.push(info);
    this.ids.set(identity, this.infos.length - 1);
    return this.infos.length - 1;
  }

  /** Descriptor 0 stands for "no DESCRIPTION yet": no metrics, no settings. */
  get(id: number): DescriptorInfo {
    return this.infos[id] ?? EMPTY;
  }

  get size(): number {
    return this.infos.length;
  }

  /** Descriptors with ids from `first` on, in id order, for a store to save. */
  entriesFrom(first: number): readonly DescriptorInfo[] {
    return this.infos.slice(Math.max(1, first));
  }

  /** Takes back saved descriptors as ids 1, 2, ...; only an empty registry restores. */
  restore(saved: readonly DescriptorInfo[]): void {
    if (this.infos.length > 1) throw new Error('descriptors restore only into an empty registry');
    for (const info of saved) {
      this.infos.push(info);
      this.ids.set(JSON.stringify(info), this.infos.length - 1);
    }
  }
}

function readDescriptor(descriptor: unknown): DescriptorInfo {
  if (!isObject(descriptor)) return EMPTY;
  return {
    metrics: Object.keys(objectAt(descriptor, 'measurement', 'metrics')),
    settings: readSettings(objectAt(descriptor, 'application', 'components')),
  };
}

function readSettings(components: Record<string, unknown>): SettingSpec[] {
  const settings: SettingSpec[] = [];
  for (const [component, body] of Object.entries(components)) {
    if (!isObject(body)) continue;
    for (const [name, spec] of Object.entries(objectAt(body, 'settings'))) {
      if (isObject(spec)) settings.push(readSetting(component, name, spec));
    }
  }
  return settings;
}

function readSetting(component: string, name: string, spec: Record<string, unknown>): SettingSpec {
  const values = Array.isArray(spec.values) ? spec.values.filter(isStringOrNumber) : null;
  const min = finite(spec.min, 0);
  const max = Math.max(min, finite(spec.max, min));
  const step = finite(spec.step, 1) > 0 ? finite(spec.step, 1) : 1;
  return { component, name, values: values && values.length > 0 ? values : null, min, max, step };
}

function objectAt(root: Record<string, unknown>, ...path: string[]): Record<string, unknown> {
  let node: unknown = root;
  for (const key of path) node = isObject(node) ? node[key] : undefined;
  return isObject(node) ? node : {};
}

function finite(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function isStringOrNumber(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
