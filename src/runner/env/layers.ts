/**
 * The environment a step sees, as immutable layers: the build's base
 * (machine, Jenkins' usual variables, parameters), values scripts set with
 * `env.X = …` (build-wide), then declarative `environment` blocks and
 * `withEnv`/`withCredentials` layers, innermost winning — the precedence
 * Jenkins has. `PATH+NAME=value` prepends to PATH, as in `withEnv`.
 */
export class EnvLayers {
  private constructor(
    private readonly parent: EnvLayers | undefined,
    private readonly vars: ReadonlyMap<string, string>,
  ) {}

  static empty(): EnvLayers {
    return new EnvLayers(undefined, new Map());
  }

  /** `outer` resolves `PATH+X` against variables below the layers (the machine's PATH). */
  with(vars: Iterable<[string, string]>, outer?: (name: string) => string | undefined): EnvLayers {
    const map = new Map<string, string>();
    for (const [name, value] of vars) {
      const plus = name.indexOf('+');
      if (plus > 0) {
        const base = name.slice(0, plus);
        const current = map.get(base) ?? (outer ? outer(base) : this.get(base));
        map.set(base, current ? `${value}:${current}` : value);
      } else map.set(name, value);
    }
    return new EnvLayers(this, map);
  }

  get(name: string): string | undefined {
    if (this.vars.has(name)) return this.vars.get(name);
    return this.parent?.get(name);
  }

  /** Everything visible, outer layers first so inner ones override. */
  entries(): Map<string, string> {
    const out = this.parent ? this.parent.entries() : new Map<string, string>();
    for (const [k, v] of this.vars) out.set(k, v);
    return out;
  }
}

/** Parses `NAME=value` items of `withEnv([...])`. */
export function parseAssignments(items: string[]): Array<[string, string]> {
  return items.map((item) => {
    const eq = item.indexOf('=');
    return eq < 0 ? [item, ''] : [item.slice(0, eq), item.slice(eq + 1)];
  });
}
