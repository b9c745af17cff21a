import type { Config } from '../config/defaults.js';

/** Names the servo endpoint accepts for accounts and applications. */
export const NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$';

/** The configured fleet: prefix + zero-padded index, from `first` for `apps` names. */
export class FleetNames {
  private readonly pattern: RegExp;

  constructor(private readonly fleet: Config['fleet']) {
    this.pattern = new RegExp(`^${escapeRegExp(fleet.prefix)}(\\d+)$`);
  }

  /** The listed names in order. */
  *names(): Generator<string> {
    const last = this.fleet.first + this.fleet.apps;
    for (let index = this.fleet.first; index < last; index++) yield this.nameAt(index);
  }

  nameAt(index: number): string {
    return `${this.fleet.prefix}${String(index).padStart(this.fleet.width, '0')}`;
  }

  /** Whether a name is one of the listed ones (same padding included). */
  has(name: string): boolean {
    const digits = this.pattern.exec(name)?.[1];
    if (digits === undefined) return false;
    const index = Number(digits);
    const inRange = index >= this.fleet.first && index < this.fleet.first + this.fleet.apps;
    return inRange && this.nameAt(index) === name;
  }

  /** A short description for error messages: "app00000..app00004". */
  describe(): string {
    if (this.fleet.apps === 0) return 'empty';
    const last = this.fleet.first + this.fleet.apps - 1;
    return `${this.nameAt(this.fleet.first)}..${this.nameAt(last)}`;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
