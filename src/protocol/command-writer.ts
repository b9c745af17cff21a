import type { Config } from '../config/defaults.js';
import { derivedState } from './adjust-payload.js';
import type { DescriptorRegistry } from './descriptor-registry.js';
import { CommandKind } from './phases.js';

/**
 * Serialises the commands WHATS_NEXT hands out. Everything but the cmd_uid
 * is the same for every application sharing a descriptor, so those parts are
 * serialised once and reused.
 */
export class CommandWriter {
  private readonly describePrefix = '{"cmd":"DESCRIBE","param":{},"cmd_uid":"';
  private readonly measurePrefixes: string[] = [];
  private readonly fixedAdjustPrefix: string;
  private readonly adjustControl: string;

  constructor(
    private readonly config: Pick<Config, 'measure' | 'adjust'>,
    private readonly registry: DescriptorRegistry,
  ) {
    this.adjustControl = JSON.stringify(config.adjust.control);
    this.fixedAdjustPrefix = adjustPrefix(JSON.stringify(config.adjust.state), this.adjustControl);
  }

  /** The command of `kind`, numbered `seq` for the application `key`. */
  write(kind: CommandKind, descriptorId: number, key: string, seq: number): string {
    switch (kind) {
      case CommandKind.DESCRIBE:
        return `${this.describePrefix}${seq}"}`;
      case CommandKind.MEASURE:
        return `${this.measurePrefix(descriptorId)}${seq}"}`;
      case CommandKind.ADJUST:
        return `${this.adjustPrefix(descriptorId, key, seq)}${seq}"}`;
      default:
        throw new RangeError(`no command of kind ${kind}`);
    }
  }

  private measurePrefix(descriptorId: number): string {
    const cached = this.measurePrefixes[descriptorId];
    if (cached !== undefined) return cached;

    const param = {
      metrics: this.registry.get(descriptorId).metrics,
      control: this.config.measure.control,
    };
    const prefix = `{"cmd":"MEASURE","param":${JSON.stringify(param)},"cmd_uid":"`;
    this.measurePrefixes[descriptorId] = prefix;
    return prefix;
  }

  private adjustPrefix(descriptorId: number, key: string, seq: number): string {
    const settings = this.registry.get(descriptorId).settings;
    if (this.config.adjust.mode === 'fixed' || settings.length === 0) return this.fixedAdjustPrefix;

    // Commands alternate MEASURE, ADJUST, so seq / 2 counts this application's ADJUSTs.
    const state = derivedState(settings, this.config.adjust.seed, key, Math.floor(seq / 2));
    return adjustPrefix(JSON.stringify(state), this.adjustControl);
  }
}

function adjustPrefix(state: string, control: string): string {
  return `{"cmd":"ADJUST","param":{"state":${state},"control":${control}},"cmd_uid":"`;
}

/** The cmd_uid of an application's command number `seq`. */
export function commandUid(seq: number): string {
  return String(seq);
}
