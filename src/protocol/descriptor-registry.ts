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

  /**
   * At most `limit` distinct descriptors of at most `maxBytes` each (as their
   * JSON identity), so DESCRIPTIONs cannot grow the registry without bound.
   */
  constructor(
    readonly limit: number,
    readonly maxBytes = 64 * 1024,
  ) {}

  /** The id of a DESCRIPTION param's descriptor, adding it when new, or why it is refused. */
  intern(param: Record<string, unknown>): number | { refused: string } {
    const info = readDescriptor(param.descriptor);
    const identity = JSON.stringify(info);
    const known = this.ids.get(identity);
    if (known !== undefined) return known;

    if (identity.length > this.maxBytes) {
      return { refused: `its descriptor is ${identity.length} bytes, over ${this.maxBytes}` };
    }
    if (this.infos.length > this.limit) {
      return { refused: `the fleet already has ${this.limit} distinct descriptors` };
    }
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
      const setting = isObject(spec) ? readSetting(component, name, spec) : null;
      if (setting !== null) settings.push(setting);
    }
  }
  return settings;
}

/**
 * A setting ADJUST can give a valid value: one of its `values`, or a range
 * with finite min <= max and a positive step. Others are left out of derived
 * states rather than sent a value they would refuse.
 */
function readSetting(
  component: string,
  name: string,
  spec: Record<string, unknown>,
): SettingSpec | null {
  if (Array.isArray(spec.values)) {
    const values = spec.values.filter(isStringOrNumber);
    return values.length > 0 ? { component, name, values, min: 0, max: 0, step: 1 } : null;
  }

  const { min, max, step } = spec;
  if (!isFinite(min) || !isFinite(max) || min > max) return null;
  const stepOk = step === undefined || (isFinite(step) && step > 0);
  if (!stepOk) return null;
  return { component, name, values: null, min, max, step: typeof step === 'number' ? step : 1 };
}

function objectAt(root: Record<string, unknown>, ...path: string[]): Record<string, unknown> {
  let node: unknown = root;
  for (const key of path) node = isObject(node) ? node[key] : undefined;
  return isObject(node) ? node : {};
}

function isFinite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isStringOrNumber(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
